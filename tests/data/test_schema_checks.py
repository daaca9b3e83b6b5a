"""Each check datapackage.json states, applied as it states it: header, required, type, enum, pattern,
minimum/maximum, primary keys and foreign keys (composite and self-referencing), all reported at once."""

from __future__ import annotations

from data_helpers import OBS_HEADER, OBS_ROW, append, edit_schema, field, folder, places, problems, schema_of

from macros.data.loader import load

# Header -------------------------------------------------------------------------------------------------------


def test_a_missing_optional_column_is_an_error_naming_what_to_add(tmp_path):
    header = OBS_HEADER.replace(",value,", ",")
    row = "testshire,,dtc-days,2016-06-01,2016-06-30,Jun,plan,,table,,rep-2016,T,,,"
    found = problems(folder(tmp_path, observations=f"{header}\n{row}\n"))
    assert places(found) == [("observations.csv", 1, "value")]
    assert found[0].message == "this column is missing"
    assert found[0].fix.startswith("Add a column headed 'value' (The figure as printed")


def test_an_unknown_column_suggests_the_nearest(tmp_path):
    header = OBS_HEADER.replace("qualifier", "qualifer")
    found = problems(folder(tmp_path, observations=f"{header}\n{OBS_ROW.format(value=3)}\n"))
    assert [(p.column, p.message, p.fix) for p in found if p.line == 1 and p.column == "qualifer"] == [
        ("qualifer", "this column is not one the site knows", "Did you mean 'qualifier'?")
    ]
    assert ("observations.csv", 1, "qualifier") in places(found)  # and the real one is missing


def test_a_column_twice_is_an_error(tmp_path):
    found = problems(folder(tmp_path, glossary="term,meaning,explanation,meaning\nDTC,x,y,z\n"))
    assert [(p.line, p.column, p.message) for p in found] == [(1, "meaning", "this column appears twice")]


# Cells --------------------------------------------------------------------------------------------------------


def test_required_cell_empty(tmp_path):
    data = folder(tmp_path)
    line = append(data, "glossary", "ABC,,An explanation.")
    found = problems(data)
    assert places(found) == [("glossary.csv", line, "meaning")]
    assert found[0].message == "this cell is empty but must be filled in" and found[0].value is None


def test_integer_type(tmp_path):
    data = folder(tmp_path)
    append(data, "risks", "testshire,,2,Another risk,2.5,2,4,,,rep-2016,P")
    found = problems(data)
    assert [(p.line, p.column, p.value, p.message) for p in found] == [(3, "impact", "2.5", "this is not a whole number")]


def test_date_type(tmp_path):
    found = problems(folder(tmp_path, observations=OBS_HEADER + "\n" + OBS_ROW.replace("2016-06-30", "June 2016").format(value=1) + "\n"))
    assert [(p.line, p.column, p.value, p.message) for p in found] == [(2, "period_end", "June 2016", "this is not a date")]


def test_minimum_and_maximum_come_from_the_schema(tmp_path):
    data = folder(tmp_path)
    append(data, "risks", "testshire,,2,Another risk,6,0,0,,,rep-2016,P")
    found = problems(data)
    assert [(p.column, p.value, p.message) for p in found] == [
        ("impact", "6", "this must be from 1 to 5"),
        ("probability", "0", "this must be from 1 to 5"),
    ]
    edit_schema(data, lambda package: field(package, "risks", "impact")["constraints"].update(maximum=6))
    assert [(p.column, p.value) for p in problems(data)] == [("probability", "0")]


def test_enum_is_case_sensitive_but_suggests_the_word(tmp_path):
    data = folder(tmp_path)
    rows = (data / "measures.csv").read_text(encoding="utf-8").replace(",count,higher,yes,", ",count,higher,Yes,")
    (data / "measures.csv").write_text(rows, encoding="utf-8")
    found = problems(data)
    assert [(p.line, p.column, p.value, p.message) for p in found] == [(3, "counts_people", "Yes", "this is not one of the allowed values")]
    assert found[0].fix == "Did you mean 'yes'? Write one of: yes, no."


def test_enum_values_are_read_from_the_schema(tmp_path):
    data = folder(tmp_path)
    edit_schema(data, lambda package: field(package, "schemes", "status")["constraints"].update(enum=["planned", "live"]))
    found = problems(data)
    assert [(p.column, p.value, p.fix) for p in found] == [("status", "running", "Write one of: planned, live.")]


