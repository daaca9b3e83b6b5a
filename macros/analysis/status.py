"""How a measure is judged: direction-aware, and never a status the figures cannot support.

Two kinds of judgement are kept apart. A status worked out from figures (better, worse, on plan) compares
the area's result with its plan for the same period. A stated status (stated-better, stated-on-plan,
stated-worse) is the report's own judgement in words ("performance is on target"), taken only where the
figures cannot be judged (no plan or no result): it is counted as what it is, never as a worked-out one.
Where both exist the worked-out status counts and the stated one is shown beside it (`Headline.also_stated`).

A target the report set for later (a period not over when the report was written, or not over by the build
date) is never judged and never stands in for a plan, unless a result for that very period is given: a measure
with nothing else is `TARGET_LATER`, counted apart from what can be judged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from ..data.model import Measure, Observation, Outcome, Period
from ..data.vocab import LEVELS, Better, FigureKind, PrintedIn, StatedJudgement


class Status(StrEnum):
    """What a measure's headline figures say. presentation/statuses.py gives each its words and icon."""

    BETTER = "better"
    WORSE = "worse"
    ON_PLAN = "on-plan"
    NO_PLAN = "no-plan"
    NO_RESULT = "no-result"
    NOT_RATED = "not-rated"
    # The report's own judgement in words, where the figures cannot be judged:
    STATED_BETTER = "stated-better"
    STATED_ON_PLAN = "stated-on-plan"
    STATED_WORSE = "stated-worse"
    # A target the report set for a later date, with no result for it: not judged, counted apart.
    TARGET_LATER = "target-later"

    @property
    def key(self) -> str:
        """The status in page markup (CSS classes) and in counts."""
        return self.value

    @property
    def stated(self) -> bool:
        """The report's judgement in words, not one worked out from figures."""
        return self in STATED.values()

    @property
    def good_news(self) -> bool:
        """Better than or on plan, worked out or stated: a caveat on such a result is never folded away."""
        return self in (Status.BETTER, Status.ON_PLAN, Status.STATED_BETTER, Status.STATED_ON_PLAN)

    @property
    def bad_news(self) -> bool:
        """Worse than plan, worked out or stated."""
        return self in (Status.WORSE, Status.STATED_WORSE)


BETTER, WORSE, ON_PLAN, NO_PLAN, NO_RESULT, NOT_RATED, STATED_BETTER, STATED_ON_PLAN, STATED_WORSE, TARGET_LATER = Status
ALL = tuple(Status)
# What summaries count: every status but a target for later, which is never judged; they say how many of those
# there are apart ("not yet due").
COUNTED = tuple(s for s in ALL if s != TARGET_LATER)
STATED = {
    StatedJudgement.BETTER: Status.STATED_BETTER,
    StatedJudgement.ON_PLAN: Status.STATED_ON_PLAN,
    StatedJudgement.WORSE: Status.STATED_WORSE,
}
# Worked out from figures: a stated judgement never replaces one of these (it is shown beside it).
JUDGED = (BETTER, WORSE, ON_PLAN, NOT_RATED)


@dataclass(frozen=True)
class Headline:
    """The figure a measure is judged on: the longest period ending latest that has an actual.

    `plan` is the area's plan for the period, or a target for it once that period has ended (its `kind`
    says which). `stated` is the report's own judgement in words for the period (else the latest one).
    `target` is the target set for later that a TARGET_LATER headline is about (None otherwise)."""

    period: Period
    actual: Observation | None
    plan: Observation | None
    last_year: Observation | None
    status: Status
    stated: Outcome | None = None
    target: Observation | None = None

    @property
    def also_stated(self) -> Status | None:
        """The report's own judgement when it is shown beside a status worked out from figures."""
        if self.stated is None or self.status.stated:
            return None
        return STATED[self.stated.judgement]

    @property
    def statuses(self) -> tuple[Status, ...]:
        """Every status to show for the measure: the one it is counted as, then a stated one beside it."""
        also = self.also_stated
        return (self.status,) if also is None else (self.status, also)


def judge(actual: float | None, plan: float | None, better: Better) -> Status:
    if plan is None:
        return NO_PLAN if actual is not None else NO_RESULT
    if actual is None:
        return NO_RESULT
    if better == Better.NEITHER:
        return NOT_RATED
    if actual == plan:
        return ON_PLAN
    return BETTER if (actual < plan) == (better == Better.LOWER) else WORSE


