#!/usr/bin/env python3
"""Build benchmark: this project on the synthetic national data set against plain mkdocs + Material.

    python benchmarks/build_benchmark.py            (or: make benchmark)
    python benchmarks/build_benchmark.py --areas 75 --schemes 1500   (half the size, to check scaling)

In one run, on this machine, it

1. generates the synthetic data set (benchmarks/synthetic.py) into benchmarks/out/national (the same
   bytes every time; other sizes get their own folder);
2. builds it with this project, `mkdocs build --strict` with CARE_DATA_DIR pointing at it: cold (empty
   chart cache), warm (charts unchanged since the last build) and after editing one value cell of
   observations.csv (the cell is put back afterwards);
3. writes the same pages' final markdown (after the macros and page generation), their chart SVGs and
   the downloads out as plain static files, and builds them with plain mkdocs + Material: the same
   theme, nav and markdown settings, no macros or care plugin, no page generation (the baseline);
4. starts the preview (`mkdocs serve --dirty`, what `make preview` runs) on the same project and times its
   first build, then how long after an edit the served page shows it: one value cell of observations.csv
   (the area's page must show the new figure) and one paragraph added to the home page; both are put back;
5. builds it again from a git repository holding the data with 50 commits (each correcting a figure):
   first with no history cache, then warm, as CI builds (the Updates page and each page's changes);
6. prints pages, wall time, pages per second and peak memory of each build, the page weights, the line
   `preview after one edit: X.Xs` (the CSV edit), and last the line `ratio: X.XX` (warm build / baseline).

    python benchmarks/build_benchmark.py --preview-only     (only step 4: a few minutes instead of fifteen)

The project's docs/areas/*.md, docs/schemes/*.md and docs/measures/*.md pages are written for the real
data (an editor's page for an area that does not exist stops the build), so the benchmark builds a copy
of the project without them: benchmarks/out/national-build/project. The sites, the chart cache and the
baseline are in benchmarks/out/national-build/ too.
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out"
HISTORY_COMMITS = 50  # issue 23: a national build with this much history
ROUNDS = 3  # the warm, baseline and history builds are each timed this many times, in turns: the median is given
sys.path.insert(0, str(ROOT / "benchmarks"))


def time_load(data: Path) -> float:
    """Seconds to read and validate the data set once, in this process (the first step of every build)."""
    sys.path.insert(0, str(ROOT))
    from macros.data.loader import load

    started = time.perf_counter()
    load(data)
    return time.perf_counter() - started


def time_drawing(data: Path, count: int) -> None:
    """Draw `count` of the data set's charts in this process, without the cache or worker processes: the CPU
    and wall time a chart. The Vega specs are made first (each form of chart compiled once), apart."""
    sys.path.insert(0, str(ROOT))
    from macros.data.loader import load
    from macros.presentation.charts import MIN_FIGURES, drawing, vega
    from macros.presentation.charts.points import plot, plotted, visible

    dataset = load(data)
    plots = []
    for (_, _, measure_id), series in dataset.series.items():
        points = plotted(series)
        if sum(1 for o in points if visible(o)) >= MIN_FIGURES:
            plots.append(plot(points, dataset.measures[measure_id]))
    plots = plots[:: max(1, len(plots) // count)][:count]  # spread over the data set
    print(f"Drawing {len(plots):,} of the data set's {len(dataset.series):,} series' charts; load average {os.getloadavg()[0]:.1f}", flush=True)
    cpu, wall = time.process_time(), time.perf_counter()
    specs = [vega.vega(p) for p in plots]
    forms = vega._form.cache_info().currsize
    print(f"Vega specs: {time.process_time() - cpu:.2f}s CPU, {time.perf_counter() - wall:.2f}s wall ({forms} forms compiled)")
    cpu, wall = time.process_time(), time.perf_counter()
    for one in specs:
        drawing.render_svg(one)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    print(f"drawing: {1000 * cpu / len(specs):.1f} ms CPU, {1000 * wall / len(specs):.1f} ms wall a chart; load average {os.getloadavg()[0]:.1f}")


# Projects ---------------------------------------------------------------------------------------------


def make_project(dest: Path) -> Path:
    """A copy of the project to build the synthetic data with: docs/ without the editors' pages about
    particular areas, schemes and measures of the real data. macros/ is copied too, so that editing the
    project while the benchmark runs (ten minutes) cannot change the code half of its builds run."""
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    shutil.copytree(
        ROOT / "docs",
        dest / "docs",
        ignore=lambda folder, names: [
            n for n in names if Path(folder).name in ("areas", "schemes", "measures") and Path(folder).parent == ROOT / "docs" and n.endswith(".md")
        ],
    )
    shutil.copytree(ROOT / "overrides", dest / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "macros", dest / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def baseline_config(project: Path, docs_dir: Path) -> str:
    """mkdocs.yml for the baseline: the project's, without the macros and care plugins."""
    import yaml

    class Loader(yaml.SafeLoader):
        """Reads mkdocs.yml's `!ENV [NAME, default]` settings (only the care plugin's, dropped here)."""

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    config["plugins"] = [p for p in config.get("plugins", []) if p == "search" or (isinstance(p, dict) and "search" in p)]
    config["docs_dir"] = str(docs_dir)
    config["theme"]["custom_dir"] = str(project / config["theme"]["custom_dir"])
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


