"""The mkdocs plugin (`care` in mkdocs.yml): reads the data, adds a page for every area, scheme and measure,
and writes the downloads and the build report. It only orchestrates: the page engine (site/engine/) makes
every page, in a build and in `mkdocs serve` alike; the logic lives in the sub-packages it calls. This
class holds the state of one mkdocs command, so nothing is kept in module globals.

Registered as the `mkdocs.plugins` entry point `care` in pyproject.toml (the project is installed in
editable mode by `make install`).
"""

from __future__ import annotations

import html
import logging
from dataclasses import replace
from datetime import date
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .analysis.status import ALL
from .data.errors import DataProblems, PageProblem
from .data.loader import tabular
from .presentation import charts
from .site import github, public_body, report
from .site.advice import Advice, advise
from .site.build_log import BuildLog
from .site.catalogue import page_units
from .site.context import Context
from .site.engine import PROBLEM_PAGE, Engine, quiet_dirty_warning
from .site.engine.browser import Served
from .site.engine.units import PageUnit
from .site.fact_check import Mismatch, check_page
from .site.html_blocks import CareMarkdown, PageExtras, unmarked
from .site.page_html import line_of, marks_in
from .site.pages import area_figures, scheme_figures
from .site.render import squeeze_indentation, status_icons_css
from .site.sections import age, made_up
from .site.settings import Settings
from .site.since_commit import Comparison, compare

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


