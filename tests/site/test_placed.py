"""Where an editor's page places figures with macros, the generated parts do not repeat them (issue 13, item
5): after the editor's words the site adds every part of the page the macros did not show, and `measures()`
leaves out what other macros on the page show, above or below it. What the expectations rest on is what each
page's macros place, read from the page itself, never a count of the built-in figures."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from conftest import REAL_DATA, ROOT, build, csv_rows, data_dir, page
from test_site import visible

from macros.data.loader import load
from macros.presentation.charts import MIN_FIGURES
from macros.presentation.charts.points import plotted
from macros.presentation.charts.points import visible as plotted_visibly
from macros.site.placed import Element, Part, Placed

GENERATED_AREA_HEADINGS = ("How things are going", "Schemes", "Checks on the source figures", "Sources")


def chart_images(html: str, measure_name: str) -> int:
    return len(re.findall(rf'<img [^>]*alt="Chart: {re.escape(measure_name)}\. Described below\."', html))


def tables(html: str, caption_start: str) -> int:
    return len(re.findall(rf"<caption>{re.escape(caption_start)}", html))


def headings(html: str, level: int = 2) -> list[str]:
    return [visible(h).strip() for h in re.findall(rf"<h{level}\b[^>]*>(.*?)</h{level}>", html, re.S)]


def macro_calls(markdown: str) -> list[tuple[str, list, dict]]:
    """Every {{ macro(...) }} in a page, with its arguments as written."""
    calls = []
    for text in re.findall(r"\{\{\s*(\w+\(.*?\))\s*\}\}", markdown, re.S):
        call = ast.parse(text, mode="eval").body
        assert isinstance(call, ast.Call) and isinstance(call.func, ast.Name)
        calls.append((call.func.id, [ast.literal_eval(a) for a in call.args], {k.arg: ast.literal_eval(k.value) for k in call.keywords}))
    return calls


# Tiny data, built once: three pages that place figures in three ways ----------------------------------------

CHART_ONLY = """---
title: Testshire
---

# Testshire

Our own words about Testshire.

{{ chart("testshire", "dtc-days") }}
"""

# measures() first: it must leave out the chart and the table placed below it.
MEASURES_FIRST = """# Waiting days

{{ measures("testshire") }}

## The chart again, by hand

{{ chart("testshire", "dtc-days") }}

{{ table("testshire", "dtc-days") }}
"""

SCHEME_PAGE = """# Supporting carers

Our own words about carers.

{{ money("testshire", scheme="test-carers") }}

{{ table("testshire", "carers-assessed", scheme="test-carers") }}
"""

# Every part of the area page placed by hand: nothing is added after it.
EVERY_PART = """# Testshire

{{ what_reports_say("testshire") }}

{{ partners("testshire") }}

{{ decisions("testshire") }}

{{ where_it_is("testshire") }}

{{ at_a_glance("testshire") }}

{{ how_it_compares("testshire") }}

{{ measures("testshire") }}

## Our schemes

{{ schemes("testshire") }}

{{ milestones("testshire") }}

{{ problems_in("testshire") }}

{{ changes("testshire") }}

## Where the figures come from

