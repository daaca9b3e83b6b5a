"""What changed in the figures and when, read from the repository's history once per build (issue 23, item 1).

Every change to a figure is a commit of observations.csv, so the site knows its own history without anyone
typing it. `git log -p --unified=0` gives, for each commit that touched the file (oldest first), only the
lines it removed and added; those are read as CSV rows and matched by their key (area, scheme, measure,
period, kind and where the report printed it: the file's primary key), never by line number, so a row that
moved is not a change. A key only added is a new figure; a key whose value changed is a correction, or a
revision when the old row was marked provisional; a key only removed is a figure removed. A row whose key
changed but not its figure (a period, kind or measure put right: same area, source and value, removed and
added in one commit) is matched to itself: a correction of what the figure is for, not a removal and a new
figure. A change to a note or a source alone is not a change to a published figure.

The reason residents read is the editor's, by a convention (docs/editors.md): the words after `Reason:` at the
start of a line of the commit message. Anything else in a message is for the people who work on the site (a
developer's "Merge branch ..." or a description of code), and is never shown: without `Reason:` the site
says no reason was given.

A checkout without history (no git, not a repository, or a shallow clone, as GitHub Actions makes by
default) gives a History that says why, and the build goes on.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

SeriesKey = tuple[str, str | None, str]
# A figure's key in observations.csv (its primary key): area, scheme, measure, period start and end, kind, printed_in.
FigureKey = tuple[str, str | None, str, str, str, str, str]
KEY_FIELDS = ("area_id", "scheme_id", "measure_id", "period_start", "period_end", "kind", "printed_in")
NEW, CORRECTION, REVISION, REMOVED = "new", "correction", "revision", "removed"
# The reason for a change, by the editors' convention: a line of the commit message that starts "Reason:".
_REASON = re.compile(r"^\s*reason\s*:\s*", re.IGNORECASE)
_TRAILER = re.compile(r"^[A-Za-z-]+-by: .*$|^Co-authored-by: .*$", re.MULTILINE)
_UK_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")


@dataclass(frozen=True, slots=True)
class Commit:
    id: str
    day: date  # the day it was committed (published)
    reason: str  # the editor's reason (the message's "Reason:" line); "" when the message has none


@dataclass(frozen=True, slots=True)
class TimeCells:
    """A row's time_stated, time_words and source_id cells as committed: how its report states the figure's time,
    so a change log words a figure's time as its page does (an undated figure's dates are only for sorting)."""

    stated: str
    words: str
    source_id: str


@dataclass(frozen=True, slots=True)
class Before:
    """What a figure was for before a correction changed that (its series, period or kind), not its value."""

    series: SeriesKey
    period_start: str
    period_end: str
    period_label: str
    kind: str
    time: TimeCells | None = None  # how the report states the time of the row as it was


@dataclass(frozen=True, slots=True)
class Change:
    """A published figure that changed, or was removed."""

    commit: Commit
    series: SeriesKey
    period_start: str
    period_end: str
    period_label: str
    kind: str
    nature: str  # correction, revision or removed
    old: str  # the value as printed before
    new: str  # and after ("" when removed)
    before: Before | None = None  # what it was for, when a correction changed that (and perhaps not its value)
    time: TimeCells | None = None  # how the report states the time of the row (the new row; the old one when removed)


@dataclass(frozen=True, slots=True)
class NewFigures:
    """The figures one commit added to one series."""

    commit: Commit
    series: SeriesKey
    count: int
    first: date | None  # the earliest start and the latest end of their periods
    last: date | None


@dataclass
class SeriesHistory:
    """One series' history: when its figures last changed, what changed and what was added, newest first."""

    last_changed: date | None = None
    changes: list[Change] = field(default_factory=list)
    new: list[NewFigures] = field(default_factory=list)


