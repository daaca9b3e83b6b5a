"""What reports say in words (issue 12): ranges, rates, benchmarks and short names on the figures' files, and
the new files outcomes.csv, caveats.csv and explanations.csv, each checked as datapackage.json and rules.py say."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import JUDGED, ROOT, TINY
from data_helpers import OBS_HEADER, OBS_ROW, append, edit_schema, folder, places, problems

from macros.data.loader import MODEL_FIELDS, STATED_TIME, load
from macros.data.model import Caveat, Explanation, Outcome, Period
from macros.data.vocab import CaveatKind, FigureKind, Per, StatedJudgement

PACKAGE = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in PACKAGE["resources"]}

OUTCOME = "testshire,,dtc-days,2016-04-01,2016-05-31,Apr to May,worse,The target has not been met.,rep-2016,Paragraph 16"
CAVEAT = "testshire,test-carers,,setback,Recruitment was delayed.,The team took longer to hire staff.,rep-2016,Paragraph 10"
EXPLANATION = 'testshire,,dtc-days,periods_total,The total includes a late correction.,"the report, paragraph 16"'


def observation(value="30,000", value_to="", per="", compared_with="", kind="plan", measure="dtc-days") -> str:
    """One observations.csv row of the tiny set (June 2016) with the new columns as given."""
    row = (
        OBS_ROW.removesuffix(",,,").replace("dtc-days", measure).replace(",plan,", f",{kind},").format(value=f'"{value}"' if "," in value else value)
    )
    return f"{row},{value_to if ',' not in value_to else chr(34) + value_to + chr(34)},{per},{compared_with}"


def with_observations(tmp_path, *rows: str):
    return folder(tmp_path, observations=OBS_HEADER + "\n" + "\n".join(rows) + "\n")


# The schema is the spec's ---------------------------------------------------------------------------------------


def test_explanations_name_exactly_the_checks_the_build_makes():
    """The data layer does not import the analysis; the schema's list is kept equal to Check here."""
    from macros.analysis.disagreements import Check

    spec = next(f for f in RESOURCES["explanations"]["schema"]["fields"] if f["name"] == "check")
    assert spec["constraints"]["enum"] == [c.value for c in Check]


def test_the_new_columns_come_last_in_the_agreed_order():
    # issue 12's columns, then issue 20's time as the report states it, then issue 23's provisional, then issue 22's
    # count and population
    assert [f["name"] for f in RESOURCES["observations"]["schema"]["fields"]][-8:] == [
        "value_to",
        "per",
        "compared_with",
        "time_stated",
        "time_words",
        "provisional",
        "count",
        "population",
    ]
    assert [f["name"] for f in RESOURCES["measures"]["schema"]["fields"]][-3:] == ["short_name", "rate_of", "share"]


@pytest.mark.parametrize(
    "name, header, primary_key, foreign_keys",
    [
        (
            "outcomes",
            "area_id,scheme_id,measure_id,period_start,period_end,period_label,judgement,quote,source_id,source_location,time_stated,time_words",
            ["area_id", "scheme_id", "measure_id", "period_start", "period_end", "source_id"],
            {"area_id": "areas", "scheme_id": "schemes", "measure_id": "measures", "source_id": "sources"},
        ),
        (
            "caveats",
            "area_id,scheme_id,measure_id,kind,quote,plain,source_id,source_location",
            ["area_id", "scheme_id", "measure_id", "quote"],
            {"area_id": "areas", "scheme_id": "schemes", "measure_id": "measures", "source_id": "sources"},
        ),
        (
            "explanations",
            "area_id,scheme_id,measure_id,check,explanation,said_by",
            ["area_id", "scheme_id", "measure_id", "check"],
            {"area_id": "areas", "scheme_id": "schemes", "measure_id": "measures"},
        ),
    ],
)
def test_new_resources_have_the_agreed_fields_and_keys(name, header, primary_key, foreign_keys):
    resource = RESOURCES[name]
    schema = resource["schema"]
    fields = {f["name"]: f for f in schema["fields"]}
    # The model's fields, then the optional ones it reads when they are there (a time as the report states it).
    assert ",".join(fields) == header == ",".join([*MODEL_FIELDS[name], *STATED_TIME.get(name, ())])
    assert (resource["path"], schema["missingValues"], schema["primaryKey"]) == (f"{name}.csv", [""], primary_key)
    assert {fk["fields"]: fk["reference"]["resource"] for fk in schema["foreignKeys"]} == foreign_keys
    assert all(fk["reference"]["fields"] == "id" for fk in schema["foreignKeys"])
    assert resource["description"] and all(f.get("description") for f in fields.values())
    for column, spec in fields.items():
        pattern = spec.get("constraints", {}).get("pattern")
        assert (pattern is not None) == column.endswith("_id"), column
        optional = column in ("scheme_id", "measure_id", "plain", "time_stated", "time_words")
        assert bool(spec.get("constraints", {}).get("required")) != optional, column
    # Each file of the built-in data has that header line.
    assert (ROOT / "data" / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0] == header


