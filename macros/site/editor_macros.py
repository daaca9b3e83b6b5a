"""The macros themselves. Each takes ids from the data files; see docs/editors.md for examples."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup, escape

from .. import macro
from ..analysis.status import ALL, BETTER, NO_PLAN, WORSE
from ..data.errors import PageProblem
from ..data.loader import tabular
from ..data.nearest import did_you_mean, nearest
from ..data.vocab import FigureKind, PrintedIn
from ..presentation import statuses, wording
from . import comparing, maps, pages, sections, updates
from .downloads import FOLDER, chart_data_address, measure_data_address
from .finder import finder_form
from .macro_errors import short
from .placed import Element, Part, Placed
from .render import is_word, link, status_badge
from .templating import macro as template_macro
from .templating import render


def current(env):
    """The build under way: the `care` plugin's state (see macros/plugin.py)."""
    return env.conf.plugins["care"].context()


def macros() -> dict:
    """Every macro in this module, by name."""
    return {name: fn for name, fn in globals().items() if getattr(fn, "is_macro", False)}


# Looking things up, with errors that name the nearest valid choice -----------------------------


def _page(env) -> str:
    return f"docs/{env.page.file.src_uri}"


def _placed(env) -> Placed:
    """What the macros placed on this page, so the generated parts leave it out (site/placed.py)."""
    return current(env).placed_on(env.page.file.src_uri)


def _pick(env, table: dict, ident, what: str, file: str):
    if ident in table:
        return table[ident]
    hint = did_you_mean(ident, table, n=3, cutoff=0.4)
    raise PageProblem(_page(env), None, f"there is no {what} '{short(ident)}'. {hint}The ids are in the first column of data/{file}.")


def _whole(env, part: Part, area, scheme):
    """The build, once the area (and the scheme, which must be the area's) are checked; the part is recorded
    as placed on the page, with (for an area's sources and problems) its schemes' too, which it lists."""
    ctx = current(env)
    _pick(env, ctx.data.areas, area, "area", "areas.csv")
    if scheme is not None:
        _scheme_of(env, ctx, area, scheme, f'{part.value}("{{area}}", scheme="{scheme}")')
    placed = _placed(env)
    placed.add_part(part, area, scheme)
    if scheme is None and part in (Part.SOURCES, Part.PROBLEMS):
        for s in ctx.data.schemes_by_area.get(area, []):
            placed.add_part(part, area, s.id)
    return ctx


def _scheme_of(env, ctx, area: str, scheme: str, example: str):
    """The scheme, which must be one of the area's; `example` is the macro as written with "{area}" in it."""
    found = _pick(env, ctx.data.schemes, scheme, "scheme", "schemes.csv")
    if found.area_id != area:
        raise PageProblem(
            _page(env),
            None,
            f"the scheme '{scheme}' is in the area '{found.area_id}', not '{area}'. Give the scheme's own area, "
            f"as in {{{{ {example.format(area=found.area_id)} }}}}.",
        )
    return found


def _listed(ids: list[str], most: int = 3) -> str:
    """'"a", "b" and "c"', and how many more, for a message."""
    shown = [f'"{i}"' for i in ids[:most]]
    more = len(ids) - len(shown)
    if more:
        return ", ".join(shown) + f" and {more} more"
    return shown[0] if len(shown) == 1 else ", ".join(shown[:-1]) + " and " + shown[-1]


def _nearest_schemes(env, schemes: list[str]) -> list[str]:
    """The schemes a macro most likely means, first: the page's own (docs/schemes/<id>.md), then those whose
    ids look most like the page's name, then the rest in order."""
    name = env.page.file.src_uri.rsplit("/", 1)[-1].removesuffix(".md")
    return nearest(name, sorted(schemes), n=len(schemes), cutoff=0) if schemes else []


