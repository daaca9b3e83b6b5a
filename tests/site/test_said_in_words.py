"""What reports say in words (issue 12), on small in-memory data sets made with the model's own classes:
a report's own judgement of a result shown as that (stated statuses, kept apart from ones worked out from
figures), figures that are not the area's plan said in their own words, and caveats beside what they
qualify. The figures are examples, not the built-in data."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path

import pytest

from macros.analysis.status import ALL, NO_PLAN, NO_RESULT, ON_PLAN, STATED_BETTER, STATED_ON_PLAN, STATED_WORSE, TARGET_LATER, Status, headline
from macros.data.model import Area, Caveat, Dataset, Measure, Milestone, Observation, Outcome, Period, Risk, Scheme, Source
from macros.data.vocab import CaveatKind, Completed, FigureKind, Per, SchemeStage, StatedJudgement, TimeStated
from macros.presentation import statuses, wording
from macros.site import pages, sections
from macros.site.context import Context
from macros.site.render import status_icons_css
from macros.site.settings import Settings

YEAR = Period(date(2016, 4, 1), date(2017, 3, 31), "2016/17")
NEXT_YEAR = Period(date(2017, 4, 1), date(2018, 3, 31), "2017/18")
BUILT = date(2017, 6, 1)  # the build date: 2016/17 is over, 2017/18 is not


def obs(
    kind: str, value: float | None, period: Period = YEAR, *, measure_id: str = "reablement", scheme_id: str | None = None, line: int = 2, **more
):
    return Observation(
        area_id="testshire",
        scheme_id=scheme_id,
        measure_id=measure_id,
        period=period,
        kind=FigureKind(kind),
        value=value,
        printed="" if value is None else str(value),
        missing=None if value is not None else "Not published",
        qualifier=more.pop("qualifier", ""),
        printed_in=more.pop("printed_in", "text"),
        note="",
        source_id="report",
        source_location="Paragraph 44",
        line=line,
        **more,
    )


def outcome(judgement: str, quote: str, *, measure_id: str | None = "reablement", scheme_id: str | None = None, period: Period = YEAR, line: int = 2):
    return Outcome("testshire", scheme_id, measure_id, period, StatedJudgement(judgement), quote, "report", "Paragraph 44", line)


def caveat(quote: str, *, measure_id: str | None = "reablement", scheme_id: str | None = None, kind: str = "caveat", plain: str = "", line: int = 2):
    return Caveat("testshire", scheme_id, measure_id, CaveatKind(kind), quote, plain, "report", "Paragraph 45", line)


MEASURES = {
    "reablement": Measure("reablement", "Older people still at home after reablement", "", "percent", "higher", False, ""),
    "delays": Measure("delays", "Days adults waited to leave hospital", "", "rate_per_100k", "lower", False, ""),
    "care-homes": Measure("care-homes", "Older people moving into care homes for good", "", "count", "lower", True, "", short_name="Care home moves"),
    "savings": Measure("savings", "Savings", "", "gbp", "higher", False, ""),
    "visits": Measure("visits", "Home visits", "", "count", "higher", False, ""),
    "response": Measure("response", "People answered within a week", "", "percent", "higher", False, ""),
}


def dataset(observations=(), outcomes=(), caveats=()) -> Dataset:
    return Dataset(
        sources={"report": Source("report", "Better Care Fund update", "Testshire Council", "Health and Wellbeing Board", date(2017, 3, 15), "", "")},
        glossary={},
        areas={"testshire": Area("testshire", "Testshire", ("Testshire Council",), "Joining up care in Testshire.", "report")},
        schemes={
            "rapid": Scheme(
                "rapid", "testshire", "Rapid response", "Help at home within two hours.", "Older people", SchemeStage.RUNNING, "report", ""
            )
        },
        measures=MEASURES,
        observations=list(observations),
        money=[],
        milestones=[],
        risks=[],
        rows_read={},
        outcomes=list(outcomes),
        caveats=list(caveats),
    )


def context(data: Dataset, tmp_path: Path, today: date = BUILT) -> Context:
    return Context(data, Settings(data_dir=tmp_path, chart_cache=tmp_path / "charts"), today=today)


def words(ctx: Context, measure_id: str = "reablement", scheme_id: str | None = None, judged: bool = True) -> str:
    series = ctx.data.series[("testshire", scheme_id, measure_id)]
    return sections._sentence_words(ctx, series, MEASURES[measure_id], judged)


def visible(markup) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(markup))).strip()


# 1. Stated outcomes ---------------------------------------------------------------------------------------

ON_TARGET = "Performance is on target at 86.0% for the year"
EXCEEDED = "the target ... has been exceeded"


def test_a_result_with_no_plan_takes_the_reports_own_judgement(tmp_path):
    """Durham's reablement: 86.0% and "on target", but no plan figure. It read "No plan to compare"."""
    ctx = context(dataset([obs("actual", 86.0)], [outcome("on-plan", ON_TARGET)]), tmp_path)
    top = ctx.headline(ctx.data.series[("testshire", None, "reablement")], MEASURES["reablement"])
    assert top.status == STATED_ON_PLAN
    assert words(ctx) == "86% from 2016 to 2017. The report gives no plan figure, but it says it is on target."
    assert visible(sections.measure_status(ctx, ctx.data.series[("testshire", None, "reablement")], MEASURES["reablement"])) == (
        "On target (the report says)"
    )