# Fixtures and the built-in data load with the new columns and files -----------------------------------------------


@pytest.mark.parametrize("data", [TINY, JUDGED, ROOT / "data"], ids=["tiny", "judged", "built-in"])
def test_every_folder_loads_with_the_new_columns_and_files(data):
    loaded = load(data)
    for name in ("outcomes", "caveats", "explanations"):
        assert loaded.rows_read[name] == len(getattr(loaded, name)) == len(loaded.tables[name])
    assert all(o.per in Per and (o.value_to is None or o.value is not None) for o in loaded.observations)


def test_a_copy_of_datapackage_json_from_before_the_new_files_is_one_problem_each(tmp_path):
    data = folder(tmp_path)
    edit_schema(data, lambda package: package.update(resources=[r for r in package["resources"] if r["name"] != "caveats"]))
    found = problems(data)
    assert [(p.file.split("/")[-1], p.value, p.message) for p in found] == [
        ("datapackage.json", "caveats", "the data package does not describe the file caveats.csv")
    ]


def test_an_observations_file_without_the_new_columns_says_what_to_add(tmp_path):
    old = ",".join(OBS_HEADER.split(",")[:-3])
    found = problems(folder(tmp_path, observations=old + "\n"))
    assert places(found) == [("observations.csv", 1, c) for c in ("value_to", "per", "compared_with")]
    assert all(p.message == "this column is missing" and p.fix.endswith("its cells may be left empty.") for p in found)


# observations.csv: ranges ---------------------------------------------------------------------------------------------


def test_a_range_is_read_like_value(tmp_path):
    data = load(with_observations(tmp_path, observation("30,000", "50,000")))
    (obs,) = data.observations
    assert (obs.value, obs.value_to, obs.printed) == (30000, 50000, "30,000")


def test_the_top_of_a_range_below_its_bottom(tmp_path):
    found = problems(with_observations(tmp_path, observation("50,000", "30,000")))
    assert [(p.line, p.column, p.value) for p in found] == [(2, "value_to", "30,000")]
    assert found[0].message == "the top of the range is below its bottom (50,000 in value)"
    assert "swap them" in found[0].fix


def test_a_top_of_a_range_needs_a_value(tmp_path):
    found = problems(with_observations(tmp_path, observation("", "50"), observation("n/a", "50", kind="actual")))
    assert [(p.line, p.column, p.value, p.message) for p in found] == [
        (2, "value_to", "50", "there is a top of a range but no figure in value"),
        (3, "value_to", "50", "there is a top of a range but no figure in value"),
    ]
    assert "'30,000 to 50,000' is value 30,000, value_to 50,000" in found[0].fix


def test_the_top_of_a_range_is_a_figure_in_the_measures_unit(tmp_path):
    found = problems(
        with_observations(tmp_path, observation("30", "n/a"), observation("30", "50%", kind="actual"), observation("3", "lots", kind="last_year"))
    )
    assert [(p.line, p.column, p.value) for p in found] == [(2, "value_to", "n/a"), (3, "value_to", "50%"), (4, "value_to", "lots")]
    assert found[0].message == "value_to is only for the top of a printed range, so it must be a figure"
    assert found[1].message == "this is a percentage, but the measure is in days"
    assert found[2].message == "this is not a number"


