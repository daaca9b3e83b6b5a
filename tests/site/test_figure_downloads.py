"""Issue 23, item 7, through real builds: under each chart a link to download its data, with the file's true
size; each measure's figures as CSV and JSON; all at addresses that stay the same when the figures change;
the Data page lists the measures' files. What each file must hold is worked out from the fixture's CSV here."""

from __future__ import annotations

import csv
import io
import json
import math
import re
import shutil
from pathlib import Path

from conftest import built_site, csv_rows, data_dir

CHART_LINK = re.compile(r'<a href="([^"]+)" download>Download the data for this chart \(CSV, (\d+) KB\)</a>')


def chart_links(site: Path) -> dict[str, list[tuple[Path, int]]]:
    """Each page's chart data links: (the file, the size the link says)."""
    found = {}
    for path in sorted(site.rglob("index.html")):
        links = CHART_LINK.findall(path.read_text(encoding="utf-8"))
        if links:
            found[path.parent.relative_to(site).as_posix()] = [((path.parent / href).resolve(), int(kb)) for href, kb in links]
    return found


def test_under_each_chart_a_link_to_its_data_with_its_size(tmp_path):
    folder = data_dir(tmp_path)
    site = built_site(tmp_path, folder)
    rows = csv_rows(folder, "observations")
    links = chart_links(site)
    charts = {page: len(re.findall(r'<figure class="care-chart"', (site / page / "index.html").read_text(encoding="utf-8"))) for page in links}
    assert links and all(len(links[page]) == charts[page] for page in links), (links, charts)
    # testshire's days waited (the area's own) has a chart; the carers scheme has one figure to show, so no
    # chart, but its data is at its address all the same.
    area_file = (site / "downloads" / "charts" / "testshire" / "dtc-days.csv").resolve()
    scheme_file = (site / "downloads" / "charts" / "testshire" / "test-carers" / "carers-assessed.csv").resolve()
    assert area_file in [f for f, _ in links["areas/testshire"]]
    assert "schemes/test-carers" not in links and scheme_file.is_file()
    for files in links.values():
        for file, kb in files:
            assert kb == max(1, math.ceil(file.stat().st_size / 1024)), file
    with open(area_file, encoding="utf-8") as f:
        got = list(csv.DictReader(f))
    wanted = [r for r in rows if (r["area_id"], r["scheme_id"], r["measure_id"]) == ("testshire", "", "dtc-days")]
    assert [(r["period_start"], r["period_end"], r["kind"], r["value"]) for r in got] == [
        (r["period_start"], r["period_end"], r["kind"], r["value"].replace(",", "").rstrip("%")) for r in wanted
    ]
    with open(scheme_file, encoding="utf-8") as f:
        carers = {(r["period_label"]): r["value"] for r in csv.DictReader(f)}
    # 3 carers is below the small-number threshold (5): hidden here as on the page.
    assert carers == {"Year 3": "suppressed", "Year 2": "222", "Year 1": ""}


def test_each_measures_figures_as_csv_and_json_listed_on_the_data_page(tmp_path):
    folder = data_dir(tmp_path)
    site = built_site(tmp_path, folder)
    rows = csv_rows(folder, "observations")
    data_page = (site / "data" / "index.html").read_text(encoding="utf-8")
    for measure in csv_rows(folder, "measures"):
        ident = measure["id"]
        for extension in ("csv", "json"):
            assert f'<a href="../downloads/measures/{ident}.{extension}">{ident}.{extension}</a>' in data_page
        wanted = [r for r in rows if r["measure_id"] == ident]
        with open(site / "downloads" / "measures" / f"{ident}.csv", encoding="utf-8") as f:
            assert len(list(csv.DictReader(f))) == len(wanted)
        document = json.loads((site / "downloads" / "measures" / f"{ident}.json").read_text(encoding="utf-8"))
        assert document["measure"]["name"] == measure["name"] and document["measure"]["unit"] == measure["unit"]
        assert len(document["rows"]) == len(wanted)
    carers = json.loads((site / "downloads" / "measures" / "carers-assessed.json").read_text(encoding="utf-8"))
    by_label = {row[carers["fields"].index("period_label")]: row[carers["fields"].index("value")] for row in carers["rows"]}
    # As in the observations download: 3 carers is below the small-number threshold (5); n/a as printed.
    assert by_label == {"Year 3": "suppressed", "Year 2": "222", "Year 1": "n/a"}


def test_the_addresses_stay_the_same_when_a_figure_changes(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    before = built_site(first, data_dir(first))
    folder = data_dir(second)
    text = (folder / "observations.csv").read_text(encoding="utf-8")
    (folder / "observations.csv").write_text(text.replace('actual,"1,041"', 'actual,"1,052"'), encoding="utf-8")
    after = built_site(second, folder)

    def addresses(site: Path) -> dict[str, list[str]]:
        return {page: [f.relative_to(site.resolve()).as_posix() for f, _ in files] for page, files in chart_links(site).items()}

    assert addresses(before) == addresses(after)
    changed = "downloads/charts/testshire/dtc-days.csv"
    old, new = (before / changed).read_text(encoding="utf-8"), (after / changed).read_text(encoding="utf-8")
    assert ",actual,1041," in old and ",actual,1052," in new
    assert [r["value"] for r in csv.DictReader(io.StringIO(new)) if r["period_label"] == "Apr" and r["kind"] == "actual"] == ["1052"]
    shutil.rmtree(first)
