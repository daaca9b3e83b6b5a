"""Whole generated pages: one per area, scheme and measure, plus the three index pages.

Each page is markdown with HTML blocks and `render_macros: false`, so text from the data can never
be run as a template. An editor's page in docs/ for the same address takes over the prose.
"""
from __future__ import annotations

import html

from ..presentation import wording
from . import render
from .context import Context
from .render import block, md_heading, table, text
from .sections import (NOT_SEARCHED, STATUS_WORDS, disagreements_list, measure_sections, milestones_table, money_table,
                       risks_table, schemes_list, sources_list)
from ..analysis.status import ALL


def front(title: str, description: str) -> str:
    # The theme puts these into <title> and a meta attribute without escaping them, so escape for HTML
    # here; then quote for YAML so a cell cannot end the string.
    quote = lambda s: '"' + html.escape(s, quote=True).replace("\\", "\\\\").replace("\n", " ") + '"'
    return f"---\ntitle: {quote(title)}\ndescription: {quote(description)}\nrender_macros: false\n---\n\n"


def area_intro(ctx: Context, area_id: str) -> str:
    area = ctx.data.areas[area_id]
    ctx.mark("areas", [area], "id")
    bodies = "".join(f"<li>{text(b, ctx.abbreviations)}</li>" for b in area.bodies)
    return block(f'<p class="care-lede">{text(area.summary, ctx.abbreviations)}</p>',
                 f"<p>The partners are:</p><ul>{bodies}</ul>")


def area_figures(ctx: Context, here: str, area_id: str) -> str:
    """Everything on an area page after its introduction; kept when an editor writes the prose."""
    data = ctx.data
    rows = ([o for s, m in data.series_by_area.get(area_id, []) for o in data.series[(area_id, s, m)]]
            + data.money_by.get((area_id, None), []) + data.milestones_by.get((area_id, None), [])
            + data.risks_by.get((area_id, None), []) + [data.schemes[s.id] for s in data.schemes_by_area.get(area_id, [])])
    rows.append(data.areas[area_id])
    parts = [md_heading(2, "How things are going"), status_counts(ctx, area_id), measure_sections(ctx, here, area_id)]
    parts += [md_heading(2, "Schemes"), schemes_list(ctx, here, area_id)]
    for heading, html in (("Money", money_table(ctx, area_id)), ("Milestones", milestones_table(ctx, area_id)),
                          ("Risks", risks_table(ctx, area_id))):
        if html:
            parts += [md_heading(2, heading), html]
    parts += [md_heading(2, "Problems in the source figures"), disagreements_list(ctx, here, area_id),
              md_heading(2, "Sources"), sources_list(ctx, rows)]
    return "\n\n".join(parts)


def counts_for(ctx: Context, area_id: str) -> dict[str, int]:
    counts = {s.key: 0 for s in ALL}
    for scheme_id, measure_id in ctx.data.series_by_area.get(area_id, []):
        top = ctx.headline(ctx.data.series[(area_id, scheme_id, measure_id)], ctx.data.measures[measure_id])
        if top:
            counts[top.status.key] += 1
    return counts


def status_counts(ctx: Context, area_id: str) -> str:
    counts = counts_for(ctx, area_id)
    items = "".join(f"<li>{render.status_badge(s)}: {wording.plural(counts[s.key], 'measure')}</li>" for s in ALL if counts[s.key])
    return block(f'<ul class="care-counts">{items}</ul>') if items else ""


def area_page(ctx: Context, area_id: str) -> str:
    area = ctx.data.areas[area_id]
    here = ctx.url(ctx.src_uri("area", area_id))
    return (front(area.name, f"How joining up health and social care is going in {area.name}")
            + md_heading(1, area.name) + area_intro(ctx, area_id) + area_figures(ctx, here, area_id) + "\n")


def scheme_intro(ctx: Context, here: str, scheme_id: str) -> str:
    s = ctx.data.schemes[scheme_id]
    area = ctx.data.areas[s.area_id]
    return block(
        f'<p class="care-lede">{text(s.summary, ctx.abbreviations)}</p>',
        f"<p><strong>Who it is for:</strong> {text(s.for_whom, ctx.abbreviations)}</p>",
        f"<p><strong>Where:</strong> {render.link(ctx.page_href(here, 'area', s.area_id), text(area.name))}. "
        f"<strong>Stage:</strong> {STATUS_WORDS[s.status]} (as at {wording.day(ctx.data.sources[s.source_id].date)}).</p>")


def scheme_figures(ctx: Context, here: str, scheme_id: str) -> str:
    data, s = ctx.data, ctx.data.schemes[scheme_id]
    key = (s.area_id, scheme_id)
    parts = []
    money = money_table(ctx, s.area_id, scheme_id)
    parts += [md_heading(2, "Money"), money or block("<p>The reports give no budget for this scheme.</p>")]
    parts += [md_heading(2, "Measures"), measure_sections(ctx, here, s.area_id, scheme_id)]
    parts += [md_heading(2, "Milestones"), milestones_table(ctx, s.area_id, scheme_id) or block("<p>The reports give no milestones for this scheme.</p>")]
    risks = risks_table(ctx, s.area_id, scheme_id)
    if risks:
        parts += [md_heading(2, "Risks"), risks]
    rows = [s] + [o for sc, m in data.series_by_area.get(s.area_id, []) if sc == scheme_id for o in data.series[(s.area_id, sc, m)]]
    rows += data.money_by.get(key, []) + data.milestones_by.get(key, []) + data.risks_by.get(key, [])
    if any(d.scheme_id == scheme_id for d in ctx.disagreements_by_area.get(s.area_id, [])):
        parts += [md_heading(2, "Problems in the source figures"), disagreements_list(ctx, here, s.area_id, scheme_id)]
    parts += [md_heading(2, "Sources"), sources_list(ctx, rows)]
    return "\n\n".join(parts)


