"""The mkdocs plugin (`care` in mkdocs.yml): reads the data once, adds a page for every area, scheme and
measure, and writes the downloads and the build report. The logic lives in the sub-packages it calls;
this class holds one build's state, so nothing is kept in module globals.

Registered as the `mkdocs.plugins` entry point `care` in pyproject.toml (the project is installed in
editable mode by `make install`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import cast

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .analysis.disagreements import Disagreement, find_disagreements
from .analysis.status import ALL
from .data.errors import DataProblems, PageProblem
from .data.loader import load
from .data.model import Dataset
from .data.nearest import did_you_mean
from .presentation import charts
from .site import github, report
from .site.advice import Advice, Syllables, advise
from .site.context import SECTIONS, Context
from .site.downloads import write_downloads
from .site.fact_check import Mismatch, check_page
from .site.html_blocks import CareMarkdown, PageExtras, unmarked
from .site.pages import area_figures, area_page, index_pages, measure_pages, scheme_figures, scheme_page
from .site.preview import PROBLEM_PAGE, Preview, quiet_dirty_warning
from .site.preview.browser import Served
from .site.render import squeeze_indentation, status_icons_css
from .site.sections import age
from .site.settings import Settings

log = logging.getLogger("mkdocs.plugins.care")
ICONS_CSS = "assets/care-icons.css"  # listed under extra_css in mkdocs.yml


class _AtLeastOne(c.Type):
    """A whole number of 1 or more."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        number = super().run_validation(value)
        if isinstance(number, bool) or number < 1:
            raise c.ValidationError(f"must be a whole number of 1 or more (found {value!r}).")
        return number


class _Day(c.BaseConfigOption[str]):
    """A date written YYYY-MM-DD (YAML may read it as a date already), or empty for the day the build runs."""

    def __init__(self) -> None:
        super().__init__()
        self.default = ""

    def run_validation(self, value: object) -> str:
        if isinstance(value, date):
            return value.isoformat()
        text = "" if value is None else str(value).strip()
        if text:
            try:
                date.fromisoformat(text)
            except ValueError:
                raise c.ValidationError(f"must be a date written YYYY-MM-DD, or empty for today (found {value!r}).") from None
        return text


class CareConfig(base.Config):
    """The `care` plugin's settings in mkdocs.yml, checked by mkdocs before anything is built. Relative
    folders are taken from the folder mkdocs.yml is in. `!ENV [CARE_DATA_DIR, data]` in mkdocs.yml lets
    the environment choose the data."""

    data_dir = c.Dir(exists=False, default="data")
    small_number_threshold = _AtLeastOne(default=5)
    chart_cache = c.Dir(exists=False, default=".cache/charts")
    build_date = _Day()  # how old the figures are is said as at this day; empty: the day the build runs
    # Long lists are split into pages, so that no page grows with the number of areas.
    areas_per_page = _AtLeastOne(default=30)
    names_per_index_page = _AtLeastOne(default=200)


