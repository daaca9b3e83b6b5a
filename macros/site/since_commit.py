"""Rows added and removed since the last commit (issue 21, item 3): nothing lost without saying so.

Where the build runs in a git checkout, each CSV file of the data is compared with its version in the last
commit: git's own diff of the file (`git diff -U0 <commit> -- <path>`, only the lines that differ) gives the rows
removed and added, and the rows in the file now (read by the build) give how many there were before. Only when
the changed lines cannot be read as whole rows (a quoted cell across lines, the header changed) are both
versions read in full and compared as whole rows. A national observations.csv is 260,000 rows: read in full
twice, it cost seconds and hundreds of megabytes a build, for the one cell an edit changes.
The last commit is HEAD when the data has edits not yet committed (an editor's own computer); when
it has none (a fresh checkout, as on GitHub), it is HEAD's first parent, the version before the change being
built (for a pull request, the branch it would be merged into). No git, no repository, or no such commit: the
comparison is skipped, and the build report says so.

A file that lost rows is a warning, so a strict build (`mkdocs build --strict`, as CI runs it) fails with the file
and how many rows went, unless the change being built says the rows were removed on purpose: a line of a commit
message after the last commit (for a pull request, any of its commits) reads "Rows removed on purpose" (ON_PURPOSE).
Then the build report lists them as removed on purpose and the build goes on."""

from __future__ import annotations

import csv
import io
import re
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..data.cells import decode

