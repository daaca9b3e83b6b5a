"""Every problem that stops publishing shows the same three ways (issue 21, item 8): in the terminal, on every
page of the preview (tests/test_serve.py), and on GitHub, as an annotation on its line and a job summary whose
first line says that nothing was published and why, with no path of the build machine. Through real builds
of the tiny fixture, each with one mistake made on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, TINY, build, data_dir

from macros.data.loader import load
from macros.presentation import wording
from macros.site import github

BROKEN_LINK = "---\ntitle: More\n---\n\n# More\n\nSome words.\n\nRead [the plan](plans/missing.md) too.\n"  # the link on line 9
BAD_MACRO = '# More\n\nSome words.\n\n{{ figure("testshir", "dtc-days") }}\n'  # line 5
_DAYS = max((o for o in load(TINY).series[("testshire", None, "dtc-days")] if o.kind == "actual" and o.value is not None), key=lambda o: o.period.end)
# A figure typed into prose that the data contradicts, on line 7.
CONTRADICTED = (
    f"---\ntitle: Testshire\n---\n\n# Testshire\n\n"
    f"In {wording.period(_DAYS.period)} people in Testshire spent {wording.number(_DAYS.value + 100)} days waiting.\n"
)


def on_github(tmp_path: Path, docs: dict[str, str]) -> tuple[int, str, str]:
    """A strict build on GitHub Actions: its exit code, what it printed and its job summary."""
    summary = tmp_path / "summary.md"
    result = build(tmp_path, data_dir(tmp_path), docs=docs, env={"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)})
    assert summary.exists(), result.stdout + result.stderr
    return result.returncode, result.stdout + result.stderr, summary.read_text(encoding="utf-8")


def no_machine_paths(text: str, tmp_path: Path) -> None:
    for folder in (tmp_path, tmp_path.resolve(), ROOT, Path.home()):
        assert str(folder) not in text


@pytest.mark.slow
def test_a_broken_link_is_marked_on_its_line_and_the_summary_says_nothing_was_published(tmp_path):
    code, output, summary = on_github(tmp_path, {"more.md": BROKEN_LINK})
    assert code != 0
    assert "::error file=docs/more.md,line=9::the link 'plans/missing.md' goes to a page the site does not have" in output
    first = summary.splitlines()[0]
    assert first.startswith("## Nothing was published: the build found 1 warning"), first
    assert "- docs/more.md, line 9: the link 'plans/missing.md'" in summary
    no_machine_paths(summary, tmp_path)


@pytest.mark.slow
def test_a_macro_error_writes_the_summary(tmp_path):
    code, output, summary = on_github(tmp_path, {"more.md": BAD_MACRO})
    assert code != 0
    assert "::error file=docs/more.md,line=5::there is no area 'testshir'" in output
    assert summary.splitlines()[0] == "## Nothing was published: a macro on a page could not be run."
    assert "- docs/more.md, line 5: there is no area 'testshir'" in summary
    no_machine_paths(summary, tmp_path)


@pytest.mark.slow
def test_a_strict_failure_summary_does_not_read_like_a_good_build(tmp_path):
    code, output, summary = on_github(tmp_path, {"areas/testshire.md": CONTRADICTED})
    assert code != 0 and "in strict mode" in output
    assert "::error file=docs/areas/testshire.md,line=7::" in output
    first, *rest = summary.splitlines()
    assert first.startswith("## Nothing was published: the build found 1 warning") and "Build report" not in first
    assert rest[1].startswith("- docs/areas/testshire.md, line 7: ") and "does not match the data" in rest[1]
    no_machine_paths(summary, tmp_path)


def test_paths_of_the_build_machine_are_written_from_the_project(tmp_path):
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    text = f"{project}/data/datapackage.json: bad; {tmp_path}/elsewhere.csv; see https://github.com/o/r/x and /abs/link"
    assert github.relative(text, [project]) == "data/datapackage.json: bad; elsewhere.csv; see https://github.com/o/r/x and /abs/link"