class CarePlugin(BasePlugin[CareConfig]):
    def __init__(self) -> None:
        self.ctx: Context | None = None
        self.generated: set[str] = set()  # pages this build made from the data
        self.narrative: dict[str, tuple[str, str]] = {}  # editors' pages for an area or scheme: uri -> (kind, id)
        # The data read by the last build, with what it was read from: `mkdocs serve` keeps this plugin
        # between builds (it has on_startup), so a markdown edit does not read the data again.
        self._loaded: tuple[tuple, Dataset, list[Disagreement]] | None = None
        # On editors' pages: long sentences, hard reading, unexplained abbreviations (advice), and numbers
        # typed into the prose that the data contradicts (warnings: `--strict` fails on them).
        self.advice: list[Advice] = []
        self.mismatches: list[Mismatch] = []
        self._syllables = Syllables()  # the pronouncing dictionary, read once when first needed
        self.extras = PageExtras()  # what the page being converted gets besides its markdown (site/html_blocks.py)
        # `mkdocs serve --dirty` (make preview): pages made and rendered again only when an edit changes them,
        # and mistakes shown in the browser (site/preview). None in a build and in a plain `mkdocs serve`.
        self.preview: Preview | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that `mkdocs serve` keeps this object, and the data it read, across rebuilds."""
        if command == "serve" and dirty:
            self.preview = Preview()
            quiet_dirty_warning()
        elif command == "serve":
            log.info("Every save rebuilds every page. For a preview that keeps up, run `make preview` (mkdocs serve --dirty).")

    def settings(self) -> Settings:
        today = date.fromisoformat(self.config.build_date) if self.config.build_date else date.today()
        return Settings(
            Path(self.config.data_dir),
            self.config.small_number_threshold,
            Path(self.config.chart_cache),
            today,
            self.config.areas_per_page,
            self.config.names_per_index_page,
        )

    def dataset(self, settings: Settings) -> tuple[Dataset, list[Disagreement]]:
        """The validated data set and the disagreements inside it; read again only when a file in the data
        folder changed. Raises DataProblems (a message for editors, no traceback, nothing published) when
        the data is wrong."""
        folder = settings.data_dir
        files = sorted(folder.glob("*")) if folder.is_dir() else []
        stamp = (str(folder), settings.small_number_threshold, tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files))
        if self._loaded is None or self._loaded[0] != stamp:
            if self.preview:  # the preview also works out what the edit changed
                self._loaded = (stamp, *self.preview.read_data(folder, settings.small_number_threshold))
            else:
                dataset = load(folder, settings.small_number_threshold)
                self._loaded = (stamp, dataset, find_disagreements(dataset))
        return self._loaded[1], self._loaded[2]

    def context(self) -> Context:
        """The build under way, for the editors' macros (macros/__init__.py finds this plugin by name)."""
        if self.ctx is None:
            raise PageProblem("mkdocs.yml", None, "the data has not been loaded: list 'care' under plugins:, after 'macros'.")
        return self.ctx

    # mkdocs events, in the order mkdocs calls them ------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if self.ctx is not None:
            self.ctx.charts.close()  # a build that failed may have left workers drawing
        settings = self.settings()
        # Editors' data edits must reload the preview, not only markdown edits (even while the data is wrong).
        if str(settings.data_dir) not in config.watch:
            config.watch.append(str(settings.data_dir))
        if self.preview:
            self.preview.start(config, settings)
        try:
            dataset, disagreements = self.dataset(settings)
        except DataProblems as problems:
            # On GitHub Actions, each problem on its file and line of the pull request, and the list in the job summary.
            github.emit(github.problem_annotations(problems.problems, settings.data_dir, Path(config.config_file_path).parent))
            github.write_summary(f"## {problems.args[0].splitlines()[0]}\n\n" + "\n".join(f"- {p}" for p in problems.problems))
            if self.preview:  # the site stays as the last good build left it; the browser shows the problems
                self.preview.problem(str(problems))
                return config
            raise
        self.ctx = Context(dataset, settings, config.use_directory_urls, disagreements)
        self.generated, self.narrative, self.advice, self.mismatches = set(), {}, [], []
        self.extras = PageExtras()
        config.markdown_extensions.append(CareMarkdown(lambda: self.extras))  # type: ignore[arg-type]
        if self.preview:
            self.preview.watch(self.ctx)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self.preview and self.preview.problems:
            return self.preview.keep_site(files, config)
        ctx = self.context()
        data = ctx.data
        wanted = [("area", a) for a in data.areas] + [("scheme", s) for s in data.schemes] + [("measure", m) for m in data.measures]
        existing = {f.src_uri for f in files}
        try:
            _check_narrative_names(data, existing)
        except PageProblem as problem:
            github.emit([github.annotation("error", str(problem).split(": ", 1)[-1], problem.page)])
            if self.preview:
                self.preview.problem(str(problem))
                return self.preview.keep_site(files, config)
            raise
        builders = {"area": area_page, "scheme": scheme_page}
        made: dict[str, str] = {}  # address: markdown; a measure page or an index may come with parts of its list
        for kind, ident in wanted:
            uri = ctx.src_uri(kind, ident)
            if uri in existing:
                self.narrative[uri] = (kind, ident)  # the editor's page keeps its prose; figures are added below
                ctx.shown.add((SECTIONS[kind], ident))
                continue
            if self.preview:  # made again only if an edit changed what the pages show (site/preview)
                make = functools.partial(measure_pages, ctx, ident) if kind == "measure" else functools.partial(_one, uri, builders[kind], ctx, ident)
                self._add(files, self.preview.made(config, ctx, uri, make))
            elif kind == "measure":
                made.update(measure_pages(ctx, ident))
            else:  # 3,150 pages at national scale: each made when mkdocs reads it (see MadeOnRead)
                files.append(MadeOnRead.make(config, uri, functools.partial(builders[kind], ctx, ident)))
                self.generated.add(uri)
        for kind in SECTIONS:
            if ctx.src_uri(kind) not in existing:
                if self.preview:
                    self._add(files, self.preview.made(config, ctx, ctx.src_uri(kind), functools.partial(index_pages, ctx, kind)))
                else:
                    made.update(index_pages(ctx, kind))
        for uri, content in made.items():
            files.append(File.generated(config, uri, content=content))
            self.generated.add(uri)
        files.append(File.generated(config, ICONS_CSS, content=status_icons_css(ALL)))
        if self.preview:
            self.preview.decide(files, ctx)
        return files

    def _add(self, files: Files, pages: list[File]) -> None:
        for page in pages:
            files.append(page)
            self.generated.add(page.src_uri)

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if self.preview:
            self.preview.check_nav(nav, config)
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if self.preview:
            self.preview.gathered(files)
            return self.preview.theme(env)
        return env

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.preview and page.file.src_uri not in self.generated:
            self.preview.page_started(page, self.context())
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """What Markdown adds to the page (site/html_blocks.py): on an editor's area or scheme page, how old its
        figures are after its title and, after the editor's words, the generated parts its macros did not show;
        on every editor's page, the glossary's abbreviations. The editor's page is checked for advice and for
        figures the data contradicts."""
        ctx = self.context()
        placed = ctx.done_placing(page.file.src_uri)  # the macros (run before this plugin) recorded it
        self.extras = PageExtras(part=placed.part)
        kind, ident = self.narrative.get(page.file.src_uri, ("", ""))
        if kind in ("area", "scheme"):
            area_id, scheme_id = (ident, None) if kind == "area" else (ctx.data.schemes[ident].area_id, ident)
            self.extras.after_title = unmarked(str(age(ctx, area_id, scheme_id))).strip()
            figures = area_figures(ctx, page.url, ident, placed) if kind == "area" else scheme_figures(ctx, page.url, ident, placed)
            markdown += "\n\n" + str(figures)  # as text: str + Markup would escape the page before it
        if page.file.src_uri not in self.generated:
            terms = set(ctx.data.glossary)
            advice = advise(f"docs/{page.file.src_uri}", page.file.content_string, terms, self._syllables)
            mismatches = check_page(page.file.src_uri, page.file.content_string, ctx.data)
            self.advice += advice
            for mismatch in mismatches:
                # A warning: the report lists it, GitHub marks the line, and `mkdocs build --strict` fails.
                self.mismatches.append(mismatch)
                log.warning(str(mismatch))
                github.emit([github.annotation("warning", mismatch.message, mismatch.file, mismatch.line)])
            if self.preview:
                self.preview.findings(page.file.src_uri, advice, mismatches)
            self.extras.abbreviations = {t.term: t.meaning for t in ctx.data.glossary.values()}
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.file.src_uri in self.generated:
            page.markdown = None  # made from the data and no longer needed: 3,000 pages of it at national scale
        self.extras = PageExtras()
        if self.preview:
            self.preview.page_finished(page, html, self.context())
        return html

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if self.preview:
            self.preview.rendered(page, config)
        return squeeze_indentation(output)

    def page_problem(self, uri: str, message: str) -> None:
        """A macro on an editor's page failed (macros/__init__.py says so): the preview shows it in the browser."""
        if self.preview:
            self.preview.page_failed(uri, message)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        if self.preview:
            return Served(self.preview, PROBLEM_PAGE).install(server)
        return server

    @event_priority(50)  # before the search plugin writes its index
    def _search_entries(self, *, config: MkDocsConfig) -> None:
        if self.preview and not self.preview.problems:
            self.preview.search_entries(config)

    def _post_build(self, *, config: MkDocsConfig) -> None:
        if self.preview and self.preview.problems:
            if self.ctx is not None:
                self.ctx.finish_charts()  # charts the pages of this build asked for, so later builds find them
            self.preview.finish(None, Path())
            return
        ctx = self.context()
        site = Path(config.site_dir)
        drawn = ctx.finish_charts()  # charts new to the cache are drawn in the background while pages are built
        if self.preview:  # the preview writes the downloads when they are asked for, and only the charts that changed
            self.advice, self.mismatches = self.preview.findings_in_order()
            self.preview.finish(ctx, ctx.settings.chart_cache)
        else:
            write_downloads(ctx, site)
            charts_dir = site / "charts"
            charts_dir.mkdir(exist_ok=True)
            for key in ctx.charts_used:
                (charts_dir / f"{key}.svg").write_bytes((ctx.settings.chart_cache / f"{key}.svg").read_bytes())
        removed = ctx.charts.prune(ctx.charts_used)
        for item in self.advice:
            github.emit([github.annotation("warning", item.message, item.file, item.line)])
        text = report.build_report(
            ctx,
            advice=self.advice,
            mismatches=self.mismatches,
            pages_made=len(self.generated),
            narrative=sorted(self.narrative),
            charts_line=f"Charts: {len(ctx.charts_used)} shown, {drawn} of them drawn new; "
            f"{removed} removed from the cache (no build used them for {charts.KEEP_UNUSED_DAYS} days)",
        )
        (site / "build-report.txt").write_text(text, encoding="utf-8")
        github.write_summary(github.summary_markdown(text))
        for line in text.splitlines():
            log.info(line)

    on_post_build = CombinedEvent(_search_entries, _post_build)


