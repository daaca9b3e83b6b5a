"""Impossible values and dates that could be read two ways (issue 21, items 1 and 2): each refused with one
message that says what was found and what to write.

MISTAKES is the list of what was tried: a row added to a file of the tiny data set, and the one message it must
give (the line is the row's). ACCEPTED is what must still load. Add a line to either to try another.
"""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import ROOT, build, data_dir
from data_helpers import append, edit_schema, field, problems, schema_of

from macros.data.loader import load
from macros.data.period_labels import ambiguous, label_period

# Every column with_measures gives observations.csv: the last two are count and population.
OBS = "testshire,,{measure},{start},{end},{label},{kind},{value},,table,,rep-2016,T,,,,,,,{count},{population}"
FALL = " A fall or a cut is not a level: write it in a row of kind change_vs_plan or change_vs_last_year, as a percentage, such as -12%."
CHECK = "Check the figure against the report and write it as printed."
SHARE = "a share of a whole (this measure's share is yes in measures.csv)"


def obs(value="5", measure="dtc-days", start="2016-06-01", end="2016-06-30", label="Jun", kind="actual", count=None, population=None) -> str:
    return OBS.format(measure=measure, start=start, end=end, label=label, kind=kind, value=value, count=count or "", population=population or "")


BOTH = "the two are used together"
RATE_OR_PERCENT = "a count and a population are used only for a percentage or a rate for every 100,000 people"
ADJUSTED = "Check the three against the report. If the figure is adjusted, such as age-standardised, leave count and population empty."


