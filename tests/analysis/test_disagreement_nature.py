"""Each disagreement records its nature, so a slip in a sum is not told like a difference of definition or a
part-year cost; a report's judgement in words is checked against its figures; an editor's explanation is
attached to the disagreement it explains. Small data sets made in memory."""

from __future__ import annotations

from datetime import date

from conftest import TINY

from macros.analysis.disagreements import Check, Nature, find_disagreements, unmatched_explanations
from macros.analysis.status import Status
from macros.data.loader import load
from macros.data.model import Area, Dataset, Explanation, Measure, Money, Observation, Outcome, Period, Source
from macros.data.vocab import FigureKind, PrintedIn, StatedJudgement

REPORT = Source("report", "Update", "Council", "Board", date(2016, 12, 1), "", "https://example.org/report")
AREA = Area("area", "Areashire", ("Areashire Council",), "", "report")
WHOLE = Measure("whole", "Emergency admissions, all ages", "", "count", "lower", True, "")
PARTS = [Measure(f"part-{i}", f"Emergency admissions, group {i}", "", "count", "lower", True, "", "whole") for i in (1, 2)]
MONTHS = [Period(date(2016, m, 1), date(2016, m, 30 if m in (4, 6) else 31)) for m in (4, 5, 6)]
HALF = Period(date(2016, 4, 1), date(2016, 9, 30))


def obs(measure: str, period: Period, value: float, kind: str = "actual", printed_in: str = "table", line: int = 0) -> Observation:
    return Observation(
        "area", None, measure, period, FigureKind(kind), value, f"{value:,}", None, "", PrintedIn(printed_in), "", "report", "Table 1", line
    )


def dataset(observations=(), money=(), outcomes=(), explanations=(), measures=(WHOLE, *PARTS)) -> Dataset:
    return Dataset(
        {"report": REPORT},
        {},
        {"area": AREA},
        {},
        {m.id: m for m in measures},
        list(observations),
        list(money),
        [],
        [],
        {},
        outcomes=list(outcomes),
        explanations=list(explanations),
    )


def whole_and_parts(gaps: list[float]) -> list[Observation]:
    """A whole and two parts for three months; the parts add up to the whole plus each month's gap."""
    rows = []
    for period, gap in zip(MONTHS, gaps, strict=True):
        rows += [obs("whole", period, 100), obs("part-1", period, 40), obs("part-2", period, 60 + gap)]
    return rows


def natures(data: Dataset) -> list[tuple[Check, Nature]]:
    return [(d.check, d.nature) for d in find_disagreements(data)]


def test_a_steady_gap_in_every_period_is_a_difference_of_definition():
    """Like Southampton's emergency admissions: the age groups come to more than all ages in every month."""
    assert natures(dataset(whole_and_parts([7, 9, 8]))) == [(Check.PARTS_OF_WHOLE, Nature.DEFINITION)]


def test_parts_that_differ_in_some_periods_only_or_both_ways_are_a_slip():
    assert natures(dataset(whole_and_parts([0, 9, 0]))) == [(Check.PARTS_OF_WHOLE, Nature.SLIP)]
    assert natures(dataset(whole_and_parts([7, -9, 8]))) == [(Check.PARTS_OF_WHOLE, Nature.SLIP)]


def test_a_gap_in_too_few_periods_to_call_steady_is_a_slip():
    rows = [o for o in whole_and_parts([7, 9, 8]) if o.period != MONTHS[2]]
    assert natures(dataset(rows)) == [(Check.PARTS_OF_WHOLE, Nature.SLIP)]


def staff(amount: float, fte: float = 1, unit_cost: float = 23_412) -> Money:
    year = Period(date(2018, 4, 1), date(2019, 3, 31))
    return Money("area", None, year, "team", "Officer", "", amount, f"£{amount:,}", None, fte, unit_cost, False, "", "report", "Table 2", 2)


def test_a_staff_cost_below_a_years_cost_may_be_for_part_of_the_year():
    """Like Nottinghamshire's officer: 1 post at £23,412 a year printed as £11,706."""
    assert natures(dataset(money=[staff(11_706)])) == [(Check.STAFF_COST, Nature.PART_YEAR)]
    assert natures(dataset(money=[staff(30_000)])) == [(Check.STAFF_COST, Nature.SLIP)]  # more than a year's cost


def test_the_tiny_fixture_has_slips_and_a_sentence_against_its_table():
    assert sorted(natures(load(TINY))) == sorted(
        [(Check.PERIODS_TOTAL, Nature.SLIP), (Check.TABLE_AND_TEXT, Nature.TEXT_VS_TABLE), (Check.RISK_SCORE, Nature.SLIP)]
    )


def outcome(judgement: str, period: Period = HALF, measure: str | None = "whole") -> Outcome:
    return Outcome("area", None, measure, period, StatedJudgement(judgement), "performance is on target", "report", "Paragraph 3", 2)


PLANNED = [obs("whole", HALF, 120, "actual"), obs("whole", HALF, 100, "plan")]  # lower is better: worse than plan


def test_a_stated_judgement_against_the_status_its_figures_give_is_a_disagreement():
    found = find_disagreements(dataset(PLANNED, outcomes=[outcome("on-plan")]))
    assert [(d.check, d.nature, d.stated, d.worked_out) for d in found] == [
        (Check.STATED_VS_FIGURES, Nature.TEXT_VS_TABLE, StatedJudgement.ON_PLAN, Status.WORSE)
    ]
    d = found[0]
    assert (d.actual, d.plan, d.period, d.measure_id, d.quote) == (120, 100, HALF, "whole", "performance is on target")
    assert d.where == "Paragraph 3; Table 1"


def test_a_stated_judgement_that_agrees_or_cannot_be_checked_is_not_a_disagreement():
    assert not find_disagreements(dataset(PLANNED, outcomes=[outcome("worse")]))
    assert not find_disagreements(dataset(PLANNED, outcomes=[outcome("better", period=MONTHS[0])]))  # no figures for that period
    assert not find_disagreements(dataset(PLANNED, outcomes=[outcome("better", measure=None)]))  # judges the area as a whole
    neither = Measure("whole", "Admissions", "", "count", "neither", True, "")
    assert not find_disagreements(dataset(PLANNED, outcomes=[outcome("better")], measures=[neither]))


def test_an_editors_explanation_is_attached_to_the_disagreement_it_explains():
    why = Explanation("area", None, "whole", "parts_of_whole", "The age groups count stays, all ages counts people.", "the council", 2)
    other = Explanation("area", None, "whole", "periods_total", "Not this one.", "the council", 3)
    data = dataset(whole_and_parts([7, 9, 8]), explanations=[why, other])
    found = find_disagreements(data)
    assert [d.explanation for d in found] == [why]
    assert unmatched_explanations(found, data.explanations) == [other]
    assert [d.explanation for d in find_disagreements(dataset(whole_and_parts([7, 9, 8])))] == [None]


def test_on_target_agrees_with_a_result_better_than_the_target():
    """Reports say "remain on target" of a result that beats its target (Mid-Nottinghamshire's care home moves):
    that is not words against the table. "Better than target" of a result worse than it still is."""
    beaten = [obs("whole", HALF, 90, "actual"), obs("whole", HALF, 100, "plan")]  # lower is better: better than plan
    assert not find_disagreements(dataset(beaten, outcomes=[outcome("on-plan")]))
    assert [d.stated for d in find_disagreements(dataset(beaten, outcomes=[outcome("worse")]))] == [StatedJudgement.WORSE]
    assert [d.stated for d in find_disagreements(dataset(PLANNED, outcomes=[outcome("better")]))] == [StatedJudgement.BETTER]
