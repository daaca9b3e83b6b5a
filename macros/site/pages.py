"""Whole generated pages: one per area, scheme and measure, plus the three index pages.

Each page is markdown with HTML blocks and `render_macros: false`, so text from the data can never
be run as a template; the markdown and HTML come from `templates/*.md` (see templating.py). An editor's
page in docs/ for the same address takes over the prose.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from ..analysis.compare import MIN_AREAS, Standing, Tested, standing
from ..analysis.status import ALL, BETTER, COUNTED, ON_PLAN, TARGET_LATER, WORSE, Headline
from ..data.model import Measure
from ..data.vocab import Better, FigureKind
from ..presentation import statuses, wording
from . import paging
from .comparing import area_comparisons, latest_figures, measure_tested, place_words, tested_cell, tested_note
from .context import Context
from .finder import a_to_z, finder_form
from .maps import measure_map
from .placed import Part, Placed
from .render import link, status_badge
from .sections import (
    age,
    cited_rows,
    decisions_list,
    disagreements_list,
    figures_age,
    measure_sections,
    milestones_table,
    money_table,
    place_said,
    risks_table,
    said_beside,
    said_beside_rows,
    schemes_list,
    series_keys,
    site_age,
    sources_list,
)
from .templating import render
from .updates import changes_section


def area_intro(ctx: Context, area_id: str) -> Markup:
    area = ctx.data.areas[area_id]
    ctx.mark("areas", [area], "id")
    return render(
        "area_intro.html", area=area, said=place_said(ctx, area_id, None), partners=partners_list(ctx, area_id), abbreviations=ctx.abbreviations
    )


def partners_list(ctx: Context, area_id: str) -> Markup:
    """The bodies that run the partnership (areas.csv bodies), or nothing when the row names none."""
    area = ctx.data.areas[area_id]
    ctx.mark("areas", [area], "id")
    return render("partners.html", area=area, abbreviations=ctx.abbreviations) if area.bodies else Markup("")


def area_where(ctx: Context, area_id: str) -> Markup:
    """Where the area is: the places in it that its reports name, its ONS code (or why it has none), and the
    similar areas it is compared with."""
    area = ctx.data.areas[area_id]
    places = ctx.data.places_by_area.get(area_id, [])
    ctx.mark("places", places)
    groups = ctx.data.comparison_groups(area_id)
    ctx.mark("comparison_groups", [r for r in ctx.data.similar if r.area_id == area_id] if groups else [])
    coded = any(a.ons_code for a in ctx.data.areas.values())  # the data gives codes: an area without one is not a council
    if not (places or groups or coded):
        return Markup("")
    return render(
        "area_where.html",
        area=area,
        places=sorted({p.place for p in places}, key=str.casefold),
        similar=[{"group": group, "areas": [ctx.data.areas[i].name for i in ids]} for group, ids in sorted(groups.items())],
        mapped=ctx.data.hexmap is not None,
        coded=coded,
    )


def area_figures(ctx: Context, here: str, area_id: str, placed: Placed | None = None) -> Markup:
    """Everything on an area page after its introduction. On an editor's page, after the editor's words,
    leaving out what the page's macros `placed` (site/placed.py)."""
    # An editor's words replace the generated introduction, and with it what the reports say about the whole
    # area (their judgements, warnings and good news) and the partners: shown here instead, so none is lost,
    # unless a macro on the page placed them.
    editors = placed is not None
    placed = placed or Placed()
    # In the order they are shown: each part marks the rows it shows for the build report.
    made = {
        Part.SAID: lambda: place_said(ctx, area_id, None) if editors else Markup(""),
        Part.PARTNERS: lambda: partners_list(ctx, area_id) if editors else Markup(""),
        Part.DECISIONS: lambda: decisions_list(ctx, area_id),
        Part.WHERE: lambda: area_where(ctx, area_id),
        Part.AT_A_GLANCE: lambda: status_counts(ctx, area_id),
        Part.MEASURES: lambda: measure_sections(ctx, here, area_id, placed=placed),
        Part.COMPARES: lambda: area_comparisons(ctx, area_id),
        Part.SCHEMES: lambda: schemes_list(ctx, here, area_id),
        Part.MONEY: lambda: money_table(ctx, area_id),
        Part.MILESTONES: lambda: milestones_table(ctx, area_id),
        Part.RISKS: lambda: risks_table(ctx, area_id),
        Part.PROBLEMS: lambda: disagreements_list(ctx, here, area_id),
        Part.CHANGES: lambda: changes_section(ctx, here, series_keys(ctx, area_id)),
        Part.SOURCES: lambda: sources_list(ctx, cited_rows(ctx, area_id)),
    }
    part = {p: Markup("") if placed.has(p, area_id) else make() for p, make in made.items()}
    return render(
        "page_parts.md",
        parts=[
            ("What the reports say about the area", part[Part.SAID]),
            ("Who the partners are", part[Part.PARTNERS]),
            ("What the committee was asked to decide", part[Part.DECISIONS]),
            ("Where it is", part[Part.WHERE]),
            ("How things are going", part[Part.AT_A_GLANCE] + part[Part.MEASURES]),
            ("How it compares with other areas", part[Part.COMPARES]),
            ("Schemes", part[Part.SCHEMES]),
            ("Money", part[Part.MONEY]),
            ("Milestones", part[Part.MILESTONES]),
            ("Risks", part[Part.RISKS]),
            ("Checks on the source figures", part[Part.PROBLEMS]),
            ("Changes to these figures", part[Part.CHANGES]),
            ("Sources", part[Part.SOURCES]),
        ],
    )


