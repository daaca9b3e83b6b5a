"""The footer's line on privacy is true (issue 23, item 6): on every page type, in a real browser, the site
sets no cookie and asks no other host for anything, before and after a reader switches the colour scheme
(Material keeps that choice in the browser's local storage, never in a cookie). The accessibility statement
is one of the page types (tests/browser/test_accessibility.py)."""

from __future__ import annotations

import pytest

from macros.site.public_body import PRIVACY

from .test_accessibility import PAGES

pytestmark = pytest.mark.browser

PAGE_TYPES = PAGES


@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_no_cookies_and_nothing_from_other_sites(visitor, name):
    path = PAGE_TYPES[name]
    page = visitor.open(path)  # fails on any request to a host other than the site's own
    assert page.locator(".care-privacy").inner_text().strip() == PRIVACY
    page.locator("[data-md-component=palette] label:visible").first.click()
    page.wait_for_timeout(300)
    page.reload(wait_until="load")
    visitor.check(path)
    assert page.evaluate("document.cookie") == "", f"{path}: a cookie was set"
    assert page.context.cookies() == [], f"{path}: the browser holds cookies: {page.context.cookies()}"
