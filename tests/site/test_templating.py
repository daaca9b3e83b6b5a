"""The templating helpers on small inputs: filters, the table macro, the environment."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markupsafe import Markup

from macros.analysis.status import BETTER
from macros.presentation.statuses import WORDS
from macros.site import templating
from macros.site.render import Abbreviations, link, md_heading, status_badge, table, text


def test_one_environment_with_autoescape_and_the_filters():
    env = templating.environment()
    assert env is templating.environment()
    assert env.autoescape is True
    assert {"abbr", "md_heading", "md_text", "yaml_string", "web_address", "block"} <= set(env.filters)
    assert str(env.from_string("{{ x }}").render(x="<b>&")) == "&lt;b&gt;&amp;"


def test_every_template_compiles():
    env = templating.environment()
    names = env.list_templates()
    assert "macros.html" in names and "area_page.md" in names
    for name in names:
        env.get_template(name)


def test_abbr_escapes_first_then_wraps_terms():
    abbr = Abbreviations({"NHS": "National Health Service", "A&E": 'Accident & "Emergency"'})
    out = templating.abbreviate("The NHS <script> & A&E, not NHSX", abbr)
    assert isinstance(out, Markup)
    assert out == (
        'The <abbr title="National Health Service">NHS</abbr> &lt;script&gt; &amp; '
        '<abbr title="Accident &amp; &#34;Emergency&#34;">A&amp;E</abbr>, not NHSX'
    )


def test_abbr_of_a_hostile_term_and_meaning_stays_text():
    abbr = Abbreviations({"<b>": '"><script>alert(1)</script>'})
    out = templating.abbreviate("a <b> b", abbr)
    assert "<script>" not in out and "<b>" not in out
    assert 'title="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in out


def test_abbr_without_a_glossary_only_escapes():
    assert templating.abbreviate('<i>"x"</i>') == "&lt;i&gt;&#34;x&#34;&lt;/i&gt;"
    assert templating.abbreviate(None) == ""
    assert text("a<b", None) == "a&lt;b"


def test_markdown_heading_escapes_html_and_markdown():
    assert md_heading(2, "Money") == "## Money"
    assert md_heading(1, "[x](javascript:alert(1)) *em* <script> # {: .x }") == (
        r"# \[x\]\(javascript:alert\(1\)\) \*em\* &lt;script&gt; \# \{: .x \}"
    )
    assert md_heading(3, "A_B", anchor="here") == r"### A\_B { #here }"
    assert templating.environment().from_string("{{ t | md_heading(2) }}").render(t="a & b") == "## a &amp; b"


def test_markdown_text_escapes_markdown_then_html():
    assert templating.md_text('[x](javascript:alert(1)) "q" *[HTML]: x') == (r"\[x\]\(javascript:alert\(1\)\) &#34;q&#34; \*\[HTML\]: x")


def test_front_matter_strings_cannot_end_early():
    assert templating.yaml_string('a "b" \\ <c>\nd') == '"a &#34;b&#34; \\\\ &lt;c&gt; d"'


@pytest.mark.parametrize(
    "url, allowed",
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("vbscript:x", False),
        ("//example.org", False),
        ("example.org", False),
        ("", False),
        (None, False),
        ("https://", False),
    ],
)
def test_only_web_addresses_become_links(url, allowed):
    assert (templating.web_address(url) is not None) == allowed
    rendered = templating.macro("web_link")(url, "Title")
    assert (rendered.startswith("<a href=")) == allowed
    assert "Title" in rendered and "script" not in rendered.split("Title")[0].replace("https", "")


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def test_table_has_caption_column_and_row_headers():
    out = table("Money: A <b>", ["What", "Amount"], [["Pooled fund", "£1"], [link("x/", "Linked"), Markup("<strong>£2</strong>")]])
    assert out.startswith('<div class="care-table" role="region" aria-label="Money: A &lt;b&gt;" tabindex="0"><table>')
    assert "<caption>Money: A &lt;b&gt;</caption>" in out
    assert '<thead><tr><th scope="col">What</th><th scope="col">Amount</th></tr></thead>' in out
    assert '<tr><th scope="row">Pooled fund</th><td>£1</td></tr>' in out
    assert '<tr><th scope="row"><a href="x/">Linked</a></th><td><strong>£2</strong></td></tr>' in out
    assert out.endswith("</tbody></table></div>")


def test_table_options_and_escaped_cells():
    out = table(
        Markup('A &amp; <abbr title="x">B</abbr>'),
        [status_badge(BETTER)],
        [["<i>", "<img src=x>"]],
        row_headers=False,
        classes="care-glance",
        searchable=False,
    )
    assert 'aria-label="A &amp; B"' in out  # the caption's words, without its markup, escaped once
    assert '<table class="care-glance" data-search-exclude>' in out
    assert f'<th scope="col"><span class="care-status care-status--{BETTER.key}">{WORDS[BETTER]}</span></th>' in out
    assert "<tr><td>&lt;i&gt;</td><td>&lt;img src=x&gt;</td></tr>" in out
    parser = _Cells()
    parser.feed(out)
    assert [t for t, _ in parser.tags].count("img") == 0


def test_block_has_blank_lines_around_and_none_inside():
    out = templating.block("  <p>a</p>\n\n    <p>b</p>\n")
    assert out == "\n\n<!--care:html-->\n<p>a</p>\n<p>b</p>\n<!--/care:html-->\n\n"


def test_a_block_inside_a_block_is_marked_once():
    out = templating.block(Markup("<div>") + templating.block("<p>a</p>") + Markup("</div>"))
    assert out == "\n\n<!--care:html-->\n<div>\n<p>a</p>\n</div>\n<!--/care:html-->\n\n"


def test_render_gives_markup_and_escapes_plain_data():
    out = templating.render("sentence.html", name="<A>", rest="b & c", abbreviations=None)
    assert isinstance(out, Markup) and out == "&lt;A&gt;: b &amp; c"
