"""What a build tells GitHub Actions, so an editor who works in GitHub's web editor sees it where they work:
each problem as an annotation on the file and line of the pull request (workflow commands), and in the job
summary the build report, or, when a problem stopped the build, a first line saying that nothing was published
and why, then the problems (`stopped_summary`). Outside GitHub Actions (GITHUB_ACTIONS is not "true") nothing
is written."""

from __future__ import annotations

import csv
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path

from ..data.errors import Problem


def on_github(environ: Mapping[str, str] | None = None) -> bool:
    return (environ if environ is not None else os.environ).get("GITHUB_ACTIONS") == "true"


def _escape(text: str, *, property_value: bool = False) -> str:
    """Workflow commands end at a newline and read % as an escape: escape as GitHub's toolkit does."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def annotation(level: str, message: str, file: str | None = None, line: int | None = None, col: int | None = None) -> str:
    """`::error file=F,line=N,col=C::message` (level error or warning)."""
    props = [f"{name}={_escape(str(value), property_value=True)}" for name, value in (("file", file), ("line", line), ("col", col)) if value]
    return f"::{level} {','.join(props)}::{_escape(message)}" if props else f"::{level}::{_escape(message)}"


def column_number(path: Path, column: str | None) -> int | None:
    """The spreadsheet column (1 is the first) of a header name, for the annotation's `col`."""
    if not column:
        return None
    try:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as handle:
            header = next(csv.reader(handle), [])
    except OSError:
        return None
    names = [name.strip().lower() for name in header]
    return names.index(column) + 1 if column in names else None


def problem_annotations(problems: list[Problem], data_dir: Path, root: Path) -> list[str]:
    """One `::error` line a data problem, on the file as the repository names it."""
    lines = []
    for p in problems:
        # The loader names files as "<data folder name>/<file>" (or in full, for datapackage.json).
        path = Path(p.file) if Path(p.file).is_absolute() else data_dir.parent / p.file
        try:
            name = path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            name = p.file
        message = str(p).removeprefix(p.file).removeprefix(", ").removeprefix(": ")  # the file is the annotation's
        lines.append(annotation("error", message, name, p.line, column_number(path, p.column)))
    return lines


def emit(lines: list[str], environ: Mapping[str, str] | None = None) -> None:
    """Print workflow commands on GitHub Actions; nothing elsewhere."""
    if on_github(environ):
        for line in lines:
            print(line, file=sys.stdout, flush=True)


def summary_markdown(report: str) -> str:
    """The build report as markdown: its first line a heading, each line an item, indented lines nested."""
    lines = report.rstrip("\n").splitlines()
    out = [f"## {lines[0]}", ""] if lines else []
    for line in lines[1:]:
        if line.startswith("  - "):
            out.append(f"    - {line[4:]}")
        else:
            out.append(f"- {line}")
    return "\n".join(out) + "\n"


def write_summary(markdown: str, environ: Mapping[str, str] | None = None) -> None:
    """Append to the job summary GitHub shows on the run's page."""
    environ = environ if environ is not None else os.environ
    target = environ.get("GITHUB_STEP_SUMMARY")
    if on_github(environ) and target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(markdown + "\n")


def stopped_summary(why: str, problems: list[str], roots: list[Path], report: str = "") -> str:
    """The job summary of a build that published nothing: its first line says so and why, then each problem,
    then (for a build stopped by its warnings only) the build report. No path of the build machine: see
    `relative`."""
    lines = [f"## Nothing was published: {why}", ""]
    for problem in problems:
        first, *rest = relative(problem, roots).strip().splitlines() or [""]
        lines.append(f"- {first}")
        lines += [f"    {line.strip()}" for line in rest if line.strip()]
    if report:
        lines += ["", "#" + relative(summary_markdown(report), roots).rstrip("\n")]  # its heading one level down
    return "\n".join(lines) + "\n"


_ABSOLUTE = re.compile(r"(?<![\w.:/~-])/(?:[^\s/'\"()<>:,;]+/)*[^\s/'\"()<>:,;]+")


def relative(text: str, roots: list[Path]) -> str:
    """The text with the project's folders written from the project (`roots`, the longest first: the
    project, the data folder's parent), and any other path that is a path of this machine cut to its name."""
    for root in sorted({str(r.resolve()) for r in roots} | {str(r) for r in roots}, key=len, reverse=True):
        if root not in ("", "/"):
            text = text.replace(root.rstrip("/") + "/", "")

    def name(found: re.Match) -> str:
        path = Path(found[0])
        return path.name if path.parent != path and path.parent.exists() else found[0]

    return _ABSOLUTE.sub(name, text)
