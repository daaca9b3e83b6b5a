"""The parts pages are made of: a measure with its sentence, status, chart and table; schemes; money;
milestones; risks; disagreements; sources. Generated pages and editors' macros share these."""
from __future__ import annotations

from ..presentation import wording
from . import render
from .context import Context
from ..data.model import Milestone, Observation
from .render import block, md_heading, status_badge, table, text

FIGURES_MARK = "<!-- care:figures -->"
# Every page loads the whole search index, so what is in it should be worth finding: names, what things
# are for, sentences, milestones and risks. Source lists, money tables, chart captions and the summaries of
# things that have their own page are left out: at national scale they made 60% of a 14 MB index.
NOT_SEARCHED = "data-search-exclude"


# Measures -------------------------------------------------------------------------------------

def sentence(ctx: Context, series: list[Observation], measure, judged: bool = True) -> str:
    """The measure in one or two short plain-English sentences, from its headline figures.

    judged=False leaves out whether that is good (for a list where a status badge stands beside it)."""
    top = ctx.headline(series, measure)
    t = ctx.settings.small_number_threshold
    name = text(measure.name, ctx.abbreviations)
    if top is None:
        return f"{name}: the report gives no figures to compare."
    when = wording.period_phrase(top.period)
    actual, plan = top.actual, top.plan
    if actual is None or actual.value is None:
        said = f" {text(actual.note)}" if actual is not None and actual.note else ""
        return f"{name}: the plan was {wording.shown(plan, measure, t, exact=False, with_unit=True)} {when}. The report gives no result to compare.{said}"
    out = f"{name}: {wording.shown(actual, measure, t, exact=False, with_unit=True)} {when}"
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


def measure_status(ctx: Context, series, measure) -> str:
    top = ctx.headline(series, measure)
    return status_badge(top.status) if top else ""


def chart_html(ctx: Context, here: str, series, measure) -> str:
    drawn = ctx.chart(series, measure)
    if not drawn:
        return ""
    src = ctx.href(here, f"charts/{drawn.key}.svg")
    desc = text(drawn.description)
    # The alt text names the chart; the caption below describes it, so a screen reader hears it once.
    alt = text(f"Chart: {drawn.title}. Described below.")
    return (f'<figure class="care-chart" {NOT_SEARCHED}><img src="{src}" alt="{alt}" width="640" height="330" loading="lazy">'
            f"<figcaption>{desc} The figures are in the table below.</figcaption></figure>")


def _period_order(obs: Observation):
    return (obs.aligned.end, obs.aligned.end - obs.aligned.start)


def figures_table(ctx: Context, series: list[Observation], measure, caption: str) -> str:
    """Every figure of the series printed in a table; the ones quoted in sentences listed after it."""
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
            row.append("" if obs is None else text(wording.shown(obs, measure, t)))
        rows.append(row)
    unit = {"percent": "per cent", "gbp": "pounds", "rate_per_100k": "per 100,000 people", "days": "days"}.get(measure.unit, "number")
    html = table(f"{caption} ({unit})", ["Period"] + [wording.KIND_NAMES[k] for k in kinds], rows, searchable=False)
    said = [f"<li>{wording.KIND_NAMES[obs.kind]} {wording.period_phrase(obs.aligned)}: {text(wording.shown(obs, measure, t))}"
            f"{(' (' + text(obs.note, ctx.abbreviations) + ')') if obs.note else ''}.</li>"
            for obs in series if obs.printed_in == "text" and in_table is not series]
    if said:
        html += f'<p>The report\'s text also says:</p><ul class="care-notes">{"".join(said)}</ul>'
    # Notes on single figures (footnotes, why a figure is missing, where in a table it sits) are
    # folded away: useful to check a figure, noise to a first-time reader. <details> needs no script.
    notes: dict[str, list[str]] = {}
    for obs in in_table:
        if obs.note:
            notes.setdefault(obs.note, []).append(f"{wording.KIND_NAMES[obs.kind].lower()} {wording.period_phrase(obs.aligned)}")
    if notes:
        items = "".join(f"<li>{text(note, ctx.abbreviations)} <span class=\"care-source\">({'; '.join(where)})</span></li>"
                        for note, where in notes.items())
        html += f'<details class="care-notes"><summary>Notes on these figures ({len(notes)})</summary><ul>{items}</ul></details>'
    if any(o.suppressed for o in series):
        html += (f'<p class="care-small">Some counts here are fewer than {t}. We do not show them exactly, '
                 f"so that nobody can be identified.</p>")
    return html


