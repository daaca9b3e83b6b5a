"""The rules of this data that its schema cannot state, in one place.

datapackage.json checks each file on its own terms (schema.py). What needs two cells, two files or the
site's settings is here:

- a figure's written form fits its measure's unit (a percentage is not a count; money has a £), and a
  percentage is not written as a fraction (0.21 for 21%);
- a period does not end before it starts, a label that is only a period ("Oct", "2016/17") names the months
  or the year its dates are in, and a date written day first that could be read two ways is settled by its
  row or refused (period_labels.py);
- a figure is within the bounds the data package states for its unit (`unitBounds`): no negative count of
  people or of days, no share of a whole above 100%;
- a scheme named on a row belongs to that row's area (observations, outcomes, caveats, explanations);
- a printed range's top (value_to) is a figure of the same unit, given only with a value, and not below it;
- a benchmark names what it is compared with (compared_with), and only a benchmark does;
- a measure that is part_of another is not a part of itself, and both add up (counts, days or pounds);
- counts of people under the small-number threshold are flagged to be hidden;
- a time the report gives only in words (by, from, words in time_stated) has its words (time_words).

Each works on whole columns of a checked Table (schema.Table), each distinct cell once.
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

import numpy as np
import pandas as pd

from .cells import parse_number_column
from .errors import Problem
from .period_labels import ambiguous, both_readings, label_mismatch, label_period, settled, settled_day
from .schema import Table, groups
from .vocab import LEVELS, FigureKind, TimeStated, Unit

# Which written forms of a figure fit which unit.
UNIT_FORMS = MappingProxyType(
    {
        Unit.COUNT: frozenset({"plain"}),
        Unit.DAYS: frozenset({"plain"}),
        Unit.RATE_PER_100K: frozenset({"plain"}),
        Unit.PERCENT: frozenset({"percent", "plain"}),
        Unit.GBP: frozenset({"money", "plain"}),
    }
)
UNIT_EXAMPLE = MappingProxyType({Unit.COUNT: "8,407", Unit.DAYS: "1,041", Unit.RATE_PER_100K: "387.6", Unit.PERCENT: "21%", Unit.GBP: "£1.2m"})
_FORM_WORDS = MappingProxyType({"percent": "a percentage", "money": "an amount of money"})


def figures(table: Table, column: str, units: np.ndarray | str | None, problems: list[Problem]) -> tuple[np.ndarray, np.ndarray]:
    """A column of printed figures (8,407; 21%; £1.2m; seven; n/a): (values, reasons for no figure), one per row.

    `units` is each row's unit (or one unit for all rows; None where it is not known). A cell that is not a
    figure, or whose written form does not fit the unit, is a problem and gives no value."""
    cells = table.texts[column]
    n = len(cells.codes)
    parsed = parse_number_column(pd.Series(cells.texts, dtype=object))
    value_of, form_of = parsed["value"].to_numpy(), parsed["kind"].to_numpy()
    reason_of, error_of = parsed["missing"].to_numpy(), parsed["error"].to_numpy()
    values, reasons = value_of[cells.codes], reason_of[cells.codes]
    if all(f is None for f in form_of) and all(e is None for e in error_of):
        return values, reasons  # no figure in the column at all (value_to of most rows): no unit to check
    if isinstance(units, str) or units is None:
        units = np.full(n, units, dtype=object)
    # Each distinct (cell, unit) pair is judged once.
    unit_codes, unit_names = pd.factorize(pd.Series(units, dtype=object), use_na_sentinel=False)
    pairs = cells.codes.astype(np.int64) * max(len(unit_names), 1) + unit_codes
    distinct, first = np.unique(pairs, return_index=True)
    bad: dict[int, tuple[str, str]] = {}  # (message, fix) of each pair that is a problem
    for pair, i in zip(distinct.tolist(), first.tolist()):
        code, unit = int(cells.codes[i]), unit_names[unit_codes[i]]
        error, form = error_of[code], form_of[code]
        if error is not None:
            bad[pair] = (error.message, error.fix)
        elif form is not None and unit in UNIT_FORMS and form not in UNIT_FORMS[unit]:
            bad[pair] = (
                f"this is {_FORM_WORDS[form]}, but the measure is in {unit.replace('_', ' ')}",
                f"Write it like {UNIT_EXAMPLE[unit]}, or check the measure_id.",
            )
        elif form == "plain" and unit == Unit.PERCENT and 0 < abs(value_of[code]) < 1:
            bad[pair] = _fraction(value_of[code])
    if bad:
        for i in np.flatnonzero(np.isin(pairs, list(bad))).tolist():
            message, fix = bad[int(pairs[i])]
            problems.append(
                Problem(file=table.file, line=int(table.lines[i]), column=column, value=cells.texts[cells.codes[i]], message=message, fix=fix)
            )
            values[i] = None
    return values, reasons


def _fraction(value: float) -> tuple[str, str]:
    """A percentage written as a fraction (0.21 for 21%) would be published as 0.21%, and then disagree with
    the same figure printed elsewhere. A bare figure between 0 and 1 is refused; the % sign says it is meant."""
    percent = f"{round(value * 100, 10):g}%"
    return (
        "this looks like a fraction, but the figure is a percentage",
        f"Write {percent} if you mean {percent}. If the figure really is {value:g}%, write it with the % sign: {value:g}%.",
    )


def range_tops(table: Table, values: np.ndarray, reasons: np.ndarray, units: np.ndarray, problems: list[Problem]) -> np.ndarray:
    """observations.csv value_to, the top of a printed range ("30,000 to 50,000"): read like `value`, with the
    same unit; a figure (not n/a), given only beside a figure in `value`, and not below it. Each row's top or None."""
    cells = table.texts["value_to"]
    filled = np.fromiter((t != "" for t in cells.texts), dtype=bool, count=len(cells.texts))[cells.codes]
    if not filled.any():  # most files: no ranges at all
        return np.full(len(table), None, dtype=object)
    tops, no_top = figures(table, "value_to", units, problems)
    column = "value_to"
    for i in np.flatnonzero(filled).tolist():
        line, shown = int(table.lines[i]), cells.texts[cells.codes[i]]
        if tops[i] is None and no_top[i] is not None:
            problems.append(
                Problem(
                    file=table.file,
                    line=line,
                    column=column,
                    value=shown,
                    message="value_to is only for the top of a printed range, so it must be a figure",
                    fix="Leave value_to empty when the report prints one figure or none.",
                )
            )
        elif tops[i] is None:  # not a figure, or the wrong unit: reported by figures()
            continue
        elif values[i] is None and reasons[i] is not None:
            problems.append(
                Problem(
                    file=table.file,
                    line=line,
                    column=column,
                    value=shown,
                    message="there is a top of a range but no figure in value",
                    fix="Put the bottom of the range in value ('30,000 to 50,000' is value 30,000, value_to 50,000), or leave value_to empty.",
                )
            )
        elif values[i] is not None and tops[i] < values[i]:
            problems.append(
                Problem(
                    file=table.file,
                    line=line,
                    column=column,
                    value=shown,
                    message=f"the top of the range is below its bottom ({table.texts['value'].texts[table.texts['value'].codes[i]]} in value)",
                    fix="value is the lower figure and value_to the higher: swap them if they are the wrong way round.",
                )
            )
    return tops


