"""The fact check: numbers typed into editors' prose that refer to a figure in the data and disagree with it.

On the tiny fixture: Testshire's days waiting (dtc-days) are 909 planned and ... actual by month; the tests
read the figures they compare from the data, so an editor's correction of the fixture cannot break them."""

from __future__ import annotations

import pytest
from conftest import TINY, build, data_dir

from macros.data.loader import load
from macros.presentation import wording
from macros.site.fact_check import check_page

DATA = load(TINY)
DAYS = DATA.measures["dtc-days"]
ACTUAL = max((o for o in DATA.series[("testshire", None, "dtc-days")] if o.kind == "actual" and o.value is not None), key=lambda o: o.period.end)
WHEN = wording.period(ACTUAL.period)
SAID = wording.number(ACTUAL.value)
WRONG = wording.number(ACTUAL.value + 100)


def check(text: str, uri: str = "areas/testshire.md"):
    return [str(m) for m in check_page(uri, f"# Testshire\n\n{text}\n", DATA)]


def test_a_wrong_number_of_days_in_a_named_period_is_reported_with_the_figure_and_the_macro():
    [found] = check(f"In {WHEN} people in Testshire spent {WRONG} days waiting.")
    assert found.startswith(f"docs/areas/testshire.md, line 3: '{WRONG} days' does not match the data for {DAYS.name} in Testshire")
    assert f'{{{{ figure("testshire", "dtc-days", "{WHEN}") }}}}' in found


def test_the_right_number_passes_and_so_does_a_hedged_one_close_to_it():
    assert check(f"In {WHEN} people in Testshire spent {SAID} days waiting.") == []
    assert check(f"In {WHEN} people spent over {wording.number(ACTUAL.value - 1)} days waiting.") == []


def test_a_hedge_on_the_wrong_side_is_reported():
    assert len(check(f"In {WHEN} people spent over {wording.number(ACTUAL.value + 1)} days waiting.")) == 1


def test_a_number_naming_the_measure_is_checked_against_it():
    assert len(check(f"{DAYS.name}: {WRONG} in {WHEN}.")) == 1
    assert check(f"{DAYS.name}: {SAID} in {WHEN}.") == []


@pytest.mark.parametrize(
    "text",
    [
        "In 2016 the council opened 3 new offices on 1 April.",
        f"The team of 12 met {WRONG} people.",  # no measure named, no unit: nothing to compare
        f"In {WHEN} the council spent {WRONG} hours on training.",  # hours are not a measure here
        "Call 0800 123 456 for help.",
    ],
)
def test_numbers_that_refer_to_no_figure_are_left_alone(text):
    assert check(text) == []


def test_a_page_about_no_place_is_checked_only_where_a_sentence_names_an_area():
    assert check(f"In {WHEN} people spent {WRONG} days waiting.", uri="news.md") == []
    assert len(check(f"In {WHEN} people in Testshire spent {WRONG} days waiting.", uri="news.md")) == 1


@pytest.mark.slow
def test_a_contradicted_number_fails_the_strict_build_and_is_in_the_report(tmp_path):
    page = f"---\ntitle: Testshire\n---\n\n# Testshire\n\nIn {WHEN} people in Testshire spent {WRONG} days waiting.\n"
    result = build(tmp_path, data_dir(tmp_path), docs={"areas/testshire.md": page}, env={"GITHUB_ACTIONS": "true"})
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert f"docs/areas/testshire.md, line 7: '{WRONG} days' does not match the data" in output
    assert f"::error file=docs/areas/testshire.md,line=7::'{WRONG} days' does not match" in result.stdout
