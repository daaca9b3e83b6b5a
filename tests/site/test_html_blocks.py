"""Generated HTML blocks are kept from markdown's HTML parser and put back unchanged (site/html_blocks.py)."""

import markdown

from macros.site.html_blocks import Stash
from macros.site.templating import block

TABLE = '<table><caption>Days <abbr title="x">NHS</abbr></caption><tr><td>1 &amp; 2</td></tr></table>'


def _page(*parts: str) -> str:
    return "".join(parts)


def test_a_page_with_stashed_blocks_makes_the_html_markdown_would_make():
    source = _page("# Title\n\nSome *words*.", block(TABLE), "More words.", block("<p>a</p>\n<ul><li>b</li></ul>"), "The end.\n")
    plain = markdown.markdown(source)
    stash = Stash()
    stashed = stash.stash("p.md", source)
    assert "<table>" not in stashed and "<ul>" not in stashed  # markdown never sees the HTML
    made = stash.restore("p.md", markdown.markdown(stashed))
    squash = lambda html: "".join(html.split())  # noqa: E731 - markdown puts newlines between blocks differently
    assert squash(made) == squash(plain).replace("<!--care:html-->", "").replace("<!--/care:html-->", "")
    assert TABLE in made


def test_each_page_gets_its_own_blocks_back():
    stash = Stash()
    a = stash.stash("a.md", block("<p>from a</p>"))
    b = stash.stash("b.md", block("<p>from b</p>"))
    assert stash.restore("b.md", markdown.markdown(b)) == "<p>from b</p>"
    assert stash.restore("a.md", markdown.markdown(a)) == "<p>from a</p>"


def test_the_placeholder_cannot_be_typed_on_a_page():
    # Two builds choose different words, so an editor cannot write one into a page.
    assert Stash().word != Stash().word
    assert Stash().word.isalnum()


def test_expanded_gives_the_markdown_a_plain_site_would_have():
    stash = Stash()
    source = "Words." + block(TABLE) + "More."
    assert stash.expanded("p.md", stash.stash("p.md", source)) == f"Words.\n\n{TABLE}\n\nMore."