def benchmarks_named(table: Table, problems: list[Problem]) -> None:
    """observations.csv compared_with: filled in for kind benchmark, and only then (a broken kind is reported already)."""
    kinds = table.distinct["kind"]
    benchmark = np.fromiter((k == FigureKind.BENCHMARK for k in kinds), dtype=bool, count=len(kinds))[table.texts["kind"].codes]
    named = table.given("compared_with")
    known = ~table.invalid["kind"]
    for i in np.flatnonzero(known & (benchmark != named)).tolist():
        if benchmark[i]:
            problems.append(
                Problem(
                    file=table.file,
                    line=int(table.lines[i]),
                    column="compared_with",
                    message="a benchmark must say where its figure comes from",
                    fix="Fill in compared_with, e.g. 'NHS Wales demonstrator sites', or correct the kind if the figure is the area's own.",
                )
            )
        else:
            kind = table.values["kind"][i]
            problems.append(
                Problem(
                    file=table.file,
                    line=int(table.lines[i]),
                    column="compared_with",
                    value=table.values["compared_with"][i],
                    message=f"only a benchmark is compared with somewhere else, and this row's kind is {kind}",
                    fix="Leave compared_with empty, or set kind to benchmark if the figure comes from somewhere else.",
                )
            )


def periods(
    table: Table, problems: list[Problem], start: str = "period_start", end: str = "period_end", skip: np.ndarray | None = None
) -> np.ndarray:
    """Rows whose period is known and does not end before it starts; the others are problems (or broken already).
    `skip`: rows whose dates could be read two ways (reported already, by dates_read_one_way)."""
    known = table.given(start) & table.given(end)
    if skip is not None:
        known &= ~skip
    group, first = groups(table, start, end)
    starts, ends = table.values[start], table.values[end]
    backwards = np.fromiter((known[i] and ends[i] < starts[i] for i in first.tolist()), dtype=bool, count=len(first))[group]
    for i in np.flatnonzero(backwards).tolist():
        problems.append(
            Problem(
                file=table.file,
                line=int(table.lines[i]),
                column=end,
                value=_iso(ends[i]),
                message=f"the period ends before it starts ({_iso(starts[i])})",
                fix="Check the two dates: the end is the last day the figure covers.",
            )
        )
    return known & ~backwards