def test_a_broken_value_is_not_also_called_a_missing_bottom(tmp_path):
    found = problems(with_observations(tmp_path, observation("lots", "50")))
    assert places(found) == [("observations.csv", 2, "value")]


# observations.csv: rates and benchmarks --------------------------------------------------------------------------------


def test_a_rate_per_period(tmp_path):
    data = load(with_observations(tmp_path, observation("40", per="month"), observation("41", kind="actual")))
    assert [o.per for o in data.observations] == [Per.MONTH, Per.NONE]


def test_a_mistyped_period_of_a_rate_suggests_the_nearest(tmp_path):
    found = problems(with_observations(tmp_path, observation("40", per="montly")))
    assert [(p.line, p.column, p.value, p.message) for p in found] == [(2, "per", "montly", "this is not one of the allowed values")]
    assert found[0].fix.startswith("Did you mean 'month'? Write one of: day, week, month, quarter, year.")


def test_a_benchmark_names_where_it_is_from(tmp_path):
    data = load(with_observations(tmp_path, observation("12", kind="benchmark", compared_with="NHS Wales demonstrator sites")))
    (obs,) = data.observations
    assert (obs.kind, obs.compared_with) == (FigureKind.BENCHMARK, "NHS Wales demonstrator sites")


def test_a_benchmark_without_compared_with(tmp_path):
    found = problems(with_observations(tmp_path, observation("12", kind="benchmark")))
    assert [(p.line, p.column, p.value, p.message) for p in found] == [(2, "compared_with", None, "a benchmark must say where its figure comes from")]
    assert "Fill in compared_with" in found[0].fix


def test_compared_with_only_on_a_benchmark(tmp_path):
    found = problems(with_observations(tmp_path, observation("12", kind="target", compared_with="Wales")))
    assert [(p.line, p.column, p.value) for p in found] == [(2, "compared_with", "Wales")]
    assert found[0].message == "only a benchmark is compared with somewhere else, and this row's kind is target"
    assert found[0].fix == "Leave compared_with empty, or set kind to benchmark if the figure comes from somewhere else."


def test_a_mistyped_kind_is_reported_once_with_the_nearest(tmp_path):
    found = problems(with_observations(tmp_path, observation("12", kind="benchmak", compared_with="Wales")))
    assert places(found) == [("observations.csv", 2, "kind")]
    assert found[0].fix.startswith("Did you mean 'benchmark'?")


@pytest.mark.parametrize("kind", ["target", "estimate", "gap"])
def test_the_other_new_kinds_load(tmp_path, kind):
    (obs,) = load(with_observations(tmp_path, observation("12", "15", kind=kind))).observations
    assert (obs.kind, obs.value, obs.value_to) == (FigureKind(kind), 12, 15)


# measures.csv: short names ---------------------------------------------------------------------------------------------


def test_a_short_name_for_sentences(tmp_path):
    data = folder(tmp_path)
    path = data / "measures.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",DTC,,\n", ",DTC,,Delayed days\n"), encoding="utf-8")
    measures = load(data).measures
    assert (measures["dtc-days"].short_name, measures["carers-assessed"].short_name) == ("Delayed days", "")


# outcomes.csv, caveats.csv, explanations.csv ---------------------------------------------------------------------------


def with_rows(tmp_path, **rows: list[str]):
    data = folder(tmp_path)
    append(data, "areas", "otherton,Otherton,Otherton Council,Another area.,rep-2016")
    append(data, "schemes", "otherton-homes,otherton,Homes,Helps.,Anyone.,running,rep-2016,P")
    for name, lines in rows.items():
        append(data, name, *lines)
    return data


