"""The data set as typed objects, read once per build and indexed so pages never scan whole tables."""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from .vocab import Better, CaveatKind, Completed, FigureKind, Per, PrintedIn, SchemeStage, StatedJudgement, TimeStated, Unit

if TYPE_CHECKING:
    from .schema import Table


@contextmanager
def many_objects():
    """Make hundreds of thousands of rows and objects without the cyclic garbage collector rescanning them all
    as they are made (they hold no cycles); it is switched back on afterwards if it was on."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


_DIGITS = re.compile(r"(\d+)")


def places(locations) -> str:
    """Places in a report (`source_location`s), each once, in the order a reader meets them: Paragraph 2
    before Paragraph 18, where sorting them as text puts 18 first."""
    return "; ".join(sorted(set(locations), key=lambda where: [int(p) if p.isdigit() else p for p in _DIGITS.split(where)]))


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    body: str
    committee: str
    date: date
    seed_file: str
    url: str


@dataclass(frozen=True, slots=True)
class Term:
    term: str
    meaning: str
    explanation: str


@dataclass(frozen=True, slots=True)
class Area:
    id: str
    name: str
    bodies: tuple[str, ...]
    summary: str
    source_id: str


@dataclass(frozen=True, slots=True)
class Scheme:
    id: str
    area_id: str
    name: str
    summary: str
    for_whom: str
    status: SchemeStage
    source_id: str
    source_location: str


@dataclass(frozen=True, slots=True)
class Measure:
    id: str
    name: str
    meaning: str
    unit: Unit
    better: Better
    counts_people: bool
    abbreviation: str
    part_of: str | None = None  # a measure this one is a part of (an age group of all ages): parts add up to it
    short_name: str = ""  # a few words for sentences ("" when the name is short enough); the name stays the title


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date
    label: str = field(default="", compare=False)  # as the report wrote it; two labels for the same dates are one period
    # How the report gives the time, where the dates (kept for sorting and charts) say more than it does; the
    # report's words for it; and the date of the report, for a time it does not give ("from the report of ...").
    stated: TimeStated = field(default=TimeStated.AS_DATED, compare=False)
    words: str = field(default="", compare=False)
    report: date | None = field(default=None, compare=False)

    @property
    def undated(self) -> bool:
        """The report gives no time for it: the dates are only where it is sorted (its report's)."""
        return self.stated == TimeStated.NONE

    @property
    def dated(self) -> bool:
        """The report gives the time of the figure, to the month or year or in its words: not only an end ("by
        2020"), only a start ("from June 2017") or nothing. Only such a figure can say how old a page's figures are."""
        return self.stated not in (TimeStated.NONE, TimeStated.BY, TimeStated.FROM)

    def contains(self, other: Period) -> bool:
        return self.start <= other.start and other.end <= self.end and self != other


@dataclass(slots=True)
class Observation:
    area_id: str
    scheme_id: str | None
    measure_id: str
    period: Period
    kind: FigureKind
    value: float | None
    printed: str  # the cell as printed, e.g. "8,407"
    missing: str | None  # why there is no figure
    qualifier: str
    printed_in: PrintedIn
    note: str
    source_id: str
    source_location: str
    line: int
    suppressed: bool = False  # a count of people under the small-number threshold
    value_to: float | None = None  # the top of a printed range ("30,000 to 50,000": value 30,000, value_to 50,000)
    per: Per = Per.NONE  # a rate for each of these periods ("about 40 a month"), not a total for the period
    compared_with: str = ""  # for a benchmark: where the figure is from ("NHS Wales demonstrator sites")

    @property
    def aligned(self) -> Period:
        """The period this figure is compared in: a last_year figure covers the same months a year earlier,
        so it lines up with the period one year later."""
        if self.kind != FigureKind.LAST_YEAR:
            return self.period
        return replace(self.period, start=_year_later(self.period.start), end=_year_later(self.period.end))


@dataclass(slots=True)
class Money:
    area_id: str
    scheme_id: str | None
    period: Period
    breakdown: str
    item: str
    funder: str
    amount: float | None
    amount_printed: str
    share: float | None
    fte: float | None
    unit_cost: float | None
    is_total: bool
    note: str
    source_id: str
    source_location: str
    line: int


@dataclass(slots=True)
class Milestone:
    area_id: str
    scheme_id: str | None
    milestone: str
    due: date
    due_label: str
    completed: Completed
    source_id: str
    source_location: str
    line: int
    stated: TimeStated = TimeStated.AS_DATED  # how the report gives the date: a month only, "by", "from"... (due_label's words)

    @property
    def when(self) -> Period:
        """The due date as a period with its time as stated, for wording (presentation/wording.py `period`)."""
        return Period(self.due, self.due, self.due_label, self.stated, self.due_label if self.stated.needs_words else "")


@dataclass(slots=True)
class Risk:
    area_id: str
    scheme_id: str | None
    number: int
    risk: str
    impact: int | None
    probability: int | None
    score: int | None
    mitigation: str
    owner: str
    source_id: str
    source_location: str
    line: int


@dataclass(slots=True)
class Outcome:
    """A report's own judgement of a result, in words ("performance is on target at 86.0%"), with its quote."""

    area_id: str
    scheme_id: str | None
    measure_id: str | None  # None when the report judges the scheme or the area as a whole
    period: Period
    judgement: StatedJudgement
    quote: str  # the report's words, as printed
    source_id: str
    source_location: str
    line: int


@dataclass(slots=True)
class Caveat:
    """A warning, risk or setback a report states about a result or a piece of work, quoted."""

    area_id: str
    scheme_id: str | None
    measure_id: str | None  # None when it qualifies the scheme or the area as a whole
    kind: CaveatKind
    quote: str  # the report's words, as printed
    plain: str  # the same in plain words for residents ("" to show the quote alone)
    source_id: str
    source_location: str
    line: int


@dataclass(slots=True)
class Decision:
    """What a report asked its committee to decide (its recommendations), quoted, with the same in plain words."""

    area_id: str
    quote: str  # the recommendation as printed
    plain: str  # the same in plain words for residents ("" to show the quote alone)
    source_id: str
    source_location: str
    line: int


@dataclass(slots=True)
class Explanation:
    """What an editor knows about a disagreement the build finds: why two figures differ."""

    area_id: str
    scheme_id: str | None
    measure_id: str | None
    check: str  # which check found it: a value of analysis.disagreements.Check (the schema lists them)
    explanation: str  # in plain words, shown beside the disagreement
    said_by: str  # who explains it: the report (and where), or the council when asked
    line: int


@dataclass
class Dataset:
    """Everything the site shows, with the indexes pages need."""

    sources: dict[str, Source]
    glossary: dict[str, Term]
    areas: dict[str, Area]
    schemes: dict[str, Scheme]
    measures: dict[str, Measure]
    observations: list[Observation]
    money: list[Money]
    milestones: list[Milestone]
    risks: list[Risk]
    rows_read: dict[str, int]
    small_number_threshold: int = 5
    outcomes: list[Outcome] = field(default_factory=list)
    caveats: list[Caveat] = field(default_factory=list)
    explanations: list[Explanation] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)  # optional decisions.csv: what each committee was asked
    # Set by the loader once every check has passed: the checked files (for the downloads and the build
    # report) and datapackage.json as read.
    tables: dict[str, Table] = field(init=False, repr=False, compare=False)
    package: dict[str, Any] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self.schemes_by_area: dict[str, list[Scheme]] = defaultdict(list)
        for scheme in self.schemes.values():
            self.schemes_by_area[scheme.area_id].append(scheme)
        # Observations grouped once by (area, scheme, measure): one series per chart and table.
        self.series: dict[tuple[str, str | None, str], list[Observation]] = defaultdict(list)
        for obs in self.observations:
            self.series[(obs.area_id, obs.scheme_id, obs.measure_id)].append(obs)
        self.series_by_area: dict[str, list[tuple[str | None, str]]] = defaultdict(list)
        self.series_by_measure: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        for area_id, scheme_id, measure_id in self.series:
            self.series_by_area[area_id].append((scheme_id, measure_id))
            self.series_by_measure[measure_id].append((area_id, scheme_id))
        self.money_by = _group(self.money)
        self.milestones_by = _group(self.milestones)
        self.risks_by = _group(self.risks)
        # What reports say in words, by the series or the place they concern: (area, scheme, measure),
        # where measure is None for what concerns the scheme (or, with scheme None, the area) as a whole.
        self.outcomes_by: dict[tuple[str, str | None, str | None], list[Outcome]] = defaultdict(list)
        for outcome in self.outcomes:
            self.outcomes_by[(outcome.area_id, outcome.scheme_id, outcome.measure_id)].append(outcome)
        self.caveats_by: dict[tuple[str, str | None, str | None], list[Caveat]] = defaultdict(list)
        for caveat in self.caveats:
            self.caveats_by[(caveat.area_id, caveat.scheme_id, caveat.measure_id)].append(caveat)
        self.decisions_by: dict[str, list[Decision]] = defaultdict(list)
        for decision in self.decisions:
            self.decisions_by[decision.area_id].append(decision)

    def newest_date(self) -> date | None:
        """The end of the newest period an actual figure covers (plans can run years ahead); a figure the report
        gives no date for, or only an end or a start, is left out (`Period.dated`)."""
        return max((o.period.end for o in self.observations if o.kind == FigureKind.ACTUAL and o.value is not None and o.period.dated), default=None)

    def newest_report(self) -> Source | None:
        return max(self.sources.values(), key=lambda s: s.date, default=None)

    def sources_for(self, rows) -> list[Source]:
        ids = sorted({row.source_id for row in rows})
        return sorted((self.sources[i] for i in ids), key=lambda s: (s.date, s.title))


def _year_later(d: date) -> date:
    from calendar import monthrange

    last = monthrange(d.year, d.month)[1]
    if d.day == last:  # month ends stay month ends (28 February 2015 → 29 February 2016)
        return date(d.year + 1, d.month, monthrange(d.year + 1, d.month)[1])
    return date(d.year + 1, d.month, min(d.day, monthrange(d.year + 1, d.month)[1]))


def _group(rows) -> dict[tuple[str, str | None], list]:
    """Rows by (area, scheme) and by (area, None) for everything in the area."""
    grouped: dict[tuple[str, str | None], list] = defaultdict(list)
    for row in rows:
        grouped[(row.area_id, None)].append(row)
        if row.scheme_id:
            grouped[(row.area_id, row.scheme_id)].append(row)
    return grouped
