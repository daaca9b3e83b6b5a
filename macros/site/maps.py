"""Hex maps on the home page and measure pages (issue 22, item 2): where each area is, with its latest status in
the site's words, icons (as a glyph) and colours, each hexagon a link to its area. Drawn at build time from the
data package's hex layout (presentation/hexmap.py) by the template `hexmap.html`; shown only where the data
package has a layout and some area's ONS code is on it. The words are in the hexagons' titles, in the text under
the map, and in the table beside it; colour is never the only signal."""

from __future__ import annotations

from markupsafe import Markup

from ..analysis.status import Status
from ..presentation import statuses
from ..presentation.hexmap import hexmap
from .context import Context
from .templating import render

# The glyph drawn in a hexagon for each status: the shape of the site's icon for it (a tick, an exclamation
# mark, an equals sign...), so that the map does not rely on colour.
GLYPHS = {
    "better": "✓",
    "stated-better": "✓",
    "worse": "!",
    "stated-worse": "!",
    "on-plan": "=",
    "stated-on-plan": "=",
    "no-plan": "–",
    "no-result": "?",
    "not-rated": "○",
    "target-later": "→",
    "mixed": "±",
    "unjudged": "–",
}
MIXED = "As many measures going well as badly"


def _good(status: Status) -> bool:
    return status.good_news


def _bad(status: Status) -> bool:
    return status.bad_news


def _as_stated(n: int) -> str:
    """How many of a count are the report's own judgement, not worked out from figures: " (2 as the report says)"."""
    return f" ({n} as the report says)" if n else ""


def _draw(ctx: Context, here: str, anchor: str, title: str, shown: dict[str, dict], described: str, legend: list[tuple[str, str, int]]) -> Markup:
    layout = ctx.data.hexmap
    if layout is None or not shown:
        return Markup("")
    drawn = hexmap(layout)
    with_pages = set(_on_map(ctx).values())  # councils with a page here, shown or not on this map
    hexes = []
    for h in drawn.hexes:
        entry = shown.get(h.code)
        blank = {"href": "", "key": "", "word": "", "glyph": ""}
        hexes.append({"x": h.x, "y": h.y, "name": h.name, "has_page": h.code in with_pages, **(entry or blank)})
    return render(
        "hexmap.html",
        anchor=anchor,
        title=title,
        width=drawn.width,
        height=drawn.height,
        outline=drawn.outline,
        hexes=hexes,
        described=described,
        legend=legend,
        about=layout.title,
        age=layout.description,
        others=len(drawn.hexes) - len(shown),
    )


def _on_map(ctx: Context) -> dict[str, str]:
    """Area id -> ONS code, for the areas whose code is on the layout."""
    layout = ctx.data.hexmap
    if layout is None:
        return {}
    return {a.id: a.ons_code for a in ctx.data.areas.values() if a.ons_code and a.ons_code in layout.hexes}


def _legend(keys: list[str], words: dict[str, str]) -> list[tuple[str, str, int]]:
    counted: dict[str, int] = {}
    for key in keys:
        counted[key] = counted.get(key, 0) + 1
    return [(GLYPHS[key], words[key], n) for key, n in sorted(counted.items(), key=lambda kv: -kv[1])]


def home_map(ctx: Context, here: str, counts: dict[str, dict[str, int]]) -> Markup:
    """Every area on the map, coloured by how its measures are going: more going well (better than or on plan, or
    so in the report's own words) than badly, more badly than well, or as many of each (counts: each area's
    measures by status key, as the glance table)."""
    coded = _on_map(ctx)
    shown, words = {}, {}
    for area_id, code in coded.items():
        c = counts[area_id]
        # Going well or badly as the table beside the map counts it: worked out against a plan, or the report's
        # own judgement ("better than target") where the figures cannot be judged, said as the report's.
        well, badly = (sum(n for key, n in c.items() if test(Status(key))) for test in (_good, _bad))
        stated_well, stated_badly = (sum(n for key, n in c.items() if test(Status(key)) and Status(key).stated) for test in (_good, _bad))
        key = "better" if well > badly else "worse" if badly > well else "mixed" if well else "unjudged"
        words[key] = {
            "better": "More measures going well than badly",
            "worse": "More measures going badly than well",
            "mixed": MIXED,
            "unjudged": "No measure judged against a plan or by its report",
        }[key]
        name = ctx.data.areas[area_id].name
        word = (
            f"{well} going well{_as_stated(stated_well)}, {badly} going badly{_as_stated(stated_badly)}"
            if well or badly
            else "no measure judged against a plan or by its report"
        )
        shown[code] = {"href": ctx.page_href(here, "area", area_id), "key": key, "word": f"{name}: {word}", "glyph": GLYPHS[key]}
    missing = len(ctx.data.areas) - len(coded)
    described = f"{len(coded)} of this site's {len(ctx.data.areas)} areas are on the map."
    if missing:
        described += f" {missing} {'is a partnership' if missing == 1 else 'are partnerships'} with no ONS code, so not on the map."
    return _draw(ctx, here, "map", "Where the areas are", shown, described, _legend([s["key"] for s in shown.values()], words))


def measure_map(ctx: Context, here: str, tops: dict[str, Status], measure_name: str) -> Markup:
    """The areas reporting a measure for the whole area on the map, each with its latest status (`tops`: area id
    -> status)."""
    coded = _on_map(ctx)
    shown, words = {}, {}
    for area_id, status in tops.items():
        if area_id not in coded:
            continue
        words[status.key] = statuses.WORDS[status]
        name = ctx.data.areas[area_id].name
        shown[coded[area_id]] = {
            "href": ctx.page_href(here, "area", area_id),
            "key": status.key,
            "word": f"{name}: {statuses.WORDS[status].lower()}",
            "glyph": GLYPHS[status.key],
        }
    described = f"{len(shown)} of the {len(tops)} areas with a latest figure for the whole area are on the map."
    return _draw(ctx, here, "map", f"{measure_name}: where the areas are", shown, described, _legend([s["key"] for s in shown.values()], words))
