"""The theme's markup as overrides/ changes it, read from every page of a real build (fast: no browser, no
Java; tests/browser/test_markup_checkers.py runs pa11y and the Nu HTML Checker themselves):

- every form can be sent on purpose: it has a submit button (HTML_CodeSniffer H32.2);
- every label points at a form control the page has, and every checkbox and radio button has a name
  (Nu checker; H91, F68);
- autocomplete only where HTML allows it (Nu checker);
- the templates copied from Material name the Material they were copied from, and it is the one installed.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from importlib.metadata import version
from pathlib import Path

import material

ROOT = Path(__file__).resolve().parents[2]
OVERRIDES = ROOT / "overrides"
MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
COPIED = re.compile(r"Copied from mkdocs-material (\S+) (?:templates/)?(\S+?)\.\s")
AUTOCOMPLETE_TYPES = {"color", "date", "datetime-local", "email", "hidden", "month", "number", "password", "range", "search", "tel"}
AUTOCOMPLETE_TYPES |= {"text", "time", "url", "week"}


class _Controls(HTMLParser):
    """The forms, labels and inputs of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, str] = {}  # id -> tag
        self.labels_for: list[str] = []
        self.inputs: list[dict] = []
        self.forms: list[dict] = []  # each: its attributes and the types of the buttons in it
        self.form_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids[attributes["id"]] = tag
        if tag == "form":
            self.forms.append({"attributes": attributes, "buttons": []})
            self.form_depth += 1
        elif tag == "label" and "for" in attributes:
            self.labels_for.append(attributes["for"])
        elif tag == "input":
            self.inputs.append(attributes)
            if self.form_depth and attributes.get("type") in ("submit", "image"):
                self.forms[-1]["buttons"].append("submit")
        elif tag == "button" and self.form_depth:
            self.forms[-1]["buttons"].append(attributes.get("type", "submit"))

    def handle_endtag(self, tag):
        if tag == "form":
            self.form_depth -= 1


def _pages(site: Path) -> list[tuple[str, _Controls]]:
    parsed = []
    for path in sorted(site.rglob("*.html")):
        controls = _Controls()
        controls.feed(path.read_text(encoding="utf-8"))
        parsed.append((str(path.relative_to(site)), controls))
    return parsed


def test_forms_labels_and_toggles_on_every_page(tiny_site):
    pages = _pages(tiny_site / "project" / "site")
    assert len(pages) > 5
    for name, page in pages:
        for form in page.forms:
            assert "submit" in form["buttons"], f"{name}: a form with no submit button: {form['attributes']}"
        for target in page.labels_for:
            assert page.ids.get(target) == "input", f"{name}: <label for={target!r}> labels no form control on the page"
        for control in page.inputs:
            kind = control.get("type", "text")
            if "autocomplete" in control:
                assert kind in AUTOCOMPLETE_TYPES, f"{name}: autocomplete on an input of type {kind}: {control}"
            if kind in ("checkbox", "radio"):
                named = control.get("aria-label") or control.get("id") in page.labels_for
                assert named, f"{name}: a {kind} with no label and no aria-label: {control}"


def test_the_menu_button_and_the_palette_are_what_the_overrides_make(tiny_site):
    home = (tiny_site / "project" / "site" / "index.html").read_text(encoding="utf-8")
    menu = '<button type="button" class="md-header__button md-icon care-menu-button" id="__drawer_button" '
    menu += 'aria-label="Menu" aria-expanded="false" hidden>'
    assert menu in home
    assert '<div class="md-header__option" data-md-component="palette">' in home
    assert 'name="q"' in home and '<button type="submit" class="md-search__icon md-icon" title="Search"' in home


def test_templates_copied_from_material_are_copies_of_the_installed_material():
    installed = version("mkdocs-material")
    copies = {path: COPIED.search(path.read_text(encoding="utf-8")) for path in OVERRIDES.rglob("*.html")}
    copied = {path: found for path, found in copies.items() if found}
    assert len(copied) >= 6, f"expected base.html and the partials to say where they were copied from: {sorted(map(str, copies))}"
    for path, found in copied.items():
        assert found[1] == installed, (
            f"{path.relative_to(ROOT)} was copied from mkdocs-material {found[1]}, but {installed} is installed: copy "
            f"{found[2]} afresh from {MATERIAL_TEMPLATES} and make again the change its first comment describes"
        )
        assert (MATERIAL_TEMPLATES / found[2]).is_file(), f"{path.relative_to(ROOT)}: Material has no {found[2]}"
    # base.html names Material's script files by their hashed names: they must be the installed ones.
    base = (OVERRIDES / "base.html").read_text(encoding="utf-8")
    assets = re.findall(r"['\"](assets/javascripts/[^'\"]+\.js)['\"]", base)
    assert len(assets) == 2, assets
    for asset in assets:
        assert (MATERIAL_TEMPLATES / asset).is_file(), f"overrides/base.html loads {asset}, which the installed Material does not have"
