"""Drawing a spec to SVG and slimming it: slimming must leave the picture as it was."""

from __future__ import annotations

import re

import pytest
from chart_fixtures import CASES

from macros.presentation.charts import cache, drawing, spec

vl_convert = pytest.importorskip("vl_convert")
pytest.importorskip("altair")


@pytest.mark.parametrize("case", CASES)
def test_dropping_what_nobody_sees_leaves_every_pixel_as_it_was(case):
    drawn = vl_convert.vegalite_to_svg(spec.vega_lite(CASES[case]))
    slim = drawing.drop_unseen(drawn)
    assert len(slim) < 0.7 * len(drawn) and slim.count("<g") < drawn.count("<g") and slim.count("<g") == slim.count("</g>")
    assert "aria-" not in slim and "class=" not in slim
    assert vl_convert.svg_to_png(slim) == vl_convert.svg_to_png(drawn)


@pytest.mark.parametrize("case", CASES)
def test_the_font_is_said_once_and_every_pixel_stays(case):
    drawn = drawing.drop_unseen(vl_convert.vegalite_to_svg(spec.vega_lite(CASES[case])))
    hoisted = drawing.hoist_font(drawn)
    texts = re.findall(r"<text\b[^>]*>", hoisted)
    assert texts and not any("font-family" in t for t in texts)
    assert re.match(r'<svg\b[^>]* font-family="sans-serif" font-size="12px">', hoisted)
    assert any('font-size="15px"' in t for t in texts)  # the title, larger, keeps its own size
    assert len(hoisted) < len(drawn) - 30 * len(texts)
    assert vl_convert.svg_to_png(hoisted) == vl_convert.svg_to_png(drawn)


NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
LABELS = re.compile(r">([^<]+)</text>")


@pytest.mark.parametrize("case", CASES)
def test_rounding_moves_nothing_by_a_tenth_of_a_pixel_or_more_and_keeps_every_label(case):
    drawn = drawing.drop_unseen(vl_convert.vegalite_to_svg(spec.vega_lite(CASES[case])))
    rounded = drawing.round_coordinates(drawn)
    assert len(rounded) < (0.95 if len(CASES[case].periods) > 6 else 1) * len(drawn)  # a line's many points: 5% or more
    attributes = lambda svg: [float(n) for value in re.findall(r'="([^"]*)"', svg) for n in NUMBER.findall(value)]
    before, after = attributes(drawn), attributes(rounded)
    assert len(before) == len(after) and max(abs(a - b) for a, b in zip(before, after)) < 0.1
    assert LABELS.findall(rounded) == LABELS.findall(drawn) and CASES[case].title in LABELS.findall(rounded)


def test_a_long_series_is_a_plain_line_labelled_every_few_periods():
    svg = cache.draw(CASES["long line"])
    assert [label for label in LABELS.findall(svg) if label.startswith("Month ")] == [
        "Month 0",
        "Month 6",
        "Month 12",
        "Month 18",
        "Month 24",
        "Month 30",
    ]
    assert len(svg) < 10_000  # 27 KB with a marker on every point and every month named
    short = cache.draw(CASES["line"])
    assert [label for label in LABELS.findall(short) if label.startswith("Month ")] == [f"Month {i}" for i in range(6)]  # each named