def sources_line(ctx: Context, rows) -> str:
    places: dict[str, set[str]] = {}
    for row in rows:
        places.setdefault(row.source_id, set()).add(row.source_location)
    parts = []
    ctx.mark("sources", ctx.data.sources_for(rows), "id")
    for source in ctx.data.sources_for(rows):
        where = "; ".join(sorted(places[source.id]))
        parts.append(f"{text(source.title, ctx.abbreviations)}, {text(source.body)}, {wording.day(source.date)} ({text(where, ctx.abbreviations)})")
    return f'<p class="care-source" {NOT_SEARCHED}>Source: {" and ".join(parts)}.</p>' if parts else ""


def measure_section(ctx: Context, here: str, area_id: str, scheme_id: str | None, measure_id: str, level: int = 3) -> str:
    data = ctx.data
    series = data.series[(area_id, scheme_id, measure_id)]
    measure = data.measures[measure_id]
    title = measure.name
    link = render.link(ctx.page_href(here, "measure", measure_id), "What this measure means")
    caption = f"{text(measure.name)}: {text(data.areas[area_id].name)}" + (f", {text(data.schemes[scheme_id].name)}" if scheme_id else "")
    return md_heading(level, title) + block(
        FIGURES_MARK,
        f'<p class="care-sentence">{sentence(ctx, series, measure)}</p>',
        f'<p>{measure_status(ctx, series, measure)}</p>',
        chart_html(ctx, here, series, measure),
        figures_table(ctx, series, measure, caption),
        sources_line(ctx, series),
        f'<p class="care-more">{link}.</p>',
    )


def measure_sections(ctx: Context, here: str, area_id: str, scheme_id: str | None = None, level: int = 3) -> str:
    """Every area-wide measure of an area, or every measure of one scheme, each in full.

    A scheme's measures are shown in full on the scheme's page only; the area page sums them up under
    each scheme (`schemes_list`). In full on both, an area page with 20 schemes weighed 500 KB."""
    keys = sorted((m for s, m in ctx.data.series_by_area.get(area_id, []) if s == scheme_id),
                  key=lambda m: ctx.data.measures[m].name)
    if not keys:
        empty = ("The reports give no figures for this yet." if scheme_id or not ctx.data.series_by_area.get(area_id)
                 else "The reports give no figures for the whole area. Each scheme's figures are under Schemes.")
        return block(FIGURES_MARK, f"<p>{empty}</p>")
    return "\n\n".join(measure_section(ctx, here, area_id, scheme_id, m, level) for m in keys)


# Schemes, money, milestones, risks ---------------------------------------------------------------

STATUS_WORDS = {"planned": "Planned", "starting": "Starting", "running": "Running", "finished": "Finished", "stopped": "Stopped"}


def schemes_list(ctx: Context, here: str, area_id: str) -> str:
    """The area's schemes, each linked to its page, with how each of its measures is going in a sentence
    and a status. The charts and tables are on the scheme's page."""
    schemes = sorted(ctx.data.schemes_by_area.get(area_id, []), key=lambda s: s.name)
    ctx.mark("schemes", schemes, "id")
    if not schemes:
        return block("<p>No schemes are listed for this area.</p>")
    measured: dict[str, list[str]] = {}
    for scheme_id, measure_id in ctx.data.series_by_area.get(area_id, []):
        if scheme_id:
            measured.setdefault(scheme_id, []).append(measure_id)
    items = []
    for s in schemes:
        href = ctx.page_href(here, "scheme", s.id)
        item = (f"<li>{render.link(href, text(s.name, ctx.abbreviations))} "
                f"({STATUS_WORDS[s.status].lower()}): {text(s.summary, ctx.abbreviations)}")
        figures = []
        for measure_id in sorted(measured.get(s.id, []), key=lambda m: ctx.data.measures[m].name):
            series, measure = ctx.data.series[(area_id, s.id, measure_id)], ctx.data.measures[measure_id]
            figures.append(f"<li>{measure_status(ctx, series, measure)} {sentence(ctx, series, measure, judged=False)}</li>")
        figures.append(scheme_summary(ctx, area_id, s.id))
        if any(figures):
            item += f'<ul class="care-scheme-figures">{"".join(figures)}</ul>'
        items.append(item + "</li>")
    intro = "<p>Each scheme's page has the charts, tables and sources behind these figures, and who pays what.</p>"
    # In a <div>: Material's search parser tells elements apart by tag name only, so an excluded <ul>
    # with a <ul> inside stops being excluded where the inner one ends, and the build fails.
    return block(FIGURES_MARK, intro, f'<div {NOT_SEARCHED}><ul class="care-schemes">{"".join(items)}</ul></div>')


