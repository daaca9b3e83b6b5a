"""Numbers, dates and periods written the way GOV.UK and NHS.UK style guides write them."""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from ..analysis.disagreements import (
    Disagreement,
    MoneyTotal,
    Nature,
    OfMeasure,
    PartsOfWhole,
    PeriodsTotal,
    PrintedChange,
    RiskScore,
    Shares,
    StaffCost,
    StaffTotal,
    StatedVsFigures,
    TableAndText,
)
from ..analysis.status import Status
from ..data.model import Dataset, Explanation, Measure, Observation, Period, Source
from ..data.vocab import CaveatKind, DateStated, FigureKind, Per, SchemeStage, StatedJudgement, TimeStated, Unit

KIND_NAMES = {
    FigureKind.PLAN: "Plan",
    FigureKind.ACTUAL: "Actual",
    FigureKind.LAST_YEAR: "Same time last year",
    FigureKind.CHANGE_VS_PLAN: "Difference from plan",
    FigureKind.CHANGE_VS_LAST_YEAR: "Difference from last year",
    FigureKind.TARGET: "Target",
    FigureKind.BENCHMARK: "Elsewhere, to compare",
    FigureKind.ESTIMATE: "Estimate",
    FigureKind.GAP: "Gap still to close",
    FigureKind.DESIGN: "As designed or typical",
}
# A rate for each of these periods, after its figure: "about 40 a month".
PER_WORDS = {Per.DAY: "a day", Per.WEEK: "a week", Per.MONTH: "a month", Per.QUARTER: "a quarter", Per.YEAR: "a year"}
# What a caveat is, before its words.
CAVEAT_WORDS = {
    CaveatKind.CAVEAT: "The report warns",
    CaveatKind.RISK: "A risk the report names",
    CaveatKind.SETBACK: "A setback the report names",
    CaveatKind.CHALLENGE: "A challenge the report names",
    CaveatKind.NOTE: "The report also says",
    CaveatKind.ACTION: "What is being done, the report says",
    CaveatKind.PROGRESS: "Progress the report names",
    CaveatKind.PRAISE: "Praise the report gives",
    CaveatKind.SIGN_OF_SUCCESS: "A sign of success, the report says",
}
STAGE_WORDS = {
    SchemeStage.PLANNED: "Planned",
    SchemeStage.STARTING: "Starting",
    SchemeStage.RUNNING: "Running",
    SchemeStage.FINISHED: "Finished",
    SchemeStage.STOPPED: "Stopped",
}


@dataclass(frozen=True)
class UnitWords:
    """How a unit is said: the one table from units to words."""

    axis: str  # a chart's value axis title
    table: str  # in brackets after a table's caption: "(per cent)"
    after: str  # after a number in a sentence: "1,041 days"


UNIT_WORDS = {
    Unit.COUNT: UnitWords("Number", "number", ""),
    Unit.PERCENT: UnitWords("Per cent", "per cent", ""),  # written 21%
    # As the reports say it: "per 100,000 population"; a measure's `rate_of` says who, where the report does.
    Unit.RATE_PER_100K: UnitWords("Per 100,000 population", "per 100,000 population", " per 100,000 population"),
    Unit.GBP: UnitWords("Pounds", "pounds", ""),  # written £1.2 million
    Unit.DAYS: UnitWords("Days", "days", " days"),
}
QUALIFIERS = {"about": "about ", "over": "over ", "under": "under ", "nearly": "nearly "}


def number(value: float, decimals: int | None = None) -> str:
    """8407 → '8,407'; 387.6 → '387.6'; keeps the decimals a figure has, up to 3."""
    if decimals is None:
        decimals = 0 if float(value).is_integer() else min(3, len(f"{value:.3f}".rstrip("0").split(".")[1]))
    return f"{value:,.{decimals}f}"


def money(value: float, exact: bool = False) -> str:
    """£258,000; £43.7 million in sentences, £43,735,000 in tables (exact=True)."""
    sign = "-" if value < 0 else ""
    value = abs(value)
    if value >= 1_000_000 and not exact:
        return f"{sign}£{number(round(value / 1_000_000, 1))} million"
    return f"{sign}£{number(round(value, 2))}"


