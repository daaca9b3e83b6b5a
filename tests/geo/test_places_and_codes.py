"""areas.csv's optional `ons_code`, places.csv and comparison_groups.csv: read and checked like the other files."""

from __future__ import annotations

import csv
import json

from conftest import ROOT, TINY
from geo_helpers import PLACES, located, problems

from macros.data.loader import load


def test_places_and_codes_are_read(tmp_path):
    data = load(located(tmp_path))
    assert data.areas["testshire"].ons_code == "E06000045"
    assert data.areas["vale-partnership"].ons_code == ""
    assert [(p.place, p.area_id, p.source_location) for p in data.places] == [
        ("Little Wallop", "testshire", "Paragraph 3"),
        ("Great Wallop", "vale-partnership", "Paragraph 4"),
    ]
    assert data.hexmap is not None and data.hexmap.layout == "odd-r"
    assert data.hexmap.hexes["E06000045"].name == "Southampton"


def test_a_data_folder_from_before_places_and_codes_still_reads():
    """The tiny fixture's datapackage.json has no places, comparison groups or hex map, and areas.csv no ons_code."""
    package = json.loads((TINY / "datapackage.json").read_text(encoding="utf-8"))
    assert {r["name"] for r in package["resources"]}.isdisjoint({"places", "comparison_groups", "hexmap"})
    data = load(TINY)
    assert data.places == [] and data.similar == [] and data.hexmap is None
    assert {a.ons_code for a in data.areas.values()} == {""}


def test_areas_csv_may_leave_out_the_ons_code_column(tmp_path):
    data = located(tmp_path, areas=(TINY / "areas.csv").read_text(encoding="utf-8"), places="place,area_id,source_id,source_location\n")
    assert load(data).areas["testshire"].ons_code == ""


def test_a_place_in_an_unknown_area_is_an_error_with_a_suggestion(tmp_path):
    data = located(tmp_path, places=PLACES + "Upper Wallop,testshir,rep-2016,Paragraph 5\n")
    found = problems(data)
    assert [str(p) for p in found] == [
        f"{data.name}/places.csv, line 4, column 'area_id': there is no such area in {data.name}/areas.csv (found 'testshir'). "
        f"Did you mean 'testshire'? Use an id from the 'id' column of {data.name}/areas.csv, or add a row there first."
    ]


def test_a_place_needs_its_source(tmp_path):
    data = located(tmp_path, places=PLACES + "Upper Wallop,testshire,,Paragraph 5\n")
    assert [(p.line, p.column, p.message) for p in problems(data)] == [(4, "source_id", "this cell is empty but must be filled in")]


def test_an_ons_code_of_the_wrong_form_is_an_error(tmp_path):
    areas = "id,name,bodies,summary,source_id,ons_code\ntestshire,Testshire,Testshire Council,The council.,rep-2016,e6000045\n"
    found = problems(located(tmp_path, areas=areas, places="place,area_id,source_id,source_location\n"))
    assert [(p.line, p.column, p.value, p.message) for p in found] == [
        (2, "ons_code", "e6000045", "an ONS area code is a capital letter (E for England) and eight digits")
    ]


def test_two_areas_with_one_ons_code_is_an_error(tmp_path):
    areas = (
        "id,name,bodies,summary,source_id,ons_code\n"
        "testshire,Testshire,Testshire Council,The council.,rep-2016,E06000045\n"
        "other,Other,Other Council,The council.,rep-2016,E06000045\n"
    )
    found = problems(located(tmp_path, areas=areas, places="place,area_id,source_id,source_location\n"))
    assert [(p.line, p.column, p.message) for p in found] == [(3, "ons_code", "this ONS code is given to another area too, on line 2")]


def test_a_comparison_group_names_known_areas(tmp_path):
    groups = "area_id,group,similar_area_id,source\ntestshire,Nearest neighbours,vale-partnershp,CIPFA 2019\n"
    found = problems(located(tmp_path, groups=groups))
    assert [(p.line, p.column, p.value) for p in found] == [(2, "similar_area_id", "vale-partnershp")]
    assert "Did you mean 'vale-partnership'?" in found[0].fix


def test_the_built_in_places_each_name_an_area_a_report_and_where_in_it():
    """Not the list itself (an editor may add places): that each row is whole and the areas' codes are as the
    hex map's README gives them, or empty for the partnership."""
    with open(ROOT / "data" / "places.csv", encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    assert rows and all(r["place"] and r["area_id"] and r["source_id"] and r["source_location"] for r in rows)
    data = load(ROOT / "data")
    assert data.hexmap is not None
    for area in data.areas.values():
        assert area.ons_code == "" or area.ons_code in data.hexmap.hexes, area.id