def counts_for(ctx: Context, area_id: str) -> dict[str, int]:
    counts = {s.key: 0 for s in ALL}
    for scheme_id, measure_id in ctx.data.series_by_area.get(area_id, []):
        top = ctx.headline(ctx.data.series[(area_id, scheme_id, measure_id)], ctx.data.measures[measure_id])
        if top:
            counts[top.status.key] += 1
    return counts


# How many of each (going well, going badly) an area's line on the home page names; the rest are on its page.
IN_WORDS_AT_MOST = 3


WELL, BADLY = "better", "worse"  # the home page's two lines (their CSS keys: the colours of better and worse)


def _in_words(name: str, top: Headline, measure: Measure) -> str:
    """One line of an area's headlines: worked out ("475 fewer than planned") or the report's words ("the report
    says it is on target"), with the period."""
    if not top.status.stated and top.actual is not None and top.plan is not None:
        return wording.against_plan(name, top.actual, top.plan, top.status, top.period, measure.unit, measure.rate_of)
    said = top.stated
    if said is None:
        raise ValueError(f"{name}: no judgement to put in words")
    return f"{name}: the report {statuses.STATED_CLAUSES[said.judgement]} ({wording.period_brief(said.period)})"


def areas_in_words(ctx: Context, here: str) -> Markup:
    """For each area, what is going well and what is going badly, in words: each measure judged better or
    worse than plan, by its short name (else its name), with the period it is judged on. Newest first, the
    whole area's measures before its schemes'; at most IN_WORDS_AT_MOST of each, then a link to the rest.
    With more areas than `areas_per_page`, how all their measures are going, counted, instead: each area's
    page says what is going well and badly there (a line for each of 150 areas weighed 130 KB)."""
    data = ctx.data
    if len(data.areas) > ctx.settings.areas_per_page:
        totals = {s.key: 0 for s in ALL}
        for area_id in data.areas:
            for key, n in counts_for(ctx, area_id).items():
                totals[key] += n
        later = totals[TARGET_LATER.key]
        return render(
            "areas_in_words_counted.html",
            areas=wording.plural(len(data.areas), "area"),
            href=ctx.page_href(here, "area"),
            counts=[(s, wording.plural(totals[s.key], "measure")) for s in COUNTED if totals[s.key]],
            later=wording.not_yet_due(later) if later else "",
        )
    areas = []
    for area in sorted(data.areas.values(), key=lambda a: a.name):
        # Going well and going badly: worked out from the figures, or (where the figures cannot say) the report's
        # own judgement, each said as what it is ("the report says it is better than the target").
        judged: dict[str, list] = {WELL: [], BADLY: []}
        later = 0  # measures with only a target for later: never judged, said apart
        for scheme_id, measure_id in data.series_by_area.get(area.id, []):
            measure = data.measures[measure_id]
            top = ctx.headline(data.series[(area.id, scheme_id, measure_id)], measure)
            if top is None:
                continue
            if top.status == TARGET_LATER:
                later += 1
                continue
            worked_out = top.status in (BETTER, WORSE, ON_PLAN) and top.actual is not None and top.plan is not None
            if not worked_out and not (top.status.stated and top.stated is not None):
                continue
            if not (top.status.good_news or top.status.bad_news):
                continue
            name = measure.short_name or measure.name
            if scheme_id:
                name += f" ({data.schemes[scheme_id].name})"
            judged[WELL if top.status.good_news else BADLY].append((top, name, (area.id, scheme_id, measure_id), measure))
        lines = []
        for group, label, none in ((WELL, "Going well", "no measure is better than plan"), (BADLY, "Going badly", "no measure is worse than plan")):
            # Newest first; the whole area's measures before its schemes'; worked out from figures before the reports' words.
            found = sorted(
                judged[group],
                key=lambda item: (-item[0].period.end.toordinal(), item[2][1] is not None, item[0].status.stated, item[0].period.start, item[1]),
            )
            said = [
                {"words": _in_words(name, top, measure), "beside": said_beside(ctx, data.series[key], measure)}
                for top, name, key, measure in found[:IN_WORDS_AT_MOST]
            ]
            more = len(found) - len(said)
            lines.append({"label": label, "css": group, "said": said, "none": none, "more": f"{more:,} more" if more else ""})
        areas.append(
            {
                "name": area.name,
                "href": ctx.page_href(here, "area", area.id),
                "lines": lines,
                "judged": any(judged.values()),
                "later": wording.not_yet_due(later) if later else "",
            }
        )
    return render("areas_in_words.html", areas=areas, abbreviations=ctx.abbreviations)


