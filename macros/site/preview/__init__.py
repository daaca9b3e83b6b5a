"""The preview (`mkdocs serve --dirty`, which `make preview` runs): after an edit, only the pages the edit can
change are made and rendered again, and a mistake is shown in the browser instead of the site.

How it stays honest:

- every page made from the data records what it read (reads.py); after an edit to the data folder the data
  is read and checked in full as in any build, compared with the last good read (changes.py), and only the
  pages that read something that changed are made again. One whose markdown comes out the same is not
  rendered again. An editor's page is rendered again when its file, or anything its macros read, changed;
- a page's record (what it read, its markdown, the rows and charts it showed, its search entries) is kept
  only once its HTML is written: a build that stops half-way leaves no record that claims a page is current;
- what pages share is made again on every build from the records: the search index, the charts folder, the
  build report, the sitemap. Downloads (most of a full build's writing) are written when first asked for;
- a change to mkdocs.yml, the care settings, the theme's overrides folder, datapackage.json or the glossary
  makes every page again, as does a navigation whose titles come from the pages themselves.

Mistakes (data problems, a page's macro, anything that stops a build) are listed on a page the browser shows
for every address until a build succeeds (browser.py).
"""

from __future__ import annotations

import copy
import gc
import hashlib
import logging
import os
import shutil
import threading
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ...analysis.disagreements import Disagreement
from ...data.model import Dataset
from ..context import Context
from ..downloads import FOLDER as DOWNLOADS
from ..downloads import write_downloads
from ..settings import Settings
from . import changes
from .browser import problem_html
from .reads import Read, Reads, RecordedDataset, RecordedMapping, RecordedSequence

log = logging.getLogger("mkdocs.plugins.care")
FULL_COLLECTION_EVERY = 20  # data readings between full garbage collections (see Preview.settle)
PROBLEM_PAGE = ".preview-problem.html"  # in the site folder while a mistake stops the preview (browser.py serves it)


@dataclass
class PageRecord:
    """What the preview knows about a page whose HTML is in the site folder."""

    reads: frozenset[Read]
    source: str  # the generated markdown, or the editor's file as it was rendered
    generated: bool
    shown: frozenset = frozenset()  # rows the page displayed (for the build report)
    charts: frozenset[str] = frozenset()  # charts the page shows
    search: list[dict] = field(default_factory=list)  # the entries the search plugin made from the page
    advice: list = field(default_factory=list)  # advice and fact-check warnings on an editor's page
    mismatches: list = field(default_factory=list)
    body: str = ""  # an editor's page: a hash of what the theme is given (its HTML, title, contents, front matter)


