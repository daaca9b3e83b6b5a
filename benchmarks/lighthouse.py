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
scores and the timings behind the performance score per page type, then what a first visit (empty
cache) to the area page downloads, counted by the server: on load, scrolled to the end, and once the
reader starts to search (the search index's share is named). --bytes-only skips Lighthouse; --page TYPE
(repeatable) runs it on those page types only. Each run's score, total blocking time and benchmarkIndex
are printed as it ends.

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


def _kind(path: str) -> str:
    if path.endswith(SEARCH_INDEX):
        return "search index"
    if "/workers/search." in path:
        return "search worker"
    suffix = path.rsplit(".", 1)[-1] if "." in path.rsplit("/", 1)[-1] else "html"
    return {"html": "HTML", "css": "CSS", "js": "JavaScript", "svg": "images", "png": "images"}.get(suffix, "other")


def _summary(sent: list[tuple[str, int]]) -> str:
    by_kind: dict[str, int] = {}
    for path, size in sent:
        by_kind[_kind(path)] = by_kind.get(_kind(path), 0) + size
    parts = ", ".join(f"{kind} {size / 1024:.0f} KB" for kind, size in sorted(by_kind.items(), key=lambda item: -item[1]))
    return f"{sum(size for _, size in sent) / 1024:.0f} KB in {len(sent)} requests ({parts})"


def first_visit(served: PagesServer, path: str) -> list[str]:
    """What a first visit to a page costs, counted by the server as it sends (gzipped, headers included):
    on load, then scrolled to the end (the charts are loading="lazy"), then once the reader starts to
    search. Headless Chromium with an empty cache and Lighthouse's phone screen (412 x 823)."""
    from playwright.sync_api import sync_playwright

    lines = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=os.environ.get("CHROME_PATH", "/usr/bin/chromium"), args=CHROME_FLAGS.split()[1:])
        context = browser.new_context(viewport={"width": 412, "height": 823}, device_scale_factor=1.75, is_mobile=True, has_touch=True)
        page = context.new_page()
        served.sent.clear()
        page.goto(served.url + path, wait_until="networkidle")
        on_load = list(served.sent)
        index = sum(size for sent_path, size in on_load if sent_path.endswith(SEARCH_INDEX))
        lines.append(f"  on load: {_summary(on_load)}; of it the search index {index / 1024:.0f} KB")
        served.sent.clear()
        page.evaluate("""async () => {
            for (let y = 0; y < document.body.scrollHeight; y += innerHeight / 2) {
                scrollTo(0, y); await new Promise(done => setTimeout(done, 50)); }}""")
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)
        lines.append(f"  scrolled to the end: {_summary(list(served.sent))}" if served.sent else "  scrolled to the end: nothing more")
        served.sent.clear()
        page.keyboard.press("/")  # Material's key for search
        page.keyboard.type("care")
        page.wait_for_selector(".md-search-result__list > li", timeout=120_000)
        page.wait_for_load_state("networkidle")
        lines.append(f"  started a search: {_summary(list(served.sent))}" if served.sent else "  started a search: nothing more")
        browser.close()
    return lines


def measure_site(label: str, site: Path, runs: int, keep: Path | None, lighthouse: bool, types: list[str]) -> tuple[list, list[str]]:
    """Lighthouse on the largest page of each of the page types named (unless lighthouse is False), then
    a first visit to the area page. Rows are (page type, URL path, the median run's report, every run's
    performance)."""
    rows = []
    with PagesServer(site) as served, tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        out_dir = keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for page_type, globs in PAGE_TYPES.items():
            path = largest_page(site, globs)
            if not lighthouse or page_type not in types:
                rows.append((page_type, path, None, []))
                continue
            reports = []
            for run in range(runs):
                name = f"{label}-{page_type.replace(' ', '-')}-{run + 1}.json"
                reports.append(run_lighthouse(served.url + path, out_dir / name))
                report = reports[-1]
                tbt, index = report["audits"]["total-blocking-time"]["numericValue"], report["environment"]["benchmarkIndex"]
                print(
                    f"  {label} {page_type} {path} run {run + 1}: performance {scores(report)['performance']}, "
                    f"TBT {tbt:.0f} ms, benchmarkIndex {index:.0f}",
                    file=sys.stderr,
                    flush=True,
                )
            performance = [scores(r)["performance"] or 0 for r in reports]
            median = statistics.median_low(performance)
            rows.append((page_type, path, reports[performance.index(median)], performance))
        area = next(path for page_type, path, *_ in rows if page_type == "area")
        visit = first_visit(served, area)
    return rows, visit


def print_site(label: str, site: Path, rows: list, visit: list[str]) -> None:
    print(f"\n{label}: {site}")
    measured = [row for row in rows if row[2] is not None]
    if measured:
        scores_head = f"{'page type':<16}{'perf':>5}{'a11y':>5}{'b.p.':>5}{'seo':>5}"
        print(f"{scores_head}  {'FCP':>6}{'LCP':>6}{'TBT':>7}{'CLS':>7}{'SI':>6}  runs  page, and what cost points")
        for page_type, path, report, performance in measured:
            s = scores(report)
            audits = report["audits"]
            ms = {short: audits[audit_id]["numericValue"] for audit_id, short in TIMINGS.items()}
            timing = f"{ms['FCP'] / 1000:5.1f}s{ms['LCP'] / 1000:5.1f}s{ms['TBT']:5.0f}ms{ms['CLS']:7.3f}{ms['SI'] / 1000:5.1f}s"
            lost = [f"{c}: {', '.join(ids)}" for c in CATEGORIES if (ids := failing_audits(report, c))]
            cells = "".join(f"{'-' if s[c] is None else s[c]:>5}" for c in CATEGORIES)
            runs = "/".join(map(str, performance))
            print(f"{page_type:<16}{cells}  {timing}  {runs}  {path}" + (f"  [{'; '.join(lost)}]" if lost else ""))
        index = statistics.median(r[2]["environment"]["benchmarkIndex"] for r in measured)
        print(f"(perf: the median of the runs listed; this machine's Lighthouse benchmarkIndex, median: {index:.0f})")
    area = next(path for page_type, path, *_ in rows if page_type == "area")
    print(f"First visit to the area page {area} (empty cache, phone screen, bytes as sent):")
    for line in visit:
        print(line)


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
    parser.add_argument(
        "--page",
        action="append",
        choices=list(PAGE_TYPES),
        metavar="TYPE",
        help=f"only this page type (repeatable; one of: {', '.join(PAGE_TYPES)}); default all",
    )
    parser.add_argument("--bytes-only", action="store_true", help="skip Lighthouse: only the bytes of a first visit to an area page")
    args = parser.parse_args(argv)
    if not args.bytes_only and not LIGHTHOUSE.exists():
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
        results = [
            (label, site, *measure_site(label, site, args.runs, args.keep, not args.bytes_only, args.page or list(PAGE_TYPES)))
            for label, site in sites
        ]
    for label, site, rows, visit in results:
        print_site(label, site, rows, visit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
