"""What mkdocs itself says during a build that stops publishing, heard as it says it.

mkdocs checks an editor's links and logs a warning for each that goes nowhere ('mkdocs.structure.pages':
"Doc file 'x.md' contains a link 'y.md', but the target is not found among documentation files."); with
`--strict` every warning stops the build once all pages are made. A warning logged names the file but not
the line, and reaches neither GitHub nor the browser. `BuildLog`, a handler on mkdocs' logger for one build,
keeps every warning (the job summary of a strict build lists why nothing was published) and turns each link
warning into a PageProblem with the line the link is on (`line_of_link`), handed to the plugin as it is heard.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from pathlib import Path

from ..data.errors import PageProblem

_LINK = re.compile(r"Doc file '(?P<file>[^']+)' contains (?:a|an absolute|an unrecognized relative) link '(?P<link>[^']*)'(?P<rest>.*)", re.S)
_MEANT = re.compile(r" Did you mean '([^']*)'\?")
# What mkdocs says is wrong with a link, in plain words, first match wins; {0}... are the pattern's groups.
_WHY: list[tuple[str, str]] = [
    (r"but the target '([^']+)' is not found", "goes to a page the site does not have (docs/{0})"),
    (r"is not found among documentation files", "goes to a page the site does not have"),
    (r"there is no such anchor on this page", "goes to a heading this page does not have"),
    (r"the doc '([^']+)' does not contain an anchor '#([^']+)'", "goes to a heading (#{1}) that docs/{0} does not have"),
    (r"it was left as is", "is not the name of a page of the site: a link to a page ends in .md, such as ../areas/southampton.md"),
]


def link_words(link: str, rest: str) -> str:
    """mkdocs' warning about a link, as an editor reads it."""
    why = "goes nowhere"
    for pattern, words in _WHY:
        found = re.search(pattern, rest)
        if found:
            why = words.format(*found.groups())
            break
    meant = _MEANT.search(rest)
    hint = f" Did you mean '{meant[1]}'?" if meant else ""
    return f"the link '{link}' {why}.{hint} Correct the address, or take the link out."


def line_of_link(source: str, link: str) -> int | None:
    """The line of the file (front matter counted) a link is written on: as a markdown link's address first,
    then anywhere. None when it cannot be found (a link a macro made)."""
    lines = source.splitlines()
    for written in (f"]({link}", f"<{link}>", f'"{link}"', f"'{link}'", link):
        for number, line in enumerate(lines, start=1):
            if written in line:
                return number
    return None


class BuildLog(logging.Handler):
    """Added to mkdocs' logger for one build (`attach`, `detach`): every warning, and each link warning as a
    PageProblem on its line, given to `on_link` as it is logged."""

    def __init__(self, docs_dir: Path, on_link: Callable[[str, PageProblem], None]):
        super().__init__(logging.WARNING)
        self.docs_dir = docs_dir
        self.on_link = on_link
        self.warnings: list[str] = []

    def attach(self) -> BuildLog:
        logging.getLogger("mkdocs").addHandler(self)
        return self

    def detach(self) -> None:
        logging.getLogger("mkdocs").removeHandler(self)

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno != logging.WARNING:
            return  # errors stop the build on their own, and are reported where they happen
        message = record.getMessage()
        found = _LINK.match(message) if record.name == "mkdocs.structure.pages" else None
        if found is None:
            self.warnings.append(message)
            return
        uri, link = found["file"], found["link"]
        try:
            source = (self.docs_dir / uri).read_text(encoding="utf-8-sig")
        except OSError:  # a page the site made, not a file in docs/
            source = ""
        problem = PageProblem(f"docs/{uri}", line_of_link(source, link), link_words(link, found["rest"]))
        self.warnings.append(str(problem))
        self.on_link(uri, problem)
