"""How old the figures are: a newest result whose time the report gives without a year ("during January") has
no age worked out from its sorting dates (its year is only where it is sorted); the page says the report gives
no year, and the age of the report stands beside it. Made-up rows on the tiny fixture."""

from __future__ import annotations

import re
from datetime import date

from conftest import built_site
from test_said_as_stated import _page, obs, stated_data

from macros.data.model import Period
from macros.data.vocab import TimeStated
from macros.presentation import wording


def test_a_time_without_a_year_is_given_no_age():
    january = Period(date(2017, 1, 1), date(2017, 1, 31), "during January", stated=TimeStated.WORDS, words="during January")
    assert wording.newest_and_age(january, date(2026, 12, 6)) == "during January (no year given)"
    with_year = Period(date(2017, 1, 1), date(2017, 1, 31), "during January 2017", stated=TimeStated.WORDS, words="during January 2017")
    assert wording.newest_and_age(with_year, date(2026, 12, 6)) == "during January 2017, 9 years ago"
    assert wording.newest_and_age(Period(date(2016, 10, 1), date(2016, 10, 31)), date(2026, 12, 6)) == "for October 2016, 10 years ago"


def test_the_pages_give_no_age_for_a_newest_result_without_a_year(tmp_path):
    # The newest result (sorted in January 2017, after the tiny set's 2016 figures) is "during January", no year.
    data = stated_data(tmp_path, {"observations": [obs("dtc-days", "2017-01-01", "2017-01-31", "actual", "12", "words", "during January")]})
    site = built_site(tmp_path, data, env={"CARE_BUILD_DATE": "2026-12-06"})
    for page in ("areas/testshire", ""):
        said = _page(site, page) if page else re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", (site / "index.html").read_text(encoding="utf-8")))
        assert "during January (no year given)" in said, page
        assert not re.search(r"during January,? \d+ (years?|months?) ago", said), page
        assert "30 November 2016, 10 years ago" in said or "30 November 2016 (10 years ago)" in said, page