def _series(env, area, measure, scheme=None, macro_name="figure"):
    ctx = current(env)
    _pick(env, ctx.data.areas, area, "area", "areas.csv")
    m = _pick(env, ctx.data.measures, measure, "measure", "measures.csv")
    if scheme is not None:
        _scheme_of(env, ctx, area, scheme, f'{macro_name}("{{area}}", "{measure}", scheme="{scheme}")')
    series = ctx.data.series.get((area, scheme, measure))
    if series:
        return ctx, series, m
    # The measure may be one of a scheme's (or of the whole area's): say how to ask for it there.
    reporting = [s for s, mid in ctx.data.series_by_area.get(area, []) if mid == measure]
    schemes = _nearest_schemes(env, [s for s in reporting if s is not None and s != scheme])
    if schemes and scheme is None:
        example = f'{{{{ {macro_name}("{area}", "{measure}", scheme="{schemes[0]}") }}}}'
        raise PageProblem(
            _page(env),
            None,
            'this measure belongs to a scheme: add scheme="<id>". '
            + (
                f'The scheme in {area} that reports it is "{schemes[0]}", so write {example}.'
                if len(schemes) == 1
                else f"Schemes in {area} that report it: {_listed(schemes)}. For example {example}."
            ),
        )
    if None in reporting:
        raise PageProblem(
            _page(env),
            None,
            f"the figures for '{measure}' in {area} are for the whole area, not for a scheme: leave out scheme=\"{scheme}\", "
            f'as in {{{{ {macro_name}("{area}", "{measure}") }}}}.',
        )
    if schemes:
        raise PageProblem(
            _page(env),
            None,
            f"the scheme '{scheme}' has no figures for '{measure}'. Schemes in {area} that report it: {_listed(schemes)}.",
        )
    where = f"{area}" + (f", scheme {scheme}" if scheme else "")
    have = sorted({mid for s, mid in ctx.data.series_by_area.get(area, []) if s == scheme})
    near = nearest(measure, have, n=len(have), cutoff=0) if have else []
    raise PageProblem(
        _page(env),
        None,
        f"the data has no figures for measure '{measure}' in {where}. "
        + (f"Measures with figures there: {_listed(near)}." if have else "It has no figures there at all."),
    )


# Figures ---------------------------------------------------------------------------------------


@macro
def figure(env, area, measure, period=None, kind="actual", scheme=None):
    """One figure, as the site writes it.

    Example: {{ figure("southampton", "delayed-transfers-days", "April to September 2016") }} → 8,407
    `period` is written as the site writes it, or as YYYY-MM for a month; leave it out for the latest.
    `kind` is actual (the default), plan or last_year.
    """
    ctx, series, m = _series(env, area, measure, scheme, "figure")
    if kind not in wording.KIND_NAMES:
        raise PageProblem(_page(env), None, f"kind '{short(kind)}' is not known. Use one of: {', '.join(wording.KIND_NAMES)}.")
    if period is None:
        top = ctx.headline(series, m)
        obs = {FigureKind.ACTUAL: top.actual, FigureKind.PLAN: top.plan, FigureKind.LAST_YEAR: top.last_year}.get(kind) if top else None
        if obs is None:
            raise PageProblem(_page(env), None, f"there is no latest {kind} figure for '{measure}' in '{area}'. Give a period.")
    else:
        wanted = str(period).strip().lower()
        matches = [o for o in series if o.kind == kind and wanted in _names(o.period)]
        if not matches:
            have = sorted({wording.period(o.period) for o in series if o.kind == kind}, key=str)
            hint = did_you_mean(period, have, n=2, cutoff=0.4)
            raise PageProblem(
                _page(env),
                None,
                f"there is no {kind} figure for '{measure}' in '{area}' for the period '{short(period)}'. "
                f"{hint}Periods with {'an' if kind[:1] in 'aeiou' else 'a'} {kind} figure: {'; '.join(have) or 'none'}.",
            )
        obs = sorted(matches, key=lambda o: o.printed_in != PrintedIn.TABLE)[0]
    ctx.mark("observations", [obs])
    return str(escape(wording.figure_text(obs, m, ctx.settings.small_number_threshold, exact=False, with_unit=True)))


