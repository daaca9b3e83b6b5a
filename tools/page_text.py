#!/usr/bin/env python3
"""Compare what a reader sees on two built sites: the text of every page, with markup order and
whitespace ignored.

    python tools/page_text.py SITE_BEFORE SITE_AFTER

For each HTML page it takes the visible text (script and style left out) and the words a screen
reader or a missing image gives instead (alt, aria-label, title), one line per block, whitespace
squeezed. Pages whose text differs are printed as a unified diff; the exit status is 1 if any differ.
Chart file names (a hash of their inputs) are left out: a change of key is not a change a reader sees.
"""

from __future__ import annotations

import difflib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

BLOCKS = {
    "p",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "caption",
    "figcaption",
    "summary",
    "dt",
    "dd",
    "div",
    "section",
    "header",
    "footer",
    "nav",
    "table",
    "ul",
    "ol",
    "details",
    "figure",
    "title",
    "label",
    "button",
}
SPOKEN = ("alt", "aria-label", "title")


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in BLOCKS:
            self.lines.append("")
        for name, value in attrs:
            if name in SPOKEN and value:
                self.lines[-1] += f" [{name}: {value}] "

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag in BLOCKS:
            self.lines.append("")

    def handle_data(self, data):
        if not self.skip:
            self.lines[-1] += data


def page_text(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    lines = (re.sub(r"\s+", " ", line).strip() for line in parser.lines)
    return [line for line in lines if line]


def site_pages(site: Path) -> dict[str, list[str]]:
    return {str(p.relative_to(site)): page_text(p.read_text(encoding="utf-8")) for p in sorted(site.rglob("*.html"))}


def main(before: str, after: str) -> int:
    old, new = site_pages(Path(before)), site_pages(Path(after))
    differ = 0
    for name in sorted(old.keys() | new.keys()):
        a, b = old.get(name, []), new.get(name, [])
        if a != b:
            differ += 1
            sys.stdout.writelines(line + "\n" for line in difflib.unified_diff(a, b, f"before/{name}", f"after/{name}", lineterm="", n=1))
    print(f"{len(old)} pages before, {len(new)} after; {differ} differ in their text")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
