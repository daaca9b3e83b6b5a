"""Disagreements inside the source reports, found by computation rather than by hand-typed flags.

The checks: a printed total against the sum of its parts (periods adding up to a longer one, and
measures that are parts of another, such as age groups of all ages); a printed percentage difference
against the one its own figures give; the same figure quoted differently in a table and a sentence;
money totals, shares and staff costs; a risk score against impact times probability; and a report's own
judgement in words ("on target") against the status its figures give.

Each disagreement also records its nature (`Nature`), so that a slip is not told as a difference of
definition, nor a part-year cost as a contradiction. The rules:

- TEXT_VS_TABLE: a sentence against its table. A figure quoted in the text differs from the table
  (TABLE_AND_TEXT), or the report's judgement in words differs from the status its figures give
  (STATED_VS_FIGURES).
- DEFINITION: a difference of definition. A measure and the sum of its parts (PARTS_OF_WHOLE) differ in
  every one of at least `STEADY_PERIODS` periods compared, the parts always on the same side of the whole: a
  steady gap month after month is a different way of counting, not a slip in one sum.
- PART_YEAR: a part-year cost. A staff cost (STAFF_COST) printed as less than the posts times the yearly cost
  of one (more than nothing): it may be the cost for part of the year.
- EXPLAINED: a row of the same report explains the gap, found before anything is claimed: a staff cost less
  than a year's, where its own row states the months it is for, or another row of the report gives the same
  amount and says what it is. A money total whose parts fall short, where another table of the same report adds
  up to the printed total, is not explained by it (the report does not say why the parts fall short): it is a
  SLIP, worded with what that table shows (the rows of it that cost exactly the gap), and no guess.
- SLIP: everything else, a gap the report does not explain: a printed total, difference, share or score that
  the report's own figures do not give (including parts of a whole that differ in only some periods, or in one).
  Worded neutrally: it is not called a mistake.

An editor may record why two figures differ (`Dataset.explanations`, matched by area, scheme, measure and
check): `find_disagreements` attaches it to each disagreement it explains.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import timedelta
from enum import StrEnum
from typing import ClassVar

from ..data.model import Dataset, Explanation, Measure, Money, Observation, Period, places
from ..data.vocab import LEVELS, FigureKind, PrintedIn, StatedJudgement, Unit
from .status import Status, consistent, judge


class Check(StrEnum):
    """Which check found a disagreement; the wording layer has a sentence for each."""

    PERIODS_TOTAL = "periods_total"  # a total for a long period against its shorter periods
    PARTS_OF_WHOLE = "parts_of_whole"  # a measure against the measures that are its parts (age groups)
    PRINTED_CHANGE = "printed_change"  # a printed percentage difference against its own figures
    TABLE_AND_TEXT = "table_and_text"  # a figure in a table and the same figure quoted in a sentence
    MONEY_TOTAL = "money_total"  # a printed total of money against its rows
    STAFF_TOTAL = "staff_total"  # a printed number of posts against its rows
    SHARES = "shares"  # shares of a budget that do not make 100%
    STAFF_COST = "staff_cost"  # posts times the cost of one against the printed cost
    RISK_SCORE = "risk_score"  # a printed risk score against impact times probability
    STATED_VS_FIGURES = "stated_vs_figures"  # the report's judgement in words against the status its figures give


class Nature(StrEnum):
    """What kind of disagreement it is (the rules are in the module's docstring); pages group them by it."""

    SLIP = "slip"  # an arithmetic slip: a printed total that is not the sum of its parts
    TEXT_VS_TABLE = "text_vs_table"  # a sentence against its table
    DEFINITION = "definition"  # a difference of definition: counted in different ways
    PART_YEAR = "part_year"  # a cost that may be for part of the year
    EXPLAINED = "explained"  # other rows of the same report explain the gap


# Parts of a whole that differ from it in every one of at least this many periods, always on the same side,
# are counted in a different way (Nature.DEFINITION), not added up wrongly.
STEADY_PERIODS = 3


# The disagreements, one type for each check. Facts only: the presentation layer (wording.disagreement) writes
# each kind as a sentence, by a table from type to wording. Every kind says where it is (area, scheme, the report
# and its places), what it is (`nature`) and any explanation an editor recorded; `check` names its check.


@dataclass(frozen=True, kw_only=True)
class Disagreement:
    """Two figures in one report that should agree and do not, found by computation: what every kind has."""

    check: ClassVar[Check]
    area_id: str
    scheme_id: str | None
    source_id: str
    where: str  # the places in the report
    nature: Nature = field(default=Nature.SLIP, init=False)  # fixed by the kind, unless the kind says otherwise
    # Why the figures differ, when an editor has recorded it (Dataset.explanations).
    explanation: Explanation | None = field(default=None, compare=False)


@dataclass(frozen=True, kw_only=True)
class OfMeasure(Disagreement):
    """A disagreement in the figures of one measure (an editor's explanation names the measure)."""

    measure_id: str
    period: Period


@dataclass(frozen=True, kw_only=True)
class PeriodsTotal(OfMeasure):
    """A printed total for a long period against the shorter periods inside it."""

    check = Check.PERIODS_TOTAL
    figure_kind: FigureKind
    printed: float  # the total
    expected: float | None  # what its periods add up to; None when one of them is hidden (small numbers)
    count: int  # how many periods were added up


@dataclass(frozen=True, kw_only=True)
class PartsOfWhole(OfMeasure):
    """A measure against the measures that are its parts (age groups of all ages), for the longest period where
    they differ, with how many of the periods compared differ."""

    check = Check.PARTS_OF_WHOLE
    figure_kind: FigureKind
    printed: float  # the whole
    expected: float | None  # what its parts add up to; None when one of them is hidden (small numbers)
    parts: tuple[str, ...]  # the measures that are its parts
    compared: int  # periods compared
    differing: int  # of which differ
    nature: Nature = Nature.SLIP  # or DEFINITION: a steady gap in every period


@dataclass(frozen=True, kw_only=True)
class PrintedChange(OfMeasure):
    """A printed percentage difference against the one the report's own actual and its base give."""

    check = Check.PRINTED_CHANGE
    figure_kind: FigureKind  # against the plan or against last year
    printed: float
    expected: float  # the difference worked out, to one decimal place
    actual: float
    base: float  # the plan or last year's figure


@dataclass(frozen=True, kw_only=True)
class TableAndText(OfMeasure):
    """A figure quoted in a sentence against the same figure in the report's table."""

    check = Check.TABLE_AND_TEXT
    figure_kind: FigureKind
    printed: float  # as the text says it
    expected: float  # as the table gives it
    nature: Nature = field(default=Nature.TEXT_VS_TABLE, init=False)


@dataclass(frozen=True, kw_only=True)
class StatedVsFigures(OfMeasure):
    """The report's judgement in words ("on target") against the status its own plan and actual give."""

    check = Check.STATED_VS_FIGURES
    stated: StatedJudgement
    quote: str  # its words, as quoted
    actual: float
    plan: float
    worked_out: Status  # the status the actual and plan give
    nature: Nature = field(default=Nature.TEXT_VS_TABLE, init=False)


@dataclass(frozen=True, kw_only=True)
class OtherRow:
    """A row of the same report that explains a disagreement: what it is, its period as printed, its figure and
    where it is in the report."""

    item: str
    label: str  # its period as the report prints it ("for the 12 months")
    amount: float
    where: str


@dataclass(frozen=True, kw_only=True)
class MoneyTotal(Disagreement):
    """A printed total of money against its rows. `detail`: another table of the same report, for the same
    period, whose rows add up to the printed total (`detail_rows` of them, at `detail_where`); `gap_rows`: the
    rows of that table that cost exactly the gap. Still a SLIP: the table shows the total, not why the parts fall short."""

    check = Check.MONEY_TOTAL
    item: str  # the total's row
    period: Period
    printed: float
    expected: float  # what the rows add up to
    count: int  # how many rows
    detail_rows: int = 0  # rows of another table of the report that add up to the printed total (0: none found)
    detail_where: str = ""
    gap_rows: tuple[OtherRow, ...] = ()
    nature: Nature = Nature.SLIP


@dataclass(frozen=True, kw_only=True)
class StaffTotal(Disagreement):
    """A printed number of full-time posts against its rows."""

    check = Check.STAFF_TOTAL
    item: str  # the total's row
    period: Period
    printed: float
    expected: float  # what the rows add up to
    count: int  # how many rows


@dataclass(frozen=True, kw_only=True)
class Shares(Disagreement):
    """Shares of a budget that do not make 100%."""

    check = Check.SHARES
    item: str  # the breakdown's first row
    period: Period
    total: float  # what the shares add up to
    count: int  # how many shares


@dataclass(frozen=True, kw_only=True)
class StaffCost(Disagreement):
    """A printed staff cost against the posts times the yearly cost of one."""

    check = Check.STAFF_COST
    item: str
    period: Period
    printed: float
    expected: float  # posts times the cost of one
    posts: float  # full-time posts
    cost_of_one: float  # a year's cost of one post
    months: int | None = None  # the months its own row says the cost is for, when they give the printed cost exactly
    same_amount: OtherRow | None = None  # another row of the report with the same amount, saying what it is
    nature: Nature = Nature.SLIP  # or PART_YEAR: less than a year's cost (but not nothing); EXPLAINED: see above


@dataclass(frozen=True, kw_only=True)
class RiskScore(Disagreement):
    """A printed risk score against impact times probability."""

    check = Check.RISK_SCORE
    risk: str
    number: int  # the risk's number in its log
    printed: float
    expected: float  # impact times probability
    impact: float
    probability: float


# Every kind, in the order of Check: one for each check.
KINDS: tuple[type[Disagreement], ...] = (
    PeriodsTotal,
    PartsOfWhole,
    PrintedChange,
    TableAndText,
    MoneyTotal,
    StaffTotal,
    Shares,
    StaffCost,
    RiskScore,
    StatedVsFigures,
)


def find_disagreements(data: Dataset, known: Mapping[tuple[str, str | None, str], list[Disagreement]] | None = None) -> list[Disagreement]:
    """Every disagreement, in the order pages list them. `known`: `series_disagreements` of series already
    checked (the preview keeps them for the series an edit did not change); the other series are checked here."""
    found: list[Disagreement] = []
    for key, series in data.series.items():
        found += known[key] if known is not None and key in known else series_disagreements(series, data.measures[key[2]], data)
    found += _parts_of_a_whole(data)
    found += _money(data)
    found += _risks(data)
    found += _stated_against_figures(data)
    return explain(found, data.explanations)


def series_disagreements(series: list[Observation], measure: Measure, data: Dataset) -> list[Disagreement]:
    """The checks of one series: its totals, its printed changes, its text against its table. They read only the
    series and its measure, so a series that did not change keeps what they found."""
    found = _totals(series, measure, data) if Unit(measure.unit).adds_up else []
    return found + _changes(series, measure, data) + _table_against_text(series, measure, data)


def explanation_key(area_id: str, scheme_id: str | None, measure_id: str | None, check: str) -> tuple[str, str | None, str | None, str]:
    return (area_id, scheme_id or None, measure_id or None, str(check))


def _key(d: Disagreement) -> tuple[str, str | None, str | None, str]:
    """What an editor's explanation of `d` names: its area, scheme, measure (if it is of one) and check."""
    return explanation_key(d.area_id, d.scheme_id, d.measure_id if isinstance(d, OfMeasure) else None, d.check)


def explain(found: list[Disagreement], explanations: Iterable[Explanation]) -> list[Disagreement]:
    """Each disagreement with the explanation an editor recorded for it, matched by area, scheme, measure and check."""
    known = {explanation_key(e.area_id, e.scheme_id, e.measure_id, e.check): e for e in explanations}
    if not known:
        return found
    return [replace(d, explanation=known.get(_key(d))) for d in found]


def unmatched_explanations(found: list[Disagreement], explanations: Iterable[Explanation]) -> list[Explanation]:
    """Explanations that explain no disagreement found (the figures were corrected, or an id is wrong)."""
    used = {_key(d) for d in found}
    return [e for e in explanations if explanation_key(e.area_id, e.scheme_id, e.measure_id, e.check) not in used]


def _sum(values: Iterable[float | None]) -> float | None:
    """The sum of these figures, or None when any of them is missing."""
    known: list[float] = []
    for value in values:
        if value is None:
            return None
        known.append(value)
    return sum(known)


def _tiles(total, parts) -> bool:
    """True when the parts cover the total's period exactly, one after another."""
    day = total.period.start
    for part in parts:
        if part.period.start != day:
            return False
        day = part.period.end + timedelta(days=1)
    return day == total.period.end + timedelta(days=1)


def _totals(series: list[Observation], measure, data: Dataset) -> list[Disagreement]:
    out: list[Disagreement] = []
    groups = defaultdict(list)
    for obs in series:
        if obs.kind in LEVELS:
            groups[(obs.kind, obs.printed_in)].append(obs)
    for (kind, _), rows in groups.items():
        # Rows by start date, so the rows inside a total are found by bisection, not by scanning them all:
        # a series of 36 months and 3 years would otherwise compare 39 x 39 periods.
        by_start = sorted(rows, key=lambda o: o.period.start)
        starts = [o.period.start for o in by_start]
        for total in rows:
            window = by_start[bisect_left(starts, total.period.start) : bisect_right(starts, total.period.end)]
            inside = [o for o in window if total.period.contains(o.period)]
            # The finest periods inside the total: those that contain no other.
            leaves = sorted((o for o in inside if not any(o.period.contains(x.period) for x in inside)), key=lambda o: o.period.start)
            if len(leaves) < 2 or not _tiles(total, leaves) or total.value is None:
                continue
            parts_sum = _sum(o.value for o in leaves)
            if parts_sum is None or abs(parts_sum - total.value) < 0.5:
                continue
            hidden = any(o.suppressed for o in leaves)
            out.append(
                PeriodsTotal(
                    area_id=total.area_id,
                    scheme_id=total.scheme_id,
                    source_id=total.source_id,
                    where=total.source_location,
                    measure_id=measure.id,
                    period=total.period,
                    figure_kind=FigureKind(kind),
                    printed=total.value,
                    expected=None if hidden else parts_sum,
                    count=len(leaves),
                )
            )
    return out


def _parts_of_a_whole(data: Dataset) -> list[Disagreement]:
    """Measures that are parts of another (measures.csv part_of) against it: one disagreement a series,
    for the longest period where they differ, saying how many of the periods compared differ."""
    parts_of = defaultdict(list)
    for measure in data.measures.values():
        if measure.part_of:
            parts_of[measure.part_of].append(measure)
    out: list[Disagreement] = []
    for (area_id, scheme_id, whole_id), series in data.series.items():
        parts = parts_of.get(whole_id)
        if not parts:
            continue
        figures = [
            {
                (o.period, o.kind, o.source_id): o
                for o in data.series.get((area_id, scheme_id, part.id), [])
                if o.kind in LEVELS and o.value is not None
            }
            for part in parts
        ]
        compared, differ = 0, []
        for whole in series:
            found = [f.get((whole.period, whole.kind, whole.source_id)) for f in figures]
            parts_found = [o for o in found if o is not None]
            if whole.kind not in LEVELS or whole.value is None or len(parts_found) < len(found):
                continue
            added = _sum(o.value for o in parts_found)  # never None: `figures` holds only figures given
            if added is None:
                continue
            compared += 1
            if abs(added - whole.value) >= 0.5:
                differ.append((whole, whole.value, added, any(o.suppressed for o in parts_found)))
        if not differ:
            continue
        whole, printed, added, hidden = max(differ, key=lambda d: (d[0].period.end - d[0].period.start, d[0].period.end))
        one_way = len({d[2] > d[1] for d in differ}) == 1
        steady = len(differ) == compared >= STEADY_PERIODS and one_way
        where = places({whole.source_location} | {f[(whole.period, whole.kind, whole.source_id)].source_location for f in figures})
        out.append(
            PartsOfWhole(
                area_id=area_id,
                scheme_id=scheme_id,
                source_id=whole.source_id,
                where=where,
                measure_id=whole_id,
                period=whole.period,
                figure_kind=FigureKind(whole.kind),
                printed=printed,
                expected=None if hidden else added,
                parts=tuple(p.id for p in parts),
                compared=compared,
                differing=len(differ),
                nature=Nature.DEFINITION if steady else Nature.SLIP,
            )
        )
    return out


def _decimals(printed: str) -> int:
    digits = printed.strip().rstrip("%*").strip()
    return len(digits.split(".")[1]) if "." in digits else 0


def _changes(series, measure, data) -> list[Disagreement]:
    """A printed '% difference' against the difference its own plan/last-year and actual give."""
    out: list[Disagreement] = []
    figures = {(o.aligned, o.kind): o for o in series if o.printed_in == PrintedIn.TABLE and o.value is not None}
    for obs in series:
        if not obs.kind.is_change or obs.value is None:
            continue
        if obs.printed_in == PrintedIn.TEXT and (obs.period, obs.kind) in figures:
            continue  # compared with the table's figure instead, by _table_against_text
        base_kind = FigureKind.PLAN if obs.kind == FigureKind.CHANGE_VS_PLAN else FigureKind.LAST_YEAR
        actual, base = figures.get((obs.period, FigureKind.ACTUAL)), figures.get((obs.period, base_kind))
        if not actual or not base or not base.value:
            continue
        computed = (actual.value - base.value) / base.value * 100
        tolerance = 0.5 * 10 ** -_decimals(obs.printed) + 1e-9
        if abs(computed - obs.value) <= tolerance:
            continue
        where = obs.source_location if obs.source_location == actual.source_location else f"{obs.source_location}; {actual.source_location}"
        out.append(
            PrintedChange(
                area_id=obs.area_id,
                scheme_id=obs.scheme_id,
                source_id=obs.source_id,
                where=where,
                measure_id=measure.id,
                period=obs.period,
                figure_kind=FigureKind(obs.kind),
                printed=obs.value,
                expected=round(computed, 1),
                actual=actual.value,
                base=base.value,
            )
        )
    return out


def _table_against_text(series, measure, data) -> list[Disagreement]:
    out: list[Disagreement] = []
    table = {(o.aligned, o.kind): o for o in series if o.printed_in == PrintedIn.TABLE}
    for obs in series:
        other = table.get((obs.aligned, obs.kind))
        if obs.printed_in != PrintedIn.TEXT or other is None or obs.value is None or other.value is None:
            continue
        if abs(obs.value - other.value) < 1e-9:
            continue
        out.append(
            TableAndText(
                area_id=obs.area_id,
                scheme_id=obs.scheme_id,
                source_id=obs.source_id,
                where=f"{other.source_location}; {obs.source_location}",
                measure_id=measure.id,
                period=obs.period,
                figure_kind=FigureKind(obs.kind),
                printed=obs.value,
                expected=other.value,
            )
        )
    return out


_MONTH_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_MONTHS = re.compile(r"\b(\d{1,2}|" + "|".join(_MONTH_WORDS) + r")[\s-]+months?\b", re.I)


def _months_stated(row: Money) -> list[int]:
    """The numbers of months a money row's own words state ("6 months from 24/12/17", "for the 12 months")."""
    found = _MONTHS.findall(f"{row.period.label} {row.note}")
    return [int(m) if m.isdigit() else _MONTH_WORDS[m.lower()] for m in found]


def _other_row(row: Money) -> OtherRow:
    return OtherRow(item=row.item, label=row.period.label, amount=row.amount or 0.0, where=row.source_location)


def _detail(total: Money, parts_sum: float, rows_by_report: dict, own: str) -> tuple[list[Money], list[Money]] | None:
    """Another table of the same report and period whose rows add up to `total`'s printed amount: its rows, and
    those of them that cost exactly the gap between the total and `parts_sum`. None when there is no such table."""
    tables: dict[str, list[Money]] = defaultdict(list)
    for row in rows_by_report.get((total.area_id, total.source_id, total.period), []):
        if row.breakdown != own:
            tables[row.breakdown].append(row)
    gap = (total.amount or 0.0) - parts_sum
    for rows in tables.values():
        parts = [r for r in rows if not r.is_total]
        added = _sum(r.amount for r in parts)
        if len(parts) >= 2 and added is not None and abs(added - (total.amount or 0.0)) < 0.5:
            return parts, [r for r in parts if r.amount is not None and abs(r.amount - gap) < 0.5]
    return None


def _money(data: Dataset) -> list[Disagreement]:
    out: list[Disagreement] = []
    breakdowns = defaultdict(list)
    by_report: dict[tuple, list[Money]] = defaultdict(list)  # every row of a report, by its period
    for row in data.money:
        breakdowns[(row.area_id, row.breakdown, row.period)].append(row)
        by_report[(row.area_id, row.source_id, row.period)].append(row)
    by_amount: dict[tuple[str, str, int], list[Money]] = defaultdict(list)  # rows of a report by amount, in pence
    for row in data.money:
        if row.amount is not None:
            by_amount[(row.area_id, row.source_id, round(row.amount * 100))].append(row)
    for (area_id, breakdown, period), rows in breakdowns.items():
        parts = [r for r in rows if not r.is_total]
        totals = [r for r in rows if r.is_total]
        first = (totals or parts)[0]
        place = places(r.source_location for r in rows)
        for total in totals:
            if total.amount is not None and parts:
                added = _sum(p.amount for p in parts)
                if added is not None and abs(added - total.amount) >= 0.5:
                    # Before calling it a gap: does another table of the same report add up to the printed total?
                    detail = _detail(total, added, by_report, breakdown)
                    detail_rows, gap_rows = detail if detail else ([], [])
                    out.append(
                        MoneyTotal(
                            area_id=area_id,
                            scheme_id=first.scheme_id,
                            source_id=first.source_id,
                            # With the places of the table that explains it, if there is one.
                            where=places([*(r.source_location for r in rows), *(r.source_location for r in detail_rows)]),
                            item=total.item,
                            period=period,
                            printed=total.amount,
                            expected=added,
                            count=len(parts),
                            detail_rows=len(detail_rows),
                            detail_where=places(r.source_location for r in detail_rows),
                            gap_rows=tuple(_other_row(r) for r in gap_rows),
                            # A table that adds up to the total shows the total, not why the parts fall short:
                            # the report does not say, so the gap is not called explained (issue 20, item 6).
                            nature=Nature.SLIP,
                        )
                    )
            if total.fte is not None and parts:
                added = _sum(p.fte for p in parts)
                if added is not None and abs(added - total.fte) > 1e-9:
                    out.append(
                        StaffTotal(
                            area_id=area_id,
                            scheme_id=first.scheme_id,
                            source_id=first.source_id,
                            where=place,
                            item=total.item,
                            period=period,
                            printed=total.fte,
                            expected=added,
                            count=len(parts),
                        )
                    )
        shares = [p.share for p in parts if p.share is not None]
        if len(shares) >= 2 and len(shares) == len(parts) and abs(sum(shares) - 100) > 0.5 * len(shares):
            out.append(
                Shares(
                    area_id=area_id,
                    scheme_id=first.scheme_id,
                    source_id=first.source_id,
                    where=place,
                    item=first.item,
                    period=period,
                    total=sum(shares),
                    count=len(shares),
                )
            )
        for row in rows:
            if row.fte is not None and row.unit_cost is not None and row.amount is not None and abs(row.fte * row.unit_cost - row.amount) >= 1:
                yearly = row.fte * row.unit_cost
                # Before calling it a gap: the months its own row states, or another row of the report with the
                # same amount that says what it is ("additional funding ... for the 12 months").
                months = next((m for m in _months_stated(row) if abs(yearly * m / 12 - row.amount) < 1), None)
                same = [
                    r
                    for r in by_amount.get((row.area_id, row.source_id, round(row.amount * 100)), [])
                    if r is not row and r.breakdown != row.breakdown and r.item != row.item
                ]
                explained = months is not None or bool(same)
                out.append(
                    StaffCost(
                        area_id=area_id,
                        scheme_id=row.scheme_id,
                        source_id=row.source_id,
                        where=row.source_location,
                        item=row.item,
                        period=row.period,
                        printed=row.amount,
                        expected=row.fte * row.unit_cost,
                        posts=row.fte,
                        cost_of_one=row.unit_cost,
                        months=months,
                        same_amount=_other_row(same[0]) if same and months is None else None,
                        # Less than a year's cost for the posts (but not nothing): it may be for part of the year.
                        nature=Nature.EXPLAINED if explained else Nature.PART_YEAR if 0 < row.amount < yearly else Nature.SLIP,
                    )
                )
    return out


def _risks(data: Dataset) -> list[Disagreement]:
    return [
        RiskScore(
            area_id=r.area_id,
            scheme_id=r.scheme_id,
            source_id=r.source_id,
            where=r.source_location,
            risk=r.risk,
            number=r.number,
            printed=r.score,
            expected=r.impact * r.probability,
            impact=r.impact,
            probability=r.probability,
        )
        for r in data.risks
        if r.impact is not None and r.probability is not None and r.score is not None and r.impact * r.probability != r.score
    ]


def _stated_against_figures(data: Dataset) -> list[Disagreement]:
    """A report's judgement in words (outcomes.csv) against the status its own plan and actual for the same
    series and period give. Only where the figures can be judged: a plan and an actual, and a measure where
    higher or lower is better."""
    out: list[Disagreement] = []
    for outcome in data.outcomes:
        if outcome.measure_id is None:
            continue
        series = data.series.get((outcome.area_id, outcome.scheme_id, outcome.measure_id), [])
        figures: dict[str, Observation] = {}
        for obs in series:
            if obs.aligned == outcome.period and obs.kind in (FigureKind.PLAN, FigureKind.ACTUAL) and obs.value is not None:
                if obs.kind not in figures or obs.printed_in == PrintedIn.TABLE:  # a table figure wins over the text
                    figures[obs.kind] = obs
        actual, plan = figures.get(FigureKind.ACTUAL), figures.get(FigureKind.PLAN)
        if actual is None or plan is None or actual.value is None or plan.value is None:
            continue
        status = judge(actual.value, plan.value, data.measures[outcome.measure_id].better)
        if status not in (Status.BETTER, Status.WORSE, Status.ON_PLAN) or consistent(StatedJudgement(outcome.judgement), status):
            continue
        places = [outcome.source_location] + sorted({actual.source_location, plan.source_location} - {outcome.source_location})
        out.append(
            StatedVsFigures(
                area_id=outcome.area_id,
                scheme_id=outcome.scheme_id,
                source_id=outcome.source_id,
                where="; ".join(places),
                measure_id=outcome.measure_id,
                period=outcome.period,
                stated=StatedJudgement(outcome.judgement),
                quote=outcome.quote,
                actual=actual.value,
                plan=plan.value,
                worked_out=status,
            )
        )
    return out
