"""What reports say in words, through a real build of the judged fixture with outcomes.csv and caveats.csv
added."""

from __future__ import annotations

import json
import re

from conftest import JUDGED, build, data_dir, page

from macros.data.loader import load

OUTCOMES = (
    "area_id,scheme_id,measure_id,period_start,period_end,period_label,judgement,quote,source_id,source_location\n"
    "northshire,,reablement,2016-04-01,2016-09-30,April to September,on-plan,Reablement is on target,north-2016,Paragraph 9\n"
    "northshire,,falls,2016-04-01,2016-09-30,April to September,better,The falls target has been exceeded,north-2016,Paragraph 10\n"
)
CAVEATS = (
    "area_id,scheme_id,measure_id,kind,quote,plain,source_id,source_location\n"
    "northshire,,reablement,caveat,Fewer people were referred this year,,north-2016,Paragraph 11\n"
)


def test_stated_judgements_and_caveats_reach_the_area_page(tmp_path):
    data = data_dir(tmp_path / "judged", JUDGED)
    (data / "outcomes.csv").write_text(OUTCOMES, encoding="utf-8")
    (data / "caveats.csv").write_text(CAVEATS, encoding="utf-8")
    resources = {r["name"] for r in json.loads((data / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    assert "outcomes" in resources and load(data).outcomes
    result = build(tmp_path, data)
    assert result.returncode == 0, result.stderr
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page(tmp_path, "areas/northshire")))
    assert "On target (the report says)" in text and "Reablement is on target" in text
    assert "Better than target (the report says)" in text and "The falls target has been exceeded" in text
    assert "Fewer people were referred this year" in text
    report = (tmp_path / "project" / "site" / "build-report.txt").read_text(encoding="utf-8")
    assert "Rows that did not reach a page: none" in report