def _own(grouped: dict, area_id: str, scheme_id: str | None) -> list:
    """A scheme's rows, or (no scheme) the rows about the whole area: schemes are summed up on the area
    page (`scheme_summary`) and shown in full on their own pages."""
    rows = grouped.get((area_id, scheme_id), [])
    return rows if scheme_id else [r for r in rows if r.scheme_id is None]


_STATE_IN_A_LIST = {"Done": "done", "Due": "due", "Late": "late", "No update in the report": "with no update"}


def scheme_summary(ctx: Context, area_id: str, scheme_id: str) -> str:
    """A scheme's money, milestones and risks in a line each, for its area's page."""
    lines = []
    seen, totals = set(), []
    for r in ctx.data.money_by.get((area_id, scheme_id), []):
        if r.is_total and r.amount is not None and (r.item, r.amount, r.period) not in seen:
            seen.add((r.item, r.amount, r.period))
            totals.append(f"{text(r.item, ctx.abbreviations)}, {wording.period(r.period)}: {wording.money(r.amount, exact=True)}")
    if totals:
        lines.append("Money: " + "; ".join(totals) + ".")
    milestones = ctx.data.milestones_by.get((area_id, scheme_id), [])
    if milestones:
        states: dict[str, int] = {}
        for m in milestones:
            state = milestone_state(m, ctx.data.sources[m.source_id].date)
            states[state] = states.get(state, 0) + 1
        dates = sorted({ctx.data.sources[m.source_id].date for m in milestones})
        as_at = wording.day(dates[-1]) if len(dates) == 1 else f"{wording.day(dates[0])} to {wording.day(dates[-1])}, each report's date"
        lines.append(f"{wording.plural(len(milestones), 'milestone').capitalize()}: "
                     + ", ".join(f"{n} {_STATE_IN_A_LIST[state]}" for state, n in states.items()) + f" (as at {as_at}).")
    risks = ctx.data.risks_by.get((area_id, scheme_id), [])
    if risks:
        lines.append(f"{wording.plural(len(risks), 'risk').capitalize()} in the published risk log.")
    return "".join(f"<li>{line}</li>" for line in lines)


def money_table(ctx: Context, area_id: str, scheme_id: str | None = None) -> str:
    rows = _own(ctx.data.money_by, area_id, scheme_id)
    if not rows:
        return ""
    ctx.mark("money", rows)
    totals = {(r.breakdown, r.period): r.amount for r in rows if r.is_total and r.amount is not None}
    body = []
    for r in sorted(rows, key=lambda r: (r.period.start, r.breakdown, r.is_total, r.line)):
        amount = text(r.amount_printed) if r.amount is None else wording.money(r.amount, exact=True)
        whole = totals.get((r.breakdown, r.period))
        if r.amount is None and r.share is not None and whole:
            # Who pays what: worked out from the printed share, and said to be worked out.
            amount = f"about {wording.money(whole * r.share / 100)} (worked out: {wording.share(r.share)} of {wording.money(whole, exact=True)})"
        paid = f"{wording.share(r.share)}" if r.share is not None else ""
        extra = [text(r.note, ctx.abbreviations)] if r.note else []
        if r.fte is not None:
            extra.insert(0, wording.plural_number(r.fte, "full-time post") + (f" at {wording.money(r.unit_cost, exact=True)} each" if r.unit_cost else ""))
        item = f"<strong>{text(r.item, ctx.abbreviations)}</strong>" if r.is_total else text(r.item, ctx.abbreviations)
        body.append([item, wording.period(r.period), text(r.funder, ctx.abbreviations), amount, paid, "; ".join(extra)])
    name = ctx.data.schemes[scheme_id].name if scheme_id else ctx.data.areas[area_id].name
    return block(table(f"Money: {text(name)}", ["What", "Period", "Who pays", "Amount", "Share", "Notes"], body, searchable=False),
                 sources_line(ctx, rows))