def test_a_plan_with_no_result_takes_the_reports_own_judgement(tmp_path):
    """Durham's delayed transfers: a target of 387.6 "has been exceeded", no figure. It read "No result published"."""
    data = dataset(
        [obs("plan", 387.6, measure_id="delays"), obs("actual", None, measure_id="delays")], [outcome("better", EXCEEDED, measure_id="delays")]
    )
    ctx = context(data, tmp_path)
    top = ctx.headline(ctx.data.series[("testshire", None, "delays")], MEASURES["delays"])
    assert top.status == STATED_BETTER
    assert words(ctx, "delays") == (
        "the plan was 387.6 per 100,000 population from 2016 to 2017."
        " The report gives no figure for the result, but it says it is better than the target."
    )


def test_the_judgement_for_the_headline_period_wins_over_a_later_one(tmp_path):
    later = Period(date(2017, 4, 1), date(2017, 6, 30))
    series = [obs("actual", 86.0)]
    stated = [outcome("worse", "below target", period=later, line=3), outcome("on-plan", ON_TARGET, line=2)]
    assert headline(series, MEASURES["reablement"], stated, BUILT).stated.quote == ON_TARGET
    assert headline(series, MEASURES["reablement"], stated[:1], BUILT).status == STATED_WORSE  # else the latest


def test_a_worked_out_status_counts_and_the_reports_judgement_shows_beside_it(tmp_path):
    data = dataset([obs("plan", 80.0), obs("actual", 80.0)], [outcome("worse", "Performance is below target")])
    ctx = context(data, tmp_path)
    series, measure = ctx.data.series[("testshire", None, "reablement")], MEASURES["reablement"]
    top = ctx.headline(series, measure)
    assert (top.status, top.statuses) == (ON_PLAN, (ON_PLAN, STATED_WORSE))
    assert visible(sections.measure_status(ctx, series, measure)) == "On plan Worse than target (the report says)"
    # The two point different ways (on plan, "below target"): both shown, and said to differ (issue 20, item 5).
    assert words(ctx).endswith(
        "That is exactly the plan. But the report says it is worse than the target: its words and this comparison with the plan point different ways."
    )
    counts = pages.counts_for(ctx, "testshire")
    assert (counts["on-plan"], counts["stated-worse"]) == (1, 0)


def test_stated_judgements_are_counted_apart_from_worked_out_ones(tmp_path):
    data = dataset(
        [obs("actual", 86.0), obs("plan", 387.6, measure_id="delays"), obs("actual", None, measure_id="delays")],
        [outcome("on-plan", ON_TARGET), outcome("better", EXCEEDED, measure_id="delays")],
    )
    counts = pages.counts_for(context(data, tmp_path), "testshire")
    assert {k: n for k, n in counts.items() if n} == {"stated-on-plan": 1, "stated-better": 1}


