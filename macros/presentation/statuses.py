"""How each status is shown: its words, its icon and what it means. Never colour alone: the words carry
the meaning, and the icon (a Material Design icon, drawn by the site's stylesheet) repeats it."""

from __future__ import annotations

from ..analysis.status import Status
from ..data.vocab import StatedJudgement

WORDS = {
    Status.BETTER: "Better than plan",
    Status.WORSE: "Worse than plan",
    Status.ON_PLAN: "On plan",
    Status.NO_PLAN: "No plan to compare",
    Status.NO_RESULT: "No result published",
    Status.NOT_RATED: "Not rated: neither higher nor lower is better",
    Status.STATED_BETTER: "Better than target (the report says)",
    Status.STATED_ON_PLAN: "On target (the report says)",
    Status.STATED_WORSE: "Worse than target (the report says)",
    Status.TARGET_LATER: "Target for later",
}
ICONS = {
    Status.BETTER: "check-circle",
    Status.WORSE: "alert-circle",
    Status.ON_PLAN: "equal-box",
    Status.NO_PLAN: "minus-circle",
    Status.NO_RESULT: "help-circle",
    Status.NOT_RATED: "circle-outline",
    # A speech bubble: the report's words, not our sums.
    Status.STATED_BETTER: "comment-check",
    Status.STATED_ON_PLAN: "comment-quote",
    Status.STATED_WORSE: "comment-alert",
    # A calendar: a date still to come when the report was written.
    Status.TARGET_LATER: "calendar-clock",
}
MEANINGS = {
    Status.BETTER: "The actual figure is on the good side of the plan. For a measure where lower is better, that means below the plan.",
    Status.WORSE: "The actual figure is on the bad side of the plan.",
    Status.ON_PLAN: "The actual figure is exactly the plan.",
    Status.NO_PLAN: "There is a figure, but no plan to compare it with. We do not guess one.",
    Status.NO_RESULT: "There is a plan, but the report gives no figure for how it went.",
    Status.NOT_RATED: "Neither higher nor lower is better for this measure, so we do not judge it.",
    Status.STATED_BETTER: "The report says in words that the result beat its target. If it also gives both figures, our own status comes first.",
    Status.STATED_ON_PLAN: "The report says in words that the result is on target. If it also gives both figures, our own status comes first.",
    Status.STATED_WORSE: "The report says in words that the result missed its target. If it also gives both figures, our own status comes first.",
    Status.TARGET_LATER: "The report sets a target to be met by a later date than the report itself. "
    "No report here gives the result for that date, so we do not judge it or count it as a missing result.",
}
# The report's judgement inside a sentence: "... but says it is on target."
STATED_CLAUSES = {
    StatedJudgement.BETTER: "says it is better than the target",
    StatedJudgement.ON_PLAN: "says it is on target",
    StatedJudgement.WORSE: "says it is worse than the target",
}