def status_counts(ctx: Context, area_id: str) -> Markup:
    """How many of the area's measures have each status; targets for later counted apart, in words."""
    counts = counts_for(ctx, area_id)
    later = counts[TARGET_LATER.key]
    return render(
        "status_counts.html",
        counts=[(s, wording.plural(counts[s.key], "measure")) for s in COUNTED if counts[s.key]],
        later=wording.not_yet_due(later) if later else "",
        plan_and_target=wording.PLAN_AND_TARGET,
    )


def area_page(ctx: Context, area_id: str) -> str:
    area = ctx.data.areas[area_id]
    here = ctx.url(ctx.src_uri("area", area_id))
    return str(
        render(
            "area_page.md",
            title=area.name,
            description=f"How joining up health and social care is going in {area.name}",
            area=area,
            intro=area_intro(ctx, area_id) + age(ctx, area_id),
            figures=area_figures(ctx, here, area_id),
        )
    )


def scheme_intro(ctx: Context, here: str, scheme_id: str) -> Markup:
    s = ctx.data.schemes[scheme_id]
    return render(
        "scheme_intro.html",
        scheme=s,
        said=place_said(ctx, s.area_id, scheme_id),
        facts=scheme_facts(ctx, here, scheme_id),
        abbreviations=ctx.abbreviations,
    )


def scheme_facts(ctx: Context, here: str, scheme_id: str) -> Markup:
    """Who a scheme is for, its area and its stage (schemes.csv)."""
    s = ctx.data.schemes[scheme_id]
    ctx.mark("schemes", [s], "id")
    return render(
        "scheme_facts.html",
        scheme=s,
        area_href=ctx.page_href(here, "area", s.area_id),
        area_name=ctx.data.areas[s.area_id].name,
        stage=wording.STAGE_WORDS[s.status],
        as_at=wording.report_date(ctx.data.sources[s.source_id]),
        abbreviations=ctx.abbreviations,
    )