def test_the_quote_and_its_source_stand_beside_the_measure_and_are_marked_shown(tmp_path):
    said = outcome("on-plan", ON_TARGET, line=7)
    ctx = context(dataset([obs("actual", 86.0)], [said]), tmp_path)
    section = visible(sections.measure_section(ctx, "areas/testshire/", "testshire", None, "reablement"))
    # The status is shown once, just before (issue 20, item 9): the quote comes as the report's words.
    assert "The report's words (2016 to 2017): " + ON_TARGET + " (Better Care Fund update, 15 March 2017, Paragraph 44)" in section
    assert section.count("On target (the report says)") == 1
    assert ("outcomes", 7) in ctx.shown


def test_measure_pages_and_their_scheme_lists_say_the_stated_judgement(tmp_path):
    data = dataset(
        [obs("actual", 86.0), obs("actual", 90.0, scheme_id="rapid")],
        [outcome("on-plan", ON_TARGET), outcome("better", "exceeded", scheme_id="rapid", line=3)],
    )
    page = visible(pages.measure_page(context(data, tmp_path), "reablement"))
    assert "On target (the report says)" in page
    assert "1 better than target (the report says)" in page


def test_every_status_has_words_an_icon_and_a_meaning():
    assert {STATED_BETTER, STATED_ON_PLAN, STATED_WORSE} <= set(ALL)
    for status in ALL:
        assert statuses.WORDS[status] and statuses.ICONS[status] and statuses.MEANINGS[status]
    assert statuses.WORDS[STATED_BETTER] == "Better than target (the report says)"
    assert statuses.WORDS[STATED_ON_PLAN] == "On target (the report says)"
    assert statuses.WORDS[STATED_WORSE] == "Worse than target (the report says)"
    assert len({statuses.ICONS[s] for s in ALL}) == len(ALL)  # a stated status never looks like a worked-out one
    assert ".care-status--stated-on-plan::before" in status_icons_css(ALL)


def test_only_good_news_is_good_news():
    assert {s for s in Status if s.good_news} == {Status.BETTER, Status.ON_PLAN, STATED_BETTER, STATED_ON_PLAN}


# 2. Figure roles ------------------------------------------------------------------------------------------


def test_a_target_for_a_later_period_is_a_target_not_the_plan_and_not_judged(tmp_path):
    ctx = context(dataset([obs("actual", 402, measure_id="care-homes"), obs("target", 380, NEXT_YEAR, measure_id="care-homes")]), tmp_path)
    said = words(ctx, "care-homes")
    assert said == "402 from 2016 to 2017. The report set a target of 380, to be met by the end of March 2018."
    assert "the plan was" not in said.lower()
    assert ctx.headline(ctx.data.series[("testshire", None, "care-homes")], MEASURES["care-homes"]).status == NO_PLAN


def test_a_target_is_never_no_result_published_before_its_period_ends(tmp_path):
    series = [obs("target", 380, NEXT_YEAR, measure_id="care-homes")]
    before = headline(series, MEASURES["care-homes"], (), today=date(2018, 3, 31))
    assert before is not None and before.status == TARGET_LATER and before.plan is None
    ctx = context(dataset(series), tmp_path, today=date(2017, 6, 1))
    assert words(ctx, "care-homes") == "the report set a target of 380, to be met by the end of March 2018."


def test_a_target_set_for_later_stays_a_target_after_its_date(tmp_path):
    """Issue 20, item 2: a target for a period not over when its report was written is never "no result
    published", even once the period is over: the report could not give the result. The build date is injectable."""
    series = [obs("target", 380, NEXT_YEAR, measure_id="care-homes")]
    reported = {"report": date(2017, 3, 15)}
    after = headline(series, MEASURES["care-homes"], (), today=date(2018, 6, 1), reported=reported)
    assert after is not None and after.status == TARGET_LATER
    ctx = context(dataset(series), tmp_path, today=date(2018, 6, 1))
    assert words(ctx, "care-homes") == (
        "the report set a target of 380, to be met by the end of March 2018. No report on this site gives the result."
    )
    assert pages.counts_for(ctx, "testshire")["no-result"] == 0
    assert pages.counts_for(ctx, "testshire")["target-later"] == 1