MISTAKES = [
    # (file, row, message after "data/<file>.csv, line N, "; or after "line N" when it starts ":", for the whole row)
    ("observations", obs("-5"), f"column 'value': a number of days cannot be below 0 (found '-5'). {CHECK}{FALL}"),
    ("observations", obs("-298", measure="carers-assessed"), f"column 'value': a count cannot be below 0 (found '-298'). {CHECK}{FALL}"),
    ("observations", obs("120%", measure="at-home"), f"column 'value': {SHARE} cannot be above 100% (found '120%'). {CHECK}"),
    ("observations", obs("-3%", measure="at-home"), f"column 'value': {SHARE} cannot be below 0% (found '-3%'). {CHECK}{FALL}"),
    (
        "observations",
        obs(start="2016-06-30", end="2016-06-01"),
        "column 'period_end': the period ends before it starts (2016-06-30) (found '2016-06-01'). "
        "Check the two dates: the end is the last day the figure covers.",
    ),
    (
        "observations",
        obs(start="2016-01-10", end="2016-10-31", label="Oct"),
        "column 'period_label': the label names October, but the dates are 10 January 2016 to 31 October 2016 (found 'Oct'). "
        "Correct the dates or the label: October is 2016-10-01 to 2016-10-31.",
    ),
    (
        "observations",
        obs(start="2015-04-01", end="2016-03-31", label="2016/17"),
        "column 'period_label': the label names the financial year 2016/17, but the dates are 1 April 2015 to 31 March 2016 (found '2016/17'). "
        "Correct the dates or the label: the financial year 2016/17 is 2016-04-01 to 2017-03-31.",
    ),
    (
        "observations",
        obs(start="2016-04-01", end="2016-09-30", label="Apr-Aug 2016"),
        "column 'period_label': the label names April to August 2016, but the dates are 1 April 2016 to 30 September 2016 (found 'Apr-Aug 2016'). "
        "Correct the dates or the label: April to August 2016 is 2016-04-01 to 2016-08-31.",
    ),
    # The issue's own mistake: typed the American way, 10/01/2016 in the October row (its end is no date day first).
    (
        "observations",
        obs(start="10/01/2016", end="10/31/2016", label="Oct"),
        "column 'period_end': this is not a date read day first; written month first, the American way, it would be 31 October 2016 "
        "(found '10/31/2016'). Write it as YYYY-MM-DD: 2016-10-31.",
    ),
    (
        "observations",
        obs(start="10/01/2016", end="31/10/2016", label="Oct"),
        "column 'period_start': this date could be 10 January 2016 (day first) or 1 October 2016 (month first), and nothing on the row "
        "says which (found '10/01/2016'). Write it as YYYY-MM-DD: 2016-01-10 for 10 January 2016, or 2016-10-01 for 1 October 2016.",
    ),
    (
        "observations",
        obs(start="05/06/2016", end="05/06/2016", label="No period printed"),
        "column 'period_start': this date could be 5 June 2016 (day first) or 6 May 2016 (month first), and nothing on the row "
        "says which (found '05/06/2016'). Write it as YYYY-MM-DD: 2016-06-05 for 5 June 2016, or 2016-05-06 for 6 May 2016.",
    ),
    (
        "money",
        "testshire,test-carers,2016-04-01,2017-03-31,16/17,carers-fund,Pooled fund,Testshire Borough,,120%,,,no,,rep-2016,Paragraph 10",
        f"column 'share': a percentage cannot be above 100% (found '120%'). {CHECK}",
    ),
    (
        "money",
        "testshire,test-carers,2016-04-01,2017-03-31,16/17,carers-staff,Carer worker,,£20k,,-1,,no,,rep-2016,Paragraph 10",
        f"column 'fte': a count cannot be below 0 (found '-1'). {CHECK}",
    ),
    (
        "milestones",
        "testshire,,Carers' plan,03/04/2017,this spring,,rep-2016,Paragraph 11",
        "column 'due': this date could be 3 April 2017 (day first) or 4 March 2017 (month first), and nothing on the row says which "
        "(found '03/04/2017'). Write it as YYYY-MM-DD: 2017-04-03 for 3 April 2017, or 2017-03-04 for 4 March 2017.",
    ),
    # One message per mistake (item 9): a row with a cell too many is not checked cell by cell.
    (
        "observations",
        obs("1,234"),
        "column 'value': this row has one cell more than the header row: the number 1,234 is not in quotes, so its comma splits it "
        'into two cells. A number with a comma must be in quotes, or written without the comma: "1,234" or 1234.',
    ),
    (
        "observations",
        obs("£1,234,567"),
        "column 'value': this row has 2 cells more than the header row: the number £1,234,567 is not in quotes, so its comma splits "
        'it into three cells. A number with a comma must be in quotes, or written without the comma: "£1,234,567" or £1234567.',
    ),
    (
        "observations",
        obs().replace(",T,", ",Table 2, row 3,"),
        ": this row has one cell more than the header row, so its cells are in the wrong columns. "
        'Check for a stray comma: text or a number with a comma in it must be in quotes, such as "8,407".',
    ),
    (
        "observations",
        "Test shire" + obs().removeprefix("testshire"),
        "column 'area_id': an id can only have lower-case letters a to z, digits, and single hyphens between them (found 'Test shire'). "
        "Write it as 'testshire', the nearest id in data/areas.csv.",
    ),
    (
        "observations",
        obs().replace("rep-2016", "Rep 2016"),
        "column 'source_id': an id can only have lower-case letters a to z, digits, and single hyphens between them (found 'Rep 2016'). "
        "Write it as 'rep-2016', its id in data/sources.csv.",
    ),
    # A count and the population it is out of (issue 22, item 3): what the schema checks, then the rules.
    (
        "observations",
        obs("60%", measure="at-home", count="30"),
        f"column 'population': there is a count but no population: {BOTH}. Fill in population as well, or leave count empty too.",
    ),
    (
        "observations",
        obs("60%", measure="at-home", population="50"),
        f"column 'count': there is a population but no count: {BOTH}. Fill in count as well, or leave population empty too.",
    ),
    (
        "observations",
        obs("60%", measure="at-home", count="thirty", population="50"),
        "column 'count': this is not a whole number as the schema writes one (found 'thirty'). Write it as 30: digits only, no commas or marks.",
    ),
    (
        "observations",
        obs("60%", measure="at-home", count='"1,234"', population="2000"),
        "column 'count': this is not a whole number as the schema writes one (found '1,234'). Write it as 1234: digits only, no commas or marks.",
    ),
    (
        "observations",
        obs("60%", measure="at-home", count="n/a", population="50"),
        "column 'count': this is not a whole number (found 'n/a'). Write a whole number such as 3.",
    ),
    (
        "observations",
        obs("60%", measure="at-home", count="-3", population="50"),
        "column 'count': this must be at least 0 (found '-3'). Write at least 0.",
    ),
    (
        "observations",
        obs("60%", measure="at-home", count="30", population="0"),
        "column 'population': this must be at least 1 (found '0'). Write at least 1.",
    ),
    (
        "observations",
        obs("60%", measure="at-home", count="60", population="50"),
        "column 'count': the count is more than the population (50), so the percentage would be over 100% (found '60'). "
        "Check both against the report: the count is the part of the population the percentage is of.",
    ),
    (
        "observations",
        obs("5", count="5", population="100"),
        f"column 'count': {RATE_OR_PERCENT}, and this measure is in days (found '5'). "
        "Leave count and population empty on this row, or check the measure_id.",
    ),
    (
        "observations",
        obs("-20%", measure="at-home", kind="change_vs_plan", count="30", population="50"),
        "column 'count': a printed change is not worked out from a count and a population (found '30'). "
        "Leave count and population empty on this row.",
    ),
    (
        "observations",
        obs("40%", measure="at-home", count="30", population="50"),
        f"column 'value': the figure is not the count out of the population: 30 out of 50 is 60.0% (found '40%'). {ADJUSTED}",
    ),
    (
        "observations",
        obs("1500", measure="admit-rate", count="10", population="1000"),
        "column 'value': the figure is not the count out of the population: 10 out of 1,000 is 1,000.0 for every 100,000 people "
        f"(found '1500'). {ADJUSTED}",
    ),
    (
        "observations",
        obs("33.4%", measure="at-home", count="1", population="3"),
        f"column 'value': the figure is not the count out of the population: 1 out of 3 is 33.33% (found '33.4%'). {ADJUSTED}",
    ),
    (
        "sources",
        "rep-2017,Update,Testshire Council,Health and Wellbeing Board,10/11/2017,,",
        "column 'date': this date could be 10 November 2017 (day first) or 11 October 2017 (month first), and nothing on the row says which "
        "(found '10/11/2017'). Write it as YYYY-MM-DD: 2017-11-10 for 10 November 2017, or 2017-10-11 for 11 October 2017.",
    ),
]

