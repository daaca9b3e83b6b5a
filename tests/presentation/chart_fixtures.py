"""Small in-memory inputs for the chart tests, made with the data model's own classes."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from macros.data.model import Measure, Observation, Period
from macros.data.vocab import Better, FigureKind, PrintedIn, Unit
from macros.presentation.charts.points import Plot


def month(year: int, number: int, months: int = 1) -> Period:
    """`months` calendar months from the first of `number`."""
    last = number + months - 1
    end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
    return Period(date(year, number, 1), date(end_year, end_month, monthrange(end_year, end_month)[1]))


def obs(
    kind: str, period: Period, value: float | None, *, printed_in: str = "table", suppressed: bool = False, missing: str | None = None
) -> Observation:
    return Observation(
        area_id="testshire",
        scheme_id=None,
        measure_id="admissions",
        period=period,
        kind=FigureKind(kind),
        value=value,
        printed="" if value is None else str(value),
        missing=missing,
        qualifier="",
        printed_in=PrintedIn(printed_in),
        note="",
        source_id="report",
        source_location="Table 1",
        line=2,
        suppressed=suppressed,
    )


def measure(name: str = "Emergency admissions", unit: str = "count") -> Measure:
    return Measure(id="admissions", name=name, meaning="", unit=Unit(unit), better=Better.LOWER, counts_people=True, abbreviation="")


def rows(periods: int, series=("Plan", "Actual")) -> tuple:
    """Rows of a plot: one a series a period, the actual of the second period missing."""
    out = []
    for i in range(periods):
        for k, name in enumerate(series):
            out.append((f"Month {i}", len(out), name, None if (i, k) == (1, 1) else 100.0 + 7 * i + 3 * k))
    return tuple(out)


CASES = {  # every shape a chart takes
    "line": Plot(rows(6), "Emergency hospital admissions", "count", "line"),
    "a year of months": Plot(rows(12), "Emergency hospital admissions", "count", "long line"),
    "long line": Plot(rows(36), "Emergency hospital admissions", "count", "long line"),
    "line, three series": Plot(rows(4, ("Plan", "Actual", "Same time last year")), "Days", "days", "line"),
    "one period": Plot(rows(1), "Share", "percent", "bars"),
    "uneven periods": Plot(rows(3), "Money", "gbp", "grouped bars"),
    "one series": Plot(rows(6, ("Actual",)), "Rate", "rate_per_100k", "line"),
}
