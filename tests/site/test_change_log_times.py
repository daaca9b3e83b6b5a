"""A change log (an area, scheme or measure page's changes; the Updates page) words a figure's time as the
figure's own page does, from how the report states it (observations.csv time_stated, time_words): never the
sorting dates of a figure whose report gives no year ("2016 to 2017") or only an end ("April 2017 to December
2020" for "by 2020"). Made-up rows in a temporary git repository, so the rule holds whatever the built-in data."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from conftest import build
from test_history import BUILT, git, table_rows
from test_provisional_and_next_report import with_new_columns

CAPTION = "Changes to the figures on this page, newest first"
# Made-up targets: one the report gives no time for, one "by 2020", one to be removed (no time either).
UNDATED = "testshire,,dtc-days,2016-04-01,2017-03-31,Target,target,900,,text,,rep-2016,Paragraph 3,,,,,none,"
BY_2020 = "testshire,,dtc-days,2017-04-01,2020-12-31,by 2020,target,800,,text,,rep-2016,Paragraph 4,,,,,by,by 2020"
GONE = "testshire,,dtc-days,2018-04-01,2022-03-31,Gap,target,700,,text,,rep-2016,Paragraph 5,,,,,none,"


def with_time_columns(data: Path) -> None:
    path = data / "observations.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    fields = list(rows[0]) + ["time_stated", "time_words"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fields, lineterminator="\n", restval="")
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("change-log-times")
    data = with_new_columns(tmp)
    with_time_columns(data)
    path = data / "observations.csv"
    with open(path, "a", encoding="utf-8") as f:
        f.write("\n".join((UNDATED, BY_2020, GONE)) + "\n")
    git(data, "init", "-q")
    git(data, "add", ".")
    git(data, "commit", "-qm", "Reason: first figures", when="2026-01-05")
    text = path.read_text(encoding="utf-8")
    text = text.replace(UNDATED, UNDATED.replace(",900,", ",950,")).replace(BY_2020, BY_2020.replace(",800,", ",850,")).replace(GONE + "\n", "")
    path.write_text(text, encoding="utf-8")
    git(data, "commit", "-qam", "Reason: targets put right\n\nRows removed on purpose", when="2026-02-10")
    result = build(tmp, data, env={"CARE_BUILD_DATE": BUILT})
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp / "project" / "site"


def test_a_change_log_words_a_figures_time_as_the_report_states_it(site):
    said = [row[1] for row in table_rows(site, "areas/testshire", CAPTION)]
    assert "Correction: Days people waited to leave hospital, no date given; from the report of 30 November 2016, target was 900, now 950." in said
    assert "Correction: Days people waited to leave hospital, by 2020, target was 800, now 850." in said
    # A figure removed is worded from its row as committed: it is no longer in the data.
    assert "Removed: Days people waited to leave hospital, no date given; from the report of 30 November 2016, target (it was 700)." in said
    updates = " ".join(row[1] for row in table_rows(site, "updates", "Updates to the figures, newest first"))
    for sorting_dates in ("2016 to 2017", "April 2017 to December 2020", "2018 to 2022", "April 2018 to March 2022"):
        assert sorting_dates not in " ".join(said) and sorting_dates not in updates
    assert "Testshire, by 2020, target was 800, now 850." in updates
