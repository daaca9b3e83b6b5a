"""What a build knows: the data set (read once), settings, abbreviations, page addresses and charts drawn."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any, cast

from ..analysis.disagreements import Disagreement
from ..analysis.status import Headline, headline
from ..data.history import History, SeriesHistory
from ..data.model import Dataset
from ..data.vocab import FigureKind
from ..presentation import charts
from .chart_files import ChartFiles
from .placed import Placed
from .public_body import ACCESSIBILITY_PAGE, UPDATES_PAGE, Footer, page_address, report_href
from .query import WHOLE, Query, Read, Reads, view
from .render import Abbreviations
from .settings import Settings

SECTIONS = {"area": "areas", "scheme": "schemes", "measure": "measures"}


class Context:
    def __init__(
        self,
        dataset: Dataset,
        settings: Settings,
        use_directory_urls: bool = True,
        disagreements: list[Disagreement] | None = None,
        today: date | None = None,
        reads: Reads | None = None,
        history: History | None = None,
    ):
        # The data, as pages see it: read-only, and each read recorded for the page being made (query.py).
        self.reads = reads or Reads()
        self.data = cast(Dataset, Query(dataset, self.reads))
        # The build date (the care plugin's build_date, or the day it runs): a target for a period not over by
        # then is a target, never "no result published"; how old figures are is said as at this day.
        self.today = today or settings.today
        found = list(disagreements or [])  # inside the source reports (analysis.disagreements)
        by_area: dict[str, list[Disagreement]] = {}
        for item in found:
            by_area.setdefault(item.area_id, []).append(item)
        self.disagreements = cast(list[Disagreement], view("disagreements", found, self.reads))
        self.disagreements_by_area = cast(dict[str, list[Disagreement]], view("disagreements_by_area", by_area, self.reads))
        # What changed and when (data/history.py), read once a build: each series' history, recorded like the data.
        self._history = history or History(False, "the build did not read it")
        self.history = cast(dict[tuple, SeriesHistory], view("history_by_series", self._history.by_series, self.reads))
        self.settings = settings
        self.use_directory_urls = use_directory_urls
        self.abbreviations = Abbreviations({t.term: t.meaning for t in dataset.glossary.values()})
        self.charts_used: set[str] = set()
        self.chart_files = ChartFiles()  # the data of the charts: the engine says where a one-off build writes them
        self.serving = False  # set by the engine while `mkdocs serve` keeps pages between builds
        self.shown: set[tuple[str, object]] = set()  # rows a page displayed, for the build report
        self._placed: dict[str, Placed] = {}  # what editors' macros placed, by page (site/placed.py)
        # Each series' headline, worked out once a build, with the reads that took: it is on the area page, the
        # scheme page, the measure page and the home page. Keyed by the series' (area, scheme, measure).
        self._headlines: dict[tuple[str, str | None, str] | None, tuple[Headline | None, frozenset]] = {}  # None: an empty series
        # Other things worked out from the data once a build and used by many pages (the newest result, each
        # measure's latest figures), kept with the reads they took like the headlines.
        self._worked_out: dict[tuple, tuple[Any, frozenset]] = {}
        # Parts of a page worked out from many areas' rows, read by the page as one row of their own (derived).
        self._derived: dict[Read, tuple[Any, frozenset, Callable[[Context], Any]]] = {}
        self.charts = charts.ChartMaker(settings.chart_cache, settings.small_number_threshold)  # one per build

    def mark(self, table: str, rows, key: str = "line") -> None:
        self.shown.update((table, getattr(r, key)) for r in rows)

    def keep_headlines(self, earlier: Context, kept) -> None:
        """Take the headlines `earlier` worked out for the series whose key `kept(key)` says did not change (the
        preview's next build, when the settings and the day are the same). Pages compare a headline's figures
        with the series' by identity, so each is swapped for this build's row at the same place in the series."""
        for key, (top, reads) in earlier._headlines.items():
            if key is None or not kept(key):
                continue
            if top is None:
                self._headlines[key] = (None, reads)
                continue
            pairs: list[tuple[list, list]] = [(earlier.data.series.get(key, []), self.data.series.get(key, []))]
            pairs.append((earlier.data.outcomes_by.get(key, []), self.data.outcomes_by.get(key, [])))
            if any(len(before) != len(now) for before, now in pairs):
                continue
            now_of: dict[int, Any] = {id(old): new for before, now in pairs for old, new in zip(before, now)}
            figures = (top.actual, top.plan, top.last_year, top.stated, top.target)
            if all(f is None or id(f) in now_of for f in figures):
                actual, plan, last_year, stated, target = (None if f is None else now_of[id(f)] for f in figures)
                self._headlines[key] = (replace(top, actual=actual, plan=plan, last_year=last_year, stated=stated, target=target), reads)

    def history_status(self) -> History:
        """The whole history (whether there is one, why not, every change): a read of all of it."""
        self.reads.add("history", WHOLE)
        return self._history

    def placed_on(self, src_uri: str) -> Placed:
        """What the macros placed on a page so far (its src_uri, as in docs/)."""
        return self._placed.setdefault(src_uri, Placed())

    def done_placing(self, src_uri: str) -> Placed:
        """What the macros placed on a page, forgotten here: the page is made."""
        return self._placed.pop(src_uri, None) or Placed()

    def headline(self, series, measure) -> Headline | None:
        """The figure a series is judged on, with its status (analysis.status.headline) and the report's
        own judgement in words (outcomes.csv), worked out once."""
        key = (series[0].area_id, series[0].scheme_id, series[0].measure_id) if series else None
        stated = lambda: self.data.outcomes_by.get(key, []) if key else []
        # When the reports with a target were written: a target for later than that is never judged on its own.
        reported = lambda: {o.source_id: self.data.sources[o.source_id].date for o in series if o.kind == FigureKind.TARGET}
        return self.reads.remembered(self._headlines, key, lambda: headline(series, measure, stated(), self.today, reported()))

    def worked_out(self, key: tuple, work_out):
        """`work_out()`, done once a build for `key` (a tuple naming what it is); every page that asks takes the
        reads it took (Reads.remembered)."""
        return self.reads.remembered(self._worked_out, key, work_out)

    def derived(self, name: str, key: Any, work_out: Callable[[Context], Any]) -> Any:
        """`work_out(self)`, done once a build, read by a page as the one row `(name, key)` rather than as every
        row it took: an area's comparisons with the other areas read every area's figures, but an edit to one of
        them changes few areas' words. While served, the engine works out again, before the pages are made, each
        derived value whose rows changed, and makes again only the pages of those whose value is not the same
        (`changed_since`)."""
        if not self.reads.recording:
            if (name, key) not in self._derived:
                self._derived[(name, key)] = (work_out(self), frozenset(), work_out)
            return self._derived[(name, key)][0]
        if (name, key) not in self._derived:
            outer, self.reads.current = self.reads.current, set()
            try:
                self._derived[(name, key)] = (work_out(self), frozenset(self.reads.current), work_out)
            finally:
                self.reads.current = outer
        self.reads.add(name, key)
        return self._derived[(name, key)][0]

    def changed_since(self, earlier: Context, changed: set[Read]) -> set[Read]:
        """The derived values of `earlier` (the last build's Context) that `changed` rows make different now."""
        different = set()
        for (name, key), (value, reads, work_out) in earlier._derived.items():
            if not reads.isdisjoint(changed) and self.derived(name, key, work_out) != value:
                different.add((name, key))
        return different

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
        return stem[:-5] if stem.endswith("/index") else stem + "/"

    def href(self, here: str, target: str) -> str:
        """A link from the page at URL `here` to the site-relative URL `target`."""
        base = here if here.endswith("/") or here == "" else posixpath.dirname(here) + "/"
        rel = posixpath.relpath("/" + target, "/" + base)
        if target.endswith("/") and not rel.endswith("/"):
            rel += "/"
        return "./" if rel == "./" or rel == "." else rel

    def page_href(self, here: str, kind: str, ident: str = "index") -> str:
        return self.href(here, self.url(self.src_uri(kind, ident)))

    def footer(self, title: str, page_url: str, site_url: str) -> Footer:
        """What every page's footer adds: the link to report a problem with this page, and the site's pages a
        public body must have (site/public_body.py). Addresses are relative to the site's root."""
        address = page_address(site_url, page_url)
        return Footer(
            report_href=report_href(self.settings.report_problems_to, title, address),
            accessibility=self.url(ACCESSIBILITY_PAGE),
            updates=self.url(UPDATES_PAGE),
        )

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