def test_pattern_suggests_an_id(tmp_path):
    data = folder(tmp_path)
    append(data, "glossary", "XYZ,Something,An explanation.")
    append(data, "risks", "testshire,Test Carers,2,Another risk,2,2,4,,,rep-2016,P")
    found = problems(data)
    assert [(p.line, p.column, p.value) for p in found] == [(3, "scheme_id", "Test Carers")]
    assert str(found[0]) == (
        "data/risks.csv, line 3, column 'scheme_id': an id can only have lower-case letters a to z, digits, and single hyphens "
        "between them (found 'Test Carers'). Write it as 'test-carers', its id in data/schemes.csv."
    )


def test_the_pattern_is_the_schemas_own(tmp_path):
    """Change the pattern in the copied datapackage.json and the check changes with it."""
    data = folder(tmp_path)
    load(data)  # the tiny data set is valid as it is
    edit_schema(data, lambda package: field(package, "sources", "id")["constraints"].update(pattern="^[a-z]+-[0-9]{2}$"))
    edit_schema(data, lambda package: field(package, "sources", "id").update(patternMessage="a source id is letters, a hyphen and two digits"))
    found = problems(data)
    assert places(found) == [("sources.csv", 2, "id")]
    assert (found[0].value, found[0].message) == ("rep-2016", "a source id is letters, a hyphen and two digits")
    # Without words for it, the message quotes the pattern itself.
    edit_schema(data, lambda package: field(package, "sources", "id").pop("patternMessage"))
    assert problems(data)[0].message == "this does not have the form this column needs (the pattern ^[a-z]+-[0-9]{2}$)"
    edit_schema(data, lambda package: field(package, "sources", "id")["constraints"].update(pattern="^REP-[0-9]+$"))
    (data / "sources.csv").write_text((data / "sources.csv").read_text(encoding="utf-8").replace("rep-2016,", "REP-2016,", 1), encoding="utf-8")
    # Now the old id breaks the foreign keys that point at sources, and only them: the pattern accepts REP-2016.
    assert {(p.file.split("/")[-1], p.message) for p in problems(data)} == {
        (f"{name}.csv", "there is no such source in data/sources.csv")
        for name in ("areas", "schemes", "observations", "money", "milestones", "risks")
    }


def test_an_unknown_check_in_the_schema_is_reported_not_skipped(tmp_path):
    data = folder(tmp_path)
    edit_schema(data, lambda package: field(package, "areas", "name")["constraints"].update(startsWith="T"))
    found = problems(data)
    assert [(p.column, p.value, p.message) for p in found] == [("name", "startsWith", "the data package gives a constraint the site cannot check")]


# Keys ---------------------------------------------------------------------------------------------------------


def test_primary_key_repeated(tmp_path):
    data = folder(tmp_path)
    line = append(data, "glossary", "DTC,Again,Again.")
    found = problems(data)
    assert [(p.line, p.message) for p in found] == [(line, "this row repeats line 2 (term=DTC)")]


def test_composite_primary_key_compares_values_not_spellings(tmp_path):
    """observations' key is seven columns; 01/06/2016 and 2016-06-01 are the same date."""
    row = OBS_ROW.format(value=5)
    same = row.replace("2016-06-01", "01/06/2016")
    other_kind = row.replace(",plan,", ",actual,")
    found = problems(folder(tmp_path, observations=f"{OBS_HEADER}\n{row}\n{other_kind}\n{same}\n"))
    assert [(p.line, p.column, p.message) for p in found] == [
        (
            4,
            None,
            "this row repeats line 2 (area_id=testshire, measure_id=dtc-days, period_start=2016-06-01, "
            "period_end=2016-06-30, kind=plan, printed_in=table)",
        )
    ]


def test_rows_with_broken_key_cells_are_not_called_repeats(tmp_path):
    bad = OBS_ROW.replace("testshire", "Test Shire")
    found = problems(folder(tmp_path, observations=f"{OBS_HEADER}\n{bad.format(value=1)}\n{bad.format(value=2)}\n"))
    assert [(p.line, p.column) for p in found] == [(2, "area_id"), (3, "area_id")]
    assert not any("repeats" in p.message for p in found)


def test_foreign_key_with_the_nearest_id(tmp_path):
    data = folder(tmp_path)
    line = append(data, "milestones", "testshir,,Something done,2016-09-30,Sep 16,,rep-2016,P")
    found = problems(data)
    assert [(p.line, p.column, p.value, p.message) for p in found] == [(line, "area_id", "testshir", "there is no such area in data/areas.csv")]
    assert found[0].fix == "Did you mean 'testshire'? Use an id from the 'id' column of data/areas.csv, or add a row there first."