ACCEPTED = [
    ("observations", obs("-20%", kind="change_vs_plan")),  # a printed change may be below 0
    ("observations", obs("0")),
    ("observations", obs("100%", measure="at-home")),
    ("observations", obs("140%", measure="rise")),  # a percentage that is not a share may be over 100%
    ("observations", obs(start="01/10/2016", end="31/10/2016", label="Oct")),  # the label settles it: 1 October
    ("observations", obs(start="01/04/2016", end="30/06/2016", label="Q1")),  # whole months day first, not month first
    ("observations", obs(start="01/04/2016", end="31/03/2017", label="2016/17")),
    ("observations", obs(start="13/06/2016", end="13/06/2016", label="No period printed")),  # 13 is no month
    ("observations", obs(start="2016-04-01", end="2016-09-30", label="YTD")),  # the report's own words are not read
    ("observations", obs(start="2016-10-01", end="2016-10-31", label="October 2016")),
    ("observations", obs(start="2016-10-01", end="2016-10-31", label="Oct-16")),
    ("milestones", "testshire,,Carers' plan,01/04/2017,Apr-17,,rep-2016,Paragraph 11"),  # its label settles it
    ("observations", obs("60%", measure="at-home", count="30", population="50")),
    ("observations", obs("33.3%", measure="at-home", count="1", population="3")),  # to the decimal place printed
    ("observations", obs("33%", measure="at-home", count="1", population="3")),
    ("observations", obs("0%", measure="at-home", count="0", population="3")),
    ("observations", obs("150000", measure="admit-rate", count="15", population="10")),  # more events than people: a rate may be
    ("observations", obs("60%", measure="at-home", count="31", population="50").replace("60%,,", "60%,about,")),  # hedged: not exact
]


