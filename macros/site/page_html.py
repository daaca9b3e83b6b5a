"""What HTML an editor's page may carry (issue 21, item 4): no script, nothing loaded from other sites, no forms,
no styles; the plain HTML an editor may need (`<abbr>`, `<details>`, tables, images from the site itself) still
works.

The check reads what Python-Markdown made of the page, not the markdown as text: the raw HTML it kept for
the page (its `htmlStash`, less the blocks the site made itself, html_blocks.py) and the HTML it made from the
markdown (links, images and the attributes `attr_list` lets a page set), each read by the standard library's
HTML parser (`html.parser`, the one Python keeps). Tags and attributes are allowed by name (`TAGS`,
`ATTRIBUTES`); anything else is refused, with what to do instead. A link may go to another site (`https:`,
`http:`, `mailto:`, `tel:`) or a page of this one; an image only to a file of this site.

The editors' guide lists what is allowed (`allowed_in_words`); a test checks that it does.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import urlsplit

# The tags an editor's page may use, and the attributes any of them may have (plus `aria-*` and `data-*`).
TAGS = frozenset(
    "a abbr b blockquote br caption cite code col colgroup dd del details div dl dt em figcaption figure "
    "h1 h2 h3 h4 h5 h6 hr i img ins kbd li mark ol p pre q s small span strong sub summary sup "
    "table tbody td tfoot th thead time tr u ul".split()
)
ATTRIBUTES = frozenset("alt class colspan datetime dir headers height href id lang open rowspan scope span src start title type width".split())
LINK_SCHEMES = ("https", "http", "mailto", "tel")  # where a link may go besides a page of this site

# What to write instead, for the tags a page is most likely to be given by a copy from another site.
_SCRIPT = "Pages run no script: the site's own parts do what a page needs. Take it out; for a chart or a figure use a macro such as {{ chart(...) }}."
_ELSEWHERE = (
    "The site loads nothing from other sites, so that readers are not tracked. Take it out and link to it instead: [what it is](https://...)."
)
_FORM = "Pages cannot have forms or buttons. Take it out and link to the form on its own site instead: [Tell us what you think](https://...)."
_STYLE = (
    "Pages cannot change how the site looks, so that every page reads the same. Take it out; a developer can add a style to docs/assets/care.css."
)
_INSTEAD = {
    "script": _SCRIPT,
    "noscript": _SCRIPT,
    "iframe": _ELSEWHERE,
    "frame": _ELSEWHERE,
    "frameset": _ELSEWHERE,
    "object": _ELSEWHERE,
    "embed": _ELSEWHERE,
    "applet": _ELSEWHERE,
    "link": _ELSEWHERE,
    "video": _ELSEWHERE,
    "audio": _ELSEWHERE,
    "form": _FORM,
    "input": _FORM,
    "button": _FORM,
    "select": _FORM,
    "textarea": _FORM,
    "style": _STYLE,
    "font": _STYLE,
    "center": _STYLE,
}


@dataclass(frozen=True)
class Unsafe:
    """One thing a page may not carry: what it is, what to do, and text to look for to find its line."""

    found: str  # "a <script> element", "the attribute onclick on <a>", ...
    fix: str
    needles: tuple[str, ...]  # the first of these found in the page's source gives the line

    @property
    def message(self) -> str:
        return f"this page has {self.found}. {self.fix}"


def allowed_in_words() -> tuple[str, str]:
    """The tags and attributes a page may use, as the editors' guide lists them."""
    return ", ".join(f"`<{t}>`" for t in sorted(TAGS)), ", ".join(f"`{a}`" for a in sorted(ATTRIBUTES))


def _clean_url(value: str) -> str:
    """An address as a browser reads it: spaces and control characters around it and tabs or new lines inside
    it do not count (`java\\tscript:` is `javascript:`)."""
    return "".join(ch for ch in value if ch not in "\t\n\r").strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f \x1f")


def url_problem(tag: str, name: str, value: str) -> str | None:
    """Why an address may not be used (None: it may). A link may go to another site or to a page of this one;
    an image (src) only to a file of this site."""
    url = _clean_url(value)
    try:
        parts = urlsplit(url)
    except ValueError:
        return "an address the site cannot read"
    scheme = parts.scheme.lower()
    if scheme in ("javascript", "vbscript"):
        return f"a {scheme}: address, which runs script"
    if scheme == "data":
        return "a data: address, which can hide anything, even a script"
    if name == "src":
        if scheme or url.startswith("//") or url.startswith("\\\\"):
            return "an image from another site, which tells that site who reads the page"
        return None
    if scheme and scheme not in LINK_SCHEMES:
        return f"a {scheme}: address"
    return None


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Unsafe] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            fix = _INSTEAD.get(tag, "Only the tags the 'For editors' page lists may be used. Take it out, or write it in markdown.")
            self.found.append(Unsafe(f"a <{tag}> element", fix, (f"<{tag}",)))
            return
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(
                    Unsafe(f"the attribute {name} on <{tag}>, which runs script", f'Pages run no script. Take {name}="..." out.', (name, f"<{tag}"))
                )
            elif name == "style":
                self.found.append(Unsafe(f"the attribute style on <{tag}>", _STYLE, ("style=", f"<{tag}")))
            elif name in ("href", "src"):
                why = url_problem(tag, name, value or "")
                if why:
                    fix = (
                        "Save the image in docs/assets/ and give its address there, such as assets/picture.png."
                        if name == "src"
                        else "Link to a page with an address that begins with https://, or to a page of this site."
                    )
                    self.found.append(Unsafe(f"{why} in <{tag}> ({(value or '').strip()[:60]!r})", fix, ((value or "").strip()[:40], f"<{tag}")))
            elif name not in ATTRIBUTES and not name.startswith(("aria-", "data-")):
                self.found.append(
                    Unsafe(
                        f"the attribute {name} on <{tag}>",
                        "Only the attributes the 'For editors' page lists may be used. Take it out.",
                        (f"{name}=", f"<{tag}"),
                    )
                )


def unsafe_in(fragments: list[str]) -> list[Unsafe]:
    """What the HTML fragments carry that a page may not, each once, in the order found."""
    found: list[Unsafe] = []
    for fragment in fragments:
        reader = _Reader()
        reader.feed(fragment)
        reader.close()
        found += [u for u in reader.found if u not in found]
    return found


MARKS = ("<!--care:html-->", "<!--/care:html-->", "<!--care:part")  # the site's own marks (html_blocks.py)


def marks_in(source: str) -> list[tuple[int, str]]:
    """(line, mark) for each of the site's own block marks typed into a page: they would let raw HTML past this
    check, so a page may not have them."""
    return [(number, mark) for number, line in enumerate(source.splitlines(), 1) for mark in MARKS if mark in line]


def line_of(source: str, needles: tuple[str, ...]) -> int | None:
    """The line of the page's source (front matter counted) where the first needle found is, or None."""
    lines = source.lower().splitlines()
    for needle in needles:
        needle = needle.lower()
        if not needle:
            continue
        for number, line in enumerate(lines, 1):
            if needle in line:
                return number
    return None
