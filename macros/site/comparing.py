"""How an area compares with the others that report a measure (analysis/compare.py), in words, for area pages
and measure pages: against every area reporting it and, where comparison_groups.csv lists them, against its
similar areas. "Not compared", with the reason, when it would not be fair."""

from __future__ import annotations

from markupsafe import Markup

from ..analysis.compare import Figure, Standing, Tested, months_words, standing, tested
from ..data.model import Measure
from ..presentation import wording
from .context import Context
from .templating import render


def latest_figures(ctx: Context, measure_id: str) -> list[Figure]:
    """Each area's latest actual figure for the whole area (not a hidden small number), as its headline gives it."""
    return ctx.worked_out(("latest figures", measure_id), lambda: _latest_figures(ctx, measure_id))


def _latest_figures(ctx: Context, measure_id: str) -> list[Figure]:
    data, m = ctx.data, ctx.data.measures[measure_id]
    found = []
    for area_id, scheme_id in data.series_by_measure.get(measure_id, []):
        if scheme_id is not None:
            continue
        top = ctx.headline(data.series[(area_id, None, measure_id)], m)
        a = None if top is None else top.actual
        if a is None or a.value is None or a.suppressed:
            continue
        found.append(Figure(area_id, a.value, a.period.start, a.period.end, a.count, a.population))
    return found


def said(found: Standing, against: str) -> str:
    """One standing in words: "Against all areas that report it: lower than 110 of the 150 other areas and higher
    than 39; among the lowest fifth.", or "...: not compared, because ..."."""
    if not found.compared:
        return f"Against {against}: not compared, because {found.reason}."
    words = f"Against {against}: {place_words(found)}."
    if found.left_out:
        words += (
            f" {wording.plural(found.left_out, 'area')} with figures for other lengths of time {'is' if found.left_out == 1 else 'are'} left out."
        )
    if found.better_side:
        words += f" {found.better_side.capitalize()} is better here."
    return words


def place_words(found: Standing) -> str:
    """Where an area stands, in words: "lower than 110 of the 150 other areas and higher than 39; among the lowest fifth"."""
    others = found.of - 1
    return f"lower than {found.higher} of the {wording.plural(others, 'other area')} and higher than {found.lower}; among the {found.fifth} fifth"


def compared(ctx: Context, area_id: str, measure_id: str, figures: list[Figure] | None = None) -> list[str]:
    """The area's standing for a measure, in words: against all areas, then against each group of similar areas."""
    m = ctx.data.measures[measure_id]
    figures = latest_figures(ctx, measure_id) if figures is None else figures
    lines = [said(standing(area_id, figures, m.better), "all areas that report it")]
    lines += tested_lines(area_id, figures, m)
    groups = ctx.data.comparison_groups(area_id)
    for group, similar in sorted(groups.items()):
        members = set(similar) | {area_id}
        # One group is named once, under "Where it is" with its areas; two or more are named on each line.
        against = "its similar areas" if len(groups) == 1 else f"its similar areas ({group})"
        in_group = [f for f in figures if f.area_id in members]
        lines.append(said(standing(area_id, in_group, m.better), against))
        lines += tested_lines(area_id, in_group, m)
    return lines


def tested_lines(area_id: str, figures: list[Figure], m: Measure) -> list[str]:
    """The line below a standing, where every compared area's figure comes with its count and population: the area
    against all of them together, by Fingertips' rule. None where it cannot be tested: the place in the order stands alone."""
    found = tested(area_id, figures, m.better, m.unit)
    return [] if found is None else [tested_words(found, m)]


TOGETHER = "Against all these areas together"
# Why a verdict is what it is, in words a resident understands.
BECAUSE = {
    "similar": "the difference could be chance",
    "better": "the difference is more than chance would explain",
    "worse": "the difference is more than chance would explain",
    "higher": "the difference is more than chance would explain",
    "lower": "the difference is more than chance would explain",
}


def tested_words(found: Tested, m: Measure) -> str:
    """ "Against all these areas together (12.3 per 100,000 population): similar — the difference could be chance
    (95% confidence interval 10.1 to 14.8)."; a better or worse area says which side it is on ("lower")."""
    return (
        f"{TOGETHER} ({benchmark_words(found, m)}): {verdict_words(found, m)} — {BECAUSE[found.verdict]} "
        f"(95% confidence interval {interval_words(found, m)})."
    )


def benchmark_words(found: Tested, m: Measure) -> str:
    """The figure for all the compared areas together, in its unit: "2,000 per 100,000 population", "70%"."""
    return wording.figure(round(found.benchmark, 1), m.unit, rate_of=m.rate_of)


