"""Finding, placing and comparing areas, through a real build of the tiny data with places, ONS codes and the hex map."""

from __future__ import annotations

import json
import re

import pytest
from conftest import built_site
from geo_helpers import located


def words(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).replace("&#39;", "'").split())


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("geo")
    return built_site(tmp, located(tmp))


@pytest.mark.slow
def test_an_area_page_says_where_it_is_or_why_it_has_no_code(site):
    council = words((site / "areas" / "testshire" / "index.html").read_text(encoding="utf-8"))
    assert "Places in this area that its reports name: Little Wallop." in council
    assert "Its area code from the Office for National Statistics (ONS) is E06000045." in council
    partnership = words((site / "areas" / "vale-partnership" / "index.html").read_text(encoding="utf-8"))
    assert (
        "Vale Partnership is not one council. So it has no area code from the Office for National Statistics (ONS), and it is not on the map"
        in partnership
    )


@pytest.mark.slow
def test_the_finder_files_hold_every_area_and_place(site):
    text = (site / "finder" / "places.js").read_text(encoding="utf-8")
    kind, data = json.loads(text[text.index("push(") + 5 : text.rindex(")")])
    assert kind == "places"
    names = [a["name"] for a in data["areas"]]
    assert names == ["Testshire", "Vale Partnership"]
    assert sorted((place, names[i]) for place, i in data["places"]) == [("Great Wallop", "Vale Partnership"), ("Little Wallop", "Testshire")]
    assert data["areas"][0]["url"] == "areas/testshire/"
    assert "E06000045" not in data["others"] and data["others"]["E06000047"] == "County Durham"  # on the map, no page here


@pytest.mark.slow
def test_the_areas_index_has_the_finder_and_the_a_to_z_list(site):
    html = (site / "areas" / "index.html").read_text(encoding="utf-8")
    assert '<label for="care-finder-q">' in html and 'role="status"' in html
    assert re.search(r'<a href="testshire/">Little Wallop</a> \(in Testshire\)', html)


@pytest.mark.slow
def test_a_measure_page_maps_its_areas_and_says_they_are_not_compared(site):
    html = (site / "measures" / "dtc-days" / "index.html").read_text(encoding="utf-8")
    hexes = re.findall(r'<a href="([^"]+)" aria-label="([^"]+)"><title>', html)
    assert len(hexes) == 1 and hexes[0][0] == "../../areas/testshire/" and hexes[0][1].startswith("Testshire: ")
    assert len(re.findall(r'class="care-hex care-hex--none"', html)) == 150  # the other councils of the layout
    assert "Areas are not compared on this measure, because only 1 area reports this measure; we compare only when 5 or more do." in words(html)