@dataclass
class History:
    """The history of the figures, newest first; `why` says why there is none when it could not be read."""

    available: bool
    why: str = ""
    commits: list[Commit] = field(default_factory=list)  # the commits that changed a figure, newest first
    changes: list[Change] = field(default_factory=list)
    new: list[NewFigures] = field(default_factory=list)
    by_series: dict[SeriesKey, SeriesHistory] = field(default_factory=dict)
    head: str = ""  # the commit the history was read at (a new commit means a new history)

    @cached_property
    def put_right(self) -> dict[tuple[SeriesKey, str, str, str], tuple[SeriesKey, str, str, str]]:
        """{a figure's series, period start, end and kind: what a later correction put it under}, for each
        correction of what a figure is for (its series, period or kind), so a change to the figure as it was
        listed can be matched to its row now."""
        return {
            (c.before.series, c.before.period_start, c.before.period_end, c.before.kind): (c.series, c.period_start, c.period_end, c.kind)
            for c in reversed(self.changes)
            if c.before
        }

    def counts(self) -> dict[str, int]:
        found = {NEW: sum(n.count for n in self.new), CORRECTION: 0, REVISION: 0, REMOVED: 0}
        for change in self.changes:
            found[change.nature] += 1
        return found


def reason(message: str) -> str:
    """The reason residents read: the words after "Reason:" at the start of a line of the commit message, with
    the lines that follow it up to a blank line (git's trailers left out); "" when no line starts so. The rest
    of a message is not a reason: GitHub's own ("Update observations.csv") or a developer's."""
    lines = _TRAILER.sub("", message).splitlines()
    for at, line in enumerate(lines):
        if _REASON.match(line):
            said = [_REASON.sub("", line, count=1)]
            for more in lines[at + 1 :]:
                if not more.strip():
                    break
                said.append(more)
            return " ".join(" ".join(said).split())
    return ""


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, timeout=600)


def head_of(folder: Path) -> str:
    """The commit checked out in the repository holding `folder`, or "" (no git, no repository): whether the
    history must be read again."""
    if shutil.which("git") is None or not folder.is_dir():
        return ""
    found = _git(["rev-parse", "HEAD"], folder)
    return found.stdout.decode().strip() if found.returncode == 0 else ""


def read_history(folder: Path, file: str = "observations.csv", cache: Path | None = None) -> History:
    """The history of `folder`/`file` in its git repository, or why there is none. What each commit changed
    is kept in the folder `cache` (when given), by commit, so that only new commits are read again."""
    if shutil.which("git") is None:
        return History(False, "git is not installed")
    if not folder.is_dir():
        return History(False, f"there is no folder {folder}")
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        return History(False, "the data folder is not in a git repository (a copy downloaded as a zip has no history)")
    root = Path(top.stdout.decode().strip())
    shallow = _git(["rev-parse", "--is-shallow-repository"], root).stdout.decode().strip()
    if shallow == "true":
        return History(False, "the repository is a shallow clone, with only its latest commits (on GitHub Actions, check out with fetch-depth: 0)")
    head = head_of(root)
    if not head:
        return History(False, "the repository has no commits yet")
    path = (folder.resolve() / file).relative_to(root.resolve()).as_posix()
    # The commits that touched the file, oldest first: fast, with no diffs.
    log = _git(["log", "--reverse", "--no-renames", "--format=%x1e%H%x1f%cs%x1f%B%x1d", "--", path], root)
    if log.returncode != 0:
        return History(False, f"git could not read the history ({log.stderr.decode(errors='replace').strip()[:200]})")
    commits = []
    for chunk in log.stdout.split(b"\x1e")[1:]:
        ident, day, message = chunk.partition(b"\x1d")[0].decode("utf-8", errors="replace").split("\x1f", 2)
        commits.append(Commit(ident, date.fromisoformat(day), reason(message)))
    # What each commit changed is the same forever: kept in `cache`, so a build reads only the new commits'
    # diffs (a diff of the national 40 MB file costs git a fraction of a second each).
    kept = {c.id: _cached(cache, c.id, path) for c in commits} if cache else {}
    patches = _patches(root, [c.id for c in commits if kept.get(c.id) is None], path)
    history = History(True, head=head)
    header: list[str] = []
    for commit in commits:
        done = kept.get(commit.id)
        if done is None:
            removed, added, header, whole = _patch_rows(patches.get(commit.id, ""), header)
            if whole:  # a record across lines, or a header the lines cannot say: compare the whole file before and after
                removed, added, header = _whole_file(root, commit.id, path)
            done = _outcome(removed, added, header)
            if cache:
                _keep(cache, commit.id, path, done)
        header = done["header"]
        _record(history, commit, done)
    history.commits.reverse()
    history.changes.reverse()
    history.new.reverse()
    for change in history.changes:  # newest first already
        history.by_series.setdefault(change.series, SeriesHistory()).changes.append(change)
    for figures in history.new:
        history.by_series.setdefault(figures.series, SeriesHistory()).new.append(figures)
    for entry in history.by_series.values():
        entry.last_changed = max([c.commit.day for c in entry.changes] + [n.commit.day for n in entry.new])
    return history


