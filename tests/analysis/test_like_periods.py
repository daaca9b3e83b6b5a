"""A measure is judged on a plan and an actual for the same period, never on figures for periods of
different lengths (issue "Honest judgements", like with like)."""

from __future__ import annotations

from presentation.chart_fixtures import measure, month, obs

from macros.analysis.status import NO_PLAN, WORSE, headline


def test_a_plan_for_a_year_is_not_compared_with_an_actual_for_six_months():
    series = [obs("plan", month(2016, 4, 12), 2000.0), obs("actual", month(2016, 4, 6), 1500.0)]
    top = headline(series, measure())
    assert top is not None and top.status == NO_PLAN
    assert top.period == month(2016, 4, 6) and top.plan is None


def test_plan_and_actual_for_the_same_period_are_compared():
    series = [obs("plan", month(2016, 4, 12), 2000.0), obs("actual", month(2016, 4, 12), 2500.0), obs("actual", month(2016, 4, 6), 900.0)]
    top = headline(series, measure())
    assert top is not None and top.status == WORSE and top.period == month(2016, 4, 12)
    assert top.plan is not None and top.actual is not None and top.plan.period == top.actual.period
