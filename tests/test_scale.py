"""A small version of the synthetic national data set (benchmarks/synthetic.py) built for real, so scale bugs
show up here: id and name collisions, page addresses, nav size, page weight, rows that reach no page, and the
deliberate disagreements and small numbers the generator plants."""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from pathlib import Path

import pytest
from conftest import ROOT, build
from test_site import visible

pytestmark = pytest.mark.slow  # one national-style build of 20 areas and 200 schemes

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402

AREA_PAGE_LIMIT = 150_000  # bytes of HTML and own charts; the area pages of this set weigh 90 to 100 KB
PAGE_LIMIT = 150_000  # any other page
# Small, so that this set's long lists are in parts as the national set's are (mkdocs.yml: 30 and 200).
AREAS_PER_PAGE, NAMES_PER_INDEX_PAGE = 5, 5


def _build_set(tmp: Path, areas: int, schemes: int):
    """The set generated (a year of figures) and built with --strict and the small list lengths above;
    (summary, site, output)."""
    summary = synthetic.generate(tmp / "data", areas=areas, schemes=schemes, years=1, seed=1)
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
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    lengths = {"areas_per_page": AREAS_PER_PAGE, "names_per_index_page": NAMES_PER_INDEX_PAGE}
    for option, value in lengths.items():
        config, found = re.subn(rf"^(\s+{option}:) \d+", rf"\g<1> {value}", config, flags=re.M)
        assert found == 1, option
    result = build(tmp, tmp / "data", config=config)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return summary, project / "site", result.stdout + result.stderr


@pytest.fixture(scope="module")
def scale(tmp_path_factory):
    """20 areas, 200 schemes: (summary, site, output)."""
    return _build_set(tmp_path_factory.mktemp("scale"), 20, 200)


@pytest.fixture(scope="module")
def half(tmp_path_factory):
    """The same made with 10 areas and 100 schemes, to see what grows with the number of areas."""
    return _build_set(tmp_path_factory.mktemp("half"), 10, 100)


def test_the_generator_is_deterministic(tmp_path):
    a = synthetic.generate(tmp_path / "a", areas=10, schemes=40, years=1, seed=7)
    b = synthetic.generate(tmp_path / "b", areas=10, schemes=40, years=1, seed=7)
    assert a["rows"] == b["rows"]
    for name in sorted(os.listdir(tmp_path / "a")):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    # The project's datapackage.json, saying the figures are made up.
    package = json.loads((ROOT / "data" / "datapackage.json").read_bytes())
    assert json.loads((tmp_path / "a" / "datapackage.json").read_bytes()) == {**package, "synthetic": True}


def test_a_page_for_every_area_scheme_and_measure(scale):
    summary, site, _ = scale
    assert summary["areas"] == 20 and summary["schemes"] == 200 and summary["measures"] == 12
    for folder, ids in (("areas", summary["area_ids"]), ("schemes", summary["scheme_ids"]), ("measures", summary["measure_ids"])):
        assert len(set(ids)) == len(ids), f"two {folder} share an id"
        missing = [i for i in ids if not (site / folder / i / "index.html").exists()]
        assert not missing, f"no page for {folder}: {missing[:5]}"
        made = {p.name for p in (site / folder).iterdir() if p.is_dir()} - {"index"}  # index/: the parts of the index's list
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
    # The area index (its list in parts) links to both, once each.
    index = "".join(p.read_text(encoding="utf-8") for p in (site / "areas" / "index").glob("*/index.html"))
    for pages in by_name.values():
        for page in pages:
            assert index.count(f'href="../../{page.parent.name}/"') == 1


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
        site / "measures" / summary["measure_ids"][0] / "1" / "index.html",  # a part of a long list
        site / "areas" / "index" / "1" / "index.html",
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


def test_pages_stay_light_at_half_the_size(half):
    test_pages_stay_light(half)


def _part_links(markup: str) -> list[str]:
    return re.findall(r'<li><a href="([^"]+)">[^<]*</a> \(\d+ \w+\)</li>', markup)


