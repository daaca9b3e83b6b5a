"""What a build knows: the data set (read once), settings, abbreviations, page addresses and charts drawn."""
from __future__ import annotations

import posixpath
from pathlib import Path

from ..analysis import status
from ..analysis.disagreements import find_disagreements
from ..presentation import charts
from ..data.loader import load
from ..data.model import Dataset
from .render import Abbreviations
from .settings import Settings

SECTIONS = {"area": "areas", "scheme": "schemes", "measure": "measures"}

_cache: dict[tuple, "Context"] = {}


class Context:
    def __init__(self, dataset: Dataset, settings: Settings, use_directory_urls: bool = True):
        self.data = dataset
        self.settings = settings
        self.use_directory_urls = use_directory_urls
        self.abbreviations = Abbreviations({t.term: t.meaning for t in dataset.glossary.values()})
        self.charts_used: set[str] = set()
        self.shown: set[tuple[str, object]] = set()  # rows a page displayed, for the build report
        self.charts = charts.ChartMaker(settings.chart_cache, settings.small_number_threshold)  # one per build

    def mark(self, table: str, rows, key: str = "line") -> None:
        self.shown.update((table, getattr(r, key)) for r in rows)

    # Page addresses -------------------------------------------------------------------------
    def src_uri(self, kind: str, ident: str = "index") -> str:
        return f"{SECTIONS[kind]}/{ident}.md"

    def url(self, src_uri: str) -> str:
        """The URL mkdocs gives a page, relative to the site root."""
        stem = src_uri[:-3]
        if not self.use_directory_urls:
            return stem + ".html"
        if stem == "index":
            return ""
        return (stem[:-5] if stem.endswith("/index") else stem + "/")

    def href(self, here: str, target: str) -> str:
        """A link from the page at URL `here` to the site-relative URL `target`."""
        base = here if here.endswith("/") or here == "" else posixpath.dirname(here) + "/"
        rel = posixpath.relpath("/" + target, "/" + base)
        if target.endswith("/") and not rel.endswith("/"):
            rel += "/"
        return "./" if rel == "./" or rel == "." else rel

    def page_href(self, here: str, kind: str, ident: str = "index") -> str:
        return self.href(here, self.url(self.src_uri(kind, ident)))

    # Charts -----------------------------------------------------------------------------------
    def chart(self, series, measure) -> charts.Chart | None:
        """The chart of a series (worked out once per build; drawn in the background if not cached yet)."""
        drawn = self.charts.chart(series, measure)
        if drawn:
            self.charts_used.add(drawn.key)
        return drawn

    def finish_charts(self) -> int:
        """Wait for charts still being drawn (see ChartMaker.finish); call before copying them into the site."""
        return self.charts.finish()


def context_for(config) -> Context:
    """The build's context: the data is read again only when a file in the data folder changed."""
    settings = Settings.from_config(config)
    files = sorted(settings.data_dir.glob("*")) if settings.data_dir.exists() else []
    stamp = tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files)
    key = (str(settings.data_dir), settings.small_number_threshold, stamp, bool(config.get("use_directory_urls", True)))
    if key not in _cache:
        _cache.clear()
        dataset = load(settings.data_dir, settings.small_number_threshold)
        dataset.set_disagreements(find_disagreements(dataset))
        _cache[key] = Context(dataset, settings, bool(config.get("use_directory_urls", True)))
    ctx = _cache[key]
    ctx.charts_used, ctx.shown = set(), set()
    ctx.charts.close()  # a build that failed may have left workers drawing
    ctx.charts = charts.ChartMaker(ctx.settings.chart_cache, ctx.settings.small_number_threshold)  # a chart deleted from the cache since the last build is drawn again
    status.forget()
    global _current
    _current = ctx
    return ctx


_current: Context | None = None


def current() -> Context:
    """The context of the build under way, for macros called while pages render."""
    if _current is None:
        raise RuntimeError("The data has not been loaded: is 'macros/hooks.py' listed under hooks: in mkdocs.yml?")
    return _current


def project_root(config) -> Path:
    return Path(config["config_file_path"]).resolve().parent
