"""HTML fragments for generated pages and macros. Every string from a CSV cell passes through `text()`.

Generated content is HTML rather than markdown so that nothing in a cell can be read as markup,
and so tables get captions and header cells, which markdown tables cannot have.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from ..analysis.status import Status


def text(value: str, abbreviations: "Abbreviations | None" = None) -> str:
    """Escape a cell for HTML, then expand abbreviations with <abbr>."""
    escaped = html.escape(value or "", quote=True)
    return abbreviations.apply(escaped) if abbreviations else escaped


def md_heading(level: int, title: str, anchor: str | None = None) -> str:
    """A markdown heading (so it reaches the table of contents) whose text cannot be read as markup."""
    escaped = html.escape(title, quote=False)
    escaped = re.sub(r"([\\`*_{}\[\]()#+!|~-])", r"\\\1", escaped)
    return f"{'#' * level} {escaped}" + (f" {{ #{anchor} }}" if anchor else "")


class Abbreviations:
    """Wraps each glossary term in <abbr title="meaning"> where it appears in escaped text."""

    def __init__(self, terms: dict[str, str]):
        self.titles = {html.escape(t, quote=False): html.escape(m, quote=True) for t, m in terms.items()}
        ordered = sorted(self.titles, key=len, reverse=True)
        self.pattern = re.compile(r"(?<![\w&])(" + "|".join(re.escape(t) for t in ordered) + r")(?![\w+])") if ordered else None

    def apply(self, escaped: str) -> str:
        if not self.pattern:
            return escaped
        return self.pattern.sub(lambda m: f'<abbr title="{self.titles[m[1]]}">{m[1]}</abbr>', escaped)


def status_badge(status: Status) -> str:
    """The status in words, after its icon. The icon is drawn by the shared stylesheet (`status_icons_css`),
    so a badge costs no more bytes than its words: a measure page of the national data has 650 of them."""
    return f'<span class="care-status care-status--{status.key}">{status.word}</span>'


def status_icons_css(statuses) -> str:
    """One stylesheet rule a status: its Material Design icon (from the theme's own icon set) as a mask
    the text colour shows through. Screen readers skip it (the pseudo-element has no text); the word
    beside it carries the meaning."""
    from urllib.parse import quote

    import material

    icons = Path(material.__file__).parent / "templates" / ".icons" / "material"
    rules = []
    for status in statuses:
        svg = (icons / f"{status.icon}.svg").read_text(encoding="utf-8").strip()
        url = f'url("data:image/svg+xml,{quote(svg)}")'
        rules.append(f".care-status--{status.key}::before {{ -webkit-mask-image: {url}; mask-image: {url}; }}")
    return "/* Made by macros/render.py status_icons_css from macros/status.py: do not edit. */\n" + "\n".join(rules) + "\n"


def table(caption: str, headers: list[str], rows: list[list[str]], *, row_headers: bool = True, classes: str = "",
          searchable: bool = True) -> str:
    """An accessible table: caption, column header cells, a header cell starting each row.

    Cells must already be escaped HTML. The wrapper scrolls sideways on a phone instead of the page.
    searchable=False keeps the table out of the search index (every page loads the index): for tables of
    figures and money, whose periods and numbers nobody searches for.
    """
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = []
    for row in rows:
        cells = [f'<th scope="row">{row[0]}</th>' if row_headers else f"<td>{row[0]}</td>"]
        cells += [f"<td>{c}</td>" for c in row[1:]]
        body.append(f"<tr>{''.join(cells)}</tr>")
    return (f'<div class="care-table" role="region" aria-label="{html.escape(html.unescape(re.sub("<[^>]+>", "", caption)), quote=True)}" tabindex="0">'
            f'<table{f" class={chr(34)}{classes}{chr(34)}" if classes else ""}{"" if searchable else " data-search-exclude"}><caption>{caption}</caption><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table></div>")


def link(href: str, label: str) -> str:
    return f'<a href="{html.escape(href, quote=True)}">{label}</a>'


def block(*parts: str) -> str:
    """Join HTML parts into one block markdown leaves alone: blank lines around, none inside."""
    joined = "\n".join(p.strip() for p in parts if p)
    joined = re.sub(r"\n\s*\n", "\n", joined)
    return f"\n\n{joined}\n\n"


_INDENT = re.compile(r"\n\s+")
_KEEP_SPACES = re.compile(r"(<pre\b.*?</pre>|<textarea\b.*?</textarea>)", re.S | re.I)


def squeeze_indentation(page_html: str) -> str:
    """Drop the indentation of every line, except inside <pre> and <textarea>.

    Material's templates indent their HTML deeply: 4 KB of every page. A newline followed by spaces shows
    as one space, as a newline alone does, so the page looks the same. Costs 0.1 ms a page."""
    parts = _KEEP_SPACES.split(page_html)
    return "".join(part if i % 2 else _INDENT.sub("\n", part) for i, part in enumerate(parts))
