"""An editor's page never drops what the generated page showed (issue 21, item 5): what the reports say about
the whole area or scheme (warnings, risks, good news), the partners, and who a scheme is for come after the
editor's words, unless a macro on the page placed them; and a row that reaches no page says why in the build
report. Made-up rows on the tiny fixture, so the rules hold whatever the built-in data says."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from conftest import build as mkdocs_build
from conftest import csv_rows, data_dir, page
from test_site import visible

WORDS = "Our own words end here."
# Said of the whole area, of the scheme, and of a measure the whole area has no figures for (only its scheme has).
SAID = [
    ["testshire", "", "", "progress", "Good progress was made", "The work went well.", "rep-2016", "Paragraph 3"],
    ["testshire", "", "", "risk", "Funding may end", "The money may stop.", "rep-2016", "Paragraph 4"],
    ["testshire", "test-carers", "", "praise", "Carers praised the service", "Carers liked it.", "rep-2016", "Paragraph 5"],
    ["testshire", "", "carers-assessed", "caveat", "Counts are partial", "Not every carer was counted.", "rep-2016", "Paragraph 6"],
]


def with_said(tmp_path: Path) -> Path:
    """The tiny data with the rows above; its data package allows the kinds of good news the built-in one does."""
    data = data_dir(tmp_path)
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    [caveats] = [r for r in package["resources"] if r["name"] == "caveats"]
    [kind] = [f for f in caveats["schema"]["fields"] if f["name"] == "kind"]
    kind["constraints"]["enum"] += ["progress", "praise"]
    (data / "datapackage.json").write_text(json.dumps(package), encoding="utf-8")
    with open(data / "caveats.csv", "a", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(SAID)
    return data


def after_words(html: str) -> str:
    """The page's text after the editor's words: what the site added."""
    text = visible(html)
    assert text.count(WORDS) == 1
    return text.split(WORDS)[1]


@pytest.fixture(scope="module")
def words_only(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("keeps")
    docs = {"areas/testshire.md": f"# Testshire\n\n{WORDS}\n", "schemes/test-carers.md": f"# Carers\n\n{WORDS}\n"}
    result = mkdocs_build(tmp, with_said(tmp), docs=docs)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp


@pytest.mark.slow
def test_an_editors_area_page_keeps_the_partners_and_what_the_reports_say(words_only):
    added = after_words(page(words_only, "areas/testshire"))
    [area] = csv_rows(words_only / "data", "areas")
    for body in area["bodies"].split(";"):
        assert body.strip() in added
    for row in csv_rows(words_only / "data", "caveats"):
        if not row["scheme_id"] and not row["measure_id"]:
            assert row["plain"] in added and row["quote"] in added


@pytest.mark.slow
def test_an_editors_scheme_page_keeps_who_it_is_for_and_what_the_reports_say(words_only):
    added = after_words(page(words_only, "schemes/test-carers"))
    [scheme] = csv_rows(words_only / "data", "schemes")
    assert scheme["for_whom"] in added and "Stage:" in added
    for row in csv_rows(words_only / "data", "caveats"):
        if row["scheme_id"] == "test-carers" and not row["measure_id"]:
            assert row["plain"] in added


@pytest.mark.slow
def test_the_build_report_says_why_a_row_reached_no_page(words_only):
    report = (words_only / "project" / "site" / "build-report.txt").read_text(encoding="utf-8")
    unreached = report.split("Rows that did not reach a page: ")[1]
    assert unreached.startswith("1\n")  # the caveat about a measure the whole area has no figures for
    line = len(csv_rows(words_only / "data", "caveats")) + 1
    assert re.search(rf"caveats\.csv, line {line}: there are no figures for the measure 'carers-assessed' for the whole area 'testshire'", unreached)
    assert "leave measure_id empty" in unreached.splitlines()[1]


PLACED = f"""# Testshire

{{{{ partners("testshire") }}}}

{{{{ what_reports_say("testshire") }}}}

{WORDS}
"""

SCHEME_PLACED = f"""# Carers

{{{{ about_scheme("testshire", "test-carers") }}}}

{{{{ what_reports_say("testshire", scheme="test-carers") }}}}

{WORDS}
"""


@pytest.mark.slow
def test_what_a_macro_placed_is_not_added_again(tmp_path):
    result = mkdocs_build(tmp_path, with_said(tmp_path), docs={"areas/testshire.md": PLACED, "schemes/test-carers.md": SCHEME_PLACED})
    assert result.returncode == 0, result.stdout + result.stderr
    area, scheme = page(tmp_path, "areas/testshire"), page(tmp_path, "schemes/test-carers")
    for html, said in ((area, "The work went well."), (scheme, "Carers liked it.")):
        before, added = visible(html).split(WORDS)
        assert said in before and said not in added
    assert "Testshire NHS" in visible(area).split(WORDS)[0] and "Testshire NHS" not in after_words(area)
    assert "Carers of any age." in visible(scheme).split(WORDS)[0] and "Carers of any age." not in after_words(scheme)
    assert "Who the partners are" not in visible(area) and "About the scheme" not in visible(scheme)
