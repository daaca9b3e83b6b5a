"""What a measure page says of an area's test against all the areas together (comparing.tested_cell,
tested_note; pages._place), on made-up figures: where the areas' latest figures are for periods of two lengths,
each length is tested apart, with its own figure for all the areas together, and an area whose figures cannot be
tested gets its place in the order only. The real build of such a page: tests/geo/test_tested_build.py."""

from __future__ import annotations

from datetime import date

from macros.analysis import compare
from macros.analysis.compare import Figure, byar, standing
from macros.data.model import Measure
from macros.data.vocab import Better, Unit
from macros.site import comparing
from macros.site.pages import _place

MONTH = (date(2020, 3, 1), date(2020, 3, 31))
YEAR = (date(2019, 4, 1), date(2020, 3, 31))
RATE = Measure("m", "Admissions", "", Unit.RATE_PER_100K, Better.LOWER, False, "")


def _figures(with_counts_for_years: bool) -> list[Figure]:
    months = [Figure(f"m{i}", c / 10, *MONTH, c, 1000) for i, c in enumerate((30, 10, 20, 20, 20))]
    years = [Figure(f"y{i}", c / 10, *YEAR, *((c, 1000) if with_counts_for_years else (None, None))) for i, c in enumerate((50, 50, 50, 50, 50))]
    return months + years


def _tests(figures: list[Figure]) -> tuple[dict, dict]:
    standings = {f.area_id: standing(f.area_id, figures, RATE.better) for f in figures}
    found = {a: compare.tested(a, figures, RATE.better, RATE.unit) for a in standings}
    return standings, {a: t for a, t in found.items() if t is not None}


def test_each_length_of_period_has_its_own_figure_for_all_the_areas_together():
    standings, found = _tests(_figures(with_counts_for_years=True))
    assert set(found) == set(standings)
    note = comparing.tested_note(found, standings, RATE)
    # 100 admissions among 5,000 people a month; 250 among 5,000 a year.
    assert (
        'called "all together" there: 2,000 per 100,000 population for figures for a month; 5,000 per 100,000 population for figures for 12 months.'
        in note
    )
    assert comparing.tested_cell(found["m0"], RATE).startswith("Worse (higher) than all together (")
    assert comparing.tested_cell(found["y0"], RATE).startswith("Similar to all together (")


def test_an_area_that_cannot_be_tested_gets_its_place_only():
    standings, found = _tests(_figures(with_counts_for_years=False))
    assert set(found) == {f"m{i}" for i in range(5)}
    assert "5,000" not in comparing.tested_note(found, standings, RATE) and "for figures for" not in comparing.tested_note(found, standings, RATE)
    assert str(_place(standings["y0"], found.get("y0"), RATE)) == "Lower than 0 of the 4 other areas and higher than 0; among the middle fifth"
    low, high = (f"{round(b / 1000 * 100_000, 1):,g}" for b in byar(10))  # 10 admissions among 1,000 people
    said = f'. <span class="care-tested">Better (lower) than all together ({low} to {high}).</span>'
    assert str(_place(standings["m1"], found["m1"], RATE)).endswith(said)
    assert comparing.tested_note({}, standings, RATE) == ""
