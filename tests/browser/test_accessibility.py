"""The built site in a real headless Chromium: axe-core finds no WCAG 2.x A/AA problem on any page type, in
the light and the dark colour scheme, on a phone and on a desktop; no page asks another host for anything
or logs an error; charts work without JavaScript; nothing scrolls sideways on a phone or at 200% zoom;
every link and control can be reached with Tab and shows where the focus is.

Run these alone with `pytest -m browser`, or skip them with `pytest -m "not browser"`.
Screenshots of every page type go to test-artifacts/screenshots/ (CI keeps them as an artifact).
With CARE_UPDATE_README_SCREENSHOT=1 the desktop light area page is also copied to
.github/screenshots/area-page.png, the picture the README shows (tracked in git, so only on request).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import axe_playwright_python
import pytest

from macros.site.accessibility import AXE_TAGS, DESKTOP, PHONE, ZOOM

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
# axe-core as shipped inside the pinned axe-playwright-python wheel: injected into the page, never fetched.
AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
AXE_OPTIONS = {
    # The accessibility statement names these (macros/site/accessibility.py, where they are set).
    "runOnly": {"type": "tag", "values": list(AXE_TAGS)},
    # Best practice, not a WCAG rule, but Material fails it as shipped and overrides/partials/search.html
    # fixes it: keep it fixed.
    "rules": {"aria-dialog-name": {"enabled": True}},
    "resultTypes": ["violations"],
}
README_SCREENSHOT = ROOT / ".github" / "screenshots" / "area-page.png"

PAGES = {
    "home": "/",
    "index": "/areas/",  # a list of areas, schemes or measures
    "area": "/areas/mid-nottinghamshire/",  # generated, with charts (Durham has single figures only: no charts)
    "scheme": "/schemes/southampton-supporting-carers/",
    "measure": "/measures/soton-dtc-days/",
    "glossary": "/glossary/",
    "data": "/data/",
    "editors": "/editors/",
    "narrative": "/areas/southampton/",  # written by an editor, figures from macros
    "accessibility": "/accessibility/",  # the accessibility statement (macros/site/accessibility.py)
    "updates": "/updates/",  # what changed and when (macros/site/updates.py)
}
WITH_CHARTS = {"area", "scheme", "narrative"}
SCHEMES = {"light": "default", "dark": "slate"}  # emulated prefers-color-scheme -> Material's palette
SCREENSHOT_HEIGHT = 2000

page_ids = pytest.mark.parametrize("name", list(PAGES))


def _load_lazy_images(page) -> None:
    """Charts are loading="lazy"; load them all so screenshots show them and none fails unseen."""
    page.evaluate("""async () => {
        const images = [...document.images];
        images.forEach(img => { img.loading = "eager"; });
        await Promise.all(images.map(img => img.complete ? null : new Promise(done => {
            img.addEventListener("load", done, {once: true}); img.addEventListener("error", done, {once: true}); })));
    }""")


def _axe_report(name: str, path: str, violations: list[dict]) -> str:
    lines = [f"axe-core found {len(violations)} problem(s) on the {name} page ({path}):"]
    for rule in violations:
        lines.append(f"- {rule['id']} ({rule['impact']}): {rule['help']}. {rule['helpUrl']}")
        for node in rule["nodes"][:5]:
            lines.append(f"    at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = " ".join(node.get("failureSummary", "").split())
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(rule["nodes"]) > 5:
            lines.append(f"    ... and {len(rule['nodes']) - 5} more")
    return "\n".join(lines)


def assert_no_axe_problem(visitor, name: str, path: str, scheme: str, width: int, shot: Path) -> None:
    """Open `path` in the colour scheme at the width, save a screenshot of its top as `shot`, and run axe-core
    on the whole page: it must find no problem, and the page no request to another host or error."""
    page = visitor.open(path, scheme=scheme, width=width)
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert shown == SCHEMES[scheme], f"{path}: asked for the {scheme} scheme, Material shows {shown!r}"
    _load_lazy_images(page)

    height = min(SCREENSHOT_HEIGHT, page.evaluate("document.scrollingElement.scrollHeight"))
    page.screenshot(path=str(shot), full_page=True, animations="disabled", clip={"x": 0, "y": 0, "width": width, "height": height})

    page.add_script_tag(content=AXE_JS)
    result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
    assert not result["violations"], _axe_report(name, path, result["violations"])
    visitor.check(path)


DEVICES = {PHONE: "phone", DESKTOP: "desktop"}
widths = pytest.mark.parametrize("width", list(DEVICES), ids=list(DEVICES.values()))


@widths
@pytest.mark.parametrize("scheme", list(SCHEMES))
@page_ids
def test_axe_finds_no_problem(visitor, screenshots, name, scheme, width):
    shot = screenshots / f"{name}-{scheme}-{DEVICES[width]}.png"
    assert_no_axe_problem(visitor, name, PAGES[name], scheme, width, shot)
    if name == "area" and scheme == "light" and width == DESKTOP and os.environ.get("CARE_UPDATE_README_SCREENSHOT"):
        README_SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, README_SCREENSHOT)


@page_ids
def test_charts_tables_and_descriptions_without_javascript(visitor, name):
    path = PAGES[name]
    page = visitor.open(path, javascript=False)
    charts = page.evaluate("""() => [...document.querySelectorAll("figure.care-chart")].map(figure => {
        const img = figure.querySelector("img"), caption = figure.querySelector("figcaption");
        const box = img ? img.getBoundingClientRect() : null;
        const next = figure.nextElementSibling;
        const table = next && (next.matches("table") ? next : next.querySelector(":scope > table, :scope > * > table"));
        return {
            src: img && img.getAttribute("src"),
            alt: img ? (img.getAttribute("alt") || "").trim() : null,
            loaded: !!img && img.complete && img.naturalWidth > 0,
            shown: !!box && box.width > 0 && box.height > 0 && getComputedStyle(img).visibility !== "hidden",
            captionAfterImage: !!caption && !!img && !!(img.compareDocumentPosition(caption) & Node.DOCUMENT_POSITION_FOLLOWING),
            description: caption ? caption.textContent.trim() : "",
            tableCaption: table && table.caption ? table.caption.textContent.trim() : null,
        };
    })""")
    if name in WITH_CHARTS:
        assert charts, f"{path}: expected charts, found none"
    for n, chart in enumerate(charts, 1):
        where = f"{path}, chart {n} ({chart['src']})"
        assert chart["src"] and chart["alt"], f"{where}: the image has no text alternative (alt)"
        assert chart["loaded"], f"{where}: the image did not load without JavaScript"
        assert chart["shown"], f"{where}: the image is not visible without JavaScript"
        assert chart["captionAfterImage"] and chart["description"], f"{where}: no description (figcaption) after the image"
        assert chart["tableCaption"], f"{where}: the chart is not followed by its data table with a caption"
    visitor.check(path)


# Elements that clip their own text on purpose and lose nothing: Material's header repeats the site
# name and the page title (the page's own heading) in one line, cut short with an ellipsis.
CLIPPED_TEXT_JS = """() => {
    const found = [];
    for (const el of document.querySelectorAll(".md-header *, .md-content *, .md-footer *")) {
        if (el.closest(".md-header .md-ellipsis, .md-header__topic, .md-search")) continue;
        if (!el.checkVisibility({visibilityProperty: true})) continue;
        const style = getComputedStyle(el);
        const clipX = ["hidden", "clip"].includes(style.overflowX), clipY = ["hidden", "clip"].includes(style.overflowY);
        if (!clipX && !clipY) continue;
        if (!el.textContent.trim()) continue;
        const box = el.getBoundingClientRect();
        if (box.width <= 1 && box.height <= 1) continue;  // hidden from sight on purpose, for screen readers only
        if ((clipX && el.scrollWidth > el.clientWidth + 1) || (clipY && el.scrollHeight > el.clientHeight + 1))
            found.push(el.outerHTML.slice(0, 160));
    }
    // A table scrolls sideways in its own box; its caption must still be readable without scrolling.
    for (const box of document.querySelectorAll(".care-table")) {
        const caption = box.querySelector("caption");
        if (caption && box.checkVisibility() && caption.getBoundingClientRect().width > box.clientWidth + 1)
            found.push("caption wider than its scrolling box: " + caption.outerHTML.slice(0, 120));
    }
    return found;
}"""
SIDEWAYS_JS = """() => {
    const root = document.scrollingElement;
    const wide = [...document.querySelectorAll(".md-content *")].filter(el => el.getBoundingClientRect().right > root.clientWidth + 1
        && !el.closest(".care-table, .md-typeset__scrollwrap") && el.checkVisibility());
    return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, wide: wide.slice(0, 3).map(el => el.outerHTML.slice(0, 160))};
}"""


def assert_fits(page, path: str, how: str) -> None:
    _load_lazy_images(page)
    fit = page.evaluate(SIDEWAYS_JS)
    assert fit["scrollWidth"] <= fit["clientWidth"], (
        f"{path} scrolls sideways {how}: {fit['scrollWidth']} px of content in {fit['clientWidth']} px. Too wide: {fit['wide']}"
    )
    clipped = page.evaluate(CLIPPED_TEXT_JS)
    assert not clipped, f"{path} cuts off text {how}: {clipped[:3]}"


@page_ids
def test_no_sideways_scrolling_on_a_phone(visitor, name):
    path = PAGES[name]
    page = visitor.open(path, width=PHONE)
    assert_fits(page, path, f"at {PHONE} px wide")


def test_area_names_at_a_glance_are_not_broken_inside_a_word_on_a_phone(visitor):
    """The home page's table of every area scrolls sideways in its own box rather than squeeze its first column
    until names break at every letter ("Nott / ingh / amsh / ire"); a hyphen or a space may start a line."""
    page = visitor.open("/", width=PHONE)
    words = page.evaluate("""() => [...document.querySelectorAll('.care-glance th a')].flatMap(link => {
        const text = link.firstChild;
        return [...text.data.matchAll(/[^\\s-]+/g)].map(word => {
            const range = document.createRange();
            range.setStart(text, word.index);
            range.setEnd(text, word.index + word[0].length);
            return [word[0], new Set([...range.getClientRects()].map(r => Math.round(r.top))).size];
        });
    })""")
    assert words, "the home page has a table of every area, each name a link"
    assert [word for word, lines in words if lines > 1] == []


@pytest.mark.parametrize("javascript", [True, False], ids=["with-js", "without-js"])
def test_the_home_page_on_a_phone_leads_with_the_finder_then_every_area_without_sideways_scrolling(visitor, javascript):
    """Issue 22, item 4: on a 360 px screen the finder comes first, then every area at a glance, and nothing
    scrolls sideways: not the page, not the table's own box, nor any element in it. The table is laid out as a
    list (each area's counts under its name, each with its column's words), and stays a table with its caption,
    column headers and row headers for screen readers."""
    page = visitor.open("/", width=PHONE, javascript=javascript)
    found = page.evaluate("""() => {
        const root = document.scrollingElement;
        const finder = document.querySelector('.care-finder'), glance = document.querySelector('.care-glance');
        const box = glance.closest('.care-table');
        const over = [...box.querySelectorAll('*')].filter(el => el.getBoundingClientRect().right > box.getBoundingClientRect().right + 1);
        const cell = glance.querySelector('tbody td');
        return {
            page: [root.scrollWidth, root.clientWidth],
            box: [box.scrollWidth, box.clientWidth],
            over: over.slice(0, 3).map(el => el.outerHTML.slice(0, 120)),
            finderFirst: !!(finder.compareDocumentPosition(glance) & Node.DOCUMENT_POSITION_FOLLOWING),
            finderAbove: finder.getBoundingClientRect().bottom <= glance.getBoundingClientRect().top,
            label: getComputedStyle(cell, '::before').content,
            nameAboveCounts: glance.querySelector('tbody th').getBoundingClientRect().bottom <= cell.getBoundingClientRect().top + 1,
            caption: glance.caption && glance.caption.textContent,
            headers: [...glance.querySelectorAll('thead th[scope=col]')].length,
            rows: glance.querySelectorAll('tbody th[scope=row]').length,
            areas: glance.querySelectorAll('tbody tr').length,
        };
    }""")
    assert found["page"][0] <= found["page"][1], f"the home page scrolls sideways at {PHONE} px: {found}"
    assert found["box"][0] <= found["box"][1], f"the table of every area scrolls sideways in its box at {PHONE} px: {found}"
    assert not found["over"], found["over"]
    assert found["finderFirst"] and found["finderAbove"], "the finder comes before every area at a glance"
    assert found["nameAboveCounts"] and "plan" in found["label"], found  # each count says what it counts
    assert found["caption"] and found["headers"] >= 3 and found["rows"] == found["areas"] > 0, found
    # What Chromium tells a screen reader: still a table, laid out as a list or not.
    cdp = page.context.new_cdp_session(page)
    try:
        roles = {n["role"]["value"] for n in cdp.send("Accessibility.getFullAXTree")["nodes"] if n.get("role")}
    finally:
        cdp.detach()
    assert {"table", "row", "columnheader", "rowheader", "cell"} <= roles, roles


def test_the_names_column_at_a_glance_does_not_widen_as_its_rows_arrive(visitor):
    """While the page loads, the table is drawn before all its rows have arrived. Had the names' column grown
    with each longer name, it would push the columns beside it along (a layout shift Lighthouse measured on
    the national home page). The table with its first row only has the same column as the whole table."""
    page = visitor.open("/", width=PHONE)
    widths = page.evaluate("""() => {
        const table = document.querySelector('.care-glance');
        const first = table.cloneNode(true);
        first.querySelectorAll('tbody tr:not(:first-child)').forEach(row => row.remove());
        table.parentElement.append(first);
        const column = t => t.querySelector('tbody th').getBoundingClientRect().width;
        const widths = [column(first), column(table)];
        first.remove();
        return widths;
    }""")
    assert widths[0] == pytest.approx(widths[1], abs=0.5), widths


@page_ids
def test_text_zoomed_to_200_percent(visitor, name):
    """A 1280 x 800 desktop window zoomed to 200%: a 640 x 400 CSS-pixel viewport at 2 device pixels each."""
    path = PAGES[name]
    zoom = ZOOM / 100  # the accessibility statement says how far (macros/site/accessibility.py)
    page = visitor.open(path, width=round(DESKTOP / zoom), height=round(800 / zoom), scale=zoom)
    assert_fits(page, path, f"at {ZOOM}% zoom")


MARK_FOCUSABLE_JS = """() => {
    const selector = "a[href], button, input, select, textarea, summary, [tabindex]";
    let n = 0;
    const wanted = [];
    for (const el of document.querySelectorAll(selector)) {
        if (!el.closest(".md-header, .md-content")) continue;
        if (el.tabIndex < 0 || el.disabled || el.type === "hidden" || el.closest("[inert]")) continue;
        if (!el.checkVisibility({visibilityProperty: true})) continue;
        // Tab stops once in a group of radio buttons: on the checked one, or on the first if none is.
        if (el.type === "radio") {
            const group = [...document.querySelectorAll(`input[type=radio][name="${el.name}"]`)];
            if (el !== (group.find(radio => radio.checked) || group[0])) continue;
        }
        el.dataset.tabStop = String(++n);
        wanted.push({id: String(n), html: el.outerHTML.slice(0, 160)});
    }
    return wanted;
}"""
FOCUS_STATE_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    // Material's colour-scheme switch is a 0 x 0 radio button that shows its focus on the icon next to it.
    const shown = el.matches(".md-option") ? el.nextElementSibling : el;
    const style = getComputedStyle(shown), box = shown.getBoundingClientRect();
    // Not covered: the middle of the part inside the window shows this element (or something in it), and
    // so does its top edge when the whole of it fits on screen (e.g. not under the sticky header).
    const left = Math.max(box.left, 0), right = Math.min(box.right, innerWidth);
    const upper = Math.max(box.top, 0), lower = Math.min(box.bottom, innerHeight);
    const shows = (x, y) => { const hit = document.elementFromPoint(x, y);
        return !!hit && (hit === shown || shown.contains(hit) || hit.contains(shown)); };
    const cx = (left + right) / 2;
    const uncovered = right > left && lower > upper && shows(cx, (upper + lower) / 2)
        && (box.height > innerHeight - 100 || box.top < 0 || shows(cx, upper + Math.min(box.height / 2, 8)));
    return {
        id: el.dataset.tabStop || null,
        html: el.outerHTML.slice(0, 160),
        focusVisible: el.matches(":focus-visible"),
        ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none",
        onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth
            && shown.checkVisibility({opacityProperty: true, visibilityProperty: true}),
        uncovered,
        coveredBy: (document.elementFromPoint(cx, (upper + lower) / 2) || {outerHTML: "nothing"}).outerHTML.slice(0, 120),
        // Material's search results box: empty (0 px high) until there is a query, and shown while searching.
        searchResults: !!el.closest(".md-search__output"),
    };
}"""
MAX_TAB_STOPS = 200


