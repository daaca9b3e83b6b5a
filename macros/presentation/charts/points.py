"""Which figures a chart plots, and the chart's inputs as plain values (`Plot`).

A `Plot` is everything a chart's picture depends on besides the style: its cache key is a hash of it,
and it is what a worker process receives to build the Altair chart and draw it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ...data.model import Measure, Observation
from ...data.vocab import LEVELS, PrintedIn
from .. import wording

# Beyond this many periods a line has no point markers and the axis names every few periods only: 36
# months of markers and rotated labels made a chart of 27 KB whose labels overlapped, and a year of
# months one of 9 KB. The dash pattern and the legend still tell the lines apart without colour, and the
# table gives every figure. Up to six periods (half a year of months) keep a marker on each.
LONG = 6

# What a chart looks like, decided from its periods (`shape`).
BARS = "bars"  # one period: a bar a series
GROUPED_BARS = "grouped bars"  # periods of different lengths: bars side by side in each period
LINE = "line"  # a few even periods: lines with a marker on each point
LONG_LINE = "long line"  # more than LONG even periods: plain lines, the axis naming every few periods

Row = tuple[str, int, str, "float | None"]  # period label, order, series name, value (None: not shown)


@dataclass(frozen=True)
class Plot:
    """A chart's inputs: the rows it plots in order, its title, the measure's unit and its shape."""

    rows: tuple[Row, ...]
    title: str
    unit: str
    shape: str

    @property
    def periods(self) -> list[str]:
        """The period labels along the x axis, in order."""
        order: list[str] = []
        for period, _, _, _ in sorted(self.rows, key=lambda r: r[1]):
            if period not in order:
                order.append(period)
        return order

    @property
    def series(self) -> list[str]:
        return list(dict.fromkeys(r[2] for r in self.rows))


def plotted(series: list[Observation]) -> list[Observation]:
    """The figures a chart shows: plan, actual and last year for the finest periods (not the totals)."""
    rows = [o for o in series if o.kind in LEVELS and o.printed_in == PrintedIn.TABLE]
    if not rows:
        rows = [o for o in series if o.kind in LEVELS]
    finest = _finest({o.aligned for o in rows})
    return sorted((o for o in rows if o.aligned in finest), key=lambda o: (o.aligned.start, o.kind))


def _finest(periods: set) -> set:
    """The periods that contain no other: months rather than the years they add up to. Only periods
    starting inside a period can lie inside it, so each looks at those (found by bisection), not at all."""
    ordered = sorted(periods, key=lambda p: (p.start, p.end))
    starts = [p.start for p in ordered]
    return {p for p in ordered if not any(p.contains(q) for q in ordered[bisect_left(starts, p.start) : bisect_right(starts, p.end)])}


def even(periods) -> bool:
    """Periods of about one length (months of 28 to 31 days count as even): points on a line, not bars."""
    return wording.same_length(periods)


def shape(periods) -> str:
    """How the chart draws these periods: the one rule for the picture (`spec`) and its words (`describe`)."""
    periods = set(periods)
    if len(periods) == 1:
        return BARS
    if not even(periods):
        return GROUPED_BARS
    return LONG_LINE if len(periods) > LONG else LINE


def visible(o: Observation) -> bool:
    """A figure the chart draws: given, and not hidden by the small-number rule."""
    return o.value is not None and not o.suppressed


def plot(points: list[Observation], measure: Measure) -> Plot:
    """The inputs of the chart of these points (from `plotted`)."""
    # Periods of different lengths are labelled with their lengths: "April to September 2016 (6 months)".
    name = wording.period_namer({o.aligned for o in points})
    rows = tuple((name(o.aligned), i, wording.KIND_NAMES[o.kind], o.value if visible(o) else None) for i, o in enumerate(points))
    return Plot(rows, measure.name, measure.unit, shape({o.aligned for o in points}))
