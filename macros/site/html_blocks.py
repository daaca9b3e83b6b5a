"""Generated HTML carried through Markdown unchanged, by Python-Markdown's own store of raw HTML (htmlStash).

Generated sections are HTML (render.py says why). Python-Markdown copies a raw HTML block to the page
unchanged, but only after parsing every tag of it with its HTML block preprocessor to find where the block
ends; on the national data set that parsing was a fifth of the whole build. `templating.block` marks each
block it makes with a comment line before and after it. This extension, which the care plugin registers,
puts each marked block into `md.htmlStash` before that parser runs (`_Blocks`), leaving Markdown's own
placeholder in its place; Markdown writes the block back when it writes the page, as it does any raw HTML.

The same extension adds to a page what the plugin gives it for that page (`PageExtras`), so nothing is
spliced into the markdown as text:

- parts made once every macro on an editor's page has run (`measures()` leaves out what the macros below
  it show): the macro leaves a marked line naming the part (`part_mark`), and the part's markdown takes its
  place here, after all the macros ran;
- a block after the page's first level-one heading (how old an editor's page's figures are), placed in the
  page's element tree (`_AfterTitle`);
- the glossary's abbreviations, as the `abbr` extension's definitions.

On an editor's page (`PageExtras.check_html`), before Markdown writes its raw HTML back, the HTML the page
carries is read for what it may not (`_Unsafe`, page_html.py): the raw HTML Markdown kept for it, less the
blocks the site made, and the HTML Markdown made from it. What is found is left in `PageExtras.unsafe` for the
plugin to report.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from .page_html import Unsafe, unsafe_in

START = "<!--care:html-->"
END = "<!--/care:html-->"
_PART = re.compile(r"<!--care:part (\d+)-->")


def part_mark(number: int) -> str:
    """The line a macro leaves where part `number` of its page is made later (PageExtras.part)."""
    return f"\n\n<!--care:part {number}-->\n\n"


@dataclass
class PageExtras:
    """What the page being converted gets besides its markdown."""

    part: Callable[[int], str] | None = None  # the markdown of a part left for later, by its number
    after_title: str = ""  # HTML placed after the first level-one heading (at the start without one)
    abbreviations: dict[str, str] = field(default_factory=dict)  # term: meaning, for the abbr extension
    check_html: bool = False  # an editor's page: what HTML it carries is checked (page_html.py)
    generated: set[int] = field(default_factory=set)  # the htmlStash entries the site made (not the editor's HTML)
    unsafe: list[Unsafe] = field(default_factory=list)  # what the check found


class CareMarkdown(Extension):
    """Registered once a build by the care plugin; `extras()` gives the page being converted its PageExtras."""

    def __init__(self, extras: Callable[[], PageExtras]):
        super().__init__()
        self.extras = extras

    def extendMarkdown(self, md: Markdown) -> None:
        # After whitespace is normalised (30), before fenced code (25, pymdownx) and the HTML block parser (20).
        md.preprocessors.register(_Blocks(md, self.extras), "care_blocks", 29)
        # After inline patterns (20), so the placeholder is left alone; before the table of contents (5).
        md.treeprocessors.register(_AfterTitle(md, self.extras), "care_after_title", 15)
        # Before the raw HTML is written back (30): the page's own HTML is still apart from the site's.
        md.postprocessors.register(_Unsafe(md, self.extras), "care_unsafe", 35)


def _stored(md: Markdown, html: str, extras: PageExtras) -> str:
    """Markdown's placeholder for a block the site made, noted as the site's."""
    placeholder = md.htmlStash.store(html)
    extras.generated.add(len(md.htmlStash.rawHtmlBlocks) - 1)
    return placeholder


class _Blocks(Preprocessor):
    def __init__(self, md: Markdown, extras: Callable[[], PageExtras]):
        super().__init__(md)
        self.extras = extras

    def run(self, lines: list[str]) -> list[str]:
        extras = self.extras()
        out: list[str] = []
        block: list[str] | None = None  # the lines of the marked block being read
        for line in expand_parts(lines, extras.part):
            if block is not None:
                if line == END:
                    out += ["", _stored(self.md, "\n".join(block), extras), ""]
                    block = None
                else:
                    block.append(line)
            elif line == START:
                block = []
            else:
                out.append(line)
        if block is not None:  # block() never leaves one open; an editor typing the mark leaves it as it was
            out += [START, *block]
        if extras.abbreviations:
            out += ["", *(f"*[{term}]: {meaning}" for term, meaning in extras.abbreviations.items()), ""]
        return out


def expand_parts(lines: list[str], part: Callable[[int], str] | None) -> list[str]:
    """The lines, each part mark replaced by the lines of its part (made now: every macro has run)."""
    if part is None:
        return lines
    out: list[str] = []
    for line in lines:
        found = _PART.fullmatch(line)
        out += part(int(found[1])).split("\n") if found else [line]
    return out


class _AfterTitle(Treeprocessor):
    def __init__(self, md: Markdown, extras: Callable[[], PageExtras]):
        super().__init__(md)
        self.extras = extras

    def run(self, root: etree.Element) -> None:
        html = self.extras().after_title
        if not html:
            return
        where = next((i + 1 for i, element in enumerate(root) if element.tag == "h1"), 0)
        holder = etree.Element("p")  # Markdown writes a stashed block alone in a paragraph as the block itself
        holder.text = _stored(self.md, html, self.extras())
        root.insert(where, holder)


class _Unsafe(Postprocessor):
    def __init__(self, md: Markdown, extras: Callable[[], PageExtras]):
        super().__init__(md)
        self.extras = extras

    def run(self, text: str) -> str:
        extras = self.extras()
        if extras.check_html:
            raw = [
                block if isinstance(block, str) else etree.tostring(block, encoding="unicode")
                for number, block in enumerate(self.md.htmlStash.rawHtmlBlocks)
                if number not in extras.generated
            ]
            extras.unsafe = unsafe_in([text, *raw])
        return text


def unmarked(markdown: str) -> str:
    """Markdown with the block marks taken out: the markdown a plain mkdocs site would be given (the benchmark's
    baseline is built from it)."""
    return markdown.replace(f"\n{START}\n", "\n").replace(f"\n{END}\n", "\n")
