"""The page engine: every build, `mkdocs build` or `mkdocs serve` (with --dirty or not), makes its pages here,
the same way. A page is a PageUnit (units.py): an address and a function that makes it; an editor's page is
made by mkdocs and the macros. While a page is made, what it reads from the data is recorded through the
Context's read-only view (site/query.py), with the rows it shows and the charts it draws.

Kept between the builds of one `mkdocs serve` (`serving`), those records let a build after an edit make again
only the pages the edit can change:

- after an edit to the data folder the data is read and checked in full as in any build, compared with the
  last good read (changes.py), and only the pages that read something that changed are made again. One whose
  markdown comes out the same is not rendered again (with --dirty: mkdocs asks the engine). An editor's page
  is rendered again when its file, or anything its macros read, changed;
- a page's record is kept only once its HTML is written: a build that stops half-way leaves no record that
  claims a page is current;
- what pages share is made again on every build from the records: the search index, the charts folder, the
  build report. Downloads (most of a full build's writing) are written when first asked for;
- a change to mkdocs.yml, the care settings, the theme's overrides folder, datapackage.json or the glossary
  makes every page again, as does a navigation whose titles come from the pages themselves.

In a build that is not served, nothing is kept (no page is made twice), a mistake stops the build, and the
downloads are written at the end. While served, a mistake (data problems, a page's macro, anything that
stops a build) is listed on a page the browser shows for every address until a build succeeds (browser.py).
"""

from __future__ import annotations

import functools
import gc
import hashlib
import logging
import os
import shutil
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ...analysis.disagreements import Disagreement
from ...data.errors import DataProblems
from ...data.history import History, head_of, read_history
from ...data.model import Dataset
from ..chart_files import ChartFiles
from ..context import Context
from ..downloads import FOLDER as DOWNLOADS
from ..downloads import write_chart_data, write_downloads
from ..finder import write_finder
from ..query import WHOLE, Read
from ..settings import Settings
from . import ahead, changes
from .browser import problem_html
from .units import MadeOnRead, PageUnit

log = logging.getLogger("mkdocs.plugins.care")
FULL_COLLECTION_EVERY = 20  # data readings between full garbage collections (see Engine.settle)
PROBLEM_PAGE = ".preview-problem.html"  # in the site folder while a mistake stops a served build (browser.py serves it)


@dataclass
class PageRecord:
    """What the engine knows about a page whose HTML is in the site folder."""

    reads: frozenset[Read]
    source: str  # a hash of the generated markdown, or the editor's file as it was rendered
    generated: bool
    shown: frozenset = frozenset()  # rows the page displayed (for the build report)
    charts: frozenset[str] = frozenset()  # charts the page shows
    search: list[dict] = field(default_factory=list)  # the entries the search plugin made from the page
    advice: list = field(default_factory=list)  # advice and fact-check warnings on an editor's page
    mismatches: list = field(default_factory=list)
    body: str = ""  # an editor's page: a hash of what the theme is given (its HTML, title, contents, front matter)


