"""tools/postcodes.py: ONS's postcode directory (NSPL or ONSPD layout) into one small file a postcode district."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys

import pytest
from conftest import ROOT

SAMPLES = ROOT / "tests" / "fixtures" / "postcodes"
TOOL = ROOT / "tools" / "postcodes.py"
_spec = importlib.util.spec_from_file_location("postcodes_tool", TOOL)
assert _spec and _spec.loader
postcodes = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(postcodes)


def run(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(TOOL), *map(str, args)], capture_output=True, text=True, timeout=120)


def files(folder) -> dict[str, dict]:
    return {p.name: json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.json"))}


def test_one_file_a_district_with_the_council_for_social_care(tmp_path):
    result = run(SAMPLES / "nspl-sample.csv", "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "7 postcodes in 5 districts" in result.stdout
    found = files(tmp_path / "out")
    assert found == {
        "BN7.json": {"district": "BN7", "code": "E10000011", "except": {}},  # the county, not the district council E07000063
        "DH1.json": {"district": "DH1", "code": "E06000047", "except": {}},
        "NG2.json": {"district": "NG2", "code": "E10000024", "except": {}},
        "SO14.json": {"district": "SO14", "code": "E06000045", "except": {}},
        # Split between two councils: the one most postcodes are in, and the others' postcodes listed.
        "ZZ1.json": {"district": "ZZ1", "code": "E06000045", "except": {"E10000011": "1AC"}},
    }  # ZZ9 9ZZ is no longer in use


def test_the_onspd_layout_gives_the_same_files(tmp_path):
    assert run(SAMPLES / "nspl-sample.csv", "--out", tmp_path / "a").returncode == 0
    assert run(SAMPLES / "onspd-sample.csv", "--out", tmp_path / "b").returncode == 0
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_a_file_without_postcodes_writes_nothing_and_says_why(tmp_path):
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("postcode,laua\nSO14 7LY,E06000045\n", encoding="utf-8")
    result = run(wrong, "--out", tmp_path / "out")
    assert result.returncode == 1
    assert "there is no column 'pcds'" in result.stderr and "Nothing was written" in result.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("written", "parts"), [("so14 7ly", ("SO14", "7LY")), ("SO147LY", ("SO14", "7LY")), (" BN7  1UE ", ("BN7", "1UE")), ("EC1A 1BB", ("EC1A", "1BB"))]
)
def test_postcodes_are_read_however_they_are_spaced(written, parts):
    assert postcodes.tidy(written) == parts


@pytest.mark.parametrize("written", ["SO14", "Southampton", "SO14 7L", ""])
def test_what_is_not_a_postcode_is_left_out(written):
    assert postcodes.tidy(written) is None
