#!/usr/bin/env python3
"""Lighthouse (its default mobile profile) on one page of every type of a built site, and what a first
visit to an area page costs in bytes.

    (cd benchmarks/lighthouse && PUPPETEER_SKIP_DOWNLOAD=1 npm ci)     # once: Lighthouse 12.8.2, pinned
    .venv/bin/python benchmarks/lighthouse.py                           # the built-in site (built into a temp folder)
    .venv/bin/python benchmarks/lighthouse.py --site national=benchmarks/out/national-build/site

Each site is served by benchmarks/pages_server.py (gzip and caching as GitHub Pages serves them) on a free
port. For each page type (home, area, scheme, measure, glossary, data and method, editors) it takes the
largest page of that type, the hardest case, and runs Lighthouse on it --runs times (default 3) with the
system's Chromium (CHROME_PATH, default /usr/bin/chromium); it reports the run with the median
performance score, as Lighthouse's own guidance on variance advises. It prints the four category
scores and the timings behind the performance score per page type, then the bytes a first visit (empty
cache) to the area page transferred, in all and for the search index.

Lighthouse's performance score depends on the machine's speed and load (it simulates a slow phone from
what it measured here), so this is a benchmark, not a test: `make test` does not run it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages_server import PagesServer  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "benchmarks" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-component-update --disable-sync"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TIMINGS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
# Page type -> its pages, as globs under the site folder; the largest file of each is the one measured.
PAGE_TYPES = {
    "home": ["index.html"],
    "area": ["areas/*/index.html"],
    "scheme": ["schemes/*/index.html"],
    "measure": ["measures/*/index.html"],
    "glossary": ["glossary/index.html"],
    "data and method": ["data/index.html"],
    "editors": ["editors/index.html"],
}
SEARCH_INDEX = "search/search_index.json"


def largest_page(site: Path, globs: list[str]) -> str:
    """The URL path of the largest HTML file matching the globs: the heaviest page of its type."""
    files = [f for g in globs for f in site.glob(g)]
    if not files:
        sys.exit(f"{site} has no page matching {globs}: is it a built site?")
    file = max(files, key=lambda f: (f.stat().st_size, str(f)))
    folder = file.relative_to(site).parent.as_posix()
    return "/" if folder == "." else f"/{folder}/"


def run_lighthouse(url: str, out: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium"), "PUPPETEER_SKIP_DOWNLOAD": "1"}
    command = [
        str(LIGHTHOUSE),
        url,
        "--output=json",
        f"--output-path={out}",
        "--quiet",
        f"--chrome-flags={CHROME_FLAGS}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0 or not out.exists():
        sys.exit(f"Lighthouse failed on {url} (exit {result.returncode}):\n{result.stderr[-3000:]}")
    report = json.loads(out.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        sys.exit(f"Lighthouse could not load {url}: {report['runtimeError']}")
    return report


def scores(report: dict) -> dict[str, int | None]:
    return {c: None if report["categories"][c]["score"] is None else round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def failing_audits(report: dict, category: str) -> list[str]:
    """The ids of the audits that cost a category points (weighted, scored below 1)."""
    audits = report["audits"]
    return [
        ref["id"]
        for ref in report["categories"][category]["auditRefs"]
        if ref["weight"] > 0 and audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1
    ]


def first_visit_bytes(report: dict) -> tuple[int, int, int]:
    """Bytes transferred by the page's load (empty cache), of them the search index's, and the requests."""
    requests = report["audits"]["network-requests"]["details"]["items"]
    total = sum(r.get("transferSize", 0) for r in requests)
    index = sum(r.get("transferSize", 0) for r in requests if r["url"].split("?")[0].endswith(SEARCH_INDEX))
    return total, index, len(requests)


def measure_site(label: str, site: Path, runs: int, keep: Path | None) -> list[tuple[str, str, dict]]:
    rows = []
    with PagesServer(site) as served, tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out_dir = keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for page_type, globs in PAGE_TYPES.items():
            path = largest_page(site, globs)
            reports = []
            for run in range(runs):
                name = f"{label}-{page_type.replace(' ', '-')}-{run + 1}.json"
                reports.append(run_lighthouse(served.url + path, out_dir / name))
                print(f"  {label} {page_type} {path} run {run + 1}: performance {scores(reports[-1])['performance']}", file=sys.stderr, flush=True)
            performance = [scores(r)["performance"] or 0 for r in reports]
            median = statistics.median_low(performance)
            rows.append((page_type, path, reports[performance.index(median)]))
    return rows


def print_table(label: str, site: Path, rows: list[tuple[str, str, dict]]) -> None:
    print(f"\n{label}: {site}")
    header = f"{'page type':<16}{'perf':>5}{'a11y':>5}{'b.p.':>5}{'seo':>5}   {'FCP':>6}{'LCP':>6}{'TBT':>6}{'CLS':>6}{'SI':>6}  page, and what cost points"
    print(header)
    for page_type, path, report in rows:
        s = scores(report)
        audits = report["audits"]
        timing = []
        for audit_id, short in TIMINGS.items():
            value = audits[audit_id]["numericValue"]
            timing.append(f"{value:6.3f}" if short == "CLS" else f"{value / 1000:5.1f}s" if short != "TBT" else f"{value:4.0f}ms")
        lost = [f"{c}: {', '.join(ids)}" for c in CATEGORIES if (ids := failing_audits(report, c))]
        cells = "".join(f"{'-' if s[c] is None else s[c]:>5}" for c in CATEGORIES)
        print(f"{page_type:<16}{cells}   {''.join(timing)}  {path}" + (f"  [{'; '.join(lost)}]" if lost else ""))
    area = next(report for page_type, _, report in rows if page_type == "area")
    total, index, count = first_visit_bytes(area)
    index_file = site / SEARCH_INDEX
    print(
        f"First visit to the area page ({count} requests): {total / 1024:.0f} KB transferred, "
        f"of which the search index {index / 1024:.0f} KB"
        + (f" (the index, {index_file.stat().st_size / 1024:.0f} KB, is fetched when the reader starts to search)" if index == 0 and index_file.exists() else "")
    )


def build_builtin(dest: Path) -> Path:
    site = dest / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)]
    print("Building the built-in site ...", file=sys.stderr, flush=True)
    subprocess.run(command, cwd=ROOT, env=env, check=True)
    return site


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Lighthouse scores per page type, and the bytes of a first visit to an area page.")
    parser.add_argument(
        "--site",
        action="append",
        default=[],
        metavar="LABEL=DIR",
        help="a built site to measure (repeatable); without it, the built-in site is built and measured",
    )
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page (the median is reported)")
    parser.add_argument("--keep", type=Path, help="keep the Lighthouse JSON reports in this folder")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        sys.exit(f"Lighthouse is not installed: run `cd {LIGHTHOUSE.parents[2]} && PUPPETEER_SKIP_DOWNLOAD=1 npm ci` first.")
    with tempfile.TemporaryDirectory(prefix="care-site-") as tmp:
        sites = []
        for item in args.site:
            label, _, folder = item.rpartition("=")
            if not Path(folder, "index.html").is_file():
                sys.exit(f"--site {item}: {folder} has no index.html; give LABEL=DIR of a built site.")
            sites.append((label or Path(folder).name, Path(folder).resolve()))
        if not sites:
            sites.append(("built-in", build_builtin(Path(tmp))))
        results = [(label, site, measure_site(label, site, args.runs, args.keep)) for label, site in sites]
    for label, site, rows in results:
        print_table(label, site, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
