"""Downloads served by the site itself: every CSV (normalised, small numbers hidden), the data package, a zip."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from datetime import date
from pathlib import Path

from .context import Context

FOLDER = "downloads"
# A cell a spreadsheet would run as a formula (OWASP, "CSV Injection"): one starting with = + - @, a tab or a
# carriage return. Figures such as -2, +20% or -£1.2m are numbers, not formulas, and stay as they are.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FIGURE = re.compile(r"[+-−]?\s*£?\s*(\d{1,3}(,\d{3})+|\d+)?(\.\d+)?\s*(%|k|m|bn)?", re.IGNORECASE)


def neutralise(cell: str) -> str:
    """Text a spreadsheet would run as a formula, with a ' in front so it is shown as text; figures unchanged."""
    if cell in ("-", "+"):  # "-" is how reports write "no figure"; alone, neither sign is a formula
        return cell
    if cell.startswith(_FORMULA_START) and not (_FIGURE.fullmatch(cell) and any(c.isdigit() for c in cell)):
        return "'" + cell
    return cell


def table_csv(ctx: Context, name: str) -> str:
    """One table as clean UTF-8 CSV: ISO dates, trimmed cells; the same whatever Excel wrote."""
    table = ctx.data.tables[name]
    fields = [f["name"] for f in table.fields]
    suppressed = {o.line for o in ctx.data.observations if o.suppressed} if name == "observations" else set()
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(fields)
    for line, row in table.rows:
        cells = {k: ("" if v is None else v.isoformat() if isinstance(v, date) else str(v)) for k, v in row.items()}
        if line in suppressed:
            cells["value"] = "suppressed"
            cells["note"] = f"Fewer than {ctx.settings.small_number_threshold}: hidden under the small-number rule."
        writer.writerow([neutralise(cells[f]) for f in fields])
    return out.getvalue()


def write_downloads(ctx: Context, site_dir: Path) -> list[str]:
    folder = site_dir / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for name in ctx.data.tables:
        written[f"{name}.csv"] = table_csv(ctx, name)
    written["datapackage.json"] = json.dumps(ctx.data.package, indent=2)
    for filename, content in written.items():
        (folder / filename).write_text(content, encoding="utf-8")
    with zipfile.ZipFile(folder / "care-integration-data.zip", "w", zipfile.ZIP_DEFLATED) as bundle:
        for filename, content in sorted(written.items()):
            bundle.writestr(filename, content)
    return sorted(written) + ["care-integration-data.zip"]
