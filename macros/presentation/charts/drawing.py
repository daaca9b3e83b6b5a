"""A Vega-Lite spec drawn to SVG by vl-convert, then slimmed: what nobody sees left out, coordinates rounded.

An SVG in an <img> needs no JavaScript and makes no request to another site. A change here changes
the files drawn: bump `spec.STYLE_VERSION` with it.
"""

from __future__ import annotations

import re

# ARIA roles and labels, classes and pointer events inside an SVG shown with <img> reach nobody (the
# <img> alt text is what screen readers read); nor do empty or hidden paths. Dropping them halves the
# file and leaves every pixel as it was.
_UNSEEN = re.compile(r'\s(?:aria-[a-z]+|role|class|pointer-events)="[^"]*"| opacity="1"')
# Coordinates come with up to 15 decimals; a tenth of a pixel is finer than any screen shows. Only inside
# attribute values: the labels' text is left exactly as it is.
_ATTRIBUTE = re.compile(r'="[^"]*"')
_DECIMALS = re.compile(r"(\d\.\d)\d+")
# Groups with no attributes (or one that moves nothing) change nothing; the outline of a group with no
# fill (the root group has fill="none") and no stroke draws nothing.
_GROUP = re.compile(r'<(/?)g((?: transform="translate\(0,0\)")?|\s[^>]*)>')
_BLANK_OUTLINE = re.compile(r'<path d="M0,0h[\d.]+v[\d.]+h-[\d.]+Z"/>')


def render_svg(vega_lite: dict) -> str:
    """The slimmed SVG of a Vega-Lite spec."""
    import vl_convert

    return slim(vl_convert.vegalite_to_svg(vega_lite))


def slim(svg: str) -> str:
    return round_coordinates(drop_unseen(svg))


def drop_unseen(svg: str) -> str:
    svg = _UNSEEN.sub("", svg)
    svg = svg.replace('<path d="M0,0h0v0h0Z"/>', "").replace('<path d="" display="none"/>', "")
    return _BLANK_OUTLINE.sub("", _unwrap_groups(svg))


def _unwrap_groups(svg: str) -> str:
    """Leave out the <g> tags that do nothing, and their closing tags, keeping what is inside."""
    out: list[str] = []
    kept: list[bool] = []  # for each <g> open, whether it is kept
    pos = 0
    for tag in _GROUP.finditer(svg):
        out.append(svg[pos : tag.start()])
        pos = tag.end()
        if tag[1]:  # </g>: kept if its <g> was
            if kept.pop():
                out.append(tag[0])
        else:
            kept.append(tag[2] not in ("", ' transform="translate(0,0)"'))
            if kept[-1]:
                out.append(tag[0])
    out.append(svg[pos:])
    return "".join(out)


def round_coordinates(svg: str) -> str:
    return _ATTRIBUTE.sub(lambda value: _DECIMALS.sub(r"\1", value.group(0)), svg)
