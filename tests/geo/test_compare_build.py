"""Comparing areas, through a real build of a small synthetic set (benchmarks/synthetic.py: real councils, made-up
figures) changed so that each rule of analysis/compare.py has a measure of its own:

- delayed-transfer-days (lower is better), people-using-telecare (higher) and referrals-to-social-care (neither):
  every area's latest figure is for a month, so every area is compared with all the others;
- ae-attendances: only 4 areas report it, so none is compared (we compare only when 5 or more do);
- emergency-admissions: 2 areas' latest figures are for a year, the others' for a month: the months are compared
  among themselves, the 2 years are not compared.

What each page should say is worked out here from the CSV files the build read. Every page says the figures are
made up (datapackage.json: "synthetic": true)."""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

import pytest
from conftest import ROOT, built_site
from test_site import visible

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402

pytestmark = pytest.mark.slow

AREAS = 12  # 8 councils and the 4 made-up partnerships
ALL_MONTHS = {"delayed-transfer-days": "Lower", "people-using-telecare": "Higher", "referrals-to-social-care": ""}
FEW, FEW_AREAS = "ae-attendances", 4
MIXED, YEARS = "emergency-admissions", 2
FIFTHS = ("lowest", "second lowest", "middle", "second highest", "highest")


def _month(row: dict) -> bool:
    return row["period_start"][:7] == row["period_end"][:7]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(site, ids of the areas in order, {measure: {area: latest actual}}, the areas whose latest is a year)."""
    tmp = tmp_path_factory.mktemp("compare")
    summary = synthetic.generate(tmp / "data", areas=AREAS, schemes=AREAS, years=1, seed=5)
    ids = summary["area_ids"]
    path = tmp / "data" / "observations.csv"
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        fields, rows = reader.fieldnames, list(reader)
    # Whole-area figures for months only (no printed year totals), and ae-attendances for 4 areas only.
    rows = [r for r in rows if r["scheme_id"] or (_month(r) and (r["measure_id"] != FEW or r["area_id"] in ids[:FEW_AREAS]))]
    # Two areas print a year total of emergency admissions: their latest figure is for the year.
    year_areas = ids[-YEARS:]
    for area_id in year_areas:
        months = [r for r in rows if (r["area_id"], r["scheme_id"], r["measure_id"]) == (area_id, "", MIXED)]
        for kind in ("plan", "actual"):
            total = sum(int(r["value"].replace(",", "")) for r in months if r["kind"] == kind)
            first = months[0]
            rows.append(
                {**first, "period_start": "2019-04-01", "period_end": "2020-03-31", "period_label": "2019/20", "kind": kind, "value": f"{total:,}"}
            )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    latest: dict[str, dict[str, float]] = {}
    for r in rows:
        if (
            not r["scheme_id"]
            and r["kind"] == "actual"
            and r["printed_in"] == "table"
            and _month(r)
            and r["period_end"] == "2020-03-31"
            and r["measure_id"] in (*ALL_MONTHS, MIXED)
        ):
            latest.setdefault(r["measure_id"], {})[r["area_id"]] = float(r["value"].replace(",", "").rstrip("%"))
    return built_site(tmp, tmp / "data"), ids, latest, year_areas


def _page(site: Path, *parts: str) -> str:
    return visible((site.joinpath(*parts) / "index.html").read_text(encoding="utf-8"))


def _expected(values: dict[str, float], area_id: str) -> str:
    mine = values[area_id]
    others = [v for a, v in values.items() if a != area_id]
    higher, lower = sum(v > mine for v in others), sum(v < mine for v in others)
    fifth = FIFTHS[min(4, int((lower + 0.5 * (len(others) - higher - lower)) / len(others) * 5))]
    return f"lower than {higher} of the {len(others)} other areas and higher than {lower}; among the {fifth} fifth."


def test_areas_reporting_a_measure_for_periods_of_the_same_length_are_compared_with_its_direction(built):
    site, ids, latest, _ = built
    for measure_id, better in ALL_MONTHS.items():
        assert len(latest[measure_id]) == AREAS
        for area_id in ids:
            words = _page(site, "areas", area_id)
            name = synthetic.SHORT_NAMES.get(measure_id) or next(m[1] for m in synthetic.MEASURES if m[0] == measure_id)
            said = f"{name} Against all areas that report it: {_expected(latest[measure_id], area_id)}"
            if better:
                said += f" {better} is better here."
            else:  # neither is better: no side said
                assert f"{said} Lower is better" not in words and f"{said} Higher is better" not in words
            assert said in words, (measure_id, area_id, words[words.find("How it compares") :][:3000])
        table = _page(site, "measures", measure_id)
        assert "The last column gives each area's place among areas whose latest figure is for a period of the same length." in table
        assert "not compared" not in table.lower()
        assert _expected(latest[measure_id], ids[0])[:-1].capitalize() in table  # the last column


def test_a_comparison_group_of_nearest_councils_is_made_up_and_compared(built):
    site, ids, latest, _ = built
    groups = list(csv.DictReader((site.parent.parent / "data" / "comparison_groups.csv").open(encoding="utf-8")))
    assert {g["group"] for g in groups} == {synthetic.GROUP} and all("Made up" in g["source"] for g in groups)
    council = groups[0]["area_id"]
    members = {council} | {g["similar_area_id"] for g in groups if g["area_id"] == council}
    assert len(members) == synthetic.NEIGHBOURS + 1
    values = {a: v for a, v in latest["delayed-transfer-days"].items() if a in members}
    words = _page(site, "areas", council)
    assert f"Similar areas ({synthetic.GROUP}): " in words  # named once, under "Where it is"
    assert f"Against its similar areas: {_expected(values, council)}" in words


def test_fewer_than_five_areas_are_not_compared_and_the_page_says_why(built):
    site, ids, _, _ = built
    for area_id in ids[:FEW_AREAS]:
        assert (
            f"Against all areas that report it: not compared, because only {FEW_AREAS} areas report this measure; we compare only when 5 or more do."
            in _page(site, "areas", area_id)
        )
    words = _page(site, "measures", FEW)
    assert f"Areas are not compared on this measure, because only {FEW_AREAS} areas report this measure; we compare only when 5 or more do." in words
    assert "Compared with other areas" not in words  # no column of places


def test_periods_of_different_lengths_are_not_compared(built):
    site, ids, latest, year_areas = built
    months = {a: v for a, v in latest[MIXED].items() if a not in year_areas}
    for area_id in year_areas:
        assert (
            "Against all areas that report it: not compared, because their latest figures' periods differ in length, "
            f"and only {YEARS} are for 12 months, as this area's is; we compare only when 5 or more are." in _page(site, "areas", area_id)
        )
    area_id = next(a for a in ids if a not in year_areas)
    assert (
        f"Against all areas that report it: {_expected(months, area_id)} "
        f"{YEARS} areas with figures for other lengths of time are left out. Lower is better here." in _page(site, "areas", area_id)
    )
    words = _page(site, "measures", MIXED)
    assert f"{YEARS} areas are not compared. Fewer than 5 areas have a latest figure for a period as long as theirs." in words
    assert words.count("Not compared") == YEARS


def test_every_page_says_the_figures_are_made_up(built):
    site, ids, _, _ = built
    pages = [site / "index.html", site / "404.html", *sorted(site.glob("*/**/index.html"))]
    assert len(pages) > 40
    for page in pages:
        assert "The figures on this site are made up." in visible(page.read_text(encoding="utf-8")), page
    assert "Made-up figures: datapackage.json says" in (site / "build-report.txt").read_text(encoding="utf-8")


def test_the_built_in_data_says_nothing_of_the_kind():
    """The project's own datapackage.json has no "synthetic": its figures are real."""
    assert '"synthetic"' not in (ROOT / "data" / "datapackage.json").read_text(encoding="utf-8")
    assert re.search(r'"synthetic": true', synthetic.marked_synthetic((ROOT / "data" / "datapackage.json").read_bytes()).decode())