class Engine:
    """The state of the builds of one mkdocs command, kept by the care plugin (one engine a command)."""

    def __init__(self, serving: bool = False) -> None:
        # `mkdocs serve`: keep what each page read for the next build, and show mistakes in the browser.
        self.serving = serving
        self.records: dict[str, PageRecord] = {}  # pages whose HTML in the site folder is current
        self.loaded: changes.Loaded | None = None  # the last good read of the data folder
        self._stamp: tuple = ()  # the data folder's file names, times and sizes when it was read
        self.changed: set[Read] = set()  # what the data edits since the last build changed
        self.ctx: Context | None = None  # this build's
        self.problems: list[str] = []  # this build's mistakes: while there are any, the browser shows them
        self._data_failed = False  # a mistake in the data or the pages' names stopped this build
        self.render_all = False
        self._good: tuple[Context | None, changes.Loaded | None] = (None, None)  # the last good build's, for the downloads
        self._inputs = ""  # a hash of what every page depends on (mkdocs.yml, settings, the theme's overrides)
        self._render: set[str] = set()  # pages to render in this build
        self._pending: dict[str, PageRecord] = {}  # made in this build, kept once written
        self._failed: set[str] = set()  # pages whose macros failed in this build
        self._made: set[str] = set()  # pages made from the data in this build
        self._groups: dict[str, list[str]] = {}  # each unit's pages, by its address
        self._remade: list[str] = []  # pages made again in this build (for the line the terminal shows)
        self._written: list[str] = []  # pages whose HTML this build wrote
        self._making: tuple[str, _Made, tuple] | None = None  # the editor's page being made, and the build's totals
        self._before: dict[str, PageRecord] = {}  # editors' pages being made again: their records until then
        self._theme: Environment | None = None  # the theme's templates, compiled once while mkdocs.yml and overrides stay
        self._order: list[str] = []  # this build's pages, in the order mkdocs builds them
        self._outputs: set[str] = set()  # the files the last good build wrote for the pages and static files
        self._charts: set[str] = set()  # the charts in the site folder
        self._search_seen = 0
        self._settled = 0
        self._site = Path()
        self._downloads_lock = threading.Lock()
        self._downloads_for: changes.Loaded | None = None  # the data the downloads in the site folder were written from
        self._history: History | None = None  # the figures' history (data/history.py), and where and at which commit it was read
        self._history_key: tuple[str, str] = ("", "")
        self._ahead: ahead.AheadMaker | None = None  # a one-off build's second process making pages (engine/ahead.py)

    # Before anything is read -----------------------------------------------------------------------

    def start(self, config: MkDocsConfig, settings: Settings) -> None:
        """A build begins: forget the last build's mistakes; everything is made again if what every page
        depends on changed. While served, a page's macro error is shown in the browser, so mkdocs-macros must
        not stop the build."""
        self.problems, self._pending, self._failed, self._render, self._made, self._before = [], {}, set(), set(), set(), {}
        self._data_failed, self._ahead = False, None
        self._search_seen, self.render_all, self._making = 0, False, None
        self._remade, self._written = [], []
        self._site = Path(config.site_dir)
        inputs = _inputs_of(config, settings)
        if inputs != self._inputs:
            self.records.clear()
            self._inputs, self._theme = inputs, None
        macros = config.plugins.get("macros")
        if macros is not None and self.serving:
            macros.config["on_error_fail"] = False

    def data(self, settings: Settings) -> tuple[Dataset, list[Disagreement]]:
        """The validated data set and the disagreements inside it; read again only when a file in the data folder
        changed, with what changed since the last good read added to `changed`. Raises DataProblems (a message
        for editors, no traceback) when the data is wrong."""
        folder = settings.data_dir
        files = sorted(folder.glob("*")) if folder.is_dir() else []
        stamp = (str(folder), settings.small_number_threshold, tuple((f.name, f.stat().st_mtime_ns, f.stat().st_size) for f in files))
        if self.loaded is None or stamp != self._stamp:
            if self.serving:
                self.settle()
            loaded, changed = changes.read(folder, settings.small_number_threshold, self.loaded, compared=self.serving)
            if self.serving:
                gc.freeze()  # a national data set is millions of objects: see settle
            self.loaded, self._stamp = loaded, stamp
            if changed is None:
                self.records.clear()
            else:
                self.changed |= changed
        return self.loaded.dataset, self.loaded.disagreements

    def history(self, settings: Settings) -> History:
        """What changed in the figures and when (data/history.py): read once a build at most, and again only when
        the repository has a new commit; what a new history changes for pages is added to `changed`."""
        key = (str(settings.data_dir.resolve()), head_of(settings.data_dir))
        if self._history is None or key != self._history_key:
            fresh = read_history(settings.data_dir, cache=settings.history_cache)
            if self._history is not None:
                old = self._history.by_series
                self.changed |= {("history_by_series", k) for k in set(old) | set(fresh.by_series) if old.get(k) != fresh.by_series.get(k)}
                if _read_of_whole(self._history) != _read_of_whole(fresh):  # a commit that changed no figure changes no page
                    self.changed.add(("history", WHOLE))
            self._history, self._history_key = fresh, key
        return self._history

    def begin(self, ctx: Context) -> None:
        """This build's Context. The headlines of the series no edit changed are taken from the last build's
        (the home page has them all). What pages read is recorded only when it is kept for a next build."""
        earlier, self.ctx = self.ctx, ctx
        ctx.serving = self.serving  # a served build writes the downloads when asked for, from the data
        if not self.serving:
            ctx.chart_files = ChartFiles(self._site)  # each chart's data written as its page is made
        if earlier is not None and self.records:
            changed = self.changed

            def kept(key) -> bool:
                return ("series", key) not in changed and ("outcomes_by", key) not in changed and ("measures", key[2]) not in changed

            ctx.keep_headlines(earlier, kept)
            self.changed |= ctx.changed_since(earlier, changed)  # an area's comparisons, say, that an edit changed

    def stopped(self, error: Exception) -> None:
        """A mistake the editor must fix. Served, it is said in the terminal and shown in the browser after this
        build; otherwise it stops the build."""
        if not self.serving:
            raise error
        self._data_failed = True
        # Each mistake in the data one of the browser's list, so that its heading counts them (not "1 problem"
        # above one block that lists 3).
        self.problems += [str(p) for p in error.problems] if isinstance(error, DataProblems) else [str(error)]
        log.error(str(error))

    @property
    def pages_made(self) -> int:
        """The pages this build made from the data, or kept from the last build's."""
        return len(self._made)

    def is_generated(self, uri: str) -> bool:
        """Whether this build made the page from the data (else it is an editor's, made by mkdocs and the macros)."""
        return uri in self._made

    # Pages ----------------------------------------------------------------------------------------

    def pages(self, files: Files, config: MkDocsConfig, ctx: Context | None, units: list[PageUnit]) -> Files:
        """The files of the pages the data makes, added to `files`; then which of the editors' pages to render.
        After a mistake, the site folder is kept as the last good build left it."""
        if self.problems or ctx is None:
            return self._keep_site(files, config)
        lazy = [unit for unit in units if unit.lazy]
        wanted = ctx.settings.second_process_from
        if not self.serving and wanted and len(lazy) >= wanted and ahead.possible():
            # Before this process makes any page or draws any chart. The two share the pages as they come.
            self._ahead = ahead.AheadMaker(ctx, lazy, self._site, lambda unit: self._page_of(ctx, unit, unit.address, keep=True))
        for unit in units:
            for file in self._unit_files(config, ctx, unit):
                files.append(file)
        self._decide(files, ctx)
        return files

    def _unit_files(self, config: MkDocsConfig, ctx: Context, unit: PageUnit) -> list[File]:
        """The files of one unit's pages: taken as they are when nothing the unit read changed; else made again,
        and each rendered again only when its markdown changed. A lazy unit with no record is made when mkdocs
        reads it."""
        key = unit.address
        before = [self.records.get(uri) for uri in self._groups.get(key, [])]
        if before and all(r is not None and r.generated and r.reads.isdisjoint(self.changed) for r in before):
            pages = self._groups[key]
            self._made.update(pages)
            for record in before:
                assert record is not None
                ctx.shown |= record.shown
                ctx.charts_used |= record.charts
            # Read only if mkdocs renders it after all (a build that renders every page).
            return [self._decided(MadeOnRead.make(config, uri, functools.partial(self._page_of, ctx, unit, uri)), uri) for uri in pages]
        if unit.lazy and not before:
            self._groups[key] = [key]
            self._made.add(key)
            self._render.add(key)
            self._remade.append(key)
            make = functools.partial(self._page_of, ctx, unit, key, keep=True)
            if self._ahead is not None and self._ahead.makes(key):
                make = functools.partial(self._ahead.page, key, make)
            return [self._decided(MadeOnRead.make(config, key, make), key)]
        contents = self._made_now(ctx, unit, keep=True)
        self._remade += list(contents)
        return [self._decided(File.generated(config, uri, content=content), uri) for uri, content in contents.items()]

    def _page_of(self, ctx: Context, unit: PageUnit, uri: str, keep: bool = False) -> str:
        return self._made_now(ctx, unit, keep)[uri]

    def _made_now(self, ctx: Context, unit: PageUnit, keep: bool = False) -> dict[str, str]:
        """The unit's pages made now, with what they read, showed and drew; with `keep`, each page's record is
        pending until its HTML is written (and a page whose markdown did not change is not rendered again)."""
        with self._recording(ctx) as made:
            contents = unit.make()
        if not keep:
            return contents
        self._groups[unit.address] = list(contents)
        for uri, content in contents.items():
            self._made.add(uri)
            if not self.serving:  # a record is only for the next build, and there is none: render it
                self._render.add(uri)
                continue
            record = self.records.get(uri)
            fresh = PageRecord(frozenset(made.reads), _digest(content), True, frozenset(made.shown), frozenset(made.charts))
            if record is not None and record.generated and record.source == fresh.source:
                fresh.search = record.search  # the same markdown: the HTML in the site folder is still right
                self._keep(uri, fresh)
            else:
                self.records.pop(uri, None)  # until its new HTML is written
                self._pending[uri] = fresh
                self._render.add(uri)
        return contents

    def _decide(self, files: Files, ctx: Context) -> None:
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

    def _keep_site(self, files: Files, config: MkDocsConfig) -> Files:
        """A mistake stopped this build before its pages: keep the site folder as the last good build left it
        (the browser shows the mistake meanwhile). Nothing is rendered, so no page is made."""
        present = {f.src_uri for f in files}
        for uri, record in self.records.items():
            if record.generated and uri not in present:
                files.append(File.generated(config, uri, content=""))
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
        if self.is_generated(page.file.src_uri):
            return
        made = _Made()
        self._making = (page.file.src_uri, made, (ctx.shown, ctx.charts_used))
        self._remade.append(page.file.src_uri)
        ctx.shown, ctx.charts_used, ctx.reads.current = made.shown, made.charts, made.reads if self.serving else None

    def page_finished(self, page: Page, html: str, ctx: Context) -> None:
        """An editor's page is made, `html` its content as the theme will get it."""
        if self._making is None or self._making[0] != page.file.src_uri:
            return
        uri, made, (shown, charts) = self._making
        shown |= made.shown  # the build's totals, added to in place (a copy a page would cost a national build minutes)
        charts |= made.charts
        ctx.shown, ctx.charts_used, ctx.reads.current, self._making = shown, charts, None, None
        record = PageRecord(frozenset(made.reads), page.file.content_string, False, frozenset(made.shown), frozenset(made.charts))
        record.advice, record.mismatches, record.body = made.advice, made.mismatches, _body(page, html)
        before = self._before.pop(uri, None)
        if before is not None and before.body == record.body and uri not in self._failed and not self.render_all:
            # Its macros ran (what they read changed) but gave the same page: the HTML written before is still
            # right, so it is not written again. mkdocs asks `is_modified` again before writing each page.
            record.search = before.search
            self._keep(uri, record)
            self._render.discard(uri)
        else:
            self._pending[uri] = record

    def page_failed(self, uri: str, message: str) -> None:
        """A macro on an editor's page failed (macros/__init__.py reports it). After a mistake in the data, the
        macros fail for want of it: that mistake is the one to show."""
        self._failed.add(uri)
        if not self._data_failed:
            self.problems.append(message)
            log.error(message)

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
            self._keep(uri, record)

    # After the pages ------------------------------------------------------------------------------

    def search_entries(self, config: MkDocsConfig) -> None:
        """Before the search plugin writes its index: every page's entries, in page order, those of pages not
        rendered again taken from their records (the plugin saw only the pages it rendered)."""
        if self.problems or not self.records:
            return  # nothing kept: the search plugin saw every page
        entries = [entry for uri in self._order if uri in self.records for entry in self.records[uri].search]
        for plugin in (p for name, p in config.plugins.items() if name.endswith("search")):
            if hasattr(plugin, "search_index"):
                plugin.search_index.entries = entries
                plugin.search_index_prev = None  # Material's own dirty-build merging would add the entries twice

    def findings_in_order(self, advice: list, mismatches: list) -> tuple[list, list]:
        """The advice and fact-check warnings of every editor's page, in page order: this build's (`advice` and
        `mismatches`), with those of the pages not made again taken from their records."""
        if not self.records:
            return advice, mismatches
        advice, mismatches = [], []
        for uri in self._order:
            record = self.records.get(uri)
            if record is not None:
                advice += record.advice
                mismatches += record.mismatches
        return advice, mismatches

    def finish(self, ctx: Context | None) -> int:
        """After a build: the charts folder made to match the pages, and the downloads written (while served:
        removed if the data changed, and written again when asked for); served, the problem page written or
        removed. The number of charts drawn new."""
        second, self._ahead = self._ahead, None
        if second is not None and ctx is not None:  # what the second process's pages showed, drew and wrote
            ahead_made = second.finish(ctx)
            log.info(f"A second process made {ahead_made} of the {len(second)} area and scheme pages, ahead of mkdocs")
        drawn = ctx.finish_charts() if ctx is not None else 0  # drawn in the background: later builds find them
        if self.problems:
            (self._site / PROBLEM_PAGE).write_text(problem_html(self.problems), encoding="utf-8")
            return drawn
        if ctx is None:
            return drawn
        (self._site / PROBLEM_PAGE).unlink(missing_ok=True)
        if self.serving:
            shown = ", ".join(self._written[:6]) + (f" and {len(self._written) - 6} more" if len(self._written) > 6 else "")
            made = f"Preview: {len(self._remade)} of {len(self._order)} pages made again, {len(self._written)} written"
            log.info(made + (f" ({shown})" if shown else ""))
        charts = self._site / "charts"
        charts.mkdir(exist_ok=True)
        cache = ctx.settings.chart_cache
        for key in sorted(ctx.charts_used - self._charts):
            shutil.copyfile(cache / f"{key}.svg", charts / f"{key}.svg")
        for key in sorted(self._charts - ctx.charts_used):
            (charts / f"{key}.svg").unlink(missing_ok=True)
        if self.serving and not self._charts:  # the first good build
            threading.Thread(target=_warm_up_charts, daemon=True).start()
        self._charts = set(ctx.charts_used)
        write_finder(ctx, self._site)  # a few small files (and one a postcode district): written every build
        if second is not None:
            write_chart_data(ctx, self._site)  # the second process wrote the rest of the downloads
            return drawn
        if not self.serving:
            write_downloads(ctx, self._site)
            return drawn
        with self._downloads_lock:
            self._good = (ctx, self.loaded)
            if self._downloads_for is not self.loaded:
                shutil.rmtree(self._site / DOWNLOADS, ignore_errors=True)
                self._downloads_for = None
        return drawn

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

    def abort(self) -> None:
        """The build stopped (an error, Ctrl-C): a second process making pages is ended with it."""
        second, self._ahead = self._ahead, None
        if second is not None:
            second.stop()

    def broke(self, message: str) -> None:
        """A build stopped with an error (browser.Served): show it. Pages it had begun have no record, so the
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
                write_downloads(ctx, self._site)
                self._downloads_for = loaded

    # Helpers --------------------------------------------------------------------------------------

    def _keep(self, uri: str, record: PageRecord) -> None:
        """A page's record, kept for the next build (only while served: a build that is not makes no other)."""
        if self.serving:
            self.records[uri] = record

    def _decided(self, file: File, uri: str) -> File:
        """mkdocs --dirty renders a page when its file says it is modified: the answer is the engine's."""
        file.is_modified = lambda: self.render_all or uri in self._render  # type: ignore[method-assign]
        return file

    @contextmanager
    def _recording(self, ctx: Context):
        """What the code in the block reads from the data (while served), shows and draws, kept apart from the
        build's totals (which still get it)."""
        made = _Made()
        shown, charts, reads = ctx.shown, ctx.charts_used, ctx.reads.current
        ctx.shown, ctx.charts_used, ctx.reads.current = made.shown, made.charts, made.reads if self.serving else None
        try:
            yield made
        finally:
            shown |= made.shown  # in place, as in page_finished
            charts |= made.charts
            ctx.shown, ctx.charts_used, ctx.reads.current = shown, charts, reads


@dataclass
class _Made:
    """What a page read, showed and drew while it was made."""

    reads: set[Read] = field(default_factory=set)
    shown: set[tuple[str, Any]] = field(default_factory=set)
    charts: set[str] = field(default_factory=set)
    advice: list = field(default_factory=list)
    mismatches: list = field(default_factory=list)


def _read_of_whole(history: History) -> tuple:
    """What a page reading the whole history (the Updates page) sees of it: not the commit it was read at."""
    return (history.available, history.why, history.commits, history.changes, history.new)


def _digest(markdown: str) -> str:
    return hashlib.sha1(markdown.encode("utf-8")).hexdigest()


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
