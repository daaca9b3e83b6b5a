"""The parts pages are made of: a measure with its sentence, status, chart and table; schemes; money;
milestones; risks; disagreements; sources. Generated pages and editors' macros share these.

Each part works out plain data here and has a template in `templates/` make the markup (see templating.py).
Every page loads the whole search index, so what is in it should be worth finding: names, what things are
for, sentences, milestones and risks. Source lists, money tables, chart captions and the summaries of
things that have their own page are left out (`data-search-exclude` in the templates): at national scale
they made 60% of a 14 MB index.
"""

from __future__ import annotations

from markupsafe import Markup

from ..data.model import Milestone, Observation
from ..presentation import wording
from .context import Context
from .render import status_badge, text
from .templating import macro, render

FIGURES_MARK = str(macro("figures_mark")())
NOT_SEARCHED = "data-search-exclude"  # the attribute the templates put on what search leaves out


# Measures -------------------------------------------------------------------------------------


def _sentence_words(ctx: Context, series: list[Observation], measure, judged: bool) -> str:
    """The sentence after the measure's name, in plain words."""
    top = ctx.headline(series, measure)
    t = ctx.settings.small_number_threshold
    if top is None:
        return "the report gives no figures to compare."
    when = wording.period_phrase(top.period)
    actual, plan = top.actual, top.plan
    if actual is None or actual.value is None:
        said = f" {actual.note}" if actual is not None and actual.note else ""
        if plan is None:  # only a figure for last year, or an actual row without a figure
            return f"the report gives no plan or result {when}.{said}"
        return f"the plan was {wording.shown(plan, measure, t, exact=False, with_unit=True)} {when}. The report gives no result to compare.{said}"
    out = f"{wording.shown(actual, measure, t, exact=False, with_unit=True)} {when}"
    if plan is not None and plan.value is not None:
        out += f", against a plan of {wording.shown(plan, measure, t, exact=False, with_unit=True)}."
        if judged and top.status.key in ("better", "worse") and not actual.suppressed:
            direction = "lower" if actual.value < plan.value else "higher"
            good = "good" if top.status.key == "better" else "not good"
            out += f" That is {direction} than planned. {measure.better.capitalize()} is better here, so this is {good}."
        elif judged and top.status.key == "on-plan":
            out += " That is exactly the plan."
    else:
        out += ". There is no plan to compare it with."
    if top.last_year is not None and top.last_year.value is not None:
        out += f" At the same time last year it was {wording.shown(top.last_year, measure, t, exact=False, with_unit=True)}."
    return out


def sentence(ctx: Context, series: list[Observation], measure, judged: bool = True) -> Markup:
    """The measure in one or two short plain-English sentences, from its headline figures.

    judged=False leaves out whether that is good (for a list where a status badge stands beside it)."""
    return render("sentence.html", name=measure.name, rest=_sentence_words(ctx, series, measure, judged), abbreviations=ctx.abbreviations)


def measure_status(ctx: Context, series, measure) -> Markup:
    top = ctx.headline(series, measure)
    return status_badge(top.status) if top else Markup("")


def chart_html(ctx: Context, here: str, series, measure) -> Markup:
    drawn = ctx.chart(series, measure)
    if not drawn:
        return Markup("")
    return render("chart.html", src=ctx.href(here, f"charts/{drawn.key}.svg"), title=drawn.title, description=drawn.description)


def _period_order(obs: Observation):
    return (obs.aligned.end, obs.aligned.end - obs.aligned.start)


UNIT_WORDS = {"percent": "per cent", "gbp": "pounds", "rate_per_100k": "per 100,000 people", "days": "days"}


