"""The chart as an Altair chart: how a `Plot` looks.

Altair is imported only here, and only when a chart has to be drawn (about 5 ms a chart, once for every
form of chart: see `vega`): a build whose charts are all in the cache never builds one (see `cache`).
"""

from __future__ import annotations

from ...data.vocab import Unit
from .. import wording
from .points import BARS, GROUPED_BARS, LONG_LINE, Plot

# Part of every chart's cache key. Bump it whenever the look changes in a way a chart's inputs do not
# show: anything in this module, or in how `drawing` turns the spec into an SVG.
# 7: defaults left out, lines as paths, texts placed with x and y, their colour and alignment said once
# (drawing.slim); 6: the font said once, on the <svg>; 5: no background, colours from the palette below
STYLE_VERSION = "7"

# The palette. A chart has no background: it shows the page's. On the dark page, assets/care.css turns
# the picture over (invert, then hue-rotate 180 degrees), so each colour here must read on white as it
# is and on the dark page as turned: text at 4.5:1 or more, lines and marks at 3:1 (WCAG 1.4.3, 1.4.11).
# tests/presentation/test_chart_colours.py checks both.
SERIES_STYLE = {  # colour, dash and point shape: never colour alone
    "Plan": ("#505a5f", [6, 4], "square"),
    "Actual": ("#1d70b8", [1, 0], "circle"),
    "Same time last year": ("#6f3b8f", [2, 2], "triangle-up"),
}
AXIS_LABELS = 6  # at most, on a long series
# What fits along the x axis, level: the plot is about 590 px wide; a 12 px label is at most about 7 px a
# character, with a gap between labels. Overestimating only names fewer periods.
AXIS_WIDTH, CHAR_WIDTH, LABEL_GAP = 590, 7, 14
WIDTH, HEIGHT = 640, 330  # the size the page reserves for the <img>, axes and legend included
TEXT = "#0b0c0c"  # title, labels, legend
AXIS = "#888888"  # the axis line along the bottom
GRID = "#b1b4b6"  # gridlines: a guide to the eye, not needed to read a value (the table has them)


def axis_title(unit: str) -> str:
    return wording.UNIT_WORDS[Unit(unit)].axis


def axis_labels(order: list[str]) -> list[str]:
    """The periods a long series' axis names: every k-th, k a step a calendar has (2, 3, 4, 6 or 12
    months), the smallest whose labels fit side by side. "October to December 2019" is long: a quarterly
    series names fewer periods than a monthly one."""
    for k in (1, 2, 3, 4, 6, 12, 24, 60, 120):
        labels = order[::k]
        if len(labels) <= AXIS_LABELS and len(labels) * (max(map(len, labels)) * CHAR_WIDTH + LABEL_GAP) <= AXIS_WIDTH:
            return labels
    return order[:1]


def rows(plot: Plot) -> list[dict]:
    """The chart's data: a record a row."""
    return [{"period": period, "order": order, "series": series, "value": value} for period, order, series, value in plot.rows]


def altair_chart(plot: Plot):
    """The Altair chart of a plot. What it makes of a plot must depend on the plot's title and figures only
    through the title text and the data (`rows`): `vega` compiles a chart once for all plots that differ
    in nothing else (it checks what it can)."""
    import altair as alt

    order = plot.periods
    present = [s for s in SERIES_STYLE if s in plot.series]
    scale = lambda i: alt.Scale(domain=present, range=[SERIES_STYLE[s][i] for s in present])
    long = plot.shape == LONG_LINE
    x_axis = alt.Axis(labelAngle=-40 if len(order) > 3 else 0, labelLimit=220)
    if long:
        x_axis = alt.Axis(labelAngle=0, labelLimit=220, ticks=False, values=axis_labels(order))
    base = alt.Chart(alt.Data(values=rows(plot))).encode(
        x=alt.X("period:N", sort=order, title=None, axis=x_axis),
        # About four values up the side, and gridlines instead of tick marks: lighter, and as easy to read.
        y=alt.Y("value:Q", title=axis_title(plot.unit), scale=alt.Scale(zero=True), axis=alt.Axis(tickCount=4, ticks=False)),
        color=alt.Color("series:N", scale=scale(0), legend=alt.Legend(title=None, orient="bottom")),
    )
    if plot.shape == BARS:
        chart = base.mark_bar().encode(x=alt.X("series:N", sort=present, title=None, axis=alt.Axis(labelAngle=0)))
    elif plot.shape == GROUPED_BARS:
        # Periods of different lengths (six months, then a year) are not points on a line: bars side by side.
        chart = base.mark_bar().encode(xOffset=alt.XOffset("series:N", sort=present))
    elif long:
        # The dash pattern is in the legend too, a short stretch of each line.
        chart = base.mark_line(strokeWidth=2.5).encode(strokeDash=alt.StrokeDash("series:N", scale=scale(1)))
    else:
        chart = base.mark_line(point=alt.OverlayMarkDef(size=60, filled=True)).encode(
            strokeDash=alt.StrokeDash("series:N", scale=scale(1), legend=None),
            shape=alt.Shape("series:N", scale=scale(2), legend=None),
        )
    chart = chart.properties(
        title=alt.TitleParams(plot.title, anchor="start", fontSize=15),
        width=WIDTH,
        height=HEIGHT,
        # Exactly the size the page reserves for the <img>: no jump as charts load.
        autosize=alt.AutoSizeParams(type="fit", contains="padding"),
        background="transparent",
    )
    return (
        chart.configure_axis(labelFontSize=12, titleFontSize=12, labelColor=TEXT, titleColor=TEXT, domainColor=AXIS, tickColor=AXIS, gridColor=GRID)
        .configure_title(color=TEXT)
        # labelLimit 0: no limit. The legend names the series of SERIES_STYLE, far narrower than Vega's
        # default limit of 160 px (tests/presentation/test_chart_vega.py checks), and measuring each label
        # against a limit, in every layout pass, was a tenth of the time drawing a chart took.
        .configure_legend(labelFontSize=12, labelColor=TEXT, labelLimit=0, symbolStrokeWidth=3, **({"symbolType": "stroke"} if long else {}))
        .configure_view(stroke=None)
    )


def vega_lite(plot: Plot) -> dict:
    """The Vega-Lite spec vl-convert draws. Not checked against the Vega-Lite schema here: that took 30 ms a
    chart, more than half of building it, and tests/presentation/test_chart_spec.py checks every shape."""
    from altair.utils.schemapi import debug_mode

    with debug_mode(False):  # Altair's own check of each part as it is made
        return altair_chart(plot).to_dict(validate=False)