def _empty(words: str) -> Markup:
    return render("empty.html", words=words)


def scheme_figures(ctx: Context, here: str, scheme_id: str, placed: Placed | None = None) -> Markup:
    """Everything on a scheme page after its introduction. On an editor's page, after the editor's words,
    leaving out what the page's macros `placed` (site/placed.py)."""
    s = ctx.data.schemes[scheme_id]
    editors = placed is not None
    placed = placed or Placed()
    left_out = lambda part: placed.has(part, s.area_id, scheme_id)
    # On an editor's page, what the generated introduction showed comes here (see area_figures).
    said = place_said(ctx, s.area_id, scheme_id) if editors and not left_out(Part.SAID) else ""
    facts = scheme_facts(ctx, here, scheme_id) if editors and not left_out(Part.SCHEME_FACTS) else ""
    parts = [
        ("What the reports say about the scheme", said),
        ("About the scheme", facts),
        ("Money", "" if left_out(Part.MONEY) else money_table(ctx, s.area_id, scheme_id) or _empty("The reports give no budget for this scheme.")),
        ("Measures", "" if left_out(Part.MEASURES) else measure_sections(ctx, here, s.area_id, scheme_id, placed=placed)),
        (
            "Milestones",
            ""
            if left_out(Part.MILESTONES)
            else milestones_table(ctx, s.area_id, scheme_id) or _empty("The reports give no milestones for this scheme."),
        ),
        ("Risks", "" if left_out(Part.RISKS) else risks_table(ctx, s.area_id, scheme_id)),
    ]
    if any(d.scheme_id == scheme_id for d in ctx.disagreements_by_area.get(s.area_id, [])) and not left_out(Part.PROBLEMS):
        parts.append(("Checks on the source figures", disagreements_list(ctx, here, s.area_id, scheme_id)))
    parts.append(("Changes to these figures", "" if left_out(Part.CHANGES) else changes_section(ctx, here, series_keys(ctx, s.area_id, scheme_id))))
    parts.append(("Sources", "" if left_out(Part.SOURCES) else sources_list(ctx, cited_rows(ctx, s.area_id, scheme_id))))
    return render("page_parts.md", parts=parts)


def scheme_page(ctx: Context, scheme_id: str) -> str:
    s = ctx.data.schemes[scheme_id]
    here = ctx.url(ctx.src_uri("scheme", scheme_id))
    return str(
        render(
            "scheme_page.md",
            title=s.name,
            description=f"{s.name}: a scheme in {ctx.data.areas[s.area_id].name}",
            scheme=s,
            intro=scheme_intro(ctx, here, scheme_id) + age(ctx, s.area_id, scheme_id),
            figures=scheme_figures(ctx, here, scheme_id),
        )
    )


BETTER_WORDS = {
    Better.LOWER: "Lower is better.",
    Better.HIGHER: "Higher is better.",
    Better.NEITHER: "Neither higher nor lower is better: it is reported, not judged.",
}


@dataclass
class _Reporting:
    """An area that reports a measure: its whole-area headline (None if it has none), its schemes' headlines
    and every figure of it, for the sources."""

    area_id: str
    name: str
    top: Headline | None = None
    schemes: list[tuple[str, Headline | None]] = field(default_factory=list)
    rows: list = field(default_factory=list)


def _reporting(ctx: Context, measure_id: str) -> list[_Reporting]:
    """Every area that reports the measure, for the whole area or through its schemes, in order of name."""
    data, m = ctx.data, ctx.data.measures[measure_id]
    found: dict[str, _Reporting] = {}
    keys = sorted(
        data.series_by_measure.get(measure_id, []),
        key=lambda k: (data.areas[k[0]].name.casefold(), k[0], data.schemes[k[1]].name.casefold() if k[1] else ""),
    )
    for area_id, scheme_id in keys:
        series = data.series[(area_id, scheme_id, measure_id)]
        entry = found.setdefault(area_id, _Reporting(area_id, data.areas[area_id].name))
        entry.rows += series
        top = ctx.headline(series, m)
        if scheme_id:
            entry.schemes.append((scheme_id, top))
        else:
            entry.top = top
    return list(found.values())


