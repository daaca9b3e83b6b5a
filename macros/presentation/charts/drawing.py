"""vl-convert: a Vega-Lite spec compiled to Vega, a Vega spec drawn to SVG, then slimmed: what nobody sees
left out, coordinates rounded, what SVG does anyway left out, what every text says said once, texts placed
with x and y, lines as paths. Each step but the rounding leaves every pixel as it was (tests/presentation/test_chart_drawing.py).

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
_WHOLE = re.compile(r"(\d)\.0(?!\d)")
# Groups with no attributes (or one that moves nothing) change nothing; the outline of a group with no
# fill (the root group has fill="none") and no stroke draws nothing.
_GROUP = re.compile(r'<(/?)g((?: transform="translate\(0,0\)")?|\s[^>]*)>')
_BLANK_OUTLINE = re.compile(r'<path d="M0,0h[\d.]+v[\d.]+h-[\d.]+Z"/>')
# Text tags and the root tag (see hoist_text).
_TEXT = re.compile(r"<text\b[^>]*>")
_SVG = re.compile(r"<svg\b[^>]*>")
# What SVG draws when these are left out (see drop_defaults): the identity move, the version (browsers
# ignore it) and the xlink namespace when nothing uses it. (Not the solid line's dash of 1 with no gap:
# drawn dash by dash, its corners differ by a few pixels from a plain line's.)
_NO_EFFECT = re.compile(r' (?:transform="translate\(0,0\)"|version="1\.1")')
_XLINK = ' xmlns:xlink="http://www.w3.org/1999/xlink"'
_LINE_ENDS_AT_ZERO = re.compile(r' [xy][12]="0"')  # a <line>'s x1, y1, x2, y2 are 0 unless said
# A line with nothing but a move, its end and a colour (gridlines, ticks, axes), written as a path; a run
# of lines of one colour as one path.
_PLAIN_LINE = re.compile(r'<line(?: transform="translate\((-?[\d.]+),(-?[\d.]+)\)")?(?: x2="(-?[\d.]+)")?(?: y2="(-?[\d.]+)")? stroke="([^"]*)"/>')
# A text moved by one translate and nothing else (see texts_placed).
_MOVED_TEXT = re.compile(r'<text((?:(?! x=| y=)[^>])*) transform="translate\((-?[\d.]+),(-?[\d.]+)\)"((?:(?! x=| y=)[^>])*)>')
_ROOT_GROUP = re.compile(r'(<svg\b[^>]*>)<g fill="none"')
_UNFILLED_PATH = re.compile(r"<path\b(?![^>]*\sfill=)[^>]*>")
# A path whose every piece is one straight stroke (gridlines, ticks, a legend's line) has no inside to fill.
_NO_INSIDE = re.compile(r' d="(?:M-?[\d.]+,-?[\d.]+(?:[hv]-?[\d.]+|[lL]-?[\d.]+,-?[\d.]+))+"')


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
    return text_fill_once(lines_as_paths(texts_placed(hoist_text(drop_defaults(round_coordinates(drop_unseen(svg)))))))


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


def drop_defaults(svg: str) -> str:
    """Leave out what SVG does anyway: about 400 bytes a chart. A stroke 1 wide is the default only where no
    group sets another width for what it holds."""
    svg = _NO_EFFECT.sub("", svg)
    if "xlink:" not in svg.replace(_XLINK, ""):
        svg = svg.replace(_XLINK, "")
    svg = re.sub(r"<line\b[^>]*>", lambda line: _LINE_ENDS_AT_ZERO.sub("", line[0]), svg)
    if not re.search(r"<g\b[^>]*stroke-width", svg):
        svg = re.sub(r'(<(?:line|path)\b[^>]*) stroke-width="1"', r"\1", svg)
    return svg


def hoist_text(svg: str) -> str:
    """The font family, size and alignment most of the texts have said once, on the <svg>, not on each text:
    they are inherited, and a chart's dozen or more texts each said `font-family="sans-serif" font-size="12px"
    text-anchor="middle"` (about 50 bytes a text). A text with another keeps its own. Only what every text
    says is hoisted: one leaving it to the default would take the hoisted value instead."""
    texts = _TEXT.findall(svg)
    hoisted = ""
    for name in ("font-family", "font-size", "text-anchor"):
        values = [found[1] if (found := re.search(f' {name}="([^"]*)"', text)) else None for text in texts]
        if not values or None in values:  # no texts, or one relying on the default: left as drawn
            continue
        said = f' {name}="{Counter(values).most_common(1)[0][0]}"'
        hoisted += said
        svg = _TEXT.sub(functools.partial(_without, said), svg)
    return _SVG.sub(lambda root: root[0][:-1] + hoisted + ">", svg, count=1)


def texts_placed(svg: str) -> str:
    """A text moved by one translate, and nothing else, placed with x and y instead: the same place, 15 bytes
    fewer, and a chart has a dozen or more such texts (its axes' labels, the legend). A text also turned (the
    axis title) keeps its transform. x and y are 0 unless said."""

    def placed(text: re.Match) -> str:
        at = "".join(f' {name}="{value}"' for name, value in (("x", text[2]), ("y", text[3])) if value != "0")
        return f"<text{text[1]}{at}{text[4]}>"

    return _MOVED_TEXT.sub(placed, svg)


def _without(said: str, tag: re.Match) -> str:
    return tag[0].replace(said, "", 1)


def text_fill_once(svg: str) -> str:
    """When every text is one colour, say it once, on the group that holds the chart (it said fill="none",
    for the lines): each path that does not say its fill then says none. A chart has a dozen or more texts
    and a few paths. A <line>, and a path of straight strokes only (`_NO_INSIDE`), has no inside to fill."""
    fills = {found[1] if (found := re.search(r' fill="([^"]*)"', text)) else None for text in _TEXT.findall(svg)}
    if len(fills) != 1 or None in fills or not _ROOT_GROUP.match(svg):
        return svg
    said = f' fill="{fills.pop()}"'
    svg = _TEXT.sub(functools.partial(_without, said), svg)
    svg = _UNFILLED_PATH.sub(lambda path: path[0] if _NO_INSIDE.search(path[0]) else '<path fill="none"' + path[0][5:], svg)
    return _ROOT_GROUP.sub(lambda root: f"{root[1]}<g{said}", svg, count=1)


def lines_as_paths(svg: str) -> str:
    """Each plain line (`_PLAIN_LINE`) as a path, and a run of them of one colour as one path: the same
    strokes, half the bytes. `<path d="M0,257h574M0,203h574" .../>` is two gridlines."""

    def segment(line: re.Match) -> str:
        x, y, dx, dy = (line[i] or "0" for i in range(1, 5))
        move = "h" + dx if dy == "0" else "v" + dy if dx == "0" else f"l{dx},{dy}"
        return f"M{x},{y}{move}"

    def run(lines: re.Match) -> str:
        out: list[tuple[list[str], str]] = []  # (the path's pieces, its colour)
        for line in _PLAIN_LINE.finditer(lines[0]):
            if out and out[-1][1] == line[5]:
                out[-1][0].append(segment(line))
            else:
                out.append(([segment(line)], line[5]))
        return "".join(f'<path d="{"".join(d)}" stroke="{stroke}"/>' for d, stroke in out)

    return re.sub(f"(?:{_PLAIN_LINE.pattern})+", run, svg)


def round_coordinates(svg: str) -> str:
    """Each number in an attribute to a tenth at most, and a whole number without its ".0"."""
    return _ATTRIBUTE.sub(lambda value: _WHOLE.sub(r"\1", _DECIMALS.sub(r"\1", value.group(0))), svg)
