"""Charts of plan against actual over time: Altair (Vega-Lite) specs rendered to SVG at build time.

An SVG in an <img> needs no JavaScript and makes no request to another site. Rendering costs about
65 ms a chart, so each SVG is cached on disk under a hash of what it shows and reused across builds.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from . import wording
from .model import Measure, Observation

CHART_VERSION = "1"  # bump when the look of charts changes, so cached SVGs are redrawn
SERIES_STYLE = {  # colour, dash and point shape: never colour alone
    "Plan": ("#505a5f", [6, 4], "square"),
    "Actual": ("#1d70b8", [1, 0], "circle"),
    "Same time last year": ("#6f3b8f", [2, 2], "triangle-up"),
}


@dataclass(frozen=True)
class Chart:
    key: str  # content hash: the file is charts/<key>.svg
    title: str
    description: str


def plotted(series: list[Observation]) -> list[Observation]:
    """The figures a chart shows: plan, actual and last year for the finest periods (not the totals)."""
    rows = [o for o in series if o.kind in ("plan", "actual", "last_year") and o.printed_in == "table"]
    if not rows:
        rows = [o for o in series if o.kind in ("plan", "actual", "last_year")]
    periods = {o.aligned for o in rows}
    finest = {p for p in periods if not any(p.contains(q) for q in periods)}
    return sorted((o for o in rows if o.aligned in finest), key=lambda o: (o.aligned.start, o.kind))


def describe(points: list[Observation], measure: Measure, threshold: int) -> str:
    """The chart in words: what it shows, over when, and where each line starts and ends."""
    periods = sorted({o.aligned for o in points}, key=lambda p: p.start)
    span = wording.period(periods[0]) if len(periods) == 1 else f"{wording.period(periods[0])} to {wording.period(periods[-1])}"
    kinds = [k for k in ("plan", "actual", "last_year") if any(o.kind == k for o in points)]
    parts = []
    for kind in kinds:
        line = [o for o in points if o.kind == kind and o.value is not None and not o.suppressed]
        name = wording.KIND_NAMES[kind].lower()
        if not line:
            continue
        first, last = line[0], line[-1]
        if len(line) == 1:
            parts.append(f"{name} {wording.shown(first, measure, threshold, exact=False, with_unit=True)}")
        else:
            parts.append(f"{name} from {wording.shown(first, measure, threshold, exact=False, with_unit=True)} "
                         f"to {wording.shown(last, measure, threshold, exact=False, with_unit=True)}")
    shape = "Bar chart" if len(periods) == 1 else "Line chart"
    gaps = [o for o in points if o.value is None or o.suppressed]
    gap = f" {len(gaps)} figure{'s are' if len(gaps) != 1 else ' is'} not shown: missing, or fewer than {threshold}." if gaps else ""
    return f"{shape} of {measure.name.lower()}, {span}: " + "; ".join(parts) + "." + gap


def chart_for(series: list[Observation], measure: Measure, threshold: int, cache_dir: Path) -> Chart | None:
    """The chart for one series, drawn now or taken from the cache; None if there is nothing to draw."""
    points = plotted(series)
    values = [o for o in points if o.value is not None and not o.suppressed]
    if not values:
        return None
    rows = [{"period": wording.period(o.aligned), "order": i, "series": wording.KIND_NAMES[o.kind],
             "value": None if (o.value is None or o.suppressed) else o.value}
            for i, o in enumerate(points)]
    title = measure.name
    key = hashlib.sha256(json.dumps([CHART_VERSION, title, measure.unit, rows], sort_keys=True).encode()).hexdigest()[:20]
    target = cache_dir / f"{key}.svg"
    if not target.exists():
        cache_dir.mkdir(parents=True, exist_ok=True)
        svg = render_svg(rows, title, measure.unit)
        tmp = target.with_suffix(".tmp")
        tmp.write_text(svg, encoding="utf-8")
        tmp.replace(target)
    return Chart(key, title, describe(points, measure, threshold))


def spec(rows: list[dict], title: str, unit: str) -> dict:
    """The Vega-Lite spec, built with Altair."""
    import altair as alt

    order = []
    for row in sorted(rows, key=lambda r: r["order"]):
        if row["period"] not in order:
            order.append(row["period"])
    present = [s for s in SERIES_STYLE if any(r["series"] == s for r in rows)]
    scale = lambda i: alt.Scale(domain=present, range=[SERIES_STYLE[s][i] for s in present])
    axis_title = {"percent": "Per cent", "gbp": "Pounds", "rate_per_100k": "Per 100,000 people", "days": "Days"}.get(unit, "Number")
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("period:N", sort=order, title=None, axis=alt.Axis(labelAngle=-40 if len(order) > 4 else 0, labelLimit=140)),
        y=alt.Y("value:Q", title=axis_title, scale=alt.Scale(zero=True)),
        color=alt.Color("series:N", scale=scale(0), legend=alt.Legend(title=None, orient="bottom")),
    )
    if len(order) == 1:
        chart = base.mark_bar().encode(x=alt.X("series:N", sort=present, title=None, axis=alt.Axis(labelAngle=0)))
    else:
        chart = base.mark_line(point=alt.OverlayMarkDef(size=60, filled=True)).encode(
            strokeDash=alt.StrokeDash("series:N", scale=scale(1), legend=None),
            shape=alt.Shape("series:N", scale=scale(2), legend=None),
        )
    chart = chart.properties(title=alt.TitleParams(title, anchor="start", fontSize=15), width=520, height=240,
                             background="#ffffff")
    return chart.configure_axis(labelFontSize=12, titleFontSize=12, labelColor="#0b0c0c", titleColor="#0b0c0c") \
                .configure_legend(labelFontSize=12, labelColor="#0b0c0c", symbolStrokeWidth=3) \
                .configure_view(stroke=None).to_dict(validate=False)


def render_svg(rows: list[dict], title: str, unit: str) -> str:
    import vl_convert

    return vl_convert.vegalite_to_svg(spec(rows, title, unit))
