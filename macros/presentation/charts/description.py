"""The chart in words: the caption under it, for everyone, and what a screen reader reads."""

from __future__ import annotations

from ...data.model import Measure, Observation
from ...data.vocab import LEVELS
from .. import wording
from .points import BARS, GROUPED_BARS, shape, shown


def describe(points: list[Observation], measure: Measure, threshold: int) -> str:
    """What the chart shows, over when, and where each line starts and ends."""
    periods = sorted({o.aligned for o in points}, key=lambda p: p.start)
    span = wording.period(periods[0]) if len(periods) == 1 else f"{wording.period(periods[0])} to {wording.period(periods[-1])}"
    kinds = [k for k in LEVELS if any(o.kind == k for o in points)]
    parts = []
    for kind in kinds:
        line = [o for o in points if o.kind == kind and shown(o)]
        name = wording.KIND_NAMES[kind].lower()
        if not line:
            continue
        first, last = line[0], line[-1]
        if len(line) == 1:
            parts.append(f"{name} {wording.shown(first, measure, threshold, exact=False, with_unit=True)}")
        else:
            parts.append(
                f"{name} from {wording.shown(first, measure, threshold, exact=False, with_unit=True)} "
                f"to {wording.shown(last, measure, threshold, exact=False, with_unit=True)}"
            )
    kind_of_chart = "Bar chart" if shape(periods) in (BARS, GROUPED_BARS) else "Line chart"
    gaps = [o for o in points if not shown(o)]
    gap = f" {len(gaps)} figure{'s are' if len(gaps) != 1 else ' is'} not shown: missing, or fewer than {threshold}." if gaps else ""
    return f"{kind_of_chart} of {measure.name}, {span}: " + "; ".join(parts) + "." + gap
