"""The fixed words the data uses, as enumerations.

Each is a StrEnum whose values are exactly the ones `datapackage.json` allows in that column (a test
checks they agree), so a value read from a CSV file compares equal to its member."""

from __future__ import annotations

from enum import StrEnum


class FigureKind(StrEnum):
    """observations.csv `kind`: what a figure is."""

    PLAN = "plan"
    ACTUAL = "actual"
    LAST_YEAR = "last_year"
    CHANGE_VS_PLAN = "change_vs_plan"
    CHANGE_VS_LAST_YEAR = "change_vs_last_year"
    # Figures that are not the area's plan or result for the period, each said in its own words:
    TARGET = "target"  # a target for a later period than the figures (never "no result" before it is due)
    BENCHMARK = "benchmark"  # a figure from somewhere else, to compare with (compared_with names where)
    ESTIMATE = "estimate"  # an estimate or forecast, not a count
    GAP = "gap"  # a shortfall still to be found or closed, such as savings not yet identified

    @property
    def is_change(self) -> bool:
        """A printed percentage difference, whatever the measure's unit."""
        return self in (FigureKind.CHANGE_VS_PLAN, FigureKind.CHANGE_VS_LAST_YEAR)


# The kinds that are figures of the measure itself (charted, judged, added up), not differences.
LEVELS = (FigureKind.PLAN, FigureKind.ACTUAL, FigureKind.LAST_YEAR)


class Unit(StrEnum):
    """measures.csv `unit`."""

    COUNT = "count"
    PERCENT = "percent"
    RATE_PER_100K = "rate_per_100k"
    GBP = "gbp"
    DAYS = "days"

    @property
    def adds_up(self) -> bool:
        """Parts of a total add up to it: counts, days and pounds do; rates and percentages do not."""
        return self in (Unit.COUNT, Unit.DAYS, Unit.GBP)


class Better(StrEnum):
    """measures.csv `better`: which way is good."""

    LOWER = "lower"
    HIGHER = "higher"
    NEITHER = "neither"


class SchemeStage(StrEnum):
    """schemes.csv `status`: where a scheme stands at the report date."""

    PLANNED = "planned"
    STARTING = "starting"
    RUNNING = "running"
    FINISHED = "finished"
    STOPPED = "stopped"


class PrintedIn(StrEnum):
    """observations.csv `printed_in`: a sentence may quote a figure a table also gives."""

    TABLE = "table"
    TEXT = "text"


class Per(StrEnum):
    """observations.csv `per`: the figure is a rate for each of these periods ("about 40 a month")."""

    NONE = ""
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


class Completed(StrEnum):
    """milestones.csv `completed`: whether the report marks a milestone done."""

    YES = "yes"
    NO = "no"
    UNSAID = ""  # the report does not say


class StatedJudgement(StrEnum):
    """outcomes.csv `judgement`: how a report itself judges a result, in words ("target exceeded")."""

    BETTER = "better"  # better than the target or plan: "exceeded", "better than target"
    ON_PLAN = "on-plan"  # "on target", "being met", "achieved"
    WORSE = "worse"  # "not met", "below target", "off track"


class CaveatKind(StrEnum):
    """caveats.csv `kind`: what a report says qualifies a result or a piece of work."""

    CAVEAT = "caveat"  # a warning beside a result: "this may be because ..."
    RISK = "risk"  # something that may go wrong
    SETBACK = "setback"  # something that went wrong or was delayed
