"""Missing and suppressed figures (issue 21, item 6): the symbols of the Government Statistical Service and of
Explore Education Statistics are read, shown in words on the page, never as a figure, and counted in the build
report. SYMBOLS is the list tried: the cell and the words the page must show. Add a line to try another."""

from __future__ import annotations

import calendar
import re

import pytest
from conftest import built_site, data_dir

SYMBOLS = [
    ("", "No figure given"),
    ("n/a", "Not applicable"),
    ("z", "Not applicable"),
    ("x", "Not available"),
    ("..", "Not available"),
    ("c", "Hidden to protect privacy"),
    ("*", "Hidden to protect privacy"),
    ("[c]", "Hidden to protect privacy"),
]


@pytest.mark.slow
def test_each_symbol_is_shown_in_words_and_counted_in_the_build_report(tmp_path):
    data = data_dir(tmp_path)
    rows = []
    for number, (cell, _) in enumerate(SYMBOLS):
        year, month = 2016 + (5 + number) // 12, (5 + number) % 12 + 1
        last = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        value = f'"{cell}"' if cell else ""
        rows.append(f"testshire,,dtc-days,{year}-{month:02d}-01,{year}-{month:02d}-{last},Row {number},actual,{value},,table,,rep-2016,Table,,,")
    path = data / "observations.csv"
    path.write_text(path.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    site = built_site(tmp_path, data)
    page = (site / "areas" / "testshire" / "index.html").read_text(encoding="utf-8")
    for number, (cell, words) in enumerate(SYMBOLS):
        year, month = 2016 + (5 + number) // 12, (5 + number) % 12 + 1
        row = re.search(rf"<th scope=\"row\">{calendar.month_name[month]} {year}</th>(.*?)</tr>", page, re.S)
        assert row, (number, cell)
        assert words in row.group(1), (cell, words, row.group(1))
    report = (site / "build-report.txt").read_text(encoding="utf-8")
    # The tiny data set has one n/a of its own (Year 1 of carers assessed).
    assert "Figures not given, by what the cell says: Hidden to protect privacy 3, Not applicable 3, Not available 2, No figure given 1" in report
