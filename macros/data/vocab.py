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
    DESIGN = "design"  # how something is designed or typically is ("typically teams will serve 30,000 to 50,000"): described, never judged

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
    """caveats.csv `kind`: what a report says about a result or a piece of work, labelled as the report labels
    it (the transcriber sets it from the report's own word: "risk", "challenge", "success")."""

    CAVEAT = "caveat"  # a warning beside a result: "this may be because ..."
    RISK = "risk"  # something that may go wrong, where the report calls it a risk (or lists it under Risk)
    SETBACK = "setback"  # something that went worse than planned, or later
    CHALLENGE = "challenge"  # a difficulty or concern the report names, not called a risk and not (yet) a setback
    NOTE = "note"  # a plain fact the report gives beside the rest, neither good nor bad news (a change the plan allows)
    ACTION = "action"  # what the report says is being done about a result or problem ("urgent action ... has been agreed")
    # Good news, recorded like the warnings so that each is shown beside the other:
    PROGRESS = "progress"  # progress or success the report states ("has successfully collaborated")
    PRAISE = "praise"  # praise the report gives or reports ("excellent record", "very well-received")
    SIGN_OF_SUCCESS = "sign-of-success"  # what the report calls a sign or marker of success

    @property
    def good_news(self) -> bool:
        return self in (CaveatKind.PROGRESS, CaveatKind.PRAISE, CaveatKind.SIGN_OF_SUCCESS)


class DateStated(StrEnum):
    """sources.csv `date_stated`: how precisely a report gives its own date. Its `date` is kept as a day for
    sorting and ages; pages say it no finer than this (presentation/wording.py `report_date`)."""

    DAY = "day"  # a full date, such as "13 September 2012" (an empty cell means this)
    MONTH = "month"  # only the month and year, such as "August 2012": no page names a day
    YEAR = "year"  # only the year


class TimeStated(StrEnum):
    """observations.csv, outcomes.csv and money.csv `time_stated`, milestones.csv `due_stated`: how the report
    gives the time of a figure, where the date columns (kept for sorting and charts) say more than it does.
    Pages word the time as stated (presentation/wording.py `period`), never a date finer than the report's."""

    AS_DATED = ""  # the date columns are what the report gives
    MONTH = "month"  # only the month or months: no page names a day
    YEAR = "year"  # only the year or years
    BY = "by"  # only an end: "by 2018/19", "until 2020" (the words are in time_words)
    FROM = "from"  # only a start: "from June 2017"
    WORDS = "words"  # only the report's words, no period: "Quarter 4 of the year", "during January"
    NONE = "none"  # no time at all: pages say so, with the date of the report it is from

    @property
    def needs_words(self) -> bool:
        """Said in the report's own words only: time_words must give them."""
        return self in (TimeStated.BY, TimeStated.FROM, TimeStated.WORDS)
