"""What Material's chrome gives a reader works from the keyboard: the menu button opens the drawer on a
phone (Tab to it, Enter or Space, focus moves in, Escape closes it and focus comes back), the search box
finds a page and goes to it, and the colour-scheme switch switches. Without JavaScript the menu is
Material's own label, as before (overrides/partials/header.html)."""

from __future__ import annotations

import pytest

from .test_accessibility import DESKTOP, PHONE

pytestmark = pytest.mark.browser

SETTLE_MS = 400  # Material's drawer and search box slide for 0.25 s

DRAWER_JS = """() => {
    const button = document.getElementById("__drawer_button"), drawer = document.querySelector(".md-sidebar--primary");
    const box = drawer.getBoundingClientRect(), focus = document.activeElement, at = focus.getBoundingClientRect();
    return {
        open: document.getElementById("__drawer").checked,
        expanded: button.getAttribute("aria-expanded"),
        onScreen: box.right > 10 && box.left < innerWidth && getComputedStyle(drawer).visibility === "visible",
        focusInDrawer: drawer.contains(focus),
        focusOnButton: focus === button,
        focusSeen: focus.matches(":focus-visible") && at.width > 0
            && at.left >= 0 && at.right <= innerWidth && at.top >= 0 && at.bottom <= innerHeight,
        focus: focus.outerHTML.slice(0, 120),
    };
}"""


def _tab_to(page, selector: str, path: str, limit: int = 30) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
    pytest.fail(f"{path}: {limit} presses of Tab never reached {selector}", pytrace=False)


def _drawer(page) -> dict:
    page.wait_for_timeout(SETTLE_MS)
    return page.evaluate(DRAWER_JS)


@pytest.mark.parametrize("key", ["Enter", "Space"])
def test_the_menu_button_opens_and_closes_the_drawer_from_the_keyboard_on_a_phone(visitor, key):
    path = "/data/"  # in the site navigation, with a table of contents: the fullest drawer there is
    page = visitor.open(path, width=PHONE)
    _tab_to(page, "#__drawer_button", path)
    button = page.evaluate("() => ({tag: document.activeElement.tagName, name: document.activeElement.getAttribute('aria-label')})")
    assert button == {"tag": "BUTTON", "name": "Menu"}, f"{path}: the menu button is {button}"
    state = _drawer(page)
    assert not state["open"] and state["expanded"] == "false" and not state["onScreen"], f"{path}: the drawer is not closed at first: {state}"

    # A closed drawer is out of the way: Tab goes on to the header, not into the links nobody can see.
    page.keyboard.press("Tab")
    state = _drawer(page)
    assert not state["focusInDrawer"] and not state["onScreen"], f"{path}: Tab from the menu button went into the closed drawer: {state}"
    page.keyboard.press("Shift+Tab")

    page.keyboard.press(key)
    state = _drawer(page)
    assert state["open"] and state["expanded"] == "true" and state["onScreen"], f"{path}: {key} on the menu button did not open the drawer: {state}"
    assert state["focusInDrawer"] and state["focusSeen"], f"{path}: opening the drawer did not move a visible focus into it: {state}"
    page.keyboard.press("Tab")
    state = _drawer(page)
    assert state["open"] and state["focusInDrawer"] and state["focusSeen"], f"{path}: Tab inside the open drawer: {state}"

    page.keyboard.press("Escape")
    state = _drawer(page)
    assert not state["open"] and state["expanded"] == "false" and not state["onScreen"], f"{path}: Escape did not close the drawer: {state}"
    assert state["focusOnButton"] and state["focusSeen"], f"{path}: after Escape the focus is not back on the menu button: {state}"

    # Tabbing on past the drawer's last link closes it: focus never sits behind the overlay.
    page.keyboard.press(key)
    for _ in range(60):
        page.keyboard.press("Tab")
        if not page.evaluate(DRAWER_JS)["focusInDrawer"]:
            break
    state = _drawer(page)
    assert not state["focusInDrawer"] and not state["open"] and not state["onScreen"], f"{path}: focus left the drawer but it stayed open: {state}"
    visitor.check(path)


def test_the_menu_button_is_there_only_where_material_shows_a_menu(visitor):
    # [Material's label, the button], visible or not, in page order.
    shown = "() => ['.md-header label[for=__drawer]', '#__drawer_button'].map(s => document.querySelector(s).checkVisibility())"
    # With JavaScript: the button instead of the label on a phone; neither on a desktop, where the menu is always shown.
    assert visitor.open("/", width=PHONE).evaluate(shown) == [False, True]
    assert visitor.open("/", width=DESKTOP).evaluate(shown) == [False, False]
    # Without JavaScript: Material's label, which a pointer can still press.
    assert visitor.open("/", width=PHONE, javascript=False).evaluate(shown) == [True, False]


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("how", ["Enter", "the Search button"])
def test_search_finds_a_page_and_goes_to_it(visitor, width, how):
    start = "/data/"
    page = visitor.open(start, width=width)
    _tab_to(page, ".md-search__input", start)
    page.wait_for_timeout(SETTLE_MS)
    assert page.evaluate("() => document.getElementById('__search').checked"), f"{start}: focusing the search box did not open search"
    page.keyboard.type("glossary")
    page.wait_for_selector(".md-search-result__link", timeout=20_000)
    if how == "Enter":
        page.keyboard.press("Enter")
    else:
        page.click(".md-search__form button[type=submit]")
    page.wait_for_url("**/glossary/**", timeout=10_000)
    visitor.check(start)


def test_escape_closes_search(visitor):
    page = visitor.open("/", width=DESKTOP)
    _tab_to(page, ".md-search__input", "/")
    # Material opens search a moment after the box gets the focus (it waits for focus events to settle); on
    # a busy machine the test's keys came before that, while no search was open for Escape to close.
    page.wait_for_function("() => document.getElementById('__search').checked", timeout=10_000)
    page.keyboard.type("care")
    page.keyboard.press("Escape")
    page.wait_for_timeout(SETTLE_MS)
    assert not page.evaluate("() => document.getElementById('__search').checked"), "Escape did not close search"


def test_the_colour_scheme_switch_works_from_the_keyboard(visitor):
    page = visitor.open("/", width=DESKTOP)
    scheme = "() => document.body.getAttribute('data-md-color-scheme')"
    try:
        assert page.evaluate(scheme) == "default"
        _tab_to(page, ".md-option", "/")
        page.keyboard.press("Enter")
        page.wait_for_timeout(SETTLE_MS)
        assert page.evaluate(scheme) == "slate", "Enter on the colour-scheme switch did not switch to the dark scheme"
        focus = page.evaluate("() => document.activeElement.matches('.md-option') && document.activeElement.matches(':focus-visible')")
        assert focus, "after switching, the focus is not on the switch"
        page.keyboard.press("Enter")
        page.wait_for_timeout(SETTLE_MS)
        assert page.evaluate(scheme) == "default", "Enter again did not switch back to the light scheme"
    finally:
        # Material keeps the choice in localStorage: leave the shared browser context as it was.
        page.evaluate("() => localStorage.clear()")
    visitor.check("/")
