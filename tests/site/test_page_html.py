"""Editors' pages carry no script (issue 21, item 4): what a page may not carry stops a real build with the file,
the line and what to do instead; the plain HTML an editor may need still works.

MISTAKES is the list of what was tried: one line each, the line of a page and the message it must give. All of
them go on one page (one line each), so one build checks every message and its line. Add a line to try another.
"""

from __future__ import annotations

import re

import markdown
import pytest
from conftest import build, built_site, data_dir

from macros.site.html_blocks import CareMarkdown, PageExtras
from macros.site.page_html import ATTRIBUTES, TAGS, allowed_in_words, unsafe_in

SCRIPT = "Pages run no script: the site's own parts do what a page needs. Take it out; for a chart or a figure use a macro such as {{ chart(...) }}."
ELSEWHERE = "The site loads nothing from other sites, so that readers are not tracked. Take it out and link to it instead: [what it is](https://...)."
FORM = "Pages cannot have forms or buttons. Take it out and link to the form on its own site instead: [Tell us what you think](https://...)."
STYLE = "Pages cannot change how the site looks, so that every page reads the same. Take it out; a developer can add a style to docs/assets/care.css."
LINK = "Link to a page with an address that begins with https://, or to a page of this site."
IMAGE = "Save the image in docs/assets/ and give its address there, such as assets/picture.png."

# The line of the page → the message (after "docs/extra.md, line N: this page has ").
MISTAKES = [
    ("<script>alert(1)</script>", f"a <script> element. {SCRIPT}"),
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>', f"a <iframe> element. {ELSEWHERE}"),
    ('<object data="https://example.org/x.swf"></object>', f"a <object> element. {ELSEWHERE}"),
    ('<embed src="https://example.org/x.swf">', f"a <embed> element. {ELSEWHERE}"),
    ('<form action="https://example.org/"></form>', f"a <form> element. {FORM}"),
    ("<style>body { display: none }</style>", f"a <style> element. {STYLE}"),
    ('Hello <b onclick="alert(1)">you</b>', 'the attribute onclick on <b>, which runs script. Pages run no script. Take onclick="..." out.'),
    ('<p style="color: red">Red</p>', f"the attribute style on <p>. {STYLE}"),
    ("[Click](javascript:alert(1))", f"a javascript: address, which runs script in <a> ('javascript:alert(1)'). {LINK}"),
    ('<a href="jav&#x09;ascript:alert(2)">x</a>', f"a javascript: address, which runs script in <a> ('jav\\tascript:alert(2)'). {LINK}"),
    (
        "[Data](data:text/html;base64,PHNjcmlwdD4=)",
        f"a data: address, which can hide anything, even a script in <a> ('data:text/html;base64,PHNjcmlwdD4='). {LINK}",
    ),
    (
        "![A chart](https://example.org/tracker.png)",
        f"an image from another site, which tells that site who reads the page in <img> ('https://example.org/tracker.png'). {IMAGE}",
    ),
    (
        "[Words](https://example.org/){: onmouseover=alert(3) }",
        'the attribute onmouseover on <a>, which runs script. Pages run no script. Take onmouseover="..." out.',
    ),
    ("<svg><circle r=1 /></svg>", "a <svg> element. Only the tags the 'For editors' page lists may be used. Take it out, or write it in markdown."),
]
PREFIX = "---\ntitle: T\n---\n\n# T\n\n"  # 6 lines: the first mistake is on line 7


@pytest.mark.slow
def test_every_mistake_stops_the_build_with_its_line_and_what_to_do(tmp_path):
    lines = [source for source, _ in MISTAKES]
    result = build(tmp_path, data_dir(tmp_path), docs={"extra.md": PREFIX + "\n\n".join(lines) + "\n"})
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in out
    for number, (_, message) in enumerate(MISTAKES):
        line = 7 + 2 * number
        assert f"docs/extra.md, line {line}: this page has {message}" in out, (line, message, out[-4000:])


