"""Disagreements inside the source reports, found by computation rather than by hand-typed flags.

The checks: a printed total against the sum of its parts (periods adding up to a longer one, and
measures that are parts of another, such as age groups of all ages); a printed percentage difference
against the one its own figures give; the same figure quoted differently in a table and a sentence;
money totals, shares and staff costs; and a risk score against impact times probability.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import defaultdict
from datetime import timedelta

from ..presentation import wording
from ..data.model import Dataset, Disagreement, Observation

_ADDITIVE = {"count", "days", "gbp"}


def find_disagreements(data: Dataset) -> list[Disagreement]:
    found: list[Disagreement] = []
    for (area_id, scheme_id, measure_id), series in data.series.items():
        measure = data.measures[measure_id]
        if measure.unit in _ADDITIVE:
            found += _totals(series, measure, data)
        found += _changes(series, measure, data)
        found += _table_against_text(series, measure, data)
    found += _parts_of_a_whole(data)
    found += _money(data)
    found += _risks(data)
    return found


def _tiles(total, parts) -> bool:
    """True when the parts cover the total's period exactly, one after another."""
    day = total.period.start
    for part in parts:
        if part.period.start != day:
            return False
        day = part.period.end + timedelta(days=1)
    return day == total.period.end + timedelta(days=1)


def _totals(series: list[Observation], measure, data: Dataset) -> list[Disagreement]:
    out = []
    groups = defaultdict(list)
    for obs in series:
        if obs.kind in ("plan", "actual", "last_year"):
            groups[(obs.kind, obs.printed_in)].append(obs)
    for (kind, _), rows in groups.items():
        # Rows by start date, so the rows inside a total are found by bisection, not by scanning them all:
        # a series of 36 months and 3 years would otherwise compare 39 x 39 periods.
        by_start = sorted(rows, key=lambda o: o.period.start)
        starts = [o.period.start for o in by_start]
        for total in rows:
            window = by_start[bisect_left(starts, total.period.start):bisect_right(starts, total.period.end)]
            inside = [o for o in window if total.period.contains(o.period)]
            # The finest periods inside the total: those that contain no other.
            leaves = sorted((o for o in inside if not any(o.period.contains(x.period) for x in inside)), key=lambda o: o.period.start)
            if len(leaves) < 2 or not _tiles(total, leaves) or total.value is None or any(o.value is None for o in leaves):
                continue
            parts_sum = sum(o.value for o in leaves)
            if abs(parts_sum - total.value) < 0.5:
                continue
            hidden = any(o.suppressed for o in leaves)
            summed = "" if hidden else f" but its {len(leaves)} parts add up to {wording.figure(parts_sum, measure.unit, exact=True)}"
            out.append(Disagreement(
                total.area_id, total.scheme_id, total.source_id,
                f"{measure.name}: the printed {wording.KIND_NAMES[kind].lower()} total for {wording.period(total.period)} is "
                f"{wording.figure(total.value, measure.unit, exact=True)}{summed}.",
                total.source_location))
    return out


def _parts_of_a_whole(data: Dataset) -> list[Disagreement]:
    """Measures that are parts of another (measures.csv part_of) against it: one disagreement a series,
    for the longest period where they differ, saying how many of the periods compared differ."""
    parts_of = defaultdict(list)
    for measure in data.measures.values():
        if measure.part_of:
            parts_of[measure.part_of].append(measure)
    out = []
    for (area_id, scheme_id, whole_id), series in data.series.items():
        parts = parts_of.get(whole_id)
        if not parts:
            continue
        figures = [{(o.period, o.kind, o.source_id): o for o in data.series.get((area_id, scheme_id, part.id), [])
                    if o.kind in ("plan", "actual", "last_year") and o.value is not None} for part in parts]
        compared, differ = 0, []
        for whole in series:
            found = [f.get((whole.period, whole.kind, whole.source_id)) for f in figures]
            if whole.kind not in ("plan", "actual", "last_year") or whole.value is None or None in found:
                continue
            compared += 1
            added = sum(o.value for o in found)
            if abs(added - whole.value) >= 0.5:
                differ.append((whole, added, any(o.suppressed for o in found)))
        if not differ:
            continue
        whole, added, hidden = max(differ, key=lambda d: (d[0].period.end - d[0].period.start, d[0].period.end))
        unit, measure = data.measures[whole_id].unit, data.measures[whole_id]
        names = "; ".join(part.name for part in parts)
        summed = "do not add up to it" if hidden else f"add up to {wording.figure(added, unit, exact=True)}"
        times = "" if compared == 1 else (f" They differ in all {compared} periods compared." if len(differ) == compared
                                           else f" They differ in {len(differ)} of the {compared} periods compared.")
        out.append(Disagreement(
            area_id, scheme_id, whole.source_id,
            f"{measure.name}: the printed {wording.KIND_NAMES[whole.kind].lower()} for {wording.period(whole.period)} is "
            f"{wording.figure(whole.value, unit, exact=True)}, but its {len(parts)} parts ({names}) {summed}.{times}",
            "; ".join(sorted({whole.source_location} | {f[(whole.period, whole.kind, whole.source_id)].source_location for f in figures}))))
    return out


def _decimals(printed: str) -> int:
    digits = printed.strip().rstrip("%*").strip()
    return len(digits.split(".")[1]) if "." in digits else 0