{{ sources("testshire") }}
"""


@pytest.fixture(scope="module")
def placed_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("placed")
    # An editor's measure page as well: it has no age line or parts added (it stopped the build before).
    docs = {
        "areas/testshire.md": CHART_ONLY,
        "extra.md": MEASURES_FIRST,
        "schemes/test-carers.md": SCHEME_PAGE,
        "measures/dtc-days.md": "# Days\n\nWords.\n",
    }
    result = build(tmp, data_dir(tmp), docs=docs)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp


@pytest.mark.slow
def test_a_chart_placed_by_the_editor_is_not_repeated_but_everything_else_is_added(placed_site):
    html = page(placed_site, "areas/testshire")
    assert "Our own words about Testshire." in visible(html)
    assert chart_images(html, "Days people waited to leave hospital") == 1  # the editor's
    assert tables(html, "Days people waited to leave hospital: Testshire") == 1  # added: the editor placed no table
    assert "The chart for this measure is elsewhere on this page." in visible(html)
    assert [h for h in headings(html) if h in GENERATED_AREA_HEADINGS] == list(GENERATED_AREA_HEADINGS)
    assert "Testshire Council" in visible(html.split('id="sources"')[1])  # the sources still reach the page


@pytest.mark.slow
def test_measures_leaves_out_what_macros_below_it_show(placed_site):
    html = page(placed_site, "extra")
    assert chart_images(html, "Days people waited to leave hospital") == 1
    assert tables(html, "Days people waited to leave hospital: Testshire") == 1
    words = visible(html)
    assert "The chart and the table for this measure are elsewhere on this page." in words
    assert "Days people waited to leave hospital: 2,459 days from April to May 2016" in words  # its sentence stays in measures()
    assert "care:part" not in html


@pytest.mark.slow
def test_a_scheme_page_adds_what_its_macros_left_out(placed_site):
    html = page(placed_site, "schemes/test-carers")
    assert tables(html, "Carers assessed: Testshire, Supporting carers") == 1
    assert tables(html, "Money: Supporting carers") == 1  # the money the editor placed, not again
    # Money placed; the measure's section keeps what the editor did not place (its sentence, status, chart).
    assert [h for h in headings(html) if h in ("Money", "Measures", "Milestones", "Risks", "Sources")] == [
        "Measures",
        "Milestones",
        "Risks",
        "Sources",
    ]
    assert "The table for this measure is elsewhere on this page." in visible(html)


@pytest.mark.slow
def test_a_page_that_places_every_part_gets_nothing_added(tmp_path):
    result = build(tmp_path, data_dir(tmp_path), docs={"areas/testshire.md": EVERY_PART})
    assert result.returncode == 0, result.stdout + result.stderr
    html = page(tmp_path, "areas/testshire")
    assert headings(html) == ["Our schemes", "Where the figures come from"]  # none of the generated headings
    assert chart_images(html, "Days people waited to leave hospital") == 1
    assert tables(html, "Days people waited to leave hospital: Testshire") == 1


# The worked example: Southampton ---------------------------------------------------------------------------


@pytest.mark.slow
def test_southampton_shows_no_chart_or_table_twice_and_every_measure_once(real_site):
    """docs/areas/southampton.md places a chart and a table by hand and then asks for every measure."""
    source = (ROOT / "docs" / "areas" / "southampton.md").read_text(encoding="utf-8")
    calls = macro_calls(source)
    html = page(real_site, "areas/southampton")
    names = {m["id"]: m["name"] for m in csv_rows(REAL_DATA, "measures")}
    area = next(a["name"] for a in csv_rows(REAL_DATA, "areas") if a["id"] == "southampton")
    own = {o["measure_id"] for o in csv_rows(REAL_DATA, "observations") if o["area_id"] == "southampton" and not o["scheme_id"]}
    charted = {args[1] for name, args, kw in calls if name == "chart" and "scheme" not in kw}
    tabled = {args[1] for name, args, kw in calls if name == "table" and "scheme" not in kw}
    data = load(REAL_DATA)

    def drawn(measure: str) -> int:
        """1 when the measure has a chart at all: MIN_FIGURES figures shown (tests/presentation check the rule)."""
        return int(sum(1 for o in plotted(data.series[("southampton", None, measure)]) if plotted_visibly(o)) >= MIN_FIGURES)

    assert charted and tabled and ("measures", ["southampton"], {}) in calls  # what this test is about:
    assert all(drawn(measure) for measure in charted), charted  # charts placed by hand, that measures() must leave out
    for measure in own:
        assert chart_images(html, names[measure]) == drawn(measure), measure  # measures() or chart(), never both
        assert tables(html, f"{names[measure]}: {area} (") == 1, measure  # measures() or table(), never both


# The record itself --------------------------------------------------------------------------------------------


def test_a_part_made_later_sees_what_was_placed_after_its_mark():
    placed = Placed()
    mark = placed.later(lambda: ",".join(sorted(e.value for e in placed.elements(("a", None, "m")))))
    placed.add_elements(("a", None, "m"), Element.CHART)
    placed.add_elements(("a", None, "m"), Element.TABLE)
    assert mark.strip() == "<!--care:part 0-->"
    assert placed.part(0) == "chart,table"


def test_placed_parts_are_per_area_and_scheme():
    placed = Placed()
    placed.add_part(Part.MONEY, "a", "s")
    assert placed.has(Part.MONEY, "a", "s") and not placed.has(Part.MONEY, "a") and not placed.has(Part.MONEY, "b", "s")