def schemes_in_their_area(table: Table, scheme_area: dict[str, str], problems: list[Problem]) -> None:
    """A row's scheme belongs to the row's area (an unknown scheme is the foreign key's problem)."""
    cells = table.texts["scheme_id"]
    areas = table.values["area_id"]
    owners = np.empty(len(cells.texts), dtype=object)
    owners[:] = [scheme_area.get(t) for t in cells.texts]
    has = np.fromiter((o is not None for o in owners), dtype=bool, count=len(owners))[cells.codes]
    owner = owners[cells.codes]
    wrong = np.flatnonzero(has & ~table.invalid["area_id"] & (owner != areas))
    for i in wrong.tolist():
        problems.append(
            Problem(
                file=table.file,
                line=int(table.lines[i]),
                column="scheme_id",
                value=table.values["scheme_id"][i],
                message=f"this scheme belongs to {owner[i]}, not {areas[i]}",
                fix="Correct the area_id or the scheme_id.",
            )
        )


def parts_add_up(table: Table, problems: list[Problem]) -> None:
    """measures.csv part_of: not a part of itself, and both the part and the whole in units that add up."""
    if "part_of" not in table.values:
        return
    ids, units = table.values["id"], table.values["unit"]
    unit_of = {i: u for i, u in zip(ids.tolist(), units.tolist()) if i}
    for i, (line, whole) in enumerate(zip(table.lines.tolist(), table.values["part_of"].tolist())):
        if not whole or whole not in unit_of:  # an unknown id is reported by the foreign key check
            continue
        unit = units[i]
        if unit is None or unit_of[whole] is None:  # a unit the schema refused: reported already
            continue
        if whole == ids[i]:
            problems.append(
                Problem(
                    file=table.file,
                    line=line,
                    column="part_of",
                    value=whole,
                    message="a measure cannot be a part of itself",
                    fix="Leave part_of empty, or give the id of the measure this one is a part of.",
                )
            )
        elif unit != unit_of[whole] or unit is None or not Unit(unit).adds_up:
            problems.append(
                Problem(
                    file=table.file,
                    line=line,
                    column="part_of",
                    value=whole,
                    message=f"parts must add up to the whole, so both must be counts, days or pounds (this is {unit}, '{whole}' is {unit_of[whole]})",
                    fix="Leave part_of empty for figures that do not add up, such as percentages.",
                )
            )


def observation_units(table: Table, unit_of_measure: dict[str, str]) -> np.ndarray:
    """Each observation's unit: a printed difference (change_vs_...) is a percentage, else its measure's unit."""
    change = {k.value for k in FigureKind if k.is_change}
    group, first = groups(table, "kind", "measure_id")
    kinds, measures = table.values["kind"], table.values["measure_id"]
    units = np.empty(len(first), dtype=object)
    units[:] = [Unit.PERCENT if kinds[i] in change else unit_of_measure.get(measures[i]) for i in first.tolist()]
    return units[group]