def _said_beside(ctx: Context, reporting: list[_Reporting], measure_id: str, schemes: bool) -> Markup:
    """What the reports say about the results a measure page shows: the whole areas' (its table) or the schemes'."""
    keys: list[tuple[str, str | None, str]]
    if schemes:
        keys = [(r.area_id, scheme_id, measure_id) for r in reporting for scheme_id, top in r.schemes if top is not None]
    else:
        keys = [(r.area_id, None, measure_id) for r in reporting if r.top is not None]
    return said_beside_rows(ctx, keys)


# A measure page sums up its areas in words from this many with figures for the whole area (or when they are
# in parts): a table of fewer is taken in at a glance.
SUMMARY_FROM = 10


def measure_pages(ctx: Context, measure_id: str) -> dict[str, str]:
    """The measure's page (address: markdown) and, when more areas report it than `areas_per_page`, a page
    for each part of the list of areas: the measure's page then sums them up and links to the parts."""
    data, m = ctx.data, ctx.data.measures[measure_id]
    ctx.mark("measures", [m], "id")
    uri = ctx.src_uri("measure", measure_id)
    here = ctx.url(uri)
    reporting = _reporting(ctx, measure_id)
    keys = [(a, s, measure_id) for a, s in data.series_by_measure.get(measure_id, [])]
    parts = paging.parts_of(ctx, "measure", measure_id, reporting, ctx.settings.areas_per_page, lambda r: r.name)
    found = [o for r in reporting for o in r.rows]
    planned = any(o.kind in (FigureKind.PLAN, FigureKind.TARGET) for o in found)
    about = {
        "plan_and_target": wording.PLAN_AND_TARGET if planned else "",
        "measure": m,
        # How old its figures are: the newest dated result of any area, the newest report with it.
        "age": render("age.html", words=figures_age(ctx, found, found, "with this measure")) if found else Markup(""),
        "better": BETTER_WORDS[m.better],
        "term": data.glossary[m.abbreviation] if m.abbreviation else None,
        "abbreviations": ctx.abbreviations,
    }
    tops = [r.top for r in reporting if r.top is not None and r.top.status != TARGET_LATER]
    later = sum(1 for r in reporting if r.top is not None and r.top.status == TARGET_LATER)
    figures = latest_figures(ctx, measure_id)
    every = {f.area_id: standing(f.area_id, figures, m.better) for f in figures}
    standings: dict = every if any(s.compared for s in every.values()) else {}
    # Where the figures carry their counts and populations: each area tested against all of them together.
    tests = measure_tested(ctx, measure_id, standings)
    about["compare"] = compare_words(list(every.values()))
    about["standings"] = standings
    about["tested_note"] = tested_note(tests, standings, m)
    about["map"] = measure_map(ctx, here, {r.area_id: r.top.status for r in reporting if r.top is not None}, m.name)
    # Summed up in words when the areas are in parts, or too many to take in at a glance.
    summary = _areas_summary(tops, later) if tops and (len(parts) > 1 or len(tops) >= SUMMARY_FROM) else None
    if len(parts) == 1:
        page = render(
            "measure_page.md",
            title=m.name,
            description=m.meaning,
            summary=summary,
            parts=[],
            rows=_latest_rows(ctx, here, m, reporting, standings, tests),
            rows_said=_said_beside(ctx, reporting, measure_id, schemes=False),
            plan_header=_plan_header(reporting),
            schemes=schemes_reporting(ctx, here, reporting),
            schemes_said=_said_beside(ctx, reporting, measure_id, schemes=True),
            sources=sources_list(ctx, [o for r in reporting for o in r.rows]),
            changes=changes_section(ctx, here, keys, with_area=True),
            **about,
        )
        return {uri: str(page)}
    pages = {
        uri: str(
            render(
                "measure_page.md",
                title=m.name,
                description=m.meaning,
                summary=summary,
                parts=[{"href": ctx.href(here, ctx.url(p.uri)), "name": p.name, "areas": wording.plural(len(p.items), "area")} for p in parts],
                rows=[],
                rows_said="",
                schemes=schemes_reporting(ctx, here, reporting, listed=False),
                schemes_said="",
                sources=render(
                    "sources_in_parts.html", reports=wording.plural(len(data.sources_for([o for r in reporting for o in r.rows])), "report")
                ),
                changes=changes_section(ctx, here, keys, with_area=True),
                **about,
            )
        )
    }
    for p in parts:
        at = ctx.url(p.uri)
        near = {"previous": parts[p.number - 2] if p.number > 1 else None, "next": parts[p.number] if p.number < p.of else None}
        pages[p.uri] = str(
            render(
                "measure_part.md",
                title=f"{m.name}: {p.name}",
                description=f"{m.name}: the latest figures for {p.which}",
                part=p,
                measure_href=ctx.href(at, here),
                near={k: {"href": ctx.href(at, ctx.url(q.uri)), "name": q.name} if q else None for k, q in near.items()},
                rows=_latest_rows(ctx, at, m, p.items, standings, tests),
                rows_said=_said_beside(ctx, p.items, measure_id, schemes=False),
                plan_header=_plan_header(p.items),
                schemes=schemes_reporting(ctx, at, p.items),
                schemes_said=_said_beside(ctx, p.items, measure_id, schemes=True),
                sources=sources_list(ctx, [o for r in p.items for o in r.rows]),
                **about,
            )
        )
    return pages


