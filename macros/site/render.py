"""Small helpers for generated pages and macros; the markup itself is in `templates/` (see templating.py).

Generated content is HTML rather than markdown so that nothing in a cell can be read as markup,
and so tables get captions and header cells, which markdown tables cannot have. The templates escape
every string they print; what this module returns is markup they made.
"""

from __future__ import annotations

import re
from pathlib import Path

from markupsafe import Markup, escape

from ..analysis.status import Status
from ..presentation import statuses
from . import templating


def text(value: str, abbreviations: Abbreviations | None = None) -> Markup:
    """A cell escaped for HTML, glossary terms in <abbr> when `abbreviations` is given (the `abbr` filter)."""
    return templating.abbreviate(value, abbreviations)


def md_heading(level: int, title: str, anchor: str | None = None) -> Markup:
    """A markdown heading (so it reaches the table of contents) whose text cannot be read as markup."""
    return templating.md_heading(title, level, anchor)


def is_word(term: str) -> bool:
    """A glossary term that is an ordinary word, such as "plan" (lower-case letters only), not a short form."""
    return term.isalpha() and term.islower()


class Abbreviations:
    """Wraps each glossary term in <abbr title="meaning"> (template `macros.html`, `abbr`) where it appears in
    escaped text."""

    def __init__(self, terms: dict[str, str]):
        # An ordinary word the glossary explains ("plan", "target": lower-case letters only) is not an
        # abbreviation: the glossary lists it, but it is not marked wherever it appears.
        self.meanings = {str(escape(t)): m for t, m in terms.items() if not is_word(t)}
        self._wrapped: dict[str, str] = {}
        ordered = sorted(self.meanings, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w&])(" + "|".join(re.escape(t) for t in ordered) + r")(?![\w+])") if ordered else None

    def _wrap(self, escaped_term: str) -> str:
        if escaped_term not in self._wrapped:
            self._wrapped[escaped_term] = str(templating.macro("abbr")(Markup(escaped_term), self.meanings[escaped_term]))
        return self._wrapped[escaped_term]

    def apply(self, escaped: str) -> Markup:
        """`escaped` is HTML-escaped text (Markup); each term in it is wrapped."""
        if not self.pattern:
            return Markup(escaped)
        return Markup(self.pattern.sub(lambda m: self._wrap(m[1]), str(escaped)))


def status_badge(status: Status) -> Markup:
    """The status in words, after its icon drawn by the stylesheet (`status_icons_css`)."""
    return templating.macro("status_badge")(status)


def status_icons_css(which) -> str:
    """One stylesheet rule for each status in `which`: its Material Design icon (from the theme's own icon set) as a mask
    the text colour shows through. Screen readers skip it (the pseudo-element has no text); the word
    beside it carries the meaning."""
    from urllib.parse import quote

    import material

    icons = Path(material.__file__).parent / "templates" / ".icons" / "material"
    rules = []
    for status in which:
        svg = (icons / f"{statuses.ICONS[status]}.svg").read_text(encoding="utf-8").strip()
        url = f'url("data:image/svg+xml,{quote(svg)}")'
        rules.append(f".care-status--{status.key}::before {{ -webkit-mask-image: {url}; mask-image: {url}; }}")
    return "/* Made by macros/site/render.py status_icons_css from macros/presentation/statuses.py: do not edit. */\n" + "\n".join(rules) + "\n"


def table(caption: str, headers: list, rows: list[list], *, row_headers: bool = True, classes: str = "", searchable: bool = True) -> Markup:
    """An accessible table (template `macros.html`, `table`): caption, column header cells, a header cell
    starting each row. Cells are plain text, or markup a template made. searchable=False keeps the table
    out of the search index."""
    return templating.macro("table")(caption, headers, rows, row_headers=row_headers, classes=classes, searchable=searchable)


def link(href: str, label) -> Markup:
    return templating.macro("link")(href, label)


_INDENT = re.compile(r"\n\s+")
_KEEP_SPACES = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)


def squeeze_indentation(page_html: str) -> str:
    """Drop the indentation of every line, except inside <pre> and <textarea>.

    Material's templates indent their HTML deeply: 4 KB of every page. A newline followed by spaces shows
    as one space, as a newline alone does, so the page looks the same. Costs 0.1 ms a page."""
    parts = _KEEP_SPACES.split(page_html)
    return "".join(part if i % 2 else _INDENT.sub("\n", part) for i, part in enumerate(parts))