def test_a_target_for_a_period_over_when_its_report_was_written_is_judged(tmp_path):
    """A target for a year that had ended when the report was written stands in for a plan: with no result
    it is "No result published" (the report could have given it); with one, it is judged against it."""
    earlier = Period(date(2015, 4, 1), date(2016, 3, 31), "2015/16")
    target = obs("target", 380, earlier, measure_id="care-homes")
    ctx = context(dataset([target]), tmp_path)
    assert ctx.headline(ctx.data.series[("testshire", None, "care-homes")], MEASURES["care-homes"]).status == NO_RESULT
    ctx = context(dataset([target, obs("actual", 402, earlier, measure_id="care-homes")]), tmp_path)
    top = ctx.headline(ctx.data.series[("testshire", None, "care-homes")], MEASURES["care-homes"])
    assert (top.status, top.plan.kind) == (Status.WORSE, FigureKind.TARGET)
    assert words(ctx, "care-homes") == (
        "402 from 2015 to 2016, against a target of 380. That is 22 more than the target (6% above the target). Lower is better here."
    )


def test_a_target_set_for_later_is_judged_once_a_result_for_its_period_is_given(tmp_path):
    """A later report gives the result for the period of an earlier report's target: then it can be judged."""
    series = [obs("target", 380, NEXT_YEAR, measure_id="care-homes"), obs("actual", 350, NEXT_YEAR, measure_id="care-homes")]
    top = headline(series, MEASURES["care-homes"], (), today=date(2018, 6, 1), reported={"report": date(2017, 3, 15)})
    assert top is not None and top.status == Status.BETTER and top.plan is series[0]


def test_a_benchmark_says_where_it_is_from_and_is_never_the_plan(tmp_path):
    data = dataset(
        [obs("actual", 21.0, measure_id="response"), obs("benchmark", 27.0, measure_id="response", compared_with="NHS Wales demonstrator sites")]
    )
    ctx = context(data, tmp_path)
    # "No plan to compare" is the status beside the sentence: the sentence does not say it again (issue 20, item 9).
    assert words(ctx, "response") == "21% from 2016 to 2017. For comparison, the report gives 27% from elsewhere: NHS Wales demonstrator sites."
    assert ctx.headline(ctx.data.series[("testshire", None, "response")], MEASURES["response"]).status == NO_PLAN


def test_estimates_gaps_ranges_and_rates_in_their_own_words(tmp_path):
    data = dataset(
        [
            obs("estimate", 1200, measure_id="care-homes"),
            obs("gap", 2_100_000, measure_id="savings"),
            obs("estimate", 30_000, measure_id="visits", value_to=50_000),
            obs("actual", 40, measure_id="visits", per=Per.MONTH, qualifier="about"),
        ]
    )
    ctx = context(data, tmp_path)
    assert words(ctx, "care-homes") == "the report gives an estimated 1,200 for 2016 to 2017."
    assert words(ctx, "savings") == "there is a gap of £2.1 million still to be found for 2016 to 2017."
    visits = words(ctx, "visits")
    assert visits.startswith("about 40 a month from 2016 to 2017.")
    assert "an estimated 30,000 to 50,000 for 2016 to 2017" in visits


def test_every_kind_of_figure_has_a_column_name(tmp_path):
    assert set(wording.KIND_NAMES) == set(FigureKind)
    data = dataset([obs("actual", 402, measure_id="care-homes"), obs("target", 380, NEXT_YEAR, measure_id="care-homes")])
    ctx = context(data, tmp_path)
    table = str(sections.figures_table(ctx, ctx.data.series[("testshire", None, "care-homes")], MEASURES["care-homes"], "Care"))
    assert '<th scope="col">Target</th>' in table


def test_sentences_use_the_short_name_and_headings_the_full_name(tmp_path):
    ctx = context(dataset([obs("actual", 402, measure_id="care-homes")]), tmp_path)
    series = ctx.data.series[("testshire", None, "care-homes")]
    assert visible(sections.sentence(ctx, series, MEASURES["care-homes"])).startswith("Care home moves: 402")
    section = str(sections.measure_section(ctx, "areas/testshire/", "testshire", None, "care-homes"))
    assert section.lstrip().startswith("### Older people moving into care homes for good")


# 3. Caveats -----------------------------------------------------------------------------------------------