@pytest.mark.slow
def test_one_mistake_is_one_message_and_github_marks_its_line(tmp_path):
    result = build(tmp_path, data_dir(tmp_path), docs={"extra.md": PREFIX + "Words.\n\n<script>alert(1)</script>\n"}, env={"GITHUB_ACTIONS": "true"})
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"Error: docs/extra.md, line 9: this page has a <script> element. {SCRIPT}" in out.replace("ERROR   -  ", "Error: ")
    assert "::error file=docs/extra.md,line=9::this page has a <script> element." in result.stdout


@pytest.mark.slow
def test_the_sites_own_marks_typed_into_a_page_stop_the_build(tmp_path):
    source = PREFIX + "<!--care:html-->\n<script>alert(1)</script>\n<!--/care:html-->\n"
    result = build(tmp_path, data_dir(tmp_path), docs={"extra.md": source})
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/extra.md, line 7: this line has '<!--care:html-->', a mark the site uses for its own parts. Take it out." in out
    assert "docs/extra.md, line 9: this line has '<!--/care:html-->'" in out


ALLOWED = (
    PREFIX
    + 'The <abbr title="Better Care Fund">BCF</abbr> pays for it.\n\n'
    + "<details>\n<summary>More about the money</summary>\n\nIt is pooled.\n\n</details>\n\n"
    + '<table>\n<caption>Money</caption>\n<tr><th scope="col">Year</th></tr>\n<tr><td>2016</td></tr>\n</table>\n\n'
    + "![A picture](assets/picture.png)\n\n"
    + "[The council](https://www.southampton.gov.uk/) and [email us](mailto:care@example.org) and [home](index.md).\n\n"
    + "In code, `<script>` is only words.\n"
)


@pytest.mark.slow
def test_plain_html_an_editor_may_need_still_works(tmp_path):
    site = built_site(tmp_path, data_dir(tmp_path), docs={"extra.md": ALLOWED, "assets/picture.png": "not really a picture"})
    html = (site / "extra" / "index.html").read_text(encoding="utf-8")
    assert '<abbr title="Better Care Fund">BCF</abbr>' in html
    assert "<summary>More about the money</summary>" in html
    assert "<caption>Money</caption>" in html
    assert '<img alt="A picture" src="../assets/picture.png" />' in html
    assert 'href="https://www.southampton.gov.uk/"' in html
    assert "<code>&lt;script&gt;</code>" in html


def _convert(source: str) -> list[str]:
    extras = PageExtras(check_html=True)
    markdown.Markdown(extensions=["abbr", "attr_list", "tables", CareMarkdown(lambda: extras)]).convert(source)
    return [u.message for u in extras.unsafe]


def test_the_sites_own_blocks_are_not_the_editors():
    from macros.site.templating import block

    assert _convert("# T\n" + str(block("<script>site's own</script>"))) == []
    assert _convert("# T\n\n<script>x</script>\n") == [f"this page has a <script> element. {SCRIPT}"]


@pytest.mark.parametrize(
    "html", ["<SCRIPT>x</SCRIPT>", "<script/src=x>", '<img src=" javascript:x">', '<a href="\x01javascript:x">', "<img src=//evil.example/x.png>"]
)
def test_written_another_way_it_is_still_found(html):
    assert len(unsafe_in([html])) == 1, html


def test_a_link_to_another_site_is_allowed():
    assert unsafe_in(['<a href="//example.org/">x</a> <a href="https://example.org/">y</a>']) == []  # a link loads nothing until followed


def test_the_guide_lists_what_is_allowed():
    guide = open("docs/editors.md", encoding="utf-8").read()
    tags, attributes = allowed_in_words()
    assert tags in guide and attributes in guide
    assert {"abbr", "details", "summary", "table", "img"} <= TAGS and "style" not in ATTRIBUTES
    assert re.search(r"`<script>`.*`<iframe>`", guide)