def unit_words(unit: str, rate_of: str = "") -> UnitWords:
    """How a unit is said; for a rate per 100,000, of whom as the report says it (measures.csv `rate_of`):
    'per 100,000 population aged 18 and over', never shortened to something else."""
    words = UNIT_WORDS[Unit(unit)]
    if unit != Unit.RATE_PER_100K or not rate_of.strip():
        return words
    of = rate_of.strip()
    return UnitWords(f"Per 100,000 {of}", f"per 100,000 {of}", f" per 100,000 {of}")


def figure(value: float | None, unit: str, *, exact: bool = False, qualifier: str = "", with_unit: bool = True, rate_of: str = "") -> str:
    """A value in its unit, e.g. '21%', '£1.4 million', '9 per 100,000 population'."""
    if value is None:
        return "no figure"
    if unit == Unit.PERCENT:
        text = f"{number(value)}%"
    elif unit == Unit.GBP:
        text = money(value, exact)
    else:
        text = number(value) + (unit_words(unit, rate_of).after if with_unit else "")
    return QUALIFIERS.get(qualifier, "") + text


def figure_text(obs: Observation, measure: Measure, threshold: int, *, exact: bool = True, with_unit: bool = False) -> str:
    """What the site shows for one figure: the small-number rule and missing reasons applied here, once."""
    if obs.suppressed:
        return f"fewer than {threshold}"
    if obs.value is None:
        return obs.missing or "No figure given"
    unit = Unit.PERCENT if obs.kind.is_change else measure.unit
    if obs.value_to is not None:  # a range: "30,000 to 50,000", "10 to 20 days", "£1 million to £2 million"
        first = figure(obs.value, unit, exact=exact, qualifier=obs.qualifier, with_unit=False)
        text = f"{first} to {figure(obs.value_to, unit, exact=exact, with_unit=with_unit, rate_of=measure.rate_of)}"
    else:
        text = figure(obs.value, unit, exact=exact, qualifier=obs.qualifier, with_unit=with_unit, rate_of=measure.rate_of)
    if obs.kind.is_change and obs.value > 0:
        text = "+" + text
    if obs.per in PER_WORDS:
        text += " " + PER_WORDS[obs.per]
    return text


def day(d: date) -> str:
    """5 December 2016."""
    return f"{d.day} {d:%B %Y}"


def report_date(source: Source) -> str:
    """A report's own date, no finer than the report gives it (sources.csv `date_stated`): '30 November 2016',
    'August 2012' or '2012'. The one way a page says when a report is from; its `date` stays a day for sorting
    and ages."""
    if source.date_stated == DateStated.MONTH:
        return f"{source.date:%B %Y}"
    if source.date_stated == DateStated.YEAR:
        return str(source.date.year)
    return day(source.date)


def _month_start(d: date) -> bool:
    return d.day == 1


def _month_end(d: date) -> bool:
    return d.day == monthrange(d.year, d.month)[1]


def period(p: Period) -> str:
    """A period as the report gives it. Dated: 'April to September 2016', 'October 2016', '2016 to 2017'
    (financial year), '5 December 2016'. Otherwise never finer than the report (`Period.stated`): a month
    only ('February 2017'), a year only ('2020'), the report's words ('by 2018/19', 'from June 2017'), or no
    date ('no date given; from the report of 13 March 2017')."""
    if p.stated == TimeStated.AS_DATED:
        return _dated(p.start, p.end)
    return stated_time(p)


