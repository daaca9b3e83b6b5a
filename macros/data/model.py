"""The data set as typed objects, read once per build and indexed so pages never scan whole tables."""

from __future__ import annotations

import gc
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

from .vocab import Better, CaveatKind, Completed, DateStated, FigureKind, Per, PrintedIn, SchemeStage, StatedJudgement, TimeStated, Unit

if TYPE_CHECKING:
    from .schema import Table

T = TypeVar("T")


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


_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")  # a year in a report's words: "2017", "2018/19"


@dataclass(frozen=True, slots=True)
class Source:
    id: str
    title: str
    body: str
    committee: str
    date: date  # a day, for sorting and ages; pages word it as date_stated says (wording.report_date)
    seed_file: str
    url: str
    date_stated: DateStated = DateStated.DAY  # how precisely the report gives its date: a day, a month or a year


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
    ons_code: str = ""  # the council's ONS code (E06000045); "" for a partnership that is not one council
    # When the next report is due, as the area's report (source_id) says: a date, or how often it reports
    # (monthly, quarterly, six-monthly, yearly), and where the report says it. None and "" when it does not.
    next_report: date | None = None
    reports_every: str = ""
    next_report_location: str = ""


@dataclass(frozen=True, slots=True)
class Place:
    """A town or place residents may look for, in an area (places.csv), named by a report."""

    place: str
    area_id: str
    source_id: str
    source_location: str
    line: int


@dataclass(frozen=True, slots=True)
class Similar:
    """One of an area's similar areas in a comparison group (comparison_groups.csv), such as its CIPFA nearest neighbours."""

    area_id: str
    group: str
    similar_area_id: str
    source: str
    line: int


@dataclass(frozen=True, slots=True)
class Hex:
    """An area's hexagon on the data package's hex map: column q and row r in its layout."""

    code: str
    name: str
    q: int
    r: int


@dataclass(frozen=True)
class HexLayout:
    """The data package's hex map of areas (a HexJSON file): its layout, hexagons by ONS code, and what to say about it."""

    layout: str  # odd-r, even-r, odd-q or even-q
    hexes: dict[str, Hex]
    title: str = ""
    description: str = ""


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
    rate_of: str = ""  # for a rate per 100,000: who it counts, as the report says ("population aged 18 and over")


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date
    label: str = field(default="", compare=False)  # as the report wrote it; two labels for the same dates are one period
    # How the report gives the time, where the dates (kept for sorting and charts) say more than it does; the
    # report's words for it; and the report, whose date is said for a time it does not give ("from the report of ...").
    stated: TimeStated = field(default=TimeStated.AS_DATED, compare=False)
    words: str = field(default="", compare=False)
    report: Source | None = field(default=None, compare=False)

    @property
    def undated(self) -> bool:
        """The report gives no time for it: the dates are only where it is sorted (its report's)."""
        return self.stated == TimeStated.NONE

    @property
    def dated(self) -> bool:
        """The report gives the time of the figure, to the month or year or in its words: not only an end ("by
        2020"), only a start ("from June 2017") or nothing. Only such a figure can say how old a page's figures are."""
        return self.stated not in (TimeStated.NONE, TimeStated.BY, TimeStated.FROM)

    @property
    def has_year(self) -> bool:
        """The report gives the year of the figure: a time given only in words ("during January") may give none,
        and then the year of its dates is only where it is sorted, and how old it is is not known."""
        return self.stated != TimeStated.WORDS or bool(_A_YEAR.search(self.words))

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
    provisional: str = ""  # "yes" when the report marks the figure provisional (it may change), "no" when final, "" when it does not say
    count: float | None = None  # what a percentage or a rate is worked out from, where the data gives it (Fingertips' numerator)
    population: float | None = None  # the number of people that count is out of (the denominator); given with count, or neither

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


def rows_of(cls: type[T], **columns: list) -> list[T]:
    """One object of a dataclass for each row, from its columns given by field name: a field with no column,
    or a column with no field, is an error here, never a shift of the other columns into the wrong fields.
    (The objects are made by position from the fields' own order: as fast as map(cls, ...) is.)"""
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    if list(columns) != names:
        missing, extra = [n for n in names if n not in columns], [n for n in columns if n not in names]
        if missing or extra:
            raise TypeError(f"{cls.__name__}: no column for {missing}, no field for {extra}")
    return list(map(cls, *(columns[name] for name in names)))


@dataclass(frozen=True)
class Index:
    """One of the Dataset's indexes: the rows of a table (or what `entry` makes of each) listed under each row's
    key, in the table's order. With `whole_area`, the key is (area, scheme) and a row is listed under
    (area, None) as well, with everything in the area (a row of no scheme only there). With `over`, one entry
    for each list of that other index (its first row stands for them all) rather than for every row: each
    series once under its area."""

    key: Callable[[Any], Any]
    entry: Callable[[Any], Any] | None = None
    over: str | None = None
    whole_area: bool = False

    def keys(self, row) -> tuple:
        """Every key the row is listed under."""
        key = self.key(row)
        if not self.whole_area:
            return (key,)
        return ((key[0], None), key) if key[1] else ((key[0], None),)

    def build(self, rows: Iterable, built: Mapping[str, Mapping]) -> defaultdict:
        """The index of these rows (`built`: the indexes built before it, for `over`)."""
        if self.over is not None:
            rows = [group[0] for group in built[self.over].values()]
        grouped: defaultdict = defaultdict(list)
        key, entry = self.key, self.entry
        if self.whole_area:
            for row in rows:
                area, scheme = key(row)
                grouped[(area, None)].append(row)
                if scheme:
                    grouped[(area, scheme)].append(row)
        elif entry is None:
            for row in rows:
                grouped[key(row)].append(row)
        else:
            for row in rows:
                grouped[key(row)].append(entry(row))
        return grouped