def consistent(stated: StatedJudgement, worked_out: Status) -> bool:
    """Whether the report's words and the status its figures give point the same way. Reports say "on target"
    for a result at or better than its target, as people do: only a judgement on the other side of the plan
    from the figures differs from them."""
    if stated == StatedJudgement.ON_PLAN:
        return worked_out in (Status.ON_PLAN, Status.BETTER)
    return worked_out.value == stated.value


def target_due(obs: Observation, today: date | None) -> bool:
    """A target whose period has ended by `today` (the build date). Before then it is a target, said in words
    and never judged ("no result published" would be untrue)."""
    return obs.kind == FigureKind.TARGET and today is not None and obs.period.end < today


def set_for_later(obs: Observation, today: date | None, reported: Mapping[str, date] | None = None) -> bool:
    """A target for later: its period had not ended when its report was written (`reported`: each report's
    date by its id), or has not ended by `today`. Such a target is worded "to be met by ..." and never judged
    on its own: its report could not give the result, and "no result published" would blame it for that."""
    if obs.kind != FigureKind.TARGET:
        return False
    if today is None or obs.period.end >= today:
        return True
    written = reported.get(obs.source_id) if reported is not None else None
    return written is not None and obs.period.end > written


def stated_for(outcomes: Iterable[Outcome], period: Period | None) -> Outcome | None:
    """The report's judgement of `period`, else its latest (latest end, then longest)."""
    outcomes = list(outcomes)
    same = [o for o in outcomes if period is not None and o.period == period]
    pool = same or outcomes
    return max(pool, key=lambda o: (o.period.end, o.period.end - o.period.start, -o.line), default=None)


def headline(
    series: list[Observation], measure: Measure, stated: Iterable[Outcome] = (), today: date | None = None, reported: Mapping[str, date] | None = None
) -> Headline | None:
    """The figure a series is judged on. Prefer a period with both plan and actual; among those the
    latest end, then the longest span. Only plans and actuals are judged (and a target once its period
    has ended by `today`, unless it was set for later and no result for its period is given: `set_for_later`,
    with `reported` each report's date by its id); benchmarks, estimates and gaps never are.

    `stated` are the report's own judgements of the series in words (outcomes.csv): where the figures give
    no plan or no result, the one for the headline period (else the latest) is the status. A series with
    only targets for later is TARGET_LATER, about the latest of them."""
    by_period: dict[Period, dict[FigureKind, Observation]] = {}
    for obs in series:
        if obs.kind in LEVELS:
            slot = by_period.setdefault(obs.aligned, {})
            # A table figure wins over the same figure quoted in the text.
            if obs.kind not in slot or obs.printed_in == PrintedIn.TABLE:
                slot[obs.kind] = obs
    later: list[Observation] = []
    for obs in series:  # a target whose period is over stands in for a plan the period does not have
        if obs.kind != FigureKind.TARGET:
            continue
        result = by_period.get(obs.period, {}).get(FigureKind.ACTUAL)
        if set_for_later(obs, today, reported) and (result is None or not target_due(obs, today)):
            later.append(obs)  # set for later, and no result for its period: said in words, never judged
            continue
        if target_due(obs, today):
            slot = by_period.setdefault(obs.period, {})
            plan = slot.get(FigureKind.PLAN)
            if plan is None or plan.kind == FigureKind.TARGET and obs.printed_in == PrintedIn.TABLE:
                slot[FigureKind.PLAN] = obs
    said = stated_for(stated, None)
    if not by_period:
        if said is not None:
            return Headline(said.period, None, None, None, STATED[said.judgement], said)
        if later:
            target = max(later, key=lambda o: (o.period.end, o.period.end - o.period.start, o.printed_in == PrintedIn.TABLE, -o.line))
            return Headline(target.period, None, None, None, TARGET_LATER, target=target)
        return None

    def rank(item):
        period, kinds = item
        has = lambda k: k in kinds and kinds[k].value is not None
        return (has(FigureKind.ACTUAL) and has(FigureKind.PLAN), has(FigureKind.ACTUAL), period.end, period.end - period.start)

    period, kinds = max(by_period.items(), key=rank)
    actual, plan = kinds.get(FigureKind.ACTUAL), kinds.get(FigureKind.PLAN)
    status = judge(actual.value if actual else None, plan.value if plan else None, measure.better)
    said = stated_for(stated, period)
    if said is not None and status not in JUDGED:
        status = STATED[said.judgement]
    return Headline(period, actual, plan, kinds.get(FigureKind.LAST_YEAR), status, said)
