"""The parts pages are made of: a measure with its sentence, status, chart and table; schemes; money;
milestones; risks; disagreements; sources. Generated pages and editors' macros share these.

Each part works out plain data here and has a template in `templates/` make the markup (see templating.py).
Every page loads the whole search index, so what is in it should be worth finding: names, what things are
for, sentences, milestones and risks. Source lists, money tables, chart captions and the summaries of
things that have their own page are left out (`data-search-exclude` in the templates): at national scale
they made 60% of a 14 MB index.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from enum import StrEnum

from markupsafe import Markup

from ..analysis.status import STATED, Headline, Status, consistent, set_for_later
from ..data.model import Caveat, Milestone, Observation, Outcome, Period, Source, places
from ..data.vocab import Completed, FigureKind, PrintedIn, TimeStated
from ..presentation import statuses, wording
from ..presentation.charts.points import plotted, visible
from .context import Context
from .downloads import chart_data, size_words
from .placed import Element, Placed
from .render import status_badge, text
from .templating import macro, render

NOT_SEARCHED = "data-search-exclude"  # the attribute the templates put on what search leaves out


# Measures -------------------------------------------------------------------------------------


def _figure(ctx: Context, obs: Observation, measure) -> str:
    return wording.figure_text(obs, measure, ctx.settings.small_number_threshold, exact=False, with_unit=True)


def _plan_word(plan: Observation) -> str:
    """The area's plan for the period is "plan"; a target whose period is over stands in for one, as a "target"."""
    return "target" if plan.kind == FigureKind.TARGET else "plan"


def _claim(top: Headline) -> str:
    """The report's own judgement, inside a sentence: "says it is on target" (with its period when not the headline's)."""
    if top.stated is None:
        return ""
    claim = statuses.STATED_CLAUSES[top.stated.judgement]
    return claim if top.stated.period == top.period else f"{claim} {wording.period_phrase(top.stated.period)}"


def _target_later_words(ctx: Context, target: Observation, measure) -> str:
    """A target set for later, never judged: "the report set a target of 25%, to be met by the end of March 2019."
    Once that date has passed, it says no report here gives the result."""
    out = f"the report set a target of {_figure(ctx, target, measure)}, {wording.to_be_met(target.period)}."
    if target.period.end < ctx.today:
        out += " No report on this site gives the result."
    return out


def _headline_words(ctx: Context, top: Headline, measure, judged: bool, lengthen: bool = False) -> str:
    # When the series has figures for periods of different lengths, the sentence says how long this one is.
    if top.status == Status.TARGET_LATER and top.target is not None:
        return _target_later_words(ctx, top.target, measure)
    when = wording.period_phrase(top.period, lengthen=lengthen)
    actual, plan = top.actual, top.plan
    claim = _claim(top) if judged else ""
    but = f", but it {claim}." if claim else "."
    if actual is None or actual.value is None:
        # Why there is no figure, from its note; not when the report's own judgement is given instead (the
        # note says the same, and stays in the notes under the table).
        said = f" {actual.note}" if actual is not None and actual.note and not claim else ""
        if plan is None:  # only a figure for last year, an actual row without a figure, or only the report's words
            if top.status.stated:
                return f"the report gives no figures {when}{but}{said}"
            return f"the report gives no plan or result {when}.{said}"
        out = f"the {_plan_word(plan)} was {_figure(ctx, plan, measure)} {when}."
        out += f" The report gives no figure for the result{but}" if top.status.stated else " The report gives no result to compare."
        return out + said
    out = f"{_figure(ctx, actual, measure)} {when}"
    if plan is not None and plan.value is not None:
        word = _plan_word(plan)
        out += f", against a {word} of {_figure(ctx, plan, measure)}."
        if judged and top.status in (Status.BETTER, Status.WORSE) and not actual.suppressed:
            # The size of the gap, in the measure's unit: never an adjective harsher (or kinder) than the figures.
            size = wording.gap(actual.value, plan.value, measure.unit, target=plan.kind == FigureKind.TARGET, rate_of=measure.rate_of)
            out += f" That is {size}. {measure.better.capitalize()} is better here."
        elif judged and top.status == Status.ON_PLAN:
            out += f" That is exactly the {word}."
        if claim and top.stated is not None and not consistent(top.stated.judgement, top.status):
            # Both judgements, and that they differ: the figures' comparison with the plan and the report's words.
            out += f" But the report {claim}: its words and this comparison with the {word} point different ways."
        elif claim:
            out += f" The report {claim}."
    elif top.status.stated:
        out += f". The report gives no plan figure{but}"
    else:
        # No plan: the status beside the sentence says so ("No plan to compare"), once, not the sentence too.
        out += "."
    if top.last_year is not None and top.last_year.value is not None:
        out += f" At the same time last year it was {_figure(ctx, top.last_year, measure)}."
    if actual.provisional == "yes":
        out += " The report says this figure is provisional, so it may change."
    elif actual.provisional == "no":
        out += " The report says this figure is final."
    return out