def suppressed(table: Table, values: np.ndarray, counts_people: dict[str, bool], threshold: int, tops: np.ndarray | None = None) -> np.ndarray:
    """Counts of people above zero and under the threshold, which are hidden everywhere so nobody can be identified.
    A range ("2 to 4", `tops` its value_to) is hidden when either end is."""
    levels = {k.value for k in LEVELS}
    if tops is not None and not any(table.texts["value_to"].texts):
        tops = None  # no ranges: most files
    group, first = groups(table, "measure_id", "kind", "value", *(["value_to"] if tops is not None else []))
    measures, kinds = table.values["measure_id"], table.values["kind"]

    def small(value) -> bool:
        return value is not None and 0 < value < threshold

    def hidden(i: int) -> bool:
        if not counts_people.get(measures[i]) or kinds[i] not in levels:
            return False
        return small(values[i]) or (tops is not None and small(tops[i]))

    hide = np.fromiter((hidden(i) for i in first.tolist()), dtype=bool, count=len(first))
    return hide[group]


def _iso(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def codes_once(table: Table, problems: list[Problem]) -> None:
    """An ONS code names one council, so no two areas share one (an empty code is a partnership's: any number)."""
    first: dict[str, int] = {}
    for line, code in zip(table.lines.tolist(), table.values["ons_code"].tolist()):
        if not code:
            continue
        if code in first:
            problems.append(
                Problem(
                    file=table.file,
                    line=line,
                    column="ons_code",
                    value=code,
                    message=f"this ONS code is given to another area too, on line {first[code]}",
                    fix="Each council has its own code: correct one of the two, or leave it empty for a partnership that is not one council.",
                )
            )
        else:
            first[code] = line


def stated_times(table: Table, stated_field: str, words_field: str, problems: list[Problem]) -> None:
    """time_stated by, from or words: the page says the time in the report's words only, so they must be given
    (a broken time_stated is reported already)."""
    stated, words = table.values[stated_field].tolist(), table.values[words_field].tolist()
    for i, (how, said) in enumerate(zip(stated, words)):
        if how and not table.invalid[stated_field][i] and TimeStated(how).needs_words and not said:
            problems.append(
                Problem(
                    file=table.file,
                    line=int(table.lines[i]),
                    column=words_field,
                    value=None,
                    message=f"with {stated_field} '{how}', pages give the time in the report's own words, and there are none",
                    fix=f"Copy the report's words for the time into {words_field}, such as 'by 2018/19' or 'from June 2017'.",
                )
            )


def dates_read_one_way(
    table: Table, problems: list[Problem], start: str = "period_start", end: str = "period_end", label: str = "period_label"
) -> np.ndarray:
    """Rows with a date written day first whose day and month could be swapped (10/01/2016), that nothing on the
    row settles (period_labels.settled): each is a problem giving both readings. The rows, as a mask."""
    starts, ends, labels = table.texts[start], table.texts[end], table.texts[label]
    bad = np.zeros(len(table), dtype=bool)
    either = [np.fromiter((ambiguous(t) is not None for t in c.texts), dtype=bool, count=len(c.texts))[c.codes] for c in (starts, ends)]
    rows = np.flatnonzero(either[0] | either[1])
    if not len(rows):  # dates written YYYY-MM-DD, or day first with a day over 12: nearly every file
        return bad
    judged: dict[tuple[int, int, int], list] = {}
    for i in rows.tolist():
        key = (int(starts.codes[i]), int(ends.codes[i]), int(labels.codes[i]))
        if key not in judged:
            judged[key] = settled(starts.texts[key[0]], ends.texts[key[1]], labels.texts[key[2]])
        said: set[str] = set()
        for text, day_first, month_first in judged[key]:
            if text in said:  # a one-day period, both dates the same: one message
                continue
            said.add(text)
            message, fix = both_readings(text, day_first, month_first)
            column = start if text == starts.texts[key[0]] else end
            problems.append(Problem(file=table.file, line=int(table.lines[i]), column=column, value=text, message=message, fix=fix))
            bad[i] = True
    return bad


def day_read_one_way(table: Table, problems: list[Problem], column: str, label: str | None = None) -> None:
    """A single date (milestones' due, a report's date) written day first that could be read two ways and that its
    label, if any, does not settle (period_labels.settled_day)."""
    cells = table.texts[column]
    if not any(ambiguous(t) is not None for t in cells.texts):
        return
    labels = table.texts[label] if label else None
    for i in range(len(table)):
        text = cells.texts[cells.codes[i]]
        found = settled_day(text, labels.texts[labels.codes[i]] if labels is not None else "")
        if found is not None:
            message, fix = both_readings(*found)
            problems.append(Problem(file=table.file, line=int(table.lines[i]), column=column, value=text, message=message, fix=fix))


def labels_fit_dates(table: Table, rows: np.ndarray, problems: list[Problem], start: str = "period_start", end: str = "period_end") -> None:
    """A label that is only a period ("Oct", "2016/17") names months or a year the dates must be in
    (period_labels.label_period). `rows`: the rows whose period is known and was read one way."""
    labels = table.texts["period_label"]
    named = [label_period(t) for t in labels.texts]
    if all(n is None for n in named):
        return
    has = np.fromiter((n is not None for n in named), dtype=bool, count=len(named))[labels.codes]
    group, first = groups(table, start, end, "period_label")
    starts, ends = table.values[start], table.values[end]
    wrong = np.zeros(len(first), dtype=bool)
    for g, i in enumerate(first.tolist()):
        label = named[labels.codes[i]]
        wrong[g] = label is not None and rows[i] and not label.fits(starts[i], ends[i])
    for i in np.flatnonzero(wrong[group] & has & rows).tolist():
        label = named[labels.codes[i]]
        assert label is not None
        message, fix = label_mismatch(label, starts[i], ends[i])
        problems.append(
            Problem(file=table.file, line=int(table.lines[i]), column="period_label", value=labels.texts[labels.codes[i]], message=message, fix=fix)
        )


# What a figure of each kind of measure can be, when the data package does not say (datapackage.json states it on
# the observations' `value` field as `unitBounds`, read by `bounds_of`).
_BOUND_WORDS = MappingProxyType(
    {
        "count": "a count",
        "days": "a number of days",
        "rate_per_100k": "a rate for every 100,000 people",
        "gbp": "an amount of money",
        "percent": "a percentage",
        "share": "a share of a whole (this measure's share is yes in measures.csv)",
    }
)


def bounds_of(table: Table, column: str) -> dict[str, tuple[float | None, float | None]]:
    """The lowest and highest figure of each kind (a unit, or `share`) the data package allows in `column`: its
    field's `unitBounds`, {kind: {"minimum": .., "maximum": ..}}."""
    spec = next((f for f in table.fields if f["name"] == column), {})
    return {kind: (b.get("minimum"), b.get("maximum")) for kind, b in spec.get("unitBounds", {}).items()}


def within_bounds(table: Table, column: str, values: np.ndarray, kinds: np.ndarray | str, problems: list[Problem]) -> None:
    """Figures below the lowest or above the highest the data package allows for their kind (`kinds`: each row's
    unit or `share`, or None where no bound applies, such as a printed change): a negative count of people or of
    days, a share over 100%."""
    bounds = bounds_of(table, column)
    if not bounds:
        return
    if isinstance(kinds, str):
        kinds = np.full(len(values), kinds, dtype=object)
    numbers = pd.to_numeric(pd.Series(values, dtype=object), errors="coerce").to_numpy(dtype=float)
    cells = table.texts[column]
    for kind, (low, high) in bounds.items():
        these = kinds == kind
        below = these & (numbers < low) if low is not None else np.zeros(len(numbers), dtype=bool)
        above = these & (numbers > high) if high is not None else np.zeros(len(numbers), dtype=bool)
        for i in np.flatnonzero(below | above).tolist():
            bound = low if below[i] else high
            assert bound is not None
            _out_of_bounds(table, column, i, kind, bound, bool(below[i]), cells.texts[cells.codes[i]], problems)


def _out_of_bounds(table: Table, column: str, i: int, kind: str, bound: float, below: bool, shown: str, problems: list[Problem]) -> None:
    what = _BOUND_WORDS.get(kind, kind)
    message = f"{what} cannot be {'below' if below else 'above'} {bound:g}{'%' if kind in ('percent', 'share') else ''}"
    fix = "Check the figure against the report and write it as printed."
    if column == "value" and below:
        fix += " A fall or a cut is not a level: write it in a row of kind change_vs_plan or change_vs_last_year, as a percentage, such as -12%."
    problems.append(Problem(file=table.file, line=int(table.lines[i]), column=column, value=shown, message=message, fix=fix))


def observation_bound_kinds(table: Table, units: np.ndarray, share_of: dict[str, bool]) -> np.ndarray:
    """What bounds each observation's figure: `share` for a level of a measure that is a share of a whole, its unit
    for another level, and None for a printed change (change_vs_plan, change_vs_last_year), which may be anything."""
    change = {k.value for k in FigureKind if k.is_change}
    kinds, measures = table.values["kind"], table.values["measure_id"]
    group, first = groups(table, "kind", "measure_id")
    firsts = first.tolist()
    out = np.empty(len(first), dtype=object)
    out[:] = [None if kinds[i] in change else ("share" if share_of.get(measures[i]) else units[i]) for i in firsts]
    return out[group]


# What a count and a population test (analysis/compare.py TESTABLE): a figure per this many people.
PER_PEOPLE = MappingProxyType({Unit.PERCENT: 100.0, Unit.RATE_PER_100K: 100_000.0})


def counts_out_of_populations(table: Table, units: np.ndarray, values: np.ndarray, problems: list[Problem]) -> None:
    """observations.csv `count` and `population` (optional columns; the schema checks each is a number and not
    below its minimum): given together, only for a percentage or a rate for every 100,000 people and never for a
    printed change, a percentage's count no more than its population, and the figure the count out of the
    population as printed (to its last decimal place). One problem a row: the first that applies."""
    present = [name for name in ("count", "population") if name in table.values]
    if not present:
        return
    none = np.zeros(len(table), dtype=bool)
    given = {name: table.given(name) if name in present else none for name in ("count", "population")}
    broken = np.logical_or.reduce([table.invalid[name] for name in present])
    for i in np.flatnonzero((given["count"] | given["population"]) & ~broken).tolist():
        found: tuple[str, str, str, str | None] | None
        if given["count"][i] != given["population"][i]:
            has, lacks = ("count", "population") if given["count"][i] else ("population", "count")
            found = (
                lacks,
                f"there is a {has} but no {lacks}: the two are used together",
                f"Fill in {lacks} as well, or leave {has} empty too.",
                None,
            )
        else:
            found = _count_problem(table, i, units[i], values[i])
        if found is not None:
            column, message, fix, shown = found
            problems.append(Problem(file=table.file, line=int(table.lines[i]), column=column, value=shown, message=message, fix=fix))


def _count_problem(table: Table, i: int, unit, value) -> tuple[str, str, str, str | None] | None:
    """What is wrong with row i's count and population, both given: (column, message, fix, the cell shown), or None."""
    count, population = float(table.values["count"][i]), float(table.values["population"][i])
    shown = _plain(count)
    if FigureKind(table.values["kind"][i]).is_change:
        return ("count", "a printed change is not worked out from a count and a population", "Leave count and population empty on this row.", shown)
    if unit not in PER_PEOPLE:
        measure_unit = str(unit).replace("_", " ")
        return (
            "count",
            f"a count and a population are used only for a percentage or a rate for every 100,000 people, and this measure is in {measure_unit}",
            "Leave count and population empty on this row, or check the measure_id.",
            shown,
        )
    if unit == Unit.PERCENT and count > population:
        return (
            "count",
            f"the count is more than the population ({_plain(population)}), so the percentage would be over 100%",
            "Check both against the report: the count is the part of the population the percentage is of.",
            shown,
        )
    if value is None or table.values["qualifier"][i] or table.values["value_to"][i]:
        return None  # no single exact figure to check against
    text = table.texts["value"].texts[table.texts["value"].codes[i]]
    decimals = len(text.rstrip("%*").split(".")[1]) if "." in text else 0
    worked_out = count / population * PER_PEOPLE[unit]
    if abs(worked_out - float(value)) <= 0.5 * 10**-decimals + 1e-9:
        return None
    said = f"{worked_out:,.{decimals + 1}f}{'%' if unit == Unit.PERCENT else ' for every 100,000 people'}"
    return (
        "value",
        f"the figure is not the count out of the population: {_plain(count)} out of {_plain(population)} is {said}",
        "Check the three against the report. If the figure is adjusted, such as age-standardised, leave count and population empty.",
        text,
    )


def _plain(number: float) -> str:
    """A count or a population as an editor would write it: 1,234 or 12.5."""
    return f"{number:,.0f}" if float(number).is_integer() else f"{number:,g}"
