"""Downloads served by the site itself: every CSV (normalised, small numbers hidden), the data package, a zip."""

from __future__ import annotations

import csv
import io
import json
import shutil
import zipfile
from datetime import date
from pathlib import Path

import numpy as np

from ..data.figures import is_figure
from .chart_files import ChartFiles
from .context import Context

FOLDER = "downloads"
# A cell a spreadsheet would run as a formula (OWASP, "CSV Injection"): one starting with = + - @, a tab or a
# carriage return. Figures such as -2, +20% or -£1.2m are numbers, not formulas, and stay as they are: of
# these characters a figure (data/figures.py) starts only with a sign, so "=1", "@5" and "\t5" are neutralised.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(cell: str) -> str:
    """Text a spreadsheet would run as a formula, with a ' in front so it is shown as text; figures unchanged."""
    if cell in ("-", "+"):  # "-" is how reports write "no figure"; alone, neither sign is a formula
        return cell
    if cell.startswith(_FORMULA_START) and not is_figure(cell):
        return "'" + cell
    return cell


def _cell_text(value) -> str:
    return "" if value is None else value.isoformat() if isinstance(value, date) else str(value)


def table_columns(ctx: Context, name: str) -> tuple[list[str], list[list[str]]]:
    """One table's header and its columns of cells as the download has them: ISO dates, trimmed cells, text a
    spreadsheet would run neutralised, small numbers hidden. Each distinct cell of a column is written out
    once, and no row is made as an object: the national observations file has 257,000 rows."""
    table = ctx.data.tables[name]
    fields = [f["name"] for f in table.fields]
    columns = []
    for field in fields:
        words = np.array([neutralise(_cell_text(v)) for v in np.asarray(table.distinct[field], dtype=object).tolist()] or [""], dtype=object)
        columns.append(words[table.texts[field].codes].tolist() if len(table) else [])
    if name == "observations":
        hidden = np.isin(table.lines, [o.line for o in ctx.data.observations if o.suppressed])
        note = f"Fewer than {ctx.settings.small_number_threshold}: hidden under the small-number rule."
        for row in np.flatnonzero(hidden).tolist():
            columns[fields.index("value")][row] = "suppressed"
            columns[fields.index("note")][row] = note
    return fields, columns


def table_csv(ctx: Context, name: str) -> str:
    """One table as clean UTF-8 CSV (see table_columns)."""
    out = io.StringIO()
    _write_csv(out, *table_columns(ctx, name))
    return out.getvalue()


def _write_csv(out, fields: list[str], columns: list[list[str]]) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    writer.writerows(zip(*columns))


# Figures at addresses that stay the same from build to build (issue 23, item 7): the data of each chart (a
# series: one area's or scheme's figures for one measure) and each measure's figures for every area. Ids are
# lower-case words joined by single hyphens, so these addresses never collide.
FIGURE_FIELDS = (
    "area_id",
    "scheme_id",
    "measure_id",
    "period_start",
    "period_end",
    "period_label",
    "kind",
    "value",
    "value_to",
    "unit",
    "qualifier",
    "printed_in",
    "compared_with",
    "note",
    "source_id",
    "source_location",
    "provisional",
    # Last, so the columns before them keep their places: what a percentage or a rate is worked out from, where the
    # data gives it, so a reader can check how an area is tested against the others (analysis/compare.py).
    "count",
    "population",
)


def chart_data_address(area_id: str, scheme_id: str | None, measure_id: str) -> str:
    """The data of a chart (a series), from the site's root."""
    return f"{FOLDER}/charts/{area_id}/{scheme_id + '/' if scheme_id else ''}{measure_id}.csv"


def measure_data_address(measure_id: str, extension: str) -> str:
    """A measure's figures for every area (extension csv or json), from the site's root."""
    return f"{FOLDER}/measures/{measure_id}.{extension}"


def _number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


# The free-text cells of a figure's row: the only ones that can start like a formula. Ids are lower-case
# words, dates ISO, kinds and units words of the data package's vocabulary, values numbers (data/schema.py).
_TEXT_FIELDS = frozenset({"period_label", "qualifier", "compared_with", "note", "source_location", "provisional"})


def figure_rows(observations, unit: str) -> list[list]:
    """Figures as the downloads give them, one list of cells a figure in FIGURE_FIELDS' order: numbers without
    their formatting, a hidden small number as 'suppressed', ISO dates, text a spreadsheet would run
    neutralised."""
    rows = []
    for o in observations:
        cells = {
            "area_id": o.area_id,
            "scheme_id": o.scheme_id or "",
            "measure_id": o.measure_id,
            "period_start": o.period.start.isoformat(),
            "period_end": o.period.end.isoformat(),
            "period_label": o.period.label,
            "kind": str(o.kind),
            "value": "suppressed" if o.suppressed else _number(o.value),
            "value_to": "" if o.suppressed else _number(o.value_to),
            "unit": unit,
            "qualifier": o.qualifier,
            "printed_in": str(o.printed_in),
            "compared_with": o.compared_with,
            "note": o.note,
            "source_id": o.source_id,
            "source_location": o.source_location,
            "provisional": o.provisional,
            "count": _number(o.count),
            "population": _number(o.population),
        }
        rows.append([neutralise(cells[f]) if f in _TEXT_FIELDS else cells[f] for f in FIGURE_FIELDS])
    return rows