def test_each_new_file_becomes_objects_with_their_lines(tmp_path):
    data = load(with_rows(tmp_path, outcomes=[OUTCOME, OUTCOME.replace(",dtc-days,", ",,")], caveats=[CAVEAT], explanations=[EXPLANATION]))
    period = Period(date(2016, 4, 1), date(2016, 5, 31), "Apr to May")
    assert data.outcomes == [
        Outcome("testshire", None, "dtc-days", period, StatedJudgement.WORSE, "The target has not been met.", "rep-2016", "Paragraph 16", 2),
        Outcome("testshire", None, None, period, StatedJudgement.WORSE, "The target has not been met.", "rep-2016", "Paragraph 16", 3),
    ]
    assert data.outcomes[0].period.label == "Apr to May"
    assert data.caveats == [
        Caveat(
            "testshire",
            "test-carers",
            None,
            CaveatKind.SETBACK,
            "Recruitment was delayed.",
            "The team took longer to hire staff.",
            "rep-2016",
            "Paragraph 10",
            2,
        )
    ]
    assert data.explanations == [
        Explanation("testshire", None, "dtc-days", "periods_total", "The total includes a late correction.", "the report, paragraph 16", 2)
    ]
    assert data.outcomes_by[("testshire", None, "dtc-days")] == data.outcomes[:1]
    assert data.outcomes_by[("testshire", None, None)] == data.outcomes[1:]
    assert data.caveats_by[("testshire", "test-carers", None)] == data.caveats


def test_an_outcome_period_that_ends_before_it_starts(tmp_path):
    found = problems(with_rows(tmp_path, outcomes=[OUTCOME.replace("2016-05-31", "2016-03-31")]))
    assert [(p.file.split("/")[-1], p.line, p.column, p.value, p.message) for p in found] == [
        ("outcomes.csv", 2, "period_end", "2016-03-31", "the period ends before it starts (2016-04-01)")
    ]


@pytest.mark.parametrize(
    "name, row",
    [
        ("outcomes", OUTCOME.replace("testshire,,", "testshire,otherton-homes,")),
        ("caveats", CAVEAT.replace("test-carers", "otherton-homes")),
        ("explanations", EXPLANATION.replace("testshire,,", "testshire,otherton-homes,")),
    ],
)
def test_a_scheme_of_another_area(tmp_path, name, row):
    found = problems(with_rows(tmp_path, **{name: [row]}))
    assert [(p.file.split("/")[-1], p.line, p.column, p.value, p.message) for p in found] == [
        (f"{name}.csv", 2, "scheme_id", "otherton-homes", "this scheme belongs to otherton, not testshire")
    ]
    assert found[0].fix == "Correct the area_id or the scheme_id."


@pytest.mark.parametrize(
    "name, row, column, value, nearest",
    [
        ("outcomes", OUTCOME.replace(",worse,", ",on plan,"), "judgement", "on plan", "on-plan"),
        ("caveats", CAVEAT.replace(",setback,", ",setbak,"), "kind", "setbak", "setback"),
        ("explanations", EXPLANATION.replace(",periods_total,", ",period_total,"), "check", "period_total", "periods_total"),
    ],
)
def test_a_mistyped_word_suggests_the_nearest(tmp_path, name, row, column, value, nearest):
    found = problems(with_rows(tmp_path, **{name: [row]}))
    assert [(p.line, p.column, p.value, p.message) for p in found] == [(2, column, value, "this is not one of the allowed values")]
    assert found[0].fix.startswith(f"Did you mean '{nearest}'?")


@pytest.mark.parametrize(
    "name, row, column, value, nearest",
    [
        ("outcomes", OUTCOME.replace(",dtc-days,", ",dtc-day,"), "measure_id", "dtc-day", "dtc-days"),
        ("caveats", CAVEAT.replace("test-carers", "test-carer"), "scheme_id", "test-carer", "test-carers"),
        ("caveats", CAVEAT.replace(",rep-2016,", ",rep-2017,"), "source_id", "rep-2017", "rep-2016"),
        ("explanations", EXPLANATION.replace("testshire", "testshir"), "area_id", "testshir", "testshire"),
    ],
)
def test_foreign_keys_of_the_new_files(tmp_path, name, row, column, value, nearest):
    found = problems(with_rows(tmp_path, **{name: [row]}))
    assert [(p.file.split("/")[-1], p.line, p.column, p.value) for p in found] == [(f"{name}.csv", 2, column, value)]
    assert found[0].fix.startswith(f"Did you mean '{nearest}'?")


