"""Testing an area against all the areas it is compared with, by Fingertips' rule (issue 22, item 3), through a
real build of a small synthetic set (benchmarks/synthetic.py) whose latest month of three measures is made up (tests/tested_data.py)
with counts and populations chosen so that each verdict has an area:

- emergency-admissions-rate (a rate for every 100,000 people; lower is better): the first area's rate is far
  above the others', the second's far below, the rest at the benchmark: worse, better, similar;
- crisis-response-2h (a percentage), made a measure where neither side is better: higher, lower, similar;
- reablement-still-home-91 (a percentage): one area's latest figure has no count, so nobody is tested on it,
  and its pages say only where each area is in the order, as before.

Each measure page says the same of every area in its table (a column after each area's place), once what the
figure for all the areas together is, and the note the area pages give; the chart data and the measure's figures
to download carry the count and the population, so a reader can check the test. A data folder without the two
columns builds with no test at all: the last test."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import built_site
from test_site import visible
from tested_data import AREAS, LAST, MADE_UP, NEITHER, PARTLY, RATE, in_parts, made_up, similar_council, synthetic
from tested_data import rows as _rows
from tested_data import write as _write

from macros.analysis.compare import byar, wilson
from macros.site.comparing import NOTE_TESTED

pytestmark = pytest.mark.slow

CHANCE = "the difference could be chance"
MORE = "the difference is more than chance would explain"
TOGETHER = "Against all these areas together"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tested")
    data, ids = made_up(tmp)
    return built_site(tmp, data), ids


def _page(site: Path, area_id: str) -> str:
    return visible((site / "areas" / area_id / "index.html").read_text(encoding="utf-8"))


def _interval(low: float, high: float, per: float) -> str:
    shown = (f"{round(b * per, 1):,g}" + ("%" if per == 100 else "") for b in (low, high))
    return "(95% confidence interval {} to {}).".format(*shown)


def test_a_rate_is_better_similar_or_worse_than_all_the_areas_together_only_when_its_interval_leaves_them_out(built):
    site, ids = built
    benchmark = f"{TOGETHER} (2,000 per 100,000 population):"  # 2,400 admissions among 120,000 people
    for area_id, count, said in (
        (ids[0], 300, f"worse (higher) — {MORE}"),
        (ids[1], 100, f"better (lower) — {MORE}"),
        (ids[2], 200, f"similar — {CHANCE}"),
    ):
        low, high = byar(count)
        expected = f"{benchmark} {said} {_interval(low / 10_000, high / 10_000, 100_000)}"
        assert expected in _page(site, area_id), (area_id, expected)


def test_a_percentage_of_a_measure_where_neither_side_is_better_is_higher_similar_or_lower(built):
    site, ids = built
    benchmark = f"{TOGETHER} (70%):"  # 8,400 out of 12,000
    for area_id, count, said in ((ids[0], 900, f"higher — {MORE}"), (ids[1], 500, f"lower — {MORE}"), (ids[2], 700, f"similar — {CHANCE}")):
        expected = f"{benchmark} {said} {_interval(*wilson(count, 1000), 100)}"
        words = _page(site, area_id)
        assert expected in words, (area_id, expected)
        assert "better" not in expected and "worse" not in expected


def _measure_rows(site: Path, measure_id: str) -> dict[str, str]:
    """The last cell (its place, and its test where it has one) of each area's row in the measure's table of
    latest figures, by the area's id (from its link), on the measure's page or the parts of its list."""
    rows = {}
    for page in sorted((site / "measures" / measure_id).glob("**/index.html")):
        for row in re.findall(r'<tr><th scope="row">(.*?)</tr>', page.read_text(encoding="utf-8"), flags=re.S):
            area_id = re.search(r'href="[^"]*areas/([^/"]+)/"', row)
            if area_id:
                rows[area_id.group(1)] = visible(re.findall(r"<td>(.*?)</td>", row, flags=re.S)[-1]).strip()
    return rows


def _measure_page(site: Path, measure_id: str) -> str:
    return visible((site / "measures" / measure_id / "index.html").read_text(encoding="utf-8"))


def _shown(low: float, high: float, per: float) -> str:
    return " to ".join(f"{round(b * per, 1):,g}" + ("%" if per == 100 else "") for b in (low, high))


PLACE = re.compile(r"Lower than \d+ of the 11 other areas and higher than \d+; among the [a-z ]+ fifth")


def _assert_measure_page_tests(site: Path, ids: list[str]) -> None:
    rows = _measure_rows(site, RATE)
    assert set(rows) == set(ids), rows.keys()
    for area_id, count, said in ((ids[0], 300, "Worse (higher) than"), (ids[1], 100, "Better (lower) than"), (ids[2], 200, "Similar to")):
        low, high = byar(count)
        # Its place in the order, then its test: the verdict in words and its 95% interval.
        test = f"{said} all together ({_shown(low / 10_000, high / 10_000, 100_000)})."
        assert PLACE.fullmatch(rows[area_id].removesuffix(f". {test}")), (rows[area_id], test)
    assert all(cells.endswith(rows[ids[2]][-32:]) for area_id, cells in rows.items() if area_id not in ids[:2])
    words = _measure_page(site, RATE)
    # Said once: the figure for all the areas together, and what the test is, in the area pages' words.
    assert words.count("2,000 per 100,000 population") == 1, words
    assert 'each area is compared with all these areas together, called "all together" there: 2,000 per 100,000 population.' in words
    assert "The figures in brackets are its 95% confidence interval." in words
    assert " ".join(NOTE_TESTED.split()) in words


def test_a_measure_page_says_each_areas_test_against_all_the_areas_together_with_its_interval(built):
    site, ids = built
    _assert_measure_page_tests(site, ids)


def test_a_measure_page_where_neither_side_is_better_says_higher_similar_or_lower(built):
    site, ids = built
    rows = _measure_rows(site, NEITHER)
    for area_id, count, said in ((ids[0], 900, "Higher than"), (ids[1], 500, "Lower than"), (ids[2], 700, "Similar to")):
        assert rows[area_id].endswith(f"fifth. {said} all together ({_shown(*wilson(count, 1000), 100)})."), rows[area_id]
    assert not any(w in cells for cells in rows.values() for w in ("Better", "Worse")), rows
    assert 'called "all together" there: 70%.' in _measure_page(site, NEITHER)


def test_a_measure_page_tests_nobody_when_one_compared_figure_has_no_count(built):
    site, ids = built
    rows = _measure_rows(site, PARTLY)
    assert set(rows) == set(ids) and all(PLACE.fullmatch(cells) for cells in rows.values()), rows
    words = _measure_page(site, PARTLY)
    assert "Compared with other areas" in words and "The last column gives each area's place" in words
    assert "all together" not in words and "confidence interval" not in words
    # One missing count is all that keeps it untested: the measure whose figures all have theirs is tested.
    assert all(" all together (" in cells for cells in _measure_rows(site, RATE).values())


def test_a_measure_in_parts_tests_every_area_in_each_part(tmp_path):
    """The national set's measure pages are split into parts (areas_per_page): each part's table has the tests,
    worked out against all the areas, not the part's; the measure's page says what the figure together is."""
    data, ids = made_up(tmp_path)
    site = built_site(tmp_path, data, config=in_parts(5))
    assert len(list((site / "measures" / RATE).glob("*/index.html"))) == -(-AREAS // 5)
    _assert_measure_page_tests(site, ids)


def _latest_actual(rows: list[dict], area_id: str) -> dict:
    return next(r for r in rows if (r["area_id"], r["scheme_id"], r["kind"], r["period_start"], r["period_end"]) == (area_id, "", "actual", *LAST))


def test_the_figures_to_download_carry_the_count_and_the_population(built):
    site, ids = built
    downloads = site / "downloads"
    # A chart's data: the two columns at the end, after the columns it always had.
    fields, rows = _rows(downloads / "charts" / ids[0] / f"{RATE}.csv")
    assert fields[-2:] == ["count", "population"] and fields[:3] == ["area_id", "scheme_id", "measure_id"], fields
    assert {k: _latest_actual(rows, ids[0])[k] for k in ("value", "count", "population")} == {"value": "3000", "count": "300", "population": "10000"}
    assert all(r["count"] == r["population"] == "" for r in rows if r["kind"] != "actual")  # no count given: empty cells
    # The measure's figures, as CSV and as JSON.
    fields, rows = _rows(downloads / "measures" / f"{RATE}.csv")
    assert fields[-2:] == ["count", "population"], fields
    latest = _latest_actual(rows, ids[0])
    assert (latest["count"], latest["population"]) == ("300", "10000")
    document = json.loads((downloads / "measures" / f"{RATE}.json").read_text(encoding="utf-8"))
    assert document["fields"] == fields
    assert dict(zip(fields, next(r for r in document["rows"] if dict(zip(fields, r)) == latest))) == latest


def test_the_note_says_what_the_test_is_and_the_place_in_the_order_stays(built):
    site, ids = built
    words = _page(site, ids[0])
    assert "A 95% confidence interval is the range its true figure is very likely in." in words
    assert "It is better or worse only when that range leaves out the figure for all the areas together." in words
    assert "Its place in the order is not a test of whether a difference is more than chance." in words
    # Similar areas are tested among themselves too (6 areas: the council and its 5 nearest), with their own
    # benchmark: a line after each of the two standings of each of the two measures.
    words = _page(site, similar_council(site.parent.parent / "data"))
    assert words.count(TOGETHER) == 2 * len(MADE_UP), words[words.find("How it compares") :][:3000]


def test_where_one_compared_figure_has_no_count_nobody_is_tested_on_that_measure(built):
    site, ids = built
    name = synthetic.SHORT_NAMES.get(PARTLY) or next(m[1] for m in synthetic.MEASURES if m[0] == PARTLY)
    for area_id in ids:
        words = _page(site, area_id)
        start = words.find(f"{name} Against all areas that report it: ")
        assert start >= 0, area_id
        end = words.index("Higher is better here.", start) + len("Higher is better here.")
        assert "lower than" in words[start:end] and not words[end:].lstrip().startswith(TOGETHER), words[start : end + 200]


def test_a_data_folder_without_the_columns_tests_nothing(tmp_path):
    data, ids = made_up(tmp_path)
    path = data / "observations.csv"
    fields, rows = _rows(path)
    fields = [f for f in fields if f not in ("count", "population")]
    _write(path, fields, [{k: v for k, v in r.items() if k in fields} for r in rows])
    site = built_site(tmp_path, data)
    for area_id in ids:
        words = _page(site, area_id)
        assert "Against all areas that report it: lower than" in words
        assert TOGETHER not in words and "confidence interval" not in words
    for measure_id in (RATE, NEITHER):
        words = _measure_page(site, measure_id)
        assert "Compared with other areas" in words and "all together" not in words and "confidence interval" not in words
    fields, rows = _rows(site / "downloads" / "charts" / ids[0] / f"{RATE}.csv")
    assert fields[-2:] == ["count", "population"] and all(r["count"] == r["population"] == "" for r in rows)
