"""Issue 23, items 2 and 3, through real builds of the tiny fixture with the new columns of the built-in
datapackage.json: a figure the report marks provisional or final says so in its table, its sentence and its
chart's data; an area's next report, as its report gives it (a date, or how often), is said on its pages, and
once it has passed with no newer report, that an update was expected and none has been published."""

from __future__ import annotations

import csv
import json
import re
from html import unescape
from pathlib import Path

import pytest
from conftest import ROOT, build, data_dir

BUILT = "2030-01-08"


def with_new_columns(tmp_path: Path, provisional: dict[str, str] | None = None, area: tuple[str, str, str] = ("", "", "")) -> Path:
    """The tiny data with the built-in schema's areas and observations fields (and their new columns):
    `provisional` gives the cell for rows by their value as printed; `area` is testshire's next_report,
    reports_every and next_report_location."""
    data = data_dir(tmp_path)
    built_in = {r["name"]: r for r in json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        if resource["name"] in ("areas", "observations"):
            resource["schema"]["fields"] = built_in[resource["name"]]["schema"]["fields"]
    (data / "datapackage.json").write_text(json.dumps(package, indent=2), encoding="utf-8")
    for name, extra in (("observations", ["provisional"]), ("areas", ["next_report", "reports_every", "next_report_location"])):
        with open(data / f"{name}.csv", encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        fields = list(rows[0]) + extra
        for row in rows:
            if name == "observations":
                row["provisional"] = (provisional or {}).get(row["value"], "")
            else:
                row["next_report"], row["reports_every"], row["next_report_location"] = area
        with open(data / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    return data


def text_of(site: Path, page: str) -> str:
    html = (site / page / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", article)).split())


def built(tmp_path: Path, data: Path, today: str = BUILT) -> Path:
    result = build(tmp_path, data, env={"CARE_BUILD_DATE": today})
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "project" / "site"


def test_provisional_and_final_figures_say_so_in_the_table_the_sentence_and_the_data(tmp_path):
    site = built(tmp_path, with_new_columns(tmp_path, provisional={"1,418": "yes", "1,041": "no", "2,459": "yes"}))
    words = text_of(site, "areas/testshire")
    assert "1,418 (provisional)" in words and "1,041 (final)" in words and "1,188 (" not in words
    assert "A figure marked provisional may change when the report is updated. A figure marked final will not." in words
    # The headline is the year to date, 2,459 days, which the report marks provisional.
    assert "2,459 days" in words and "The report says this figure is provisional, so it may change." in words
    with open(site / "downloads" / "charts" / "testshire" / "dtc-days.csv", encoding="utf-8") as f:
        marked = {(r["period_label"], r["kind"]): r["provisional"] for r in csv.DictReader(f)}
    assert marked[("May", "actual")] == "yes" and marked[("Apr", "actual")] == "no" and marked[("Apr", "plan")] == ""


def test_figures_the_report_does_not_mark_say_nothing_about_it(tmp_path):
    site = built(tmp_path, with_new_columns(tmp_path))
    words = text_of(site, "areas/testshire")
    assert "provisional" not in words and "final" not in words
    assert "An update was expected" not in words
    assert "The reports about Testshire give no date for the next report." in words  # issue 20: said when not given


@pytest.mark.parametrize(
    ("area", "today", "said"),
    [
        # A date still to come.
        (("2030-06-30", "", "Paragraph 20"), BUILT, "The report of 30 November 2016 says the next report is due by 30 June 2030 (Paragraph 20)."),
        # A date that has passed, and no report newer than it.
        (
            ("2017-03-31", "", "Paragraph 20"),
            BUILT,
            "The report of 30 November 2016 said the next report was due by 31 March 2017 (Paragraph 20). "
            "An update was expected, and none has been published here.",
        ),
        # How often, still within the time.
        (("", "quarterly", ""), "2017-01-15", "The report of 30 November 2016 says a new report is due every three months."),
        # How often, and more time than that has passed.
        (
            ("", "six-monthly", "Recommendation 3"),
            BUILT,
            "The report of 30 November 2016 says a new report is due every six months (Recommendation 3). "
            "More than six months have passed since then. An update was expected, and none has been published here.",
        ),
    ],
    ids=["date-to-come", "date-passed", "quarterly-in-time", "six-monthly-overdue"],
)
def test_the_next_report_as_the_report_gives_it(tmp_path, area, today, said):
    site = built(tmp_path, with_new_columns(tmp_path, area=area), today)
    for page in ("areas/testshire", "schemes/test-carers"):
        found = re.findall(r'<p class="care-next-report">(.*?)</p>', (site / page / "index.html").read_text(encoding="utf-8"))
        assert [unescape(f) for f in found] == [said], page


def test_a_date_before_the_newest_report_is_not_called_overdue(tmp_path):
    site = built(tmp_path, with_new_columns(tmp_path, area=("2016-10-31", "", "")))
    assert "An update was expected" not in (site / "areas" / "testshire" / "index.html").read_text(encoding="utf-8")