# Every table of rows the Dataset holds, and the indexes of it the Dataset has, by name: said once, for the
# Dataset (which builds them) and the preview (site/preview/changes.py, which finds from a changed row the keys
# of each index it changed). Pages look rows up in these rather than scanning whole tables.
INDEXES: dict[str, dict[str, Index]] = {
    "schemes": {"schemes_by_area": Index(lambda s: s.area_id)},
    "observations": {
        # One series per chart and table: the figures of a measure in a place, (area, scheme, measure).
        "series": Index(lambda o: (o.area_id, o.scheme_id, o.measure_id)),
        "series_by_area": Index(lambda o: o.area_id, entry=lambda o: (o.scheme_id, o.measure_id), over="series"),
        "series_by_measure": Index(lambda o: o.measure_id, entry=lambda o: (o.area_id, o.scheme_id), over="series"),
    },
    "money": {"money_by": Index(lambda r: (r.area_id, r.scheme_id), whole_area=True)},
    "milestones": {"milestones_by": Index(lambda r: (r.area_id, r.scheme_id), whole_area=True)},
    "risks": {"risks_by": Index(lambda r: (r.area_id, r.scheme_id), whole_area=True)},
    # What reports say in words, by the series or the place they concern: (area, scheme, measure), where
    # measure is None for what concerns the scheme (or, with scheme None, the area) as a whole.
    "outcomes": {"outcomes_by": Index(lambda r: (r.area_id, r.scheme_id, r.measure_id))},
    "caveats": {"caveats_by": Index(lambda r: (r.area_id, r.scheme_id, r.measure_id))},
    "explanations": {},
    "places": {"places_by_area": Index(lambda r: r.area_id)},
    "similar": {"similar_by": Index(lambda r: r.area_id)},  # each area's rows of comparison_groups.csv
    "decisions": {"decisions_by": Index(lambda r: r.area_id)},
}


@dataclass
class Dataset:
    """Everything the site shows, with the indexes pages need (INDEXES)."""

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
    places: list[Place] = field(default_factory=list)  # towns and places, for the finder (places.csv)
    similar: list[Similar] = field(default_factory=list)  # comparison groups (comparison_groups.csv)
    hexmap: HexLayout | None = None  # the hex map of areas, where the data package has one
    decisions: list[Decision] = field(default_factory=list)  # optional decisions.csv: what each committee was asked
    # Set by the loader once every check has passed: the checked files (for the downloads and the build
    # report) and datapackage.json as read.
    tables: dict[str, Table] = field(init=False, repr=False, compare=False)
    package: dict[str, Any] = field(init=False, repr=False, compare=False)
    # The indexes, built from INDEXES (a missing key reads as an empty list).
    schemes_by_area: dict[str, list[Scheme]] = field(init=False, repr=False, compare=False)
    series: dict[tuple[str, str | None, str], list[Observation]] = field(init=False, repr=False, compare=False)
    series_by_area: dict[str, list[tuple[str | None, str]]] = field(init=False, repr=False, compare=False)
    series_by_measure: dict[str, list[tuple[str, str | None]]] = field(init=False, repr=False, compare=False)
    money_by: dict[tuple[str, str | None], list] = field(init=False, repr=False, compare=False)
    milestones_by: dict[tuple[str, str | None], list] = field(init=False, repr=False, compare=False)
    risks_by: dict[tuple[str, str | None], list] = field(init=False, repr=False, compare=False)
    outcomes_by: dict[tuple[str, str | None, str | None], list[Outcome]] = field(init=False, repr=False, compare=False)
    caveats_by: dict[tuple[str, str | None, str | None], list[Caveat]] = field(init=False, repr=False, compare=False)
    places_by_area: dict[str, list[Place]] = field(init=False, repr=False, compare=False)
    similar_by: dict[str, list[Similar]] = field(init=False, repr=False, compare=False)
    decisions_by: dict[str, list[Decision]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        built: dict[str, defaultdict] = {}
        for table, indexes in INDEXES.items():
            rows = getattr(self, table)
            for name, index in indexes.items():
                built[name] = index.build(rows.values() if isinstance(rows, dict) else rows, built)
        for name, grouped in built.items():
            setattr(self, name, grouped)

    def comparison_groups(self, area_id: str) -> dict[str, list[str]]:
        """The area's comparison groups: each group's name, with the areas similar to it in that group."""
        groups: dict[str, list[str]] = {}
        for row in self.similar_by.get(area_id, []):
            groups.setdefault(row.group, []).append(row.similar_area_id)
        return groups

    def dated(self, obs: Observation) -> bool:
        """Whether a figure's report gives it a date. A figure the report gives no date for is dated to the
        report itself (a single day, the report's date) where the data does not say so: such a figure says nothing
        about how old the result is."""
        if not obs.period.dated:  # the report gives no time, or only an end or a start (Period.dated)
            return False
        return not (obs.period.start == obs.period.end == self.sources[obs.source_id].date)

    def newest_date(self) -> date | None:
        """The end of the newest period a dated actual figure covers (plans can run years ahead; a figure with no
        date of its own is dated to its report, which is not when the result was)."""
        return max(
            (o.period.end for o in self.observations if o.kind == FigureKind.ACTUAL and o.value is not None and self.dated(o)),
            default=None,
        )

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