def test_an_id_changed_by_mistake_where_it_is_defined_is_one_message_suggesting_the_id_the_rows_use(tmp_path):
    """Not one message for it and one for every row naming it, with two different suggestions (item 9)."""
    data = data_dir(tmp_path)
    areas = data / "areas.csv"
    areas.write_text(areas.read_text(encoding="utf-8").replace("\ntestshire,", "\nTest shire,"), encoding="utf-8")
    [found] = [str(p) for p in problems(data)]
    assert found.startswith("data/areas.csv, line 2, column 'id': an id can only have lower-case letters")
    assert "Write it as 'testshire', as " in found and " rows name it (such as data/" in found


def with_measures(data):
    """The tiny data set with a measure that is a share of a whole, a percentage that is not and a rate; and
    observations.csv with the optional columns up to count and population, described as the project describes them."""
    path = data / "measures.csv"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines = [lines[0] + ",share"] + [line + "," for line in lines[1:]]
    lines += [
        "at-home,Still at home,The share still at home.,percent,higher,no,,,,yes",
        "rise,Rise in visits,How much visits rose.,percent,neither,no,,,,no",
        "admit-rate,Admission rate,Admissions for every hundred thousand people.,rate_per_100k,lower,no,,,,no",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    added = ("time_stated", "time_words", "provisional", "count", "population")
    project = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    edit_schema(data, lambda package: schema_of(package, "observations")["fields"].extend(field(project, "observations", n) for n in added))
    path = data / "observations.csv"
    lines = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(f"{lines[0]},{','.join(added)}\n{lines[1]}", encoding="utf-8")  # the rows' missing cells read as empty
    return data


@pytest.mark.parametrize("file, row, message", MISTAKES, ids=[m[2][:60] for m in MISTAKES])
def test_each_mistake_is_one_message_saying_what_was_found_and_what_to_write(tmp_path, file, row, message):
    data = with_measures(data_dir(tmp_path))
    line = append(data, file, row)
    place = f"data/{file}.csv, line {line}" + ("" if message.startswith(":") else ", ")  # a message for the whole row starts ":"
    assert [str(p) for p in problems(data)] == [place + message]


@pytest.mark.parametrize("file, row", ACCEPTED, ids=[a[1][:60] for a in ACCEPTED])
def test_what_is_possible_and_settled_still_loads(tmp_path, file, row):
    data = with_measures(data_dir(tmp_path))
    append(data, file, row)
    assert load(data) is not None


def test_a_settled_date_is_read_day_first():
    assert ambiguous("01/10/2016") == (date(2016, 10, 1), date(2016, 1, 10))
    assert ambiguous("13/10/2016") is None and ambiguous("2016-10-01") is None and ambiguous("05/05/2016") is None


@pytest.mark.parametrize("label", ["YTD", "run until July 2018", "Not printed (taken as 2016/17)", "Oct 16", "by 2018/19", "2016-04"])
def test_a_label_in_the_reports_own_words_is_not_read_as_a_period(label):
    assert label_period(label) is None


@pytest.mark.slow
def test_the_issues_mistakes_stop_a_real_build(tmp_path):
    """A negative count of people and an October row typed the American way: published before, now refused."""
    data = with_measures(data_dir(tmp_path))
    first = append(data, "observations", obs("-298", measure="carers-assessed"), obs(start="10/01/2016", end="31/10/2016", label="Oct"))
    result = build(tmp_path, data)
    out = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in out
    assert "The data has 2 problems. Nothing was published." in out
    assert f"data/observations.csv, line {first}, column 'value': a count cannot be below 0 (found '-298')." in out
    assert f"data/observations.csv, line {first + 1}, column 'period_start': this date could be 10 January 2016 (day first)" in out


def test_the_built_in_and_the_national_data_keep_within_the_bounds():
    """The rules refuse nothing the built-in data has (the national synthetic data is loaded by the benchmarks)."""
    from conftest import REAL_DATA

    assert load(REAL_DATA) is not None
