"""mkdocs glue: read the data once, add a page for every area, scheme and measure, write downloads
and the build report. Registered in mkdocs.yml under `hooks:`; the logic lives in the modules it calls."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

# mkdocs imports hook files by path; make the `macros` package importable from the project root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from mkdocs.structure.files import File, Files  # noqa: E402

from macros.presentation import charts
from macros.site import report  # noqa: E402
from macros.site.context import SECTIONS, context_for  # noqa: E402
from macros.site.downloads import write_downloads  # noqa: E402
from macros.data.errors import PageProblem  # noqa: E402
from macros.site.render import squeeze_indentation, status_icons_css  # noqa: E402
from macros.analysis.status import ALL  # noqa: E402
from macros.site.pages import area_figures, area_page, index_page, measure_page, scheme_figures, scheme_page  # noqa: E402
from macros.site.sections import FIGURES_MARK  # noqa: E402

log = logging.getLogger("mkdocs.plugins.care")
ICONS_CSS = "assets/care-icons.css"  # listed under extra_css in mkdocs.yml
_state: dict = {}


def on_config(config):
    ctx = context_for(config)  # raises DataProblems (no traceback, no site) if the data is wrong
    _state.update(ctx=ctx, pages=[], narrative={})
    # Editors' data edits must reload the preview, not only markdown edits.
    if str(ctx.settings.data_dir) not in config["watch"]:
        config["watch"].append(str(ctx.settings.data_dir))
    return config


def on_files(files: Files, config) -> Files:
    ctx = _state["ctx"]
    data = ctx.data
    wanted = [("area", a) for a in data.areas] + [("scheme", s) for s in data.schemes] + [("measure", m) for m in data.measures]
    existing = {f.src_uri for f in files}
    _check_narrative_names(ctx, existing)
    made = []
    for kind, ident in wanted:
        uri = ctx.src_uri(kind, ident)
        if uri in existing:
            _state["narrative"][uri] = (kind, ident)  # the editor's page keeps its prose; figures are added below
            ctx.shown.add((SECTIONS[kind], ident))
            continue
        builder = {"area": area_page, "scheme": scheme_page, "measure": measure_page}[kind]
        files.append(File.generated(config, uri, content=builder(ctx, ident)))
        made.append(uri)
    for kind in SECTIONS:
        uri = ctx.src_uri(kind)
        if uri not in existing:
            files.append(File.generated(config, uri, content=index_page(ctx, kind)))
            made.append(uri)
    _state["pages"] = set(made)
    files.append(File.generated(config, ICONS_CSS, content=status_icons_css(ALL)))
    return files


def on_page_markdown(markdown: str, page, config, files) -> str:
    """An editor's area or scheme page gets the generated figures unless its macros already place them."""
    ctx = _state["ctx"]
    target = _state["narrative"].get(page.file.src_uri)
    if target and FIGURES_MARK not in markdown:
        kind, ident = target
        here = page.url
        if kind == "area":
            markdown += "\n\n" + area_figures(ctx, here, ident)
        elif kind == "scheme":
            markdown += "\n\n" + scheme_figures(ctx, here, ident)
    # Abbreviations in editors' markdown are expanded by the `abbr` extension, fed from the glossary.
    if page.file.src_uri not in _state["pages"]:
        markdown += "\n\n" + "\n".join(f"*[{t.term}]: {t.meaning}" for t in ctx.data.glossary.values()) + "\n"
    return markdown


def on_post_page(output: str, page, config) -> str:
    return squeeze_indentation(output)


def on_post_build(config):
    ctx = _state["ctx"]
    site = Path(config["site_dir"])
    write_downloads(ctx, site)
    charts_dir = site / "charts"
    charts_dir.mkdir(exist_ok=True)
    drawn = ctx.finish_charts()  # charts new to the cache are drawn in the background while pages are built
    for key in ctx.charts_used:
        (charts_dir / f"{key}.svg").write_bytes((ctx.settings.chart_cache / f"{key}.svg").read_bytes())
    removed = ctx.charts.prune(ctx.charts_used)
    text = report.build_report(ctx, pages_made=len(_state["pages"]), narrative=sorted(_state["narrative"]),
                               charts_line=f"Charts: {len(ctx.charts_used)} shown, {drawn} of them drawn new; "
                                           f"{removed} removed from the cache (no build used them for {charts.KEEP_UNUSED_DAYS} days)")
    (site / "build-report.txt").write_text(text, encoding="utf-8")
    for line in text.splitlines():
        log.info(line)


def _check_narrative_names(ctx, existing: set[str]) -> None:
    """docs/areas/southamton.md would otherwise publish a page for an area that does not exist."""
    import difflib

    ids = {"areas": ctx.data.areas, "schemes": ctx.data.schemes, "measures": ctx.data.measures}
    for uri in sorted(existing):
        folder, _, name = uri.partition("/")
        if folder in ids and name.endswith(".md") and "/" not in name and name != "index.md":
            ident = name[:-3]
            if ident not in ids[folder]:
                near = difflib.get_close_matches(ident, list(ids[folder]), n=3, cutoff=0.5)
                hint = f" Did you mean {' or '.join(repr(n + '.md') for n in near)}?" if near else ""
                raise PageProblem(f"docs/{uri}", None, f"there is no {folder[:-1]} '{ident}' in the data, so this page has nothing to describe.{hint} "
                                  f"Rename the file to match an id in {folder}.csv, or add the {folder[:-1]} there first.")