def figures_table(ctx: Context, series: list[Observation], measure, caption: str) -> Markup:
    """Every figure of the series printed in a table; the ones quoted in sentences listed after it.
    `caption` is plain text."""
    t = ctx.settings.small_number_threshold
    ctx.mark("observations", series)
    in_table = [o for o in series if o.printed_in == "table"] or series
    kinds = [k for k in wording.KIND_NAMES if any(o.kind == k for o in in_table)]
    periods = sorted({o.aligned: o for o in sorted(in_table, key=_period_order)}.values(), key=_period_order)
    cells = {(o.aligned, o.kind): o for o in in_table}
    rows = []
    for first in periods:
        row = [wording.period(first.aligned)]
        for kind in kinds:
            obs = cells.get((first.aligned, kind))
            row.append("" if obs is None else wording.shown(obs, measure, t))
        rows.append(row)
    said = [
        {"kind": wording.KIND_NAMES[obs.kind], "when": wording.period_phrase(obs.aligned), "value": wording.shown(obs, measure, t), "note": obs.note}
        for obs in series
        if obs.printed_in == "text" and in_table is not series
    ]
    notes: dict[str, list[str]] = {}
    for obs in in_table:
        if obs.note:
            notes.setdefault(obs.note, []).append(f"{wording.KIND_NAMES[obs.kind].lower()} {wording.period_phrase(obs.aligned)}")
    return render(
        "figures_table.html",
        caption=f"{caption} ({UNIT_WORDS.get(measure.unit, 'number')})",
        headers=["Period"] + [wording.KIND_NAMES[k] for k in kinds],
        rows=rows,
        said=said,
        notes=notes,
        suppressed=any(o.suppressed for o in series),
        threshold=t,
        abbreviations=ctx.abbreviations,
    )


def sources_line(ctx: Context, rows) -> Markup:
    places: dict[str, set[str]] = {}
    for row in rows:
        places.setdefault(row.source_id, set()).add(row.source_location)
    ctx.mark("sources", ctx.data.sources_for(rows), "id")
    sources = [
        {"title": s.title, "body": s.body, "date": wording.day(s.date), "where": "; ".join(sorted(places[s.id]))} for s in ctx.data.sources_for(rows)
    ]
    return render("sources_line.html", sources=sources, abbreviations=ctx.abbreviations)


def measure_section(ctx: Context, here: str, area_id: str, scheme_id: str | None, measure_id: str, level: int = 3) -> Markup:
    data = ctx.data
    series = data.series[(area_id, scheme_id, measure_id)]
    measure = data.measures[measure_id]
    caption = f"{measure.name}: {data.areas[area_id].name}" + (f", {data.schemes[scheme_id].name}" if scheme_id else "")
    return render(
        "measure_section.md",
        title=measure.name,
        level=level,
        sentence=sentence(ctx, series, measure),
        status=measure_status(ctx, series, measure),
        chart=chart_html(ctx, here, series, measure),
        figures=figures_table(ctx, series, measure, caption),
        sources=sources_line(ctx, series),
        more_href=ctx.page_href(here, "measure", measure_id),
    )


def measure_sections(ctx: Context, here: str, area_id: str, scheme_id: str | None = None, level: int = 3) -> Markup:
    """Every area-wide measure of an area, or every measure of one scheme, each in full.

    A scheme's measures are shown in full on the scheme's page only; the area page sums them up under
    each scheme (`schemes_list`). In full on both, an area page with 20 schemes weighed 500 KB."""
    keys = sorted((m for s, m in ctx.data.series_by_area.get(area_id, []) if s == scheme_id), key=lambda m: ctx.data.measures[m].name)
    empty = (
        "The reports give no figures for this yet."
        if scheme_id or not ctx.data.series_by_area.get(area_id)
        else "The reports give no figures for the whole area. Each scheme's figures are under Schemes."
    )
    return render("measure_sections.md", sections=[measure_section(ctx, here, area_id, scheme_id, m, level) for m in keys], empty=empty)


# Schemes, money, milestones, risks ---------------------------------------------------------------


