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


def write_downloads(ctx: Context, site_dir: Path) -> list[str]:
    """Every table as a CSV file, the data package, and a zip of them all. Each file is written and zipped
    in turn rather than all held in memory at once."""
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
    return sorted(names) + ["care-integration-data.zip"]