def stated_time(p: Period) -> str:
    """The time of a period whose report gives less than its dates, in the report's terms: the one function
    that words a time as stated (`period` calls it; a target "to be met by ..." uses it too)."""
    if p.stated == TimeStated.MONTH:
        first, last = date(p.start.year, p.start.month, 1), p.end
        return _dated(first, date(last.year, last.month, monthrange(last.year, last.month)[1]))
    if p.stated == TimeStated.YEAR:
        return str(p.start.year) if p.start.year == p.end.year else f"{p.start.year} to {p.end.year}"
    if p.stated == TimeStated.NONE:
        report = f"no date given; from the report of {report_date(p.report)}" if p.report else "no date given"
        return f"{p.words} ({report})" if p.words else report
    if p.words:  # by, from, words: the report's own words
        return with_year_said(p.words)
    if p.stated == TimeStated.BY:  # (the loader asks for words; a period made in code may have none)
        return f"by {_dated(date(p.end.year, p.end.month, 1), p.end)}"
    if p.stated == TimeStated.FROM:
        return f"from {_dated(p.start, date(p.start.year, p.start.month, monthrange(p.start.year, p.start.month)[1]))}"
    return _dated(p.start, p.end)


_MONTH_NAMED = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b")
_YEAR_NAMED = re.compile(r"\b(19|20)\d\d\b|['’]\d\d\b")  # 2016, 2018/19, Sept '14


NO_YEAR = "(no year given)"


def with_year_said(words: str) -> str:
    """The report's words for a time, as printed; when they name a month but no year ('November', 'from
    February'), '(no year given)' follows, so a reader does not take it for the month just gone."""
    return f"{words} {NO_YEAR}" if _MONTH_NAMED.search(words) and not _YEAR_NAMED.search(words) else words


@lru_cache(maxsize=8192)  # a national build writes the same few hundred periods hundreds of thousands of times
def _dated(start: date, end: date) -> str:
    if start == end:
        return day(start)
    if _month_start(start) and _month_end(end):
        if start.month == 4 and end.month == 3 and end.year == start.year + 1:
            return f"{start.year} to {end.year}"
        if start.month == 1 and end.month == 12 and start.year == end.year:
            return str(start.year)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start:%B %Y}"
        if start.year == end.year:
            return f"{start:%B} to {end:%B %Y}"
        return f"{start:%B %Y} to {end:%B %Y}"
    if start.year == end.year:
        return f"{start.day} {start:%B} to {day(end)}"
    return f"{day(start)} to {day(end)}"


def months(p: Period) -> int | None:
    """How many whole calendar months a period covers (None if it does not start on a 1st and end on a month's last day)."""
    if not (_month_start(p.start) and _month_end(p.end)):
        return None
    return (p.end.year - p.start.year) * 12 + p.end.month - p.start.month + 1