ROLES = (FigureKind.TARGET, FigureKind.BENCHMARK, FigureKind.ESTIMATE, FigureKind.GAP, FigureKind.DESIGN)


def _role_words(ctx: Context, series: list[Observation], measure, top: Headline | None) -> list[str]:
    """Figures that are not the area's plan or result, each said in its own words: the latest target,
    estimate and gap, and the latest figure from each place compared with. Never "the plan was"."""
    latest: dict[tuple[str, str], Observation] = {}
    rank = lambda o: (o.period.end, o.period.end - o.period.start, o.printed_in == PrintedIn.TABLE)
    for obs in series:
        if obs.kind not in ROLES or (obs.value is None and not obs.suppressed) or (top is not None and (obs is top.plan or obs is top.target)):
            continue
        key = (obs.kind, obs.compared_with if obs.kind == FigureKind.BENCHMARK else "")
        if key not in latest or rank(obs) > rank(latest[key]):
            latest[key] = obs
    out = []
    for kind in ROLES:
        for (k, where), obs in sorted(latest.items()):
            if k != kind:
                continue
            value, when = _figure(ctx, obs, measure), wording.period_for(obs.period)
            if kind == FigureKind.TARGET:
                if set_for_later(obs, ctx.today, {obs.source_id: ctx.data.sources[obs.source_id].date}):
                    words = _target_later_words(ctx, obs, measure)
                    out.append(words[:1].upper() + words[1:])
                else:
                    out.append(f"The target {when} was {value}.")
            elif kind == FigureKind.BENCHMARK:
                # from elsewhere, said so: never "reached", which would be a result the report does not give
                out.append(
                    f"For comparison, the report gives {value} from elsewhere: {where}."
                    if where
                    else f"A figure from elsewhere, to compare with, is {value}."
                )
            elif kind == FigureKind.ESTIMATE:
                out.append(f"The report gives an estimated {value} {when}.")
            elif kind == FigureKind.DESIGN:  # described as the report describes it, never judged
                out.append(f"The report describes {value} as the usual or intended figure {when}. It is not a result or a target.")
            else:
                out.append(f"There is a gap of {value} still to be found {when}.")
    return out


def _sentence_words(ctx: Context, series: list[Observation], measure, judged: bool) -> str:
    """The sentence after the measure's name, in plain words."""
    top = ctx.headline(series, measure)
    roles = _role_words(ctx, series, measure, top)
    if top is None:
        if not roles:
            return "the report gives no figures to compare."
        first = roles[0]
        if first.startswith(("The ", "There ", "A ")):  # after "Name: ", as the other sentences start
            roles[0] = first[0].lower() + first[1:]
        return " ".join(roles)
    return " ".join([_headline_words(ctx, top, measure, judged, not wording.same_length(_table_periods(series)))] + roles)


def sentence(ctx: Context, series: list[Observation], measure, judged: bool = True) -> Markup:
    """The measure in one or two short plain-English sentences, from its headline figures, named by its
    short name when it has one (the full name stays in headings and captions).

    judged=False leaves out whether that is good (for a list where a status badge stands beside it)."""
    name = measure.short_name or measure.name
    return render("sentence.html", name=name, rest=_sentence_words(ctx, series, measure, judged), abbreviations=ctx.abbreviations)


def measure_status(ctx: Context, series, measure) -> Markup:
    """The status in words with its icon; where the report also judges the result in words, its status beside."""
    top = ctx.headline(series, measure)
    return Markup(" ").join(status_badge(s) for s in top.statuses) if top else Markup("")


