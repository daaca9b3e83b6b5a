"""Testing an area against all the areas it is compared with, by Fingertips' rule (issue 22, item 3), through a
real build of a small synthetic set (benchmarks/synthetic.py) whose latest month of three measures is made up here
with counts and populations chosen so that each verdict has an area:

- emergency-admissions-rate (a rate for every 100,000 people; lower is better): the first area's rate is far
  above the others', the second's far below, the rest at the benchmark: worse, better, similar;
- crisis-response-2h (a percentage), made a measure where neither side is better: higher, lower, similar;
- reablement-still-home-91 (a percentage): one area's latest figure has no count, so nobody is tested on it,
  and its pages say only where each area is in the order, as before.

A data folder without the two columns builds with no test at all: the last test."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from conftest import ROOT, built_site
from test_site import visible

from macros.analysis.compare import byar, wilson

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402

pytestmark = pytest.mark.slow

AREAS = 12
LAST = ("2020-03-01", "2020-03-31")
RATE, NEITHER, PARTLY = "emergency-admissions-rate", "crisis-response-2h", "reablement-still-home-91"
# Each measure's (count, population) for the first area, the second, and every other one.
MADE_UP = {RATE: ((300, 10_000), (100, 10_000), (200, 10_000)), NEITHER: ((900, 1000), (500, 1000), (700, 1000))}
CHANCE = "the difference could be chance"
MORE = "the difference is more than chance would explain"
TOGETHER = "Against all these areas together"


def _rows(path: Path) -> tuple[list[str], list[dict]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, fields: list[str], rows: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def _made_up(tmp: Path) -> tuple[Path, list[str]]:
    """The synthetic set with the latest month of the three measures changed as the module says."""
    summary = synthetic.generate(tmp / "data", areas=AREAS, schemes=AREAS, years=1, seed=5)
    ids = summary["area_ids"]
    measures = tmp / "data" / "measures.csv"
    fields, rows = _rows(measures)
    _write(measures, fields, [{**r, "better": "neither"} if r["id"] == NEITHER else r for r in rows])
    observations = tmp / "data" / "observations.csv"
    fields, rows = _rows(observations)
    kept = []
    for r in rows:
        latest = not r["scheme_id"] and (r["period_start"], r["period_end"]) == LAST and r["kind"] == "actual"
        if latest and r["measure_id"] in (*MADE_UP, PARTLY) and r["printed_in"] == "text":
            continue  # a sentence quoting the old figure would disagree with the new one
        if latest and r["measure_id"] in MADE_UP:
            first, second, rest = MADE_UP[r["measure_id"]]
            count, population = first if r["area_id"] == ids[0] else second if r["area_id"] == ids[1] else rest
            per = 100_000 if r["measure_id"] == RATE else 100
            value = f"{count / population * per:g}" + ("%" if per == 100 else "")
            r = {**r, "value": value, "count": str(count), "population": str(population)}
        elif latest and r["measure_id"] == PARTLY and r["area_id"] == ids[-1]:
            r = {**r, "count": "", "population": ""}
        kept.append(r)
    _write(observations, fields, kept)
    return tmp / "data", ids


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tested")
    data, ids = _made_up(tmp)
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


def test_the_note_says_what_the_test_is_and_the_place_in_the_order_stays(built):
    site, ids = built
    words = _page(site, ids[0])
    assert "A 95% confidence interval is the range its true figure is very likely in." in words
    assert "It is better or worse only when that range leaves out the figure for all the areas together." in words
    assert "Its place in the order is not a test of whether a difference is more than chance." in words
    # Similar areas are tested among themselves too (6 areas: the council and its 5 nearest), with their own
    # benchmark: a line after each of the two standings of each of the two measures.
    with (site.parent.parent / "data" / "comparison_groups.csv").open(encoding="utf-8") as f:
        council = next(csv.DictReader(f))["area_id"]
    words = _page(site, council)
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
    data, ids = _made_up(tmp_path)
    path = data / "observations.csv"
    fields, rows = _rows(path)
    fields = [f for f in fields if f not in ("count", "population")]
    _write(path, fields, [{k: v for k, v in r.items() if k in fields} for r in rows])
    site = built_site(tmp_path, data)
    for area_id in ids:
        words = _page(site, area_id)
        assert "Against all areas that report it: lower than" in words
        assert TOGETHER not in words and "confidence interval" not in words