def length(p: Period) -> str:
    """How long a period is: '6 months', '12 months', '3 years', '45 days'."""
    count = months(p)
    if count is None:
        return plural((p.end - p.start).days + 1, "day")
    if count >= 24 and count % 12 == 0:
        return plural(count // 12, "year")
    return plural(count, "month")


def same_length(periods) -> bool:
    """Periods of about one length (months of 28 to 31 days count as one length): figures for them can be set
    side by side. Counts for six months and for a year cannot, without saying so."""
    lengths = {(p.end - p.start).days for p in periods}
    return not lengths or max(lengths) - min(lengths) <= 3


def with_length(p: Period) -> str:
    """The period with its length, for periods of different lengths side by side: 'April to September 2016
    (6 months)'. A single day or calendar month says its length already; a time the report does not date
    exactly has no length to give."""
    text = period(p)
    if p.start == p.end or months(p) == 1 or p.stated != TimeStated.AS_DATED:
        return text
    return f"{text} ({length(p)})"


def period_namer(periods):
    """How to name each of these periods where they are set side by side: with its length when lengths differ."""
    return period if same_length(periods) else with_length


def period_phrase(p: Period, lengthen: bool = False) -> str:
    """The period inside a sentence: 'from April to September 2016', 'in October 2016'; with lengthen, its
    length after it: 'from April to September 2016 (6 months)'."""
    if p.stated == TimeStated.NONE and not p.words:
        # Which report it is from is in the table beside the sentence and the page's age line: a sentence stays short.
        return f"({period_brief(p)})"
    text = with_length(p) if lengthen else period(p)
    if p.stated == TimeStated.NONE:
        return text
    if p.stated in (TimeStated.BY, TimeStated.FROM, TimeStated.WORDS):
        return text
    if " to " in text:
        return f"from {text}"
    return f"on {text}" if p.start == p.end and p.stated == TimeStated.AS_DATED else f"in {text}"


_INNER_BRACKETS = re.compile(r" \(([^()]*)\)")


def inside_brackets(words: str) -> str:
    """Words for a place inside brackets: a bracket of their own becomes a comma, so that no page says
    '(actual (no date given))' or '(Year 1 (7 months))': '(actual, no date given)'. A bracket not after a space,
    as in 'paragraph 16(a)', is part of a name and stays."""
    return _INNER_BRACKETS.sub(r", \1", words)


def period_brief(p: Period) -> str:
    """The period in a short summary line: as `period`, but a time the report does not give is only "no date
    given" (the page of the area gives the report's words and date)."""
    return "no date given" if p.stated == TimeStated.NONE else period(p)


def period_for(p: Period) -> str:
    """The period after a noun: 'for October 2016'; a time the report gives in words follows as they are ('by
    2018/19', 'from June 2017'), and one it does not give says so ('(no date given; from the report of ...)')."""
    return f"for {period(p)}" if p.stated in (TimeStated.AS_DATED, TimeStated.MONTH, TimeStated.YEAR) else period_phrase(p)


def newest(p: Period) -> str:
    """The newest result's period after 'the newest result is': 'for October 2016', or the report's words
    ('within the last two years, as at 16 December 2016')."""
    return period_for(p) if p.stated != TimeStated.WORDS else period(p)


def newest_and_age(p: Period, today: date) -> str:
    """After 'the newest result is': its time and how long before `today` it ended ('for October 2016, 9 years
    ago'); for a time the report gives without a year ('during January'), no age, as its year is only where it
    is sorted: 'during January (no year given)', as stated_time says it wherever the time is shown."""
    if not p.has_year:
        said = newest(p)
        return said if said.endswith(NO_YEAR) else f"{said} {NO_YEAR}"
    return f"{newest(p)}, {ago(p.end, today)}"


def ago(then: date, today: date) -> str:
    """How long before `today` a day was, in whole years or months: '9 years ago', '3 months ago'."""
    months_before = (today.year - then.year) * 12 + today.month - then.month - (today.day < then.day)
    if months_before < 1:
        return "less than a month ago" if then <= today else "after today"
    if months_before < 12:
        return f"{plural(months_before, 'month')} ago"
    return f"{plural(months_before // 12, 'year')} ago"


def share(value: float) -> str:
    return f"{number(value)}%"


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count:,} {word if count == 1 else (many or word + 's')}"


def plural_number(value: float, word: str) -> str:
    """'1 full-time post', '22.5 full-time posts'."""
    return f"{number(value)} {word if value == 1 else word + 's'}"


def gap(actual: float, plan: float, unit: str, *, target: bool = False, rate_of: str = "") -> str:
    """How far a result is from its plan (or target), in the measure's unit and without a verdict: '2 percentage
    points below plan' for a percentage; '475 fewer than planned (73% below plan)' for a count; '1,477 more days
    than planned (21% above plan)'; '£2,000 less than planned'. Exactly the plan: 'exactly the plan'."""
    the_plan, planned = ("the target", "the target") if target else ("plan", "planned")
    difference = actual - plan
    if difference == 0:
        return f"exactly {'the target' if target else 'the plan'}"
    side = "above" if difference > 0 else "below"
    size = abs(difference)
    if unit == Unit.PERCENT:
        return f"{plural_number(size, 'percentage point')} {side} {the_plan}"
    if unit == Unit.GBP:
        words = f"{money(size)} {'more' if difference > 0 else 'less'} than {planned}"
    elif unit == Unit.DAYS:
        words = f"{number(size)} {'more' if difference > 0 else 'fewer'} {'day' if size == 1 else 'days'} than {planned}"
    elif unit == Unit.RATE_PER_100K:
        words = f"{number(size)}{unit_words(unit, rate_of).after} {'higher' if difference > 0 else 'lower'} than {planned}"
    else:
        words = f"{number(size)} {'more' if difference > 0 else 'fewer'} than {planned}"
    if plan:
        share = percent_of(size, plan)
        words += f" ({'less than 1' if share < 1 else number(share)}% {side} {the_plan})"
    return words