def milestone_state(m: Milestone, as_at) -> str:
    if m.completed == "yes":
        return "Done"
    if m.due >= as_at:
        return "Due"
    return "Late" if m.completed == "no" else "No update in the report"


def milestones_table(ctx: Context, area_id: str, scheme_id: str | None = None) -> str:
    rows = _own(ctx.data.milestones_by, area_id, scheme_id)
    if not rows:
        return ""
    ctx.mark("milestones", rows)
    body = []
    for m in sorted(rows, key=lambda m: (m.due, m.line)):
        as_at = ctx.data.sources[m.source_id].date
        body.append([text(m.milestone, ctx.abbreviations), wording.day(m.due) if m.due.day != 1 else m.due.strftime("%B %Y"),
                     f"{milestone_state(m, as_at)} (as at {wording.day(as_at)})"])
    name = ctx.data.schemes[scheme_id].name if scheme_id else ctx.data.areas[area_id].name
    return block(table(f"Milestones: {text(name)}", ["Milestone", "Due by", "Progress"], body), sources_line(ctx, rows))


def risks_table(ctx: Context, area_id: str, scheme_id: str | None = None) -> str:
    rows = _own(ctx.data.risks_by, area_id, scheme_id)
    if not rows:
        return ""
    ctx.mark("risks", rows)
    show = lambda v: "Not given" if v is None else str(v)
    body = [[f"{r.number}. {text(r.risk, ctx.abbreviations)}", show(r.impact), show(r.probability), show(r.score),
             text(r.mitigation, ctx.abbreviations) or "Not given", text(r.owner) or "Not given"]
            for r in sorted(rows, key=lambda r: (r.source_id, r.number))]
    name = ctx.data.schemes[scheme_id].name if scheme_id else ctx.data.areas[area_id].name
    return block(
        "<p>Each risk is scored for impact and for probability, from 1 (low) to 5 (high). "
        "The score is the two multiplied together, so the highest possible is 25.</p>",
        table(f"Risks: {text(name)}", ["Risk", "Impact", "Probability", "Score", "What is being done", "Owner"], body),
        sources_line(ctx, rows))


def disagreements_list(ctx: Context, here: str, area_id: str | None = None, scheme_id: str | None = None) -> str:
    found = ctx.disagreements if area_id is None else ctx.disagreements_by_area.get(area_id, [])
    if scheme_id:
        found = [d for d in found if d.scheme_id == scheme_id]
    if not found:
        return block("<p>We found no figures in the source reports that disagree with each other here.</p>")
    items = []
    for d in found:
        source = ctx.data.sources[d.source_id]
        area = render.link(ctx.page_href(here, "area", d.area_id), text(ctx.data.areas[d.area_id].name)) + ": " if area_id is None else ""
        items.append(f"<li>{area}{text(wording.disagreement(d, ctx.data), ctx.abbreviations)} <span class=\"care-source\">({text(source.title)}, "
                     f"{wording.day(source.date)}: {text(d.where)})</span></li>")
    return block("<p>The source reports print these figures. They do not agree with each other. "
                 "We show both, as printed, and have not corrected either.</p>", f'<ul class="care-disagreements">{"".join(items)}</ul>')


def sources_list(ctx: Context, rows) -> str:
    sources = ctx.data.sources_for(rows)
    ctx.mark("sources", sources, "id")
    if not sources:
        return ""
    items = []
    for s in sources:
        title = text(s.title, ctx.abbreviations)
        if s.url:
            title = render.link(s.url, title)
        items.append(f"<li>{title}. {text(s.body)}, {text(s.committee, ctx.abbreviations)}, {wording.day(s.date)}.</li>")
    return block(f'<ul class="care-sources" {NOT_SEARCHED}>{"".join(items)}</ul>')