def _where(ctx: Context, row) -> str:
    """Where a quote is from: "Report title, 15 March 2017, Paragraph 44"."""
    source = ctx.data.sources[row.source_id]
    return f"{source.title}, {wording.report_date(source)}, {row.source_location}"


def stated_line(ctx: Context, top: Headline | None, said: list[Outcome] | None = None, badge_first: bool = True) -> Markup:
    """The reports' own judgements of the result: each with its status, the quote and where it is from; the
    one the headline uses first, then any others for the series (another period, another paragraph), newest
    first, so that every judgement a report states is shown. Marked as shown.

    badge_first=False: the status just before it (`measure_status`) already shows the headline's judgement, so
    its quote comes without the status again ("The report's words"): each status once per measure."""
    first = [top.stated] if top is not None and top.stated is not None else []
    others = sorted((o for o in said or [] if o not in first), key=lambda o: (o.period.end, o.line), reverse=True)
    ctx.mark("outcomes", first + others)
    lines = [
        render(
            "stated.html",
            status=None
            if o in first and not badge_first
            else (top.also_stated or top.status)
            if top is not None and o in first
            else STATED[o.judgement],
            when=wording.inside_brackets(wording.period(o.period)),
            quote=o.quote,
            where=_where(ctx, o),
            abbreviations=ctx.abbreviations,
        )
        for o in first + others
    ]
    return Markup("").join(lines)


def caveats_list(ctx: Context, caveats: list[Caveat]) -> Markup:
    """Warnings, risks and setbacks the reports state, each quoted with its source. Marked as shown."""
    if not caveats:
        return Markup("")
    ctx.mark("caveats", caveats)
    items = [{"kind": wording.CAVEAT_WORDS[c.kind], "plain": c.plain, "quote": c.quote, "where": _where(ctx, c)} for c in caveats]
    return render("caveats.html", caveats=items, abbreviations=ctx.abbreviations)


def place_said(ctx: Context, area_id: str, scheme_id: str | None) -> Markup:
    """What the reports say in words about a scheme (or, with no scheme, the area) as a whole: their own
    judgements, each with its status, and their caveats, risks and setbacks, all quoted with their sources."""
    key = (area_id, scheme_id, None)
    outcomes = sorted(ctx.data.outcomes_by.get(key, []), key=lambda o: (o.period.end, o.line))
    ctx.mark("outcomes", outcomes)
    judged = [
        render(
            "stated.html",
            status=STATED[o.judgement],
            when=wording.inside_brackets(wording.period(o.period)),
            quote=o.quote,
            where=_where(ctx, o),
            abbreviations=ctx.abbreviations,
        )
        for o in outcomes
    ]
    return Markup("").join(judged) + caveats_list(ctx, ctx.data.caveats_by.get(key, []))


def series_caveats(ctx: Context, area_id: str, scheme_id: str | None, measure_id: str) -> list[Caveat]:
    return ctx.data.caveats_by.get((area_id, scheme_id, measure_id), [])


def said_beside(ctx: Context, series, measure) -> Markup:
    """Everything the reports say about a measure's figures (warnings, good news, what is being done), for
    wherever its result is shown in brief (a sentence, a line on the home page, a row of a measure page): no
    page shows a report's good news about something without its warnings about it, or a result it calls bad
    without what the report says is being done about it. Nothing when there is no result to show."""
    if not series or ctx.headline(series, measure) is None:
        return Markup("")
    return caveats_list(ctx, series_caveats(ctx, series[0].area_id, series[0].scheme_id, measure.id))


def said_beside_rows(ctx: Context, keys: list[tuple[str, str | None, str]]) -> Markup:
    """`said_beside` for the rows of a table of several areas' results (a measure page): each series' statements
    under its area's (and scheme's) name, after the table."""
    parts = []
    for area_id, scheme_id, measure_id in keys:
        series, measure = ctx.data.series.get((area_id, scheme_id, measure_id)), ctx.data.measures[measure_id]
        said = said_beside(ctx, series, measure)
        if said:
            area = ctx.data.areas[area_id].name
            parts.append({"name": f"{area}: {ctx.data.schemes[scheme_id].name}" if scheme_id else area, "said": said})
    return render("said_beside_rows.html", parts=parts) if parts else Markup("")


