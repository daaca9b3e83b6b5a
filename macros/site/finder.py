"""Find your area: by its name, a town or place in it (places.csv) or a postcode, with no server and no third
party. The form (template `finder.html`) is on the home page and the areas index; its script
(`docs/assets/finder.js`) reads two kinds of small file this module writes into the site folder at the end of a
build, each a script that hands its data to the finder, so that they load from a folder on disk as well as from
a web server:

- `finder/places.js`: every area (name, address, ONS code) and every place, and the names of councils the hex
  map knows that have no page here (a postcode there is named, not lost): a few kilobytes;
- `finder/postcodes/<district>.js`: one for each postcode district of the data folder's `postcodes/` (made by
  tools/postcodes.py), fetched only when a reader looks up a postcode in it.

Without JavaScript the form goes to the A to Z list of areas and places on the areas index (`a_to_z`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from markupsafe import Markup

from .context import Context
from .templating import render

FOLDER = "finder"
A_TO_Z = "a-to-z"  # the anchor of the A to Z list on the areas index
_DISTRICT_FILE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?\.json$")


def _script(call: str, data) -> str:
    """A file the finder loads with a <script> element: its data, handed to `careFinder.<call>`. JSON inside a
    script: `</` and the line separators JavaScript once refused are escaped, so no cell can end the script."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("</", "<\\/").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"(window.careFinder=window.careFinder||[]).push([{json.dumps(call)},{text}]);\n"


def plain(words: str) -> str:
    """A name as the finder compares it: lower case, no accents, `&` as `and`, punctuation as spaces."""
    text = unicodedata.normalize("NFKD", words).encode("ascii", "ignore").decode().lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def places_data(ctx: Context) -> dict:
    """What `finder/places.js` holds: the areas, the places (each with the index of its area) and other councils."""
    data = ctx.data
    areas = sorted(data.areas.values(), key=lambda a: (a.name.casefold(), a.id))
    index = {a.id: i for i, a in enumerate(areas)}
    coded = {a.ons_code for a in areas if a.ons_code}
    others = {}
    if data.hexmap is not None:
        others = {code: h.name for code, h in sorted(data.hexmap.hexes.items()) if code not in coded}
    return {
        "areas": [{"name": a.name, "url": ctx.url(ctx.src_uri("area", a.id)), "code": a.ons_code} for a in areas],
        "places": sorted({(p.place, index[p.area_id]) for p in data.places}, key=lambda p: (p[0].casefold(), p[1])),
        "others": others,
    }


def write_finder(ctx: Context, site_dir: Path) -> list[str]:
    """Write the finder's files into the site folder; their names. A file whose content is already there is not
    written again, and one a build before wrote that is no longer wanted is removed: after an edit, the preview
    rewrites only what the edit changed."""
    folder = site_dir / FOLDER
    wanted = {"places.js": _script("places", places_data(ctx))}
    source = ctx.settings.data_dir / "postcodes"
    if source.is_dir():
        for path in sorted(source.glob("*.json")):
            if _DISTRICT_FILE.match(path.name):
                wanted[f"postcodes/{path.stem}.js"] = _script("district", json.loads(path.read_text(encoding="utf-8")))
    if folder.is_dir():
        for old in [p for p in folder.rglob("*") if p.is_file()]:
            if old.relative_to(folder).as_posix() not in wanted:
                old.unlink()
    (folder / "postcodes").mkdir(parents=True, exist_ok=True)
    for name, text in wanted.items():
        target = folder / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    return list(wanted)


def finder_form(ctx: Context, here: str) -> Markup:
    """The form that finds an area, with its live region for the results; it goes to the A to Z list without
    JavaScript."""
    index = ctx.url(ctx.src_uri("area"))
    return render(
        "finder.html",
        action=ctx.href(here, index),
        a_to_z=ctx.href(here, index) + f"#{A_TO_Z}",
        root=ctx.href(here, "") if here else "./",
        script=ctx.href(here, "assets/finder.js"),
        postcodes=(ctx.settings.data_dir / "postcodes").is_dir(),
    )


def a_to_z(ctx: Context, here: str) -> Markup:
    """Every area and every place, by their first letter, each linked to its area's page."""
    data = ctx.data
    ctx.mark("places", data.places)
    entries = [(a.name, a.name, ctx.page_href(here, "area", a.id), "") for a in data.areas.values()]
    entries += [(p.place, p.place, ctx.page_href(here, "area", p.area_id), data.areas[p.area_id].name) for p in data.places]
    letters: dict[str, list[dict]] = {}
    for key, name, href, area in sorted(entries, key=lambda e: (plain(e[0]), e[3])):
        first = plain(key)[:1].upper() or "#"
        letters.setdefault(first if first.isalpha() else "#", []).append({"name": name, "href": href, "area": area})
    return render("a_to_z.html", anchor=A_TO_Z, letters=sorted(letters.items()))
