"""A target set for later is never shown as a status alone: a measure page's latest-figures table gives the
target in its "Plan or target" column beside "Target for later" (its Period column says when it is to be met),
and its list of schemes gives the target after the status. Made-up rows on the tiny fixture."""

from __future__ import annotations

from conftest import built_site
from test_history import table_rows
from test_said_as_stated import _page, obs, stated_data


def test_a_target_for_later_is_shown_with_its_figure_on_the_measure_page(tmp_path):
    scheme = {
        "id": "test-later",
        "area_id": "testshire",
        "name": "Later scheme",
        "summary": "A made-up scheme with only a target.",
        "for_whom": "Anyone.",
        "status": "starting",
        "source_id": "rep-2016",
        "source_location": "Paragraph 11",
    }
    data = stated_data(
        tmp_path,
        {
            "schemes": [scheme],
            "observations": [
                obs("carers-assessed", "2018-04-01", "2019-03-31", "target", "900", "by", "by 2018/19"),
                obs("carers-assessed", "2019-04-01", "2020-03-31", "target", "640", "by", "by 2019/20", scheme="test-later"),
            ],
        },
    )
    site = built_site(tmp_path, data, env={"CARE_BUILD_DATE": "2017-01-06"})
    rows = table_rows(site, "measures/carers-assessed", "Carers assessed: the latest figures for each whole area")
    assert rows == [["Testshire", "by 2018/19", "900 (target)", "", "Target for later"]]
    said = _page(site, "measures/carers-assessed")
    assert "Plan or target" in said
    assert "Later scheme (target for later: 640, by 2019/20)" in said