def scheme_page(ctx: Context, scheme_id: str) -> str:
    s = ctx.data.schemes[scheme_id]
    here = ctx.url(ctx.src_uri("scheme", scheme_id))
    return (front(s.name, f"{s.name}: a scheme in {ctx.data.areas[s.area_id].name}") + md_heading(1, s.name)
            + scheme_intro(ctx, here, scheme_id) + scheme_figures(ctx, here, scheme_id) + "\n")


def measure_page(ctx: Context, measure_id: str) -> str:
    data, m = ctx.data, ctx.data.measures[measure_id]
    ctx.mark("measures", [m], "id")
    here = ctx.url(ctx.src_uri("measure", measure_id))
    better = {"lower": "Lower is better.", "higher": "Higher is better.", "neither": "Neither higher nor lower is better: it is reported, not judged."}[m.better]
    abbr = ""
    if m.abbreviation:
        term = data.glossary[m.abbreviation]
        abbr = f"<p>Reports call this <abbr title=\"{text(term.meaning)}\">{text(term.term)}</abbr>, short for {text(term.meaning)}.</p>"
    t = ctx.settings.small_number_threshold
    cell = lambda o: "" if o is None else text(wording.shown(o, m, t))
    found = sorted(data.series_by_measure.get(measure_id, []),
                   key=lambda k: (data.areas[k[0]].name, data.schemes[k[1]].name if k[1] else ""))
    rows, by_area, seen = [], {}, []
    for area_id, scheme_id in found:
        series = data.series[(area_id, scheme_id, measure_id)]
        seen += series
        top = ctx.headline(series, m)
        if scheme_id:
            by_area.setdefault(area_id, []).append((scheme_id, top))
        elif top is not None:
            rows.append([render.link(ctx.page_href(here, "area", area_id), text(data.areas[area_id].name)),
                         wording.period(top.period), cell(top.plan), cell(top.actual), render.status_badge(top.status)])
    areas = (table(f"{text(m.name)}: the latest figures for each whole area", ["Area", "Period", "Plan", "Actual", "Status"], rows,
                   searchable=False)
             if rows else "<p>No area reports this measure for the whole area.</p>")
    parts = [md_heading(2, "Figures in each area"), block(areas)]
    if by_area:
        parts += [md_heading(2, "Schemes that report it"), schemes_reporting(ctx, here, by_area)]
    return (front(m.name, m.meaning) + md_heading(1, m.name)
            + block(f'<p class="care-lede">{text(m.meaning, ctx.abbreviations)}</p>', f"<p><strong>{better}</strong></p>", abbr)
            + "\n\n".join(parts) + md_heading(2, "Sources") + sources_list(ctx, seen) + "\n")


def schemes_reporting(ctx: Context, here: str, by_area: dict[str, list]) -> str:
    """The schemes that report a measure, by area, each with its status in words; their figures, charts
    and tables are on the scheme's page. As a table with figures, 500 schemes made a page of 500 KB."""
    counts: dict[str, int] = {}
    items = []
    for area_id, schemes in by_area.items():
        links = []
        for scheme_id, top in schemes:
            word = top.status.word if top else "No figures to compare"
            counts[word] = counts.get(word, 0) + 1
            when = f", {wording.period(top.period)}" if top else ""
            links.append(f"{render.link(ctx.page_href(here, 'scheme', scheme_id), text(ctx.data.schemes[scheme_id].name))} "
                         f"({word.lower()}{when})")
        items.append(f"<li>{render.link(ctx.page_href(here, 'area', area_id), text(ctx.data.areas[area_id].name))}: {'; '.join(links)}.</li>")
    total = sum(counts.values())
    summary = ", ".join(f"{n:,} {word.lower()}" for word, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    return block(f"<p>{wording.plural(total, 'scheme')} in {wording.plural(len(by_area), 'area')} report this measure: {summary}. "
                 "Each scheme's page has its figures, a chart and a table.</p>", f'<ul class="care-index" {NOT_SEARCHED}>{"".join(items)}</ul>')


def index_page(ctx: Context, kind: str) -> str:
    data = ctx.data
    here = ctx.url(ctx.src_uri(kind))
    if kind == "area":
        title, intro = "Areas", "Each area is a council or a partnership of councils and NHS bodies."
        items = [(a.name, ctx.page_href(here, "area", a.id), a.summary) for a in data.areas.values()]
    elif kind == "scheme":
        title, intro = "Schemes", "Each scheme is a piece of work paid for to join up care, listed by area."
        items = [(f"{s.name} ({data.areas[s.area_id].name})", ctx.page_href(here, "scheme", s.id), s.summary)
                 for s in sorted(data.schemes.values(), key=lambda s: (data.areas[s.area_id].name, s.name))]
    else:
        title, intro = "Measures", "Each measure is something counted to see whether care is getting better."
        items = [(m.name, ctx.page_href(here, "measure", m.id), m.meaning) for m in data.measures.values()]
    items.sort(key=lambda i: i[0]) if kind != "scheme" else None
    lis = "".join(f"<li>{render.link(href, text(name, ctx.abbreviations))}: {text(desc, ctx.abbreviations)}</li>" for name, href, desc in items)
    return front(title, intro) + md_heading(1, title) + block(f"<p>{intro}</p>", f'<ul class="care-index">{lis}</ul>') + "\n"
