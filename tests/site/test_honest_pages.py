"""Issue "Honest judgements" on small fixtures: how old figures are, milestones as at the build's date,
period lengths in tables and sentences, only counts of people hidden, and no chart of one figure."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from conftest import TINY, build, data_dir, page
from test_site import visible

from macros.data.loader import load
from macros.data.model import Milestone, Source
from macros.site import report, sections
from macros.site.context import Context
from macros.site.settings import Settings

BUILT = date(2030, 1, 8)


def context(data, tmp_path, today=BUILT) -> Context:
    return Context(load(data), Settings(data, chart_cache=tmp_path / "charts", today=today))


def milestone(due: date, completed: str = "") -> Milestone:
    return Milestone("testshire", None, "Options paper", due, "", completed, "rep-2016", "Paragraph 11", 2)


REPORT = date(2016, 11, 30)
REPORTED = Source("rep-2016", "Update", "Testshire Council", "Board", REPORT, "", "")  # the report of that date


@pytest.mark.parametrize(
    ("due", "completed", "state"),
    [
        (date(2012, 3, 31), "", "No update"),  # due before its report, which says nothing: not "Due" years later
        (date(2016, 12, 31), "", "No update"),  # due after its report, in the past at build time
        (date(2016, 12, 31), "no", "No update"),  # not done yet at the report, which was before it was due
        (date(2016, 6, 30), "no", "Late"),  # late at its report; nothing newer
        (date(2030, 6, 30), "", "Due"),  # still to come at build time
        (date(2012, 3, 31), "yes", "Done"),
    ],
)
def test_a_milestone_is_due_only_if_its_date_is_still_to_come(due, completed, state):
    assert sections.milestone_state(milestone(due, completed), REPORT, BUILT) == state


def test_a_milestone_past_due_says_there_is_no_update_since_its_report():
    words = sections.milestone_words(milestone(date(2016, 12, 31)), REPORTED, BUILT)
    assert words == "No update since the report of 30 November 2016"
    assert sections.milestone_words(milestone(date(2016, 6, 30), "no"), REPORTED, BUILT) == "Late (as at 30 November 2016), with no update since"


def test_an_area_and_a_scheme_say_how_old_their_newest_result_is(tmp_path):
    ctx = context(TINY, tmp_path)
    assert sections.age_words(ctx, "testshire") == (
        "How old these figures are: the newest result is for April to September 2016, 13 years ago. "
        "This page was made on 8 January 2030. We have no report about Testshire newer than 30 November 2016, 13 years ago."
    )
    # When the next report is due is said beside it, or that the reports give no date (issue 20, item 7).
    assert "The reports about Testshire give no date for the next report." in str(sections.age(ctx, "testshire"))
    assert sections.age_words(context(TINY, tmp_path, date(2017, 1, 2)), "testshire", "test-carers").startswith(
        "How old these figures are: the newest result is for April to September 2016, 3 months ago. This page was made on 2 January 2017."
    )


def test_periods_of_different_lengths_say_their_lengths_in_the_table_and_the_sentence(tmp_path):
    ctx = context(TINY, tmp_path)
    series, measure = ctx.data.series[("testshire", "test-carers", "carers-assessed")], ctx.data.measures["carers-assessed"]
    table = str(sections.figures_table(ctx, series, measure, "Carers assessed"))
    for label in ("September 2014 to March 2015 (7 months)", "2015 to 2016 (12 months)", "April to September 2016 (6 months)"):
        assert f'<th scope="row">{label}</th>' in table, label
    assert "from April to September 2016 (6 months)" in str(sections.sentence(ctx, series, measure))


def _with_measure_unit(tmp_path, unit: str):
    """The tiny data with carers-assessed (a count of people, one figure under 5) in another unit, still flagged as counting people."""
    folder = data_dir(tmp_path)
    path = folder / "measures.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    for row in rows:
        if row["id"] == "carers-assessed":
            row["unit"], row["counts_people"] = unit, "yes"
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def test_only_counts_of_people_are_hidden(tmp_path):
    counted = load(_with_measure_unit(tmp_path / "count", "count"))
    assert [o.value for o in counted.observations if o.suppressed] == [3.0]
    for unit in ("days", "gbp", "percent", "rate_per_100k"):
        data = load(_with_measure_unit(tmp_path / unit, unit))
        assert not any(o.suppressed for o in data.observations), unit


def test_the_build_report_names_a_people_flag_on_a_measure_that_is_not_a_count(tmp_path):
    folder = _with_measure_unit(tmp_path, "days")
    ctx = context(folder, tmp_path)
    text = report.build_report(ctx, 0, [], "Charts: none")
    assert "Measures marked as counting people that are not counts (their figures are never hidden; check counts_people): 1" in text
    assert "  - measures.csv: carers-assessed is in days" in text
    tidy = report.build_report(context(TINY, tmp_path), 0, [], "Charts: none")
    assert "Measures marked as counting people" not in tidy


@pytest.mark.slow
def test_built_pages_say_how_old_figures_are_and_a_single_figure_has_no_chart(tmp_path):
    """One build with the build date set: generated and editors' pages, the home page and the chart() macro."""
    editor = '# Testshire\n\nOur words.\n\n{{ chart("testshire", "carers-assessed", "test-carers") }}\n\n{{ chart("testshire", "dtc-days") }}\n'
    result = build(tmp_path, data_dir(tmp_path), docs={"areas/testshire.md": editor}, env={"CARE_BUILD_DATE": BUILT.isoformat()})
    assert result.returncode == 0, result.stdout + result.stderr
    area = visible(page(tmp_path, "areas/testshire"))
    age = area.find("How old these figures are: the newest result is for April to September 2016, 13 years ago")
    assert area.find("Testshire", area.find("Table of contents")) < age < area.find("Our words.")  # after the title
    assert "There is only one figure for this, so there is no chart to compare it with." in area
    scheme = page(tmp_path, "schemes/test-carers")
    assert "There is only one figure" not in scheme and '<figure class="care-chart"' not in scheme  # one figure: a sentence and a table
    assert "This page was made on 8 January 2030." in visible(scheme)
    home = visible((tmp_path / "project" / "site" / "index.html").read_text(encoding="utf-8"))
    assert "The newest result on this site is for April to September 2016, 13 years ago. This page was made on 8 January 2030." in home
    milestones = visible(page(tmp_path, "areas/testshire"))
    assert "Due (as at" not in milestones