def chart_html(ctx: Context, here: str, series, measure) -> Markup:
    drawn = ctx.chart(series, measure)
    if not drawn:
        return Markup("")
    address, data = chart_data(ctx, series)  # at an address that does not change from build to build
    return render(
        "chart.html",
        src=ctx.href(here, f"charts/{drawn.key}.svg"),
        title=drawn.title,
        description=drawn.description,
        data_href=ctx.href(here, address),
        data_size=size_words(len(data.encode("utf-8"))),
    )


def no_chart_words(series: list[Observation]) -> str:
    """Why a series has no chart, in a sentence: a chart needs two figures to compare."""
    figures = sum(1 for o in plotted(series) if visible(o))
    if figures == 1:
        return "There is only one figure for this, so there is no chart to compare it with."
    return "There are no figures for this to draw, so there is no chart."


def _period_order(obs: Observation):
    return (obs.aligned.end, obs.aligned.end - obs.aligned.start)


def _table_periods(series: list[Observation]) -> set:
    """The periods a series' table shows (its table figures, or all when none is from a table)."""
    return {o.aligned for o in ([o for o in series if o.printed_in == PrintedIn.TABLE] or series)}


FINALITY = {"yes": "provisional", "no": "final"}  # observations.csv's provisional column, as a table cell says it
# A table of figures longer than a year of months is folded under its chart (figures_table.html says why).
FOLDED_AFTER_ROWS = 12


def figures_table(ctx: Context, series: list[Observation], measure, caption: str) -> Markup:
    """Every figure of the series printed in a table; the ones quoted in sentences listed after it.
    `caption` is plain text."""
    t = ctx.settings.small_number_threshold
    ctx.mark("observations", series)
    in_table = [o for o in series if o.printed_in == PrintedIn.TABLE] or series
    kinds = [k for k in wording.KIND_NAMES if any(o.kind == k for o in in_table)]
    periods = sorted({o.aligned: o for o in sorted(in_table, key=_period_order)}.values(), key=_period_order)
    cells = {(o.aligned, o.kind): o for o in in_table}
    name = wording.period_namer({o.aligned for o in in_table})  # with lengths, when they differ
    rows = []
    for first in periods:
        row = [name(first.aligned)]
        for kind in kinds:
            obs = cells.get((first.aligned, kind))
            cell = "" if obs is None else wording.figure_text(obs, measure, t)
            if obs is not None and obs.compared_with:  # a figure from elsewhere says where
                cell += f" ({obs.compared_with})"
            if obs is not None and obs.provisional in FINALITY:  # as the report marks it (issue 23)
                cell += f" ({FINALITY[obs.provisional]})"
            row.append(cell)
        rows.append(row)
    said = [
        {
            "kind": wording.KIND_NAMES[obs.kind],
            "when": wording.period_phrase(obs.aligned),
            "value": wording.figure_text(obs, measure, t),
            "note": obs.note,
        }
        for obs in series
        if obs.printed_in == PrintedIn.TEXT and in_table is not series
    ]
    notes: dict[str, list[str]] = {}
    for obs in in_table:
        if obs.note:
            notes.setdefault(obs.note, []).append(
                wording.inside_brackets(f"{wording.KIND_NAMES[obs.kind].lower()} {wording.period_phrase(obs.aligned)}")
            )
    return render(
        "figures_table.html",
        caption=f"{caption} ({wording.unit_words(measure.unit, measure.rate_of).table})",
        headers=["Period"] + [wording.KIND_NAMES[k] for k in kinds],
        rows=rows,
        folded_after=FOLDED_AFTER_ROWS,
        said=said,
        notes=notes,
        suppressed=any(o.suppressed for o in series),
        provisional=any(o.provisional == "yes" for o in in_table),
        final=any(o.provisional == "no" for o in in_table),
        threshold=t,
        abbreviations=ctx.abbreviations,
    )


def sources_line(ctx: Context, rows) -> Markup:
    where: dict[str, set[str]] = {}
    for row in rows:
        where.setdefault(row.source_id, set()).add(row.source_location)
    ctx.mark("sources", ctx.data.sources_for(rows), "id")
    sources = [{"title": s.title, "body": s.body, "date": wording.report_date(s), "where": places(where[s.id])} for s in ctx.data.sources_for(rows)]
    bodies = {s["body"] for s in sources}
    shared_body = bodies.pop() if len(sources) > 1 and len(bodies) == 1 else ""
    return render("sources_line.html", sources=sources, shared_body=shared_body, abbreviations=ctx.abbreviations)


