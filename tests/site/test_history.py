"""Issue 23, items 1 and 8: what changed and when, built from the repository's history with no one typing it,
through real builds of a temporary git repository with a few commits (figures added, corrected and revised),
and of data with no history (not a repository; a shallow clone)."""

from __future__ import annotations

import os
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build
from test_provisional_and_next_report import with_new_columns

from macros.data.history import reason

BUILT = "2026-12-06"


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org"}
    env |= {"GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    if when:
        env |= {"GIT_AUTHOR_DATE": f"{when}T10:00:00", "GIT_COMMITTER_DATE": f"{when}T10:00:00"}
    subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def edit(data: Path, old: str, new: str) -> None:
    path = data / "observations.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def history_repo(tmp_path: Path) -> Path:
    """The tiny data in its own repository: first published; a figure corrected; a provisional figure
    revised (with the message GitHub writes itself); a figure added. Each commit on its own day, its reason
    on a line starting "Reason:" (docs/editors.md), anywhere in the message."""
    data = with_new_columns(tmp_path, provisional={"1,418": "yes"})
    git(data, "init", "-q")
    git(data, "add", ".")
    git(data, "commit", "-qm", "Load the tiny data\n\nReason: First figures, from the report of 30 November 2016", when="2026-01-05")
    edit(data, 'actual,"1,041"', 'actual,"1,052"')
    git(data, "commit", "-qam", "Reason: April's days waited: the report's table says 1,052, not 1,041", when="2026-02-10")
    edit(data, 'actual,"1,418",,table,,rep-2016,Table in paragraph 16,,,,yes', 'actual,"1,420",,table,,rep-2016,Table in paragraph 16,,,,no')
    git(data, "commit", "-qam", "Update observations.csv", when="2026-03-15")
    with open(data / "observations.csv", "a", encoding="utf-8") as f:
        f.write("testshire,,dtc-days,2016-06-01,2016-06-30,Jun,plan,1200,,table,,rep-2016,Table in paragraph 16,,,,\n")
    git(
        data,
        "commit",
        "-qam",
        "Add a row to observations.csv\n\nreason: June's plan added\nSigned-off-by: Editor <editor@example.org>",
        when="2026-04-20",
    )
    return data


def words(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


def table_rows(site: Path, page: str, caption: str) -> list[list[str]]:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    table = re.search(rf"<caption>{re.escape(caption)}</caption>(.*?)</table>", html, re.S)
    assert table, f"{page}: no table '{caption}'"
    body = table.group(1).split("<tbody>")[1]
    return [
        [" ".join(unescape(re.sub(r"<[^>]+>", " ", cell)).split()) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


@pytest.fixture(scope="module")
def history_site(tmp_path_factory) -> tuple[Path, str]:
    tmp = tmp_path_factory.mktemp("history")
    data = history_repo(tmp)
    result = build(tmp, data, env={"CARE_BUILD_DATE": BUILT})
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "project" / "site", result.stdout + result.stderr


DAYS = "Days people waited to leave hospital"
FIRST = "First figures, from the report of 30 November 2016"
NONE = "No reason was given."


def test_an_area_page_lists_each_change_to_its_figures_newest_first(history_site):
    site, _ = history_site
    assert "The figures on this page last changed on 20 April 2026." in words(site, "areas/testshire")
    assert table_rows(site, "areas/testshire", "Changes to the figures on this page, newest first") == [
        ["20 April 2026", f"1 new figure: {DAYS}.", "June's plan added"],
        ["15 March 2026", f"Revision: {DAYS}, May 2016, actual was 1,418, now 1,420.", NONE],
        [
            "10 February 2026",
            f"Correction: {DAYS}, April 2016, actual was 1,041, now 1,052.",
            "April's days waited: the report's table says 1,052, not 1,041",
        ],
        ["5 January 2026", f"11 new figures: Carers assessed, Supporting carers; {DAYS}.", FIRST],
    ]


def test_a_scheme_page_lists_only_its_own_figures_changes(history_site):
    site, _ = history_site
    said = words(site, "schemes/test-carers")
    assert (
        "The figures on this page last changed on 5 January 2026. No figure on it has been corrected or revised since it was published here." in said
    )
    assert table_rows(site, "schemes/test-carers", "Changes to the figures on this page, newest first") == [
        ["5 January 2026", "3 new figures: Carers assessed, Supporting carers.", FIRST]
    ]


def test_a_measure_page_names_the_area_of_each_change(history_site):
    site, _ = history_site
    rows = table_rows(site, "measures/dtc-days", "Changes to the figures on this page, newest first")
    assert rows[2] == ["10 February 2026", f"Correction: {DAYS}, Testshire, April 2016, actual was 1,041, now 1,052.", rows[2][2]]
    assert [r[0] for r in rows] == ["20 April 2026", "15 March 2026", "10 February 2026", "5 January 2026"]


def test_the_updates_page_lists_every_change_newest_first_and_the_build_report_counts_them(history_site):
    site, output = history_site
    said = words(site, "updates")
    # Each of the 4 updates on a day of its own: the days are not said twice.
    assert "So far there have been 4 updates: 12 new figures, 1 correction, 1 revision and 0 figures removed." in said
    rows = table_rows(site, "updates", "Updates to the figures, newest first")
    assert [(r[0], r[1].split(":")[0]) for r in rows] == [
        ("20 April 2026", "1 new figure"),
        ("15 March 2026", "Revision"),
        ("10 February 2026", "Correction"),
        ("5 January 2026", "11 new figures"),
    ]
    report = (site / "build-report.txt").read_text(encoding="utf-8")
    assert "History of the figures: 4 commits changed a figure: 12 new figures, 1 correction, 1 revision, 0 removed" in report


def test_every_page_links_to_the_updates_page(history_site):
    site, _ = history_site
    for path in sorted(site.rglob("index.html")):
        hrefs = re.findall(r'<a href="([^"]+)">Updates and corrections</a>', path.read_text(encoding="utf-8"))
        assert hrefs and (path.parent / hrefs[0] / "index.html").resolve() == (site / "updates" / "index.html").resolve(), path


def test_without_history_the_pages_and_the_build_report_say_so_and_the_build_goes_on(tiny_site):
    site = tiny_site / "project" / "site"  # built from a copy of the data that is in no repository
    assert "The site could not read the history of its figures when it was built" in words(site, "updates")
    assert "the data folder is not in a git repository" in words(site, "updates")
    assert "The site could not read the history of its figures when it was built" in words(site, "areas/testshire")
    report = (site / "build-report.txt").read_text(encoding="utf-8")
    assert "History of the figures: not read (the data folder is not in a git repository" in report


def test_a_shallow_clone_says_it_has_no_history(tmp_path):
    repo = history_repo(tmp_path / "origin")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(clone)], check=True, capture_output=True)
    result = build(tmp_path, clone, env={"CARE_BUILD_DATE": BUILT})
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "project" / "site"
    assert "the repository is a shallow clone" in words(site, "updates") and "fetch-depth: 0" in words(site, "updates")
    assert "History of the figures: not read (the repository is a shallow clone" in (site / "build-report.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("message", "said"),
    [
        ("Correct April's figure\n\nReason: The report's table says 1,052.\n", "The report's table says 1,052."),
        ("Reason: April's figure\ncorrected from the table\n\nMore for developers", "April's figure corrected from the table"),
        ("Correct April's figure\n\nThe report's table says 1,052.\n", ""),  # a developer's words, not a reason
        ("Update observations.csv", ""),
        ("Add files via upload", ""),
        ("Merge pull request #12 from council/fix-april\n\nCorrect April's figure", ""),
        ("Merge branch 'wt-data'", ""),
        ("Fix a typo\n\nReason: a typo in April\nCo-authored-by: A Person <a@example.org>", "a typo in April"),
    ],
)
def test_the_reason_is_the_editors_words_or_none(message, said):
    assert reason(message) == said


def test_ci_checks_out_the_whole_history():
    steps = yaml.safe_load((ROOT / ".github" / "workflows" / "site.yml").read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    checkout = next(step for step in steps if str(step.get("uses", "")).startswith("actions/checkout@"))
    assert checkout["with"]["fetch-depth"] == 0


def test_what_each_commit_changed_is_read_once_and_kept(tmp_path):
    """A commit never changes: its diff is read once and kept in the cache (a diff of the national file costs
    git a fraction of a second), and the next read takes it from there and reads only newer commits."""
    from macros.data.history import read_history

    data = history_repo(tmp_path)
    cache = tmp_path / "cache"
    plain = read_history(data)
    first = read_history(data, cache=cache)
    assert first == plain and len(list(cache.glob("*.json"))) == 4
    # Read from the cache, not from git: a changed cache file shows.
    [kept] = [p for p in cache.glob("*.json") if '"correction"' in p.read_text(encoding="utf-8")]
    kept.write_text(kept.read_text(encoding="utf-8").replace('"1,052"', '"9,999"'), encoding="utf-8")
    assert [c.new for c in read_history(data, cache=cache).changes if c.nature == "correction"] == ["9,999"]
    edit(data, "2016-06-30,Jun,plan,1200", "2016-06-30,Jun,plan,1250")
    git(data, "commit", "-qam", "Reason: June's plan is 1,250", when="2026-05-01")
    newer = read_history(data, cache=cache)
    assert len(list(cache.glob("*.json"))) == 5
    assert [(c.commit.reason, c.old, c.new) for c in newer.changes][:1] == [("June's plan is 1,250", "1200", "1250")]


def test_a_row_whose_period_or_kind_was_put_right_is_a_correction_not_a_removal(tmp_path):
    """A figure's key changed but not its value (a plan that the report calls a target, a period put right): one
    correction saying what it was listed as before; no figure removed and none added."""
    from macros.data.history import CORRECTION, read_history

    data = history_repo(tmp_path)
    edit(data, "2016-06-30,Jun,plan,1200", "2016-06-30,Jun,target,1200")
    git(data, "commit", "-qam", "Reason: June's figure is a target, not a plan", when="2026-05-01")
    history = read_history(data)
    [change] = [c for c in history.changes if c.commit.day.isoformat() == "2026-05-01"]
    assert (change.nature, change.kind, change.old, change.new) == (CORRECTION, "target", "1200", "1200")
    assert change.before is not None and change.before.kind == "plan"
    assert not [n for n in history.new if n.commit.day.isoformat() == "2026-05-01"]
    assert history.counts()["removed"] == 0


def test_a_range_whose_top_was_put_right_is_a_correction_that_gives_the_whole_range(tmp_path):
    """A figure "1200 to 1300" whose top became 1400 is a corrected figure (it was not listed at all: the history
    compared only the value), and both figures are given whole: a changed range was said as "1200 is the same"."""
    from macros.data.history import CORRECTION, read_history

    data = history_repo(tmp_path)
    edit(data, "Jun,plan,1200,,table,,rep-2016,Table in paragraph 16,,", "Jun,plan,1200,,table,,rep-2016,Table in paragraph 16,1300,")
    git(data, "commit", "-qam", "Reason: June's plan is a range", when="2026-05-01")
    edit(data, "Jun,plan,1200,,table,,rep-2016,Table in paragraph 16,1300,", "Jun,plan,1200,,table,,rep-2016,Table in paragraph 16,1400,")
    git(data, "commit", "-qam", "Reason: the top of June's plan is 1,400", when="2026-05-02")
    changes = {c.commit.day.isoformat(): c for c in read_history(data).changes}
    assert (changes["2026-05-01"].nature, changes["2026-05-01"].old, changes["2026-05-01"].new) == (CORRECTION, "1200", "1200 to 1300")
    assert (changes["2026-05-02"].nature, changes["2026-05-02"].old, changes["2026-05-02"].new) == (CORRECTION, "1200 to 1300", "1200 to 1400")


def test_updates_that_share_a_day_are_counted_with_their_days(tmp_path):
    # The table lists changes by day; "5 updates" above a table of 4 days read as a mistake (a fresh reader).
    data = history_repo(tmp_path)
    edit(data, "2016-06-30,Jun,plan,1200", "2016-06-30,Jun,plan,1250")
    git(data, "commit", "-qam", "June's plan is 1,250", when="2026-04-20")  # the day of the commit before
    result = build(tmp_path, data, env={"CARE_BUILD_DATE": BUILT})
    assert result.returncode == 0, result.stdout + result.stderr
    said = words(tmp_path / "project" / "site", "updates")
    assert "So far there have been 5 updates, on 4 days: 12 new figures, 2 corrections, 1 revision" in said