def percent_of(part: float, whole: float) -> int:
    """`part` as a whole per cent of `whole`, a half rounded up as people round (Python's round() takes 12.5 to
    12, the even number): 1,000 of 8,000 is 13%, not 12%. Worked out in decimals, so 12.5 is exactly a half."""
    share = Decimal(repr(abs(part))) * 100 / Decimal(repr(abs(whole)))
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def by_when(p: Period) -> str:
    """When a target is to be met: the report's words where it gives only an end ('by 2018/19', 'until 2020'),
    else from the end of its period: 'by the end of March 2019', 'by the end of 2020', 'by 30 June 2017'."""
    if p.stated == TimeStated.BY and p.words:
        return p.words.strip()
    if p.stated == TimeStated.NONE:
        return "by a date the report does not give"
    end = p.end
    if not _month_end(end):
        return f"by {day(end)}"
    if end.month == 12 and (p.start.year < end.year or p.start.month == 1):
        return f"by the end of {end.year}"
    return f"by the end of {end:%B %Y}"


def to_be_met(p: Period) -> str:
    """When a target is to be met, after its figure: 'to be met by 2018/19'; a time the report words another way
    is said as it words it ('until 2020': 'to be met until 2020' is not English)."""
    when = by_when(p)
    return f"to be met {when}" if when.startswith("by ") else when


def against_plan(name: str, actual: Observation, plan: Observation, status: Status, p: Period, unit: str = Unit.COUNT, rate_of: str = "") -> str:
    """A headline judged better or worse than plan, in a few words with its period: 'Delayed days: 1,477 more
    days than planned (21% above plan), from April to September 2016'. A figure hidden by the small-number rule gets
    no size."""
    if actual.suppressed or actual.value is None or plan.value is None:
        return f"{name}: {WORKED_OUT_WORDS[status]} ({period(p)})"
    return f"{name}: {gap(actual.value, plan.value, unit, target=plan.kind == FigureKind.TARGET, rate_of=rate_of)}, {period_phrase(p)}"


# "Plan" and "target", where a page first uses them (the glossary explains them too).
PLAN_AND_TARGET = (
    "A plan is the figure the area aimed for in the same months as a result, so the two can be compared. "
    "A target is an aim the report sets, often for a later date. We do not judge a target before its date."
)


def not_yet_due(count: int, what: str = "measure") -> str:
    """How many measures (or areas) summaries leave out because their only figure is a target for later."""
    them = f"{plural(count, what)} {'has' if count == 1 else 'have'}"
    judge = f"We do not judge {'it' if count == 1 else 'them'}."
    return f"Not counted: {them} only a target for a later date, not yet due when its report was written. {judge}"


# Disagreements inside the source reports ---------------------------------------------------------


def _signed_percent(value: float) -> str:
    return f"{'+' if value > 0 else ''}{number(value)}%"


# The kinds of disagreement (analysis.disagreements.Nature), in the order pages list them, each with a heading
# and a sentence saying what it means. Only slips and words against tables are told as contradictions.
NATURES = {
    Nature.SLIP: (
        "Totals that do not add up",
        "The report prints a total, a difference or a score that its own figures do not give, and does not say why. "
        "We show both, as printed, and have not corrected either.",
    ),
    Nature.TEXT_VS_TABLE: (
        "Words that differ from the tables",
        "A sentence in the report says something different from its own table. We show both, as printed.",
    ),
    Nature.DEFINITION: (
        "Figures counted in different ways",
        "A figure and the sum of its parts differ in every period, always the same way. "
        "This usually means they are counted in different ways, not that a sum is wrong.",
    ),
    Nature.PART_YEAR: (
        "Costs that may be for part of a year",
        "The report gives the yearly cost of a post and a smaller cost beside it. The smaller cost may be for part of the year.",
    ),
    Nature.EXPLAINED: (
        "Differences the report explains",
        "Two figures in the report differ, but other figures in the same report show where the difference comes from. "
        "We show both, as printed, and what explains them.",
    ),
}
STATED_WORDS = {StatedJudgement.BETTER: "better than plan", StatedJudgement.ON_PLAN: "on plan", StatedJudgement.WORSE: "worse than plan"}
WORKED_OUT_WORDS = {Status.BETTER: "better than plan", Status.ON_PLAN: "exactly the plan", Status.WORSE: "worse than plan"}


