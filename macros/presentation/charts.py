"""Charts of plan against actual over time: Vega-Lite specs rendered to SVG at build time.

An SVG in an <img> needs no JavaScript and makes no request to another site. Rendering costs 40 to
90 ms a chart, so each SVG is cached on disk under a hash of what it shows and reused across builds;
charts not in the cache yet are drawn in worker processes (one per core) while pages are built, and
the build waits for them before copying them into the site (`finish`).
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import re
import time
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from pathlib import Path

from ..presentation import wording
from ..data.model import Measure, Observation

# A chart's file is named by a hash of its Vega-Lite spec, so any change to what a chart shows or how it
# looks gets a new file. Bump this when the drawing changes in a way the spec does not show (`slim`).
DRAWING_VERSION = "3"  # 3: groups that do nothing left out
SERIES_STYLE = {  # colour, dash and point shape: never colour alone
    "Plan": ("#505a5f", [6, 4], "square"),
    "Actual": ("#1d70b8", [1, 0], "circle"),
    "Same time last year": ("#6f3b8f", [2, 2], "triangle-up"),
}
VEGA_LITE_SCHEMA = "https://vega.github.io/schema/vega-lite/v6.4.1.json"  # what Altair 6 writes
POOL_FROM = 16  # charts to draw before worker processes are worth starting
BATCH = 8  # charts sent to a worker at a time
# Beyond this many periods a line has no point markers and the axis names every few periods only: 36
# months of markers and rotated labels made a chart of 27 KB whose labels overlapped, and a year of
# months one of 9 KB. The dash pattern and the legend still tell the lines apart without colour, and the
# table gives every figure. Up to six periods (half a year of months) keep a marker on each.
LONG = 6
AXIS_LABELS = 6  # at most, on a long series
# What fits along the x axis, level: the plot is about 590 px wide; a 12 px label is at most about 7 px a
# character, with a gap between labels. Overestimating only names fewer periods.
AXIS_WIDTH, CHAR_WIDTH, LABEL_GAP = 590, 7, 14


def axis_labels(order: list[str]) -> list[str]:
    """The periods a long series' axis names: every k-th, k a step a calendar has (2, 3, 4, 6 or 12
    months), the smallest whose labels fit side by side. "October to December 2019" is long: a quarterly
    series names fewer periods than a monthly one."""
    for k in (1, 2, 3, 4, 6, 12, 24, 60, 120):
        labels = order[::k]
        if len(labels) <= AXIS_LABELS and len(labels) * (max(map(len, labels)) * CHAR_WIDTH + LABEL_GAP) <= AXIS_WIDTH:
            return labels
    return order[:1]


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
    finest = _finest({o.aligned for o in rows})
    return sorted((o for o in rows if o.aligned in finest), key=lambda o: (o.aligned.start, o.kind))


def _finest(periods: set) -> set:
    """The periods that contain no other: months rather than the years they add up to. Only periods
    starting inside a period can lie inside it, so each looks at those (found by bisection), not at all."""
    ordered = sorted(periods, key=lambda p: (p.start, p.end))
    starts = [p.start for p in ordered]
    return {p for p in ordered
            if not any(p.contains(q) for q in ordered[bisect_left(starts, p.start):bisect_right(starts, p.end)])}


def _even(periods) -> bool:
    """Periods of about one length (months of 28 to 31 days count as even): points on a line, not bars."""
    lengths = {(p.end - p.start).days for p in periods}
    return max(lengths) - min(lengths) <= 3


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
    shape = "Line chart" if len(periods) > 1 and _even(periods) else "Bar chart"  # as `spec` draws it
    gaps = [o for o in points if o.value is None or o.suppressed]
    gap = f" {len(gaps)} figure{'s are' if len(gaps) != 1 else ' is'} not shown: missing, or fewer than {threshold}." if gaps else ""
    return f"{shape} of {measure.name}, {span}: " + "; ".join(parts) + "." + gap


def chart_for(series: list[Observation], measure: Measure, threshold: int, cache_dir: Path) -> Chart | None:
    """The chart for one series; None if there is nothing to draw.

    A chart not in the cache yet is queued and drawn in the background: call `finish()` before
    reading the SVG files.
    """
    points = plotted(series)
    values = [o for o in points if o.value is not None and not o.suppressed]
    if not values:
        return None
    rows = [{"period": wording.period(o.aligned), "order": i, "series": wording.KIND_NAMES[o.kind],
             "value": None if (o.value is None or o.suppressed) else o.value}
            for i, o in enumerate(points)]
    title = measure.name
    drawing = spec(rows, title, measure.unit, _even({o.aligned for o in points}))
    key = hashlib.sha256(json.dumps([DRAWING_VERSION, _vl_convert_version(), drawing], sort_keys=True).encode()).hexdigest()[:20]
    target = cache_dir / f"{key}.svg"
    if not target.exists():
        _renderer.add(target, drawing)
    return Chart(key, title, describe(points, measure, threshold))


@functools.cache
def _vl_convert_version() -> str:
    """Another vl-convert may draw the same spec differently: part of the cache key."""
    from importlib.metadata import version

    return version("vl-convert-python")


KEEP_UNUSED_DAYS = 30


def prune(cache_dir: Path, used: set[str], keep_days: int = KEEP_UNUSED_DAYS) -> int:
    """Remove the cached charts no build has used for `keep_days` days; the number removed.

    Every edit of a figure makes a new chart and leaves the old one in the cache. Charts this build used
    are marked as used now (their time stamp), so a chart is removed only when no build has shown it for
    a month: switching between two data sets (tests, the benchmark) within a month redraws nothing."""
    if not cache_dir.is_dir():
        return 0
    now = time.time()
    removed = 0
    for path in cache_dir.iterdir():
        if path.suffix == ".svg" and path.stem in used:
            os.utime(path, (now, now))
        elif path.suffix in (".svg", ".tmp") and now - path.stat().st_mtime > keep_days * 86400:
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def finish() -> int:
    """Wait until every queued chart is in the cache; the number drawn. Raises the first drawing error."""
    return _renderer.finish()


def spec(rows: list[dict], title: str, unit: str, even: bool = True) -> dict:
    """The Vega-Lite spec, written out as plain data: the same dict `altair_spec` builds, about 100 times faster."""
    order = []
    for row in sorted(rows, key=lambda r: r["order"]):
        if row["period"] not in order:
            order.append(row["period"])
    present = [s for s in SERIES_STYLE if any(r["series"] == s for r in rows)]
    scale = lambda i: {"domain": list(present), "range": [SERIES_STYLE[s][i] for s in present]}
    axis_title = {"percent": "Per cent", "gbp": "Pounds", "rate_per_100k": "Per 100,000 people", "days": "Days"}.get(unit, "Number")
    long = even and len(order) > LONG
    x_axis = {"labelAngle": -40 if len(order) > 3 else 0, "labelLimit": 220}
    if long:
        x_axis = {"labelAngle": 0, "labelLimit": 220, "ticks": False, "values": axis_labels(order)}
    encoding = {
        "color": {"field": "series", "legend": {"orient": "bottom", "title": None}, "scale": scale(0), "type": "nominal"},
        "x": {"axis": x_axis, "field": "period", "sort": order, "title": None, "type": "nominal"},
        # About four values up the side, and gridlines instead of tick marks: lighter, and as easy to read.
        "y": {"axis": {"tickCount": 4, "ticks": False}, "field": "value", "scale": {"zero": True}, "title": axis_title,
              "type": "quantitative"},
    }
    if len(order) == 1:
        mark = {"type": "bar"}
        encoding["x"] = {"axis": {"labelAngle": 0}, "field": "series", "sort": present, "title": None, "type": "nominal"}
    elif not even:
        # Periods of different lengths (six months, then a year) are not points on a line: use bars.
        mark = {"type": "bar"}
        encoding["xOffset"] = {"field": "series", "sort": present, "type": "nominal"}
    elif long:
        mark = {"type": "line", "strokeWidth": 2.5}
        encoding["strokeDash"] = {"field": "series", "scale": scale(1), "type": "nominal"}  # in the legend too
    else:
        mark = {"type": "line", "point": {"filled": True, "size": 60}}
        encoding["shape"] = {"field": "series", "legend": None, "scale": scale(2), "type": "nominal"}
        encoding["strokeDash"] = {"field": "series", "legend": None, "scale": scale(1), "type": "nominal"}
    legend = {"labelColor": "#0b0c0c", "labelFontSize": 12, "symbolStrokeWidth": 3}
    if long:
        legend["symbolType"] = "stroke"  # a short stretch of each line, dashes and all
    return {
        "config": {
            "view": {"continuousWidth": 300, "continuousHeight": 300, "stroke": None},
            "axis": {"labelColor": "#0b0c0c", "labelFontSize": 12, "titleColor": "#0b0c0c", "titleFontSize": 12},
            "legend": legend,
        },
        "data": {"values": rows},
        "mark": mark,
        "background": "#ffffff",
        "encoding": dict(sorted(encoding.items())),
        "height": 330,
        # Exactly the size the page reserves for the <img>, axes and legend included: no jump as charts load.
        "autosize": {"type": "fit", "contains": "padding"},
        "title": {"text": title, "anchor": "start", "fontSize": 15},
        "width": 640,
        "$schema": VEGA_LITE_SCHEMA,
    }


def altair_spec(rows: list[dict], title: str, unit: str, even: bool = True) -> dict:
    """The same spec built with Altair: the reference `spec` is tested against (Altair costs ~25 ms a chart)."""
    import altair as alt

    order = []
    for row in sorted(rows, key=lambda r: r["order"]):
        if row["period"] not in order:
            order.append(row["period"])
    present = [s for s in SERIES_STYLE if any(r["series"] == s for r in rows)]
    scale = lambda i: alt.Scale(domain=present, range=[SERIES_STYLE[s][i] for s in present])
    axis_title = {"percent": "Per cent", "gbp": "Pounds", "rate_per_100k": "Per 100,000 people", "days": "Days"}.get(unit, "Number")
    long = even and len(order) > LONG
    x_axis = alt.Axis(labelAngle=-40 if len(order) > 3 else 0, labelLimit=220)
    if long:
        x_axis = alt.Axis(labelAngle=0, labelLimit=220, ticks=False, values=axis_labels(order))
    base = alt.Chart(alt.Data(values=rows)).encode(
        x=alt.X("period:N", sort=order, title=None, axis=x_axis),
        y=alt.Y("value:Q", title=axis_title, scale=alt.Scale(zero=True), axis=alt.Axis(tickCount=4, ticks=False)),
        color=alt.Color("series:N", scale=scale(0), legend=alt.Legend(title=None, orient="bottom")),
    )
    if len(order) == 1:
        chart = base.mark_bar().encode(x=alt.X("series:N", sort=present, title=None, axis=alt.Axis(labelAngle=0)))
    elif not even:
        # Periods of different lengths (six months, then a year) are not points on a line: use bars.
        chart = base.mark_bar().encode(xOffset=alt.XOffset("series:N", sort=present))
    elif long:
        chart = base.mark_line(strokeWidth=2.5).encode(strokeDash=alt.StrokeDash("series:N", scale=scale(1)))
    else:
        chart = base.mark_line(point=alt.OverlayMarkDef(size=60, filled=True)).encode(
            strokeDash=alt.StrokeDash("series:N", scale=scale(1), legend=None),
            shape=alt.Shape("series:N", scale=scale(2), legend=None),
        )
    chart = chart.properties(title=alt.TitleParams(title, anchor="start", fontSize=15), width=640, height=330, autosize=alt.AutoSizeParams(type="fit", contains="padding"),
                             background="#ffffff")
    return chart.configure_axis(labelFontSize=12, titleFontSize=12, labelColor="#0b0c0c", titleColor="#0b0c0c") \
                .configure_legend(labelFontSize=12, labelColor="#0b0c0c", symbolStrokeWidth=3, **({"symbolType": "stroke"} if long else {})) \
                .configure_view(stroke=None).to_dict(validate=False)


# ARIA roles and labels, classes and pointer events inside an SVG shown with <img> reach nobody (the
# <img> alt text is what screen readers read); nor do empty or hidden paths. Dropping them halves the
# file and leaves every pixel as it was.
_UNSEEN = re.compile(r'\s(?:aria-[a-z]+|role|class|pointer-events)="[^"]*"| opacity="1"')
# Coordinates come with up to 15 decimals; a tenth of a pixel is finer than any screen shows. Only inside
# attribute values: the labels' text is left exactly as it is.
_ATTRIBUTE = re.compile(r'="[^"]*"')
_DECIMALS = re.compile(r"(\d\.\d)\d+")


def slim(svg: str) -> str:
    return round_coordinates(drop_unseen(svg))


# Groups with no attributes (or one that moves nothing) change nothing; the outline of a group with no
# fill (the root group has fill="none") and no stroke draws nothing.
_GROUP = re.compile(r'<(/?)g((?: transform="translate\(0,0\)")?|\s[^>]*)>')
_BLANK_OUTLINE = re.compile(r'<path d="M0,0h[\d.]+v[\d.]+h-[\d.]+Z"/>')


def drop_unseen(svg: str) -> str:
    svg = _UNSEEN.sub("", svg)
    svg = svg.replace('<path d="M0,0h0v0h0Z"/>', "").replace('<path d="" display="none"/>', "")
    return _BLANK_OUTLINE.sub("", _unwrap_groups(svg))


def _unwrap_groups(svg: str) -> str:
    """Leave out the <g> tags that do nothing, and their closing tags, keeping what is inside."""
    out, kept, pos = [], [], 0
    for tag in _GROUP.finditer(svg):
        out.append(svg[pos:tag.start()])
        pos = tag.end()
        if tag[1]:  # </g>: kept if its <g> was
            if kept.pop():
                out.append(tag[0])
        else:
            kept.append(tag[2] not in ("", ' transform="translate(0,0)"'))
            if kept[-1]:
                out.append(tag[0])
    out.append(svg[pos:])
    return "".join(out)


def round_coordinates(svg: str) -> str:
    return _ATTRIBUTE.sub(lambda value: _DECIMALS.sub(r"\1", value.group(0)), svg)


def render_svg(vega_lite: dict) -> str:
    import vl_convert

    return slim(vl_convert.vegalite_to_svg(vega_lite))


def _draw(jobs: list[tuple[str, dict]]) -> int:
    """Draw charts into the cache (run in a worker process, or here for a few)."""
    for target, vega_lite in jobs:
        path = Path(target)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
        tmp.write_text(render_svg(vega_lite), encoding="utf-8")
        tmp.replace(path)
    return len(jobs)


class _Renderer:
    """Charts waiting to be drawn, each once. Few are drawn here; from POOL_FROM on, worker processes
    draw them while the build goes on (vl-convert serialises calls within one process)."""

    def __init__(self):
        self.waiting: list[tuple[str, dict]] = []
        self.queued: set[str] = set()
        self.futures: list = []
        self.pool = None

    def add(self, target: Path, vega_lite: dict) -> None:
        if str(target) in self.queued:
            return
        self.queued.add(str(target))
        self.waiting.append((str(target), vega_lite))
        if self.pool is None and len(self.waiting) >= POOL_FROM and (os.cpu_count() or 1) > 1:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # spawn, not fork: the build may hold threads (mkdocs serve) and a large heap.
            self.pool = ProcessPoolExecutor(max_workers=os.cpu_count(), mp_context=multiprocessing.get_context("spawn"))
        if self.pool is not None and len(self.waiting) >= BATCH:
            self.futures.append(self.pool.submit(_draw, self.waiting))
            self.waiting = []

    def finish(self) -> int:
        drawn = 0
        try:
            if self.pool is not None and self.waiting:
                self.futures.append(self.pool.submit(_draw, self.waiting))
            elif self.waiting:
                drawn += _draw(self.waiting)
            for future in self.futures:
                drawn += future.result()
        finally:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
            self.__init__()
        return drawn


_renderer = _Renderer()
