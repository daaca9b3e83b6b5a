"""Charts follow the colour scheme, as drawn by Chromium: no block of white (or of anything) behind a chart
on the dark page, and the text and the series drawn in colours that read on the page behind them, light
and dark. tests/presentation/test_chart_colours.py checks the palette on paper; this checks the pixels."""

from __future__ import annotations

import base64
import re

import pytest
from colours import SLATE, WHITE, apply_filter, contrast, dark_chart_filter, hex_of, rgb

from macros.presentation.charts import spec

from .test_accessibility import DESKTOP, PAGES, SCHEMES, _load_lazy_images

pytestmark = pytest.mark.browser

# Counts of each colour in a picture: a PNG decoded by the browser itself, so the test needs no imaging library.
COLOUR_COUNTS_JS = """async url => {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement("canvas");
    canvas.width = img.width; canvas.height = img.height;
    const context = canvas.getContext("2d");
    context.drawImage(img, 0, 0);
    const data = context.getImageData(0, 0, img.width, img.height).data, counts = {};
    for (let i = 0; i < data.length; i += 4) {
        const key = data[i] + "," + data[i + 1] + "," + data[i + 2];
        counts[key] = (counts[key] || 0) + 1;
    }
    return counts;
}"""
PAGE_BACKGROUND = {"light": WHITE, "dark": SLATE}
CLOSE = 3  # per channel: what anti-aliasing and colour rounding may move a solid colour
SOLID = 15  # pixels of a colour, at least, for it to count as drawn (a legend swatch is 100)


def _count_near(counts: dict[tuple[int, int, int], int], colour: tuple[int, int, int]) -> int:
    return sum(n for seen, n in counts.items() if max(abs(a - b) for a, b in zip(seen, colour)) <= CLOSE)


@pytest.mark.parametrize("scheme", list(SCHEMES))
def test_charts_sit_on_the_page_in_colours_that_read_on_it(visitor, scheme):
    path = PAGES["area"]
    page = visitor.open(path, scheme=scheme, width=DESKTOP)
    _load_lazy_images(page)
    found = re.fullmatch(r"rgba?\((\d+), (\d+), (\d+)(?:, 1)?\)", page.evaluate("getComputedStyle(document.body).backgroundColor"))
    assert found, f"{path}: the page has no solid background colour"
    background = tuple(int(c) for c in found.groups())
    assumed = PAGE_BACKGROUND[scheme]
    assert background == assumed, f"{path}: the {scheme} page is {hex_of(background)}, the tests assume {hex_of(assumed)} (tests/colours.py)"

    # What each palette colour should look like on this page: as drawn, or turned over by the dark scheme's filter.
    shown = (lambda c: rgb(c)) if scheme == "light" else (lambda c: apply_filter(dark_chart_filter(), rgb(c)))
    text, series = shown(spec.TEXT), {name: shown(colour) for name, (colour, _, _) in spec.SERIES_STYLE.items()}
    charts = page.locator("figure.care-chart img")
    assert charts.count(), f"{path}: no charts"
    for n in range(charts.count()):
        where = f"{path}, chart {n + 1}, {scheme} scheme"
        png = charts.nth(n).screenshot(animations="disabled")
        raw = page.evaluate(COLOUR_COUNTS_JS, "data:image/png;base64," + base64.b64encode(png).decode())
        counts = {tuple(int(c) for c in key.split(",")): count for key, count in raw.items()}
        total = sum(counts.values())
        most = max(counts, key=counts.__getitem__)
        assert max(abs(a - b) for a, b in zip(most, background)) <= CLOSE, (
            f"{where}: mostly {hex_of(most)} ({counts[most] / total:.0%}), not the page's {hex_of(background)}: a block behind the chart"
        )
        if scheme == "dark":
            white = sum(count for colour, count in counts.items() if min(colour) >= 230)
            assert white / total < 0.01, f"{where}: {white / total:.1%} of the chart is white"
        assert _count_near(counts, text) >= SOLID, f"{where}: no text drawn in {hex_of(text)}"
        assert contrast(text, background) >= 4.5, f"{where}: text {hex_of(text)} on {hex_of(background)}: {contrast(text, background):.2f}:1"
        drawn = {name: colour for name, colour in series.items() if _count_near(counts, colour) >= SOLID}
        assert drawn, f"{where}: none of the series colours {[hex_of(c) for c in series.values()]} is drawn"
        for name, colour in drawn.items():
            ratio = contrast(colour, background)
            assert ratio >= 3, f"{where}: {name} drawn in {hex_of(colour)} on {hex_of(background)}: {ratio:.2f}:1, needs 3:1"
    visitor.check(path)