def explanation(e: Explanation) -> str:
    """What an editor recorded about why two figures differ, and who says so."""
    said = e.explanation.strip()
    return f"Why they differ, according to {e.said_by.strip()}: {said}{'' if said.endswith(('.', '!', '?')) else '.'}"


def _measure_name(d: OfMeasure, data: Dataset) -> str:
    return data.measures[d.measure_id].name


def _exact(value: float, unit: str) -> str:
    return figure(value, unit, exact=True)


def _unit(d: OfMeasure, data: Dataset) -> str:
    return data.measures[d.measure_id].unit


def _periods_total(d: PeriodsTotal, data: Dataset) -> str:
    unit = _unit(d, data)
    summed = "" if d.expected is None else f" Its {plural(d.count, 'part')} add up to {_exact(d.expected, unit)}."
    kind = KIND_NAMES[d.figure_kind].lower()
    return f"{_measure_name(d, data)}: the printed {kind} total for {period(d.period)} is {_exact(d.printed, unit)}.{summed}"


def _parts_of_whole(d: PartsOfWhole, data: Dataset) -> str:
    unit, count = _unit(d, data), len(d.parts)
    start = f"{_measure_name(d, data)}: the printed {KIND_NAMES[d.figure_kind].lower()} for {period(d.period)} is {_exact(d.printed, unit)}."
    names = "; ".join(data.measures[p].name for p in d.parts)
    times = (
        ""
        if d.compared == 1
        else f" They differ in all {d.compared} periods compared."
        if d.differing == d.compared
        else f" They differ in {d.differing} of the {d.compared} periods compared."
    )
    if d.nature == Nature.DEFINITION:  # told without "but": not a contradiction
        summed = "come to a different figure" if d.expected is None else f"add up to {_exact(d.expected, unit)}"
        return f"{start} Its {plural(count, 'part')} {summed}: {names}.{times} These count in different ways; the report does not say why."
    adds = "adds up" if count == 1 else "add up"
    summed = "do not add up to it" if d.expected is None else f"{adds} to {_exact(d.expected, unit)}"
    return f"{start} But its {plural(count, 'part')} {summed}: {names}.{times}"


def _printed_change(d: PrintedChange, data: Dataset) -> str:
    unit = _unit(d, data)
    against = "the plan" if d.figure_kind == FigureKind.CHANGE_VS_PLAN else "the same time last year"
    return (
        f"{_measure_name(d, data)}, {period(d.period)}: the report says the actual figure is {_signed_percent(d.printed)} against {against}, "
        f"but its own figures ({_exact(d.actual, unit)} against {_exact(d.base, unit)}) give {_signed_percent(d.expected)}."
    )


def _table_and_text(d: TableAndText, data: Dataset) -> str:
    unit = Unit.PERCENT if d.figure_kind.is_change else _unit(d, data)
    kind = KIND_NAMES[d.figure_kind].lower()
    return (
        f"{_measure_name(d, data)}, {kind} for {period(d.period)}: "
        f"the table gives {_exact(d.expected, unit)} but the text says {_exact(d.printed, unit)}."
    )


def _stated_vs_figures(d: StatedVsFigures, data: Dataset) -> str:
    unit = _unit(d, data)
    return (
        f"{_measure_name(d, data)}, {period(d.period)}: the report says \u201c{d.quote.strip()}\u201d ({STATED_WORDS[d.stated]}), "
        f"but its own figures give {_exact(d.actual, unit)} against a plan of {_exact(d.plan, unit)}, which is {WORKED_OUT_WORDS[d.worked_out]}."
    )