def schemes_list(ctx: Context, here: str, area_id: str) -> Markup:
    """The area's schemes, each linked to its page, with how each of its measures is going in a sentence
    and a status. The charts and tables are on the scheme's page."""
    schemes = sorted(ctx.data.schemes_by_area.get(area_id, []), key=lambda s: s.name)
    ctx.mark("schemes", schemes, "id")
    measured: dict[str, list[str]] = {}
    for scheme_id, measure_id in ctx.data.series_by_area.get(area_id, []):
        if scheme_id:
            measured.setdefault(scheme_id, []).append(measure_id)
    items = []
    for s in schemes:
        figures = []
        for measure_id in sorted(measured.get(s.id, []), key=lambda m: ctx.data.measures[m].name):
            series, measure = ctx.data.series[(area_id, s.id, measure_id)], ctx.data.measures[measure_id]
            top = ctx.headline(series, measure)
            figures.append({"status": top.status if top else None, "sentence": sentence(ctx, series, measure, judged=False)})
        summary = scheme_summary(ctx, area_id, s.id)
        items.append(
            {
                "href": ctx.page_href(here, "scheme", s.id),
                "name": s.name,
                "stage": wording.STAGE_WORDS[s.status].lower(),
                "summary": s.summary,
                "measures": figures,
                "totals": summary["totals"],
                "lines": summary["lines"],
                "has_figures": bool(figures or summary["totals"] or summary["lines"]),
            }
        )
    return render("schemes_list.html", schemes=items, abbreviations=ctx.abbreviations)


def _own(grouped: dict, area_id: str, scheme_id: str | None) -> list:
    """A scheme's rows, or (no scheme) the rows about the whole area: schemes are summed up on the area
    page (`scheme_summary`) and shown in full on their own pages."""
    rows = grouped.get((area_id, scheme_id), [])
    return rows if scheme_id else [r for r in rows if r.scheme_id is None]


_STATE_IN_A_LIST = {"Done": "done", "Due": "due", "Late": "late", "No update in the report": "with no update"}


def scheme_summary(ctx: Context, area_id: str, scheme_id: str) -> dict:
    """A scheme's money, milestones and risks in a line each, for its area's page (template
    `scheme_summary.html`): money totals as data, the other lines in words."""
    lines = []
    seen, totals = set(), []
    for r in ctx.data.money_by.get((area_id, scheme_id), []):
        if r.is_total and r.amount is not None and (r.item, r.amount, r.period) not in seen:
            seen.add((r.item, r.amount, r.period))
            totals.append({"item": r.item, "period": wording.period(r.period), "amount": wording.money(r.amount, exact=True)})
    milestones = ctx.data.milestones_by.get((area_id, scheme_id), [])
    if milestones:
        states: dict[str, int] = {}
        for m in milestones:
            state = milestone_state(m, ctx.data.sources[m.source_id].date)
            states[state] = states.get(state, 0) + 1
        dates = sorted({ctx.data.sources[m.source_id].date for m in milestones})
        as_at = wording.day(dates[-1]) if len(dates) == 1 else f"{wording.day(dates[0])} to {wording.day(dates[-1])}, each report's date"
        lines.append(
            f"{wording.plural(len(milestones), 'milestone').capitalize()}: "
            + ", ".join(f"{n} {_STATE_IN_A_LIST[state]}" for state, n in states.items())
            + f" (as at {as_at})."
        )
    risks = ctx.data.risks_by.get((area_id, scheme_id), [])
    if risks:
        lines.append(f"{wording.plural(len(risks), 'risk').capitalize()} in the published risk log.")
    return {"totals": totals, "lines": lines}


def _name(ctx: Context, area_id: str, scheme_id: str | None) -> str:
    return ctx.data.schemes[scheme_id].name if scheme_id else ctx.data.areas[area_id].name


def money_table(ctx: Context, area_id: str, scheme_id: str | None = None) -> Markup:
    rows = _own(ctx.data.money_by, area_id, scheme_id)
    if not rows:
        return Markup("")
    ctx.mark("money", rows)
    abbr = ctx.abbreviations
    totals = {(r.breakdown, r.period): r.amount for r in rows if r.is_total and r.amount is not None}
    body = []
    for r in sorted(rows, key=lambda r: (r.period.start, r.breakdown, r.is_total, r.line)):
        amount = r.amount_printed if r.amount is None else wording.money(r.amount, exact=True)
        whole = totals.get((r.breakdown, r.period))
        if r.amount is None and r.share is not None and whole:
            # Who pays what: worked out from the printed share, and said to be worked out.
            amount = f"about {wording.money(whole * r.share / 100)} (worked out: {wording.share(r.share)} of {wording.money(whole, exact=True)})"
        paid = f"{wording.share(r.share)}" if r.share is not None else ""
        extra: list[str] = [text(r.note, abbr)] if r.note else []  # Markup.join below escapes the plain strings
        if r.fte is not None:
            extra.insert(
                0, wording.plural_number(r.fte, "full-time post") + (f" at {wording.money(r.unit_cost, exact=True)} each" if r.unit_cost else "")
            )
        item = macro("strong")(text(r.item, abbr)) if r.is_total else text(r.item, abbr)
        body.append([item, wording.period(r.period), text(r.funder, abbr), amount, paid, Markup("; ").join(extra)])
    return render("money_table.html", name=_name(ctx, area_id, scheme_id), rows=body, sources=sources_line(ctx, rows))


