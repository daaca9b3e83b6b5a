"""Shared helpers: a data folder made from a fixture, a real mkdocs build into a temporary folder, and what
the pages should say worked out from a data folder's CSV files in the test itself (`expected_headlines`), so
tests of the built-in data check invariants rather than its figures.

CARE_TEST_DATA=/path/to/a/copy/of/data runs the built-in-data tests (`real_site`) against that folder: an
editor's corrected copy must pass them as the built-in data does."""

from __future__ import annotations

import calendar
import csv
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "tiny"
ERRORS = ROOT / "tests" / "fixtures" / "errors"
JUDGED = ROOT / "tests" / "fixtures" / "judged"  # outcomes known by design: see its README.md
# The data `real_site` builds: the built-in data, or an edited copy named by CARE_TEST_DATA.
REAL_DATA = Path(os.environ.get("CARE_TEST_DATA") or ROOT / "data").resolve()
MKDOCS = [sys.executable, "-m", "mkdocs"]


def data_dir(tmp_path: Path, source: Path = TINY, **replace: Path) -> Path:
    """A copy of a data folder with some files replaced, e.g. observations=ERRORS / 'x.csv'."""
    target = tmp_path / "data"
    shutil.copytree(source, target)
    for name, path in replace.items():
        shutil.copy(path, target / f"{name}.csv")
    return target


