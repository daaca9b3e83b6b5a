"""The accessibility statement (issue 23), in the form of GOV.UK's model statement, and the facts it states.

Its facts are never typed twice: the site's name, who runs it and how to reach them come from mkdocs.yml
(site_name, and the care plugin's organisation, contact and report_problems_to); the standard and how the
site is tested come from here, and the browser tests (tests/browser/) take the same values from here: the
WCAG rules axe-core runs, the phone and desktop widths, the zoom. The versions of the checkers are read from
the files that pin them (package.json for pa11y and the Nu HTML Checker, the installed axe-core).
"""

from __future__ import annotations

import importlib.util
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .context import Context
from .public_body import ACCESSIBILITY_PAGE, EMAIL, GITHUB_REPOSITORY
from .templating import render

STANDARD = "Web Content Accessibility Guidelines version 2.2 AA"
# The rules axe-core runs (tests/browser/test_accessibility.py): WCAG 2.0, 2.1 and 2.2, levels A and AA.
AXE_TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa")
AXE_TAG_NAMES = {
    "wcag2a": "WCAG 2.0 level A",
    "wcag2aa": "WCAG 2.0 level AA",
    "wcag21a": "WCAG 2.1 level A",
    "wcag21aa": "WCAG 2.1 level AA",
    "wcag22aa": "WCAG 2.2 level AA",
}
PHONE, DESKTOP = 360, 1280  # the widths, in CSS pixels, every page type is tested at
ZOOM = 200  # per cent: text zoomed this far on a desktop, nothing scrolls sideways
PA11Y_STANDARD, PA11Y_STANDARD_NAME = "WCAG2AA", "WCAG 2 level AA"  # pa11y's HTML_CodeSniffer rules (the tests pass it on)
# What is known not to be fully accessible, in plain words: each a heading and what a reader meets.
KNOWN_PROBLEMS = (
    (
        "Long tables are folded",
        "A table of more figures than a year of months is folded under its chart. You open it with a click, "
        "a tap or the Enter key. Some screen readers do not say that a table is inside until it is opened. "
        "The chart's description and the sentence above it say what the table shows.",
    ),
    (
        "Search needs JavaScript",
        "The search box works only when your browser runs JavaScript. Without it, every page can still be "
        "reached from the lists of areas, schemes and measures.",
    ),
    (
        "The source reports are not ours",
        "We link to each council's or NHS body's own report. Many are PDF documents that we do not control, "
        "and they may not be accessible. Every figure we took from them is on this site as text.",
    ),
)


@dataclass(frozen=True)
class Check:
    """One automated check the tests run on the built site, in words a reader can follow."""

    tool: str
    what: str


def _axe_version() -> str:
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None or not spec.origin:
        return ""
    try:
        with open(Path(spec.origin).parent / "axe.min.js", encoding="utf-8") as file:
            found = re.search(r"axe v(\d[\w.]*)", file.read(200))
    except OSError:
        return ""
    return found.group(1) if found else ""


def _npm_versions(project: Path | None) -> dict[str, str]:
    """The checkers the browser tests install from npm, with their pinned versions (package.json)."""
    try:
        package = json.loads((project / "package.json").read_text(encoding="utf-8")) if project else {}
    except (OSError, ValueError):
        return {}
    pinned = package.get("devDependencies", {})
    return {name: str(version) for name, version in pinned.items() if isinstance(name, str)}


def _named(tool: str, version: str) -> str:
    return f"{tool} {version}" if version else tool


def checks(project: Path | None) -> list[Check]:
    """The automated checks, as the tests run them."""
    npm = _npm_versions(project)
    wcag = ", ".join(AXE_TAG_NAMES[tag] for tag in AXE_TAGS[:-1]) + " and " + AXE_TAG_NAMES[AXE_TAGS[-1]]
    return [
        Check(
            _named("axe-core", _axe_version()),
            f"checks each kind of page against the rules of {wcag}, in a real browser, in light and dark mode, "
            f"on a phone {PHONE} pixels wide and on a desktop {DESKTOP} pixels wide.",
        ),
        Check(
            _named("pa11y", npm.get("pa11y", "")),
            f"checks each kind of page again with HTML_CodeSniffer's {PA11Y_STANDARD_NAME} rules, in light and dark mode.",
        ),
        Check(_named("The W3C Nu HTML Checker", npm.get("vnu-jar", "")), "checks that the markup of every page of the site is valid HTML."),
        Check("Keyboard", "every link and control on each kind of page can be reached with the Tab key, and shows where the focus is."),
        Check("Zoom and small screens", f"nothing scrolls sideways on a phone, or on a desktop with text zoomed to {ZOOM}%."),
        Check("Without JavaScript", "every chart has a text description and a table of its figures, and shows without JavaScript."),
        Check("Colour", "the colours of charts and text have enough contrast, in light and dark mode. Status is never shown by colour alone."),
    ]


def contact_href(to: str) -> str | None:
    """A link for the address problems are reported to: mailto: for an email, a new issue on GitHub."""
    if EMAIL.match(to or ""):
        return f"mailto:{to}"
    github = GITHUB_REPOSITORY.match(to or "")
    return f"https://github.com/{github.group(1)}/{github.group(2).removesuffix('.git')}/issues/new" if github else None


def statement(ctx: Context) -> dict[str, str]:
    """The accessibility statement's page (address: markdown)."""
    s = ctx.settings
    contact = s.contact or (s.report_problems_to if EMAIL.match(s.report_problems_to or "") else "")
    page = render(
        "accessibility_page.md",
        title="Accessibility statement",
        description=f"How accessible {s.site_name or 'this website'} is, what is not yet, and how to tell us about a problem.",
        site_name=s.site_name or "this website",
        organisation=s.organisation,
        standard=STANDARD,
        contact=contact,
        contact_href=f"mailto:{contact}" if contact else None,
        report_href=contact_href(s.report_problems_to),
        report_is_github=bool(GITHUB_REPOSITORY.match(s.report_problems_to or "")),
        known=KNOWN_PROBLEMS,
        checks=[[c.tool, c.what] for c in checks(s.project_dir)],
        made=f"{ctx.today.day} {ctx.today:%B %Y}",
    )
    return {ACCESSIBILITY_PAGE: str(page)}
