"""How a measure is judged: direction-aware, and never a status the figures cannot support."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..data.model import Measure, Observation, Period
from ..data.vocab import LEVELS


class Status(StrEnum):
    """What a measure's headline figures say. presentation/statuses.py gives each its words and icon."""

    BETTER = "better"
    WORSE = "worse"
    ON_PLAN = "on-plan"
    NO_PLAN = "no-plan"
    NO_RESULT = "no-result"
    NOT_RATED = "not-rated"

    @property
    def key(self) -> str:
        """The status in page markup (CSS classes) and in counts."""
        return self.value


BETTER, WORSE, ON_PLAN, NO_PLAN, NO_RESULT, NOT_RATED = Status
ALL = tuple(Status)


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