class _ReportTo(c.Type):
    """Where a reader reports a problem: an email address or a GitHub repository's address, or empty."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        text = ("" if value is None else str(super().run_validation(value))).strip()
        why = public_body.check_address(text)
        if why:
            raise c.ValidationError(f"{why} (found {value!r}).")
        return text


class _Email(c.Type):
    """An email address, or empty."""

    def __init__(self) -> None:
        super().__init__(str, default="")

    def run_validation(self, value: object) -> str:
        text = ("" if value is None else str(super().run_validation(value))).strip()
        if text and not public_body.EMAIL.match(text):
            raise c.ValidationError(f"must be an email address, or empty (found {value!r}).")
        return text


class CareConfig(base.Config):
    """The `care` plugin's settings in mkdocs.yml, checked by mkdocs before anything is built. Relative
    folders are taken from the folder mkdocs.yml is in. `!ENV [CARE_DATA_DIR, data]` in mkdocs.yml lets
    the environment choose the data."""

    enabled = c.Type(bool, default=True)  # off: the site is built from docs/ alone, as plain mkdocs would
    data_dir = c.Dir(exists=False, default="data")
    small_number_threshold = _AtLeastOne(default=5)
    chart_cache = c.Dir(exists=False, default=".cache/charts")
    history_cache = c.Dir(exists=False, default=".cache/history")  # what each commit changed (data/history.py)
    build_date = _Day()  # how old the figures are is said as at this day; empty: the day the build runs
    # Long lists are split into pages, so that no page grows with the number of areas.
    areas_per_page = _AtLeastOne(default=30)
    names_per_index_page = _AtLeastOne(default=200)
    # A one-off build with this many area and scheme pages or more makes them in a second process (0: never).
    second_process_from = c.Type(int, default=500)
    # What a public body's site must say (site/public_body.py): where a reader reports a problem with a page,
    # who publishes the site and how to reach them about accessibility.
    report_problems_to = _ReportTo()
    organisation = c.Type(str, default="")
    contact = _Email()


class CarePlugin(BasePlugin[CareConfig]):
    def __init__(self) -> None:
        self.engine = Engine()  # made again in on_startup, which says whether the builds are served
        self.ctx: Context | None = None
        self.narrative: dict[str, tuple[str, str]] = {}  # editors' pages for an area or scheme: uri -> (kind, id)
        # On editors' pages: long sentences, hard reading, unexplained abbreviations (advice), and numbers
        # typed into the prose that the data contradicts (warnings: `--strict` fails on them).
        self.advice: list[Advice] = []
        self.mismatches: list[Mismatch] = []
        self.extras = PageExtras()  # what the page being converted gets besides its markdown (site/html_blocks.py)
        # What mkdocs logs during a build (site/build_log.py): its warnings, and broken links with their lines.
        self.build_log: BuildLog | None = None
        self.strict = False  # `--strict`: a warning stops the build, so GitHub marks it as an error
        self.roots: list[Path] = []  # folders the job summary names paths from (github.relative)
        self.summarised = False  # the job summary of a build that stopped is written once, by the first problem

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defined so that `mkdocs serve` keeps this object, and its engine's records, across rebuilds."""
        self.engine = Engine(serving=command == "serve")
        if command == "serve":
            quiet_dirty_warning()
            if not dirty:
                log.info("Every save renders every page again. To render only the pages an edit changes, run `make preview`.")

    def settings(self) -> Settings:
        today = date.fromisoformat(self.config.build_date) if self.config.build_date else date.today()
        return Settings(
            data_dir=Path(self.config.data_dir),
            small_number_threshold=self.config.small_number_threshold,
            chart_cache=Path(self.config.chart_cache),
            history_cache=Path(self.config.history_cache),
            today=today,
            areas_per_page=self.config.areas_per_page,
            names_per_index_page=self.config.names_per_index_page,
            second_process_from=self.config.second_process_from,
            report_problems_to=self.config.report_problems_to,
            organisation=self.config.organisation.strip(),
            contact=self.config.contact,
        )

    def context(self) -> Context:
        """The build under way, for the editors' macros (macros/__init__.py finds this plugin by name)."""
        if self.ctx is None:
            raise PageProblem("mkdocs.yml", None, "the data has not been loaded: list 'care' under plugins:, after 'macros'.")
        return self.ctx

    # mkdocs events, in the order mkdocs calls them ------------------------------------------------

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        if self.ctx is not None:
            self.ctx.charts.close()  # a build that failed may have left workers drawing
        self.ctx = None
        settings = replace(self.settings(), site_name=config.site_name, project_dir=Path(config.config_file_path or ".").parent)
        # Editors' data edits must reload the preview, not only markdown edits (even while the data is wrong).
        if str(settings.data_dir) not in config.watch:
            config.watch.append(str(settings.data_dir))
        self.engine.start(config, settings)
        self.narrative, self.advice, self.mismatches = {}, [], []
        if self.build_log is not None:
            self.build_log.detach()
        self.build_log = BuildLog(Path(config.docs_dir), self._link_problem).attach()
        self.strict, self.summarised = bool(config.strict), False
        self.roots = [Path(config.config_file_path or ".").parent, Path(settings.data_dir).resolve().parent]
        self.extras = PageExtras()
        config.markdown_extensions.append(CareMarkdown(lambda: self.extras))
        try:
            dataset, disagreements = self.engine.data(settings)
        except DataProblems as problems:
            # On GitHub Actions, each problem on its file and line of the pull request, and the list in the job summary.
            github.emit(github.problem_annotations(problems.problems, settings.data_dir, Path(config.config_file_path).parent))
            count = len(problems.problems)
            self._stopped_summary(f"the data has {count} problem{'s' if count != 1 else ''}.", [str(p) for p in problems.problems])
            self.engine.stopped(problems)
            return config
        history = self.engine.history(settings)  # what changed and when: one `git log` a build (data/history.py)
        self.ctx = Context(dataset, settings, config.use_directory_urls, disagreements, history=history)
        self.engine.begin(self.ctx)
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        units: list[PageUnit] = []
        if self.ctx is not None:
            try:
                units, self.narrative = page_units(self.ctx, {f.src_uri for f in files})
            except PageProblem as problem:
                github.emit([github.annotation("error", str(problem).split(": ", 1)[-1], problem.page)])
                self._stopped_summary("a page could not be made.", [str(problem)])
                self.engine.stopped(problem)
        files = self.engine.pages(files, config, self.ctx, units)
        files.append(File.generated(config, ICONS_CSS, content=status_icons_css(ALL)))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation | None:
        if self.config.enabled:
            self.engine.check_nav(nav, config)
        return nav

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        if not self.config.enabled:
            return env
        self.engine.gathered(files)
        env = self.engine.theme(env)
        env.globals["care_made_up"] = made_up(self.ctx)  # every page's notice when the figures are made up
        return env

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if self.ctx is not None:
            self.engine.page_started(page, self.ctx)
        return page

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """What Markdown adds to the page (site/html_blocks.py): on an editor's area or scheme page, how old its
        figures are after its title and, after the editor's words, the generated parts its macros did not show;
        on every editor's page, the glossary's abbreviations. The editor's page is checked for advice and for
        figures the data contradicts."""
        if not self.config.enabled or self.ctx is None:
            return None  # a mistake stopped this build: nothing of it is published, or shown while served
        ctx = self.ctx
        placed = ctx.done_placing(page.file.src_uri)  # the macros (run before this plugin) recorded it
        self.extras = PageExtras(part=placed.part)
        kind, ident = self.narrative.get(page.file.src_uri, ("", ""))
        if kind in ("area", "scheme"):
            area_id, scheme_id = (ident, None) if kind == "area" else (ctx.data.schemes[ident].area_id, ident)
            self.extras.after_title = unmarked(str(age(ctx, area_id, scheme_id))).strip()
            figures = area_figures(ctx, page.url, ident, placed) if kind == "area" else scheme_figures(ctx, page.url, ident, placed)
            markdown += "\n\n" + str(figures)  # as text: str + Markup would escape the page before it
        if not self.engine.is_generated(page.file.src_uri):
            terms = set(ctx.data.glossary)
            advice = advise(f"docs/{page.file.src_uri}", page.file.content_string, terms)
            mismatches = check_page(page.file.src_uri, page.file.content_string, ctx.data)
            self.advice += advice
            for mismatch in mismatches:
                # A warning: the report lists it, GitHub marks the line, `mkdocs build --strict` fails, and the
                # preview shows it on every page until it is fixed.
                self.mismatches.append(mismatch)
                github.emit([github.annotation(self._level, mismatch.message, mismatch.file, mismatch.line)])
                if self.engine.serving:
                    self.engine.page_failed(page.file.src_uri, str(mismatch))
                else:
                    log.warning(str(mismatch))
            self.engine.findings(page.file.src_uri, advice, mismatches)
            self.extras.abbreviations = {t.term: t.meaning for t in ctx.data.glossary.values()}
            self.extras.check_html = True
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        if self.engine.is_generated(page.file.src_uri):
            page.markdown = None  # made from the data and no longer needed: 3,000 pages of it at national scale
        unsafe = self._unsafe(page) if self.extras.check_html else []
        self.extras = PageExtras()
        for problem in unsafe:
            github.emit([github.annotation("error", str(problem).split(": ", 1)[-1], problem.page, problem.line)])
            if self.engine.serving:  # shown on every page of the preview, and in the terminal
                self.engine.page_failed(page.file.src_uri, str(problem))
        if unsafe and not self.engine.serving:
            self._stopped_summary(f"docs/{page.file.src_uri} carries what a page may not.", [str(p) for p in unsafe])
            raise unsafe[0] if len(unsafe) == 1 else PageProblem(f"docs/{page.file.src_uri}", None, _listed(unsafe))
        if self.ctx is not None:
            self.engine.page_finished(page, html, self.ctx)
        return html

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav: Navigation):
        """The footer's links (site/public_body.py): reporting a problem with this page, the accessibility
        statement and the updates."""
        if self.config.enabled and self.ctx is not None:
            # Named as the browser's tab names it (Material's <title>): the front matter's title, else the page's own.
            title = html.unescape(str(page.meta.get("title") or "")) or (page.title if not page.is_homepage else "") or config.site_name
            context["care_footer"] = self.ctx.footer(title, page.url, config.site_url or "")
        return context

    def _unsafe(self, page: Page) -> list[PageProblem]:
        """What the editor's page carries that a page may not (site/page_html.py): script, frames, forms, styles,
        addresses that run script, the site's own block marks; each with its line in the file."""
        file, source = f"docs/{page.file.src_uri}", page.file.content_string
        found = [
            PageProblem(file, line, f"this line has {mark!r}, a mark the site uses for its own parts. Take it out.")
            for line, mark in marks_in(source)
        ]
        found += [PageProblem(file, line_of(source, u.needles), u.message) for u in self.extras.unsafe]
        return sorted(found, key=lambda p: p.line or 0)

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        if not self.config.enabled:
            return output
        self.engine.rendered(page, config)
        return squeeze_indentation(output)

    def page_problem(self, uri: str, message: str) -> None:
        """A macro on an editor's page failed (macros/__init__.py says so): shown in the browser while served;
        otherwise the build stops (mkdocs-macros exits), so the job summary says why now."""
        self.engine.page_failed(uri, message)
        self._stopped_summary("a macro on a page could not be run.", [message])

    def _link_problem(self, uri: str, problem: PageProblem) -> None:
        """A link on a page goes nowhere (mkdocs warned: site/build_log.py): marked on its line on GitHub, and
        shown in the browser while served. mkdocs has said it in the terminal; `--strict` stops the build."""
        github.emit([github.annotation(self._level, str(problem).split(": ", 1)[-1], problem.page, problem.line)])
        if self.engine.serving:
            self.engine.page_failed(uri, str(problem))

    @property
    def _level(self) -> str:
        """How GitHub marks a warning: as an error where it stops the build (`--strict`)."""
        return "error" if self.strict else "warning"

    def _stopped_summary(self, why: str, problems: list[str], report: str = "") -> None:
        """The job summary of a build that publishes nothing, written once, by the first problem that stops it."""
        if not self.engine.serving and not self.summarised:
            self.summarised = True
            github.write_summary(github.stopped_summary(why, problems, self.roots, report))

    def on_shutdown(self) -> None:
        if self.build_log is not None:
            self.build_log.detach()

    def on_build_error(self, *, error: Exception) -> None:
        """Anything else that stopped the build: the job summary says so (mkdocs prints it in the terminal)."""
        self.engine.abort()
        if self.config.enabled:
            self._stopped_summary("the build stopped.", [str(error) or type(error).__name__])
        if self.build_log is not None:
            self.build_log.detach()

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer:
        return Served(self.engine, PROBLEM_PAGE).install(server) if self.config.enabled else server

    @event_priority(50)  # before the search plugin writes its index
    def _search_entries(self, *, config: MkDocsConfig) -> None:
        if self.config.enabled:
            self.engine.search_entries(config)

    def _post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.enabled:
            return
        drawn = self.engine.finish(self.ctx)
        if self.ctx is None or self.engine.problems:
            return
        ctx = self.ctx
        since = Comparison(None, "not compared while previewing")
        if not self.engine.serving:
            folder = ctx.settings.data_dir
            tables = tabular(ctx.data.package)
            rows_now = {res["path"]: len(ctx.data.tables[res["name"]]) for res in tables if res["name"] in ctx.data.tables}
            since = compare(folder, [res["path"] for res in tables], folder.name, rows_now)
            for change in since.lost:  # a warning: `mkdocs build --strict` fails on it
                log.warning(change.warning())
                github.emit([github.annotation(self._level, change.warning().split(": ", 1)[1], change.file)])
        removed = ctx.charts.prune(ctx.charts_used)
        self.advice, self.mismatches = self.engine.findings_in_order(self.advice, self.mismatches)
        for item in self.advice:
            github.emit([github.annotation("warning", item.message, item.file, item.line)])
        text = report.build_report(
            ctx,
            advice=self.advice,
            mismatches=self.mismatches,
            pages_made=self.engine.pages_made,
            narrative=sorted(self.narrative),
            since=since.report_lines(),
            charts_line=f"Charts: {len(ctx.charts_used)} shown, {drawn} of them drawn new; "
            f"{removed} removed from the cache (no build used them for {charts.KEEP_UNUSED_DAYS} days)",
        )
        (Path(config.site_dir) / "build-report.txt").write_text(text, encoding="utf-8")
        warned = self.build_log.warnings if self.build_log is not None else []
        if self.strict and warned:  # mkdocs stops the build right after this: nothing is published
            n, they = len(warned), "they are" if len(warned) > 1 else "it is"
            why = f"the build found {n} warning{'s' if n > 1 else ''}, and a strict build publishes nothing until {they} fixed."
            self._stopped_summary(why, warned, report=text)
        else:
            github.write_summary(github.relative(github.summary_markdown(text), self.roots))
        for line in text.splitlines():
            log.info(line)

    on_post_build = CombinedEvent(_search_entries, _post_build)


def _listed(problems: list[PageProblem]) -> str:
    """Several problems of one page, as one error that stops the build."""
    return f"{len(problems)} things this page may not carry:\n" + "\n".join(f"  - {p}" for p in problems)
