"""The chart in words: the caption under it, for everyone, and what a screen reader reads."""

from __future__ import annotations

from ...data.model import Measure, Observation, Period
from ...data.vocab import LEVELS, TimeStated
from .. import wording
from .points import BARS, GROUPED_BARS, shape, visible


def describe(points: list[Observation], measure: Measure, threshold: int) -> str:
    """What the chart shows, over when, and where each line starts and ends. Bars for periods of different
    lengths are not described as if they could be compared: each figure is given with its period's length."""
    periods = sorted({o.aligned for o in points}, key=lambda p: p.start)
    say = lambda o: wording.figure_text(o, measure, threshold, exact=False, with_unit=True)
    kinds = [k for k in LEVELS if any(o.kind == k for o in points)]
    kind_of_chart = "Bar chart" if shape(periods) in (BARS, GROUPED_BARS) else "Line chart"
    if wording.same_length(periods):
        span = wording.period(periods[0]) if len(periods) == 1 else f"{wording.period(periods[0])} to {wording.period(periods[-1])}"
        parts = []
        for kind in kinds:
            line = [o for o in points if o.kind == kind and visible(o)]
            name = wording.KIND_NAMES[kind].lower()
            if not line:
                continue
            first, last = line[0], line[-1]
            if len(line) == 1:
                parts.append(f"{name.capitalize()}: {say(first)}.")
            else:
                parts.append(f"{name.capitalize()}: from {say(first)} to {say(last)}.")
        # One short sentence for each line: a screen reader pauses, and no sentence runs long.
        text = f"{kind_of_chart} of {measure.name}, {span}. " + " ".join(parts)
    else:
        # From the first to the last: only when the reports date every figure (else each figure says its time).
        dated = all(p.stated == TimeStated.AS_DATED for p in periods)
        span = f", {wording.period(Period(periods[0].start, max(p.end for p in periods)))}" if dated else ""
        parts = []
        for kind in kinds:
            line = [o for o in points if o.kind == kind and visible(o)]
            if line:
                figures = " ".join(f"{say(o)} {wording.period_phrase(o.aligned, lengthen=True)}." for o in line)
                parts.append(f"{wording.KIND_NAMES[kind]}: {figures}")
        text = (
            f"{kind_of_chart} of {measure.name}{span}. The periods are of different lengths. "
            "So the bars cannot be compared by their heights. " + " ".join(parts)
        )
    missing = sum(1 for o in points if o.value is None and not o.suppressed)
    hidden = sum(1 for o in points if o.suppressed)
    if missing:
        text += f" {wording.plural(missing, 'figure')} {'is' if missing == 1 else 'are'} missing."
    if hidden:
        are, they = ("is", "it is") if hidden == 1 else ("are", "they are")
        text += f" {wording.plural(hidden, 'figure')} {are} hidden because {they} fewer than {threshold}."
    return text
