"""analysis/compare.py: each rule of comparing areas, one outcome each."""

from __future__ import annotations

from datetime import date

import pytest

from macros.analysis import compare
from macros.analysis.compare import MIN_AREAS, Figure, against_benchmark, byar, standing, wilson

YEAR = (date(2019, 4, 1), date(2020, 3, 31))
MONTH = (date(2020, 3, 1), date(2020, 3, 31))


def figures(values: list[float], period=YEAR) -> list[Figure]:
    return [Figure(f"a{i}", v, *period) for i, v in enumerate(values)]


def test_fewer_than_five_areas_are_not_compared():
    found = standing("a0", figures([1, 2, 3, 4]), "lower")
    assert (found.compared, found.reason) == (False, f"only 4 areas report this measure; we compare only when {MIN_AREAS} or more do")


def test_one_area_alone_says_so():
    assert standing("a0", figures([7]), "lower").reason == f"only 1 area reports this measure; we compare only when {MIN_AREAS} or more do"


def test_periods_of_different_lengths_are_not_compared():
    found = standing("a0", figures([1, 2, 3, 4]) + [Figure("m", 5, *MONTH)], "lower")
    assert (found.compared, found.reason) == (
        False,
        "their latest figures' periods differ in length, and only 4 are for 12 months, as this area's is; we compare only when 5 or more are",
    )
    assert standing("m", figures([1, 2, 3, 4]) + [Figure("m", 5, *MONTH)], "lower").reason.endswith(
        "only 1 is for a month, as this area's is; we compare only when 5 or more are"
    )


def test_an_area_is_compared_with_the_areas_whose_figures_are_for_periods_as_long_as_its_own():
    """Five areas' years and two areas' months: the years are compared among themselves; the months are not."""
    mixed = figures([10, 20, 30, 40, 50]) + [Figure("m1", 1, *MONTH), Figure("m2", 2, *MONTH)]
    found = standing("a1", mixed, "lower")
    assert (found.compared, found.of, found.higher, found.lower, found.months, found.left_out) == (True, 5, 3, 1, 12, 2)
    assert not standing("m1", mixed, "lower").compared


def test_an_area_without_a_figure_is_not_compared():
    assert standing("nobody", figures([1, 2, 3, 4, 5]), "lower").reason == "this area has no figure for the whole area to compare"


def test_the_place_counts_the_areas_above_and_below():
    found = standing("a1", figures([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]), "lower")
    assert (found.compared, found.of, found.higher, found.lower, found.fifth) == (True, 10, 8, 1, "lowest")


def test_the_highest_fifth():
    found = standing("a9", figures([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]), "higher")
    assert (found.higher, found.lower, found.fifth, found.better_side) == (0, 9, "highest", "higher")


def test_ties_count_neither_above_nor_below():
    found = standing("a0", figures([5, 5, 5, 5, 5]), "lower")
    assert (found.higher, found.lower, found.fifth) == (0, 0, "middle")


def test_a_measure_with_no_better_direction_has_a_place_but_no_better_side():
    assert standing("a0", figures([1, 2, 3, 4, 5]), "neither").better_side == ""


def test_byar_interval_is_within_a_hundredth_of_the_exact_poisson_interval_of_10():
    low, high = byar(10)
    assert abs(low - 4.795) < 0.01 and abs(high - 18.390) < 0.01


def test_wilson_interval_of_half():
    low, high = wilson(50, 100)
    assert (round(low, 4), round(high, 4)) == (0.4038, 0.5962)


@pytest.mark.parametrize(
    ("count", "better", "said"),
    [
        (100, "lower", "similar"),  # rate 100 per 100,000, interval about 81 to 122: the benchmark 110 is inside
        (60, "lower", "better"),  # rate 60, interval about 46 to 77: below 110, and lower is better
        (60, "higher", "worse"),
        (200, "lower", "worse"),  # rate 200, interval about 173 to 230: above 110
        (200, "neither", "higher"),  # no better side: only which side
    ],
)
def test_fingertips_rule_for_a_rate(count, better, said):
    assert against_benchmark(count, 100_000, 110, better) == said


def test_fingertips_rule_for_a_proportion():
    # 55 of 100 is 55%, interval 45% to 64%: a benchmark of 50% is inside; of 40%, outside and lower.
    assert against_benchmark(55, 100, 50, "higher", per=100, proportion=True) == "similar"
    assert against_benchmark(55, 100, 40, "higher", per=100, proportion=True) == "better"


def counted(pairs: list[tuple[int, int]], per: float, period=MONTH) -> list[Figure]:
    """Areas a0, a1... with these (count, population) and the figure they give per `per`."""
    return [Figure(f"a{i}", c / p * per, *period, c, p) for i, (c, p) in enumerate(pairs)]


def test_the_benchmark_is_all_the_compared_areas_together_not_the_average_of_their_figures():
    # Rates 1,000, 2,000, 2,000, 2,000 and 3,000 for every 100,000; together 1,000 out of 50,000 people: 2,000.
    found = compare.tested(
        "a0", counted([(100, 10_000), (200, 10_000), (200, 10_000), (200, 10_000), (300, 10_000)], 100_000), "lower", "rate_per_100k"
    )
    assert found is not None and found.benchmark == pytest.approx(2_000) and found.verdict == "better"
    assert (found.low, found.high) == pytest.approx(tuple(b / 10_000 * 100_000 for b in byar(100)))


def test_a_percentage_uses_wilson_and_says_higher_or_lower_when_neither_is_better():
    figures_ = counted([(90, 100), (70, 100), (70, 100), (70, 100), (50, 100)], 100)
    high = compare.tested("a0", figures_, "neither", "percent")
    assert high is not None and high.verdict == "higher" and (high.low, high.high) == pytest.approx(tuple(b * 100 for b in wilson(90, 100)))
    assert compare.tested("a1", figures_, "neither", "percent").verdict == "similar"  # type: ignore[union-attr]
    assert compare.tested("a4", figures_, "higher", "percent").verdict == "worse"  # type: ignore[union-attr]


def test_nothing_is_tested_without_every_count_a_testable_unit_or_a_comparison():
    whole = counted([(100, 1000)] * 5, 100)
    assert compare.tested("a0", [*whole[:4], Figure("a4", 10, *MONTH)], "lower", "percent") is None  # one area without a count
    assert compare.tested("a0", whole, "lower", "count") is None  # a count is not a rate or a percentage
    assert compare.tested("a0", whole[:4], "lower", "percent") is None  # 4 areas are not compared
    # Areas whose latest figure is for another length of time are left out, as by standing(): with or without counts.
    assert compare.tested("a0", [*whole, Figure("y", 10, *YEAR)], "lower", "percent") is not None
