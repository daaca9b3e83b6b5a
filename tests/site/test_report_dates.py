"""A report's own date at the precision the report gives it (issue 20, item 1): sources.csv `date_stated` says
whether a report gives a day, only a month or only a year, and no page says a day (or a month) the report does
not give, wherever the report's date is shown: sources lines, "from the report of ...", how old the figures
are, milestones "as at", when the next report is due, decisions, the Data page and the build report.

Written from the rules on the tiny fixture (a made-up report), so it holds for any report an editor adds."""

from __future__ import annotations

import csv
import json
import re
from datetime import date
from pathlib import Path

import pytest
from conftest import built_site, csv_rows, data_dir, page
from test_said_as_stated import RESOURCES, _page, _text, obs, problems, said, stated_data

from macros.data.loader import load
from macros.data.model import Milestone, Period, Source
from macros.data.vocab import DateStated, TimeStated
from macros.presentation import wording
from macros.site import sections


def report(written: date, stated: DateStated = DateStated.DAY) -> Source:
    return Source("rep", "Update", "Testshire Council", "Board", written, "", "", stated)


# The wording function ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "stated, shown",
    [(DateStated.DAY, "30 November 2016"), (DateStated.MONTH, "November 2016"), (DateStated.YEAR, "2016")],
)
def test_a_report_date_is_worded_no_finer_than_the_report_gives_it(stated, shown):
    assert wording.report_date(report(date(2016, 11, 30), stated)) == shown


def test_a_figure_with_no_date_names_its_report_at_the_report_s_precision():
    p = Period(date(2012, 8, 1), date(2012, 8, 1), "No period printed", TimeStated.NONE, report=report(date(2012, 8, 1), DateStated.MONTH))
    assert wording.period(p) == "no date given; from the report of August 2012"
    assert wording.period(Period(p.start, p.end, "", TimeStated.NONE, "currently", report=p.report)) == (
        "currently (no date given; from the report of August 2012)"
    )


def test_a_milestone_is_as_at_its_report_at_the_report_s_precision():
    written = report(date(2012, 8, 1), DateStated.MONTH)
    late = Milestone("testshire", None, "Options paper", date(2012, 6, 30), "Jun 12", "no", "rep", "Paragraph 1", 2)
    past = Milestone("testshire", None, "Options paper", date(2012, 12, 31), "Dec 12", "", "rep", "Paragraph 1", 2)
    assert sections.milestone_words(late, written, date(2026, 1, 1)) == "Late (as at August 2012), with no update since"
    assert sections.milestone_words(past, written, date(2026, 1, 1)) == "No update since the report of August 2012"


# The column: optional, and checked like the other fixed lists ----------------------------------------------------