def _names(period) -> set[str]:
    names = {
        wording.period(period).lower(),
        f"{period.start:%Y-%m}/{period.end:%Y-%m}",
        f"{period.start.isoformat()}/{period.end.isoformat()}",
        period.label.lower(),
    }
    if (period.start.year, period.start.month) == (period.end.year, period.end.month):
        names.add(f"{period.start:%Y-%m}")
    return names


@macro
def sentence(env, area, measure, scheme=None):
    """The plain-English sentence for a measure. Example: {{ sentence("southampton", "care-home-admissions-65") }}"""
    ctx, series, m = _series(env, area, measure, scheme, "sentence")
    ctx.mark("observations", series)
    # What the reports say about the figures goes with the sentence wherever it is shown: then both are a block.
    caveats = sections.said_beside(ctx, series, m)
    _placed(env).add_elements((area, scheme, measure), Element.SENTENCE, *([Element.CAVEATS] if caveats else []))
    if not caveats:
        return str(sections.sentence(ctx, series, m))
    return str(render("sentence_with_caveats.html", sentence=sections.sentence(ctx, series, m), caveats=caveats))


@macro
def status(env, area, measure, scheme=None):
    """The status in words with its icon. Example: {{ status("southampton", "care-home-admissions-65") }}"""
    ctx, series, m = _series(env, area, measure, scheme, "status")
    _placed(env).add_elements((area, scheme, measure), Element.STATUS)
    return str(sections.measure_status(ctx, series, m))


@macro
def table(env, area, measure, scheme=None):
    """The table of every figure for a measure. Example: {{ table("southampton", "falls-injuries-65") }}"""
    ctx, series, m = _series(env, area, measure, scheme, "table")
    _placed(env).add_elements((area, scheme, measure), Element.TABLE)
    # Named as the generated section names it: a scheme's table says which scheme.
    caption = f"{m.name}: {ctx.data.areas[area].name}" + (f", {ctx.data.schemes[scheme].name}" if scheme else "")
    return str(render("figures_macro.html", figures=sections.figures_table(ctx, series, m, caption), sources=sections.sources_line(ctx, series)))


@macro
def chart(env, area, measure, scheme=None):
    """The chart of plan against actual, with its description. Example: {{ chart("southampton", "falls-injuries-65") }}
    With fewer than two figures there is nothing to compare: a short sentence says so instead."""
    ctx, series, m = _series(env, area, measure, scheme, "chart")
    _placed(env).add_elements((area, scheme, measure), Element.CHART)
    drawn = sections.chart_html(ctx, env.page.url, series, m)
    if not drawn:
        return str(render("empty.html", words=sections.no_chart_words(series)))
    return str(render("empty_or_block.html", part=drawn))


@macro
def measures(env, area, scheme=None):
    """Every area-wide measure of an area (or every measure of one scheme), each with sentence, status,
    chart and table. A scheme's measures are summed up by `schemes` and shown in full on its page.
    What other macros on the page show (a chart, a table, a sentence, a status) is left out here.

    Example: {{ measures("southampton") }}
    """
    ctx = _whole(env, Part.MEASURES, area, scheme)
    placed, here = _placed(env), env.page.url
    # Made once every macro on the page has run, so that it leaves out what the macros below it show too.
    return placed.later(lambda: str(sections.measure_sections(ctx, here, area, scheme, placed=placed)))


@macro
def what_reports_say(env, area, scheme=None):
    """What the reports say in words about the whole area (or one scheme): their own judgements, and their
    warnings, risks and good news, each quoted with where it is. Example: {{ what_reports_say("southampton") }}"""
    ctx = _whole(env, Part.SAID, area, scheme)
    said = sections.place_said(ctx, area, scheme)
    return str(said or render("empty.html", words="The reports say nothing in words about this as a whole."))


@macro
def partners(env, area):
    """The bodies that run the partnership in the area. Example: {{ partners("southampton") }}"""
    ctx = _whole(env, Part.PARTNERS, area, None)
    return str(pages.partners_list(ctx, area) or render("empty.html", words="The reports name no partners."))