def measure_page(ctx: Context, measure_id: str) -> str:
    """The measure's own page (without the parts of its list, if it has any)."""
    return measure_pages(ctx, measure_id)[ctx.src_uri("measure", measure_id)]


def _areas_summary(tops: list[Headline], later: int = 0) -> Markup:
    """How the areas' latest figures for the whole area are going: how many have each status, and the periods;
    `later` areas with only a target for later are said apart, never counted as a status."""
    return render(
        "areas_summary.html",
        areas=wording.plural(len(tops), "area"),
        periods=paging.periods_words(tops),
        counts=paging.status_counts(tops, "area"),
        later=wording.not_yet_due(later, "area") if later else "",
    )


def _plan_header(reporting: list[_Reporting]) -> str:
    """The latest-figures table's plan column: "Plan or target" when a target stands in for a plan in it, or a
    target for later is in it."""
    targets = any(
        r.top is not None and (r.top.target is not None or (r.top.plan is not None and r.top.plan.kind == FigureKind.TARGET)) for r in reporting
    )
    return "Plan or target" if targets else "Plan"


def _latest_rows(
    ctx: Context, here: str, m: Measure, reporting: list[_Reporting], standings: dict | None = None, tests: dict | None = None
) -> list[list]:
    """A row for each area's latest figure for the whole area: area, period, plan, actual, status, and (when the
    areas are compared) its place among them, with its test against all of them together where it is tested."""
    standings, tests = standings or {}, tests or {}
    t = ctx.settings.small_number_threshold
    cell = lambda o: "" if o is None else wording.figure_text(o, m, t)
    # A target standing in for a plan (its period is over) says so in its cell: the column is "Plan or target".
    plan_cell = lambda o: cell(o) + (" (target)" if o is not None and o.kind == FigureKind.TARGET else "")
    # Figures for a month and for a year side by side: each period says how long it is.
    period = wording.period_namer({r.top.period for r in reporting if r.top is not None})
    return [
        [
            link(ctx.page_href(here, "area", r.area_id), r.name),
            period(r.top.period),
            # A target for later is shown with its status, never the status alone: "15.1% (target)", "by 2018/19".
            plan_cell(r.top.target if r.top.status == TARGET_LATER else r.top.plan),
            cell(r.top.actual),
            Markup(" ").join(status_badge(s) for s in r.top.statuses),
        ]
        + ([_place(standings.get(r.area_id), tests.get(r.area_id), m)] if standings else [])
        for r in reporting
        if r.top is not None
    ]


