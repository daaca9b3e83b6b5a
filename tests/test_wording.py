"""Unit tests of the wording and the status rule: periods and numbers in plain English, and a status that is
direction-aware and never invented. The values are examples, not the built-in data."""

from datetime import date

import pytest

from macros.analysis.status import BETTER, NO_PLAN, NO_RESULT, NOT_RATED, ON_PLAN, WORSE, judge
from macros.data.model import Period
from macros.presentation import wording


@pytest.mark.parametrize(
    "start, end, text",
    [
        (date(2016, 4, 1), date(2016, 9, 30), "April to September 2016"),
        (date(2016, 10, 1), date(2016, 10, 31), "October 2016"),
        (date(2016, 4, 1), date(2017, 3, 31), "2016 to 2017"),
        (date(2016, 1, 1), date(2016, 12, 31), "2016"),
        (date(2014, 9, 1), date(2015, 3, 31), "September 2014 to March 2015"),
        (date(2016, 12, 5), date(2016, 12, 5), "5 December 2016"),
        (date(2014, 12, 17), date(2016, 12, 16), "17 December 2014 to 16 December 2016"),
    ],
)
def test_periods_in_plain_english(start, end, text):
    assert wording.period(Period(start, end)) == text


@pytest.mark.parametrize(
    "value, unit, text",
    [
        (8407, "count", "8,407"),
        (21, "percent", "21%"),
        (16.2, "percent", "16.2%"),
        (43735000, "gbp", "£43.7 million"),
        (258000, "gbp", "£258,000"),
        (387.6, "rate_per_100k", "387.6 per 100,000 population"),
        (0, "count", "0"),
    ],
)
def test_numbers_as_style_guides_write_them(value, unit, text):
    assert wording.figure(value, unit) == text


def test_tables_keep_money_exact():
    assert wording.money(43735000, exact=True) == "£43,735,000"


@pytest.mark.parametrize(
    "actual, plan, better, status",
    [
        (126, 157, "lower", BETTER),
        (8407, 6930, "lower", WORSE),
        (76, 70, "higher", BETTER),
        (91, 95, "higher", WORSE),
        (5, 5, "lower", ON_PLAN),
        (9, None, "lower", NO_PLAN),
        (None, 387.6, "lower", NO_RESULT),
        (3, 4, "neither", NOT_RATED),
    ],
)
def test_status_is_direction_aware_and_never_invented(actual, plan, better, status):
    assert judge(actual, plan, better) == status


@pytest.mark.parametrize(
    "words, inside",
    [
        ("actual (no date given)", "actual, no date given"),
        ("Year 1 (7 months)", "Year 1, 7 months"),
        ("currently (no date given; from the report of 11 December 2017)", "currently, no date given; from the report of 11 December 2017"),
        ("on target (the report says)", "on target, the report says"),
        ("Paragraph 16(a)", "Paragraph 16(a)"),  # part of a name, not a bracket of the words
        ("April to September 2016", "April to September 2016"),
    ],
)
def test_words_put_inside_brackets_have_no_brackets_of_their_own(words, inside):
    assert wording.inside_brackets(words) == inside


@pytest.mark.parametrize(
    "words, said",
    [
        ("by 2018/19", "to be met by 2018/19"),
        ("until 2020", "until 2020"),  # not "to be met until 2020"
    ],
)
def test_when_a_target_is_to_be_met_reads_as_english(words, said):
    from macros.data.vocab import TimeStated

    period = Period(date(2017, 4, 1), date(2020, 12, 31), words, stated=TimeStated.BY, words=words)
    assert wording.to_be_met(period) == said
