"""Small data folders made from the tiny fixture with a row, a column or the schema changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import data_dir

from macros.data.errors import DataProblems, Problem
from macros.data.loader import load

OBS_HEADER = (
    "area_id,scheme_id,measure_id,period_start,period_end,period_label,kind,value,qualifier,printed_in,note,source_id,source_location,"
    "value_to,per,compared_with"
)
OBS_ROW = "testshire,,dtc-days,2016-06-01,2016-06-30,Jun,plan,{value},,table,,rep-2016,T,,,"


def folder(tmp_path: Path, **files: str) -> Path:
    """The tiny data set with whole files replaced by the given text (name without .csv)."""
    data = data_dir(tmp_path)
    for name, text in files.items():
        (data / f"{name}.csv").write_text(text, encoding="utf-8")
    return data


def append(data: Path, name: str, *rows: str) -> int:
    """Add rows at the end of a file; the line the first of them is on."""
    path = data / f"{name}.csv"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    path.write_text("\n".join(lines + list(rows)) + "\n", encoding="utf-8")
    return len(lines) + 1


def edit_schema(data: Path, change) -> None:
    """Change the copied datapackage.json: change(package) edits the parsed JSON in place."""
    path = data / "datapackage.json"
    package = json.loads(path.read_text(encoding="utf-8"))
    change(package)
    path.write_text(json.dumps(package, indent=2), encoding="utf-8")


def field(package: dict, resource: str, name: str) -> dict:
    schema = next(r["schema"] for r in package["resources"] if r["name"] == resource)
    return next(f for f in schema["fields"] if f["name"] == name)


def schema_of(package: dict, resource: str) -> dict:
    return next(r["schema"] for r in package["resources"] if r["name"] == resource)


def problems(data: Path) -> list[Problem]:
    with pytest.raises(DataProblems) as caught:
        load(data)
    return caught.value.problems


def places(found: list[Problem]) -> list[tuple]:
    """(file name, line, column) of each problem."""
    return [(p.file.split("/")[-1], p.line, p.column) for p in found]
