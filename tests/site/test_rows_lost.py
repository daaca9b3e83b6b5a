"""Nothing lost without saying so (issue 21, item 3): a file an edit empties, or that loses rows, fails a strict
build with the file and how many rows went, when the last commit is known; a required table with no rows is
always an error; the build report lists rows added and removed per file."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import build, data_dir

from macros.data.errors import DataProblems
from macros.data.loader import load


def committed(data: Path) -> Path:
    """The data folder made a git repository with its files committed."""
    for args in (["init", "-q"], ["add", "."], ["-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", "data"]):
        subprocess.run(["git", "-C", str(data), *args], check=True, capture_output=True)
    return data


def header_only(data: Path, name: str) -> None:
    path = data / f"{name}.csv"
    path.write_text(path.read_text(encoding="utf-8").split("\n", 1)[0] + "\n", encoding="utf-8")


@pytest.mark.slow
def test_a_file_emptied_since_the_last_commit_fails_the_strict_build_saying_how_many_rows_went(tmp_path):
    data = committed(data_dir(tmp_path))
    rows = len((data / "milestones.csv").read_text(encoding="utf-8").strip().split("\n")) - 1
    header_only(data, "milestones")
    result = build(tmp_path, data, env={"GITHUB_ACTIONS": "true"})
    out = result.stdout + result.stderr
    assert result.returncode != 0
    assert f"data/milestones.csv: {rows} rows of {rows} were removed since the last commit. It has no rows now." in out
    assert (
        f"::error file=data/milestones.csv::{rows} rows of {rows} were removed since the last commit." in result.stdout
    )  # an error: it stops a strict build


@pytest.mark.slow
def test_a_row_corrected_in_place_is_not_lost(tmp_path):
    """An editor correcting a cell (the commonest edit of all) loses no row: the strict build goes on."""
    data = committed(data_dir(tmp_path))
    path = data / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").replace('"2,459"', '"2,468"'), encoding="utf-8")
    result = build(tmp_path, data)
    assert result.returncode == 0, result.stdout + result.stderr
    report = (tmp_path / "project" / "site" / "build-report.txt").read_text(encoding="utf-8")
    assert "  - data/observations.csv: 1 added, 1 removed" in report


@pytest.mark.slow
def test_rows_added_and_removed_are_in_the_build_report(tmp_path):
    data = committed(data_dir(tmp_path))
    path = data / "glossary.csv"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\nZZQ,Zed,A new word.\n", encoding="utf-8")
    result = build(tmp_path, data)
    assert result.returncode == 0, result.stdout + result.stderr
    report = (tmp_path / "project" / "site" / "build-report.txt").read_text(encoding="utf-8")
    assert "Rows added and removed since the last commit (HEAD is " in report
    assert "  - data/glossary.csv: 1 added, 0 removed" in report


@pytest.mark.slow
def test_without_git_history_the_report_says_it_did_not_compare(tmp_path):
    result = build(tmp_path, data_dir(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    report = (tmp_path / "project" / "site" / "build-report.txt").read_text(encoding="utf-8")
    assert "Rows added and removed since the last commit: not compared (the data folder is not in a git repository)" in report
    assert report.split("\n")[1] == "Data folder: data"  # no path of the build machine


@pytest.mark.parametrize("name", ["observations", "areas", "measures", "sources"])
def test_a_required_table_with_no_rows_is_always_an_error(tmp_path, name):
    data = data_dir(tmp_path)
    header_only(data, name)
    with pytest.raises(DataProblems) as caught:
        load(data)
    found = [str(p) for p in caught.value.problems]
    assert (
        f"data/{name}.csv: this file has its header row but no rows, and the site cannot be made without them. Put its rows back: if it was "
        "emptied by mistake, take the file from the last version that worked (on GitHub, open the file and click History)."
    ) in found


def commit_all(data: Path, message: str) -> None:
    for args in (["add", "-A"], ["-c", "user.name=T", "-c", "user.email=t@example.org", "commit", "-qm", message]):
        subprocess.run(["git", "-C", str(data), *args], check=True, capture_output=True)


def drop_last_row(data: Path, name: str) -> None:
    path = data / f"{name}.csv"
    path.write_text("\n".join(path.read_text(encoding="utf-8").rstrip("\n").split("\n")[:-1]) + "\n", encoding="utf-8")


@pytest.mark.slow
@pytest.mark.parametrize(
    "message, published",
    [
        ("The scheme ended\n\nRows removed on purpose: the report withdrew it", True),
        ("rows removed on purpose", True),
        ("Tidy the milestones", False),  # committed, but nothing says it was meant: as on GitHub after a slip
    ],
)
def test_rows_removed_in_a_commit_that_says_so_are_published(tmp_path, message, published):
    data = committed(data_dir(tmp_path))
    drop_last_row(data, "milestones")
    commit_all(data, message)
    result = build(tmp_path, data)
    out = result.stdout + result.stderr
    assert (result.returncode == 0) is published, out
    if published:
        report = (tmp_path / "project" / "site" / "build-report.txt").read_text(encoding="utf-8")
        assert "1 fewer, removed on purpose, as the commit message says" in report
    else:
        assert 'If it was meant, commit it with a line "Rows removed on purpose" in the commit message.' in out


TABLE = 'id,name,note\na,Alpha,plain\nb,Beta,"two\nlines"\nc,Gamma,plain\nd,Delta,plain\n'


@pytest.mark.parametrize(
    "edited, read_in_full",
    [
        (TABLE.replace("Alpha", "Alfa"), False),  # one cell corrected
        (TABLE + "e,Epsilon,plain\n", False),  # a row added
        (TABLE.replace("c,Gamma,plain\n", ""), False),  # a row removed
        (TABLE.replace("c,Gamma,plain\n", "") + "\n\n", False),  # and blank lines added
        (TABLE.replace('"two\nlines"', '"two\nlines, corrected"'), True),  # a quoted cell across lines
        (TABLE.replace("id,name,note", "id,name,notes"), True),  # the header
        ("id,name,note\n", True),  # emptied
    ],
)
def test_rows_counted_from_gits_diff_are_those_the_whole_files_give(tmp_path, monkeypatch, edited, read_in_full):
    # The build counts rows added and removed from the lines git's diff gives (a national file is not read in
    # full twice for one edited cell); the answer must be the one comparing both files in full gives.
    from macros.site import since_commit
    from macros.site.since_commit import _rows, compare

    data = tmp_path / "data"
    data.mkdir()
    (data / "t.csv").write_text(TABLE, encoding="utf-8")
    committed(data)
    (data / "t.csv").write_text(edited, encoding="utf-8")
    rows_now = {"t.csv": sum(_rows(edited.encode()).values())}
    in_full = compare(data, ["t.csv"], "data")
    reads = []
    monkeypatch.setattr(since_commit, "_rows", lambda raw: reads.append(raw) or _rows(raw))
    by_diff = compare(data, ["t.csv"], "data", rows_now)
    assert by_diff.changes == in_full.changes and len(in_full.changes) == 1
    assert bool(reads) is read_in_full
