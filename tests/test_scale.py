"""A small version of the synthetic national data set (benchmarks/synthetic.py) built for real, so scale bugs
show up here: id and name collisions, page addresses, nav size, page weight, rows that reach no page, and the
deliberate disagreements and small numbers the generator plants."""

from __future__ import annotations

import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build

pytestmark = pytest.mark.slow  # one national-style build of 20 areas and 200 schemes

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402

AREA_PAGE_LIMIT = 150_000  # bytes of HTML and own charts; the area pages of this set weigh 90 to 100 KB
PAGE_LIMIT = 150_000  # any other page; the largest, the list of all 200 schemes, weighs about 45 KB


@pytest.fixture(scope="module")
def scale(tmp_path_factory):
    """The set generated (20 areas, 200 schemes, a year) and built with --strict; (summary, site, output)."""
    tmp = tmp_path_factory.mktemp("scale")
    summary = synthetic.generate(tmp / "data", areas=20, schemes=200, years=1, seed=1)
    # The project without the editors' pages about areas of the real data (they would name areas this set lacks).
    project = tmp / "project"
    shutil.copytree(
        ROOT / "docs",
        project / "docs",
        ignore=lambda folder, names: [
            n for n in names if n.endswith(".md") and Path(folder).parent == ROOT / "docs" and Path(folder).name in ("areas", "schemes", "measures")
        ],
    )
    shutil.copytree(ROOT / "overrides", project / "overrides")
    os.symlink(ROOT / "macros", project / "macros")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    result = build(tmp, tmp / "data")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return summary, project / "site", result.stdout + result.stderr


def test_the_generator_is_deterministic(tmp_path):
    a = synthetic.generate(tmp_path / "a", areas=10, schemes=40, years=1, seed=7)
    b = synthetic.generate(tmp_path / "b", areas=10, schemes=40, years=1, seed=7)
    assert a["rows"] == b["rows"]
    for name in sorted(os.listdir(tmp_path / "a")):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    package = (ROOT / "data" / "datapackage.json").read_bytes()
    assert (tmp_path / "a" / "datapackage.json").read_bytes() == package


def test_a_page_for_every_area_scheme_and_measure(scale):
    summary, site, _ = scale
    assert summary["areas"] == 20 and summary["schemes"] == 200 and summary["measures"] == 12
    for folder, ids in (("areas", summary["area_ids"]), ("schemes", summary["scheme_ids"]), ("measures", summary["measure_ids"])):
        assert len(set(ids)) == len(ids), f"two {folder} share an id"
        missing = [i for i in ids if not (site / folder / i / "index.html").exists()]
        assert not missing, f"no page for {folder}: {missing[:5]}"
        made = {p.name for p in (site / folder).iterdir() if p.is_dir()}
        assert made == set(ids), f"{folder}: pages without an id, or ids that share a page"


def test_names_that_differ_only_in_punctuation_or_case_get_their_own_pages(scale):
    summary, site, _ = scale
    assert len(summary["colliding_names"]) == 2
    by_name = {}
    for first, second in summary["colliding_names"]:
        pages = [
            p
            for p in (site / "areas").glob("*/index.html")
            if re.search(r"<h1[^>]*>(.*?)</h1>", p.read_text(encoding="utf-8")).group(1) in (first, second)
        ]
        assert len(pages) == 2, (first, second, pages)
        by_name[first] = pages
    # The area index links to both, once each.
    index = (site / "areas" / "index.html").read_text(encoding="utf-8")
    for pages in by_name.values():
        for page in pages:
            assert index.count(f'href="{page.parent.name}/"') == 1


def test_pages_stay_light(scale):
    """Page weight as the benchmark counts it: the HTML plus the charts only that page shows."""
    from build_benchmark import page_weights

    _, site, _ = scale
    heavy = []
    for folder, html, charts, _, _ in page_weights(site):
        limit = AREA_PAGE_LIMIT if folder.startswith("areas/") else PAGE_LIMIT
        if html + charts > limit:
            heavy.append((folder, html + charts))
    assert not heavy, f"pages over their limit: {sorted(heavy, key=lambda x: -x[1])[:5]}"


def test_the_nav_does_not_grow_with_the_areas(scale):
    summary, site, _ = scale
    for page in (
        site / "index.html",
        site / "areas" / summary["area_ids"][0] / "index.html",
        site / "schemes" / summary["scheme_ids"][0] / "index.html",
    ):
        html = page.read_text(encoding="utf-8")
        nav = html[html.index("md-nav--primary") : html.index("md-sidebar--secondary")]
        links = [
            h
            for h in re.findall(r'class="md-nav__link[^"]*"\s+href="([^"]+)"', nav) + re.findall(r'href="([^"]+)"\s+class="md-nav__link', nav)
            if not h.startswith("#")
        ]
        assert 0 < len(set(links)) <= 10, (page, links)
        for area_id in summary["area_ids"]:
            assert f"areas/{area_id}/" not in nav, (page, area_id)
        assert "schemes/" + summary["scheme_ids"][0] + "/" not in nav


def test_every_row_reaches_a_page(scale):
    summary, site, _ = scale
    report = (site / "build-report.txt").read_text(encoding="utf-8")
    assert "Rows that did not reach a page: none" in report
    pages = len(summary["area_ids"]) + len(summary["scheme_ids"]) + len(summary["measure_ids"]) + 3  # and 3 index pages
    assert f"Pages made from the data: {pages}\n" in report


def test_planted_disagreements_and_small_numbers_are_found(scale):
    summary, site, _ = scale
    report = (site / "build-report.txt").read_text(encoding="utf-8")
    planted = summary["planted_disagreements"]
    assert {p["kind"] for p in planted} >= {"total", "text", "change", "money", "fte", "risk"}
    assert f"Disagreements found in the source reports: {len(planted)}\n" in report  # and nothing else
    lines = report.splitlines()
    for item in planted:
        assert any(line.startswith(f"  - {item['area']}: {item['text']}") for line in lines), item
    assert summary["small_numbers"] >= 4
    assert f"Figures hidden by the small-number rule (fewer than 5): {summary['small_numbers']}\n" in report
    # Hidden counts are written in words on the scheme pages.
    assert "fewer than 5" in "".join(p.read_text(encoding="utf-8") for p in (site / "schemes").glob("*/index.html"))


def test_status_icons_cost_a_page_nothing_and_every_status_has_one(scale):
    """Icons are masks in the shared stylesheet: inline, 1,100 copies weighed 265 KB on a measure page."""
    summary, site, _ = scale
    css = (site / "assets" / "care-icons.css").read_text(encoding="utf-8")
    for page in (
        site / "index.html",
        site / "measures" / summary["measure_ids"][0] / "index.html",
        site / "areas" / summary["area_ids"][0] / "index.html",
    ):
        html = page.read_text(encoding="utf-8")
        used = set(re.findall(r'class="care-status care-status--([a-z-]+)"', html))
        assert used and "<svg" not in html.split("<article")[1].split("</article>")[0], page
        assert 'href="../../assets/care-icons.css"' in html or 'href="assets/care-icons.css"' in html
        for key in used:
            assert f'.care-status--{key}::before {{ -webkit-mask-image: url("data:image/svg+xml,' in css, key
    from macros.analysis.status import ALL

    assert all(f".care-status--{s.key}::before" in css for s in ALL)