_GIT_SECONDS = 30
# What an editor writes in the commit message of a change that removes rows on purpose (the guide says so).
ON_PURPOSE = "Rows removed on purpose"
_ON_PURPOSE = re.compile(r"^\s*" + re.escape(ON_PURPOSE), re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class FileChange:
    file: str  # as the build names it: data/observations.csv
    before: int  # rows in the last commit
    now: int
    added: int  # rows now that were not there, as they are now (a row edited in place is one added and one removed)
    removed: int  # rows then that are not there now, as they were

    @property
    def lost(self) -> int:
        """Rows fewer than in the last commit: an editor correcting a cell has lost nothing."""
        return max(0, self.before - self.now)

    def warning(self) -> str:
        emptied = " It has no rows now." if self.now == 0 else ""
        return (
            f"{self.file}: {self.lost} row{'s' if self.lost != 1 else ''} of {self.before} "
            f"{'were' if self.lost != 1 else 'was'} removed since the last commit.{emptied} If that was not meant, take the file "
            "from the last commit (on GitHub, open the file and click History); the site is not published while rows are lost. "
            f'If it was meant, commit it with a line "{ON_PURPOSE}" in the commit message.'
        )


@dataclass(frozen=True)
class Comparison:
    against: str | None  # the commit compared with, in words; None when skipped
    why_not: str = ""  # why it was skipped
    changes: tuple[FileChange, ...] = ()
    on_purpose: bool = False  # a commit message of the change being built says rows were removed on purpose

    @property
    def lost(self) -> list[FileChange]:
        """The files that lost rows by mistake, as far as the build can tell: each stops a strict build."""
        return [] if self.on_purpose else [c for c in self.changes if c.lost]

    def report_lines(self) -> list[str]:
        if self.against is None:
            return [f"Rows added and removed since the last commit: not compared ({self.why_not})"]
        changed = [c for c in self.changes if c.added or c.removed]
        lines = [f"Rows added and removed since the last commit ({self.against}): {'none' if not changed else len(changed)}"]
        lines += [
            f"  - {c.file}: {c.added} added, {c.removed} removed ({c.before} before, {c.now} now; a row edited counts as one of each)"
            + (f"; {c.lost} fewer, removed on purpose, as the commit message says" if self.on_purpose and c.lost else "")
            for c in changed
        ]
        return lines


def _git(root: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=_GIT_SECONDS, check=False)


def _rows(raw: bytes) -> Counter[int]:
    """The rows of a CSV file, each as a hash of its stripped cells, blank rows and the header left out. A hash,
    not the cells: a national observations.csv is 260,000 rows, and the cells of two versions of it took 700 MB."""
    try:
        text = decode(raw)
    except ValueError:
        return Counter()
    rows = csv.reader(io.StringIO(text))
    next(rows, None)
    found: Counter[int] = Counter()
    for row in rows:
        cells = tuple(map(str.strip, row))
        if any(cells):
            found[hash(cells)] += 1
    return found


def _changed_lines(root: Path, commit: str, path: str) -> tuple[int, int] | None:
    """The rows git's diff of the file since `commit` removed and added, from the lines that differ, blank lines left
    out; None when those lines cannot be read as whole rows: the header changed, or a line with an odd number of
    quotes (a quoted cell that runs across lines)."""
    diff = _git(root, "diff", "--no-color", "--no-renames", "--no-ext-diff", "-U0", commit, "--", path)
    if diff.returncode != 0:
        return None
    removed = added = 0
    for line in diff.stdout.split(b"\n"):
        if line.startswith(b"@@"):
            if line.startswith(b"@@ -1,") or line.startswith(b"@@ -1 ") or b" +1," in line or b" +1 " in line:
                return None  # the first line, the header, is among them
            continue
        if line.startswith((b"---", b"+++")) or not line.startswith((b"-", b"+")):
            continue
        if line.count(b'"') % 2:
            return None
        if line[1:].strip(b" \t\r,"):
            if line.startswith(b"-"):
                removed += 1
            else:
                added += 1
    return removed, added


def compare(data_dir: Path, files: list[str], shown_folder: str, rows_now: dict[str, int] | None = None) -> Comparison:
    """Each of `files` (names in data_dir) against the last commit. `shown_folder` names the folder in messages;
    `rows_now` is how many rows each file has now, as the build read them (without it, files that differ are
    read in full)."""
    rows_now = rows_now or {}
    try:
        top = _git(data_dir, "rev-parse", "--show-toplevel")
    except (OSError, subprocess.TimeoutExpired):
        return Comparison(None, "git is not installed here")
    if top.returncode != 0:
        return Comparison(None, "the data folder is not in a git repository")
    root = Path(top.stdout.decode().strip())
    try:
        relative = data_dir.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return Comparison(None, "the data folder is not in a git repository")
    paths = [f"{relative}/{name}" if relative != "." else name for name in files]
    edited = _git(root, "status", "--porcelain", "--", *paths)
    commit = "HEAD" if edited.returncode == 0 and edited.stdout.strip() else "HEAD~1"
    described = _git(root, "log", "-1", "--format=%h, %cd", "--date=format:%d %B %Y", commit)
    if described.returncode != 0:
        return Comparison(None, "the repository has no commit before this one (a shallow checkout: fetch-depth 2 or more gives it)")
    changes = []
    for name, path in zip(files, paths, strict=True):
        old = _git(root, "cat-file", "-e", f"{commit}:{path}")
        if old.returncode != 0:
            continue  # a new file: nothing to lose
        shown = f"{shown_folder}/{name}"
        counted = _changed_lines(root, commit, path)
        if counted == (0, 0):
            continue  # the file as it was: nothing added or removed (most files of most changes)
        if counted is not None and name in rows_now:
            removed, added = counted
            changes.append(FileChange(shown, rows_now[name] - added + removed, rows_now[name], added, removed))
            continue
        local = data_dir / name
        before, now = _rows(_git(root, "show", f"{commit}:{path}").stdout), _rows(local.read_bytes() if local.exists() else b"")
        added, removed = sum((now - before).values()), sum((before - now).values())
        changes.append(FileChange(shown, sum(before.values()), sum(now.values()), added, removed))
    # Only the change being built can say its rows went on purpose: not an edit not yet committed.
    messages = _git(root, "log", "--format=%B", "HEAD~1..HEAD").stdout.decode(errors="replace") if commit == "HEAD~1" else ""
    on_purpose = bool(_ON_PURPOSE.search(messages))
    return Comparison(f"{commit} is {described.stdout.decode().strip()}", changes=tuple(changes), on_purpose=on_purpose)
