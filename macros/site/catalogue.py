"""Every page the data makes, as PageUnits for the engine (engine/units.py): one for each area, scheme and
measure that no editor wrote a page for, and one for each index. An editor's page for an area or scheme
(docs/areas/<id>.md, docs/schemes/<id>.md) takes the place of the generated one; the plugin adds the
generated figures after the editor's words."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from ..data.errors import PageProblem
from ..data.nearest import did_you_mean
from .accessibility import statement
from .context import SECTIONS, Context
from .engine.units import PageUnit
from .pages import area_page, index_pages, measure_pages, scheme_page
from .public_body import ACCESSIBILITY_PAGE, UPDATES_PAGE
from .updates import updates_page

ONE_PAGE = {"area": area_page, "scheme": scheme_page}


def page_units(ctx: Context, existing: set[str]) -> tuple[list[PageUnit], dict[str, tuple[str, str]]]:
    """The units of the pages the data makes, and the editors' pages that take the place of one
    ({address: (kind, id)}). `existing`: the addresses of the pages in docs/."""
    data = ctx.data
    check_page_names(data, existing)
    wanted = [("area", a) for a in data.areas] + [("scheme", s) for s in data.schemes] + [("measure", m) for m in data.measures]
    units, narrative = [], {}
    for kind, ident in wanted:
        uri = ctx.src_uri(kind, ident)
        if uri in existing:
            narrative[uri] = (kind, ident)  # the editor's page keeps its prose; figures are added after it
            ctx.shown.add((SECTIONS[kind], ident))
        elif kind == "measure":  # with the parts of its list of areas
            units.append(PageUnit(uri, functools.partial(measure_pages, ctx, ident)))
        else:
            units.append(PageUnit(uri, functools.partial(_one, uri, ONE_PAGE[kind], ctx, ident), lazy=True))
    for kind in SECTIONS:
        if ctx.src_uri(kind) not in existing:
            units.append(PageUnit(ctx.src_uri(kind), functools.partial(index_pages, ctx, kind)))
    # The pages a public body's site must have (issue 23).
    if ACCESSIBILITY_PAGE not in existing:
        units.append(PageUnit(ACCESSIBILITY_PAGE, functools.partial(statement, ctx)))
    if UPDATES_PAGE not in existing:
        units.append(PageUnit(UPDATES_PAGE, functools.partial(updates_page, ctx)))
    return units, narrative


def _one(uri: str, make, ctx: Context, ident: str) -> dict[str, str]:
    return {uri: make(ctx, ident)}


def check_page_names(data, existing: set[str]) -> None:
    """docs/areas/southamton.md would otherwise publish a page for an area that does not exist."""
    ids: dict[str, Mapping[str, object]] = {"areas": data.areas, "schemes": data.schemes, "measures": data.measures}
    for uri in sorted(existing):
        folder, _, name = uri.partition("/")
        if folder in ids and name.endswith(".md") and "/" not in name and name != "index.md":
            ident = name[:-3]
            if ident not in ids[folder]:
                hint = did_you_mean(ident, ids[folder], suffix=".md")
                raise PageProblem(
                    f"docs/{uri}",
                    None,
                    f"there is no {folder[:-1]} '{ident}' in the data, so this page has nothing to describe. {hint}"
                    f"Rename the file to match an id in {folder}.csv, or add the {folder[:-1]} there first.",
                )
