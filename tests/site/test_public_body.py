"""Issue 23, items 4 to 6, through real builds: every page links to report a problem with that page (an
email or a new GitHub issue, the page's title and address filled in), or no link and the build report says
so; every page says in one line that the site sets no cookies, uses no analytics and loads nothing from
other sites (tests/browser/test_public_body.py proves it in a browser); the accessibility statement, in
GOV.UK's model form, takes its facts from mkdocs.yml and from the checks the tests really run."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ROOT, build, built_site, data_dir

from macros.site import accessibility
from macros.site.public_body import PRIVACY

REPO = "https://github.com/example-council/care-site"


class _Links(HTMLParser):
    """Every link of a page (href, text) and its <title>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str]] = []
        self._href: str | None = None
        self._text: list[str] = []
        self._in_title = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href") or "", []
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)
        if self._in_title:
            self.title += data


def links_of(path: Path) -> _Links:
    parsed = _Links()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


def pages_of(site: Path) -> list[Path]:
    """Every page a reader can open (404.html is the server's, made without a page)."""
    return [p for p in sorted(site.rglob("index.html"))]


def config_with(**settings: str) -> str:
    """mkdocs.yml with some of the care plugin's settings given."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    for name, value in settings.items():
        text, count = re.subn(rf"^(\s+){name}: .*$", lambda m, name=name, value=value: f'{m.group(1)}{name}: "{value}"', text, flags=re.M)
        assert count == 1, name
    return text


@pytest.fixture(scope="module")
def github_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("github")
    return built_site(
        tmp, data_dir(tmp), config=config_with(report_problems_to=REPO, organisation="Testshire County Council", contact="web@testshire.gov.uk")
    )


def test_every_page_links_to_a_new_github_issue_with_its_title_and_address(github_site):
    pages = pages_of(github_site)
    assert len(pages) > 10
    for path in pages:
        parsed = links_of(path)
        reports = [href for href, text in parsed.links if text == "Report a problem with this page"]
        assert len(reports) == 1, f"{path}: {len(reports)} links to report a problem"
        parts = urlsplit(reports[0])
        assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REPO + "/issues/new"
        query = parse_qs(parts.query)
        page_title = unescape(parsed.title).split(" - ")[0]
        address = "/" + path.parent.relative_to(github_site).as_posix() + "/"
        assert query["title"] == [f"Problem with the page: {page_title}"], path
        assert f"Address: {address.replace('/./', '/')}" in query["body"][0], (path, query["body"])


def test_an_area_pages_report_link_names_the_area(github_site):
    parsed = links_of(github_site / "areas" / "testshire" / "index.html")
    [href] = [href for href, text in parsed.links if text == "Report a problem with this page"]
    query = parse_qs(urlsplit(href).query)
    assert query["title"] == ["Problem with the page: Testshire"]
    assert query["body"][0].startswith("Page: Testshire\nAddress: /areas/testshire/\n")


def test_an_email_address_gets_an_email_with_the_page_filled_in(tmp_path):
    site = built_site(tmp_path, data_dir(tmp_path), env={"CARE_REPORT_PROBLEMS_TO": "care.web@testshire.gov.uk"})
    parsed = links_of(site / "areas" / "testshire" / "index.html")
    [href] = [href for href, text in parsed.links if text == "Report a problem with this page"]
    parts = urlsplit(href)
    assert (parts.scheme, parts.path) == ("mailto", "care.web@testshire.gov.uk")
    assert parse_qs(parts.query)["subject"] == ["Problem with the page: Testshire"]
    report = (site / "build-report.txt").read_text(encoding="utf-8")
    assert "Report a problem: every page links to care.web@testshire.gov.uk" in report


def test_with_no_address_there_is_no_link_and_the_build_report_says_so(tiny_site):
    site = tiny_site / "project" / "site"
    for path in pages_of(site):
        assert "Report a problem" not in path.read_text(encoding="utf-8"), path
    report = (site / "build-report.txt").read_text(encoding="utf-8")
    assert "Report a problem: no address is set, so pages have no link to report a problem." in report


def test_an_address_that_is_neither_an_email_nor_a_github_repository_stops_the_build(tmp_path):
    result = build(tmp_path, data_dir(tmp_path), env={"CARE_REPORT_PROBLEMS_TO": "javascript:alert(1)"})
    assert result.returncode != 0
    assert "report_problems_to" in result.stderr and "must be an email address" in result.stderr


def test_every_page_says_in_one_line_it_sets_no_cookies_and_loads_nothing_from_elsewhere(tiny_site):
    site = tiny_site / "project" / "site"
    for path in pages_of(site):
        assert f'<p class="care-privacy">{PRIVACY}</p>' in path.read_text(encoding="utf-8"), path


def test_every_page_links_to_the_accessibility_statement(tiny_site):
    site = tiny_site / "project" / "site"
    for path in pages_of(site):
        [href] = [href for href, text in links_of(path).links if text == "Accessibility statement"]
        assert (path.parent / href / "index.html").resolve() == (site / "accessibility" / "index.html").resolve(), path


def _text(path: Path) -> str:
    html = path.read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


def test_the_accessibility_statement_takes_its_facts_from_mkdocs_yml_and_the_tests(github_site):
    path = github_site / "accessibility" / "index.html"
    words = _text(path)
    headings = re.findall(r"<h[12][^>]*>(.*?)</h[12]>", path.read_text(encoding="utf-8"))
    # GOV.UK's model statement, in order.
    assert [unescape(re.sub(r"<[^>]+>", "", h)) for h in headings] == [
        "Accessibility statement",
        "How accessible this website is",
        "Another format",
        "Reporting accessibility problems",
        "Enforcement procedure",
        "Technical information about this website's accessibility",
        "How we test this website",
    ]
    assert "This statement is about Joining up health and social care. The website is run by Testshire County Council." in words
    assert "This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard" in words
    assert "The Equality and Human Rights Commission (EHRC) is responsible for enforcing" in words
    links = dict((text, href) for href, text in links_of(path).links)
    assert links["web@testshire.gov.uk"] == "mailto:web@testshire.gov.uk"
    assert links["report a problem on GitHub"] == REPO + "/issues/new"
    for heading, _ in accessibility.KNOWN_PROBLEMS:
        assert f"{heading}." in words
    # The checks, as the tests run them: the tools with their pinned versions, the WCAG rules axe runs, the widths.
    for check in accessibility.checks(ROOT):
        assert f"{check.tool} {check.what}" in words
    assert "axe-core 4." in words and "pa11y 9." in words
    assert "WCAG 2.2 level AA" in words and f"on a phone {accessibility.PHONE} pixels wide" in words
    assert "It was last made on" in words


def test_the_statement_without_an_organisation_or_contact_says_what_it_can_and_the_report_says_what_is_missing(tiny_site):
    site = tiny_site / "project" / "site"
    words = _text(site / "accessibility" / "index.html")
    assert "The website is run by" not in words
    assert "If so, contact the council or NHS body whose report it comes from." in words
    report = (site / "build-report.txt").read_text(encoding="utf-8")
    assert "Accessibility statement: no organisation is set under care in mkdocs.yml" in report
    assert "Accessibility statement: no contact is set under care in mkdocs.yml" in report