Rows = dict[FigureKey, dict[str, str]]


def _patch_rows(patch: str, header: list[str]) -> tuple[Rows, Rows, list[str], bool]:
    """The rows a commit's patch removed and added, by key; the header after it; and True when the patch
    cannot be read line by line (the whole file is compared instead)."""
    removed_lines: list[list[str]] = []  # each hunk's removed lines, and added lines, read as CSV together
    added_lines: list[list[str]] = []
    old_header, new_header = header, header
    new_line = old_line = 0
    for line in patch.split("\n"):
        if line.startswith("@@"):
            found = re.match(r"@@ -(\d+)(?:,\d+)? \+(\d+)(?:,\d+)? @@", line)
            if not found:
                return {}, {}, header, True
            old_line, new_line = int(found.group(1)), int(found.group(2))
            removed_lines.append([])
            added_lines.append([])
        elif not removed_lines or line.startswith(("diff ", "index ", "--- ", "+++ ", "\\", "new file", "deleted file", "old mode", "new mode")):
            continue
        elif line.startswith("-"):
            if old_line == 1:
                old_header = _cells(line[1:])
            else:
                removed_lines[-1].append(line[1:])
            old_line += 1
        elif line.startswith("+"):
            if new_line == 1:
                new_header = _cells(line[1:])
            else:
                added_lines[-1].append(line[1:])
            new_line += 1
    if not new_header:
        return {}, {}, header, True
    removed: Rows = {}
    added: Rows = {}
    for lines, columns, rows in ((removed_lines, old_header, removed), (added_lines, new_header, added)):
        for hunk in lines:
            for cells in csv.reader(line.removesuffix("\r") for line in hunk):
                if not any(c.strip() for c in cells):
                    continue
                if len(cells) != len(columns):
                    return {}, {}, header, True
                row = dict(zip(columns, cells))
                if not all(name in row for name in KEY_FIELDS[:1] + KEY_FIELDS[2:] + ("value",)):
                    return {}, {}, header, True
                rows[_key(row)] = row
    return removed, added, new_header, False


def _whole_file(root: Path, commit: str, path: str) -> tuple[Rows, Rows, list[str]]:
    before = _git(["show", f"{commit}^:{path}"], root)
    after = _git(["show", f"{commit}:{path}"], root)
    old = _rows(before.stdout.decode("utf-8", errors="replace")) if before.returncode == 0 else ([], {})
    new = _rows(after.stdout.decode("utf-8", errors="replace")) if after.returncode == 0 else ([], {})
    removed = {k: v for k, v in old[1].items() if new[1].get(k) != v}
    added = {k: v for k, v in new[1].items() if old[1].get(k) != v}
    return removed, added, new[0]


