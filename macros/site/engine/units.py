"""A page the data makes, as the engine takes it: its address and a function that makes it.

What a page reads from the data is not declared here: it is recorded while `make` runs, through the
Context's read-only view of the data (site/query.py), which is the only way a page reaches the data.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File


@dataclass(frozen=True)
class PageUnit:
    """One maker of pages: `make()` gives {address: markdown}, the page at `address` and any pages that come with
    it (the parts of a long list). A unit of one page is `lazy` when it may be made only when mkdocs reads it:
    3,150 area and scheme pages at national scale, whose markdown is then never all in memory at once."""

    address: str
    make: Callable[[], dict[str, str]]
    lazy: bool = False


class MadeOnRead(File):
    """A page made from the data when mkdocs reads it, and not kept: mkdocs reads each page once, and keeping
    every page's markdown from on_files to the end of the build held a copy of the whole site in memory."""

    _make: Callable[[], str]

    @classmethod
    def make(cls, config: MkDocsConfig, src_uri: str, make: Callable[[], str]) -> MadeOnRead:
        file = cast(MadeOnRead, cls.generated(config, src_uri, content=""))
        file._make = make
        return file

    @property
    def content_string(self) -> str:
        return self._make()

    @content_string.setter
    def content_string(self, value: str) -> None:  # another plugin may replace the page's markdown
        self._make = lambda: value

    @property
    def content_bytes(self) -> bytes:
        return self._make().encode("utf-8")

    @content_bytes.setter
    def content_bytes(self, value: bytes) -> None:
        self._make = lambda: value.decode("utf-8")
