"""Where the data of each chart is written, once a build (downloads.chart_data)."""

from __future__ import annotations

from pathlib import Path


class ChartFiles:
    """The data of the charts, each written once. In a one-off build a page's chart file is written into the site
    as the page is made (mkdocs has emptied the folder before it makes pages), so no file's text is held until
    the end: write_figures then writes only the series no page charted. A served build writes every file when
    the downloads are asked for (engine.downloads), so here it keeps nothing and writes nothing."""

    def __init__(self, site_dir: Path | None = None) -> None:
        self.site_dir = site_dir
        self.written: set[tuple] = set()
        self._folders: set[Path] = set()

    def write(self, key: tuple, address: str, text: str) -> None:
        if self.site_dir is None or key in self.written:
            return
        path = self.site_dir / address
        if path.parent not in self._folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._folders.add(path.parent)
        path.write_text(text, encoding="utf-8")
        self.written.add(key)