# Measuring a build --------------------------------------------------------------------------------------


class Run:
    def __init__(self, name: str, seconds: float, max_rss_kb: int, site: Path, log: Path, cpu: float = 0.0):
        self.name, self.seconds, self.max_rss_kb, self.site, self.log = name, seconds, max_rss_kb, site, log
        self.cpu = cpu  # user + system seconds of the build and its workers: less swayed by other work on the machine
        self.pages = sum(1 for _ in site.rglob("*.html"))


def timed_build(name: str, cwd: Path, site: Path, env: dict[str, str], config: Path | None = None) -> Run:
    """`mkdocs build --strict` in a subprocess: wall time, and the peak memory (max RSS) of its process tree.

    The memory figure is the rusage the kernel keeps for that one child (os.wait4), the same figure
    resource.getrusage(RUSAGE_CHILDREN) accumulates: the largest single process, workers included."""
    log = site.parent / f"{name}.log"
    # Every build starts from an empty site folder, as on CI (a fresh checkout): emptying a folder of 25,000
    # files the last build left took mkdocs 5 to 15 s of system time here, and only some builds paid it.
    shutil.rmtree(site, ignore_errors=True)
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)]
    if config is not None:
        command += ["--config-file", str(config)]
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    with open(log, "w", encoding="utf-8") as out:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=run_env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{name} build failed (exit {process.returncode}); see {log}:\n" + log.read_text(encoding="utf-8")[-3000:])
    return Run(name, seconds, usage.ru_maxrss, site, log, usage.ru_utime + usage.ru_stime)


def median_run(runs: list[Run]) -> Run:
    """The run of median wall time (its CPU time and memory with it), named for the table as a median."""
    chosen = sorted(runs, key=lambda r: r.seconds)[len(runs) // 2]
    chosen.name = f"{chosen.name} ({len(runs)})" if len(runs) > 1 else chosen.name
    return chosen


# The baseline's static pages ------------------------------------------------------------------------------


def capture(project: Path, data: Path, cache: Path, docs_out: Path) -> None:
    """Run this project's build in this process, keeping each page's final markdown (after macros and page
    generation) instead of rendering it, then the charts and downloads it writes: the baseline's docs."""
    os.chdir(project)
    sys.path.insert(0, str(project))  # the project copy's macros/, not whichever checkout the virtualenv's install names
    os.environ.update(NO_MKDOCS_2_WARNING="1", CARE_DATA_DIR=str(data), CARE_CHART_CACHE=str(cache))
    import yaml
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    from macros.site.html_blocks import unmarked

    if docs_out.exists():
        shutil.rmtree(docs_out)
    site = docs_out.parent / "capture-site"
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(site))

    def keep(markdown, page, config, files):
        # The care plugin marks its generated HTML blocks for its Markdown extension (macros/site/html_blocks.py);
        # a plain mkdocs site has them in its markdown.
        markdown = unmarked(markdown)
        meta = {k: v for k, v in page.meta.items() if k != "render_macros"}
        front = f"---\n{yaml.safe_dump(meta, sort_keys=False, allow_unicode=True)}---\n\n" if meta else ""
        target = docs_out / page.file.src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(front + markdown, encoding="utf-8")
        return ""  # nothing to render: only the markdown is wanted here

    config.plugins.events["page_markdown"].append(keep)  # after the macros and care plugins
    build(config)
    for path in (project / "docs").rglob("*"):  # static files of docs/ (stylesheets, images)
        if path.is_file() and path.suffix != ".md":
            target = docs_out / path.relative_to(project / "docs")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    for name in ("charts", "downloads"):
        shutil.copytree(site / name, docs_out / name)
    shutil.copy(site / "build-report.txt", docs_out / "build-report.txt")
    shutil.rmtree(site)


