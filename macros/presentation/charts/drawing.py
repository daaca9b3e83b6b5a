"""vl-convert: a Vega-Lite spec compiled to Vega, a Vega spec drawn to SVG, then slimmed: what nobody sees
left out, coordinates rounded.

An SVG in an <img> needs no JavaScript and makes no request to another site. A change here changes
the files drawn: bump `spec.STYLE_VERSION` with it.

Where a chart's time goes (national set, CPU, about 60 ms a chart before these measures): measuring the
width of each piece of text (axis labels, titles, legend) took most of it. vl-convert measures a text by
laying it out in its font, and Vega measures each label two to four times a drawing. In a font from the
system's font files (Liberation Sans on this machine) a measurement took about 2 ms; in the Liberation
Sans vl-convert carries in memory, 0.4 ms: `converter` makes it use that one. Then drawing is about 20 ms,
building the Altair chart 5 ms and compiling it to Vega 8 ms: the compiled spec is kept for every chart of
the same form (`vega.py`) so that most charts are only drawn.
"""

from __future__ import annotations

import functools
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

# A fontconfig file naming one folder that does not exist: vl-convert reads its list of system fonts from
# the file FONTCONFIG_FILE names, so it finds none and measures text in the Liberation Sans it carries.
# Liberation Sans is metric-compatible with Arial and Helvetica, the fonts it would prefer; on this
# machine the system's own Liberation Sans gave byte-identical SVGs (every national chart checked), and a
# Linux machine with Arial installed now draws the same charts as one without. (vl-convert reads
# fontconfig files on Linux only: elsewhere it keeps using the system's fonts, as before.)
BUILTIN_FONTS = Path(__file__).with_name("builtin-fonts.conf")

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
# Text tags, their font attributes, and the root tag (see hoist_font).
_TEXT = re.compile(r"<text\b[^>]*>")
_FAMILY = re.compile(r' font-family="([^"]*)"')
_SIZE = re.compile(r' font-size="([^"]*)"')
_SVG = re.compile(r"<svg\b[^>]*>")


@functools.cache
def converter() -> Any:
    """The vl_convert module, its font list made from its own fonts only (once a process: see BUILTIN_FONTS).

    vl-convert makes its font list the first time it measures text or is given a font folder; giving it a
    folder makes it now, while FONTCONFIG_FILE names the file above. The variable is put back after, so
    nothing else in the build sees it. Had this process drawn with vl-convert before, its list is made
    already and stays: the charts come out the same, only more slowly."""
    import vl_convert

    before = os.environ.get("FONTCONFIG_FILE")
    os.environ["FONTCONFIG_FILE"] = str(BUILTIN_FONTS)
    try:
        vl_convert.register_font_directory(str(BUILTIN_FONTS.with_name("no-system-fonts")))
    finally:
        if before is None:
            del os.environ["FONTCONFIG_FILE"]
        else:
            os.environ["FONTCONFIG_FILE"] = before
    return vl_convert


def compile_vega_lite(vega_lite: dict) -> dict:
    """The Vega spec vl-convert compiles a Vega-Lite spec to (the one `vegalite_to_svg` would draw), without
    the work for what slimming drops anyway: each mark's `description`, a sentence per point for its
    aria-label (10% of drawing a chart)."""
    return _without_descriptions(converter().vegalite_to_vega(vega_lite))


def _without_descriptions(spec: dict) -> dict:
    for mark in spec.get("marks", []):
        for encoding in mark.get("encode", {}).values():
            encoding.pop("description", None)
        _without_descriptions(mark)
    return spec


def render_svg(vega: dict) -> str:
    """The slimmed SVG of a Vega spec."""
    return slim(converter().vega_to_svg(vega))


def slim(svg: str) -> str:
    return round_coordinates(hoist_font(drop_unseen(svg)))


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


def hoist_font(svg: str) -> str:
    """The font family and the commonest font size said once, on the <svg>, not on each of its texts: they are
    inherited, and a chart's dozen or more texts each said `font-family="sans-serif" font-size="12px"`
    (about 600 bytes a chart, 7 KB on a large area page's own charts). A text of another size keeps its own."""
    texts = _TEXT.findall(svg)
    families = {found[1] if (found := _FAMILY.search(t)) else "" for t in texts}
    if len(families) != 1 or "" in families:  # no texts, or texts that differ: left as drawn
        return svg
    family = families.pop()
    sizes = Counter(found[1] for t in texts if (found := _SIZE.search(t)))
    size = sizes.most_common(1)[0][0] if sizes else ""
    hoisted = f' font-family="{family}"' + (f' font-size="{size}"' if size else "")

    def without(text: re.Match) -> str:
        tag = _FAMILY.sub("", text[0], count=1)
        return tag.replace(f' font-size="{size}"', "", 1) if size else tag

    return _SVG.sub(lambda root: root[0][:-1] + hoisted + ">", _TEXT.sub(without, svg), count=1)


def round_coordinates(svg: str) -> str:
    return _ATTRIBUTE.sub(lambda value: _DECIMALS.sub(r"\1", value.group(0)), svg)
