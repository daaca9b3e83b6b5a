"""The preview: `mkdocs serve` rebuilds when an editor saves a CSV file, not only a markdown page; with
--dirty (`make preview`) it makes again only the pages an edit changes, and never serves a stale one; a
mistake is shown in the browser until the next good save."""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
import zipfile
from datetime import date
from pathlib import Path

import pytest
from conftest import MKDOCS, ROOT, build, cell_date, csv_rows, data_dir, expected_headlines, project_copy

BUILD_DATE = "2026-01-15"  # the preview and the full builds it is compared with say figures' age as at one day
SHARED = {"sitemap.xml", "sitemap.xml.gz", "404.html", "build-report.txt", "search/search_index.json", "assets/care-icons.css"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=120) as response:
        return response.read().decode("utf-8")


def wait_for(condition, seconds: float = 120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


class Served:
    """`mkdocs serve` on a project copy, building into a temporary folder of the test's own (TMPDIR)."""

    def __init__(self, tmp_path: Path, data: Path, *args: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.temp = tmp_path / "serve-tmp"
        self.temp.mkdir()
        self.log_path = tmp_path / "serve.log"
        self.env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "CARE_DATA_DIR": str(data),
            "CARE_CHART_CACHE": str(tmp_path / "chart-cache"),
            "CARE_BUILD_DATE": BUILD_DATE,
            "TMPDIR": str(self.temp),
        }
        self.process = subprocess.Popen(
            MKDOCS + ["serve", *args, "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=tmp_path / "project",
            env=self.env,
            stdout=open(self.log_path, "w"),
            stderr=subprocess.STDOUT,
        )

    @property
    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8")

    @property
    def site(self) -> Path:
        (folder,) = self.temp.glob("mkdocs_*")
        return folder

    def page(self, path: str = "") -> str:
        """A page as the browser gets it, without the live-reload script the server adds."""
        return re.sub(r"<script>\s*var livereload = .*?</script>", "", fetch(self.url + path), flags=re.S)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def files_of(site: Path) -> dict[str, tuple[int, bytes]]:
    return {str(p.relative_to(site)): (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(site.rglob("*")) if p.is_file()}


def full_build(project: Path, data: Path, site: Path, site_url: str) -> None:
    """`mkdocs build` of the same project and data, with the site address the preview gives its pages."""
    config = project / "mkdocs-full.yml"
    config.write_text((project / "mkdocs.yml").read_text(encoding="utf-8").replace('site_url: ""', f"site_url: {site_url}"), encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CARE_DATA_DIR": str(data), "CARE_CHART_CACHE": str(project.parent / "chart-cache")}
    env["CARE_BUILD_DATE"] = BUILD_DATE
    result = subprocess.run(MKDOCS + ["build", "-f", str(config), "--site-dir", str(site)], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def same_as_full_build(served: Served, full: Path) -> None:
    """Every file the preview serves is the one a full build of the same files writes (the build report's
    time aside); the downloads, which the preview writes when asked for, too."""
    preview = files_of(served.site)
    built = files_of(full)
    pages = {name for name in built if not name.startswith("downloads/")}
    assert {name for name in preview if not name.startswith("downloads/")} == pages
    different = [name for name in pages if name != "build-report.txt" and preview[name][1] != built[name][1]]
    assert not different, f"the preview differs from a full build in {different}"
    for name in (n for n in built if n.startswith("downloads/")):
        with urllib.request.urlopen(served.url + name, timeout=300) as response:
            assert unzipped(response.read()) == unzipped(built[name][1]), name


def unzipped(content: bytes):
    """A zip's files (its bytes hold the time it was written); any other file as it is."""
    if not content.startswith(b"PK"):
        return content
    with zipfile.ZipFile(io.BytesIO(content)) as bundle:
        return {name: bundle.read(name) for name in bundle.namelist()}


@pytest.mark.slow
def test_preview_picks_up_a_csv_edit(tmp_path):
    data = data_dir(tmp_path)
    project_copy(tmp_path, data)
    served = Served(tmp_path, data)
    url = "areas/testshire/"
    try:
        assert wait_for(lambda: "2,459 days" in served.page(url)), "the preview did not start\n" + served.log
        path = data / "observations.csv"
        path.write_text(path.read_text(encoding="utf-8").replace('"2,459"', '"2,468"'), encoding="utf-8")
        assert wait_for(lambda: "2,468 days" in served.page(url)), served.log
    finally:
        served.stop()


def a_headline_figure(data: Path) -> tuple[dict[str, str], int, str]:
    """The actual figure an area-wide series is judged on (its area page and its measure page show it), one of
    1,000 or more written with a comma as the pages write it; the line it is on; and the figure ten more."""
    headlines = expected_headlines(data, date.fromisoformat(BUILD_DATE))
    for line, row in enumerate(csv_rows(data, "observations"), start=2):
        judged = headlines.get((row["area_id"], None, row["measure_id"])) if not row["scheme_id"] else None
        value = row["value"].replace(",", "")
        if judged and row["kind"] == "actual" and (cell_date(row["period_start"]), cell_date(row["period_end"])) == (judged.start, judged.end):
            if value.isdigit() and int(value) >= 1000 and "," in row["value"] and row["printed_in"] == "table":
                return row, line, f"{int(value) + 10:,}"
    raise AssertionError("the built-in data has no area-wide headline figure of 1,000 or more")


@pytest.mark.slow
def test_preview_makes_again_exactly_the_pages_an_edit_changes(tmp_path):
    """One CSV cell, then one editor's page: after each, the pages rewritten are exactly those whose HTML a
    full build changes (the figure's area page, its measure page, the pages that sum it up), the served page
    shows the edit at once, and every file served is the one a full build of the edited files writes."""
    data = data_dir(tmp_path, ROOT / "data")
    narrative = {str(p.relative_to(ROOT / "docs")): p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "areas").glob("*.md")}
    project = project_copy(tmp_path, data, docs=narrative)
    served = Served(tmp_path, data, "--dirty")
    row, line, new = a_headline_figure(data)
    area = f"areas/{row['area_id']}/"
    try:
        assert wait_for(lambda: "</html>" in served.page(area), 600), "the preview did not start\n" + served.log
        assert new not in served.page(area)
        before = files_of(served.site)

        path = data / "observations.csv"
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[line - 1] = lines[line - 1].replace(f'"{row["value"]}"', f'"{new}"', 1)
        path.write_text("\n".join(lines), encoding="utf-8")
        assert wait_for(lambda: new in served.page(area)), served.log
        after = files_of(served.site)
        full_build(project, data, tmp_path / "full", served.url)
        full = files_of(tmp_path / "full")
        should_change = {n for n in full if n not in SHARED and not n.startswith("downloads/") and before.get(n, (0, b""))[1] != full[n][1]}
        rewritten = {n for n in after if n not in SHARED and before.get(n, (0, b""))[0] != after[n][0]}
        assert rewritten == should_change
        assert {f"{area}index.html", f"measures/{row['measure_id']}/index.html"} <= rewritten
        assert len(rewritten) < len([n for n in full if n.endswith(".html")]) / 4
        same_as_full_build(served, tmp_path / "full")

        before = files_of(served.site)
        glossary = project / "docs" / "glossary.md"
        glossary.write_text(glossary.read_text(encoding="utf-8") + "\n\nA sentence the preview test added.\n", encoding="utf-8")
        assert wait_for(lambda: "A sentence the preview test added." in served.page("glossary/")), served.log
        after = files_of(served.site)
        assert {n for n in after if n not in SHARED and before.get(n, (0, b""))[0] != after[n][0]} == {"glossary/index.html"}
        shutil.rmtree(tmp_path / "full")
        full_build(project, data, tmp_path / "full", served.url)
        same_as_full_build(served, tmp_path / "full")
    finally:
        served.stop()


@pytest.mark.slow
def test_preview_adds_and_removes_pages(tmp_path):
    """A scheme added to schemes.csv gets its page, and loses it when the row goes; an editor's page for the
    area replaces the generated one, and the generated one comes back when the file is deleted. After each
    edit the site served is the one a full build of the same files writes."""
    data = data_dir(tmp_path)
    project = project_copy(tmp_path, data)
    served = Served(tmp_path, data, "--dirty")
    schemes = data / "schemes.csv"
    original = schemes.read_text(encoding="utf-8")
    scheme = "test-new-scheme,testshire,A new scheme,Something new.,Everyone.,planned,rep-2016,Paragraph 11\n"
    narrative = project / "docs" / "areas" / "testshire.md"
    narrative.parent.mkdir(exist_ok=True)
    builds = 0

    def same_as_a_full_build() -> None:
        nonlocal builds
        builds += 1
        full_build(project, data, tmp_path / f"full-{builds}", served.url)
        same_as_full_build(served, tmp_path / f"full-{builds}")

    def shows(address: str, text: str) -> bool:
        return wait_for(lambda: text in served.page(address))

    try:
        assert shows("areas/testshire/", "2,459 days"), "the preview did not start\n" + served.log
        schemes.write_text(original + scheme, encoding="utf-8")
        assert shows("schemes/test-new-scheme/", "A new scheme"), served.log
        same_as_a_full_build()
        narrative.write_text("# Testshire\n\nWords an editor wrote.\n", encoding="utf-8")
        assert shows("areas/testshire/", "Words an editor wrote."), served.log
        same_as_a_full_build()
        schemes.write_text(original, encoding="utf-8")
        assert wait_for(lambda: "A new scheme" not in served.page("schemes/")), served.log
        assert not list(served.site.glob("schemes/test-new-scheme*"))
        same_as_a_full_build()
        narrative.unlink()
        assert wait_for(lambda: "Words an editor wrote." not in served.page("areas/testshire/")), served.log
        same_as_a_full_build()
    finally:
        served.stop()


def problems_in(page: str) -> list[str]:
    return [html.unescape(p) for p in re.findall(r'<pre class="problem">(.*?)</pre>', page, flags=re.S)]


@pytest.mark.slow
@pytest.mark.parametrize("how", [["--dirty"], []], ids=["make preview", "plain mkdocs serve"])
def test_preview_shows_a_mistake_in_the_browser_until_it_is_fixed(tmp_path, how):
    """Started on broken data, the preview shows the terminal's message on every page, with the live-reload
    script so that the next good save brings the site back; a page's macro error likewise. A plain `mkdocs
    serve` does the same (the browser never hangs). `mkdocs build` still fails on the same files."""
    data = data_dir(tmp_path)
    path = data / "observations.csv"
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace('"2,459"', '"2,4x9"'), encoding="utf-8")
    broken = build(tmp_path, data)
    assert broken.returncode != 0
    message = next(line.strip() for line in broken.stderr.splitlines() if "2,4x9" in line)
    served = Served(tmp_path, data, *how)
    try:
        assert wait_for(lambda: problems_in(served.page("areas/testshire/")), 300), served.log
        for address in ("", "areas/testshire/", "measures/"):
            page = fetch(served.url + address)
            (shown,) = problems_in(page)  # each mistake in the data one of the list, which the heading counts
            assert message.endswith(shown) and shown.startswith("data/observations.csv, line ")
            assert "<title>The preview has 1 problem to fix</title>" in page
            assert "livereload(" in page
        assert message in served.log

        path.write_text(good, encoding="utf-8")
        assert wait_for(lambda: "2,459 days" in served.page("areas/testshire/")), served.log

        home = tmp_path / "project" / "docs" / "index.md"
        text = home.read_text(encoding="utf-8")
        mistake = '{{ figure("testshir", "x") }}'
        home.write_text(text.rstrip("\n") + f"\n\n{mistake}\n", encoding="utf-8")
        line = home.read_text(encoding="utf-8").split("\n").index(mistake) + 1
        assert wait_for(lambda: problems_in(served.page("glossary/"))), served.log
        (shown,) = problems_in(served.page("glossary/"))
        assert shown.startswith(f"docs/index.md, line {line}: ") and "testshire" in shown
        home.write_text(text, encoding="utf-8")
        assert wait_for(lambda: not problems_in(served.page("glossary/")) and "2,459 days" in served.page("areas/testshire/")), served.log
    finally:
        served.stop()
    assert "Traceback" not in served.log


def test_make_preview_serves_with_dirty_builds():
    """The fast preview is `mkdocs serve --dirty`: the Makefile's preview runs it."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("\npreview:", 1)[1].split("\n\n", 1)[0]
    assert re.search(r"-m mkdocs serve --dirty\b", recipe)


@pytest.mark.slow
def test_preview_shows_a_broken_link_and_a_contradicted_figure_until_they_are_fixed(tmp_path):
    """Both stop `mkdocs build --strict` (issue 21, item 8): the preview shows each on every page, with its file
    and line, instead of a page that looks right, and the site again once the page is corrected."""
    data = data_dir(tmp_path)
    latest = max(
        (r for r in csv_rows(data, "observations") if r["measure_id"] == "dtc-days" and r["kind"] == "actual"), key=lambda r: r["period_end"]
    )
    wrong = f"{int(latest['value'].replace(',', '')) + 100:,}"
    when = f"{date.fromisoformat(latest['period_start']):%B %Y}"  # a month, as the site names it
    page_path = project_copy(tmp_path, data, docs={"areas/testshire.md": ""}) / "docs" / "areas" / "testshire.md"
    mistaken = f"---\ntitle: Testshire\n---\n\n# Testshire\n\nIn {when} people in Testshire spent {wrong} days waiting.\n"
    mistaken += "\nRead [the plan](plans/missing.md) too.\n"
    page_path.write_text(mistaken, encoding="utf-8")
    link_line = mistaken.splitlines().index("Read [the plan](plans/missing.md) too.") + 1
    served = Served(tmp_path, data, "--dirty")
    try:
        assert wait_for(lambda: problems_in(served.page("areas/testshire/")), 300), served.log
        for address in ("", "measures/"):
            shown = problems_in(served.page(address))
            assert any(p.startswith("docs/areas/testshire.md, line 7: ") and "does not match the data" in p for p in shown), shown
            assert any(p.startswith(f"docs/areas/testshire.md, line {link_line}: the link 'plans/missing.md'") for p in shown), shown
        page_path.write_text("---\ntitle: Testshire\n---\n\n# Testshire\n\nOur own words.\n", encoding="utf-8")
        assert wait_for(lambda: not problems_in(served.page("")) and "Testshire" in served.page("areas/testshire/")), served.log
    finally:
        served.stop()
    assert "Traceback" not in served.log