def verdict_words(found: Tested, m: Measure) -> str:
    """ "similar"; "better (lower)", "worse (higher)": a better or worse area says which side it is on; "higher" or
    "lower" alone where neither side is better."""
    if found.verdict in ("better", "worse"):
        side = "lower" if (found.verdict == "better") == (m.better == "lower") else "higher"
        return f"{found.verdict} ({side})"
    return found.verdict


def interval_words(found: Tested, m: Measure) -> str:
    """The area's 95% confidence interval: "2,683 to 3,356", "86.9% to 92.6%"."""
    low, high = (wording.figure(round(b, 1), m.unit, with_unit=False) for b in (found.low, found.high))
    return f"{low} to {high}"


def measure_tested(ctx: Context, measure_id: str, standings: dict[str, Standing]) -> dict[str, Tested]:
    """Each area tested against all the areas it is compared with together, as on its own page (`tested`), for a
    measure page's table: only the areas that can be (`standings`: each area's, from the same figures)."""
    m = ctx.data.measures[measure_id]
    figures = latest_figures(ctx, measure_id)
    found = {a: tested(a, figures, m.better, m.unit) for a, s in standings.items() if s.compared}
    return {a: t for a, t in found.items() if t is not None}


# How a measure page's table names all the compared areas together, after an area's place (tested_cell).
ALL_TOGETHER = "all together"


def tested_cell(found: Tested, m: Measure) -> str:
    """A measure page's words for one area's test, after its place: "Worse (higher) than all together (2,670.1 to
    3,359.4)", "Similar to all together (...)": short, as the table has a row for each area; tested_note says
    once what "all together" is and what the brackets hold."""
    verdict = verdict_words(found, m)
    joined = "to" if found.verdict == "similar" else "than"
    return f"{verdict[0].upper()}{verdict[1:]} {joined} {ALL_TOGETHER} ({interval_words(found, m)})"


def tested_note(found: dict[str, Tested], standings: dict[str, Standing], m: Measure) -> str:
    """What a measure page says once about the tests in its table: the note the area pages give, and what the
    table's words mean, with the figure for all the areas together (one for each length of period the tested
    areas' figures are for: each length is compared apart). "" when no area is tested."""
    if not found:
        return ""
    together: dict[int, str] = {}
    for area_id, t in sorted(found.items(), key=lambda kv: standings[kv[0]].months):
        together.setdefault(standings[area_id].months, benchmark_words(t, m))
    benchmark = (
        "; ".join(f"{b} for figures for {months_words(n)}" for n, b in together.items()) if len(together) > 1 else next(iter(together.values()))
    )
    return (
        f"{NOTE_TESTED.strip()} In the last column, after its place, each area is compared with all these areas "
        f'together, called "{ALL_TOGETHER}" there: {benchmark}. The figures in brackets are its 95% confidence interval.'
    )


def area_comparisons(ctx: Context, area_id: str) -> Markup:
    """For each of the area's own measures: how it compares, in words. Worked out from every area's figures, and
    read by the page as one value (Context.derived): an edit to another area's figure makes this page again only
    when it changes these words."""
    return ctx.derived("area comparisons", area_id, lambda c: _area_comparisons(c, area_id))


def _area_comparisons(ctx: Context, area_id: str) -> Markup:
    data = ctx.data
    rows = []
    alone = True  # every measure is this area's alone: said once, not once a measure
    for scheme_id, measure_id in data.series_by_area.get(area_id, []):
        if scheme_id is not None:
            continue
        m = data.measures[measure_id]
        figures = latest_figures(ctx, measure_id)
        alone = alone and all(f.area_id == area_id for f in figures)
        rows.append({"name": m.short_name or m.name, "lines": compared(ctx, area_id, measure_id, figures)})
    if not rows:
        return Markup("")
    if alone:
        return render("comparisons.html", rows=[], note=ALONE.format(name=data.areas[area_id].name), abbreviations=ctx.abbreviations)
    tested_any = any(line.startswith(TOGETHER) for row in rows for line in row["lines"])
    return render("comparisons.html", rows=rows, note=NOTE + (NOTE_TESTED if tested_any else ""), abbreviations=ctx.abbreviations)


NOTE = (
    "An area is compared only with areas that report the same measure, counted the same way, for periods of the same "
    "length, and only when at least 5 do. Its place in the order is not a test of whether a difference is more than chance."
)
NOTE_TESTED = (
    " Where the data gives the counts behind the figures, an area is also tested against all the areas together. "
    "A 95% confidence interval is the range its true figure is very likely in. "
    "It is better or worse only when that range leaves out the figure for all the areas together."
)
ALONE = (
    "Not compared: no other area reports any of {name}'s measures. Areas count similar things in their own ways. "
    "For example, days waiting to leave hospital may be counted as days, as days for every 100,000 adults, or as delays "
    "caused by social care. So their figures are not set side by side."
)