def _rows(text: str) -> tuple[list[str], Rows]:
    reader = csv.reader(text.lstrip("\ufeff").splitlines())
    header = [c.strip().lower() for c in next(reader, [])]
    rows = {}
    for cells in reader:
        if any(c.strip() for c in cells) and len(cells) >= len(header):
            row = dict(zip(header, cells))
            if all(name in row for name in ("area_id", "measure_id", "value")):
                rows[_key(row)] = row
    return header, rows


def _cells(line: str) -> list[str]:
    return [c.strip().lower() for c in next(csv.reader([line.lstrip("\ufeff").removesuffix("\r")]), [])]


def _day(cell: str) -> str:
    """A date cell as ISO (Excel's 01/04/2016 is 2016-04-01), so that a file saved again from Excel is not a change."""
    cell = cell.strip()
    found = _UK_DATE.match(cell)
    return f"{found.group(3)}-{int(found.group(2)):02d}-{int(found.group(1)):02d}" if found else cell[:10]


def _key(row: dict[str, str]) -> FigureKey:
    return (
        row.get("area_id", "").strip(),
        row.get("scheme_id", "").strip() or None,
        row.get("measure_id", "").strip(),
        _day(row.get("period_start", "")),
        _day(row.get("period_end", "")),
        row.get("kind", "").strip().lower(),
        row.get("printed_in", "").strip().lower(),
    )


def _same_value(a: str, b: str) -> bool:
    """The same number, however it was typed: 8,407 and 8407; 21% and 21."""
    tidy = lambda v: re.sub(r"[\s,£%]", "", v).lower()
    return tidy(a) == tidy(b)


def _same_figure(a: dict[str, str], b: dict[str, str]) -> bool:
    """Two rows give the same figure: the same value and the same top of its range (none, or 50,000 of "30,000 to
    50,000"); a range whose top was put right is a corrected figure."""
    return _same_value(a.get("value", ""), b.get("value", "")) and _same_value(a.get("value_to", ""), b.get("value_to", ""))


def _figure(row: dict[str, str]) -> str:
    """A row's figure as the editor typed it, with the top of its range: "30,000 to 50,000"."""
    value, top = row.get("value", "").strip(), row.get("value_to", "").strip()
    return f"{value} to {top}" if top else value


def _matched(removed: Rows, added: Rows) -> dict[FigureKey, FigureKey]:
    """Rows removed and added in one commit that are one figure whose key changed (its period or kind put right,
    or it moved to another measure): the same area, source and value, and the same measure or the same period
    and kind. Each removed row is matched to at most one added row, the one whose
    key shares the most cells with its own. {added key: removed key}."""
    gone = [k for k in removed if k not in added]
    came = [k for k in added if k not in removed]
    matched: dict[FigureKey, FigureKey] = {}
    for old_key in gone:
        old = removed[old_key]
        same = [
            k
            for k in came
            if k not in matched
            and k[0] == old_key[0]
            # the same measure, or the same period and kind put under another measure
            and (k[2] == old_key[2] or k[3:6] == old_key[3:6])
            and added[k].get("source_id", "").strip() == old.get("source_id", "").strip()
            and _same_figure(added[k], old)
        ]
        if same:
            matched[max(same, key=lambda k: sum(a == b for a, b in zip(k, old_key)))] = old_key
    return matched