def test_a_caveat_on_good_news_is_right_with_the_sentence_and_marked_shown(tmp_path):
    warning = caveat("This may be because fewer people were referred", plain="Fewer people may have been sent.", line=9)
    ctx = context(dataset([obs("actual", 86.0)], [outcome("on-plan", ON_TARGET)], [warning]), tmp_path)
    section = str(sections.measure_section(ctx, "areas/testshire/", "testshire", None, "reablement"))
    text = visible(section)
    assert "The report warns: Fewer people may have been sent. The report says: This may be because fewer people were referred" in text
    where = section.index("This may be because")
    assert section.index("care-sentence") < where < section.index("<table")
    assert "<details" not in section[:where]
    assert ("caveats", 9) in ctx.shown


def test_a_caveat_on_a_schemes_good_news_goes_with_its_sentence_on_the_area_page(tmp_path):
    data = dataset(
        [obs("plan", 80.0, scheme_id="rapid"), obs("actual", 90.0, scheme_id="rapid")],
        caveats=[caveat("Figures are provisional", scheme_id="rapid", line=4)],
    )
    ctx = context(data, tmp_path)
    listed = visible(sections.schemes_list(ctx, "areas/testshire/", "testshire"))
    assert "Older people still at home after reablement: 90% from 2016 to 2017, against a plan of 80%." in listed
    assert "The report warns: Figures are provisional" in listed
    assert ("caveats", 4) in ctx.shown


# Good news beside bad (issue 20, item 3): wherever a result is shown, what the reports say about it goes with it.
GOOD = "Fewer people moved into care homes than planned"
WARNING = "One of the main reasons for delayed discharge is delay in nursing home placements"
ACTION = "Urgent action to recover performance has been agreed"


def _care_homes(plan: float, actual: float, scheme_id: str | None = None) -> Dataset:
    """A result better (actual below plan) or worse (above) than its plan, with a warning, good news and an action."""
    return dataset(
        [
            obs("plan", plan, measure_id="care-homes", scheme_id=scheme_id),
            obs("actual", actual, measure_id="care-homes", scheme_id=scheme_id, line=3),
        ],
        caveats=[
            caveat(GOOD, measure_id="care-homes", scheme_id=scheme_id, kind="progress", line=4),
            caveat(WARNING, measure_id="care-homes", scheme_id=scheme_id, kind="caveat", line=5),
            caveat(ACTION, measure_id="care-homes", scheme_id=scheme_id, kind="action", line=6),
        ],
    )


@pytest.mark.parametrize("plan, actual", [(157, 126), (28, 40)], ids=["better than plan", "worse than plan"])
def test_the_home_page_shows_a_results_good_news_and_warnings_and_actions_together(tmp_path, plan, actual):
    ctx = context(_care_homes(plan, actual), tmp_path)
    text = visible(pages.areas_in_words(ctx, ""))
    line = text.index("Care home moves:")
    assert all(text.index(said) > line for said in (GOOD, WARNING, ACTION))
    assert "What is being done, the report says: " + ACTION in text
    assert {("caveats", 4), ("caveats", 5), ("caveats", 6)} <= ctx.shown


@pytest.mark.parametrize("scheme_id", [None, "rapid"], ids=["whole area", "scheme"])
def test_a_measure_page_shows_what_the_reports_say_about_each_result_it_shows(tmp_path, scheme_id):
    ctx = context(_care_homes(157, 126, scheme_id), tmp_path)
    page = visible(pages.measure_page(ctx, "care-homes"))
    assert "What the reports say about the figures for " + ("Testshire: Rapid response" if scheme_id else "Testshire") + ":" in page
    assert GOOD in page and WARNING in page and ACTION in page


def test_a_schemes_result_worse_than_plan_has_the_reports_action_beside_it_on_the_area_page(tmp_path):
    ctx = context(_care_homes(28, 40, "rapid"), tmp_path)
    listed = visible(sections.schemes_list(ctx, "areas/testshire/", "testshire"))
    assert ACTION in listed and GOOD in listed and WARNING in listed


