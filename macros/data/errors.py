"""Errors meant for editors: each names the file, the spreadsheet line, the column, the value and what to do.

mkdocs prints a PluginError without a traceback and stops the build before anything is written,
so every mistake in the data ends up as one DataProblems raised from the loader.
"""

from __future__ import annotations

from dataclasses import dataclass

from mkdocs.exceptions import PluginError


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One mistake in one place. `line` is the spreadsheet row: the header is line 1. Made by keyword only:
    Problem(file=..., line=..., column=..., value=..., message=..., fix=...), the place's parts left out when
    there is none."""

    file: str
    line: int | None = None
    column: str | None = None
    value: str | None = None  # the value as found, quoted in the message
    message: str
    fix: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column:
            where += f", column '{self.column}'"
        shown = "" if self.value is None else f" (found {_quoted(self.value)})"
        return f"{where}: {self.message}{shown}. {self.fix}"


SHOWN = 80  # the most of a value a message quotes


def _quoted(value: str) -> str:
    """The value in quotes, its start only when it is long (a few hundred characters pasted into an id)."""
    text = str(value)
    if len(text) <= SHOWN:
        return repr(text)
    return f"{text[: SHOWN - 20]!r}… ({len(text)} characters)"


class DataProblems(PluginError):
    """Every problem found in the data, reported together so an editor can fix them in one go."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        heading = f"The data has {count} problem{'s' if count != 1 else ''}. Nothing was published."
        body = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{heading}\n{body}")


class PageProblem(PluginError):
    """A macro in a page was called with something the data does not have."""

    def __init__(self, page: str, line: int | None, message: str):
        where = page if line is None else f"{page}, line {line}"
        super().__init__(f"{where}: {message}")
        self.page, self.line = page, line
