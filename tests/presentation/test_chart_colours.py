"""Charts follow the colour scheme: drawn on no background, in colours that read on the white page as they
are and on the dark page once assets/care.css has turned them over (WCAG 1.4.3 for text, 1.4.11 for the
lines and marks that carry the figures). The browser tests check the same on the pages as drawn."""

from __future__ import annotations

import re

import pytest
from chart_fixtures import CASES
from colours import SLATE, WHITE, apply_filter, contrast, dark_chart_filter, hex_of, rgb

from macros.presentation.charts import cache, spec

pytest.importorskip("vl_convert")
pytest.importorskip("altair")

TEXT, MARKS, GUIDE = 4.5, 3.0, 1.5  # text; lines, bars and the axis; gridlines, which only guide the eye
NEEDS = {spec.TEXT: TEXT, spec.AXIS: MARKS, spec.GRID: GUIDE} | {colour: MARKS for colour, _, _ in spec.SERIES_STYLE.values()}
PAINT = re.compile(r'\b(fill|stroke|stop-color|color)="([^"]*)"')


@pytest.mark.parametrize("colour", NEEDS)
def test_every_colour_of_the_palette_reads_on_the_light_and_the_dark_page(colour):
    need = NEEDS[colour]
    light = contrast(rgb(colour), WHITE)
    dark_colour = apply_filter(dark_chart_filter(), rgb(colour))
    dark = contrast(dark_colour, SLATE)
    assert light >= need, f"{colour} on white: {light:.2f}:1, needs {need}:1"
    assert dark >= need, f"{colour}, drawn as {hex_of(dark_colour)} on the dark page ({hex_of(SLATE)}): {dark:.2f}:1, needs {need}:1"


@pytest.mark.parametrize("case", CASES)
def test_a_chart_has_no_background_and_paints_only_in_the_palette(case):
    svg = cache.draw(CASES[case])
    assert "<rect" not in svg and "<image" not in svg, "a background would show as a block on the dark page"
    painted = {value.lower() for _, value in PAINT.findall(svg)} - {"none"}
    assert painted and painted <= {c.lower() for c in NEEDS}, f"colours outside the palette: {painted - set(NEEDS)}"
    assert "style=" not in svg and "opacity" not in svg, "colours hidden in a style or faded by opacity escape the check"


def test_the_dark_scheme_turns_white_to_black_and_keeps_each_series_hue():
    """What invert + hue-rotate(180deg) is for: dark text turns light, a blue line stays blue."""
    turn = lambda colour: apply_filter(dark_chart_filter(), rgb(colour))
    assert turn("#ffffff") == (0, 0, 0) and turn("#000000") == (255, 255, 255)
    red, green, blue = turn(spec.SERIES_STYLE["Actual"][0])
    assert blue > red and blue > green
