"""Find your area, in a real headless Chromium on the built-in site: by keyboard alone, a place a report
names goes to its area's page; a postcode and its district do too, downloading one district's file and never
the search index; a place in two areas lists both; nothing matching says so and what to try; without
JavaScript the form goes to the A to Z list. The places and postcodes are read from the data folder, not typed here."""

from __future__ import annotations

import csv
import json

import pytest
from conftest import REAL_DATA

pytestmark = pytest.mark.browser


def _places() -> dict[str, set[str]]:
    with open(REAL_DATA / "places.csv", encoding="utf-8-sig", newline="") as file:
        found: dict[str, set[str]] = {}
        for row in csv.DictReader(file):
            found.setdefault(row["place"], set()).add(row["area_id"])
    return found


def _postcode_area() -> tuple[str, str]:
    """A district of the built-in postcodes whose council has an area here: (district, area id)."""
    codes = {}
    with open(REAL_DATA / "areas.csv", encoding="utf-8-sig", newline="") as file:
        codes = {row["ons_code"]: row["id"] for row in csv.DictReader(file) if row.get("ons_code")}
    for path in sorted((REAL_DATA / "postcodes").glob("*.json")):
        district = json.loads(path.read_text(encoding="utf-8"))
        if district["code"] in codes and not district["except"]:
            return district["district"], codes[district["code"]]
    pytest.fail("no postcode district of the built-in data is in one of its areas")


def _find(visitor, path: str, typed: str, **how):
    page = visitor.open(path, **how)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.keyboard.press("Tab")  # the skip link, then on to the box by keyboard alone
    page.focus("#care-finder-q")
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    return page, requests


def test_a_place_goes_to_its_area_by_keyboard(visitor):
    place, areas = next((p, a) for p, a in sorted(_places().items()) if len(a) == 1)
    page, requests = _find(visitor, "/", place)
    page.wait_for_url(f"**/areas/{next(iter(areas))}/")
    assert not any("search_index" in url for url in requests)


def test_a_place_in_two_areas_lists_both(visitor):
    place, areas = next(((p, a) for p, a in sorted(_places().items()) if len(a) > 1), (None, None))
    if place is None:
        pytest.skip("no place of the built-in data is in two areas")
    page, _ = _find(visitor, "/areas/", place.lower())
    results = page.locator("#care-finder-results")
    results.locator("a").first.wait_for()
    hrefs = {h.rstrip("/").split("/")[-1] for h in results.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")}
    assert hrefs == areas
    assert results.get_attribute("role") == "status"


def test_a_postcode_and_its_district_go_to_the_area(visitor):
    district, area = _postcode_area()
    for typed in (f"{district.lower()} 1aa", district):
        page, requests = _find(visitor, "/", typed)
        page.wait_for_url(f"**/areas/{area}/")
        postcode_files = [u for u in requests if "/finder/postcodes/" in u]
        assert postcode_files and all(u.endswith(f"/finder/postcodes/{district}.js") for u in postcode_files)
        assert not any("search_index" in url for url in requests)


def test_nothing_matching_says_so_and_what_to_try(visitor):
    page, _ = _find(visitor, "/", "Qwertyville")
    results = page.locator("#care-finder-results", has_text="Nothing matches")
    results.wait_for()
    words = results.inner_text()
    assert "Nothing matches “Qwertyville”" in words and "A to Z list of areas and places" in words


def test_an_unknown_postcode_district_says_so(visitor):
    page, _ = _find(visitor, "/", "ZZ99 9ZZ")
    results = page.locator("#care-finder-results", has_text="Nothing matches")
    results.wait_for()
    assert "We do not know the postcode district ZZ99" in results.inner_text()


def test_without_javascript_the_form_goes_to_the_a_to_z_list(visitor):
    page = visitor.open("/", javascript=False)
    page.fill("#care-finder-q", "Hastings")
    page.click(".care-finder button")
    page.wait_for_url("**/areas/?q=Hastings#a-to-z")
    assert page.locator("#a-to-z").is_visible()
    links = page.locator("h3 + ul a").evaluate_all("links => links.map(a => a.textContent)")
    for place in _places():
        assert place in links