def compare_words(found: list[Standing]) -> str:
    """What a measure page says, above its table, about how its areas are compared (`found`: each area's standing)."""
    compared = [s for s in found if s.compared]
    if not found:
        return "No area has a figure for the whole area to compare."
    if not compared:
        reasons = {s.reason for s in found}
        if len(reasons) == 1 and len(found) < MIN_AREAS:
            return f"Areas are not compared on this measure, because {reasons.pop()}."
        return (
            "Areas are not compared on this measure. Their latest figures are for periods of different lengths, "
            f"and fewer than {MIN_AREAS} are for any one length."
        )
    words = (
        "The last column gives each area's place among areas whose latest figure is for a period of the same length. "
        "It is a place in the order. It is not a test of whether a difference is more than chance."
    )
    if len(compared) < len(found):
        n = len(found) - len(compared)
        words += (
            f" {wording.plural(n, 'area')} {'is' if n == 1 else 'are'} not compared. "
            f"Fewer than {MIN_AREAS} areas have a latest figure for a period as long as {'its' if n == 1 else 'theirs'}."
        )
    return words


def _place(found: Standing | None, test: Tested | None, m: Measure) -> str | Markup:
    """An area's place among the others, and on a line of its own its test against all of them together (where
    it is tested: a short verdict in a column of its own would make the table too wide for a desktop's page)."""
    if found is None or not found.compared:
        return "Not compared"
    place = f"{place_words(found)[0].upper()}{place_words(found)[1:]}"
    if test is None:
        return place
    return Markup('{}. <span class="care-tested">{}.</span>').format(place, tested_cell(test, m))


def _later_figure(ctx: Context, top: Headline | None) -> str:
    """After "target for later": the target itself (": 25%"), so the status is never shown without its figure."""
    if top is None or top.status != TARGET_LATER or top.target is None:
        return ""
    return f": {wording.figure_text(top.target, ctx.data.measures[top.target.measure_id], ctx.settings.small_number_threshold, with_unit=True)}"


def schemes_reporting(ctx: Context, here: str, reporting: list[_Reporting], listed: bool = True) -> Markup:
    """The schemes that report a measure, by area, each with its status in words; their figures, charts
    and tables are on the scheme's page. As a table with figures, 500 schemes made a page of 500 KB.
    With listed=False, only how many there are of each status (the parts of the list name each one)."""
    counts: dict[str, int] = {}
    areas = []
    for r in reporting:
        if not r.schemes:
            continue
        listed_here = []
        for scheme_id, top in r.schemes:
            word = statuses.WORDS[top.status] if top else "No figures to compare"
            counts[word] = counts.get(word, 0) + 1
            listed_here.append(
                {
                    "href": ctx.page_href(here, "scheme", scheme_id),
                    "name": ctx.data.schemes[scheme_id].name,
                    "word": wording.inside_brackets(word.lower() + _later_figure(ctx, top)),
                    "when": wording.inside_brackets(wording.period(top.period)) if top else "",
                }
            )
        areas.append({"href": ctx.page_href(here, "area", r.area_id), "name": r.name, "schemes": listed_here})
    if not areas:
        return Markup("")
    total = sum(counts.values())
    summary = ", ".join(f"{n:,} {word.lower()}" for word, n in sorted(counts.items(), key=lambda kv: -kv[1]))
    return render(
        "schemes_reporting.html",
        total=wording.plural(total, "scheme"),
        verb="reports" if total == 1 else "report",
        areas=wording.plural(len(areas), "area"),
        summary=summary,
        by_area=areas if listed else [],
    )


