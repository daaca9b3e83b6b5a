"""Whatever a file holds, loading ends in DataProblems naming it, never in a traceback."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, data_dir
from data_helpers import OBS_HEADER, OBS_ROW, edit_schema, field, folder, places, problems, schema_of

from macros.data.errors import DataProblems, Problem
from macros.data.loader import load

ROW = OBS_ROW.format(value=3)
GARBAGE = {
    "empty": b"",
    "only blank lines": b"\n\n\r\n",
    "binary junk": bytes(range(256)) * 4,
    "NUL bytes": OBS_HEADER.encode() + b"\n\x00\x00\x00\n",
    "UTF-16": f"{OBS_HEADER}\n{ROW}\n".encode("utf-16"),
    "neither UTF-8 nor Windows-1252": OBS_HEADER.encode() + b"\n\x81\x8d\x8f\x90\x9d\n",
    "ragged rows": f"{OBS_HEADER}\n{ROW},extra,cells\n{ROW[:20]}\n".encode(),
    "a 500-character id": f"{OBS_HEADER}\n{ROW.replace('testshire', 'x' * 500)}\n".encode(),
    "a 500-character id with spaces": f"{OBS_HEADER}\n{ROW.replace('testshire', 'Test shire ' * 50)}\n".encode(),
    "an unclosed quote": f'{OBS_HEADER}\n"{ROW}\n'.encode(),
    "header only of the wrong file": b"id,name,bodies,summary,source_id\n",
    "a header of commas": b",,,,,,,,,,,,\n1,2\n",
    "a 400-digit figure": (OBS_HEADER + "\n" + OBS_ROW.format(value="9" * 400) + "\n").encode(),
    "a million-character cell": (OBS_HEADER + "\n" + ROW.replace("Jun", "J" * 1_000_000) + ",x\n").encode(),
    "carriage returns only": f"{OBS_HEADER}\r{ROW.replace('plan', 'guess')}\r".encode(),
    "HTML saved as CSV": b"<!DOCTYPE html><html><body><table><tr><td>1</td></tr></table></body></html>\n",
    "a spreadsheet's own format": b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + bytes(200),
}


@pytest.mark.parametrize("name", GARBAGE)
def test_garbage_gives_data_problems_about_that_file(tmp_path, name):
    data = data_dir(tmp_path)
    (data / "observations.csv").write_bytes(GARBAGE[name])
    with pytest.raises(DataProblems) as caught:
        load(data)
    found = caught.value.problems
    assert found and all(isinstance(p, Problem) for p in found)
    assert all(p.file == "data/observations.csv" for p in found), [str(p) for p in found]
    assert all(p.message and p.fix for p in found)
    str(caught.value)  # the message can be printed


@pytest.mark.parametrize(
    "package",
    [
        b"",
        b"{",
        b"[]",
        b'{"resources": 3}',
        b'{"resources": [{"name": "x"}]}',
        b'{"resources": [{"name": "areas", "path": "areas.csv", "schema": {"fields": [{"type": "string"}]}}]}',
        b"\xff\xfe\x00",
    ],
)
def test_a_broken_data_package_description_is_a_problem_too(tmp_path, package):
    data = data_dir(tmp_path)
    (data / "datapackage.json").write_bytes(package)
    with pytest.raises(DataProblems) as caught:
        load(data)
    assert all(p.file.endswith("datapackage.json") for p in caught.value.problems)


def _resource(package: dict, name: str) -> dict:
    return next(r for r in package["resources"] if r["name"] == name)


def _index(package: dict, name: str) -> int:
    return [r["name"] for r in package["resources"]].index(name)


@pytest.mark.parametrize(
    "change, place, missing",
    [
        (
            lambda package: _resource(package, "areas").pop("path"),
            lambda package: f"$.resources[{_index(package, 'areas')}] (resource 'areas')",
            "path",
        ),
        (
            lambda package: field(package, "areas", "bodies").pop("name"),
            lambda package: f"$.resources[{_index(package, 'areas')}].schema.fields[2] (resource 'areas', its 3rd field)",
            "name",
        ),
    ],
    ids=["a resource with no path", "a field with no name"],
)
def test_a_description_not_shaped_as_a_data_package_is_one_problem_saying_where(tmp_path, change, place, missing):
    """Checked by jsonschema against the Data Package profile (descriptor.py), not by assert (which python -O
    leaves out): one problem naming the file, the place in it as a JSON path, what is missing and what to do."""
    data = data_dir(tmp_path)
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    edit_schema(data, change)
    [problem] = problems(data)
    assert problem.file == str(data / "datapackage.json") and problem.line is None and problem.column is None
    assert problem.message == f"this does not describe the data files as a Data Package does: at {place(package)}, it has no '{missing}'"
    assert problem.fix.startswith("Correct that place in datapackage.json")


def test_the_description_is_checked_with_python_dash_o_too(tmp_path):
    """`python -O` drops assert statements: the check must not be one."""
    data = data_dir(tmp_path)
    edit_schema(data, lambda package: _resource(package, "areas").pop("path"))
    code = "import sys\nfrom macros.data.errors import DataProblems\nfrom macros.data.loader import load\n"
    code += f"try:\n    load({str(data)!r})\nexcept DataProblems as e:\n    print(e.problems[0].message)\n"
    result = subprocess.run([sys.executable, "-O", "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert "it has no 'path'" in result.stdout


@pytest.mark.parametrize(
    "change",
    [
        lambda package: field(package, "schemes", "status")["constraints"].update(enum="planned"),
        lambda package: field(package, "schemes", "id")["constraints"].update(pattern="[a-z"),
        lambda package: field(package, "risks", "impact").update(type="boolean"),
        lambda package: schema_of(package, "risks")["foreignKeys"].append({"fields": "owner", "reference": {"resource": "people", "fields": "id"}}),
        lambda package: schema_of(package, "risks")["foreignKeys"].append(
            {"fields": ["owner"], "reference": {"resource": "areas", "fields": ["id", "name"]}}
        ),
        lambda package: schema_of(package, "risks").update(primaryKey=["area_id", "numero"]),
        lambda package: schema_of(package, "risks").update(foreignKeys=[{"fields": "owner"}]),
        lambda package: field(package, "risks", "impact")["constraints"].update(maximum="lots"),
        lambda package: field(package, "risks", "owner").update(constraints={"minimum": 1}),
        lambda package: field(package, "areas", "id").update(patternMessage=["not", "words"]),
    ],
)
def test_a_schema_whose_checks_cannot_be_applied_is_a_problem(tmp_path, change):
    data = data_dir(tmp_path)
    edit_schema(data, change)
    with pytest.raises(DataProblems) as caught:
        load(data)
    assert [p.file.split("/")[-1] for p in caught.value.problems] == ["datapackage.json"]


def test_a_folder_where_a_file_should_be(tmp_path):
    data = data_dir(tmp_path)
    (data / "risks.csv").unlink()
    (data / "risks.csv").mkdir()
    assert [(p.file, p.line) for p in problems(data)] == [("data/risks.csv", None)]


def test_a_file_with_only_its_header_is_valid_and_empty(tmp_path):
    data = folder(tmp_path, risks="area_id,scheme_id,number,risk,impact,probability,score,mitigation,owner,source_id,source_location\n")
    assert load(data).risks == []


def test_a_stray_comma_is_reported_with_its_line_and_the_rest_still_checked(tmp_path):
    found = problems(folder(tmp_path, observations=f"{OBS_HEADER}\n{ROW},oops\n\n{ROW.replace('plan', 'guess')}\n"))
    assert places(found) == [("observations.csv", 2, None), ("observations.csv", 4, "kind")]
    assert found[0].message == "this row has one cell more than the header row, so its cells are in the wrong columns"


def test_lines_stay_true_after_a_note_over_several_lines(tmp_path):
    note = '"A footnote\nover three\nlines"'
    rows = [ROW.replace(",table,,", f",table,{note},"), "", ROW.replace("plan", "guess")]
    found = problems(folder(tmp_path, observations=OBS_HEADER + "\n" + "\n".join(rows) + "\n"))
    assert places(found) == [("observations.csv", 6, "kind")]


def test_a_400_digit_whole_number_is_a_whole_number(tmp_path):
    """Table Schema's integer has no bound; Python's neither, so nothing overflows."""
    data = data_dir(tmp_path)
    rows = (data / "risks.csv").read_text(encoding="utf-8").splitlines()
    rows.append(f"testshire,,{'9' * 400},Another risk,2,2,4,,,rep-2016,P")
    (data / "risks.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    assert [r.number for r in load(data).risks][-1] == int("9" * 400)
