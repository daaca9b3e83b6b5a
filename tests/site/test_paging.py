"""Long lists split into pages (issue 14, page weight): a measure's areas and the index lists are in parts of
at most the length set in mkdocs.yml, their page sums them up instead, and every area and scheme is in
exactly one part. Built in the process from a small synthetic set and the judged fixture; tests/test_scale.py
builds the same for real and weighs the pages."""

from __future__ import annotations

import re
import sys
from collections import Counter
from datetime import date

import pytest
from conftest import JUDGED, ROOT
from test_site import visible

from macros.analysis.status import ALL, Status
from macros.data.loader import load
from macros.data.model import Period
from macros.presentation import statuses
from macros.site import pages, paging, sections
from macros.site.context import Context
from macros.site.settings import Settings

sys.path.insert(0, str(ROOT / "benchmarks"))
import synthetic  # noqa: E402

AREAS = 8  # the smallest set the generator makes


@pytest.fixture(scope="module")
def small(tmp_path_factory):
    """8 areas, 24 schemes, a year of figures: (dataset, data folder)."""
    folder = tmp_path_factory.mktemp("paging") / "data"
    synthetic.generate(folder, areas=AREAS, schemes=24, years=1, seed=3)
    return load(folder), folder


def context(small, areas_per_page: int = 30, names_per_index_page: int = 200) -> Context:
    data, folder = small
    settings = Settings(folder, chart_cache=folder.parent / "charts", areas_per_page=areas_per_page, names_per_index_page=names_per_index_page)
    return Context(data, settings, today=date(2026, 1, 1))


@pytest.mark.parametrize(("count", "per_page", "sizes"), [(150, 30, [30] * 5), (31, 30, [16, 15]), (10, 3, [3, 3, 2, 2]), (3, 5, [3]), (0, 5, [0])])
def test_a_list_is_split_into_as_few_parts_as_will_do_of_about_equal_length(count, per_page, sizes):
    items = list(range(count))
    parts = paging.split(items, per_page)
    assert [len(p) for p in parts] == sizes
    assert [i for p in parts for i in p] == items  # in order, each once


def test_periods_are_said_with_their_lengths_when_those_differ():
    from macros.analysis.status import Headline

    month, quarter, year = (
        Period(date(2022, 3, 1), date(2022, 3, 31)),
        Period(date(2022, 1, 1), date(2022, 3, 31)),
        Period(date(2021, 4, 1), date(2022, 3, 31)),
    )
    top = lambda p: Headline(p, None, None, None, Status.NO_RESULT)
    assert paging.periods_words([top(month), top(month)]) == "Each is for March 2022."
    assert (
        paging.periods_words([top(month), top(year), top(year)])
        == "They are for periods of different lengths: 2021 to 2022 (12 months) in 2 areas and March 2022 in 1 area."
    )
    assert (
        paging.periods_words([top(month), top(Period(date(2022, 2, 1), date(2022, 2, 28)))])
        == "They are for periods: February 2022 in 1 area and March 2022 in 1 area."
    )
    many = [top(Period(date(2021, m, 1), date(2021, m, 28))) for m in range(1, 5)] + [top(quarter)]
    assert paging.periods_words(many) == "They are for 5 periods of different lengths, ending between January 2021 and March 2022."


def test_a_measure_with_more_areas_than_a_page_holds_is_summed_up_and_listed_in_parts(small):
    ctx = context(small, areas_per_page=3)
    data = ctx.data
    # The measure the most schemes report.
    measure_id = max(sorted(data.measures), key=lambda m: sum(1 for _, s in data.series_by_measure.get(m, []) if s))
    made = pages.measure_pages(ctx, measure_id)
    main_uri = f"measures/{measure_id}.md"
    assert list(made) == [main_uri] + [f"measures/{measure_id}/{n}.md" for n in (1, 2, 3)]  # 8 areas: 3, 3 and 2
    main = made[main_uri]
    # The measure's page: no table of areas and no list of schemes, but how many of each status, and links to the parts.
    assert "<tbody>" not in main and "../../schemes/" not in main
    assert [href for href in re.findall(r'<a href="([^"]+)">', main) if not href.startswith("../")] == ["1/", "2/", "3/"]  # and the updates
    tops = [ctx.headline(data.series[(a, None, measure_id)], data.measures[measure_id]) for a in data.areas if (a, None, measure_id) in data.series]
    words = visible(main)
    assert f"{len(tops)} areas give a latest figure for the whole area." in words
    for status, n in Counter(t.status for t in tops).items():
        assert f"{statuses.WORDS[status]}: {n} area{'s' if n != 1 else ''}" in words
    # Every area is in one part, in order of name; every scheme that reports the measure too.
    names = {a.name: a.id for a in data.areas.values()}
    in_tables, schemes = [], []
    for uri, markdown in list(made.items())[1:]:
        assert markdown.split("\n---\n")[0].endswith("search:\n  exclude: true")  # found through the measure's page
        rows = re.findall(r'<tr><th scope="row"><a href="../../../areas/([^/]+)/">([^<]+)</a></th>', markdown)
        assert 0 < len(rows) <= 3, uri
        in_tables += [area_id for area_id, _ in rows]
        assert re.search(rf"The latest figures for the areas from {re.escape(rows[0][1])} to {re.escape(rows[-1][1])}\.", visible(markdown)), uri
        schemes += re.findall(r'href="../../../schemes/([^/]+)/"', markdown)
    assert in_tables == [names[n] for n in sorted(names, key=str.casefold)]
    reporting = sorted(s for a, s in data.series_by_measure[measure_id] if s)
    assert sorted(schemes) == reporting
    assert f"{len(reporting)} schemes in " in words and "Each part of the list of areas names its schemes." in words


