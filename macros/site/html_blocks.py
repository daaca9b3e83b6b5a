"""HTML blocks that Python-Markdown need not read.

Generated sections are HTML (see render.py for why). Python-Markdown copies a raw HTML block to the page
unchanged, but only after parsing every tag of it with its HTML block preprocessor to find where the block
ends; on the national data set that parsing was a fifth of the whole build. `templating.block` marks each
block it makes with a comment before and after; the plugin swaps each marked block for a one-word
placeholder paragraph before markdown runs (`stash`), and puts the HTML back in place of the placeholder
afterwards (`restore`). The page's HTML is the same as if markdown had copied the block itself.
"""

from __future__ import annotations

import re
import secrets

START = "<!--care:html-->"
END = "<!--/care:html-->"
# block() puts the markers at the start of a line with a blank line before and after, and never nests them.
_MARKED = re.compile(rf"^{re.escape(START)}\n(.*?)\n{re.escape(END)}$", re.M | re.S)


class Stash:
    """The blocks taken out of each page's markdown, until the page's HTML is made. One per build."""

    def __init__(self) -> None:
        # Letters and digits only, so markdown leaves the placeholder alone; random, so no page's own words match it.
        self.word = f"careblock{secrets.token_hex(6)}n"
        self._find = re.compile(rf"<p>{self.word}(\d+)</p>|{self.word}(\d+)")
        self._pages: dict[str, list[str]] = {}

    def stash(self, page: str, markdown: str) -> str:
        """`markdown` with each marked block replaced by a placeholder paragraph."""
        blocks = self._pages.setdefault(page, [])

        def keep(match: re.Match) -> str:
            blocks.append(match[1])
            return f"{self.word}{len(blocks) - 1}"

        return _MARKED.sub(keep, markdown)

    def restore(self, page: str, html: str) -> str:
        """The page's HTML with every placeholder replaced by its block (and the page's blocks forgotten)."""
        blocks = self._pages.pop(page, None)
        if not blocks:
            return html
        return self._find.sub(lambda m: blocks[int(m[1] if m[1] is not None else m[2])], html)

    def expanded(self, page: str, markdown: str) -> str:
        """The page's stashed markdown with its blocks back in place, unmarked: the markdown as a plain mkdocs
        site would have it (the benchmark's baseline is built from this)."""
        blocks = self._pages.get(page, [])
        return re.sub(rf"{self.word}(\d+)", lambda m: blocks[int(m[1])], markdown)