@macro
def decisions(env, area):
    """What each report asked its committee to decide, with the report's own words.

    Example: {{ decisions("southampton") }}"""
    ctx = _whole(env, Part.DECISIONS, area, None)
    return str(sections.decisions_list(ctx, area) or render("empty.html", words="The reports record no decisions asked of a committee."))


@macro
def about_scheme(env, area, scheme):
    """Who a scheme is for, its area and its stage. Example: {{ about_scheme("southampton", "southampton-supporting-carers") }}"""
    ctx = _whole(env, Part.SCHEME_FACTS, area, scheme)
    return str(pages.scheme_facts(ctx, env.page.url, scheme))


@macro
def where_it_is(env, area):
    """Where the area is: the places its reports name, its ONS code (or why it has none) and the areas it is
    compared with. Example: {{ where_it_is("southampton") }}"""
    ctx = _whole(env, Part.WHERE, area, None)
    return str(pages.area_where(ctx, area))


@macro
def how_it_compares(env, area):
    """How the area's latest figures compare with the other areas that report the same measures, or why they are
    not compared. Example: {{ how_it_compares("southampton") }}"""
    ctx = _whole(env, Part.COMPARES, area, None)
    return str(comparing.area_comparisons(ctx, area))


@macro
def schemes(env, area):
    """The area's schemes, each linked to its page, with a sentence and a status for each of its measures.

    Example: {{ schemes("southampton") }}
    """
    ctx = _whole(env, Part.SCHEMES, area, None)
    return str(sections.schemes_list(ctx, env.page.url, area))


@macro
def at_a_glance(env, area):
    """How many of the area's measures are better or worse than plan, and so on, each with its status.

    Example: {{ at_a_glance("southampton") }}
    """
    ctx = _whole(env, Part.AT_A_GLANCE, area, None)
    return str(pages.status_counts(ctx, area))


def _none_here(ctx, grouped: dict, area: str, scheme, nothing: str) -> str:
    """What money(), milestones() and risks() say when there is nothing to show for the whole area, or
    for the scheme: for an area, each scheme's are summed up by schemes() and shown on its page."""
    return render("none_here.html", nothing=nothing, only_schemes=scheme is None and bool(grouped.get((area, None))))


@macro
def money(env, area, scheme=None):
    """Budgets and who pays what share, for the whole area or for one scheme.

    Example: {{ money("southampton", "southampton-supporting-carers") }}
    """
    ctx = _whole(env, Part.MONEY, area, scheme)
    return str(sections.money_table(ctx, area, scheme) or _none_here(ctx, ctx.data.money_by, area, scheme, "no budget"))


@macro
def milestones(env, area, scheme=None):
    """Milestones with done, due or late. Example: {{ milestones("east-sussex") }}"""
    ctx = _whole(env, Part.MILESTONES, area, scheme)
    return str(sections.milestones_table(ctx, area, scheme) or _none_here(ctx, ctx.data.milestones_by, area, scheme, "no milestones"))


@macro
def risks(env, area, scheme=None):
    """The published risk log. Example: {{ risks("east-sussex") }}"""
    ctx = _whole(env, Part.RISKS, area, scheme)
    return str(sections.risks_table(ctx, area, scheme) or _none_here(ctx, ctx.data.risks_by, area, scheme, "no risks"))


# Whole-site parts --------------------------------------------------------------------------------


@macro
def areas_at_a_glance(env):
    """Every area with how many measures are better or worse than plan. Example: {{ areas_at_a_glance() }}"""
    ctx = current(env)
    here = env.page.url
    counts = {area.id: pages.counts_for(ctx, area.id) for area in ctx.data.areas.values()}
    # The three a resident asks about always show; the rarer ones, and the reports' own judgements in words
    # (each its own column, never added to one worked out from figures), only when some area has them.
    shown = [s for s in ALL if s in (BETTER, WORSE, NO_PLAN) or any(c[s.key] for c in counts.values())]
    rows = []
    for area in sorted(ctx.data.areas.values(), key=lambda a: a.name):
        rows.append([link(ctx.page_href(here, "area", area.id), area.name)] + [str(counts[area.id][s.key]) for s in shown])
    headers = ["Area"] + [status_badge(s) for s in shown]
    return str(render("areas_at_a_glance.html", headers=headers, rows=rows))


