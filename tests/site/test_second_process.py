"""A one-off build with many pages makes most of them in a second process, ahead of mkdocs (engine/ahead.py). The
site must be the one a single process makes, file for file: the pages, the charts copied in, each chart's data,
the build report (the rows each page showed, merged from both processes) and the search index."""

from __future__ import annotations

import pickle
import re
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT, build, built_site
from mkdocs.exceptions import PluginError

from macros.data.errors import PageProblem
from macros.site.engine import ahead

pytestmark = pytest.mark.skipif(not ahead.possible(), reason="a second process is forked only on Linux")

# Files that differ between any two builds: a zip stamps the time; the sitemap's gzip too.
STAMPED = {"downloads/care-integration-data.zip", "sitemap.xml.gz"}


def config(second_process_from: int) -> str:
    text, count = re.subn(
        r"^(\s+)second_process_from: .*$",
        rf"\g<1>second_process_from: {second_process_from}",
        (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
        flags=re.M,
    )
    assert count == 1
    return text


def files(site: Path) -> dict[str, bytes]:
    found = {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.relative_to(site).as_posix() not in STAMPED
    }
    # The build report's first line gives the minute it was written: two builds may straddle one.
    title, rest = found["build-report.txt"].split(b"\n", 1)
    assert title.startswith(b"Build report, ")
    found["build-report.txt"] = rest
    return found


@pytest.mark.slow
def test_pages_made_in_a_second_process_are_the_pages_one_process_makes(tmp_path):
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    data = tmp_path / "data"
    synthetic.generate(data, areas=12, schemes=40, years=1, seed=3, words=True)
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
    one = built_site(tmp_path / "one", data, config=config(0), env={"CARE_BUILD_DATE": "2026-12-06"})
    result = build(
        tmp_path / "two", data, config=config(1), env={"CARE_BUILD_DATE": "2026-12-06", "CARE_CHART_CACHE": str(tmp_path / "other-charts")}
    )
    assert result.returncode == 0, result.stdout + result.stderr
    two = tmp_path / "two" / "project" / "site"
    made = re.search(r"A second process made (\d+) of the (\d+) area and scheme pages", result.stderr)
    assert made and 0 < int(made[1]) <= int(made[2]) == 12 + 40, "the second process made no page"
    made_one, made_two = files(one), files(two)
    assert len(made_one) > 100 and made_one.keys() == made_two.keys()
    assert [name for name in made_one if made_one[name] != made_two[name]] == []


@pytest.mark.slow
def test_a_build_stopped_by_a_mistake_ends_at_once_and_leaves_nothing_running(tmp_path):
    """A macro error on an editor's page stops the build while the second process is still making pages, with no
    chart cached yet (so its pages ask for charts to be drawn). The build must end with the mistake, at once:
    before, the second process's own chart drawers outlived it and held its output open, and the build never ended."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import synthetic

    data = tmp_path / "data"
    synthetic.generate(data, areas=20, schemes=200, years=1, seed=3, words=True)
    started = time.monotonic()
    # `build` waits for every process holding the build's output: a process left running fails it by its timeout.
    result = build(
        tmp_path,
        data,
        docs={"a-mistake.md": "# A mistake\n\n{{ figure('nowhere', 'no-measure') }}\n"},
        config=config(1),
        env={"CARE_BUILD_DATE": "2026-12-06"},
        timeout=120,
    )
    took = time.monotonic() - started
    assert result.returncode != 0
    assert "nowhere" in result.stdout + result.stderr
    assert took < 60, f"the stopped build took {took:.0f} s"
    assert not (tmp_path / "project" / "site" / "downloads" / "care-integration-data.zip").exists(), "the second process went on writing"


def test_an_error_in_the_second_process_reaches_the_build_as_the_editor_should_read_it():
    """The first process reads each message of the second in a thread; an error that came back from its pickle
    as something else (PageProblem: a pickle does not keep its arguments) stopped that thread, and the build
    waited for ever. Now an editor's mistake arrives as a PluginError with the same message (mkdocs shows it
    without a traceback), any other error that does not round-trip as None beside its traceback."""
    problem = PageProblem("docs/areas/x.md", 3, "there is no area 'nowhere'.")
    with pytest.raises(TypeError):
        pickle.loads(pickle.dumps(problem))  # why this matters: PageProblem does not come back from a pickle
    sent = ahead.sendable(problem)
    assert type(sent) is PluginError and str(sent) == "docs/areas/x.md, line 3: there is no area 'nowhere'."
    assert str(pickle.loads(pickle.dumps(sent))) == str(problem)
    plain = ValueError("a plain error")
    assert ahead.sendable(plain) is plain

    class Odd(Exception):
        def __init__(self, a, b):
            super().__init__(f"{a} {b}")

    assert ahead.sendable(Odd(1, 2)) is None