def _or(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" or {names[-1]}"


def _money_total(d: MoneyTotal, data: Dataset) -> str:
    printed, added = money(d.printed, exact=True), money(d.expected, exact=True)
    if not d.detail_rows:
        return f"{d.item} ({period(d.period)}): the printed total is {printed} but the {d.count} parts add up to {added}."
    # What the report's own rows say about it, before anything is claimed.
    gap_words = money(abs(d.printed - d.expected), exact=True)
    out = (
        f"{d.item} ({period(d.period)}): the {d.count} parts add up to {added}, {gap_words} {'less' if d.expected < d.printed else 'more'} "
        f"than the printed total of {printed}. The report's own table of {d.detail_rows} rows adds up to {printed}."
    )
    if d.gap_rows:
        names = sorted({f"\u201c{r.item}\u201d" for r in d.gap_rows})
        one = "one row" if len(names) == 1 else "one of the rows"
        out += f" The gap, {gap_words}, is what {one} in that table costs: {_or(names)}."
    return out + " The report does not say why the parts and the total differ."


def _staff_total(d: StaffTotal, data: Dataset) -> str:
    return f"{d.item}: the printed total is {plural_number(d.printed, 'full-time post')} but the rows add up to {number(d.expected)}."


def _shares(d: Shares, data: Dataset) -> str:
    return f"{d.item} ({period(d.period)}): the shares add up to {number(d.total)}%, not 100%."


def _staff_cost(d: StaffCost, data: Dataset) -> str:
    posts, cost = plural_number(d.posts, "full-time post"), money(d.cost_of_one, exact=True)
    if d.months is not None:  # its own row says how many months it is for, and they give the printed cost
        return (
            f"{d.item}: the printed cost is {money(d.printed, exact=True)} for {posts} at {cost} a year. "
            f"The report says this is for {plural(d.months, 'month')}, "
            f"and {plural(d.months, 'month')} at {cost} a year is {money(d.printed, exact=True)}."
        )
    if d.same_amount is not None:  # another row of the report gives the same amount and says what it is
        other = d.same_amount
        label = f", {other.label}" if other.label else ""
        return (
            f"{d.item}: the printed cost is {money(d.printed, exact=True)} for {posts} at {cost} a year. "
            f"Elsewhere the report gives {money(d.printed, exact=True)} as \u201c{other.item}\u201d{label} ({other.where})."
        )
    if d.nature == Nature.PART_YEAR:  # told without "but": not a contradiction
        year = "" if d.posts == 1 else f" ({money(d.expected, exact=True)} a year for all of them)"
        return (
            f"{d.item}: the printed cost is {money(d.printed, exact=True)} for {posts} at {cost} a year{year}. "
            "This may be the cost for part of the year."
        )
    return f"{d.item}: {posts} at {cost} each would cost {money(d.expected, exact=True)}, but the printed cost is {money(d.printed, exact=True)}."


def _risk_score(d: RiskScore, data: Dataset) -> str:
    return (
        f"Risk {d.number} ({d.risk}): the printed score is {number(d.printed)} but impact {number(d.impact)} "
        f"times probability {number(d.probability)} is {number(d.expected)}."
    )


# Each kind of disagreement's sentence, by its type (analysis.disagreements.KINDS): one function a kind.
DISAGREEMENT_WORDS: dict[type[Disagreement], Callable[[Any, Dataset], str]] = {
    PeriodsTotal: _periods_total,
    PartsOfWhole: _parts_of_whole,
    PrintedChange: _printed_change,
    TableAndText: _table_and_text,
    MoneyTotal: _money_total,
    StaffTotal: _staff_total,
    Shares: _shares,
    StaffCost: _staff_cost,
    RiskScore: _risk_score,
    StatedVsFigures: _stated_vs_figures,
}


def disagreement(d: Disagreement, data: Dataset) -> str:
    """One plain-English sentence giving both figures of a disagreement, as printed and as worked out."""
    return DISAGREEMENT_WORDS[type(d)](d, data)