class MadeOnRead(File):
    """A page made from the data when mkdocs reads it, and not kept: mkdocs reads each page once, and keeping
    every page's markdown from on_files to the end of the build held a copy of the whole site in memory."""

    _make: Callable[[], str]

    @classmethod
    def make(cls, config: MkDocsConfig, src_uri: str, make: Callable[[], str]) -> MadeOnRead:
        file = cast(MadeOnRead, cls.generated(config, src_uri, content=""))
        file._make = make
        return file

    @property
    def content_string(self) -> str:
        return self._make()

    @content_string.setter
    def content_string(self, value: str) -> None:  # another plugin may replace the page's markdown
        self._make = lambda: value

    @property
    def content_bytes(self) -> bytes:
        return self._make().encode("utf-8")

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._make = lambda: value.decode("utf-8")


def _one(uri: str, make: Callable, ctx: Context, ident: str) -> dict[str, str]:
    """A maker of one page, as the preview takes makers: {address: markdown}."""
    return {uri: make(ctx, ident)}


def _check_narrative_names(data: Dataset, existing: set[str]) -> None:
    """docs/areas/southamton.md would otherwise publish a page for an area that does not exist."""
    ids: dict[str, Mapping[str, object]] = {"areas": data.areas, "schemes": data.schemes, "measures": data.measures}
    for uri in sorted(existing):
        folder, _, name = uri.partition("/")
        if folder in ids and name.endswith(".md") and "/" not in name and name != "index.md":
            ident = name[:-3]
            if ident not in ids[folder]:
                hint = did_you_mean(ident, ids[folder], suffix=".md")
                raise PageProblem(
                    f"docs/{uri}",
                    None,
                    f"there is no {folder[:-1]} '{ident}' in the data, so this page has nothing to describe. {hint}"
                    f"Rename the file to match an id in {folder}.csv, or add the {folder[:-1]} there first.",
                )