def test_a_measure_whose_areas_fit_on_its_page_has_no_parts(small):
    ctx = context(small, areas_per_page=AREAS)
    measure_id = sorted(ctx.data.measures)[0]
    made = pages.measure_pages(ctx, measure_id)
    assert list(made) == [f"measures/{measure_id}.md"]
    assert len(re.findall(r'<tr><th scope="row">', made[f"measures/{measure_id}.md"])) == AREAS
    assert "How the areas are doing" not in made[f"measures/{measure_id}.md"]  # 8 rows are taken in at a glance


def test_the_judged_measures_read_as_before_when_they_fit(tmp_path):
    """A small site's measure page is what it was: the table, the schemes, the sources; no summary."""
    ctx = Context(load(JUDGED), Settings(JUDGED, chart_cache=tmp_path / "charts"))
    words = visible(pages.measure_page(ctx, "staff"))
    assert "3 schemes in 2 areas report this measure: 2 no plan to compare, 1 better than plan." in words
    assert "Southshire: Joint teams (no plan to compare, October 2016 to February 2017)." in words
    assert "How the areas are doing" not in words and "part" not in words


def test_one_scheme_reports_a_measure_in_the_singular(tmp_path):
    ctx = Context(load(JUDGED), Settings(JUDGED, chart_cache=tmp_path / "charts", areas_per_page=1))
    part = visible(pages.measure_pages(ctx, "staff")["measures/staff/2.md"])
    assert "1 scheme in 1 area reports this measure: 1 no plan to compare." in part


def test_the_schemes_index_lists_areas_when_the_schemes_are_too_many(small):
    data = small[0]
    listed = pages.index_pages(context(small, names_per_index_page=len(data.schemes)), "scheme")
    assert len(listed) == 1 and len(re.findall(r"<li>", listed["schemes/index.md"])) == len(data.schemes)
    grouped = pages.index_pages(context(small, names_per_index_page=len(data.schemes) - 1), "scheme")
    words = visible(grouped["schemes/index.md"])
    assert f"There are {len(data.schemes)}, in {AREAS} areas. Each area's page lists its schemes" in words
    counts = {m[1]: int(m[2]) for m in re.finditer(r'<a href="../areas/([^/]+)/#schemes">[^<]+ \((\d+) schemes?\)</a>', grouped["schemes/index.md"])}
    assert counts == {a: len(s) for a, s in data.schemes_by_area.items() if s}


def test_index_pages_are_in_parts_of_at_most_the_set_length(small):
    data = small[0]
    ctx = context(small, names_per_index_page=3)
    made = pages.index_pages(ctx, "area")
    assert list(made) == ["areas/index.md", "areas/index/1.md", "areas/index/2.md", "areas/index/3.md"]
    # Besides the A to Z list of areas and places (site/finder.py), which names every area on the index itself.
    assert re.findall(r'<a href="(index/[^"]+)">', made["areas/index.md"]) == ["index/1/", "index/2/", "index/3/"]
    found = []
    for uri in list(made)[1:]:
        links = re.findall(r'<a href="../../([^/]+)/">', made[uri])
        assert 0 < len(links) <= 3, uri
        found += links
    assert found == [a.id for a in sorted(data.areas.values(), key=lambda a: a.name)]
    measures = pages.index_pages(ctx, "measure")
    assert len(measures) == 1 + 4  # 12 measures in 4 parts of 3


def test_the_home_page_counts_every_area_s_measures_when_they_are_too_many_to_name(small):
    ctx = context(small, areas_per_page=AREAS - 1)
    markup = str(pages.areas_in_words(ctx, ""))
    assert f"There are {AREAS} areas: too many to say here what is going well and badly in each." in visible(markup)
    totals = Counter()
    for area_id in ctx.data.areas:
        totals.update(pages.counts_for(ctx, area_id))
    listed = dict(visible(item).strip().rsplit(": ", 1) for item in re.findall(r"<li>(.*?)</li>", markup))
    listed = {status: n.removesuffix(" measures").removesuffix(" measure") for status, n in listed.items()}
    assert listed == {statuses.WORDS[s]: f"{totals[s.key]:,}" for s in ALL if totals[s.key]}
    # With no more areas than a page holds, each area is named with what is going well and badly.
    assert "too many" not in visible(str(pages.areas_in_words(context(small, areas_per_page=AREAS), "")))


def test_a_table_of_more_figures_than_a_year_of_months_is_folded_under_its_chart(tmp_path):
    """Two years of monthly figures (24 rows) are folded into a <details> a click away, with how many rows it
    holds; a scheme's quarters (8 rows) are shown as they are. Folded or not, it is the same table."""
    folder = tmp_path / "data"
    synthetic.generate(folder, areas=AREAS, schemes=8, years=2, seed=3)
    ctx = context((load(folder), folder))
    folded = shown = 0
    for (_, _, measure_id), series in ctx.data.series.items():
        markup = str(sections.figures_table(ctx, series, ctx.data.measures[measure_id], "Figures"))
        table = re.search(r'<div class="care-table".*?</table></div>', markup, re.S)[0]
        rows = table.count("<tr>") - 1  # the header row is not a period
        if rows > sections.FOLDED_AFTER_ROWS:
            folded += 1
            summary = f"See all the figures in a table ({rows} rows)"
            assert markup.startswith(f'<details class="care-figures" data-search-exclude><summary>{summary}</summary>{table}</details>'), markup[:200]
        else:
            shown += 1
            assert markup.startswith(table), markup[:200]
    assert folded and shown, "two years of months and a scheme's quarters: both kinds of table"
