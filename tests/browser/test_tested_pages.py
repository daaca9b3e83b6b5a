"""The page types only a set whose areas can be compared has (issue 22, item 5: "0 errors from axe, pa11y and the
Nu checker on every new page type"), on the made-up site of tests/tested_data.py (the `tested_site` fixture; the
built-in areas cannot be compared, so the built-in site has none of them):

- home: the hex map coloured by each area's status, where every area reports;
- area: "How it compares", its standings against all areas and against its similar areas, each tested against
  them together (better, similar or worse, with a 95% confidence interval);
- measure: a measure's page in parts (`areas_per_page`), with its hex map and the list of its parts;
- measure-part: a part of its table, each area's place in the order then its test on a line of its own.

The same checks as the built-in site's pages (test_accessibility.py, test_markup_checkers.py), with their helpers:
axe-core in both colour schemes on a phone and a desktop, no sideways scrolling on a phone, pa11y in both
schemes, and the Nu HTML Checker."""

from __future__ import annotations

import pytest

from macros.site.accessibility import PHONE

from .conftest import MADE_UP_PAGES
from .test_accessibility import DEVICES, SCHEMES, assert_fits, assert_no_axe_problem, widths
from .test_markup_checkers import assert_nu_finds_no_error, assert_pa11y_finds_no_error, nu_errors, nu_file, run_pa11y

pytestmark = pytest.mark.browser

page_ids = pytest.mark.parametrize("name", MADE_UP_PAGES)


@widths
@pytest.mark.parametrize("scheme", list(SCHEMES))
@page_ids
def test_axe_finds_no_problem(tested_site, tested_visitor, screenshots, name, scheme, width):
    shot = screenshots / f"tested-{name}-{scheme}-{DEVICES[width]}.png"
    assert_no_axe_problem(tested_visitor, name, tested_site.pages[name], scheme, width, shot)


@page_ids
def test_no_sideways_scrolling_on_a_phone(tested_site, tested_visitor, name):
    path = tested_site.pages[name]
    page = tested_visitor.open(path, width=PHONE)
    assert_fits(page, path, f"at {PHONE} px wide")


@pytest.fixture(scope="session")
def tested_pa11y(tested_site, tested_url, chromium_path) -> dict[tuple[str, str], dict]:
    return run_pa11y(tested_url, tested_site.pages, chromium_path)


@pytest.mark.parametrize("scheme", list(SCHEMES))
@page_ids
def test_pa11y_finds_no_error(tested_site, tested_pa11y, name, scheme):
    assert_pa11y_finds_no_error(tested_pa11y[(name, scheme)], name, tested_site.pages[name], scheme)


@pytest.fixture(scope="session")
def tested_nu(tested_site) -> list[dict]:
    """The Nu HTML Checker's errors in the made-up site's pages, in one run."""
    return nu_errors([tested_site.file(name) for name in MADE_UP_PAGES])


@page_ids
def test_nu_html_checker_finds_no_error(tested_site, tested_nu, name):
    file = tested_site.file(name)
    assert_nu_finds_no_error([m for m in tested_nu if nu_file(m) == file], tested_site.folder, 1)
