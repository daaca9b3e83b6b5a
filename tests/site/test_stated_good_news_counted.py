"""The home page's "Going well" and the map's mark count the report's own good judgements ("target exceeded",
"on target": outcomes.csv better or on-plan) where the figures cannot be judged, worded as the report's, beside
what is worked out from figures: never "no measure is better than plan" and a grey "–" for an area whose report
says its targets were beaten. Made-up rows on the tiny fixture with the hex map (tests/geo/geo_helpers.py)."""

from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path

from conftest import ROOT, built_site

sys.path.insert(0, str(ROOT / "tests" / "geo"))
from geo_helpers import located  # noqa: E402

# Two results with no plan that the report itself says beat their target and are on target; Testshire's
# days waited stay worse than plan (tiny fixture), so good news stands beside bad.
OBSERVATIONS = (
    "testshire,,carers-assessed,2016-04-01,2016-09-30,Apr-Sep,actual,310,,text,,rep-2016,Paragraph 11,,,,,,\n"
    "testshire,test-carers,carers-assessed,2016-04-01,2016-09-30,Apr-Sep,actual,120,,text,,rep-2016,Paragraph 12,,,,,,\n"
)
OUTCOMES = (
    "area_id,scheme_id,measure_id,period_start,period_end,period_label,judgement,quote,source_id,source_location,time_stated,time_words\n"
    "testshire,,carers-assessed,2016-04-01,2016-09-30,Apr-Sep,better,The target has been exceeded,rep-2016,Paragraph 11,,\n"
    "testshire,test-carers,carers-assessed,2016-04-01,2016-09-30,Apr-Sep,on-plan,Performance is on target,rep-2016,Paragraph 12,,\n"
)


def text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_reports_own_good_judgements_count_as_going_well_on_the_home_page_and_map(tmp_path: Path):
    data = located(tmp_path)
    obs = data / "observations.csv"
    header = obs.read_text(encoding="utf-8").splitlines()[0].split(",")
    rows = [",".join(line.split(",")[: len(header)]) for line in OBSERVATIONS.splitlines()]
    with open(obs, "a", encoding="utf-8") as f:
        f.write("\n".join(rows) + "\n")
    (data / "outcomes.csv").write_text(OUTCOMES, encoding="utf-8")
    site = built_site(tmp_path, data, env={"CARE_BUILD_DATE": "2017-01-06"})
    home = (site / "index.html").read_text(encoding="utf-8")
    glance = text(home.split('<ul class="care-glance-words">', 1)[1].split("</ul>\n</li>", 1)[0])
    testshire = glance.split("Testshire", 1)[1].split("Vale Partnership", 1)[0]
    well = testshire.split("Going well", 1)[1].split("Going badly", 1)[0]
    assert "no measure is better than plan" not in well
    assert "Carers assessed: the report says it is better than the target" in well
    assert "Carers assessed (Supporting carers): the report says it is on target" in well
    assert "Days people waited to leave hospital" in testshire.split("Going badly", 1)[1]  # the bad news beside it
    # The map: 2 going well (both the report's words) against 1 going badly: a tick, not a grey dash.
    hexagon = re.search(r'aria-label="Testshire: ([^"]*)"', home)
    assert hexagon and unescape(hexagon.group(1)) == "2 going well (2 as the report says), 1 going badly"
    assert "More measures going well than badly: 1." in text(home)
