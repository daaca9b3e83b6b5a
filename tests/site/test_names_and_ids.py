"""Ids as long as the schema allows and names in any script, at any length, work everywhere: page addresses
and folders on disk, page text, charts and the search index. (Longer ids are refused by the schema's maxLength:
tests/data/test_excel_mistakes.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import built_site, data_dir

from macros.data.loader import load

AREA_ID = ("ynys-mon-" * 12)[:99] + "x"  # 100 characters, the most the schema allows
SCHEME_ID = ("cefnogi-" * 13)[:100]
AREA_NAME = "Ynys Môn / جزيرة / 安格爾西島 " + "and a very long name " * 20
SCHEME_NAME = "支持照顾者 Cefnogi gofalwyr دعم مقدمي الرعاية"
MEASURE_NAME = "Dyddiau a gollwyd — الأيام — 天数"


def renamed(tmp_path: Path) -> Path:
    data = data_dir(tmp_path)
    for path in data.glob("*.csv"):
        text = path.read_text(encoding="utf-8").replace("testshire", AREA_ID).replace("test-carers", SCHEME_ID)
        path.write_text(text, encoding="utf-8")
    for name, old, new in (
        ("areas", ",Testshire,", f",{AREA_NAME},"),
        ("schemes", "Supporting carers", SCHEME_NAME),
        ("measures", "Days people waited to leave hospital", MEASURE_NAME),
    ):
        path = data / f"{name}.csv"
        assert old in path.read_text(encoding="utf-8")
        path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("names")
    return built_site(tmp, renamed(tmp))


def test_the_ids_and_names_are_valid_data(tmp_path):
    data = load(renamed(tmp_path))
    assert len(AREA_ID) == len(SCHEME_ID) == 100
    assert data.areas[AREA_ID].name == AREA_NAME.strip() and data.schemes[SCHEME_ID].name == SCHEME_NAME


def test_pages_at_the_longest_ids_show_names_in_any_script(site):
    area = (site / "areas" / AREA_ID / "index.html").read_text(encoding="utf-8")
    scheme = (site / "schemes" / SCHEME_ID / "index.html").read_text(encoding="utf-8")
    measure = (site / "measures" / "dtc-days" / "index.html").read_text(encoding="utf-8")
    assert AREA_NAME.strip() in area and SCHEME_NAME in area and MEASURE_NAME in area
    assert SCHEME_NAME in scheme and f"/areas/{AREA_ID}/" in scheme
    assert MEASURE_NAME in measure and f"/areas/{AREA_ID}/" in measure
    assert f"<title>{AREA_NAME.strip()}" in area


def test_charts_are_drawn_for_them(site):
    area = (site / "areas" / AREA_ID / "index.html").read_text(encoding="utf-8")
    charts = [p for p in (site / "charts").glob("*.svg") if p.name in area]
    assert charts and all(p.stat().st_size for p in charts)


def test_search_finds_them(site):
    docs = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    for name in (AREA_NAME.strip(), SCHEME_NAME, MEASURE_NAME):
        assert any(name in d["title"] or name in d["text"] for d in docs), name