def measure_section(
    ctx: Context, here: str, area_id: str, scheme_id: str | None, measure_id: str, level: int = 3, placed: frozenset[Element] = frozenset()
) -> Markup:
    """A measure in full: sentence, status, the report's words, caveats, chart, table, sources. `placed`: the
    elements an editor's macros already show on the page, left out here; nothing at all when only the
    heading, the sources and the link would be left."""
    data = ctx.data
    series = data.series[(area_id, scheme_id, measure_id)]
    measure = data.measures[measure_id]
    caption = f"{measure.name}: {data.areas[area_id].name}" + (f", {data.schemes[scheme_id].name}" if scheme_id else "")
    top = ctx.headline(series, measure)
    caveats = series_caveats(ctx, area_id, scheme_id, measure_id)
    said = ctx.data.outcomes_by.get((area_id, scheme_id, measure_id), [])
    quoted: list = list(said) + ([top.stated] if top and top.stated and top.stated not in said else []) + caveats
    shown = {
        "sentence": sentence(ctx, series, measure) if Element.SENTENCE not in placed else "",
        "status": measure_status(ctx, series, measure) if Element.STATUS not in placed else "",
        "stated": stated_line(ctx, top, said, badge_first=Element.STATUS in placed),
        # right after the sentence and status, never folded away; sentence() shows them with its sentence
        "caveats": caveats_list(ctx, caveats) if Element.CAVEATS not in placed else "",
        "chart": chart_html(ctx, here, series, measure) if Element.CHART not in placed else "",
        "figures": figures_table(ctx, series, measure, caption) if Element.TABLE not in placed else "",
    }
    if not any(shown.values()):
        return Markup("")
    return render(
        "measure_section.md",
        title=measure.name,
        level=level,
        # Said only of a chart there is (with one figure, chart() says why there is none).
        elsewhere=[e.value for e in (Element.CHART, Element.TABLE) if e in placed and (e != Element.CHART or ctx.chart(series, measure))],
        sources=sources_line(ctx, list(series) + quoted),
        more_href=ctx.page_href(here, "measure", measure_id),
        **shown,
    )


def measure_sections(ctx: Context, here: str, area_id: str, scheme_id: str | None = None, level: int = 3, placed: Placed | None = None) -> Markup:
    """Every area-wide measure of an area, or every measure of one scheme, each in full, leaving out what
    an editor's macros `placed` on the page (nothing at all when they placed every part of every measure).

    A scheme's measures are shown in full on the scheme's page only; the area page sums them up under
    each scheme (`schemes_list`). In full on both, an area page with 20 schemes weighed 500 KB."""
    keys = sorted((m for s, m in ctx.data.series_by_area.get(area_id, []) if s == scheme_id), key=lambda m: ctx.data.measures[m].name)
    empty = (
        "The reports give no figures for this yet."
        if scheme_id or not ctx.data.series_by_area.get(area_id)
        else "The reports give no figures for the whole area. Each scheme's figures are under Schemes."
    )
    sections = [
        measure_section(ctx, here, area_id, scheme_id, m, level, placed.elements((area_id, scheme_id, m)) if placed else frozenset()) for m in keys
    ]
    if keys and not any(sections):
        return Markup("")
    # On a scheme's page, where "plan" and "target" first appear (an area page says it in its counts above).
    planned = scheme_id is not None and any(
        o.kind in (FigureKind.PLAN, FigureKind.TARGET) for m in keys for o in ctx.data.series[(area_id, scheme_id, m)]
    )
    return render("measure_sections.md", sections=[s for s in sections if s], empty=empty, plan_and_target=wording.PLAN_AND_TARGET if planned else "")


def series_keys(ctx: Context, area_id: str, scheme_id: str | None = None) -> list[tuple[str, str | None, str]]:
    """The (area, scheme, measure) of every series of an area (its schemes' too) or of one scheme."""
    return [(area_id, s, m) for s, m in ctx.data.series_by_area.get(area_id, []) if scheme_id is None or s == scheme_id]


def observations_about(ctx: Context, area_id: str, scheme_id: str | None = None) -> list[Observation]:
    """Every figure about an area (its schemes' too) or one scheme."""
    data = ctx.data
    return [o for s, m in data.series_by_area.get(area_id, []) if scheme_id is None or s == scheme_id for o in data.series[(area_id, s, m)]]


