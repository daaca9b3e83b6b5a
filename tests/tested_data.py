"""A small made-up data set where areas are compared and tested against all of them together (issue 22, item 3):
the synthetic set of benchmarks/synthetic.py (12 areas: real councils, made-up figures), with the latest month of
three measures changed so that each verdict has an area:

- emergency-admissions-rate (a rate for every 100,000 people; lower is better): the first area's rate is far
  above the others', the second's far below, the rest at the benchmark: worse, better, similar;
- crisis-response-2h (a percentage), made a measure where neither side is better: higher, lower, similar;
- reablement-still-home-91 (a percentage): one area's latest figure has no count, so nobody is tested on it.

The build tests (tests/geo/test_tested_build.py) read the pages' words; the browser tests
(tests/browser/test_tested_pages.py) check the same pages in Chromium and with the markup checkers."""

from __future__ import annotations

import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402

AREAS = 12
LAST = ("2020-03-01", "2020-03-31")
RATE, NEITHER, PARTLY = "emergency-admissions-rate", "crisis-response-2h", "reablement-still-home-91"
# Each measure's (count, population) for the first area, the second, and every other one.
MADE_UP = {RATE: ((300, 10_000), (100, 10_000), (200, 10_000)), NEITHER: ((900, 1000), (500, 1000), (700, 1000))}


def rows(path: Path) -> tuple[list[str], list[dict]]:
    """A CSV file's header and rows."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames or []), list(reader)


def write(path: Path, fields: list[str], rows: list[dict]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def made_up(tmp: Path) -> tuple[Path, list[str]]:
    """tmp/data: the synthetic set with the latest month of the three measures changed as the module says; and
    the areas' ids, in the order the module's "first" and "second" mean."""
    summary = synthetic.generate(tmp / "data", areas=AREAS, schemes=AREAS, years=1, seed=5)
    ids = summary["area_ids"]
    measures = tmp / "data" / "measures.csv"
    fields, found = rows(measures)
    write(measures, fields, [{**r, "better": "neither"} if r["id"] == NEITHER else r for r in found])
    observations = tmp / "data" / "observations.csv"
    fields, found = rows(observations)
    kept = []
    for r in found:
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
    write(observations, fields, kept)
    return tmp / "data", ids


def in_parts(per_page: int) -> str:
    """The project's mkdocs.yml with `areas_per_page` set to `per_page`, so a measure's page comes in parts."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    changed = re.sub(r"^(\s+areas_per_page:) \d+", rf"\g<1> {per_page}", config, flags=re.M)
    assert changed != config, "mkdocs.yml has no areas_per_page line to change"
    return changed


def similar_council(data: Path) -> str:
    """The first area with a group of similar areas (comparison_groups.csv): its page compares it with them too."""
    return rows(data / "comparison_groups.csv")[1][0]["area_id"]
