"""The real build, read as HTML: each page type shows its figures with sentence, status, table and source.

On the built-in data (`real_site`) the tests check invariants worked out from the CSV files the build read
(conftest.expected_headlines and friends), never its figures, so an editor's correct data edit passes;
CARE_TEST_DATA runs them on an edited copy. Exact sentences are checked on fixtures whose outcomes are known
by design: tests/fixtures/judged (one measure of each status, schemes, money, milestones) and tiny."""

from __future__ import annotations

import csv
import html
import json
import re
import subprocess
import sys
from collections import Counter
from datetime import date
from decimal import Decimal

import pytest
from conftest import REAL_DATA, ROOT, STATUS_WORDS, build, cell_date, cell_number, csv_rows, data_dir, day, expected_headlines, page, report_day

from macros.presentation import wording

SITE = lambda tmp: tmp / "project" / "site"


def visible(markup: str) -> str:
    """Page text without tags, entities decoded, spaces collapsed."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    words = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))
    return re.sub(r" ([.,:;)])", r"\1", words)


# The built-in data: invariants worked out from the CSV files the build read ------------------------------
# No figure, count or sentence of the built-in data is written here: an editor's correction must pass.


def squash(text: str) -> str:
    """Text without spaces, to compare a cell with a page where <abbr> tags split it."""
    return re.sub(r"\s+", "", text)


def number_text(value: float) -> str:
    """A figure as the site writes it: 8,407; 16.2; up to 3 decimals."""
    decimals = 0 if float(value).is_integer() else min(3, len(f"{value:.3f}".rstrip("0").split(".")[1]))
    return f"{value:,.{decimals}f}"


def in_a_sentence(value: float, unit: str) -> str:
    if unit == "percent":
        return number_text(value) + "%"
    if unit == "gbp":
        return f"£{number_text(round(value / 1_000_000, 1))} million" if abs(value) >= 1_000_000 else f"£{number_text(value)}"
    return number_text(value) + {"rate_per_100k": " per 100,000 population", "days": " days"}.get(unit, "")


def gap_text(actual: float, plan: float, unit: str, target: bool = False) -> str:
    """How far a result is from its plan (issue 20): its size in the measure's unit, never a verdict."""
    the_plan, planned = ("the target", "the target") if target else ("plan", "planned")
    diff = actual - plan
    side, size = ("above" if diff > 0 else "below"), abs(diff)
    if unit == "percent":
        return f"{number_text(size)} percentage point{'' if size == 1 else 's'} {side} {the_plan}"
    more = "more" if diff > 0 else "fewer"
    if unit == "gbp":
        words = f"{in_a_sentence(size, unit)} {'more' if diff > 0 else 'less'} than {planned}"
    elif unit == "days":
        words = f"{number_text(size)} {more} day{'' if size == 1 else 's'} than {planned}"
    elif unit == "rate_per_100k":
        words = f"{number_text(size)} per 100,000"  # then who, as the report says, and higher or lower
        return words
    else:
        words = f"{number_text(size)} {more} than {planned}"
    if plan:
        share = int(Decimal(repr(size)) * 100 / Decimal(repr(abs(plan))) + Decimal("0.5"))  # a half rounded up, as people round
        words += f" ({'less than 1' if share < 1 else number_text(share)}% {side} {the_plan})"
    return words


def money_exact(value: float) -> str:
    return f"£{number_text(round(value, 2))}"


def area_sentences(markup: str) -> list[tuple[str, str | None]]:
    """Each generated measure section's sentence (visible text) and the status word beside it, if any."""
    found = re.findall(
        r'<p class="care-sentence">((?:(?!</p>).)*)</p>(?:\s*<p>(?:<span class="care-status care-status--[a-z-]+">([^<]*)</span>)?'
        r"(?: ?<span[^>]*>[^<]*</span>)*</p>)?",  # no status paragraph when there is no status (no figures to judge)
        markup,
        re.S,
    )
    return [(visible(sentence).strip(), word or None) for sentence, word in found]


# How a sentence names a figure that is not the area's plan or result (never "the plan was").
# A benchmark is said to be from elsewhere, never "reached" there (issue 20); a design figure is described.
ROLE_WORDS = {"target": "target", "benchmark": "from elsewhere", "estimate": "estimated", "gap": "still to be found", "design": "usual or intended"}


def expected_sentence_end(judged, measure: dict, threshold: int = 5) -> str:
    """How a judged sentence ends, from the headline's figures."""
    if judged is None:
        return "the report gives no figures to compare."
    if judged.status.startswith("stated-"):  # no plan or no result: the report's judgement in words instead
        return ", but it says"
    if judged.status == "target-later":  # a target set for later: never judged (issue 20)
        return ", to be met by "
    if judged.actual is None:
        return "The report gives no result to compare."
    suppressed = measure["counts_people"] == "yes" and 0 < judged.actual < threshold
    if judged.plan is None:
        return ""  # the status beside it says "No plan to compare"; the sentence does not say it again
    if judged.status in ("better", "worse") and not suppressed:
        # The size of the gap in the measure's unit, never "so this is not good" (issue 20, item 5).
        gap = gap_text(judged.actual, judged.plan, measure["unit"], judged.plan_is_target)
        return f"That is {gap}"
    if judged.status == "on-plan":
        return "That is exactly the plan."
    return "against a "  # suppressed, or not rated: no judgement in words (a plan, or a target whose period is over)