# Page weight -------------------------------------------------------------------------------------------

_CHART = re.compile(r"charts/([0-9a-f]{20})\.svg")


def page_weights(site: Path) -> list[tuple[str, int, int, int, int]]:
    """(page, HTML bytes, own chart bytes, HTML gzipped, own charts gzipped) for every page. A page's own
    charts are those no other page shows; theme CSS, JavaScript and shared charts are not counted."""
    pages = sorted(site.rglob("*.html"))
    charts_of = {page: set(_CHART.findall(page.read_text(encoding="utf-8"))) for page in pages}
    shown = Counter(key for keys in charts_of.values() for key in keys)
    rows = []
    for page in pages:
        html = page.read_bytes()
        own = [(site / "charts" / f"{key}.svg").read_bytes() for key in sorted(charts_of[page]) if shown[key] == 1]
        rows.append(
            (
                str(page.relative_to(site).parent),
                len(html),
                sum(map(len, own)),
                len(gzip.compress(html, 6)),
                sum(len(gzip.compress(svg, 6)) for svg in own),
            )
        )
    return rows


def page_kind(page: str) -> str:
    """The type of a page, from its folder in the site as page_weights() names it."""
    parts = page.split("/")
    if parts[0] not in ("areas", "schemes", "measures"):
        return "home and 404" if page == "." else "other pages"
    if len(parts) == 1:
        return "indexes"
    if parts[1] == "index":
        return "parts of indexes"
    if len(parts) == 2:
        return f"{parts[0][:-1]} pages"
    return "parts of measure lists"  # measures/<id>/<n>/: a measure's areas, when they are too many for its page


def print_weights(site: Path) -> None:
    """Median and largest weight of the site's pages, all together and by type, and the search index."""
    weights = page_weights(site)
    html = [w[1] for w in weights]
    whole = [w[1] + w[2] for w in weights]
    gz = [w[3] + w[4] for w in weights]
    biggest = max(weights, key=lambda w: w[1] + w[2])
    print("Page weight (HTML plus the page's own chart SVGs; theme files and charts other pages share not counted):")
    print(
        f"  all pages: median {kb(statistics.median(whole))}, largest {kb(max(whole))} ({biggest[0]}/); "
        f"HTML alone median {kb(statistics.median(html))}, largest {kb(max(html))}"
    )
    print(f"  gzipped, as sent: median {kb(statistics.median(gz))}, largest {kb(max(gz))}")
    for name in sorted({page_kind(w[0]) for w in weights}):
        kind = [w for w in weights if page_kind(w[0]) == name]
        largest = max(kind, key=lambda w: w[1] + w[2])
        print(
            f"  {name:<23} {len(kind):>5,}: median {kb(statistics.median(w[1] + w[2] for w in kind))} "
            f"(HTML {kb(statistics.median(w[1] for w in kind))}, gzipped {kb(statistics.median(w[3] + w[4] for w in kind))}), "
            f"largest {kb(largest[1] + largest[2])} ({largest[0]}/, gzipped {kb(largest[3] + largest[4])})"
        )
    print_finder_and_maps(site)
    index = site / "search" / "search_index.json"
    if index.exists():
        raw = index.read_bytes()
        print(f"  shared: search index {kb(len(raw))} (gzipped {kb(len(gzip.compress(raw, 6)))})")


