"""Colour arithmetic for the tests: WCAG contrast, and what a CSS filter does to a colour.

The filter maths is the Filter Effects spec's (https://drafts.fxtf.org/filter-effects/#funcdef-filter-
invert, #funcdef-filter-hue-rotate), worked in sRGB as browsers apply CSS filter functions; the browser
tests check Chromium draws the colours it predicts."""

from __future__ import annotations

import math
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CARE_CSS = ROOT / "docs" / "assets" / "care.css"
RGB = tuple[int, int, int]

# Material's dark ("slate") page: hsl(232, 15%, 14%) in its palette.css, which Chromium draws as #1e2129
# (the browser tests check it does).
SLATE: RGB = (0x1E, 0x21, 0x29)
WHITE: RGB = (255, 255, 255)


def rgb(hex_colour: str) -> RGB:
    value = hex_colour.lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def hex_of(colour: RGB) -> str:
    return "#" + "".join(f"{c:02x}" for c in colour)


def luminance(colour: RGB) -> float:
    linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in colour]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: RGB, b: RGB) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _hue_rotate(colour: list[float], degrees: float) -> list[float]:
    c, s = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    matrix = [
        [0.213 + c * 0.787 - s * 0.213, 0.715 - c * 0.715 - s * 0.715, 0.072 - c * 0.072 + s * 0.928],
        [0.213 - c * 0.213 + s * 0.143, 0.715 + c * 0.285 + s * 0.140, 0.072 - c * 0.072 - s * 0.283],
        [0.213 - c * 0.213 - s * 0.787, 0.715 - c * 0.715 + s * 0.715, 0.072 + c * 0.928 + s * 0.072],
    ]
    return [min(1.0, max(0.0, sum(row[i] * colour[i] for i in range(3)))) for row in matrix]


FUNCTION = re.compile(r"([a-z-]+)\(([^)]*)\)")


def apply_filter(css_filter: str, colour: RGB) -> RGB:
    """The colour a CSS `filter` of invert() and hue-rotate() functions draws for an opaque colour."""
    value = [c / 255 for c in colour]
    for name, argument in FUNCTION.findall(css_filter):
        if name == "invert":
            amount = float(argument.rstrip("%")) / (100 if argument.endswith("%") else 1) if argument else 1.0
            value = [v * (1 - amount) + (1 - v) * amount for v in value]
        elif name == "hue-rotate":
            value = _hue_rotate(value, float(argument.removesuffix("deg")))
        else:
            raise ValueError(f"apply_filter does not know {name}()")
    return tuple(round(v * 255) for v in value)  # type: ignore[return-value]


def dark_chart_filter() -> str:
    """The filter assets/care.css puts on charts in the dark scheme."""
    found = re.search(r'\[data-md-color-scheme="slate"\] \.care-chart img \{ filter: ([^;]+); \}', CARE_CSS.read_text(encoding="utf-8"))
    assert found, f"{CARE_CSS} no longer filters charts in the dark scheme the way the tests expect"
    return found[1]
