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