INDEXES = {
    "area": ("Areas", "Each area is a council or a partnership of councils and NHS bodies."),
    "scheme": ("Schemes", "Each scheme is a piece of work paid for to join up care, listed by area."),
    "measure": ("Measures", "Each measure is something counted to see whether care is getting better."),
}
PLURALS = {"area": "area", "scheme": "area", "measure": "measure"}  # what the entries of each index are


def index_pages(ctx: Context, kind: str) -> dict[str, str]:
    """The index of areas, schemes or measures (address: markdown). With more than `names_per_index_page`
    schemes, the schemes index lists the areas, each with how many schemes it has, linked to the schemes on
    its page; with more names than that, the index page links to parts of the list, each a page."""
    data = ctx.data
    uri = ctx.src_uri(kind)
    here = ctx.url(uri)
    title, intro = INDEXES[kind]
    per_page = ctx.settings.names_per_index_page
    by_area = kind == "scheme" and len(data.schemes) > per_page

    def entries(at: str, items: list) -> list[dict]:
        if kind == "area":
            return [{"name": a.name, "href": ctx.page_href(at, "area", a.id), "summary": a.summary} for a in items]
        if kind == "measure":
            return [{"name": m.name, "href": ctx.page_href(at, "measure", m.id), "summary": m.meaning} for m in items]
        if by_area:
            counts = {a.id: len(data.schemes_by_area.get(a.id, [])) for a in items}
            return [
                {"name": f"{a.name} ({wording.plural(counts[a.id], 'scheme')})", "href": ctx.page_href(at, "area", a.id) + "#schemes", "summary": ""}
                for a in items
            ]
        return [{"name": f"{s.name} ({data.areas[s.area_id].name})", "href": ctx.page_href(at, "scheme", s.id), "summary": s.summary} for s in items]

    # In order of name as a reader looks one up: "st. albury" among the s's.
    if kind == "measure":
        items: list = sorted(data.measures.values(), key=lambda m: (m.name.casefold(), m.id))
        name = lambda m: m.name
    elif kind == "area" or by_area:
        items = sorted((a for a in data.areas.values() if kind == "area" or data.schemes_by_area.get(a.id)), key=lambda a: (a.name.casefold(), a.id))
        name = lambda a: a.name
    else:
        items = sorted(data.schemes.values(), key=lambda s: (data.areas[s.area_id].name.casefold(), s.area_id, s.name.casefold()))
        name = lambda s: data.areas[s.area_id].name
    if by_area:
        intro = (
            f"Each scheme is a piece of work paid for to join up care. There are {len(data.schemes):,}, "
            f"in {wording.plural(len(items), 'area')}. Each area's page lists its schemes, with how each is going."
        )
    parts = paging.parts_of(ctx, kind, "index", items, per_page, name)
    # The areas index finds an area by name, place or postcode, with the A to Z list for readers without JavaScript.
    find = {"finder": finder_form(ctx, here), "a_to_z": a_to_z(ctx, here)} if kind == "area" else {"finder": "", "a_to_z": ""}
    if len(parts) == 1:
        page = render(
            "index_page.md",
            title=title,
            description=intro,
            age=site_age(ctx),
            items=entries(here, items),
            parts=[],
            abbreviations=ctx.abbreviations,
            **find,
        )
        return {uri: str(page)}
    what = PLURALS[kind]
    links = [{"href": ctx.href(here, ctx.url(p.uri)), "name": p.name, "count": wording.plural(len(p.items), what)} for p in parts]
    pages = {
        uri: str(
            render("index_page.md", title=title, description=intro, age=site_age(ctx), items=[], parts=links, abbreviations=ctx.abbreviations, **find)
        )
    }
    for p in parts:
        at = ctx.url(p.uri)
        pages[p.uri] = str(
            render(
                "index_part.md",
                title=f"{title}: {p.name}",
                description=intro,
                part=p,
                index_href=ctx.href(at, here),
                index_title=title,
                age=site_age(ctx),
                items=entries(at, p.items),
                abbreviations=ctx.abbreviations,
            )
        )
    return pages