@pytest.mark.parametrize(
    "name, first, again",
    [
        ("outcomes", OUTCOME, OUTCOME.replace("not been met", "been missed").replace(",worse,", ",on-plan,")),
        ("caveats", CAVEAT, CAVEAT.replace(",setback,", ",risk,")),
        ("explanations", EXPLANATION, EXPLANATION.replace("a late correction", "April twice")),
    ],
)
def test_primary_keys_of_the_new_files(tmp_path, name, first, again):
    found = problems(with_rows(tmp_path, **{name: [first, again]}))
    assert [(p.file.split("/")[-1], p.line) for p in found] == [(f"{name}.csv", 3)]
    assert found[0].message.startswith("this row repeats line 2")


def test_rows_differing_only_in_an_empty_key_cell_are_different_rows(tmp_path):
    data = load(
        with_rows(tmp_path, caveats=[CAVEAT, CAVEAT.replace("test-carers", "")], explanations=[EXPLANATION, EXPLANATION.replace(",dtc-days,", ",,")])
    )
    assert [c.scheme_id for c in data.caveats] == ["test-carers", None]
    assert [e.measure_id for e in data.explanations] == ["dtc-days", None]


@pytest.mark.parametrize(
    "name, row, column",
    [
        ("outcomes", OUTCOME.replace(",The target has not been met.,", ",,"), "quote"),
        ("caveats", CAVEAT.replace(",Paragraph 10", ","), "source_location"),
        ("explanations", EXPLANATION.replace(',"the report, paragraph 16"', ","), "said_by"),
    ],
)
def test_required_cells_of_the_new_files(tmp_path, name, row, column):
    found = problems(with_rows(tmp_path, **{name: [row]}))
    assert [(p.line, p.column, p.message) for p in found] == [(2, column, "this cell is empty but must be filled in")]


def test_a_range_of_people_is_hidden_when_either_end_is_a_small_number(tmp_path):
    rows = [observation("2", "4", measure="carers-assessed"), observation("0", "3", kind="actual", measure="carers-assessed")]
    rows.append(observation("5", "9", kind="last_year", measure="carers-assessed"))
    data = load(with_observations(tmp_path, *rows), small_number_threshold=5)
    assert [(o.value, o.value_to, o.suppressed) for o in data.observations] == [(2, 4, True), (0, 3, True), (5, 9, False)]


def test_the_synthetic_set_with_words_loads_and_is_the_same_every_time(tmp_path):
    import sys

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    a = synthetic.generate(tmp_path / "a", areas=10, schemes=40, years=1, seed=3, words=True)
    synthetic.generate(tmp_path / "b", areas=10, schemes=40, years=1, seed=3, words=True)
    plain = synthetic.generate(tmp_path / "c", areas=10, schemes=40, years=1, seed=3)
    for name in ("outcomes", "caveats", "observations"):
        assert (tmp_path / "a" / f"{name}.csv").read_bytes() == (tmp_path / "b" / f"{name}.csv").read_bytes()
    assert (tmp_path / "a" / "observations.csv").read_bytes() == (tmp_path / "c" / "observations.csv").read_bytes()  # figures unchanged
    assert a["rows"]["outcomes"] == 4 and a["rows"]["caveats"] == 4 and plain["rows"]["outcomes"] == plain["rows"]["caveats"] == 0
    data = load(tmp_path / "a")
    assert len(data.outcomes) == 4 and {c.kind for c in data.caveats} <= set(CaveatKind)
    assert data.measures["care-home-admissions-65"].short_name == "Care home moves"
