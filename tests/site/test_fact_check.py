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


# Issue 21, item 7: the fact check reads figures, not units, reports the number's own line, and accepts what
# figure() prints. Made-up measures in every unit, with a range, a rate a month and a hidden figure.
MORE_MEASURES = [
    "admit-rate,Admissions to care homes,Admissions for every 100000 people.,rate_per_100k,lower,no,,,",
    "spend,Money spent on care,Money spent.,gbp,neither,no,,,",
    "at-home,Still at home,The share still at home.,percent,higher,no,,,",
]
MORE_FIGURES = [
    "testshire,,admit-rate,2016-04-01,2017-03-31,2016/17,actual,9.5,,table,,rep-2016,T,,,",
    "testshire,,admit-rate,2016-04-01,2017-03-31,2016/17,estimate,30000,,table,,rep-2016,T,50000,,",
    "testshire,,spend,2016-04-01,2017-03-31,2016/17,actual,£1.23m,,table,,rep-2016,T,,,",
    "testshire,,spend,2016-04-01,2017-03-31,2016/17,plan,£258000,,table,,rep-2016,T,,,",
    "testshire,,at-home,2016-04-01,2017-03-31,2016/17,actual,81.5%,,table,,rep-2016,T,,,",
    "testshire,,carers-assessed,2016-04-01,2017-03-31,2016/17,plan,40,about,text,,rep-2016,T,,month,",
]


@pytest.fixture(scope="module")
def every_unit(tmp_path_factory):
    data = data_dir(tmp_path_factory.mktemp("units"))
    for name, rows in (("measures", MORE_MEASURES), ("observations", MORE_FIGURES)):
        path = data / f"{name}.csv"
        path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return load(data)


def test_a_figure_written_as_figure_prints_it_is_accepted_for_every_figure(every_unit):
    """Each figure of the made-up data, in a sentence naming its measure and period, as figure() prints it."""
    checked = 0
    for (_area, _scheme, measure_id), series in every_unit.series.items():
        measure = every_unit.measures[measure_id]
        for o in series:
            printed = wording.figure_text(o, measure, every_unit.small_number_threshold, exact=False, with_unit=True)
            text = f"{measure.name} in {wording.period(o.period)}: {printed}."
            assert check_page("areas/testshire.md", f"# Testshire\n\n{text}\n", every_unit) == [], text
            checked += 1
    assert checked >= 15


@pytest.mark.parametrize(
    "text",
    [
        "Admissions to care homes are counted for every 100,000 adults.",
        "Admissions to care homes in 2016/17 were 9.5 per 100,000 population.",
        "Admissions to care homes are counted per 100,000 people aged 65 and over, as in 2016/17.",
    ],
)
def test_the_size_of_a_unit_is_not_a_figure(every_unit, text):
    assert check_page("areas/testshire.md", f"# Testshire\n\n{text}\n", every_unit) == []


def test_a_wrong_figure_is_reported_on_its_own_line_not_the_paragraphs_first():
    page = f"# Testshire\n\nIn {WHEN} people in Testshire\nwaited, and it added up\nto {WRONG} days waiting.\n"
    [found] = [str(m) for m in check_page("areas/testshire.md", page, DATA)]
    assert found.startswith(f"docs/areas/testshire.md, line 5: '{WRONG} days'")


def test_the_line_is_the_numbers_when_the_same_digits_come_earlier_in_the_paragraph():
    page = f"# Testshire\n\nIn {WHEN} people in Testshire ({SAID} days)\nwaited {WRONG} days.\n"
    [found] = [str(m) for m in check_page("areas/testshire.md", page, DATA)]
    assert found.startswith("docs/areas/testshire.md, line 4: ")


@pytest.mark.parametrize(
    "after, again",
    [(" days waiting.", "days"), (" days.", "days"), ("days", "days")],
)
def test_a_unit_written_again_after_figure_is_reported(after, again):
    macro = f'{{{{ figure("testshire", "dtc-days", "{WHEN}") }}}}'
    page = f"# Testshire\n\nPeople waited\n{macro}{after}\n"
    [found] = [str(m) for m in check_page("areas/testshire.md", page, DATA)]
    assert found.startswith(f"docs/areas/testshire.md, line 4: '{again}' is written again next to {macro}")
    assert "Remove 'days'" in found


def test_a_word_after_figure_that_is_not_its_unit_is_fine():
    macro = f'{{{{ figure("testshire", "dtc-days", "{WHEN}") }}}}'
    assert check(f"People waited {macro} in all.") == []
    assert check('{{ figure("testshire", "carers-assessed", "Year 2") }} carers were assessed.') == []
