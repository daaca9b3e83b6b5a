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


def _png(svg: str) -> bytes:
    return vl_convert.svg_to_png(svg)


def _rounded(case: str) -> str:
    """A chart as drawn, with what nobody sees left out and its coordinates rounded: what the later steps get."""
    return drawing.round_coordinates(drawing.drop_unseen(vl_convert.vegalite_to_svg(spec.vega_lite(CASES[case]))))


@pytest.mark.parametrize("case", CASES)
def test_the_font_and_alignment_are_said_once_and_every_pixel_stays(case):
    drawn = _rounded(case)
    hoisted = drawing.hoist_text(drawn)
    texts = re.findall(r"<text\b[^>]*>", hoisted)
    assert texts and not any("font-family" in t for t in texts)
    assert re.match(r'<svg\b[^>]* font-family="sans-serif" font-size="12px" text-anchor="[a-z]+">', hoisted)
    assert any('font-size="15px"' in t for t in texts)  # the title, larger, keeps its own size
    assert len(hoisted) < len(drawn) - 45 * len(texts) + 100
    assert _png(hoisted) == _png(drawn)


def test_what_a_text_leaves_to_the_default_is_not_hoisted():
    svg = '<svg width="9"><text text-anchor="end" font-size="12px">A</text><text text-anchor="end">B</text><text font-size="12px">C</text></svg>'
    assert drawing.hoist_text(svg) == svg  # "C" starts where it is; B has the default size
    assert drawing.hoist_text(svg.replace("<text font", '<text text-anchor="start" font')).startswith('<svg width="9" text-anchor="end">')


@pytest.mark.parametrize("case", CASES)
def test_leaving_out_what_svg_does_anyway_and_lines_as_paths_keep_every_pixel(case):
    drawn = _rounded(case)
    plain = drawing.drop_defaults(drawn)
    assert "version=" not in plain and "xlink" not in plain and "translate(0,0)" not in plain and 'stroke-width="1"' not in plain
    assert not re.search(r"<line\b[^>]* [xy][12]=\"0\"", plain)
    paths = drawing.lines_as_paths(plain)
    assert "<line" in drawn and "<line" not in paths
    assert len(paths) < len(drawn) - 300
    assert _png(plain) == _png(drawn) and _png(paths) == _png(drawn)


@pytest.mark.parametrize("case", CASES)
def test_texts_placed_with_x_and_y_keep_every_pixel(case):
    drawn = _rounded(case)
    placed = drawing.texts_placed(drawn)
    texts = re.findall(r"<text\b[^>]*>", placed)
    assert not [t for t in texts if re.search(r'transform="translate\([^)]*\)"', t)]  # every text moved only by one translate
    assert [t for t in texts if "rotate(" in t] == [t for t in re.findall(r"<text\b[^>]*>", drawn) if "rotate(" in t]  # the turned ones as drawn
    moved = len([t for t in re.findall(r"<text\b[^>]*>", drawn) if re.search(r'transform="translate\([^)]*\)"', t)])
    assert moved and len(placed) <= len(drawn) - 12 * moved
    assert _png(placed) == _png(drawn)


def test_a_text_already_placed_or_turned_keeps_its_transform():
    svg = (
        '<text x="3" transform="translate(1,2)">A</text><text transform="translate(1,2) rotate(-90)">B</text>'
        '<text transform="translate(0,2)">C</text>'
    )
    assert drawing.texts_placed(svg) == svg.replace('<text transform="translate(0,2)">', '<text y="2">')


def test_a_stroke_1_wide_says_so_where_a_group_sets_another_width():
    svg = '<svg><g stroke-width="2"><line x2="5" stroke="#000" stroke-width="1"/></g></svg>'
    assert drawing.drop_defaults(svg) == svg
    assert 'stroke-width="1"' not in drawing.drop_defaults(svg.replace(' stroke-width="2"', ""))


@pytest.mark.parametrize("case", CASES)
def test_the_text_colour_is_said_once_and_every_pixel_stays(case):
    before = drawing.lines_as_paths(drawing.hoist_text(drawing.drop_defaults(_rounded(case))))
    after = drawing.text_fill_once(before)
    texts = re.findall(r"<text\b[^>]*>", after)
    assert texts and not any(" fill=" in t for t in texts)
    assert re.match(rf'<svg\b[^>]*><g fill="{spec.TEXT}"', after)
    filled = lambda path: " fill=" in path or re.search(r' d="(M[-\d.]+,[-\d.]+([hv][-\d.]+|[lL][-\d.]+,[-\d.]+))+"', path)
    assert all(filled(path) for path in re.findall(r"<path\b[^>]*>", after))  # a path with an inside says its fill
    assert len(after) < len(before)
    assert _png(after) == _png(before)


def test_texts_of_two_colours_keep_theirs():
    svg = '<svg><g fill="none"><text fill="#000">A</text><text fill="#111">B</text><path d="M0,0L5,5L0,5Z"/></g></svg>'
    assert drawing.text_fill_once(svg) == svg


@pytest.mark.parametrize("case", CASES)
def test_slimming_makes_a_chart_less_than_three_quarters_of_what_rounding_left(case):
    drawn = vl_convert.vegalite_to_svg(spec.vega_lite(CASES[case]))
    slim = drawing.slim(drawn)
    assert len(slim) < 0.75 * len(_rounded(case))
    assert _png(slim) == _png(_rounded(case))


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


def test_a_whole_number_loses_its_tenths_and_a_label_keeps_its_own():
    assert drawing.round_coordinates('<path d="M10.04,2.96L3.0,40.01"/><text x="1.0">1.0</text>') == '<path d="M10,2.9L3,40"/><text x="1">1.0</text>'


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