@pytest.fixture(scope="module")
def facts():
    """The built-in data (or CARE_TEST_DATA's copy) read by the test: rows by file, and every headline."""
    package = json.loads((REAL_DATA / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in package["resources"] if r["path"].endswith(".csv")]  # every table, not the hex map
    rows = {name: csv_rows(REAL_DATA, name) for name in names}
    return {
        "rows": rows,
        "headlines": expected_headlines(REAL_DATA),
        "measures": {m["id"]: m for m in rows["measures"]},
        "sources": {s["id"]: s for s in rows["sources"]},
    }


def area_page_file(area_id: str) -> str:
    return f"areas/{area_id}"


def test_home_glance_counts_equal_the_statuses_worked_out_from_the_data(real_site, facts):
    """For every area in areas.csv, the glance row's count under each status is the number of that area's
    series (its own and its schemes') with that status, worked out from observations.csv by the test."""
    home = page(real_site, "")
    glance = home.split('class="care-glance"')[1].split("</table>")[0]
    assert "<caption>How many measures in each area are better or worse than planned</caption>" in glance
    headers = [visible(h).strip() for h in re.findall(r'<th scope="col">(.*?)</th>', glance)]
    expected = {a["id"]: Counter() for a in facts["rows"]["areas"]}
    for (area_id, _, _), judged in facts["headlines"].items():
        if judged is not None:
            expected[area_id][judged.word] += 1
    # Better, worse and no plan always; the rarer statuses when some area has them.
    always = [STATUS_WORDS[k] for k in ("better", "worse", "no-plan")]
    shown = [w for w in STATUS_WORDS.values() if w in always or any(c[w] for c in expected.values())]
    assert headers == ["Area"] + shown
    rows = {m[1]: m[2] for m in re.finditer(r'<tr><th scope="row"><a href="areas/([^/"]+)/">.*?</a></th>(.*?)</tr>', glance)}
    assert set(rows) == set(expected), "one glance row for each area in areas.csv"
    names = {a["id"]: a["name"] for a in facts["rows"]["areas"]}
    for area_id, cells in rows.items():
        assert f">{html.escape(names[area_id])}</a>" in glance
        counts = [int(c) for c in re.findall(r"<td[^>]*>(\d+)</td>", cells)]
        assert counts == [expected[area_id][w] for w in shown], area_id


def test_home_names_the_newest_report_and_the_newest_result(real_site, facts):
    words = visible(page(real_site, ""))
    sources = facts["rows"]["sources"]
    newest = max(sources, key=lambda s: cell_date(s["date"]))  # the first of the newest, as listed
    assert (f"The newest report is {newest['title']}. It is from {newest['body']}, dated {day(cell_date(newest['date']))} (") in words
    # The first paragraph after the title says how old the figures are (issue 20, item 7).
    first = words.split("Skip to content", 1)[-1].split("When you need care", 1)[0]
    assert "How old these figures are." in first and "The newest result on this site is for" in first
    # The newest result is the end of the newest dated figure: one the report gives no date for is dated to the
    # report itself (a single day, the report's date), which says nothing about when the result was.
    written = {s["id"]: cell_date(s["date"]) for s in sources}
    ends = [
        cell_date(o["period_end"])
        for o in facts["rows"]["observations"]
        if o["kind"] == "actual"
        and cell_number(o["value"]) is not None
        and not (cell_date(o["period_start"]) == cell_date(o["period_end"]) == written[o["source_id"]])
        and o.get("time_stated", "") not in ("none", "by", "from")  # no date, only an end or a start (issue 20)
    ]
    newest = day(max(ends)).split(" ", 1)[1]  # a month and year: the period's name ends with them
    assert re.search(rf"The newest result on this site is for [^.]*\b{re.escape(newest)}, [^.]* ago\. This page was made on", words)


def test_every_area_page_shows_each_measure_with_its_sentence_status_and_sources(real_site, facts):
    """Every area-wide series of every area: a sentence that starts with the measure's name, gives the
    headline actual and ends as its status says, with the status word the test works out beside it."""
    rows, measures = facts["rows"], facts["measures"]
    for area in rows["areas"]:
        markup = page(real_site, area_page_file(area["id"]))
        words = visible(markup)
        assert area["name"] in words
        if not (ROOT / "docs" / "areas" / f"{area['id']}.md").exists():  # an editor's page has its own prose
            assert "The partners are:" in words
            for body in filter(None, (b.strip() for b in area["bodies"].split(";"))):
                assert squash(body) in squash(words), (area["id"], body)
        found = area_sentences(markup)
        editors = (ROOT / "docs" / "areas" / f"{area['id']}.md").exists()
        own = {k: v for k, v in facts["headlines"].items() if k[0] == area["id"] and k[1] is None}
        schemes = {k: v for k, v in facts["headlines"].items() if k[0] == area["id"] and k[1] is not None}
        for (_, _, measure_id), judged in own.items():
            measure = measures[measure_id]
            label = measure.get("short_name") or measure["name"]  # sentences use the short name
            mine = [(s, w) for s, w in found if s.startswith(label + ":")]
            assert mine, (area["id"], measure_id, "no sentence")
            for sentence, word in mine:
                if editors and word is None and judged is not None:  # the editor placed its status apart (site/placed.py)
                    assert judged.word in words, (area["id"], measure_id, "no status")
                else:
                    assert word == (judged.word if judged else None), (area["id"], measure_id, sentence)
                roles = {
                    o["kind"]
                    for o in rows["observations"]
                    if (o["area_id"], o["scheme_id"], o["measure_id"]) == (area["id"], "", measure_id) and o["kind"] in ROLE_WORDS and o["value"]
                }
                if judged is None and roles:  # only figures that are not judged: each said in its own words
                    assert all(ROLE_WORDS[kind] in sentence for kind in roles), (area["id"], sentence)
                else:
                    assert expected_sentence_end(judged, measure) in sentence, (area["id"], sentence)
                assert "no plan to compare" not in sentence.lower() and "so this is" not in sentence, (area["id"], sentence)
                if judged and judged.actual is not None and not (measure["counts_people"] == "yes" and judged.actual < 5):
                    assert in_a_sentence(judged.actual, measure["unit"]).split(" ")[0] in sentence, (area["id"], sentence)
        assert len({s for s, _ in found}) >= len(own)
        # With no figures of its own, the page says where the figures are, or that there are none yet.
        no_own = "The reports give no figures for the whole area. Each scheme's figures are under Schemes."
        none_yet = "The reports give no figures for this yet."
        assert (no_own in words) == (not own and bool(schemes)), area["id"]
        if not own and not schemes:
            assert none_yet in words, area["id"]
        # Every report behind the area's figures is listed, with its date.
        cited = {o["source_id"] for o in rows["observations"] if o["area_id"] == area["id"] and not o["scheme_id"]}
        cited.add(area["source_id"])
        sources = visible(markup.split('<ul class="care-sources"')[-1].split("</ul>")[0])
        for source_id in cited:
            source = facts["sources"][source_id]
            assert f"{source['title']}." in sources and day(cell_date(source["date"])) in sources, (area["id"], source_id)


def test_every_area_page_sums_up_its_schemes_and_keeps_their_charts_on_their_pages(real_site, facts):
    """A scheme's measures are in full (chart, table) on the scheme page; the area page gives each a status
    and a sentence under its scheme, with a link, and its money, milestones and risks in a line each.
    In full on both, area pages grew to 500 KB at scale."""
    rows = facts["rows"]
    charted = 0
    for area in rows["areas"]:
        markup = page(real_site, area_page_file(area["id"]))
        schemes = [s for s in rows["schemes"] if s["area_id"] == area["id"]]
        if not schemes:
            assert "No schemes are listed for this area." in visible(markup)
            continue
        listed = markup.split('<ul class="care-schemes">')[1].split("</ul></div>")[0]
        assert "Each scheme's page has the charts, tables and sources behind these figures, and who pays what." in visible(markup)
        items = {m[1]: m[0] for m in re.finditer(r'<li><a href="../../schemes/([^/"]+)/">.*?(?=<li><a href="../../schemes/|$)', listed, re.S)}
        assert set(items) == {s["id"] for s in schemes}, area["id"]
        assert "<figure" not in listed and "<table" not in listed, area["id"]  # charts and tables are on the scheme pages
        for scheme in schemes:
            item, said = items[scheme["id"]], visible(items[scheme["id"]]).strip()
            assert squash(said).startswith(squash(scheme["name"])), scheme["id"]
            # A status word for each of the scheme's measures, as worked out from the data.
            words = Counter(re.findall(r'<span class="care-status care-status--[a-z-]+">([^<]*)</span>', item))
            expected = Counter(j.word for k, j in facts["headlines"].items() if k[:2] == (area["id"], scheme["id"]) and j)
            assert words == expected, scheme["id"]
            # Its money: each printed total said once, however many breakdowns print it.
            totals = {
                (m["item"], m["period_start"], m["period_end"], cell_number(m["amount"]))
                for m in rows["money"]
                if m["scheme_id"] == scheme["id"] and m["is_total"] == "yes" and cell_number(m["amount"]) is not None
            }
            for _item, _, _, amount in totals:
                same = sum(1 for t in totals if t[3] == amount)
                assert said.count(money_exact(amount)) == same, (scheme["id"], amount)
            assert ("Money: " in said) == bool(totals), scheme["id"]
            # Its milestones: how many, and how many done, due, late or with no update, as at each report's date.
            milestones = [m for m in rows["milestones"] if m["scheme_id"] == scheme["id"]]
            if milestones:
                states = Counter(milestone_state(m, cell_date(facts["sources"][m["source_id"]]["date"])) for m in milestones)
                count = f"{len(milestones)} milestone{'s' if len(milestones) != 1 else ''}: "
                line = said.split(count)[1].split(" (as at")[0]
                assert sorted(line.split(", ")) == sorted(f"{n} {state}" for state, n in states.items()), scheme["id"]
            else:
                assert not re.search(r"\b[\d,]+ milestones?: \d", said), scheme["id"]
            risks = [r for r in rows["risks"] if r["scheme_id"] == scheme["id"]]
            if risks:
                assert f"{len(risks)} risk{'s' if len(risks) != 1 else ''} in the published risk log." in said, scheme["id"]
            # Its charts are on its own page (a chart of the same figures as an area-wide one may be the same file).
            charted += '<figure class="care-chart"' in page(real_site, f"schemes/{scheme['id']}")
        # The area's money table holds the area's own money only; a scheme's is summed up under the scheme.
        own_money = [m for m in rows["money"] if m["area_id"] == area["id"] and not m["scheme_id"]]
        if own_money:
            table = markup.split(f"<caption>Money: {html.escape(area['name'])}</caption>")[1].split("</table>")[0]
            assert table.count("<tr>") - 1 == len(own_money), area["id"]
            for m in own_money:
                if m["is_total"] == "yes" and cell_number(m["amount"]) is not None:
                    assert money_exact(cell_number(m["amount"])) in table, (area["id"], m["item"])
        else:
            assert f"<caption>Money: {html.escape(area['name'])}</caption>" not in markup
    assert charted, "some scheme page has a chart"


def milestone_state(m: dict, as_at) -> str:
    """A milestone in a list, as at the build's date (today): done, due (still to come), late at its report
    with nothing newer, or with no update since its report."""
    if m["completed"] == "yes":
        return "done"
    if cell_date(m["due"]) >= date.today():
        return "due"
    return "late, with no update since the report" if m["completed"] == "no" and cell_date(m["due"]) < as_at else "with no update since the report"


def test_every_chart_has_alt_text_a_caption_and_a_table_after_it(real_site):
    site, seen = SITE(real_site), 0
    for path in site.rglob("index.html"):
        markup = path.read_text(encoding="utf-8")
        for figure in re.finditer(r'<figure class="care-chart"[^>]*>(.*?)</figure>(.{0,400})', markup, re.S):
            seen += 1
            inner, after = figure.group(1), figure.group(2)
            img = re.search(r'<img src="([^"]+)" alt="([^"]*)"', inner)
            assert img and img[2].startswith("Chart: ") and img[2].endswith(". Described below."), path
            caption = re.search(r"<figcaption>(.+?)</figcaption>", inner, re.S)
            assert caption and "The figures are in the table below. <a href=" in caption[1], path
            assert re.search(r"Download the data for this chart \(CSV, [\d,.]+ [KM]B\)</a>$", caption[1]), path
            # A long table is folded under its chart (sections.FOLDED_AFTER_ROWS): then a <details> holds it.
            folded = r'(<details class="care-figures" data-search-exclude><summary>[^<]*</summary>)?'
            assert re.match(r"\s*(<!--[^>]*-->\s*)?" + folded + r'<div class="care-table"[^>]*><table[^>]*><caption>', after), (path, after[:120])
            svg = (path.parent / img[1]).resolve()
            assert svg.read_text(encoding="utf-8").startswith("<svg"), svg
    assert seen, "the built-in data has charts"


def test_every_status_badge_has_its_words(real_site):
    for path in SITE(real_site).rglob("index.html"):
        for key, word in re.findall(r'<span class="care-status care-status--([a-z-]+)">([^<]*)</span>', path.read_text(encoding="utf-8")):
            assert word == STATUS_WORDS[key], (path, key, word)


def test_every_generated_page_names_its_sources_with_dates(real_site, facts):
    rows = facts["rows"]
    dates = {s["id"]: report_day(s) for s in rows["sources"]}
    measured = {o["measure_id"] for o in rows["observations"]}
    pages = [f"areas/{a['id']}" for a in rows["areas"]] + [f"schemes/{s['id']}" for s in rows["schemes"]]
    pages += [f"measures/{m}" for m in sorted(measured)]
    for url in pages:
        listed = page(real_site, url).split('<ul class="care-sources"')
        assert len(listed) > 1, url
        items = re.findall(r"<li>(.*?)</li>", listed[-1].split("</ul>")[0])
        assert items and all(any(visible(i).strip().endswith(f", {d}.") for d in dates.values()) for i in items), url
        assert {visible(i).strip().rsplit(", ", 1)[1][:-1] for i in items} <= set(dates.values()), url


def test_editor_page_keeps_prose_and_pulls_figures(real_site, facts):
    """docs/areas/southampton.md asks for the April to September 2016 waiting days and their plan."""
    words = visible(page(real_site, "areas/southampton"))
    assert "This page was written by our editors." in words
    figures = {
        o["kind"]: cell_number(o["value"])
        for o in facts["rows"]["observations"]
        if (o["area_id"], o["scheme_id"], o["measure_id"], o["period_start"], o["period_end"], o["printed_in"])
        == ("southampton", "", "soton-dtc-days", "2016-04-01", "2016-09-30", "table")
    }
    assert (
        f"people in Southampton spent {number_text(figures['actual'])} days waiting, against a plan of {number_text(figures['plan'])} days."
    ) in words


def test_every_scheme_page_shows_its_milestones_risks_and_money(real_site, facts):
    rows = facts["rows"]
    for scheme in rows["schemes"]:
        markup = page(real_site, f"schemes/{scheme['id']}")
        words = visible(markup)
        assert "Who it is for:" in words and "Milestones" in words, scheme["id"]
        for m in (m for m in rows["milestones"] if m["scheme_id"] == scheme["id"]):
            as_at, said = cell_date(facts["sources"][m["source_id"]]["date"]), report_day(facts["sources"][m["source_id"]])
            state = {
                "done": f"Done (as at {said})",
                "due": f"Due (as at {said})",
                "late, with no update since the report": f"Late (as at {said}), with no update since",
                "with no update since the report": f"No update since the report of {said}",
            }[milestone_state(m, as_at)]
            assert squash(m["milestone"]) in squash(words) and state in words, m
        risks = [r for r in rows["risks"] if r["scheme_id"] == scheme["id"]]
        for r in risks:
            assert squash(f"{r['number']}. {r['risk']}") in squash(words), r
        assert ("Impact Probability Risk rating" in words) == bool(risks), scheme["id"]
        for m in rows["money"]:
            if m["scheme_id"] == scheme["id"] and m["is_total"] == "yes" and cell_number(m["amount"]) is not None:
                assert money_exact(cell_number(m["amount"])) in words, m


def test_every_measure_page_gives_direction_and_each_place_that_reports_it(real_site, facts):
    rows, headlines = facts["rows"], facts["headlines"]
    schemes = {s["id"]: s["name"] for s in rows["schemes"]}
    direction = {
        "lower": "Lower is better.",
        "higher": "Higher is better.",
        "neither": "Neither higher nor lower is better: it is reported, not judged.",
    }
    for measure in rows["measures"]:
        markup = page(real_site, f"measures/{measure['id']}")
        said = visible(markup)
        assert direction[measure["better"]] in said, measure["id"]
        mine = {k: j for k, j in headlines.items() if k[2] == measure["id"]}
        # Each whole area: a row with its status.
        for (area_id, scheme_id, _), judged in mine.items():
            if scheme_id is None and judged is not None:
                row = re.search(rf'<tr><th scope="row"><a href="../../areas/{area_id}/">.*?</tr>', markup)
                assert row and judged.word in row[0], (measure["id"], area_id)
        # Schemes: how many in how many areas, by status, then each with its status in words and links.
        by_scheme = {k: j for k, j in mine.items() if k[1] is not None}
        if not by_scheme:
            assert not re.search(r"reports? this measure:", said), measure["id"]
            continue
        counts = Counter((j.word if j else "No figures to compare").lower() for j in by_scheme.values())
        n_areas = len({k[0] for k in by_scheme})
        one = len(by_scheme) == 1
        places = f"{len(by_scheme):,} scheme{'' if one else 's'} in {n_areas:,} area{'s' if n_areas != 1 else ''}"
        head = f"{places} report{'s' if one else ''} this measure: "
        assert head in said, measure["id"]
        summary = said.split(head)[1].split(". Each scheme's page")[0]
        assert sorted(summary.split(", ")) == sorted(f"{n:,} {w}" for w, n in counts.items()), measure["id"]
        for (area_id, scheme_id, _), judged in by_scheme.items():
            assert f'href="../../schemes/{scheme_id}/"' in markup and f'href="../../areas/{area_id}/"' in markup
            word = (judged.word if judged else "No figures to compare").lower()
            assert f"{schemes[scheme_id]} ({wording.inside_brackets(word)}" in said, (measure["id"], scheme_id)


def test_glossary_lists_every_term_and_area_pages_expand_them(real_site, facts):
    glossary = page(real_site, "glossary")
    terms = {t["term"]: t["meaning"] for t in facts["rows"]["glossary"]}
    for term, meaning in terms.items():
        assert f'<abbr title="{html.escape(meaning, quote=True)}">{html.escape(term, quote=False)}</abbr>' in glossary, term
    # The partners' names on each area page carry <abbr> for every glossary term in them.
    ordered = sorted((html.escape(t, quote=False) for t in terms), key=len, reverse=True)
    pattern = re.compile(r"(?<![\w&])(" + "|".join(map(re.escape, ordered)) + r")(?![\w+])")
    titles = {html.escape(t, quote=False): html.escape(m, quote=True) for t, m in terms.items()}
    expanded = 0
    for area in facts["rows"]["areas"]:
        markup = page(real_site, area_page_file(area["id"]))
        for body in area["bodies"].split(";"):
            for found in pattern.findall(html.escape(body.strip(), quote=True)):
                assert f'<abbr title="{titles[found]}">{found}</abbr>' in markup, (area["id"], found)
                expanded += 1
    assert expanded, "some partner's name holds a glossary term"


def report_disagreements(real_site) -> list[str]:
    report = (SITE(real_site) / "build-report.txt").read_text(encoding="utf-8")
    block = report.split("Disagreements found in the source reports: ")[1].split("\nFigures hidden")[0]
    count, *lines = block.split("\n")
    items = [line for line in lines if line.startswith("  - ")]  # an editor's explanation follows on its own line
    assert int(count) == len(items)
    return items


def test_data_page_lists_every_disagreement_and_serves_downloads(real_site, facts):
    words = visible(page(real_site, "data"))
    items = report_disagreements(real_site)
    for item in items:  # "  - Area: what [title, where]"
        what = item[4:].split(": ", 1)[1].rsplit(" [", 1)[0]
        assert what in words, item
    listed = page(real_site, "data").split('<ul class="care-disagreements"')[1:]  # one list for each kind of disagreement
    assert sum(part.split("</ul>")[0].count("<li>") for part in listed) == len(items)
    downloads = SITE(real_site) / "downloads"
    for name in ("observations.csv", "areas.csv", "datapackage.json", "care-integration-data.zip"):
        assert (downloads / name).stat().st_size > 0
    for name, rows in facts["rows"].items():
        assert len(csv_rows(downloads, name)) == len(rows), name
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", str(downloads / "datapackage.json")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def test_build_report_beside_the_site_counts_every_row(real_site, facts):
    """Every row of every CSV reached a page, and the report counts the rows the test reads."""
    report = (SITE(real_site) / "build-report.txt").read_text(encoding="utf-8")
    assert "Rows that did not reach a page: none" in report
    read = dict(part.rsplit(" ", 1) for part in report.split("Rows read: ")[1].split("\n")[0].split(", "))
    assert {name: int(n) for name, n in read.items()} == {f"{name}.csv": len(rows) for name, rows in facts["rows"].items()}
    assert re.search(r"Charts: \d+ shown, \d+ of them drawn new; 0 removed from the cache", report)
    report_disagreements(real_site)
    assert "Build report" in (real_site / "build-output.txt").read_text(encoding="utf-8")


def test_generated_pages_are_searchable_but_not_in_the_nav(real_site, facts):
    rows = facts["rows"]
    index = (SITE(real_site) / "search" / "search_index.json").read_text(encoding="utf-8")
    docs = json.loads(index)["docs"]
    located = {d["location"].split("#")[0] for d in docs}
    for folder, table in (("areas", "areas"), ("schemes", "schemes"), ("measures", "measures")):
        for row in rows[table]:
            assert f"{folder}/{row['id']}/" in located, (folder, row["id"])
    # What is worth finding is in the index (milestones); source lists, money tables and chart captions are not.
    text_of = lambda url: " ".join(d["text"] for d in docs if d["location"].startswith(url))
    for m in rows["milestones"]:
        if m["scheme_id"]:
            assert squash(m["milestone"]) in squash(visible(text_of(f"schemes/{m['scheme_id']}/"))), m
    everything = " ".join(d["text"] for d in docs)
    assert "Line chart of" not in everything and "Who pays" not in everything
    quoted = " ".join(report_disagreements(real_site))  # a disagreement may quote a total, and is worth finding
    for m in rows["money"]:
        amount = cell_number(m["amount"])
        if m["is_total"] == "yes" and amount is not None and amount >= 1_000_000:  # sentences round these
            assert money_exact(amount) not in everything or money_exact(amount) in quoted, m
    for s in rows["schemes"]:
        scheme_text = text_of(f"schemes/{s['id']}/")
        assert "Source:" not in scheme_text, s["id"]
    nav = page(real_site, area_page_file(rows["areas"][0]["id"])).split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    for s in rows["schemes"]:
        assert f"schemes/{s['id']}/" not in nav
    for a in rows["areas"]:
        assert f"areas/{a['id']}/" not in nav


def test_pages_load_nothing_from_other_sites(real_site):
    """Scripts, images, styles and fonts come from the site itself (links to read elsewhere are fine)."""
    for path in SITE(real_site).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        loads = re.findall(r'\ssrc="([^"]+)"', text) + re.findall(r'<link[^>]+href="([^"]+)"', text)
        assert not [u for u in loads if re.match(r"(https?:)?//", u)], path
        assert "fonts.googleapis" not in text and "cdn.jsdelivr" not in text and "unpkg.com" not in text, path


# Exact wording, on a fixture whose outcomes are known by design (tests/fixtures/judged) --------------------


def test_glance_on_known_data(judged_site):
    glance = page(judged_site, "").split('class="care-glance"')[1].split("</table>")[0]
    assert (
        visible(glance)
        .split("</caption>")[-1]
        .strip()
        .endswith("Area Better than plan Worse than plan On plan No plan to compare No result published Northshire 2 1 1 2 1 Southshire 0 0 0 1 0")
    )
    assert "Not rated" not in glance  # no area has a measure that is not rated
    words = visible(page(judged_site, ""))
    assert ("The newest result on this site is for 2016 to 2017, ") in words


def test_sentence_and_status_for_each_outcome(judged_site):
    markup = page(judged_site, "areas/northshire")
    assert area_sentences(markup) == [
        (
            "Days adults waited to leave hospital: 8,407 days from April to September 2016, against a plan of 6,930 days. "
            "That is 1,477 more days than planned (21% above plan). Lower is better here.",
            "Worse than plan",
        ),
        ("Home visits: 40 from April to September 2016, against a plan of 40. That is exactly the plan.", "On plan"),
        (
            "Older people in hospital after a fall: the plan was 300 from April to September 2016. The report gives no result to compare.",
            "No result published",
        ),
        (
            "Older people moving into care homes for good: 126 from April to September 2016 (6 months), against a plan of 157. "
            "That is 31 fewer than planned (20% below plan). Lower is better here.",
            "Better than plan",
        ),
        ("Still at home 91 days after reablement: 86% from 2016 to 2017.", "No plan to compare"),
    ]
    assert re.search(
        r"<figcaption>Line chart of Older people moving into care homes for good, April 2016 to September 2016\. "
        r"Plan: from 26 to 26\. Actual: from 23 to 20\.",
        markup,
    )
    assert "Source: Better Care in Northshire, Northshire Council, 30 November 2016 (Table 1)." in visible(markup)


def test_area_page_sums_up_schemes_in_a_line_each(judged_site):
    area = page(judged_site, "areas/northshire")
    schemes = visible(area.split('<ul class="care-schemes">')[1].split("</ul></div>")[0])
    assert (
        "Teams around practices (running): Nurses and social workers work as one team around each surgery. "
        "Better than plan Staff in the team: 12 from April to September 2016, against a plan of 10. "
        "Money: Transformation team, 2016 to 2017: £1,185,180. "  # printed by two breakdowns, said once
        "2 milestones: 1 done, 1 with no update since the report (as at 30 November 2016). 1 risk in the published risk log."
    ) in schemes
    assert "Supporting carers (running): Checks what help carers need. No plan to compare Staff in the team: 3 from" in schemes
    money = area.split("<caption>Money: Northshire</caption>")[1].split("</table>")[0]
    assert "£43,735,000" in money and "Transformation team" not in money
    assert "The reports give no figures for the whole area" not in visible(area)
    south = visible(page(judged_site, "areas/southshire"))
    assert "The reports give no figures for the whole area. Each scheme's figures are under Schemes." in south


def test_scheme_page_money_milestones_risks_on_known_data(judged_site):
    words = visible(page(judged_site, "schemes/north-teams"))
    assert "Who it is for: Adults with long-term conditions." in words
    assert "Teams co-located 30 June 2016 Done (as at 30 November 2016)" in words
    assert "Shared records system 30 June 2017 No update since the report of 30 November 2016" in words  # due then, past now
    assert "1. Delay in securing accommodation 4 3 12 Look for other rooms Director" in words
    assert words.count("£1,185,180") == 2  # the money table prints both breakdowns


def test_measure_page_counts_the_schemes_that_report_it(judged_site):
    words = visible(page(judged_site, "measures/staff"))
    assert "Higher is better." in words
    assert "3 schemes in 2 areas report this measure: 2 no plan to compare, 1 better than plan." in words
    assert (
        "Northshire: Supporting carers (no plan to compare, April to September 2016). "
        "Northshire: Teams around practices (better than plan, April to September 2016)." in words
    )
    assert "Southshire: Joint teams (no plan to compare, October 2016 to February 2017)." in words
    assert "No area reports this measure for the whole area." in words
    admissions = visible(page(judged_site, "measures/admissions"))
    assert "Lower is better." in admissions and "Northshire April to September 2016 157 126 Better than plan" in admissions


# Behaviour on small fixtures ---------------------------------------------------------------------


def test_small_numbers_never_shown(tiny_site):
    words = visible(page(tiny_site, "schemes/test-carers"))
    assert "Carers assessed: fewer than 5 from April to September 2016 (6 months)." in words
    assert "April to September 2016 (6 months) fewer than 5" in words
    assert "Some counts here are fewer than 5" in words
    obs = (SITE(tiny_site) / "downloads" / "observations.csv").read_text(encoding="utf-8")
    assert "testshire,test-carers,carers-assessed,2016-04-01,2016-09-30,Year 3,actual,suppressed," in obs


def test_chart_caption_describes_plan_and_actual(tiny_site):
    markup = page(tiny_site, "areas/testshire")
    assert 'alt="Chart: Days people waited to leave hospital. Described below."' in markup
    assert (
        "<figcaption>Line chart of Days people waited to leave hospital, April 2016 to May 2016. Plan: from 909 days "
        "to 1,188 days. Actual: from 1,041 days to 1,418 days. The figures are in the table below. <a href="
    ) in markup


def test_data_page_says_what_disagrees(tiny_site):
    words = visible(page(tiny_site, "data"))
    assert (
        "Testshire. Days people waited to leave hospital: the printed plan total for April to May 2016 is 2,100 days. "
        "Its 2 parts add up to 2,097 days."
    ) in words
    assert "difference from plan for April to May 2016: the table gives 17% but the text says 21%." in words
    assert "Risk 1 (Rising cost of assessments): the printed score is 11 but impact 4 times probability 3 is 12." in words
    report = (SITE(tiny_site) / "build-report.txt").read_text(encoding="utf-8")
    assert "Disagreements found in the source reports: 3\n" in report
    assert (
        "Rows read: sources.csv 1, glossary.csv 2, areas.csv 1, schemes.csv 1, measures.csv 2, observations.csv 11, "
        "money.csv 3, milestones.csv 2, risks.csv 1" in report
    )


def test_abbreviations_expanded_where_they_appear(tiny_site):
    assert '<abbr title="Delayed transfers of care">DTC</abbr>' in page(tiny_site, "glossary")
    area = page(tiny_site, "areas/testshire")
    assert '<li>Testshire <abbr title="National Health Service">NHS</abbr></li>' in area


@pytest.mark.slow
def test_threshold_comes_from_mkdocs_yml(tmp_path):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("small_number_threshold: 5", "small_number_threshold: 250")
    result = build(tmp_path, data_dir(tmp_path), config=config)
    assert result.returncode == 0, result.stderr
    words = visible(page(tmp_path, "schemes/test-carers"))
    assert "fewer than 250" in words and "222" not in words


HOSTILE = "</script><script>alert(1)</script> {{ 7*7 }} *bold* <img src=x onerror=alert(2)>"


@pytest.mark.slow
def test_hostile_cells_are_escaped_everywhere(tmp_path):
    data = data_dir(tmp_path)
    for name, column in (("areas", "summary"), ("measures", "name"), ("schemes", "name"), ("glossary", "explanation")):
        path = data / f"{name}.csv"
        rows = list(csv.DictReader(open(path, encoding="utf-8")))
        rows[0][column] = HOSTILE
        with open(path, "w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    result = build(tmp_path, data)
    assert result.returncode == 0, result.stdout + result.stderr
    for path in SITE(tmp_path).rglob("*"):
        if path.suffix in (".html", ".svg", ".json", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert "<script>alert(1)" not in text, path
            assert "<img src=x" not in text, path
            assert ">49<" not in text and " 49 " not in visible(text), path
    area = page(tmp_path, "areas/testshire")
    assert html.escape(HOSTILE) in area
    # The chart of the measure whose name is hostile prints the name as text.
    charts = re.findall(r'src="../../(charts/[0-9a-f]{20}\.svg)"', area)
    assert len(charts) == 1  # the area's one measure with a chart: dtc-days, renamed above
    svg = (SITE(tmp_path) / charts[0]).read_text(encoding="utf-8")
    assert ">&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; {{ 7*7 }} *bold* &lt;img src=x onerror=alert(2)&gt;<" in svg


@pytest.mark.slow
def test_a_new_area_row_makes_a_new_page(tmp_path):
    data = data_dir(tmp_path)
    with open(data / "areas.csv", "a", encoding="utf-8") as out:
        out.write("newtown,Newtown,Newtown Council,The council in Newtown works with the NHS.,rep-2016\n")
    result = build(tmp_path, data)
    assert result.returncode == 0, result.stderr
    words = visible(page(tmp_path, "areas/newtown"))
    assert "The council in Newtown works with the NHS." in words
    assert "The reports give no figures for this yet." in words
    assert 'href="newtown/"' in page(tmp_path, "areas")


@pytest.mark.slow
def test_macro_with_unknown_id_stops_the_build_naming_page_and_line(tmp_path):
    result = build(tmp_path, data_dir(tmp_path), docs={"areas/testshire.md": '# Testshire\n\nWords.\n\n{{ figure("testshire", "dtc-dayz") }}\n'})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/areas/testshire.md, line 5: there is no measure 'dtc-dayz'. Did you mean 'dtc-days'?" in output
    assert "Traceback" not in output
    assert not (tmp_path / "project" / "site" / "index.html").exists()


@pytest.mark.slow
def test_macro_with_a_period_that_has_no_data(tmp_path):
    result = build(tmp_path, data_dir(tmp_path), docs={"extra.md": '# X\n\n{{ figure("testshire", "dtc-days", "June 2016") }}\n'})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/extra.md, line 3: there is no actual figure for 'dtc-days' in 'testshire' for the period 'June 2016'." in output
    assert "Did you mean 'May 2016' or 'April 2016'?" in output
    assert " actual figure: April 2016; April to May 2016; May 2016." in output  # every period that has one


@pytest.mark.slow
def test_narrative_page_for_an_unknown_area(tmp_path):
    result = build(tmp_path, data_dir(tmp_path), docs={"areas/testshyre.md": "# Testshyre\n"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/areas/testshyre.md: there is no area 'testshyre' in the data" in output and "Did you mean 'testshire.md'?" in output
    assert "Traceback" not in output


@pytest.mark.slow
def test_narrative_without_macros_gets_the_generated_figures(tmp_path):
    result = build(tmp_path, data_dir(tmp_path), docs={"areas/testshire.md": "# Testshire\n\nOur own words about Testshire.\n"})
    assert result.returncode == 0, result.stderr
    words = visible(page(tmp_path, "areas/testshire"))
    assert "Our own words about Testshire." in words
    assert "The council and the NHS in Testshire work together." not in words  # generated prose replaced
    assert "Days people waited to leave hospital: 2,459 days from April to May 2016" in words  # figures kept


@pytest.mark.slow
def test_area_money_macro_says_where_scheme_money_is(tmp_path):
    """Testshire's money is all per scheme: money("testshire") says so, instead of "no budget"."""
    page_text = '# Testshire\n\n{{ money("testshire") }}\n\n{{ money("testshire", "test-carers") }}\n'
    result = build(tmp_path, data_dir(tmp_path), docs={"areas/testshire.md": page_text})
    assert result.returncode == 0, result.stderr
    words = visible(page(tmp_path, "areas/testshire"))
    assert (
        "The reports give no budget for the whole area, only for some of its schemes. The list of schemes sums them up, "
        "and each scheme's page shows them in full."
    ) in words
    assert "£1,389,000" in words  # the scheme's own money, in full


def test_every_macro_is_documented_on_the_editors_page():
    from macros.site import editor_macros

    editors = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    found = editor_macros.macros()
    assert {"figure", "chart", "table", "measures"} <= set(found)
    for name, fn in found.items():
        assert f"`{name}(" in editors, name  # written with its arguments: tests/site/test_editors_guide.py
        assert fn.__doc__ and "Example" in fn.__doc__, name


@pytest.mark.slow
def test_generated_sentences_are_easy_to_read(real_site):
    """Flesch reading ease of 60 or more is 'plain English' (about age 13); our sentences aim higher."""
    from macros.site.advice import readability

    textstat = readability()  # as the build's advice scores pages: the packaged dictionary, not a download
    sentences = []
    for path in (SITE(real_site) / "areas").rglob("index.html"):
        sentences += [visible(s) for s in re.findall(r'<p class="care-sentence">(.*?)</p>', path.read_text(encoding="utf-8"))]
    assert sentences
    scores = sorted(textstat.flesch_reading_ease(s) for s in sentences)
    median = scores[len(scores) // 2]
    assert median >= 60, (median, scores[:5])


def test_indentation_squeezed_out_of_pages_but_kept_in_code_blocks(real_site):
    """Material's indentation was 4 KB a page; squeezing it must not touch a code block's own spaces."""
    area = page(real_site, "areas/durham")
    assert not re.search(r"\n[ \t]+<", area)
    editors = page(real_site, "editors")
    code = [html.unescape(re.sub(r"<[^>]+>", "", block)) for block in re.findall(r"<pre\b.*?</pre>", editors, re.S)]
    assert any("\n    (found" in block for block in code)