class Preview:
    """The preview's state, kept by the care plugin across the builds of one `mkdocs serve --dirty`."""

    def __init__(self) -> None:
        self.records: dict[str, PageRecord] = {}  # pages whose HTML in the site folder is current
        self.loaded: changes.Loaded | None = None  # the last good read of the data folder
        self.changed: set[Read] = set()  # what the data edits since the last build changed
        self.reads = Reads()
        self.problems: list[str] = []  # this build's mistakes: while there are any, the browser shows them
        self.render_all = False
        self._good: tuple[Context | None, changes.Loaded | None] = (None, None)  # the last good build's, for the downloads
        self._inputs = ""  # a hash of what every page depends on (mkdocs.yml, settings, the theme's overrides)
        self._render: set[str] = set()  # pages to render in this build
        self._pending: dict[str, PageRecord] = {}  # made in this build, kept once written
        self._failed: set[str] = set()  # pages whose macros failed in this build
        self._made: set[str] = set()  # pages made from the data in this build
        self._groups: dict[str, list[str]] = {}  # each maker's pages, by the maker's key
        self._remade: list[str] = []  # pages made again in this build (for the line the terminal shows)
        self._written: list[str] = []  # pages whose HTML this build wrote
        self._making: tuple[str, _Made, tuple] | None = None  # the editor's page being made, and the build's totals
        self._before: dict[str, PageRecord] = {}  # editors' pages being made again: their records until then
        self._last: Context | None = None  # the last build's, whose headlines the next build keeps where it can
        self._theme: Environment | None = None  # the theme's templates, compiled once while mkdocs.yml and overrides stay
        self._order: list[str] = []  # this build's pages, in the order mkdocs builds them
        self._outputs: set[str] = set()  # the files the last good build wrote for the pages and static files
        self._charts: set[str] = set()  # the charts in the site folder
        self._search_seen = 0
        self._settled = 0
        self._site = Path()
        self._downloads_lock = threading.Lock()
        self._downloads_for: changes.Loaded | None = None  # the data the downloads in the site folder were written from

    # Before anything is read -----------------------------------------------------------------------

    def start(self, config: MkDocsConfig, settings: Settings) -> None:
        """A build begins: forget the last build's mistakes; everything is made again if what every page
        depends on changed. A page's macro error is shown in the browser, so mkdocs-macros must not stop."""
        self.problems, self._pending, self._failed, self._render, self._made, self._before = [], {}, set(), set(), set(), {}
        self.reads.current, self._search_seen, self.render_all, self._making = None, 0, False, None
        self._remade, self._written = [], []
        self._site = Path(config.site_dir)
        inputs = _inputs_of(config, settings)
        if inputs != self._inputs:
            self.records.clear()
            self._inputs, self._theme = inputs, None
        macros = config.plugins.get("macros")
        if macros is not None:
            macros.config["on_error_fail"] = False

    def read_data(self, folder: Path, threshold: int) -> tuple[Dataset, list[Disagreement]]:
        """The data read and checked again (DataProblems when it is wrong), and what changed since the last
        good read added to `changed`."""
        self.settle()
        loaded, changed = changes.read(folder, threshold, self.loaded)
        gc.freeze()  # a national data set is millions of objects: see settle
        self.loaded = loaded
        if changed is None:
            self.records.clear()
        else:
            self.changed |= changed
        return loaded.dataset, loaded.disagreements

    def watch(self, ctx: Context) -> None:
        """Record what each page reads from this build's data: its pages see the data through recorders. The
        headlines of the series no edit changed are taken from the last build (the home page has them all)."""
        earlier, self._last = self._last, ctx
        if earlier is not None and self.records:
            changed = self.changed

            def kept(key) -> bool:
                return ("series", key) not in changed and ("outcomes_by", key) not in changed and ("measures", key[2]) not in changed

            ctx.keep_headlines(earlier, kept)
        ctx.data = cast(Dataset, RecordedDataset(ctx.data, self.reads))
        ctx.disagreements = cast(list, RecordedSequence("disagreements", ctx.disagreements, self.reads))
        ctx.disagreements_by_area = cast(dict, RecordedMapping("disagreements_by_area", ctx.disagreements_by_area, self.reads))

    def problem(self, message: str) -> None:
        """A mistake the editor must fix: said in the terminal, and shown in the browser after this build."""
        self.problems.append(message)
        log.error(message)

    # Pages ----------------------------------------------------------------------------------------

    def made(self, config: MkDocsConfig, ctx: Context, key: str, make: Callable[[], dict[str, str]]) -> list[File]:
        """The files of the pages one maker writes from the data (a page, or a page and the parts of its list,
        as {address: markdown}): made again only when something the maker read changed, and each rendered again
        only when its markdown changed."""
        before = [self.records.get(uri) for uri in self._groups.get(key, [])]
        if before and all(r is not None and r.generated and r.reads.isdisjoint(self.changed) for r in before):
            pages = self._groups[key]
            self._made.update(pages)
            for record in before:
                assert record is not None
                ctx.shown |= record.shown
                ctx.charts_used |= record.charts
            return [self._decided(File.generated(config, uri, content=self.records[uri].source), uri) for uri in pages]
        with self._recording(ctx) as made:
            contents = make()
        self._groups[key] = list(contents)
        self._remade += list(contents)
        files = []
        for uri, content in contents.items():
            self._made.add(uri)
            record = self.records.get(uri)
            fresh = PageRecord(frozenset(made.reads), content, True, frozenset(made.shown), frozenset(made.charts))
            if record is not None and record.generated and record.source == content:
                fresh.search = record.search  # the same markdown: the HTML in the site folder is still right
                self.records[uri] = fresh
            else:
                self.records.pop(uri, None)  # until its new HTML is written
                self._pending[uri] = fresh
                self._render.add(uri)
            files.append(self._decided(File.generated(config, uri, content=content), uri))
        return files

    def decide(self, files: Files, ctx: Context) -> None:
        """After the pages made from the data: which other pages (editors') to render. Then the data's changes
        have all been acted on."""
        for uri in [u for u, r in self.records.items() if r.generated and u not in self._made]:
            del self.records[uri]  # a page the data no longer makes (its file is removed with the leftovers)
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            uri = file.src_uri
            if uri in self._made:
                continue
            record = self.records.get(uri)
            if record is not None and not record.generated and record.source == file.content_string and record.reads.isdisjoint(self.changed):
                ctx.shown |= record.shown
                ctx.charts_used |= record.charts
            else:
                if record is not None:
                    self._before[uri] = self.records.pop(uri)
                self._render.add(uri)
            self._decided(file, uri)
        self.changed = set()

    def keep_site(self, files: Files, config: MkDocsConfig) -> Files:
        """A mistake stopped this build before its pages: keep the site folder as the last good build left it
        (the browser shows the mistake meanwhile)."""
        present = {f.src_uri for f in files}
        for uri, record in self.records.items():
            if record.generated and uri not in present:
                files.append(File.generated(config, uri, content=record.source))
        for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
            self._decided(file, file.src_uri)
        self._render = set()
        return files

    def check_nav(self, nav: Navigation, config: MkDocsConfig) -> None:
        """Pages not rendered again keep their navigation: right only when every title in it is fixed in
        mkdocs.yml (a title taken from a page would be missing), and when the search plugin's index can be
        put together from each page's entries. Otherwise every page is rendered, as in a full build."""
        untitled = [page for page in nav.pages if page.title is None]
        search = [p for name, p in config.plugins.items() if name.endswith("search")]
        if untitled or any(not isinstance(getattr(getattr(p, "search_index", None), "entries", None), list) for p in search):
            self.render_all = True

    def theme(self, env: Environment) -> Environment:
        """The theme's Jinja environment of the first build, its templates already compiled (mkdocs makes a new
        one every build, and compiling Material's templates costs about a second). It holds no build's state:
        the theme's folders and language come from mkdocs.yml, and a change there starts afresh."""
        if self._theme is None:
            self._theme = env
        return self._theme

    def gathered(self, files: Files) -> None:
        """All pages are known (mkdocs' env event): their order, and the files this build writes."""
        self._order = [f.src_uri for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)]
        if not self.problems:
            outputs = {f.abs_dest_path for f in files}
            for leftover in sorted(self._outputs - outputs):  # a page whose area or file was removed
                _remove(Path(leftover), self._site)
            self._outputs = outputs

    def page_started(self, page: Page, ctx: Context) -> None:
        """An editor's page is about to be made (its macros, then the figures added after them): what it
        reads, shows and draws is recorded as the page's until `page_finished`."""
        made = _Made()
        self._making = (page.file.src_uri, made, (ctx.shown, ctx.charts_used))
        self._remade.append(page.file.src_uri)
        ctx.shown, ctx.charts_used, self.reads.current = made.shown, made.charts, made.reads

    def page_finished(self, page: Page, html: str, ctx: Context) -> None:
        """An editor's page is made, `html` its content as the theme will get it."""
        if self._making is None or self._making[0] != page.file.src_uri:
            return
        uri, made, (shown, charts) = self._making
        shown |= made.shown  # the build's totals, added to in place (a copy a page would cost a national build minutes)
        charts |= made.charts
        ctx.shown, ctx.charts_used, self.reads.current, self._making = shown, charts, None, None
        record = PageRecord(frozenset(made.reads), page.file.content_string, False, frozenset(made.shown), frozenset(made.charts))
        record.advice, record.mismatches, record.body = made.advice, made.mismatches, _body(page, html)
        before = self._before.pop(uri, None)
        if before is not None and before.body == record.body and uri not in self._failed and not self.render_all:
            # Its macros ran (what they read changed) but gave the same page: the HTML written before is still
            # right, so it is not written again. mkdocs asks `is_modified` again before writing each page.
            record.search = before.search
            self.records[uri] = record
            self._render.discard(uri)
        else:
            self._pending[uri] = record

    def page_failed(self, uri: str, message: str) -> None:
        """A macro on an editor's page failed (macros/__init__.py reports it)."""
        self._failed.add(uri)
        self.problem(message)

    def findings(self, uri: str, advice: list, mismatches: list) -> None:
        """The advice and fact-check warnings on the editor's page being made, kept with its record."""
        if self._making is not None and self._making[0] == uri:
            self._making[1].advice += advice
            self._making[1].mismatches += mismatches

    def rendered(self, page: Page, config: MkDocsConfig) -> None:
        """A page's HTML is written: its record is now current (unless its macros failed)."""
        uri = page.file.src_uri
        entries = []
        for plugin in (p for name, p in config.plugins.items() if name.endswith("search")):
            index = getattr(plugin, "search_index", None)
            if index is not None and isinstance(getattr(index, "entries", None), list):
                entries = index.entries[self._search_seen :]
                self._search_seen = len(index.entries)
        self._written.append(uri)
        record = self._pending.pop(uri, None) or self.records.get(uri)
        if uri in self._failed:
            self.records.pop(uri, None)
        elif record is not None:
            record.search = list(entries)
            self.records[uri] = record

    # After the pages ------------------------------------------------------------------------------

    def search_entries(self, config: MkDocsConfig) -> None:
        """Before the search plugin writes its index: every page's entries, in page order, those of pages not
        rendered again taken from their records (the plugin saw only the pages it rendered)."""
        entries = [entry for uri in self._order if uri in self.records for entry in self.records[uri].search]
        for plugin in (p for name, p in config.plugins.items() if name.endswith("search")):
            if hasattr(plugin, "search_index"):
                plugin.search_index.entries = entries
                plugin.search_index_prev = None  # Material's own dirty-build merging would add the entries twice

    def findings_in_order(self) -> tuple[list, list]:
        """The advice and fact-check warnings of every editor's page, in page order."""
        advice, mismatches = [], []
        for uri in self._order:
            record = self.records.get(uri)
            if record is not None:
                advice += record.advice
                mismatches += record.mismatches
        return advice, mismatches

    def finish(self, ctx: Context | None, cache: Path) -> None:
        """After a build: the charts folder made to match the pages, the downloads removed if the data changed
        (written again when asked for), and the problem page written or removed."""
        if self.problems:
            (self._site / PROBLEM_PAGE).write_text(problem_html(self.problems), encoding="utf-8")
            return
        (self._site / PROBLEM_PAGE).unlink(missing_ok=True)
        shown = ", ".join(self._written[:6]) + (f" and {len(self._written) - 6} more" if len(self._written) > 6 else "")
        log.info(
            f"Preview: {len(self._remade)} of {len(self._order)} pages made again, {len(self._written)} written" + (f" ({shown})" if shown else "")
        )
        if ctx is None:
            return
        charts = self._site / "charts"
        charts.mkdir(exist_ok=True)
        for key in sorted(ctx.charts_used - self._charts):
            shutil.copyfile(cache / f"{key}.svg", charts / f"{key}.svg")
        for key in sorted(self._charts - ctx.charts_used):
            (charts / f"{key}.svg").unlink(missing_ok=True)
        if not self._charts:  # the first good build
            threading.Thread(target=_warm_up_charts, daemon=True).start()
        self._charts = set(ctx.charts_used)
        with self._downloads_lock:
            self._good = (ctx, self.loaded)
            if self._downloads_for is not self.loaded:
                shutil.rmtree(self._site / DOWNLOADS, ignore_errors=True)
                self._downloads_for = None

    def settle(self) -> None:
        """Collect the garbage of the builds before, then set what is left aside from the garbage collector
        (gc.freeze): done after the first build and before each reading of the data, whose objects are set aside
        as soon as they are made. A national data set is millions of objects; without this the collections of
        every build after an edit look at them all again (seconds a build). The data holds no reference cycles,
        so a data set set aside is still freed when the next replaces it; what a plugin still held from the last
        build when it was set aside (its pages, a few megabytes) is only freed by a full collection, done every
        FULL_COLLECTION_EVERY readings (a second or two, that once)."""
        self._settled += 1
        if self._settled % FULL_COLLECTION_EVERY == 0:
            gc.unfreeze()
        gc.collect()
        gc.freeze()

    def broke(self, message: str) -> None:
        """A build stopped with an error (browser.guard): show it. Pages it had begun have no record, so the
        next build makes them again."""
        self.problems = [message]
        self._site.mkdir(parents=True, exist_ok=True)
        (self._site / PROBLEM_PAGE).write_text(problem_html(self.problems), encoding="utf-8")

    def downloads(self) -> None:
        """Write the downloads from the last good build's data if the site folder does not have them yet (the
        browser asked for one: browser.py). The same files a full build writes."""
        with self._downloads_lock:
            ctx, loaded = self._good
            if ctx is not None and loaded is not None and self._downloads_for is not loaded:
                plain = copy.copy(ctx)  # the data itself, not the recorder pages read it through
                plain.data = loaded.dataset
                write_downloads(plain, self._site)
                self._downloads_for = loaded

    # Helpers --------------------------------------------------------------------------------------

    def _decided(self, file: File, uri: str) -> File:
        """mkdocs --dirty renders a page when its file says it is modified: the answer is the preview's."""
        file.is_modified = lambda: self.render_all or uri in self._render  # type: ignore[method-assign]
        return file

    @contextmanager
    def _recording(self, ctx: Context):
        """What the code in the block reads from the data, shows and draws, kept apart from the build's totals
        (which still get it)."""
        made = _Made()
        shown, charts = ctx.shown, ctx.charts_used
        ctx.shown, ctx.charts_used, self.reads.current = made.shown, made.charts, made.reads
        try:
            yield made
        finally:
            shown |= made.shown  # in place, as in page_finished
            charts |= made.charts
            ctx.shown, ctx.charts_used, self.reads.current = shown, charts, None