@macro
def areas_map(env):
    """Every area on the hex map of England's councils, coloured by how its measures compare with plan. Example: {{ areas_map() }}"""
    ctx = current(env)
    counts = {area.id: pages.counts_for(ctx, area.id) for area in ctx.data.areas.values()}
    return str(maps.home_map(ctx, env.page.url, counts))


@macro
def find_your_area(env):
    """A box that finds an area by its name, a town or place in it, or a postcode. Example: {{ find_your_area() }}"""
    return str(finder_form(current(env), env.page.url))


@macro
def areas_in_words(env):
    """For each area, what is going well and what is going badly, naming each measure and its period.

    Example: {{ areas_in_words() }} → Going well: Delayed days: lower than planned (April to September 2016).
    """
    return str(pages.areas_in_words(current(env), env.page.url))


@macro
def last_updated(env):
    """How old the figures are: the newest dated result, the newest report, and whether reports say when the next
    is due. Put it in the page's first paragraph. Example: {{ last_updated() }}"""
    ctx = current(env)
    data, today = ctx.data, ctx.settings.today
    report = data.newest_report()
    if report is None:
        return "There are no figures yet."
    # The end of the newest period a dated result covers (Dataset.newest_date), said as a period, not as a report's date.
    period = sections.newest_result(ctx)
    return str(
        render(
            "last_updated.html",
            newest=wording.newest_and_age(period, today) if period else "",
            today=wording.day(today),
            report=report,
            report_date=wording.report_date(report),
            report_ago=wording.ago(report.date, today),
            next=sections.next_reports_words(ctx),
        )
    )


@macro
def glossary(env):
    """Every abbreviation and what it means. Example: {{ glossary() }}"""
    ctx = current(env)
    terms = sorted(ctx.data.glossary.values(), key=lambda t: t.term.lower())
    ctx.mark("glossary", terms, "term")
    rows = [[template_macro("abbr")(t.term, t.meaning), t.meaning, t.explanation] for t in terms if not is_word(t.term)]
    # Ordinary words the site uses in its own way ("plan", "target"), in a table of their own.
    words = [[t.term, t.meaning, t.explanation] for t in terms if is_word(t.term)]
    return str(render("glossary.html", rows=rows, words=words))


@macro
def problems(env):
    """Every disagreement found in the source reports. Example: {{ problems() }}"""
    return str(sections.disagreements_list(current(env), env.page.url))


@macro
def downloads(env):
    """Links to download every data file, the data package and a zip, and each measure's figures as CSV and JSON.
    Example: {{ downloads() }}"""
    ctx = current(env)
    here = env.page.url
    files = [
        {
            "href": ctx.href(here, f"{FOLDER}/{r['name']}.csv"),
            "name": r["name"],
            "description": r.get("description", ""),
            "rows": wording.plural(ctx.data.rows_read[r["name"]], "row"),
            "file": "",
        }
        for r in tabular(ctx.data.package)
    ]
    files += [
        {"href": ctx.href(here, f"{FOLDER}/{Path(r['path']).name}"), "file": Path(r["path"]).name, "description": r.get("description", "")}
        for r in ctx.data.package["resources"]
        if r not in tabular(ctx.data.package)
    ]
    # Each measure's figures for every area, as CSV and JSON, at addresses that stay the same between builds.
    measures = [
        [
            m.name,
            link(ctx.href(here, measure_data_address(m.id, "csv")), f"{m.id}.csv"),
            link(ctx.href(here, measure_data_address(m.id, "json")), f"{m.id}.json"),
        ]
        for m in sorted(ctx.data.measures.values(), key=lambda m: (m.name.casefold(), m.id))
    ]
    return str(
        render(
            "downloads.html",
            zip_href=ctx.href(here, f"{FOLDER}/care-integration-data.zip"),
            package_href=ctx.href(here, f"{FOLDER}/datapackage.json"),
            files=files,
            measures=measures,
            chart_example=chart_data_address("AREA", None, "MEASURE"),
            scheme_example=chart_data_address("AREA", "SCHEME", "MEASURE"),
        )
    )


