"""Generated HTML is carried through Markdown by its own htmlStash, unchanged (site/html_blocks.py)."""

import markdown

from macros.site.html_blocks import CareMarkdown, PageExtras, part_mark, unmarked
from macros.site.placed import Element, Placed
from macros.site.templating import block

TABLE = '<table><caption>Days <abbr title="x">NHS</abbr></caption><tr><td>1 &amp; 2</td></tr></table>'


def _convert(source: str, extras: PageExtras | None = None) -> str:
    md = markdown.Markdown(extensions=["abbr", CareMarkdown(lambda: extras or PageExtras())])
    return md.convert(source)


def _squash(html: str) -> str:
    return "".join(html.split())  # markdown puts newlines between blocks differently


def test_a_page_with_marked_blocks_makes_the_html_markdown_would_make():
    source = "# Title\n\nSome *words*." + block(TABLE) + "More words." + block("<p>a</p>\n<ul><li>b</li></ul>") + "The end.\n"
    made = _convert(source)
    plain = markdown.markdown(unmarked(source))
    assert _squash(made) == _squash(plain)
    assert TABLE in made
    assert "care:html" not in made  # the marks never reach the page


def test_a_marked_block_is_never_read_as_markdown():
    made = _convert("Words." + block("<div>*not emphasis* and [not](a link)</div>"))
    assert "<div>*not emphasis* and [not](a link)</div>" in made


def test_the_marks_in_a_block_are_the_blocks_own_and_nothing_else_is_touched():
    # An editor's own HTML comment and text that only looks like a mark are left as markdown leaves them.
    source = "<!-- my note -->\n\nSay <!--care:html--> inline."
    assert _squash(_convert(source)) == _squash(markdown.markdown(source))


def test_a_part_left_for_later_is_made_when_markdown_runs_and_sees_what_was_placed_after_its_mark():
    placed = Placed()
    mark = placed.later(lambda: "## Later\n" + block(f"<p>{len(placed.elements(('a', None, 'm')))} placed</p>"))
    placed.add_elements(("a", None, "m"), Element.CHART, Element.TABLE)  # placed below the mark
    made = _convert("Before." + mark + "After.", PageExtras(part=placed.part))
    assert "<h2>Later</h2>" in made and "<p>2 placed</p>" in made
    assert made.index("Before.") < made.index("Later") < made.index("After.")
    assert mark.strip() == "<!--care:part 0-->" and part_mark(1) != mark


def test_the_block_after_the_title_goes_after_the_first_level_one_heading():
    extras = PageExtras(after_title='<p class="care-age">Old.</p>')
    made = _convert("Intro.\n\n# Title\n\nWords.\n\n# Another", extras)
    assert _squash(made).index('<h1>Title</h1><pclass="care-age">Old.</p><p>Words.</p>') > 0
    assert made.count("care-age") == 1


def test_the_block_after_the_title_starts_a_page_with_no_title():
    made = _convert("Words.", PageExtras(after_title='<p class="care-age">Old.</p>'))
    assert _squash(made) == '<pclass="care-age">Old.</p><p>Words.</p>'


def test_abbreviations_are_given_to_the_abbr_extension():
    made = _convert("The NHS pays.", PageExtras(abbreviations={"NHS": "National Health Service"}))
    assert '<abbr title="National Health Service">NHS</abbr>' in made


def test_unmarked_gives_the_markdown_a_plain_site_would_have():
    assert unmarked("Words." + block(TABLE) + "More.") == f"Words.\n\n{TABLE}\n\nMore."