@dataclass
class _Made:
    """What a page read, showed and drew while it was made."""

    reads: set[Read] = field(default_factory=set)
    shown: set[tuple[str, Any]] = field(default_factory=set)
    charts: set[str] = field(default_factory=set)
    advice: list = field(default_factory=list)
    mismatches: list = field(default_factory=list)


def _warm_up_charts() -> str:
    """The first chart a process draws costs over a second (Altair imported, vl-convert's engine started): done
    in the background after the first build, so that the chart an edit changes costs what a chart costs.
    The SVG drawn, for the test."""
    import altair  # noqa: F401

    from ...presentation.charts.drawing import compile_vega_lite, render_svg

    return render_svg(compile_vega_lite({"mark": "point", "data": {"values": [{"x": 1}]}, "encoding": {"x": {"field": "x", "type": "quantitative"}}}))


def _body(page: Page, html: str) -> str:
    """A hash of what the theme makes an editor's page from: its HTML, title, table of contents and front matter."""

    def toc(items) -> list:
        return [(item.title, item.url, item.level, toc(item.children)) for item in items]

    content = repr((html, page.title, toc(page.toc), sorted(page.meta.items(), key=lambda kv: str(kv[0]))))
    return hashlib.sha256(content.encode()).hexdigest()


def _inputs_of(config: MkDocsConfig, settings: Settings) -> str:
    """A hash of what every page depends on besides its own inputs: mkdocs.yml, the care settings, the
    theme's overrides folder."""
    digest = hashlib.sha256(repr(settings).encode())
    if config.config_file_path and os.path.isfile(config.config_file_path):
        digest.update(Path(config.config_file_path).read_bytes())
    custom = config.theme.custom_dir
    if custom and os.path.isdir(custom):
        for path in sorted(Path(custom).rglob("*")):
            if path.is_file():
                digest.update(f"{path}:{path.stat().st_mtime_ns}:{path.stat().st_size}".encode())
    return digest.hexdigest()


def _remove(path: Path, site: Path) -> None:
    """Remove a file the site no longer has, and the folders it leaves empty."""
    path.unlink(missing_ok=True)
    folder = path.parent
    while folder != site and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


class _DirtyWarning(logging.Filter):
    """mkdocs warns on every --dirty build that navigation and links may be wrong: the preview makes them right
    (pages whose navigation could change are all rendered again), so the warning would only alarm editors."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("A 'dirty' build is being performed")


def quiet_dirty_warning() -> None:
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyWarning) for f in logger.filters):
        logger.addFilter(_DirtyWarning())