@pytest.mark.parametrize("width", [PHONE, DESKTOP], ids=["phone", "desktop"])
@page_ids
def test_keyboard_reaches_everything_with_a_visible_focus(visitor, name, width):
    path = PAGES[name]
    page = visitor.open(path, width=width)
    # Load every chart first: a lazy chart loading as Tab scrolls the page moves what is below it.
    _load_lazy_images(page)
    wanted = {item["id"]: item["html"] for item in page.evaluate(MARK_FOCUSABLE_JS)}
    assert wanted, f"{path}: found nothing to focus"
    reached: set[str] = set()
    first = previous = None
    for _ in range(min(MAX_TAB_STOPS, 3 * len(wanted) + 40)):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE_JS)
        if state and not (state["onScreen"] and state["uncovered"]):
            # Some things move into view when they take focus (Material opens its search box as the
            # search field is focused, the menu drawer slides in): judge them once that is done.
            page.wait_for_timeout(400)
            state = page.evaluate(FOCUS_STATE_JS)
        if state is None:  # focus left the page (to the browser): we have been round once
            if reached:
                break
            continue
        if first is None:
            first = state["html"]
        elif state["html"] in (first, previous):  # round to the start, or out of the page and stuck
            break
        previous = state["html"]
        where = f"{path} at {width} px: focus on {state['html']}"
        assert state["focusVisible"], f"{where} does not match :focus-visible"
        assert state["ring"], f"{where} shows no focus ring (outline or box-shadow)"
        if not state["searchResults"]:
            assert state["onScreen"], f"{where} is off the screen or see-through, so the focus cannot be seen"
            assert state["uncovered"], f"{where} is covered by {state['coveredBy']}"
        if state["id"]:
            reached.add(state["id"])
    missed = [html for key, html in wanted.items() if key not in reached]
    assert not missed, f"{path} at {width} px: Tab never reaches {len(missed)} of {len(wanted)} links and controls: {missed[:5]}"
    visitor.check(path)
