"""Honest judgements (issue 12): disagreements grouped by what they are, with an editor's explanation beside
them, and the home page naming what is going well and badly in each area, with its period."""

from __future__ import annotations

import dataclasses
import html
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import JUDGED, TINY, build, csv_rows, data_dir, expected_headlines, page

from macros.analysis.disagreements import Check, find_disagreements
from macros.data.loader import load
from macros.data.model import Explanation, Measure
from macros.site import pages, report, sections
from macros.site.context import Context
from macros.site.settings import Settings


def visible(markup: str) -> str:
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    words = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))
    return re.sub(r" ([.,:;)])", r"\1", words)


def groups(markup: str) -> dict[str, list[str]]:
    """Each heading (h2 or h3) of a page's article with the visible text of the list items under it."""
    article = markup.split("<article", 1)[1].split("</article>", 1)[0]
    found: dict[str, list[str]] = {}
    for part in re.split(r"<h[23]\b", article)[1:]:
        heading = visible(part.split(">", 1)[1].split("</h", 1)[0]).strip()
        found[heading] = [visible(li).strip() for li in re.findall(r"<li>(.*?)</li>", part, flags=re.S)]
    return found


# Disagreements told apart ----------------------------------------------------------------------------


def test_disagreements_are_grouped_by_what_they_are(tiny_site):
    """The tiny fixture has two slips (a total, a risk score) and a sentence against its table."""
    on_data = groups(page(tiny_site, "data"))
    slips, words = on_data["Totals that do not add up"], on_data["Words that differ from the tables"]
    assert len(slips) == 2 and any("the printed plan total for April to May 2016 is 2,100 days" in s for s in slips)
    assert any("the printed score is 11 but impact 4 times probability 3 is 12" in s for s in slips)
    assert len(words) == 1 and "the table gives 17% but the text says 21%" in words[0]
    area = groups(page(tiny_site, "areas/testshire"))
    assert "Checks on the source figures" in area and "Problems in the source figures" not in area
    assert len(area["Totals that do not add up"]) == 2 and len(area["Words that differ from the tables"]) == 1


@pytest.mark.slow
def test_a_part_year_cost_is_not_told_as_a_contradiction(tmp_path):
    """A post's yearly cost with a smaller printed cost (like Nottinghamshire's officer) is under its own heading."""
    data = data_dir(tmp_path)
    with open(data / "money.csv", "a", encoding="utf-8") as f:
        f.write('testshire,test-carers,2016-04-01,2017-03-31,16/17,carers-staff,Carers officer,,"£10,000",,1,"£20,000",no,,rep-2016,Paragraph 11\n')
    result = build(tmp_path, data)
    assert result.returncode == 0, result.stdout + result.stderr
    part_year = groups(page(tmp_path, "data"))["Costs that may be for part of a year"]
    assert part_year == [
        "Testshire. Carers officer: the printed cost is £10,000 for 1 full-time post at £20,000 a year. "
        "This may be the cost for part of the year. (Update on Better Care, 30 November 2016: Paragraph 11)"
    ]
    report_text = (tmp_path / "project" / "site" / "build-report.txt").read_text(encoding="utf-8")
    assert (
        "This may be the cost for part of the year. [Update on Better Care, Paragraph 11] (costs that may be for part of a year; check staff_cost)"
        in report_text
    )


def explained_context(*explanations: Explanation) -> Context:
    data = load(TINY)
    data.explanations = list(explanations)
    return Context(data, Settings(TINY), disagreements=find_disagreements(data))


def test_an_editors_explanation_shows_beside_its_disagreement_and_in_the_build_report():
    total = next(d for d in find_disagreements(load(TINY)) if d.check == Check.PERIODS_TOTAL)
    why = Explanation(
        total.area_id, total.scheme_id, total.measure_id, "periods_total", "The total includes a late return", "the report, paragraph 4", 7
    )
    stray = Explanation(total.area_id, None, total.measure_id, "shares", "Nothing to explain", "an editor", 8)
    ctx = explained_context(why, stray)
    listed = [visible(li) for li in re.findall(r"<li>(.*?)</li>", str(sections.disagreements_list(ctx, "data/")), flags=re.S)]
    beside = [item for item in listed if "the printed plan total" in item]
    assert beside and "Why they differ, according to the report, paragraph 4: The total includes a late return." in beside[0]
    assert sum("Why they differ" in item for item in listed) == 1
    assert ("explanations", 7) in ctx.shown and ("explanations", 8) not in ctx.shown
    text = report.build_report(ctx, 0, [], "Charts: none").split("\n")
    at = next(i for i, line in enumerate(text) if "the printed plan total" in line)
    assert text[at + 1].strip() == "Why they differ, according to the report, paragraph 4: The total includes a late return."
    assert "explanations.csv line 8: testshire, -, dtc-days, shares" in "\n".join(text).split("Rows that did not reach a page")[1]


