"""The line under a table naming the reports its figures come from: reports by one body name it once, before
them (an area page has a line like this under each of its measures, each naming the same reports), and
reports by different bodies each name their own. Written from the rule on the tiny fixture's made-up reports."""

from __future__ import annotations

import re

import pytest
from conftest import built_site, data_dir, page
from test_site import visible


def _with_later_reports(tmp_path):
    """The tiny data with its area's May figures from a later report by the same council, and its scheme's first
    year from a report by another body."""
    data = data_dir(tmp_path)
    sources = data / "sources.csv"
    sources.write_text(
        sources.read_text(encoding="utf-8")
        + "rep-2017,Second update,Testshire Council,Health and Wellbeing Board,2017-05-01,002_914191029eccc21d.txt,\n"
        + "nhs-2017,Carers review,Testshire NHS Trust,Trust Board,2017-06-01,002_914191029eccc21d.txt,\n",
        encoding="utf-8",
    )
    observations = data / "observations.csv"
    lines = observations.read_text(encoding="utf-8").splitlines(keepends=True)
    moved = lambda line, to: line.replace(",rep-2016,", f",{to},") if ",2016-05-01,2016-05-31,May," in line or ",Year 1," in line else line
    observations.write_text("".join(moved(line, "nhs-2017" if ",Year 1," in line else "rep-2017") for line in lines), encoding="utf-8")
    return data


def _lines(markup: str) -> list[str]:
    return [visible(line).strip() for line in re.findall(r'<p class="care-source"[^>]*>.*?</p>', markup)]


@pytest.mark.slow
def test_reports_by_one_body_name_it_once_and_by_two_name_each(tmp_path):
    built_site(tmp_path, _with_later_reports(tmp_path))
    assert (
        "Source: reports by Testshire Council: Update on Better Care, 30 November 2016 (Paragraph 16; Table in paragraph 16) "
        "and Second update, 1 May 2017 (Table in paragraph 16)."
    ) in _lines(page(tmp_path, "areas/testshire"))
    assert (
        "Source: Update on Better Care, Testshire Council, 30 November 2016 (Table in paragraph 10) "
        "and Carers review, Testshire NHS Trust, 1 June 2017 (Table in paragraph 10)."
    ) in _lines(page(tmp_path, "schemes/test-carers"))
