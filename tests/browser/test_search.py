"""Search in a real headless Chromium: a page does not download the search index or Material's search
worker until the reader starts to search (overrides/main.html holds them back), and search then works,
from the keyboard alone: "/" opens it, typing an area's name lists that area's page, the arrow keys reach the
result and Enter opens it.

Each test uses a fresh browser context, so no cached copy of the index can hide or stand in for a request.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SEARCH_INDEX = "/search/search_index.json"
SEARCH_WORKER = re.compile(r"/assets/javascripts/workers/search\.[^/]*\.js$")
PAGES = {
    "home": "/",
    "area": "/areas/mid-nottinghamshire/",
    "scheme": "/schemes/southampton-supporting-carers/",
    "measure": "/measures/soton-dtc-days/",
    "glossary": "/glossary/",
    "data": "/data/",
    "editors": "/editors/",
}


def _areas() -> list[tuple[str, str]]:
    with open(ROOT / "data" / "areas.csv", encoding="utf-8-sig", newline="") as file:
        return [(row["id"], row["name"]) for row in csv.DictReader(file)]


@pytest.fixture
def fresh_page(browser, site_url):
    """A page in a new browser context (empty cache), blocking every request that is not to the site,
    recording the URL of every request and every script error."""
    context = browser.new_context(viewport={"width": 360, "height": 800}, reduced_motion="reduce", service_workers="block")
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort("blockedbyclient"))
    page = context.new_page()
    page.requests = []
    page.errors = []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and page.errors.append(message.text))
    yield page
    context.close()


def _index_requests(page) -> list[str]:
    return [url for url in page.requests if url.split("?")[0].endswith(SEARCH_INDEX)]


def _worker_requests(page) -> list[str]:
    return [url for url in page.requests if SEARCH_WORKER.search(url.split("?")[0])]


def _open_settled(page, url: str) -> None:
    """Load the page and wait until Material's (deferred) bundle has run and the network has been quiet
    for half a second: the moment Material used to ask for the index has passed."""
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, f"{url}: HTTP {response.status if response else 'no response'}"
    page.wait_for_function("() => document.querySelector('[data-md-component=search-query]') && window.component$ !== undefined")
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("name", list(PAGES))
def test_no_page_downloads_the_search_index_on_load(fresh_page, site_url, name):
    _open_settled(fresh_page, site_url + PAGES[name])
    assert not _index_requests(fresh_page), f"the {name} page asked for the search index before the reader searched"
    assert not _worker_requests(fresh_page), f"the {name} page started the search worker before the reader searched"
    assert not fresh_page.errors, fresh_page.errors


@pytest.mark.parametrize(("area_id", "area_name"), _areas())
def test_search_by_keyboard_finds_an_area(fresh_page, site_url, area_id, area_name):
    page = fresh_page
    _open_settled(page, site_url + "/")
    assert not _index_requests(page)

    page.keyboard.press("/")  # Material's key for search: focuses the search box
    assert page.evaluate("() => document.activeElement.matches('[data-md-component=search-query]')")
    page.keyboard.type(area_name)
    area_link = f'.md-search-result__list a[href$="areas/{area_id}/"]'
    page.wait_for_selector(area_link, timeout=20_000)
    assert len(_index_requests(page)) == 1, "the index should be fetched once, when the reader starts to search"
    assert len(_worker_requests(page)) == 1, "the search worker should be started once, when the reader starts to search"

    # Down the results with the arrow keys until the area's page has the focus, then open it with Enter.
    for _ in range(30):
        page.keyboard.press("ArrowDown")
        if page.evaluate(f"() => document.activeElement.matches('{area_link}')"):
            break
    else:
        pytest.fail(f"the arrow keys never reached the link to {area_name}'s page in the search results")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.rstrip("/").endswith(f"/areas/{area_id}")
    assert not page.errors, page.errors


def test_the_search_button_on_a_phone_finds_an_area(fresh_page, site_url):
    page = fresh_page
    area_id, area_name = _areas()[0]
    _open_settled(page, site_url + f"/areas/{area_id}/")
    assert not _index_requests(page)
    page.locator(".md-header [for=__search]").first.click()  # Material's magnifier in the header
    page.keyboard.type(area_name)
    page.wait_for_selector(f'.md-search-result__list a[href$="areas/{area_id}/"]', timeout=20_000)
    assert len(_index_requests(page)) == 1 and len(_worker_requests(page)) == 1
    assert not page.errors, page.errors