@macro
def small_number_rule(env):
    """The small-number rule in words, with the threshold set in mkdocs.yml. Example: {{ small_number_rule() }}"""
    t = current(env).settings.small_number_threshold
    return (
        f'When a count of people who use services is between 1 and {t - 1}, we write "fewer than {t}" instead of the number. '
        f"This is so that nobody can be identified. We do this in sentences, tables, charts and downloads. Zero is shown as zero. "
        f"Counts of staff or posts are shown as the reports print them: they are not about people who use services."
    )


@macro
def status_words(env):
    """The list of status words with their icons and what each means. Example: {{ status_words() }}"""
    return str(render("status_words.html", statuses=ALL, meaning=statuses.MEANINGS))


@macro
def sources(env, area, scheme=None):
    """The reports every figure of an area (or scheme) comes from, with their dates. Example: {{ sources("southampton") }}"""
    ctx = _whole(env, Part.SOURCES, area, scheme)
    return str(sections.sources_list(ctx, sections.cited_rows(ctx, area, scheme)))


@macro
def changes(env, area, scheme=None):
    """The changes to an area's (or a scheme's) figures since they were first published, newest first, with the
    reason each was made. Example: {{ changes("southampton") }}"""
    ctx = _whole(env, Part.CHANGES, area, scheme)
    return str(updates.changes_section(ctx, env.page.url, sections.series_keys(ctx, area, scheme)))


@macro
def problems_in(env, area, scheme=None):
    """The disagreements found in one area's (or scheme's) source figures. Example: {{ problems_in("southampton") }}"""
    ctx = _whole(env, Part.PROBLEMS, area, scheme)
    return str(sections.disagreements_list(ctx, env.page.url, area, scheme))


@macro
def data_columns(env):
    """Every column of every CSV file in data/, with what it holds, from the descriptions in datapackage.json:
    the guide shows them with this macro, so it cannot fall behind the files. Example: {{ data_columns() }}"""
    files = []
    for resource in tabular(current(env).data.package):
        rows = []
        for spec in resource["schema"]["fields"]:
            constraints = spec.get("constraints", {})
            words = spec.get("description", "").strip()
            allowed = [str(v) for v in constraints.get("enum", []) if v != ""]
            if allowed and not all(v in words for v in allowed):
                words += f" Write one of: {', '.join(allowed)}."
            rows.append([Markup("<code>{}</code>").format(spec["name"]), words, "Always" if constraints.get("required") else "When it applies"])
        files.append({"name": f"data/{resource['path'].rsplit('/', 1)[-1]}", "description": resource.get("description", ""), "rows": rows})
    return str(render("data_columns.html", files=files))


# How the guide names each unit, in the order it shows them.
_UNIT_NAMES = {"days": "days", "count": "a count", "gbp": "pounds", "percent": "a percentage", "rate_per_100k": "a rate per 100,000"}


@macro
def figure_examples(env):
    """What figure() prints for a measure in each unit the data has: the macro written out, and what it prints,
    made from the data at each build so the guide cannot say otherwise. Example: {{ figure_examples() }}"""
    ctx = current(env)
    rows = []
    for unit, name in _UNIT_NAMES.items():
        # The first area-wide series in this unit (in id order) with a latest actual figure: it is asked for
        # with no period, as editors most often do.
        for (area, scheme, measure_id), series in sorted(ctx.data.series.items(), key=lambda item: (item[0][0], item[0][2])):
            measure = ctx.data.measures[measure_id]
            top = ctx.headline(series, measure) if scheme is None and measure.unit == unit else None
            if top is None or top.actual is None or top.actual.value is None or top.actual.suppressed:
                continue
            written = f'{{{{ figure("{area}", "{measure_id}") }}}}'
            printed = wording.figure_text(top.actual, measure, ctx.settings.small_number_threshold, exact=False, with_unit=True)
            rows.append([name, Markup("<code>{}</code>").format(written), printed])
            break
    return str(render("figure_examples.html", rows=rows))