def build(
    tmp_path: Path,
    data: Path | None = None,
    docs: dict[str, str] | None = None,
    config: str | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 600,
) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict` on a copy of the project with the given data and extra docs pages. It ends when
    every process holding the build's output has ended (TimeoutExpired after `timeout` seconds)."""
    project = project_copy(tmp_path, data, docs, config)
    run_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CARE_CHART_CACHE": str(tmp_path / "chart-cache")}
    if data is not None:
        run_env["CARE_DATA_DIR"] = str(data)
    run_env.update(env or {})
    return subprocess.run(
        MKDOCS + ["build", "--strict", "--site-dir", str(project / "site")], cwd=project, env=run_env, capture_output=True, text=True, timeout=timeout
    )


def built_site(tmp_path: Path, data: Path | None = None, **how) -> Path:
    """The site folder of a `build` (same arguments) that must succeed; its output is the failure message."""
    result = build(tmp_path, data, **how)
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp_path / "project" / "site"


def project_copy(tmp_path: Path, data: Path | None = None, docs: dict[str, str] | None = None, config: str | None = None) -> Path:
    """tmp_path/project: a copy of the project (its macros/ linked) with the given extra docs pages and mkdocs.yml."""
    project = tmp_path / "project"
    if not project.exists():
        project.mkdir()
        for name in ("docs", "overrides"):
            shutil.copytree(ROOT / name, project / name)
        if data is not None and data.resolve() != (ROOT / "data").resolve():
            # Editors' pages for the built-in areas (docs/areas/southampton.md) describe areas other data sets
            # do not have; the build rightly refuses them, so leave them out.
            for section in ("areas", "schemes", "measures"):
                shutil.rmtree(project / "docs" / section, ignore_errors=True)
        os.symlink(ROOT / "macros", project / "macros")
        shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
        shutil.copy(ROOT / "package.json", project / "package.json")  # the accessibility statement names the checkers' versions
    for path, content in (docs or {}).items():
        target = project / "docs" / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    if config is not None:
        (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def page(result_dir: Path, url: str) -> str:
    return (result_dir / "project" / "site" / url / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory) -> Path:
    """The tiny fixture built once for the whole session; returns the folder holding project/site."""
    tmp = tmp_path_factory.mktemp("tiny")
    result = build(tmp, data_dir(tmp))
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Path:
    """The built-in data built once for the whole session."""
    tmp = tmp_path_factory.mktemp("real")
    # Built as the project's own data (so docs/areas/southampton.md and the other editors' pages stay),
    # from REAL_DATA.
    result = build(tmp, ROOT / "data", env={"CARE_DATA_DIR": str(REAL_DATA)})
    assert result.returncode == 0, result.stdout + result.stderr
    (tmp / "build-output.txt").write_text(result.stdout + result.stderr, encoding="utf-8")
    return tmp


@pytest.fixture(scope="session")
def judged_site(tmp_path_factory) -> Path:
    """tests/fixtures/judged built once for the whole session."""
    tmp = tmp_path_factory.mktemp("judged")
    result = build(tmp, data_dir(tmp, JUDGED))
    assert result.returncode == 0, result.stdout + result.stderr
    return tmp


# What the pages should say, worked out from the CSV files -------------------------------------------------
# Written here on purpose rather than imported from macros/: an independent reading of the same rules.

STATUS_WORDS = {
    "better": "Better than plan",
    "worse": "Worse than plan",
    "on-plan": "On plan",
    "no-plan": "No plan to compare",
    "no-result": "No result published",
    "not-rated": "Not rated: neither higher nor lower is better",
    # The report's own judgement in words (outcomes.csv), kept apart from one worked out from figures.
    "stated-better": "Better than target (the report says)",
    "stated-on-plan": "On target (the report says)",
    "stated-worse": "Worse than target (the report says)",
    # A target set for later with no result for its period (issue 20): never judged, counted apart.
    "target-later": "Target for later",
}
NO_FIGURE = {
    "",
    "n/a",
    "na",
    "not applicable",
    "not recorded",
    "not published",
    "not available",
    "-",
    "–",
    "suppressed",
    "z",
    "[z]",
    "x",
    "[x]",
    "..",
    "c",
    "[c]",
    "*",
}
_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen "
        "fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90})
_SCALE = {"k": 1e3, "m": 1e6, "million": 1e6, "bn": 1e9, "billion": 1e9}


def csv_rows(folder: Path, name: str) -> list[dict[str, str]]:
    """The rows of folder/name.csv as dicts, cells stripped, blank rows left out."""
    with open(folder / f"{name}.csv", encoding="utf-8-sig", newline="") as f:
        rows = [{k.strip().lower(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(f)]
    return [r for r in rows if any(r.values())]


def cell_number(cell: str) -> float | None:
    """A figure as a report prints it ('8,407', '21%', '£1.2m', 'seven'); None for no figure ('', 'n/a')."""
    cell = cell.strip().lower()
    if cell in NO_FIGURE:
        return None
    if cell in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[cell])
    match = re.fullmatch(r"([-−])?\s*£?\s*([\d,]*\.?\d+)\s*(%|k|m|million|bn|billion)?\s*\**", cell)
    assert match, f"the test cannot read the figure {cell!r}"
    value = float(match[2].replace(",", "")) * _SCALE.get(match[3] or "", 1)
    return -value if match[1] else value


def cell_date(cell: str) -> date:
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", cell):
        d, m, y = map(int, cell.split("/"))
        return date(y, m, d)
    return date.fromisoformat(cell[:10])


def day(d: date) -> str:
    """A date as the site writes it: 11 December 2017."""
    return f"{d.day} {d:%B %Y}"


def report_day(source: dict[str, str]) -> str:
    """A report's date (a row of sources.csv) as the site writes it, no finer than its date_stated: 11 December
    2017; August 2012 for a report dated only to the month; 2012 for one dated only to the year."""
    d = cell_date(source["date"])
    return {"month": f"{d:%B %Y}", "year": str(d.year)}.get(source.get("date_stated") or "day", day(d))


def _year_later(d: date) -> date:
    last = calendar.monthrange(d.year + 1, d.month)[1]
    return date(d.year + 1, d.month, min(d.day, last))


@dataclass(frozen=True)
class Judged:
    """A series' headline: the period it is judged on, its actual and plan, and its status key."""

    start: date
    end: date
    actual: float | None
    plan: float | None
    status: str
    plan_is_target: bool = False  # a target whose period is over stands in for the plan ("than the target")

    @property
    def word(self) -> str:
        return STATUS_WORDS[self.status]


def figure_of(kinds: dict, kind: str) -> float | None:
    """The number of one kind of figure in a period's row set, or None."""
    return cell_number(kinds[kind]["value"]) if kind in kinds else None


def judge(actual: float | None, plan: float | None, better: str) -> str:
    if plan is None:
        return "no-plan" if actual is not None else "no-result"
    if actual is None:
        return "no-result"
    if better == "neither":
        return "not-rated"
    if actual == plan:
        return "on-plan"
    return "better" if (actual < plan) == (better == "lower") else "worse"


def expected_headlines(folder: Path, today: date | None = None) -> dict[tuple[str, str | None, str], Judged | None]:
    """For every series (area, scheme or None, measure) in observations.csv, the headline the site must show:
    of the periods with a plan, actual or last-year figure, the one with both a plan and an actual, else an
    actual; then the latest end; then the longest. A table figure wins over the same figure in the text. A
    target whose period has ended by `today` stands in for a plan the period lacks. Where the figures give
    no plan or no result, a report's own judgement in words (outcomes.csv) is the status: the one for the
    headline's period, else the latest. A target set for later (its period not over when its report was written,
    or by `today`) stands in for a plan only where the period has a result; a series with nothing but such
    targets is "target-later". None for a series with none of these."""
    today = today or date.today()
    better = {m["id"]: m["better"] for m in csv_rows(folder, "measures")}
    written = {s["id"]: cell_date(s["date"]) for s in csv_rows(folder, "sources")}
    periods: dict[tuple, dict[tuple[date, date], dict[str, dict]]] = {}
    targets: list[tuple[tuple, dict]] = []
    later: dict[tuple, list[dict]] = {}
    for row in csv_rows(folder, "observations"):
        key = (row["area_id"], row["scheme_id"] or None, row["measure_id"])
        slots = periods.setdefault(key, {})
        if row["kind"] == "target":
            targets.append((key, row))
        if row["kind"] not in ("plan", "actual", "last_year"):
            continue
        start, end = cell_date(row["period_start"]), cell_date(row["period_end"])
        if row["kind"] == "last_year":
            start, end = _year_later(start), _year_later(end)
        slot = slots.setdefault((start, end), {})
        if row["kind"] not in slot or row["printed_in"] == "table":
            slot[row["kind"]] = row
    for key, row in targets:
        start, end = cell_date(row["period_start"]), cell_date(row["period_end"])
        has_result = "actual" in periods[key].get((start, end), {})
        for_later = end >= today or end > written[row["source_id"]]
        if end >= today or (for_later and not has_result):
            later.setdefault(key, []).append(row)
            continue
        slot = periods[key].setdefault((start, end), {})
        if "plan" not in slot or slot["plan"]["kind"] == "target" and row["printed_in"] == "table":
            slot["plan"] = row
    said: dict[tuple, list[tuple[date, date, int, str]]] = {}
    if (folder / "outcomes.csv").exists():
        for line, row in enumerate(csv_rows(folder, "outcomes"), 2):
            if row["measure_id"]:
                key = (row["area_id"], row["scheme_id"] or None, row["measure_id"])
                said.setdefault(key, []).append((cell_date(row["period_start"]), cell_date(row["period_end"]), line, row["judgement"]))
                periods.setdefault(key, {})

    def stated(key, period):
        pool = [o for o in said.get(key, []) if period is not None and (o[0], o[1]) == period] or said.get(key, [])
        best = max(pool, key=lambda o: (o[1], o[1] - o[0], -o[2]), default=None)
        return best

    found = {}
    for key, slots in periods.items():
        if not slots:
            best = stated(key, None)
            if best is not None:
                found[key] = Judged(best[0], best[1], None, None, f"stated-{best[3]}")
            elif key in later:
                target = max(later[key], key=lambda r: (cell_date(r["period_end"]), cell_date(r["period_end"]) - cell_date(r["period_start"])))
                found[key] = Judged(cell_date(target["period_start"]), cell_date(target["period_end"]), None, None, "target-later")
            else:
                found[key] = None
            continue
        rank = lambda item: (
            figure_of(item[1], "actual") is not None and figure_of(item[1], "plan") is not None,
            figure_of(item[1], "actual") is not None,
            item[0][1],
            item[0][1] - item[0][0],
        )
        (start, end), kinds = max(slots.items(), key=rank)
        actual, plan = figure_of(kinds, "actual"), figure_of(kinds, "plan")
        status = judge(actual, plan, better[key[2]])
        best = stated(key, (start, end))
        if best is not None and status in ("no-plan", "no-result"):
            status = f"stated-{best[3]}"
        found[key] = Judged(start, end, actual, plan, status, "plan" in kinds and kinds["plan"]["kind"] == "target")
    return found