def _changes(series, measure, data) -> list[Disagreement]:
    """A printed '% difference' against the difference its own plan/last-year and actual give."""
    out = []
    figures = {(o.aligned, o.kind): o for o in series if o.printed_in == "table" and o.value is not None}
    for obs in series:
        if obs.kind not in ("change_vs_plan", "change_vs_last_year") or obs.value is None:
            continue
        if obs.printed_in == "text" and (obs.period, obs.kind) in figures:
            continue  # compared with the table's figure instead, by _table_against_text
        base_kind = "plan" if obs.kind == "change_vs_plan" else "last_year"
        actual, base = figures.get((obs.period, "actual")), figures.get((obs.period, base_kind))
        if not actual or not base or not base.value:
            continue
        computed = (actual.value - base.value) / base.value * 100
        tolerance = 0.5 * 10 ** -_decimals(obs.printed) + 1e-9
        if abs(computed - obs.value) <= tolerance:
            continue
        against = "the plan" if base_kind == "plan" else "the same time last year"
        out.append(Disagreement(
            obs.area_id, obs.scheme_id, obs.source_id,
            f"{measure.name}, {wording.period(obs.period)}: the report says the actual figure is {_pct(obs.value)} "
            f"against {against}, but its own figures ({wording.figure(actual.value, measure.unit, exact=True)} against "
            f"{wording.figure(base.value, measure.unit, exact=True)}) give {_pct(round(computed, 1))}.",
            obs.source_location if obs.source_location == actual.source_location else f"{obs.source_location}; {actual.source_location}"))
    return out


def _pct(value: float) -> str:
    return f"{'+' if value > 0 else ''}{wording.number(value)}%"


def _table_against_text(series, measure, data) -> list[Disagreement]:
    out = []
    table = {(o.aligned, o.kind): o for o in series if o.printed_in == "table"}
    for obs in series:
        other = table.get((obs.aligned, obs.kind))
        if obs.printed_in != "text" or other is None or obs.value is None or other.value is None:
            continue
        if abs(obs.value - other.value) < 1e-9:
            continue
        unit = "percent" if obs.kind.startswith("change") else measure.unit
        out.append(Disagreement(
            obs.area_id, obs.scheme_id, obs.source_id,
            f"{measure.name}, {wording.KIND_NAMES[obs.kind].lower()} for {wording.period(obs.period)}: the table gives "
            f"{wording.figure(other.value, unit, exact=True)} but the text says {wording.figure(obs.value, unit, exact=True)}.",
            f"{other.source_location}; {obs.source_location}"))
    return out


def _money(data: Dataset) -> list[Disagreement]:
    out = []
    breakdowns = defaultdict(list)
    for row in data.money:
        breakdowns[(row.area_id, row.breakdown, row.period)].append(row)
    for (area_id, breakdown, period), rows in breakdowns.items():
        parts = [r for r in rows if not r.is_total]
        totals = [r for r in rows if r.is_total]
        first = (totals or parts)[0]
        place = "; ".join(sorted({r.source_location for r in rows}))
        for total in totals:
            if total.amount is not None and parts and all(p.amount is not None for p in parts):
                added = sum(p.amount for p in parts)
                if abs(added - total.amount) >= 0.5:
                    out.append(Disagreement(area_id, first.scheme_id, first.source_id,
                        f"{total.item} ({wording.period(period)}): the printed total is {wording.money(total.amount, exact=True)} "
                        f"but the {len(parts)} parts add up to {wording.money(added, exact=True)}.", place))
            if total.fte is not None and parts and all(p.fte is not None for p in parts):
                added = sum(p.fte for p in parts)
                if abs(added - total.fte) > 1e-9:
                    out.append(Disagreement(area_id, first.scheme_id, first.source_id,
                        f"{total.item}: the printed total is {wording.plural_number(total.fte, 'full-time post')} but the rows add up to {wording.number(added)}.", place))
        shares = [p.share for p in parts if p.share is not None]
        if len(shares) >= 2 and len(shares) == len(parts) and abs(sum(shares) - 100) > 0.5 * len(shares):
            out.append(Disagreement(area_id, first.scheme_id, first.source_id,
                f"{first.item} ({wording.period(period)}): the shares add up to {wording.number(sum(shares))}%, not 100%.", place))
        for row in rows:
            if row.fte is not None and row.unit_cost is not None and row.amount is not None and abs(row.fte * row.unit_cost - row.amount) >= 1:
                out.append(Disagreement(area_id, row.scheme_id, row.source_id,
                    f"{row.item}: {wording.plural_number(row.fte, 'full-time post')} at {wording.money(row.unit_cost, exact=True)} each "
                    f"would cost {wording.money(row.fte * row.unit_cost, exact=True)}, but the printed cost is {wording.money(row.amount, exact=True)}.",
                    row.source_location))
    return out


def _risks(data: Dataset) -> list[Disagreement]:
    return [Disagreement(r.area_id, r.scheme_id, r.source_id,
                         f"Risk {r.number} ({r.risk}): the printed score is {r.score} but impact {r.impact} times probability {r.probability} is {r.impact * r.probability}.",
                         r.source_location)
            for r in data.risks
            if None not in (r.impact, r.probability, r.score) and r.impact * r.probability != r.score]