def cited_rows(ctx: Context, area_id: str, scheme_id: str | None = None) -> list:
    """Every row a page about an area (or one scheme) cites, so its sources and its age are worked out from
    the same rows wherever they are shown: the area (with its schemes and places) or the scheme, its figures, its own
    money, milestones and risks, and what the reports say in words about it (for an area, its schemes too)."""
    data = ctx.data
    key = (area_id, scheme_id)
    whole: list
    if scheme_id:
        whole = [data.schemes[scheme_id]]
    else:
        whole = [data.areas[area_id], *data.schemes_by_area.get(area_id, []), *data.places_by_area.get(area_id, [])]
        whole += data.decisions_by.get(area_id, [])
    own = data.money_by.get(key, []) + data.milestones_by.get(key, []) + data.risks_by.get(key, [])
    said = _said_about(data.outcomes_by, area_id, scheme_id) + _said_about(data.caveats_by, area_id, scheme_id)
    return [*whole, *observations_about(ctx, area_id, scheme_id), *own, *said]


def _said_about(index: Mapping[tuple[str, str | None, str | None], list], area_id: str, scheme_id: str | None) -> list:
    """The rows of an index of what the reports say (by area, scheme and measure) about an area or a scheme."""
    return [row for (area, scheme, _), rows in index.items() if area == area_id and (scheme_id is None or scheme == scheme_id) for row in rows]


def figures_age(ctx: Context, found: list[Observation], rows: list, about: str) -> str:
    """How old the figures `found` are, as at the build date: the end of the newest dated result (a figure the
    report gives no date for is dated to its report, which says nothing of when the result was), the newest of
    the reports `rows` come from."""
    data, today = ctx.data, ctx.today
    newest_report = max((data.sources[r.source_id] for r in rows), key=lambda s: (s.date, s.id))
    report_day = wording.report_date(newest_report)
    results = [o for o in found if o.kind == FigureKind.ACTUAL and o.value is not None and data.dated(o)]
    if results:
        # The newest end; of the results ending then, the shortest period (a year rather than six years to it).
        newest = max(results, key=lambda o: (o.period.end, o.period.start)).period
        first = f"How old these figures are: the newest result is {wording.newest_and_age(newest, today)}. "
    elif any(o.kind == FigureKind.ACTUAL and o.value is not None for o in found):
        first = "How old these figures are: the reports give no date for these results, so they are as old as their reports. "
    else:
        first = "How old these figures are: the reports give no results here. "
    return (
        first + f"This page was made on {wording.day(today)}. We have no report {about} newer than {report_day}, "
        f"{wording.ago(newest_report.date, today)}."
    )


# How often an area reports (areas.csv reports_every), as a sentence says it, and in months.
EVERY = {"monthly": ("every month", 1, "a month"), "quarterly": ("every three months", 3, "three months")}
EVERY |= {"six-monthly": ("every six months", 6, "six months"), "yearly": ("every year", 12, "a year")}


EXPECTED = "An update was expected, and none has been published here."


def _months_later(d: date, months: int) -> date:
    month = d.month - 1 + months
    year, month = d.year + month // 12, month % 12 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def next_report_words(ctx: Context, area_id: str) -> str:
    """When the area's next report is due, as its report says (areas.csv: a date, or how often it reports),
    and, once that has passed with no newer report in the data, that an update was expected and none has
    been published. Never a date the report does not give. "" when the report says neither."""
    area = ctx.data.areas[area_id]
    if area.next_report is None and not area.reports_every:
        return ""
    source = ctx.data.sources[area.source_id]
    where = f" ({area.next_report_location})" if area.next_report_location else ""
    newest = max((ctx.data.sources[r.source_id] for r in cited_rows(ctx, area_id)), key=lambda s: (s.date, s.id))
    today = ctx.settings.today
    said = []
    if area.next_report is not None:
        due = wording.day(area.next_report)
        if today <= area.next_report:
            said.append(f"The report of {wording.report_date(source)} says the next report is due by {due}{where}.")
        elif newest.date < area.next_report:
            said.append(f"The report of {wording.report_date(source)} said the next report was due by {due}{where}. {EXPECTED}")
    if area.reports_every in EVERY and not said:
        words, months, span = EVERY[area.reports_every]
        said.append(f"The report of {wording.report_date(source)} says a new report is due {words}{where}.")
        if _months_later(newest.date, months) < today:
            since = "then" if newest.date == source.date else f"the newest report, of {wording.report_date(newest)}"
            said.append(f"More than {span} have passed since {since}. {EXPECTED}")
    return " ".join(said)


