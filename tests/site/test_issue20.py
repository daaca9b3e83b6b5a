"""Issue 20, items 2, 5, 6, 7 and 9: say only what the reports say. Targets not yet due are never judged nor
counted as "no result published"; a result off its plan gets the size of the gap, not a verdict; a gap another
row of the same report explains is said to be explained, and an unexplained one is never called a mistake;
every page type says how old its figures are; "plan" and "target" are explained, each status is shown once,
and units are said as the report says them.

Small in-memory data sets made with the model's own classes (the figures are examples, not the built-in data),
so an editor adding a sixth report gets the same behaviour."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from macros.analysis.disagreements import MoneyTotal, Nature, StaffCost, find_disagreements
from macros.analysis.status import TARGET_LATER, Status
from macros.data.model import Area, Dataset, Measure, Money, Observation, Period, Source
from macros.data.vocab import FigureKind
from macros.presentation import wording
from macros.site import pages, sections
from macros.site.context import Context
from macros.site.render import Abbreviations, is_word
from macros.site.settings import Settings

YEAR = Period(date(2016, 4, 1), date(2017, 3, 31), "2016/17")
LATER = Period(date(2018, 4, 1), date(2019, 3, 31), "by 2018/19")
WRITTEN = date(2017, 3, 15)
BUILT = date(2026, 12, 6)

MEASURES = {
    "admissions": Measure("admissions", "Emergency admissions", "", "count", "lower", True, ""),
    "trained": Measure("trained", "Staff trained", "", "percent", "higher", False, ""),
    "waits": Measure("waits", "Days waited", "", "days", "lower", False, ""),
    "cut": Measure("cut", "Planned cut in admissions", "", "percent", "higher", False, ""),
    "delays": Measure("delays", "Delayed days per 100,000", "", "rate_per_100k", "lower", False, "", rate_of="population aged 18 and over"),
    "flats": Measure("flats", "Assessment flats", "", "count", "higher", False, ""),
}


def obs(measure_id: str, kind: str, value: float | None, period: Period = YEAR, *, source_id: str = "report", line: int = 2) -> Observation:
    return Observation(
        area_id="testshire",
        scheme_id=None,
        measure_id=measure_id,
        period=period,
        kind=FigureKind(kind),
        value=value,
        printed="" if value is None else str(value),
        missing=None if value is not None else "Not published",
        qualifier="",
        printed_in="table",
        note="",
        source_id=source_id,
        source_location="Table 1",
        line=line,
    )


def money(breakdown: str, item: str, amount: float, *, total: bool = False, fte=None, unit_cost=None, note: str = "", label: str = "2018/19", line=2):
    period = Period(date(2018, 4, 1), date(2019, 3, 31), label)
    return Money(
        "testshire", None, period, breakdown, item, "", amount, str(amount), None, fte, unit_cost, total, note, "report", f"Table {breakdown}", line
    )


def dataset(observations=(), money_rows=(), reports_every: str = "") -> Dataset:
    return Dataset(
        sources={
            "report": Source("report", "Update on joining up care", "Testshire Council", "Health Committee", WRITTEN, "", ""),
        },
        glossary={},
        areas={
            "testshire": Area(
                "testshire", "Testshire", ("Testshire Council",), "Joining up care in Testshire.", "report", reports_every=reports_every
            )
        },
        schemes={},
        measures=MEASURES,
        observations=list(observations),
        money=list(money_rows),
        milestones=[],
        risks=[],
        rows_read={},
    )


def context(data: Dataset, tmp_path: Path, today: date = BUILT) -> Context:
    return Context(data, Settings(data_dir=tmp_path, chart_cache=tmp_path / "charts"), today=today)


def visible(markup) -> str:
    return re.sub(r" ([:.,])", r"\1", re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(markup)))).strip()


def words(ctx: Context, measure_id: str) -> str:
    return sections._sentence_words(ctx, ctx.data.series[("testshire", None, measure_id)], MEASURES[measure_id], True)


# Item 2: targets not yet due --------------------------------------------------------------------------------


def test_a_target_for_later_is_worded_to_be_met_by_and_counted_apart(tmp_path):
    ctx = context(dataset([obs("cut", "target", 25.0, LATER), obs("admissions", "plan", 100.0), obs("admissions", "actual", 90.0)]), tmp_path)
    top = ctx.headline(ctx.data.series[("testshire", None, "cut")], MEASURES["cut"])
    assert top is not None and top.status == TARGET_LATER and top.plan is None
    assert words(ctx, "cut").startswith("the report set a target of 25%, to be met by the end of March 2019.")
    counts = visible(pages.status_counts(ctx, "testshire"))
    assert "No result published" not in counts and "Target for later" not in counts
    assert "Better than plan: 1 measure" in counts
    assert "Not counted: 1 measure has only a target for a later date, not yet due when its report was written." in counts
    home = visible(pages.areas_in_words(ctx, ""))
    assert "Not counted: 1 measure has only a target for a later date" in home


def test_a_target_for_later_is_never_in_a_column_headed_plan(tmp_path):
    """Nor is it left out: beside "Target for later" the table gives the target itself, marked as a target, in a
    column headed "Plan or target" (a status alone never says what the target is)."""
    ctx = context(dataset([obs("cut", "target", 25.0, LATER)]), tmp_path)
    page = pages.measure_page(ctx, "cut")
    body = page.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert '<th scope="col">Plan or target</th>' in page and '<th scope="col">Plan</th>' not in page
    assert "25% (target)" in body
    assert "Target for later" in body
    assert "No result published" not in page


def test_a_target_standing_in_for_a_plan_is_marked_as_a_target_in_the_plan_column(tmp_path):
    earlier = Period(date(2015, 4, 1), date(2016, 3, 31), "2015/16")
    ctx = context(dataset([obs("admissions", "target", 100.0, earlier), obs("admissions", "actual", 90.0, earlier)]), tmp_path)
    page = pages.measure_page(ctx, "admissions")
    assert '<th scope="col">Plan or target</th>' in page and "100 (target)" in page
    assert '<th scope="col">Plan</th>' not in page


# Item 5: the size of the gap, and both judgements where they differ -----------------------------------------------


@pytest.mark.parametrize(
    "actual, plan, unit, said",
    [
        (98, 100, "percent", "2 percentage points below plan"),
        (96, 95, "percent", "1 percentage point above plan"),
        (177, 652, "count", "475 fewer than planned (73% below plan)"),
        (13_885, 13_468, "count", "417 more than planned (3% above plan)"),
        (8_407, 6_930, "days", "1,477 more days than planned (21% above plan)"),
        (10_002, 10_000, "count", "2 more than planned (less than 1% above plan)"),
        (1_000_000, 1_200_000, "gbp", "£200,000 less than planned (17% below plan)"),
        # A half rounds up, as people round it (Python's round() takes 12.5 to 12 and 2.5 to 2, the even number).
        (9_000, 8_000, "count", "1,000 more than planned (13% above plan)"),
        (7_000, 8_000, "count", "1,000 fewer than planned (13% below plan)"),
        (1_025, 1_000, "count", "25 more than planned (3% above plan)"),
        (1_005, 1_000, "count", "5 more than planned (1% above plan)"),
        (10_005, 10_000, "count", "5 more than planned (less than 1% above plan)"),
    ],
)
def test_a_gap_is_said_in_the_measures_unit(actual, plan, unit, said):
    assert wording.gap(actual, plan, unit) == said


def test_a_result_off_plan_gets_the_size_of_the_gap_not_a_verdict(tmp_path):
    ctx = context(dataset([obs("trained", "plan", 100.0), obs("trained", "actual", 98.0)]), tmp_path)
    said = words(ctx, "trained")
    assert said == "98% from 2016 to 2017, against a plan of 100%. That is 2 percentage points below plan. Higher is better here."
    assert "not good" not in said and "good" not in said


def test_a_gap_against_a_target_says_target(tmp_path):
    assert wording.gap(402, 380, "count", target=True) == "22 more than the target (6% above the target)"


# Item 6: disagreements checked before they are claimed -------------------------------------------------------


def test_a_total_that_another_table_of_the_report_adds_up_to_is_said_but_not_called_explained(tmp_path):
    """The other table shows the printed total; it does not say why the parts fall short, and the report does not
    either: the gap is filed with the totals that do not add up, with what the table shows and no guess."""
    posts = [money("posts", f"Post {n}", amount, line=n) for n, amount in enumerate((500.0, 300.0, 120.0, 80.0), 2)]
    posts.append(money("posts", "Total", 1000.0, total=True, line=6))
    split = [
        money("split", "Temporary", 500.0, line=7),
        money("split", "Permanent", 380.0, line=8),
        money("split", "Total", 1000.0, total=True, line=9),
    ]
    data = dataset(money_rows=posts + split)
    (found,) = [d for d in find_disagreements(data) if isinstance(d, MoneyTotal)]
    assert found.nature == Nature.SLIP and found.detail_rows == 4
    assert [r.item for r in found.gap_rows] == ["Post 4"]  # the one row costing the gap, 120
    said = wording.disagreement(found, data)
    assert "the 2 parts add up to £880, £120 less than the printed total of £1,000" in said
    assert "own table of 4 rows adds up to £1,000" in said and "\u201cPost 4\u201d" in said
    assert said.endswith("The report does not say why the parts and the total differ.")
    assert "mistake" not in said.lower() and " may " not in said


def test_an_unexplained_total_stays_neutral(tmp_path):
    split = [money("split", "Temporary", 500.0), money("split", "Permanent", 380.0, line=3), money("split", "Total", 1000.0, total=True, line=4)]
    data = dataset(money_rows=split)
    (found,) = find_disagreements(data)
    assert found.nature == Nature.SLIP
    heading, intro = wording.NATURES[Nature.SLIP]
    for text in (wording.disagreement(found, data), heading, intro):
        assert "mistake" not in text.lower() and "likely" not in text.lower()


def test_a_cost_its_row_says_is_for_some_months_is_explained(tmp_path):
    row = money("posts", "Officer", 11_706.0, fte=1, unit_cost=23_412.0, note="Funding sought until: 6 months from 24/12/17.")
    data = dataset(money_rows=[row])
    (found,) = find_disagreements(data)
    assert isinstance(found, StaffCost) and (found.nature, found.months) == (Nature.EXPLAINED, 6)
    assert wording.disagreement(found, data) == (
        "Officer: the printed cost is £11,706 for 1 full-time post at £23,412 a year. "
        "The report says this is for 6 months, and 6 months at £23,412 a year is £11,706."
    )


def test_a_cost_another_row_of_the_report_gives_is_explained_by_it(tmp_path):
    row = money("posts", "Access post", 13_002.0, fte=1, unit_cost=45_776.0)
    extra = money("extra", "Additional funding for the Access post", 13_002.0, total=True, label="for the 12 months", line=3)
    data = dataset(money_rows=[row, extra])
    (found,) = find_disagreements(data)
    assert found.nature == Nature.EXPLAINED and found.same_amount is not None
    said = wording.disagreement(found, data)
    assert "Elsewhere the report gives £13,002 as \u201cAdditional funding for the Access post\u201d, for the 12 months" in said


def test_a_cost_nothing_explains_may_be_for_part_of_a_year(tmp_path):
    data = dataset(money_rows=[money("posts", "Officer", 10_000.0, fte=1, unit_cost=23_412.0)])
    (found,) = find_disagreements(data)
    assert found.nature == Nature.PART_YEAR


# Item 7: age everywhere ---------------------------------------------------------------------------------------


def test_the_newest_result_is_the_newest_dated_figure_not_a_reports_date(tmp_path):
    undated = Period(WRITTEN, WRITTEN, "No period printed")  # a figure with no date is dated to its report
    data = dataset([obs("admissions", "actual", 90.0), obs("flats", "actual", 6.0, undated)])
    ctx = context(data, tmp_path)
    assert data.newest_date() == date(2017, 3, 31)
    said = sections.age_words(ctx, "testshire")
    assert said.startswith("How old these figures are: the newest result is for 2016 to 2017, 9 years ago.")
    only_undated = context(dataset([obs("flats", "actual", 6.0, undated)]), tmp_path)
    assert "the reports give no date for these results" in sections.age_words(only_undated, "testshire")


def test_when_the_next_report_is_due_where_the_report_says_so(tmp_path):
    """The next report as the area's report gives it (areas.csv, issue 23's columns), or that it gives no date."""
    due = visible(sections.age(context(dataset([obs("admissions", "actual", 90.0)], reports_every="six-monthly"), tmp_path), "testshire"))
    assert "The report of 15 March 2017 says a new report is due every six months." in due
    none = visible(sections.age(context(dataset([obs("admissions", "actual", 90.0)]), tmp_path), "testshire"))
    assert "The reports about Testshire give no date for the next report." in none


def test_measure_and_index_pages_say_how_old_their_figures_are(tmp_path):
    ctx = context(dataset([obs("admissions", "plan", 100.0), obs("admissions", "actual", 90.0)]), tmp_path)
    measure = visible(pages.measure_page(ctx, "admissions"))
    assert "How old these figures are: the newest result is for 2016 to 2017, 9 years ago." in measure
    assert "We have no report with this measure newer than 15 March 2017" in measure
    for kind in ("area", "scheme", "measure"):
        index = visible(next(iter(pages.index_pages(ctx, kind).values())))
        assert "How old these figures are: the newest result on this site is for 2016 to 2017, 9 years ago." in index, kind
        assert "The newest report is from 15 March 2017" in index and "No report gives a date for the next one." in index


# Item 9: plain words --------------------------------------------------------------------------------------------


def test_a_rate_is_said_per_whom_the_report_says(tmp_path):
    ctx = context(dataset([obs("delays", "plan", 387.6), obs("delays", "actual", 300.0)]), tmp_path)
    said = words(ctx, "delays")
    assert "387.6 per 100,000 population aged 18 and over" in said and "people" not in said
    table = str(sections.figures_table(ctx, ctx.data.series[("testshire", None, "delays")], MEASURES["delays"], "Delays"))
    assert "Delays (per 100,000 population aged 18 and over)" in table
    assert wording.figure(9, "rate_per_100k") == "9 per 100,000 population"  # no population named: the reports' own word


def test_no_plan_is_said_once_by_the_status_not_again_by_the_sentence(tmp_path):
    ctx = context(dataset([obs("flats", "actual", 6.0)]), tmp_path)
    section = visible(sections.measure_section(ctx, "areas/testshire/", "testshire", None, "flats"))
    assert section.count("No plan to compare") == 1
    assert "no plan to compare it with" not in section.lower()


def test_plan_and_target_are_explained_where_a_page_first_uses_them(tmp_path):
    ctx = context(dataset([obs("admissions", "plan", 100.0), obs("admissions", "actual", 90.0)]), tmp_path)
    counts = visible(pages.status_counts(ctx, "testshire"))
    assert counts.startswith(wording.PLAN_AND_TARGET)
    assert wording.PLAN_AND_TARGET in visible(pages.measure_page(ctx, "admissions"))


def test_ordinary_words_in_the_glossary_are_listed_not_marked_everywhere():
    assert is_word("plan") and is_word("target") and not is_word("NHS") and not is_word("p.a")
    marked = Abbreviations({"plan": "What an area aimed for", "NHS": "National Health Service"})
    assert str(marked.apply("the NHS plan")) == 'the <abbr title="National Health Service">NHS</abbr> plan'


def test_every_status_but_a_target_for_later_is_counted():
    from macros.analysis.status import ALL, COUNTED

    assert set(ALL) - set(COUNTED) == {Status.TARGET_LATER}
