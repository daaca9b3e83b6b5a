"""A hex map of areas, worked out at build time from the data package's HexJSON layout: where each hexagon goes.

Pure geometry: `hexmap(layout, shown)` gives each hexagon's centre in SVG user units and the size of the
picture; the markup (an SVG with a link, a title and a status glyph for each hexagon) is the template
`hexmap.html`'s. No tiles, no script: the picture is in the page.

HexJSON layouts (https://odileeds.github.io/hexmaps/hexjson): `odd-r` and `even-r` are rows of pointy-topped
hexagons, the odd (or even) rows shifted right by half a hexagon; `odd-q` and `even-q` are columns of
flat-topped hexagons, the odd (or even) columns shifted up by half. Rows count upwards (north), as in the
ODI's files, so the picture's y is turned over.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..data.model import HexLayout

SIZE = 10.0  # a hexagon's radius (centre to corner), in SVG user units
ROOT3 = math.sqrt(3)


@dataclass(frozen=True)
class Placed:
    """One hexagon: its ONS code, its name in the layout, and its centre."""

    code: str
    name: str
    x: float
    y: float


@dataclass(frozen=True)
class HexMap:
    """Every hexagon of a layout, placed; the picture's width and height; the outline of one hexagon (centred
    on 0, 0) as SVG points; and the codes of the layout's hexagons in the order to draw them (north first)."""

    hexes: list[Placed]
    width: float
    height: float
    outline: str


def _odd(n: int) -> bool:
    return n % 2 == 1  # -1 % 2 == 1 in Python, as HexJSON's offsets need


def centre(layout: str, q: int, r: int) -> tuple[float, float]:
    """The centre of hexagon (q, r) before the picture is turned over and moved to its corner."""
    if layout in ("odd-r", "even-r"):
        shift = 0.5 if _odd(r) == (layout == "odd-r") else 0.0
        return (q + shift) * ROOT3 * SIZE, r * 1.5 * SIZE
    shift = 0.5 if _odd(q) == (layout == "odd-q") else 0.0
    return q * 1.5 * SIZE, (r + shift) * ROOT3 * SIZE


def outline(layout: str) -> str:
    """One hexagon's corners around (0, 0), slightly inside its cell so neighbours show a gap."""
    inset = SIZE * 0.94
    start = 30 if layout.endswith("-r") else 0  # pointy-topped rows, flat-topped columns
    corners = [(inset * math.cos(math.radians(start + 60 * i)), inset * math.sin(math.radians(start + 60 * i))) for i in range(6)]
    return " ".join(f"{x:.2f},{y:.2f}" for x, y in corners)


def hexmap(layout: HexLayout) -> HexMap:
    """Every hexagon of `layout` placed in a picture that just holds them (north at the top), in reading order."""
    raw = {code: centre(layout.layout, h.q, h.r) for code, h in layout.hexes.items()}
    if not raw:
        return HexMap([], 0.0, 0.0, outline(layout.layout))
    xs = [x for x, _ in raw.values()]
    ys = [y for _, y in raw.values()]
    margin = SIZE * 1.1
    left, top = min(xs) - margin, max(ys) + margin
    placed = [Placed(code, layout.hexes[code].name, round(x - left, 1), round(top - y, 1)) for code, (x, y) in raw.items()]
    placed.sort(key=lambda h: (h.y, h.x))
    return HexMap(placed, round(max(xs) - min(xs) + 2 * margin, 1), round(max(ys) - min(ys) + 2 * margin, 1), outline(layout.layout))