def figures_csv(observations, unit: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIGURE_FIELDS)
    writer.writerows(figure_rows(observations, unit))
    return out.getvalue()


def chart_data(ctx: Context, series) -> tuple[str, str]:
    """A chart's data: its address from the site's root, and the CSV (written into the site now, in a one-off
    build: ChartFiles)."""
    first = series[0]
    address = chart_data_address(first.area_id, first.scheme_id, first.measure_id)
    text = figures_csv(series, str(ctx.data.measures[first.measure_id].unit))
    ctx.chart_files.write(_series_key(series), address, text)
    return address, text


def size_words(size: int) -> str:
    """A file's size as GOV.UK writes it: 2 KB, 1.4 MB (at least 1 KB)."""
    kb = max(1, -(-size // 1024))
    return f"{kb:,} KB" if kb < 1024 else f"{size / 1024 / 1024:.1f} MB"


def measure_figures(ctx: Context, measure_id: str) -> list:
    """Every figure of a measure, area by area, in the order of the data."""
    data = ctx.data
    return [o for key in data.series_by_measure.get(measure_id, []) for o in data.series[(key[0], key[1], measure_id)]]


def write_chart_data(ctx: Context, site_dir: Path) -> list[str]:
    """The data of every chart, at its stable address: written for every series, so a chart's address does not
    depend on which pages a build made. A chart's file a page already wrote (ChartFiles) is not made again."""
    written = []
    data = ctx.data
    files = ctx.chart_files if ctx.chart_files.site_dir == site_dir else ChartFiles(site_dir)  # served: all of them
    for series in data.series.values():
        if not series:
            continue
        key = _series_key(series)
        address = chart_data_address(*key)
        if key not in files.written:
            files.write(key, address, figures_csv(series, str(data.measures[key[2]].unit)))
        written.append(address)
    return written


def write_figures(ctx: Context, site_dir: Path, chart_data: bool = True) -> list[str]:
    """Every measure's figures (and, with `chart_data`, every chart's: write_chart_data), at their stable
    addresses. Each measure's files are cut from the observations download's columns (table_columns: the same
    cells, hidden small numbers and all), not made row by row."""
    written = write_chart_data(ctx, site_dir) if chart_data else []
    data = ctx.data
    (site_dir / FOLDER / "measures").mkdir(parents=True, exist_ok=True)
    fields, columns = table_columns(ctx, "observations")
    measure_column = np.asarray(columns[fields.index("measure_id")], dtype=object)
    rows_of = {m: np.flatnonzero(measure_column == m).tolist() for m in data.measures}
    for measure_id, m in data.measures.items():
        picked = [[column[i] for i in rows_of[measure_id]] for column in columns]
        with open(site_dir / measure_data_address(measure_id, "csv"), "w", encoding="utf-8", newline="") as out:
            _write_csv(out, fields, picked)
        about = {"id": m.id, "name": m.name, "meaning": m.meaning, "unit": str(m.unit), "better": str(m.better)}
        document = {"measure": about, "fields": fields, "rows": [list(row) for row in zip(*picked)]}
        (site_dir / measure_data_address(measure_id, "json")).write_text(
            json.dumps(document, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c"), encoding="utf-8"
        )
        written += [measure_data_address(measure_id, "csv"), measure_data_address(measure_id, "json")]
    return written


def _series_key(series) -> tuple:
    first = series[0]
    return (first.area_id, first.scheme_id, first.measure_id)


def write_downloads(ctx: Context, site_dir: Path, chart_data: bool = True) -> list[str]:
    """Every table as a CSV file, the data package, and a zip of them all, and every measure's figures; with
    `chart_data`, every chart's data too (write_chart_data). Each file is written and zipped in turn rather than
    all held in memory at once."""
    folder = site_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    names = [f"{name}.csv" for name in ctx.data.tables] + ["datapackage.json"]
    for name in ctx.data.tables:
        with open(folder / f"{name}.csv", "w", encoding="utf-8", newline="") as out:
            _write_csv(out, *table_columns(ctx, name))
    for resource in ctx.data.package["resources"]:  # files that are not tables (the hex map), with their licences
        if "schema" not in resource:
            for path in [resource["path"]] + [lic["path"] for lic in resource.get("licenses", []) if "://" not in lic.get("path", "://")]:
                if (ctx.settings.data_dir / path).is_file():
                    shutil.copyfile(ctx.settings.data_dir / path, folder / Path(path).name)
                    names.append(Path(path).name)
    (folder / "datapackage.json").write_text(json.dumps(dict(ctx.data.package.items()), indent=2), encoding="utf-8")
    with zipfile.ZipFile(folder / "care-integration-data.zip", "w", zipfile.ZIP_DEFLATED) as bundle:
        for filename in sorted(names):
            bundle.write(folder / filename, filename)
    write_figures(ctx, site_dir, chart_data)
    return sorted(names) + ["care-integration-data.zip"]