# The home page at a glance, in words -----------------------------------------------------------------


def period_words(start: date, end: date) -> str:
    """Whole months as the site writes them (the judged fixture's periods are whole months)."""
    if start.month == 4 and end.month == 3 and end.year == start.year + 1:
        return f"{start.year} to {end.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%B %Y}"
    return f"{start:%B} to {end:%B %Y}" if start.year == end.year else f"{start:%B %Y} to {end:%B %Y}"


def gap_words(actual: float, plan: float, unit: str) -> str:
    """How far a result is from its plan, as issue 20 asks: the size in the measure's unit, never a verdict
    ("2 percentage points below plan", "475 fewer than planned (73% below plan)"). Written here from the rule."""
    diff, side = actual - plan, "above" if actual > plan else "below"
    size = abs(diff)
    shown = f"{size:,.0f}" if float(size).is_integer() else f"{size:,}"
    if unit == "percent":
        return f"{shown} percentage point{'' if size == 1 else 's'} {side} plan"
    more = "more" if diff > 0 else "fewer"
    words = f"{shown} {more} days than planned" if unit == "days" else f"{shown} {more} than planned"
    share = int(Decimal(repr(size)) * 100 / Decimal(repr(abs(plan))) + Decimal("0.5"))  # a half rounded up
    return words + f" ({'less than 1' if share < 1 else share}% {side} plan)"


def test_home_page_says_what_is_going_well_and_badly_in_each_area(judged_site):
    """Worked out from the judged fixture's CSV files: each measure better or worse than plan, named with
    how far its figure is from the plan and the period it is judged on, under its area."""
    units = {m["id"]: m["unit"] for m in csv_rows(JUDGED, "measures")}
    names = {m["id"]: m["name"] for m in csv_rows(JUDGED, "measures")}
    schemes = {s["id"]: s["name"] for s in csv_rows(JUDGED, "schemes")}
    home = page(judged_site, "")
    glance = home.split('<ul class="care-glance-words">', 1)[1]
    items = {
        visible(name).strip(): visible(rest) for name, rest in re.findall(r"<li><strong>(.*?)</strong>(.*?)(?=<li><strong>|$)", glance, flags=re.S)
    }
    judged_anywhere = 0
    for area in csv_rows(JUDGED, "areas"):
        said = items[area["name"]]
        found = {"better": [], "worse": []}
        for (area_id, scheme_id, measure_id), top in expected_headlines(JUDGED).items():
            if area_id == area["id"] and top is not None and top.status in found:
                name = names[measure_id] + (f" ({schemes[scheme_id]})" if scheme_id else "")
                when = period_words(top.start, top.end)
                found[top.status].append(f"{name}: {gap_words(top.actual, top.plan, units[measure_id])}, {'from' if ' to ' in when else 'in'} {when}")
        if not found["better"] and not found["worse"]:
            assert "Going well" not in said and "Going badly" not in said
            continue
        judged_anywhere += 1
        for status, label in (("better", "Going well:"), ("worse", "Going badly:")):
            line = said.split(label, 1)[1].split("Going badly:")[0]
            for item in found[status]:
                assert item in line, (area["name"], item, line)
            if not found[status]:
                assert f"no measure is {status} than plan" in line
    assert judged_anywhere, "the judged fixture has an area with measures better or worse than plan"


def test_home_page_names_a_measure_by_its_short_name():
    data = load(TINY)
    measure = data.measures["dtc-days"]
    data.measures["dtc-days"] = dataclasses.replace(measure, short_name="Delayed days")
    said = visible(str(pages.areas_in_words(Context(data, Settings(Path(TINY))), "")))
    assert "Delayed days: " in said and measure.name not in said
    assert isinstance(data.measures["dtc-days"], Measure)