def newest_result(ctx: Context) -> Period | None:
    """The period of the newest dated result on the site (Dataset.newest_date), the longest one ending then."""
    return ctx.worked_out(("newest result",), lambda: _newest_result(ctx.data))


def _newest_result(data) -> Period | None:
    newest = data.newest_date()
    if newest is None:
        return None
    periods = (
        o.period for o in data.observations if o.kind == FigureKind.ACTUAL and o.value is not None and o.period.end == newest and data.dated(o)
    )
    return max(periods, key=lambda p: p.start)  # the shortest of them: a year rather than six years to it


def next_reports_words(ctx: Context) -> str:
    """Across the site: for how many areas a report says when the next one is due (each area's page says when),
    or that none does."""
    areas = list(ctx.data.areas.values())
    saying = sum(1 for a in areas if a.next_report is not None or a.reports_every)
    if not saying:
        # Some reports say how often they come or name a "next update" (area pages quote them), but none gives a date.
        return "No report gives a date for the next one."
    if saying == len(areas):
        return "For each area, a report says when the next one is due: each area's page says when."
    return (
        f"For {saying} of the {len(areas)} areas, a report says when the next one is due: each area's page says when. "
        "For the others, no date is given."
    )


def site_age_words(ctx: Context) -> str:
    """How old the site's figures are, for the index pages: the newest dated result, the newest report, and
    whether reports say when the next is due."""
    data, today = ctx.data, ctx.today
    report = data.newest_report()
    if report is None:
        return "There are no figures yet."
    newest = newest_result(ctx)
    first = (
        f"How old these figures are: the newest result on this site is {wording.newest_and_age(newest, today)}. "
        if newest is not None
        else "How old these figures are: the reports give no dated results. "
    )
    return (
        first + f"This page was made on {wording.day(today)}. The newest report is from {wording.report_date(report)}, "
        f"{wording.ago(report.date, today)}. {next_reports_words(ctx)}"
    )


def site_age(ctx: Context) -> Markup:
    return render("age.html", words=site_age_words(ctx))


def age_words(ctx: Context, area_id: str, scheme_id: str | None = None) -> str:
    """When the newest result here is from and how long before the build that was, the newest report, and when
    the next one is due."""
    found, rows = observations_about(ctx, area_id, scheme_id), cited_rows(ctx, area_id, scheme_id)
    return figures_age(ctx, found, rows, f"about {_name(ctx, area_id, scheme_id)}")


def age(ctx: Context, area_id: str, scheme_id: str | None = None) -> Markup:
    area = ctx.data.areas[area_id]
    next_report = next_report_words(ctx, area_id) or f"The reports about {area.name} give no date for the next report."
    return render("age.html", words=age_words(ctx, area_id, scheme_id), next_report=next_report)


def made_up(ctx: Context | None) -> Markup:
    """A notice for the top of every page when the data package says its figures are made up (`"synthetic":
    true` in datapackage.json, as benchmarks/synthetic.py writes it); else nothing."""
    if ctx is None or ctx.data.package.get("synthetic") is not True:
        return Markup("")
    return render("made_up.html")


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
            figures.append(
                {
                    "statuses": top.statuses if top else (),
                    "sentence": sentence(ctx, series, measure, judged=False),
                    "caveats": said_beside(ctx, series, measure),
                }
            )
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


class MilestoneState(StrEnum):
    """Where a milestone stands (milestone_state), in the words its table prints."""

    DONE = "Done"
    DUE = "Due"  # still to come at the build date
    LATE = "Late"  # late at its report, and nothing newer
    NO_UPDATE = "No update"  # its date has passed and no report says it was done