def with_column(data: Path, resource: str, column: str, value: str) -> Path:
    """The data folder with an optional column of the built-in data package added to `resource` (defined as
    there), `value` in every row."""
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    fields = next(r for r in package["resources"] if r["name"] == resource)["schema"]["fields"]
    fields.append(next(f for f in RESOURCES[resource]["schema"]["fields"] if f["name"] == column))
    (data / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    rows = csv_rows(data, resource)
    with open(data / f"{resource}.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=[*rows[0], column], lineterminator="\n")
        writer.writeheader()
        writer.writerows(row | {column: value} for row in rows)
    return data


def with_date_stated(data: Path, stated: str) -> Path:
    """The data folder with sources.csv's date_stated column (defined as in the built-in data package), `stated`
    in every row."""
    return with_column(data, "sources", "date_stated", stated)


def test_without_the_column_a_report_is_dated_to_the_day_as_before(tmp_path, tiny_site):
    data = data_dir(tmp_path)
    assert "date_stated" not in csv_rows(data, "sources")[0]
    loaded = load(data)
    assert {s.date_stated for s in loaded.sources.values()} == {DateStated.DAY}
    # The tiny site, built from a sources.csv without the column, still gives its report's day.
    written = wording.day(next(iter(loaded.sources.values())).date)
    assert written in _text(page(tiny_site, "data"))


@pytest.mark.parametrize("stated, expected", [("", DateStated.DAY), ("day", DateStated.DAY), ("month", DateStated.MONTH), ("year", DateStated.YEAR)])
def test_the_column_is_read_into_the_source(tmp_path, stated, expected):
    loaded = load(with_date_stated(data_dir(tmp_path), stated))
    assert {s.date_stated for s in loaded.sources.values()} == {expected}


def test_a_precision_that_is_not_one_of_the_words_is_an_editor_s_mistake(tmp_path):
    data = with_date_stated(data_dir(tmp_path), "Aug")
    found = problems(data)
    assert [(p.file.split("/")[-1], p.line, p.column, p.value) for p in found] == [("sources.csv", 2, "date_stated", "Aug")]
    assert all(word in found[0].fix for word in ("day", "month", "year")), found[0].fix


# Every page of a built site ----------------------------------------------------------------------------------------

# A day and month of the report's own date (the tiny report is of 30 November 2016): what each precision must never show.
NEVER = {"month": re.compile(r"\b30 November 2016\b"), "year": re.compile(r"\b(30 )?November 2016\b")}
SAID = {"month": "November 2016", "year": "2016"}


@pytest.fixture(scope="module", params=["month", "year"])
def coarse_site(request, tmp_path_factory) -> tuple[str, Path]:
    """The tiny set whose one report gives only its month (or only its year), with everything that shows a report's
    date: a figure with no date of its own, a milestone, a warning, a decision and how often the area reports."""
    tmp = tmp_path_factory.mktemp(f"dated-{request.param}")
    data = stated_data(
        tmp,
        {
            "observations": [obs("dtc-days", "2016-11-30", "2016-11-30", "actual", "4,000", "none", "currently")],
            "milestones": [
                {
                    "area_id": "testshire",
                    "scheme_id": "test-carers",
                    "milestone": "Flats open",
                    "due": "2016-06-30",
                    "due_label": "June 2016",
                    "completed": "no",
                    "source_id": "rep-2016",
                    "source_location": "Paragraph 6",
                    "due_stated": "month",
                }
            ],
            "caveats": [said("caveat", "Figures are provisional.", "The figures may change.", scheme="test-carers")],
        },
        decisions=[
            {
                "area_id": "testshire",
                "quote": "notes the report.",
                "plain": "Note the report.",
                "source_id": "rep-2016",
                "source_location": "Paragraph 2",
            }
        ],
    )
    with_date_stated(data, request.param)
    # How often the area reports, so that its page says which report says so.
    with_column(data, "areas", "reports_every", "six-monthly")
    return request.param, built_site(tmp, data, env={"CARE_BUILD_DATE": "2026-12-06"})


def test_no_page_shows_a_report_date_finer_than_the_report_gives(coarse_site):
    stated, site = coarse_site
    pages = sorted(site.rglob("*.html")) + sorted(site.rglob("*.json")) + [site / "build-report.txt"]
    assert len(pages) > 10
    shown = {str(p.relative_to(site)): NEVER[stated].findall(_text(p.read_text(encoding="utf-8"))) for p in pages}
    assert {where: found for where, found in shown.items() if found} == {}


def test_every_place_that_dates_a_report_dates_it_as_the_report_does(coarse_site):
    stated, site = coarse_site
    said_as = SAID[stated]
    area, scheme = _page(site, "areas/testshire"), _page(site, "schemes/test-carers")
    assert f"currently (no date given; from the report of {said_as})" in area
    assert f"The report of {said_as} says a new report is due every six months" in area
    assert f"dated {said_as}, asked it to" in area  # what the committee was asked to decide
    assert f"newer than {said_as}, " in area  # how old the figures are
    assert f"(as at {said_as})." in area  # the milestones in the scheme's summary
    assert f"Stage: Running (as at {said_as})." in scheme
    assert f"Late (as at {said_as}), with no update since" in scheme
    assert f"(Update on Better Care, {said_as}, Paragraph 8)" in scheme  # where a quote is from
    assert f"Testshire Council, {said_as} (Paragraph 11)" in scheme  # a sources line under a table
    assert f"Testshire Council, Health and Wellbeing Board, {said_as}." in area  # the list of sources
    assert f"(Update on Better Care, {said_as}: Table in paragraph 16)" in _page(site, "data")  # the Data page's checks
    assert f"dated {said_as} (" in _page(site, "")  # the home page's age
    assert f"The newest report is from {said_as}, " in _page(site, "areas")
    assert f"Update on Better Care, {said_as}:" in (site / "build-report.txt").read_text(encoding="utf-8")


# The history of the figures ----------------------------------------------------------------------------------------


def test_a_change_to_a_figure_is_dated_as_its_report_states_its_time(tmp_path):
    """The history holds only a figure's dates: where the data still holds the figure, its line says its time as
    the report states it, never its report's day for a figure with no date, nor a whole year for 'by 2018/19'."""
    from macros.data.history import CORRECTION, REMOVED, Before, Change, Commit
    from macros.site import updates
    from macros.site.context import Context
    from macros.site.settings import Settings

    data = stated_data(
        tmp_path,
        {
            "observations": [
                obs("dtc-days", "2016-11-30", "2016-11-30", "actual", "4,000", "none"),
                obs("dtc-days", "2018-04-01", "2019-03-31", "target", "900", "by", "by 2018/19"),
            ]
        },
    )
    ctx = Context(load(with_date_stated(data, "month")), Settings(data, chart_cache=tmp_path / "charts", today=date(2026, 12, 6)))
    commit = Commit("abc", date(2026, 11, 25), "")
    series = ("testshire", None, "dtc-days")

    def line(start: str, end: str, kind: str, nature: str = CORRECTION) -> str:
        before = Before(series, start, end, "", "plan")
        return updates.change_words(ctx, Change(commit, series, start, end, "", kind, nature, "7", "7", before), False)

    undated, target = line("2016-11-30", "2016-11-30", "actual"), line("2018-04-01", "2019-03-31", "target")
    # No date of its own: its report's, at the report's precision (a month), never the day it is sorted under.
    assert "no date given; from the report of November 2016" in undated and "30 November" not in undated, undated
    assert ", by 2018/19, target," in target and "2018 to 2019" not in target, target
    # A figure the data no longer holds is named by its dates, as before.
    assert ", 2016 to 2017, actual" in line("2016-04-01", "2017-03-31", "actual", REMOVED)