def print_finder_and_maps(site: Path) -> None:
    """What the finder downloads (its script and its names and places; a postcode's district file is measured by
    postcode_sizes.py) and the hex maps drawn into the pages."""
    finder = [site / "assets" / "finder.js", site / "finder" / "places.js"]  # the script is a theme asset (docs/assets/)
    if all(path.exists() for path in finder):
        sizes = ", ".join(f"{p.name} {kb(p.stat().st_size)} (gzipped {kb(len(gzip.compress(p.read_bytes(), 6)))})" for p in finder)
        print(f"  finder: {sizes}")
    maps = []
    for page in [site / "index.html", *sorted((site / "measures").glob("*/index.html"))]:
        found = re.search(r"<svg class=\"care-hexmap\".*?</svg>", page.read_text(encoding="utf-8"), re.S) if page.exists() else None
        if found:
            maps.append((page.relative_to(site).parent.as_posix() or "home", len(found[0].encode()), len(gzip.compress(found[0].encode(), 6))))
    if maps:
        largest = max(maps, key=lambda m: m[1])
        print(f"  hex maps: {len(maps)} pages; largest {kb(largest[1])} (gzipped {kb(largest[2])}, {largest[0]})")


def kb(n: float) -> str:
    return f"{n / 1000:,.0f} KB"


# Editing one cell ---------------------------------------------------------------------------------------


@dataclass
class Edit:
    original: bytes  # the file before the edit, to put back
    area_id: str  # the area whose page shows the edited figure
    value: str  # the new figure, as written in the file and shown on the page ("12,345")


def edit_one_cell(observations: Path, avoid: str = "") -> Edit:
    """Change the value of the first area-wide A&E figure (a series with no printed totals) by a number
    from the clock, so that its chart is new to the cache as an editor's edit would be. The new figure is
    one that `avoid` (the page before the edit) does not contain, so that the page showing it proves the edit."""
    import csv
    import io

    original = observations.read_bytes()
    lines = original.decode("utf-8").split("\n")
    i, header, row = _first_ae_row(lines)
    old = int(row["value"].replace(",", ""))
    row["value"] = next(v for step in range(1000) if (v := f"{old + 1 + (int(time.time()) + step) % 997:,}") not in avoid)
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([row[h] for h in header])
    lines[i] = out.getvalue()
    observations.write_bytes("\n".join(lines).encode("utf-8"))
    return Edit(original, row["area_id"], row["value"])


def first_ae_area(observations: Path) -> str:
    """The area whose figure edit_one_cell changes (to read its page before the edit)."""
    return _first_ae_row(observations.read_text(encoding="utf-8").split("\n"))[2]["area_id"]


def _first_ae_row(lines: list[str]) -> tuple[int, list[str], dict[str, str]]:
    import csv

    header = next(csv.reader([lines[0]]))
    for i, line in enumerate(lines[1:], start=1):
        if ",ae-attendances," in line:
            row = dict(zip(header, next(csv.reader([line]))))
            if not row["scheme_id"] and row["kind"] == "actual":
                return i, header, row
    raise SystemExit("observations.csv has no area-wide A&E actual figure to edit")