def test_self_referencing_foreign_key(tmp_path):
    data = folder(tmp_path)
    text = (data / "measures.csv").read_text(encoding="utf-8").replace(",yes,,,\n", ",yes,,dtc-dayz,\n")
    (data / "measures.csv").write_text(text, encoding="utf-8")
    found = problems(data)
    assert [(p.line, p.column, p.value, p.message) for p in found] == [(3, "part_of", "dtc-dayz", "there is no such measure in data/measures.csv")]
    assert found[0].fix.startswith("Did you mean 'dtc-days'?")


def test_composite_foreign_key(tmp_path):
    """A schema may say (area_id, scheme_id) must be a row of schemes.csv's (area_id, id)."""
    data = folder(tmp_path)
    append(data, "areas", "otherton,Otherton,Otherton Council,Another area.,rep-2016")
    append(data, "risks", "otherton,test-carers,2,Another risk,2,2,4,,,rep-2016,P")
    load(data)  # the schema as written has no composite key: this row is valid
    edit_schema(
        data,
        lambda package: schema_of(package, "risks")["foreignKeys"].append(
            {"fields": ["area_id", "scheme_id"], "reference": {"resource": "schemes", "fields": ["area_id", "id"]}}
        ),
    )
    found = problems(data)
    assert [(p.line, p.column, p.value) for p in found] == [(3, "area_id, scheme_id", "otherton, test-carers")]
    assert found[0].message == "there is no such scheme with these area_id, id in data/schemes.csv"
    assert found[0].fix.startswith("Did you mean 'testshire, test-carers'? Use values from the columns area_id, id of data/schemes.csv")


# All at once ----------------------------------------------------------------------------------------------------


def test_every_problem_in_every_file_at_once_with_its_place_value_and_fix(tmp_path):
    data = folder(tmp_path)
    glossary = append(data, "glossary", "ABC,,An explanation.")
    risks = append(data, "risks", "testshire,,2,Another risk,9,2,4,,,rep-2016,P")
    observations = append(
        data,
        "observations",
        OBS_ROW.format(value="lots"),
        OBS_ROW.replace("dtc-days", "dtc-dayz").format(value=4),
        OBS_ROW.replace(",plan,", ",Plan,").format(value=4),
    )
    found = problems(data)
    assert [(p.file, p.line, p.column, p.value) for p in found] == [
        ("data/glossary.csv", glossary, "meaning", None),
        ("data/observations.csv", observations, "value", "lots"),
        ("data/observations.csv", observations + 1, "measure_id", "dtc-dayz"),
        ("data/observations.csv", observations + 2, "kind", "Plan"),
        ("data/risks.csv", risks, "impact", "9"),
    ]
    assert all(p.fix for p in found)
    assert found[3].fix.startswith("Did you mean 'plan'?")
    assert "data/observations.csv, line 14, column 'measure_id': there is no such measure" in str(found[2])


def test_a_broken_file_does_not_hide_the_rules_other_files_break(tmp_path):
    """observations.csv has a wrong header, yet money.csv's period that ends before it starts is still found."""
    data = folder(tmp_path, observations=OBS_HEADER.replace("kind", "knd") + "\n")
    text = (data / "money.csv").read_text(encoding="utf-8").splitlines()
    text[1] = text[1].replace("2017-03-31", "2015-03-31")
    (data / "money.csv").write_text("\n".join(text) + "\n", encoding="utf-8")
    found = problems(data)
    assert places(found) == [("money.csv", 2, "period_end"), ("observations.csv", 1, "knd"), ("observations.csv", 1, "kind")]


def test_integers_are_written_as_the_schema_says(tmp_path):
    """Table Schema's integer: digits with an optional sign. 1,000, seven and 3* are refused, saying what to write."""
    data = folder(tmp_path)
    first = append(
        data,
        "risks",
        *(f"testshire,,{n},A risk,{impact},2,4,,,rep-2016,P" for n, impact in [(2, "+3"), (3, "seven"), (4, "3*"), ('"1,000"', 2), (6, "high")]),
    )
    found = problems(data)
    assert [(p.line - first, p.column, p.value, p.fix) for p in found] == [
        (1, "impact", "seven", "Write it as 7: digits only, no commas or marks."),
        (2, "impact", "3*", "Write it as 3: digits only, no commas or marks."),
        (3, "number", "1,000", "Write it as 1000: digits only, no commas or marks."),
        (4, "impact", "high", "Write a whole number such as 3."),
    ]
    assert found[3].message == "this is not a whole number"