_STATE_IN_A_LIST = {
    MilestoneState.DONE: "done",
    MilestoneState.DUE: "due",
    MilestoneState.LATE: "late, with no update since the report",
    MilestoneState.NO_UPDATE: "with no update since the report",
}


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
        states: dict[MilestoneState, int] = {}
        for m in milestones:
            state = milestone_state(m, ctx.data.sources[m.source_id].date, ctx.settings.today)
            states[state] = states.get(state, 0) + 1
        reports = sorted({(s.date, wording.report_date(s)) for s in (ctx.data.sources[m.source_id] for m in milestones)})
        as_at = reports[-1][1] if len(reports) == 1 else f"{reports[0][1]} to {reports[-1][1]}, each report's date"
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


def milestone_state(m: Milestone, as_at: date, today: date) -> MilestoneState:
    """Done, Due (still to come today), Late (late at its report, and nothing newer) or No update (its date
    has passed since, or before, its report and no report says it was done). A milestone of 2012 is not
    "Due" in 2026."""
    if m.completed == Completed.YES:
        return MilestoneState.DONE
    if m.due >= today:
        return MilestoneState.DUE
    return MilestoneState.LATE if m.completed == Completed.NO and m.due < as_at else MilestoneState.NO_UPDATE


def milestone_words(m: Milestone, report: Source, today: date) -> str:
    """A milestone's state in words, with the date of the report it is from (as the report gives it)."""
    state, as_at = milestone_state(m, report.date, today), wording.report_date(report)
    if state == MilestoneState.LATE:
        return f"Late (as at {as_at}), with no update since"
    if state == MilestoneState.NO_UPDATE:
        return f"No update since the report of {as_at}"
    return f"{state} (as at {as_at})"


def milestones_table(ctx: Context, area_id: str, scheme_id: str | None = None) -> Markup:
    rows = _own(ctx.data.milestones_by, area_id, scheme_id)
    if not rows:
        return Markup("")
    ctx.mark("milestones", rows)
    body = []
    for m in sorted(rows, key=lambda m: (m.due, m.line)):
        report = ctx.data.sources[m.source_id]
        body.append(
            [
                text(m.milestone, ctx.abbreviations),
                wording.period(replace(m.when, report=report)),  # as the report gives it: a day, a month, "from June 2017"
                milestone_words(m, report, ctx.settings.today),
            ]
        )
    return render(
        "milestones_table.html", name=_name(ctx, area_id, scheme_id), when=milestones_heading(rows), rows=body, sources=sources_line(ctx, rows)
    )


# Times a milestones table can head "Due by": a date, a month or a year. A start ("from June 2017"), an end in
# the report's words ("by 2020") or other words ("during January") say themselves what they are.
DEADLINES = (TimeStated.AS_DATED, TimeStated.MONTH, TimeStated.YEAR)


def milestones_heading(rows) -> str:
    """The heading of a milestones table's time column, to fit every row: "Due by" only when each is a deadline
    given as a date; else "When", and each cell says "from ...", "by ..." as its report does."""
    return "Due by" if all(m.stated in DEADLINES for m in rows) else "When"


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
    return render("risks_table.html", name=_name(ctx, area_id, scheme_id), rows=body, scored=risks_scored(rows), sources=sources_line(ctx, rows))


def risks_scored(rows) -> str:
    """How many of the risks the report scores (impact, probability or rating): "all", "some" or "none". A
    table says the report scores each risk only when it does; a log printed with no scores is said to be so."""
    scored = [r.impact is not None or r.probability is not None or r.score is not None for r in rows]
    return "all" if all(scored) else "some" if any(scored) else "none"


def decisions_list(ctx: Context, area_id: str) -> Markup:
    """What each report about the area asked its committee to decide (its recommendations), report by report,
    newest first: each in plain words with the report's own words quoted and where they are. Marked as shown."""
    rows = ctx.data.decisions_by.get(area_id, [])
    if not rows:
        return Markup("")
    ctx.mark("decisions", rows)
    reports = []
    for source in sorted(ctx.data.sources_for(rows), key=lambda s: s.date, reverse=True):
        items = [
            {"plain": d.plain, "quote": d.quote, "title": source.title, "where": d.source_location}
            for d in sorted(rows, key=lambda d: d.line)
            if d.source_id == source.id
        ]
        reports.append({"committee": source.committee, "date": wording.report_date(source), "said": items})
    return render("decisions.html", reports=reports, abbreviations=ctx.abbreviations)


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
                    "source_date": wording.report_date(source),
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
        sources=[{"title": s.title, "url": s.url, "body": s.body, "committee": s.committee, "date": wording.report_date(s)} for s in sources],
    )