def history_repository(data: Path, dest: Path, commits: int) -> Path:
    """A git repository whose data folder is `data` with `commits` commits of observations.csv: the data as it
    is, then each later commit correcting one actual figure (a different row each time, a day apart, with a
    reason in its message), as an editor's history would be. The data folder in it is returned."""
    import csv
    import io

    shutil.rmtree(dest, ignore_errors=True)
    folder = dest / "data"
    shutil.copytree(data, folder)
    git_env = {**os.environ, "GIT_AUTHOR_NAME": "An editor", "GIT_AUTHOR_EMAIL": "editor@example.org"}
    git_env |= {"GIT_COMMITTER_NAME": "An editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}

    def commit(message: str, day: int) -> None:
        stamp = (datetime(2026, 1, 1, 12, tzinfo=UTC) + timedelta(days=day)).isoformat()
        env = {**git_env, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
        subprocess.run(["git", "add", "-A"], cwd=dest, check=True, env=env)
        subprocess.run(["git", "commit", "-q", "-m", message], cwd=dest, check=True, env=env)

    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=dest, check=True)
    commit("The figures as first published", 0)
    path = folder / "observations.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    header = next(csv.reader([lines[0]]))
    rows = {i: dict(zip(header, next(csv.reader([line])))) for i, line in enumerate(lines[1:], start=1) if ",actual," in line}
    whole = [i for i, row in rows.items() if row["kind"] == "actual" and row["value"].replace(",", "").isdigit()]
    for n in range(1, commits):
        i = whole[n * len(whole) // commits]
        row = rows[i]
        row["value"] = f"{int(row['value'].replace(',', '')) + n:,}"
        out = io.StringIO()
        csv.writer(out, lineterminator="").writerow([row[h] for h in header])
        lines[i] = out.getvalue()
        path.write_text("\n".join(lines), encoding="utf-8")
        commit(f"Correct {row['area_id']}'s {row['period_label']} figure: the report's table had it", n)
    return folder


# The preview ------------------------------------------------------------------------------------------


@dataclass
class PreviewTimes:
    first_build: float  # from starting `mkdocs serve --dirty` to the first page served
    csv_edit: float  # from saving a one-cell edit of observations.csv to the area page showing the new figure
    page_edit: float  # from saving an edit of the home page to the served page showing it
    page: str  # the editor's page edited
    peak_mb: float = 0.0  # the serving process's peak resident memory (VmHWM) at the end


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=600) as response:
        return response.read().decode("utf-8")


def wait_until(condition, seconds: float) -> float:
    """Poll `condition` every 0.05 s (a request waits while the preview builds); the time it took to hold."""
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        try:
            if condition():
                return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit(f"the preview did not show the change within {seconds:.0f} s")


def time_preview(project: Path, data: Path, env: dict[str, str], log: Path) -> PreviewTimes:
    """Start the preview as `make preview` does, on the national project; time its first build, then a one-cell
    CSV edit and a page edit, each from the moment the file is saved to the moment the served page shows it.
    The edited files are put back, and the server stopped, before returning."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}/"
    temp = log.parent / "preview-tmp"  # mkdocs serve builds into a temporary folder: keep it beside the rest
    shutil.rmtree(temp, ignore_errors=True)
    temp.mkdir()
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp), **env}
    command = [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--dev-addr", f"127.0.0.1:{port}"]
    observations, home = data / "observations.csv", project / "docs" / "index.md"
    original_home = home.read_bytes()
    edit = None
    with open(log, "w", encoding="utf-8") as out:
        started = time.perf_counter()
        server = subprocess.Popen(command, cwd=project, env=run_env, stdout=out, stderr=subprocess.STDOUT)
        try:
            wait_until(lambda: _running(server, log) and "</html>" in fetch(base), 3600)
            first = time.perf_counter() - started
            area_url = f"{base}areas/{first_ae_area(observations)}/"
            time.sleep(2)  # let the file watcher settle after the first build
            edit = edit_one_cell(observations, avoid=fetch(area_url))
            csv_edit = wait_until(lambda: edit.value in fetch(area_url), 600)
            token = f"Preview check {int(time.time())}"
            home.write_bytes(original_home + f"\n\n{token}.\n".encode())
            page_edit = wait_until(lambda: token in fetch(base), 600)
            peak_mb = _peak_rss_kb(server.pid) / 1024
        finally:
            home.write_bytes(original_home)
            if edit is not None:
                observations.write_bytes(edit.original)
            server.terminate()
            server.wait(timeout=60)
            shutil.rmtree(temp, ignore_errors=True)
    return PreviewTimes(first, csv_edit, page_edit, "docs/index.md", peak_mb)


def _peak_rss_kb(pid: int) -> int:
    """The peak resident memory of a running process (its high-water mark, VmHWM), in KB; 0 where /proc has none."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return 0
    found = re.search(r"^VmHWM:\s+(\d+) kB", status, flags=re.M)
    return int(found[1]) if found else 0


# Main -----------------------------------------------------------------------------------------------------


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Build benchmark against plain mkdocs + Material.")
    parser.add_argument("--areas", type=int, default=155, help="England's 151 councils on the hex map and 4 made-up partnerships (the most)")
    parser.add_argument("--schemes", type=int, default=3000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-cold", action="store_true", help="skip the cold build (keeps the chart cache)")
    parser.add_argument(
        "--project-only", action="store_true", help="only generate the data and the project copy, and print the command that builds it"
    )
    parser.add_argument("--preview-only", action="store_true", help="only time the preview (mkdocs serve --dirty): its first build and one edit")
    parser.add_argument("--weights", metavar="SITE", type=Path, help="only print the page weights of a site already built into SITE")
    parser.add_argument("--draw", metavar="N", type=int, help="only time drawing N of the data set's charts in this process (no cache, no workers)")
    parser.add_argument("--capture", nargs=4, metavar=("PROJECT", "DATA", "CACHE", "DOCS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.capture:
        capture(*(Path(p) for p in args.capture))
        return 0
    if args.weights:
        print_weights(args.weights)
        return 0

    import synthetic

    size = (
        "national"
        if (args.areas, args.schemes, args.years, args.seed) == (155, 3000, 3, 1)
        else f"areas{args.areas}-schemes{args.schemes}-years{args.years}-seed{args.seed}"
    )
    data, base = OUT / size, OUT / f"{size}-build"
    cache = base / "chart-cache"
    base.mkdir(parents=True, exist_ok=True)
    print(f"Generating the synthetic data set into {data} ...", flush=True)  # 3 s; the same bytes every time
    synthetic.generate(data, args.areas, args.schemes, args.years, args.seed)
    if args.draw:
        time_drawing(data, args.draw)
        return 0
    print(f"load: {time_load(data):.1f}s", flush=True)
    loads = [os.getloadavg()]
    project = make_project(base / "project")
    env = {"CARE_DATA_DIR": str(data), "CARE_CHART_CACHE": str(cache)}
    if args.project_only:
        print(
            f"cd {project} && CARE_DATA_DIR={data} CARE_CHART_CACHE={cache} "
            f"NO_MKDOCS_2_WARNING=1 {sys.executable} -m mkdocs build --strict --site-dir {base / 'site'}"
        )
        return 0
    if args.preview_only:
        print("Starting the preview (mkdocs serve --dirty) and editing one cell, then the home page ...", flush=True)
        preview = time_preview(project, data, env, base / "preview.log")
        print_preview(preview)
        return 0
    ours = base / "site"
    runs: list[Run] = []

    if not args.no_cold:
        shutil.rmtree(cache, ignore_errors=True)
        print("Building with this project, cold (no chart cache) ...", flush=True)
        runs.append(timed_build("cold", project, ours, env))
    else:  # the baseline's pages are captured from a build with every chart cached
        print("Building with this project, warm (charts cached) ...", flush=True)
        timed_build("warm", project, ours, env)

    print("Writing the same pages as plain files for the baseline ...", flush=True)
    docs = base / "baseline" / "docs"
    docs.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, __file__, "--capture", str(project), str(data), str(cache), str(docs)],
        check=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL,
    )
    config = base / "baseline" / "mkdocs.yml"
    config.write_text(baseline_config(project, docs), encoding="utf-8")

    print(f"Making a history of {HISTORY_COMMITS} commits and building with it (the Updates page and each page's changes) ...", flush=True)
    history_data = history_repository(data, base / "history", HISTORY_COMMITS)
    history_env = {**env, "CARE_DATA_DIR": str(history_data), "CARE_HISTORY_CACHE": str(base / "history-cache")}
    shutil.rmtree(base / "history-cache", ignore_errors=True)
    runs.append(timed_build("history, first", project, ours, history_env))  # reads every commit's changes

    # The builds the ratios compare, in turns: the same build's wall time varies by a fifth here from one run to
    # the next (system time, mostly), so each is the median of ROUNDS, each round taking all three in turn.
    rounds: dict[str, list[Run]] = {"warm": [], "baseline": [], "history, warm": []}
    for turn in range(1, ROUNDS + 1):
        print(f"Round {turn} of {ROUNDS}: warm (charts cached), plain mkdocs + Material (the baseline), warm with the history cached ...", flush=True)
        rounds["warm"].append(timed_build("warm", project, ours, env))
        rounds["baseline"].append(timed_build("baseline", base / "baseline", base / "baseline" / "site", {}, config))
        rounds["history, warm"].append(timed_build("history, warm", project, ours, history_env))  # the history cached, as on CI
    warm, baseline, with_history = (median_run(rounds[name]) for name in ("warm", "baseline", "history, warm"))
    runs += [warm, baseline, with_history]

    print("Editing one cell of observations.csv and building again ...", flush=True)
    edit = edit_one_cell(data / "observations.csv")
    try:
        edited = timed_build("after one edit", project, ours, env)
    finally:
        (data / "observations.csv").write_bytes(edit.original)
    runs.append(edited)

    print("Starting the preview (mkdocs serve --dirty) and editing one cell, then the home page ...", flush=True)
    preview = time_preview(project, data, env, base / "preview.log")

    print()
    print(f"Data: {data} ({args.areas} areas, {args.schemes} schemes, {args.years} years, seed {args.seed})")
    loads.append(os.getloadavg())
    print(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    # Other work on the machine slows the wall times (CPU times much less): 1-, 5- and 15-minute load averages.
    print("Load average at the start: {:.1f} {:.1f} {:.1f}; at the end: {:.1f} {:.1f} {:.1f}".format(*loads[0], *loads[1]))
    print()
    print(f"{'build':<16}{'pages':>8}{'wall time':>12}{'CPU time':>12}{'pages/s':>10}{'peak memory':>14}")
    for run in runs:
        print(
            f"{run.name:<16}{run.pages:>8,}{run.seconds:>11.1f}s{run.cpu:>11.1f}s{run.pages / run.seconds:>10.1f}{run.max_rss_kb / 1024:>11,.0f} MB"
        )
    print()
    print(
        f"Each round's warm / baseline (the {ROUNDS} rounds, in turn): "
        + ", ".join(f"{w.seconds / b.seconds:.2f}" for w, b in zip(rounds["warm"], rounds["baseline"]))
    )
    print(
        "Each round's with history / baseline: "
        + ", ".join(f"{h.seconds / b.seconds:.2f}" for h, b in zip(rounds["history, warm"], rounds["baseline"]))
    )
    print()
    print_weights(ours)
    import postcode_sizes

    print(postcode_sizes.report(postcode_sizes.measure(ROOT / "benchmarks" / "out" / "postcodes", 1_500_000)))
    print()
    print(f"Rebuild after editing one CSV cell: {edited.seconds:.1f}s")
    print_preview(preview)
    print(f"Peak memory of all builds (RUSAGE_CHILDREN): {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:,.0f} MB")
    print(f"peak memory / baseline: {warm.max_rss_kb / baseline.max_rss_kb:.2f}")
    print(f"CPU time, warm / baseline: {warm.cpu / baseline.cpu:.2f}")
    if not args.no_cold:
        print(f"CPU time, cold / baseline: {runs[0].cpu / baseline.cpu:.2f}")
        print(f"cold / baseline: {runs[0].seconds / baseline.seconds:.2f}")
    print(f"with {HISTORY_COMMITS} commits of history, warm / baseline: {with_history.seconds / baseline.seconds:.2f}")
    print(f"ratio: {warm.seconds / baseline.seconds:.2f}")
    return 0


def _running(server: subprocess.Popen, log: Path) -> bool:
    if server.poll() is not None:
        raise SystemExit(f"the preview stopped (exit {server.returncode}); see {log}:\n" + log.read_text(encoding="utf-8")[-3000:])
    return True


def print_preview(times: PreviewTimes) -> None:
    print(f"preview first build: {times.first_build:.1f}s (mkdocs serve --dirty, until the first page is served)")
    print(f"preview after one page edit: {times.page_edit:.1f}s ({times.page}, saved to served)")
    print(f"preview after one edit: {times.csv_edit:.1f}s (one cell of observations.csv, saved to the area page served)")
    print(f"preview peak memory: {times.peak_mb:.0f} MB (the mkdocs serve --dirty process, after its first build and both edits)")


if __name__ == "__main__":
    sys.exit(main())