def milestone_state(m: Milestone, as_at) -> str:
    if m.completed == "yes":
        return "Done"
    if m.due >= as_at:
        return "Due"
    return "Late" if m.completed == "no" else "No update in the report"


def milestones_table(ctx: Context, area_id: str, scheme_id: str | None = None) -> Markup:
    rows = _own(ctx.data.milestones_by, area_id, scheme_id)
    if not rows:
        return Markup("")
    ctx.mark("milestones", rows)
    body = []
    for m in sorted(rows, key=lambda m: (m.due, m.line)):
        as_at = ctx.data.sources[m.source_id].date
        body.append(
            [
                text(m.milestone, ctx.abbreviations),
                wording.day(m.due) if m.due.day != 1 else m.due.strftime("%B %Y"),
                f"{milestone_state(m, as_at)} (as at {wording.day(as_at)})",
            ]
        )
    return render("milestones_table.html", name=_name(ctx, area_id, scheme_id), rows=body, sources=sources_line(ctx, rows))


def risks_table(ctx: Context, area_id: str, scheme_id: str | None = None) -> Markup:
    rows = _own(ctx.data.risks_by, area_id, scheme_id)
    if not rows:
        return Markup("")
    ctx.mark("risks", rows)
    abbr = ctx.abbreviations
    show = lambda v: "Not given" if v is None else str(v)
    body = [
        [
            text(f"{r.number}. {r.risk}", abbr),
            show(r.impact),
            show(r.probability),
            show(r.score),
            text(r.mitigation, abbr) or "Not given",
            r.owner or "Not given",
        ]
        for r in sorted(rows, key=lambda r: (r.source_id, r.number))
    ]
    return render("risks_table.html", name=_name(ctx, area_id, scheme_id), rows=body, sources=sources_line(ctx, rows))


def disagreements_list(ctx: Context, here: str, area_id: str | None = None, scheme_id: str | None = None, level: int = 3) -> Markup:
    """The disagreements found in the source reports, grouped by their nature (a slip, words against a table,
    a difference of definition, a part-year cost) under a heading of `level` each, with any explanation an
    editor recorded beside each."""
    found = ctx.disagreements if area_id is None else ctx.disagreements_by_area.get(area_id, [])
    if scheme_id:
        found = [d for d in found if d.scheme_id == scheme_id]
    ctx.mark("explanations", [d.explanation for d in found if d.explanation is not None])
    groups = []
    for nature, (heading, intro) in wording.NATURES.items():
        items = []
        for d in (d for d in found if d.nature == nature):
            source = ctx.data.sources[d.source_id]
            items.append(
                {
                    "area_href": ctx.page_href(here, "area", d.area_id) if area_id is None else None,
                    "area_name": ctx.data.areas[d.area_id].name,
                    "what": wording.disagreement(d, ctx.data),
                    "explanation": wording.explanation(d.explanation) if d.explanation else "",
                    "where": d.where,
                    "source_title": source.title,
                    "source_date": wording.day(source.date),
                }
            )
        if items:
            groups.append({"nature": nature.value, "heading": heading, "intro": intro, "found": items})
    return render("disagreements_list.md", groups=groups, level=level, abbreviations=ctx.abbreviations)


def sources_list(ctx: Context, rows) -> Markup:
    sources = ctx.data.sources_for(rows)
    ctx.mark("sources", sources, "id")
    return render(
        "sources_list.html",
        abbreviations=ctx.abbreviations,
        sources=[{"title": s.title, "url": s.url, "body": s.body, "committee": s.committee, "date": wording.day(s.date)} for s in sources],
    )
