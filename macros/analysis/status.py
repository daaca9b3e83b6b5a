"""How a measure is judged: direction-aware, and never a status the figures cannot support."""
from __future__ import annotations

from dataclasses import dataclass

from ..data.model import Measure, Observation, Period
from ..data.vocab import LEVELS



@dataclass(frozen=True)
class Status:
    key: str
    word: str
    icon: str  # Material Design icon name; the word beside it is what it means


BETTER = Status("better", "Better than plan", "check-circle")
WORSE = Status("worse", "Worse than plan", "alert-circle")
ON_PLAN = Status("on-plan", "On plan", "equal-box")
NO_PLAN = Status("no-plan", "No plan to compare", "minus-circle")
NO_RESULT = Status("no-result", "No result published", "help-circle")
NOT_RATED = Status("not-rated", "Not rated: neither higher nor lower is better", "circle-outline")
ALL = (BETTER, WORSE, ON_PLAN, NO_PLAN, NO_RESULT, NOT_RATED)


@dataclass(frozen=True)
class Headline:
    """The figure a measure is judged on: the longest period ending latest that has an actual."""

    period: Period
    actual: Observation | None
    plan: Observation | None
    last_year: Observation | None
    status: Status


def judge(actual: float | None, plan: float | None, better: str) -> Status:
    if plan is None:
        return NO_PLAN if actual is not None else NO_RESULT
    if actual is None:
        return NO_RESULT
    if better == "neither":
        return NOT_RATED
    if actual == plan:
        return ON_PLAN
    return BETTER if (actual < plan) == (better == "lower") else WORSE


def headline(series: list[Observation], measure: Measure) -> Headline | None:
    """The figure a series is judged on. Prefer a period with both plan and actual; among those the
    latest end, then the longest span."""
    by_period: dict[Period, dict[str, Observation]] = {}
    for obs in series:
        if obs.kind in LEVELS:
            slot = by_period.setdefault(obs.aligned, {})
            # A table figure wins over the same figure quoted in the text.
            if obs.kind not in slot or obs.printed_in == "table":
                slot[obs.kind] = obs
    if not by_period:
        return None

    def rank(item):
        period, kinds = item
        has = lambda k: k in kinds and kinds[k].value is not None
        return (has("actual") and has("plan"), has("actual"), period.end, period.end - period.start)

    period, kinds = max(by_period.items(), key=rank)
    actual, plan = kinds.get("actual"), kinds.get("plan")
    status = judge(actual.value if actual else None, plan.value if plan else None, measure.better)
    return Headline(period, actual, plan, kinds.get("last_year"), status)