def _outcome(removed: Rows, added: Rows, header: list[str]) -> dict:
    """What one commit did to the figures, as plain data (kept in the cache as JSON): the figures changed or
    removed, the new figures of each series, and the file's header after it. A change lists the key it had
    before when that changed (a row matched by `_matched`), else null."""
    changes = []
    new_by_series: dict[SeriesKey, list[dict[str, str]]] = defaultdict(list)
    relabelled = _matched(removed, added)
    for key, row in added.items():
        old_key = relabelled.get(key, key)
        old = removed.get(old_key)
        was: list | None = None if old_key == key else [list(old_key), (old or {}).get("period_label", "").strip(), _time_cells(old or {})]
        if old is None:
            new_by_series[key[:3]].append(row)
        elif was is not None or not _same_figure(old, row):
            nature = REVISION if old.get("provisional", "").strip().lower() == "yes" else CORRECTION
            changes.append([list(key), row.get("period_label", "").strip(), nature, _figure(old), _figure(row), was, _time_cells(row)])
    kept = set(relabelled.values())
    for key, row in removed.items():
        if key not in added and key not in kept:
            changes.append([list(key), row.get("period_label", "").strip(), REMOVED, _figure(row), "", None, _time_cells(row)])
    new = []
    for series, rows in new_by_series.items():
        starts = [d for d in (_iso(r.get("period_start", "")) for r in rows) if d]
        ends = [d for d in (_iso(r.get("period_end", "")) for r in rows) if d]
        first, last = min(starts, default=None), max(ends, default=None)
        new.append([list(series), len(rows), first.isoformat() if first else None, last.isoformat() if last else None])
    return {"changes": changes, "new": new, "header": header}


def _time_cells(row: dict[str, str]) -> list[str] | None:
    """A row's time_stated, time_words and source_id, or None when the file had no time_stated column then."""
    if "time_stated" not in row:
        return None
    return [row.get("time_stated", "").strip().lower(), row.get("time_words", "").strip(), row.get("source_id", "").strip()]


def _time(cells: list[str] | None) -> TimeCells | None:
    return TimeCells(*cells) if cells else None


def _record(history: History, commit: Commit, done: dict) -> None:
    for key, label, nature, old, new, was, time in done["changes"]:
        series = (key[0], key[1], key[2])
        before = None if was is None else Before((was[0][0], was[0][1], was[0][2]), was[0][3], was[0][4], was[1], was[0][5], _time(was[2]))
        history.changes.append(Change(commit, series, key[3], key[4], label, key[5], nature, old, new, before, _time(time)))
    for series, count, first, last in done["new"]:
        key = (series[0], series[1], series[2])
        history.new.append(NewFigures(commit, key, count, date.fromisoformat(first) if first else None, date.fromisoformat(last) if last else None))
    if done["changes"] or done["new"]:
        history.commits.append(commit)


CACHE_VERSION = 5  # of what a cached commit holds: a change to _outcome must change it


def _cache_file(cache: Path, commit: str, path: str) -> Path:
    return cache / f"{commit}-{hashlib.sha1(path.encode()).hexdigest()[:12]}-v{CACHE_VERSION}.json"


def _cached(cache: Path, commit: str, path: str) -> dict | None:
    try:
        found = json.loads(_cache_file(cache, commit, path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, dict) and {"changes", "new", "header"} <= set(found) else None


def _keep(cache: Path, commit: str, path: str, done: dict) -> None:
    try:
        cache.mkdir(parents=True, exist_ok=True)
        target = _cache_file(cache, commit, path)
        temporary = target.with_suffix(".tmp")
        temporary.write_text(json.dumps(done, separators=(",", ":")), encoding="utf-8")
        os.replace(temporary, target)
    except OSError:
        pass  # a cache that cannot be written only costs the next build the time


def _patches(root: Path, commits: list[str], path: str) -> dict[str, str]:
    """Each commit's patch of `path` (only the lines it removed and added), by commit: one git command."""
    if not commits:
        return {}
    shown = _git(["log", "--no-walk=unsorted", "--no-renames", "--no-color", "--unified=0", "--format=%x1e%H", "-p", *commits, "--", path], root)
    patches = {}
    for chunk in shown.stdout.split(b"\x1e")[1:]:
        ident, _, patch = chunk.partition(b"\n")
        patches[ident.decode().strip()] = patch.decode("utf-8", errors="replace")
    return patches


def _iso(cell: str) -> date | None:
    try:
        return date.fromisoformat(_day(cell))
    except ValueError:
        return None