def test_scheme_and_area_pages_show_what_qualifies_them_as_a_whole(tmp_path):
    data = dataset(
        outcomes=[outcome("worse", "The scheme has not met its aims", measure_id=None, scheme_id="rapid", line=5)],
        caveats=[
            caveat("Recruitment of staff has been delayed", measure_id=None, scheme_id="rapid", kind="setback", line=6),
            caveat("Funding beyond 2018 is not agreed", measure_id=None, kind="risk", line=7),
        ],
    )
    ctx = context(data, tmp_path)
    scheme = visible(pages.scheme_intro(ctx, "schemes/rapid/", "rapid"))
    assert "A setback the report names: Recruitment of staff has been delayed (Better Care Fund update, 15 March 2017, Paragraph 45)" in scheme
    assert "Worse than target (the report says) (2016 to 2017): The scheme has not met its aims" in scheme
    area = visible(pages.area_intro(ctx, "testshire"))
    assert "A risk the report names: Funding beyond 2018 is not agreed" in area
    assert {("caveats", 6), ("caveats", 7), ("outcomes", 5)} <= ctx.shown


@pytest.mark.parametrize("kind", list(CaveatKind))
def test_every_kind_of_caveat_has_words(kind):
    assert wording.CAVEAT_WORDS[kind]


def test_the_sentence_does_not_repeat_the_note_when_the_report_judges_in_words(tmp_path):
    """Durham's delayed transfers read "... but it says it is better than the target. The report gives no figure.
    It says the target has been beaten ...": the note said it again. It stays in the notes under the table."""
    note = "The report gives no figure. It says the target has been beaten."
    missing = dataclasses.replace(obs("actual", None, measure_id="delays"), note=note)
    judged = dataset([obs("plan", 387.6, measure_id="delays"), missing], [outcome("better", EXCEEDED, measure_id="delays")])
    assert note not in words(context(judged, tmp_path), "delays")
    unjudged = dataset([obs("plan", 387.6, measure_id="delays"), missing])
    assert words(context(unjudged, tmp_path), "delays").endswith("The report gives no result to compare. " + note)


def test_a_risk_log_is_shown_with_its_own_columns_and_no_scale_the_report_does_not_state(tmp_path):
    """A risk log prints impact, probability and a risk rating; it need not say what they run from or to."""
    risk = Risk("testshire", None, 1, "Funding is delayed", 4, 3, 12, "Talk to the NHS", "Director", "report", "Risk log", 2)
    data = dataclasses.replace(dataset(), risks=[risk])
    table = visible(sections.risks_table(context(data, tmp_path), "testshire"))
    assert "Risk rating" in table and "Funding is delayed" in table
    assert not re.search(r"\b1 \(low\)|to 5\b|highest possible", table)


@pytest.mark.parametrize(
    ("scores", "said", "not_said"),
    [
        ([(4, 3, 12), (5, 2, 10)], "The report gives each risk a score", "no score"),
        ([(4, 3, 12), (None, None, None)], "The report gives some of these risks a score", "each risk"),
        ([(None, None, None), (None, None, None)], "The report gives these risks no score", "each risk a score"),
    ],
)
def test_a_risk_table_says_the_report_scores_each_risk_only_when_it_does(tmp_path, scores, said, not_said):
    """A risk log printed without scores (every cell "Not given") is not introduced as one that scores each risk."""
    risks = [
        Risk("testshire", None, n, f"Risk number {n}", impact, probability, score, "", "", "report", "Risk log", n + 1)
        for n, (impact, probability, score) in enumerate(scores, start=1)
    ]
    table = visible(sections.risks_table(context(dataclasses.replace(dataset(), risks=risks), tmp_path), "testshire"))
    assert said in table and not_said not in table


def _milestone(name: str, due: date, label: str, stated: TimeStated, line: int) -> Milestone:
    return Milestone("testshire", None, name, due, label, Completed.UNSAID, "report", "Plan", line, stated)


def test_a_milestones_table_heads_its_times_to_fit_every_row(tmp_path):
    """ "Due by" only over deadlines; a row that is a start ("from February") makes it "When", the cell saying "from"."""
    deadline = _milestone("Flats open", date(2016, 12, 31), "December 2016", TimeStated.MONTH, 2)
    start = _milestone("Rest of the flats open", date(2017, 2, 28), "from February", TimeStated.FROM, 3)
    table = lambda rows: visible(sections.milestones_table(context(dataclasses.replace(dataset(), milestones=rows), tmp_path), "testshire"))
    assert "Milestone Due by Progress" in table([deadline])
    mixed = table([deadline, start])
    assert "Milestone When Progress" in mixed and "Due by" not in mixed
    assert "Rest of the flats open from February" in mixed and "Flats open December 2016" in mixed