def _read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_a_measure_page_sums_up_its_areas_and_lists_them_in_parts(scale):
    """Every area of this set reports every measure for the whole area; its schemes report two each."""
    summary, site, _ = scale
    areas = len(summary["area_ids"])
    for measure_id in summary["measure_ids"]:
        main = _read(site / "measures" / measure_id / "index.html").split("<article", 1)[1].split("</article>", 1)[0]
        assert "<tbody>" not in main and "/schemes/" not in main, measure_id  # no table of areas, no list of schemes
        words = visible(main)
        assert f"{areas} areas give a latest figure for the whole area." in words, measure_id
        counted = sum(int(n) for n in re.findall(r"</span>: (\d+) areas?</li>", main))
        assert counted == areas, measure_id  # each area's status counted once
        links = _part_links(main)
        assert links == [f"{n}/" for n in range(1, -(-areas // AREAS_PER_PAGE) + 1)], measure_id
        in_parts, schemes = [], []
        for link in links:
            part = _read(site / "measures" / measure_id / link / "index.html")
            table = part.split("<tbody>")[1].split("</tbody>")[0]
            rows = re.findall(r'<tr><th scope="row"><a href="../../../areas/([^/]+)/">', table)
            assert 0 < len(rows) <= AREAS_PER_PAGE, (measure_id, link)
            in_parts += rows
            schemes += re.findall(r'<a href="../../../schemes/([^/]+)/">', part)
            assert "care-sources" in part, (measure_id, link)  # each part names the reports behind its figures
        assert sorted(in_parts) == sorted(summary["area_ids"]), measure_id  # each area in one part
        assert len(schemes) == len(set(schemes)), measure_id  # each scheme in one part
        said = re.search(r"([\d,]+) schemes? in [\d,]+ areas? reports? this measure", words)
        assert (int(said[1].replace(",", "")) if said else 0) == len(schemes), measure_id


def test_the_index_lists_are_in_parts(scale):
    summary, site, _ = scale
    for folder, ids in (("areas", summary["area_ids"]), ("measures", summary["measure_ids"])):
        links = _part_links(_read(site / folder / "index.html"))
        assert len(links) == -(-len(ids) // NAMES_PER_INDEX_PAGE), folder
        found = []
        for link in links:
            part = _read(site / folder / link / "index.html")
            listed = re.findall(r'<li><a href="../../([^/]+)/">', part)
            assert 0 < len(listed) <= NAMES_PER_INDEX_PAGE, (folder, link)
            found += listed
        assert sorted(found) == sorted(ids), folder
    # 200 schemes: the index lists the areas, each linked to the schemes on its page, with how many it has.
    index = _read(site / "schemes" / "index.html")
    assert f"There are {len(summary['scheme_ids'])}, in " in visible(index)
    counted = 0
    for link in _part_links(index):
        part = _read(site / "schemes" / link / "index.html")
        listed = re.findall(r'<li><a href="../../../areas/([^/]+)/#schemes">[^<]+ \((\d+) schemes?\)</a></li>', part)
        assert 0 < len(listed) <= NAMES_PER_INDEX_PAGE, link
        counted += sum(int(n) for _, n in listed)
    assert counted == len(summary["scheme_ids"])
    # The parts are reached from their page; search finds the areas, schemes and measures themselves.
    located = {d["location"] for d in json.loads(_read(site / "search" / "search_index.json"))["docs"]}
    assert not [u for u in located if re.match(r"(areas|schemes|measures)/[^/]+/\d+/", u)]


def test_the_home_page_counts_statuses_when_the_areas_are_too_many_to_name(scale):
    summary, site, _ = scale
    words = visible(_read(site / "index.html"))
    assert f"There are {len(summary['area_ids'])} areas: too many to say here what is going well and badly in each." in words
    assert "Going well:" not in words


def test_list_pages_do_not_grow_with_the_number_of_areas(scale, half):
    """Built with 10 and with 20 areas (the same list lengths): the measure pages and the indexes weigh the
    same, and their parts hold as many areas at either size, besides the hex map (a hexagon for each council of
    the layout, 151 at most) and the areas index's A to Z list of areas and places. Only the home page grows: its
    table has a row for every area, as the brief asks."""
    from build_benchmark import page_weights

    def kind(page: str) -> str:
        parts = page.split("/")
        if page == ".":
            return "home"
        if parts[0] in ("areas", "schemes", "measures"):
            if len(parts) == 1:
                return "index"
            if parts[1] == "index":
                return "index part"
            if parts[0] == "measures":
                return "measure page" if len(parts) == 2 else "measure part"
        return "other"

    def largest(site: Path) -> dict[str, int]:
        found: dict[str, int] = {}
        for page, html, charts, _, _ in page_weights(site):
            found[kind(page)] = max(found.get(kind(page), 0), html + charts)
        return found

    def without_map_and_a_to_z(site: Path, page: str) -> int:
        """A page's HTML without the hex map (a hexagon for each council of the layout: 151 at most, linked
        for each area here) and the A to Z list (every area and place): the two parts that grow with the areas."""
        html = (site / page / "index.html").read_text(encoding="utf-8")
        html = re.sub(r'<figure class="care-map".*?</figure>', "", html, flags=re.S)
        html = re.sub(r'<nav aria-label="Letters">.*?(?=<h2|</article>)', "", html, flags=re.S)
        return len(html.encode())

    small, large = largest(half[1]), largest(scale[1])
    grown = {k: large[k] - small[k] for k in small}
    measure = f"measures/{scale[0]['measure_ids'][0]}"
    # A measure page and an index link to one more part for every 5 more areas (80 bytes a link), besides the map
    # and the A to Z list of areas and places.
    assert without_map_and_a_to_z(scale[1], measure) - without_map_and_a_to_z(half[1], measure) < 1_000, grown
    assert without_map_and_a_to_z(scale[1], "areas") - without_map_and_a_to_z(half[1], "areas") < 1_000, grown
    # A part holds at most 5 areas at either size; it weighs more only where those areas have more schemes.
    assert large["measure part"] < 1.25 * small["measure part"] and large["index part"] < 1.25 * small["index part"], (small, large)
    # The home page's table has a row for every area: about 300 bytes an area, half of them its column's words on
    # each count (data-label, shown beside it on a phone, where the table is a list); gzip sends little of them.
    assert (without_map_and_a_to_z(scale[1], ".") - without_map_and_a_to_z(half[1], ".")) / 10 < 350, grown


def test_the_sentences_of_the_list_pages_are_short(scale):
    from macros.site.advice import sentences, words

    _, site, _ = scale
    pages = [site / "index.html"] + [site / f / "index.html" for f in ("areas", "schemes", "measures")]
    pages += sorted(site.glob("*/index/*/index.html")) + sorted(site.glob("measures/*/index.html")) + sorted(site.glob("measures/*/*/index.html"))
    for page in pages:
        article = _read(page).split("<article", 1)[1].split("</article>", 1)[0]
        # Tables, the reports' quotes and source citations are not the site's sentences (test_plain_english.py).
        article = re.sub(r"<(table|q)\b.*?</\1>|<([a-z]+)[^>]*class=\"[^\"]*care-source[^\"]*\"[^>]*>.*?</\2>", " ", article, flags=re.S)
        for block in re.findall(r"<(?:p|li)\b[^>]*>(.*?)</(?:p|li)>", article, re.S):
            for sentence in sentences(visible(block)):
                assert len(words(sentence)) <= 25, (page, sentence)


def test_every_row_reaches_a_page(scale):
    summary, site, _ = scale
    report = (site / "build-report.txt").read_text(encoding="utf-8")
    assert "Rows that did not reach a page: none" in report
    parts = set(site.glob("*/index/*/index.html")) | set(site.glob("measures/*/*/index.html"))  # of long lists
    # and 3 index pages, the accessibility statement and the updates page
    pages = len(summary["area_ids"]) + len(summary["scheme_ids"]) + len(summary["measure_ids"]) + 3 + 2 + len(parts)
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
        article = re.sub(
            r'<figure class="care-map".*?</figure>', "", html.split("<article")[1].split("</article>")[0], flags=re.S
        )  # the map is a picture
        assert used and "<svg" not in article, page
        assert 'href="../../assets/care-icons.css"' in html or 'href="assets/care-icons.css"' in html
        for key in used:
            assert f'.care-status--{key}::before {{ -webkit-mask-image: url("data:image/svg+xml,' in css, key
    from macros.analysis.status import ALL

    assert all(f".care-status--{s.key}::before" in css for s in ALL)
