"""Read and validate the whole data set once, from the Frictionless Data Package in data/.

The package's Table Schemas say which columns each file has, which are required, their types,
enumerations, primary keys and foreign keys; this module enforces them with messages for people
and turns rows into the typed model. Every problem in every file is collected before stopping.
"""
from __future__ import annotations

import difflib
import functools
import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from .errors import DataProblems, Problem
from .model import Area, Dataset, Measure, Milestone, Money, Observation, Period, Risk, Scheme, Source, Term
from .cells import CellError, missing_reason, parse_date, parse_number, read_rows

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_UNIT_KINDS = {  # which written forms fit which unit
    "count": {"plain"},
    "days": {"plain"},
    "rate_per_100k": {"plain"},
    "percent": {"percent", "plain"},
    "gbp": {"money", "plain"},
}
_UNIT_EXAMPLE = {"count": "8,407", "days": "1,041", "rate_per_100k": "387.6", "percent": "21%", "gbp": "£1.2m"}


@dataclass
class Table:
    """One CSV file after the generic checks: cleaned rows with their spreadsheet line numbers."""

    name: str
    file: str
    fields: list[dict]
    rows: list[tuple[int, dict]]
    broken: bool = False  # unreadable: its ids are unknown, so other files are not checked against it


def load(data_dir: str | Path, small_number_threshold: int = 5) -> Dataset:
    """The validated data set, or DataProblems listing every mistake found."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    package_path = data_dir / "datapackage.json"
    try:
        package = json.loads(package_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataProblems([Problem(str(package_path), None, None, None, "the data package description is missing",
                                    "Every data folder needs datapackage.json; copy it from the project's data/ folder.")])
    except json.JSONDecodeError as error:
        raise DataProblems([Problem(str(package_path), error.lineno, None, None, f"this is not valid JSON ({error.msg})",
                                    "Undo the last edit to this file, or copy it again from the project's data/ folder.")])

    tables = {res["name"]: _read_table(data_dir, res, problems) for res in package["resources"]}
    for res in package["resources"]:
        _check_keys(tables, res, problems)
    dataset = _build(tables, problems, small_number_threshold)
    if problems:
        # One list, in file and line order, so an editor can work down it.
        raise DataProblems(sorted(problems, key=lambda p: (p.file, p.line or 0)))
    dataset.tables = tables
    dataset.package = package
    return dataset


def _read_table(data_dir: Path, resource: dict, problems: list[Problem]) -> Table:
    path = data_dir / resource["path"]
    file = f"{data_dir.name}/{resource['path']}"
    fields = resource["schema"]["fields"]
    table = Table(resource["name"], file, fields, [], broken=True)
    names = [f["name"] for f in fields]
    needed = [f["name"] for f in fields if f.get("constraints", {}).get("required")]
    try:
        header, records = read_rows(path.read_bytes())
    except FileNotFoundError:
        problems.append(Problem(file, None, None, None, "the file is missing",
                                f"Create it with this header row: {','.join(names)}"))
        return table
    except CellError as error:
        problems.append(Problem(file, None, None, None, error.message, error.fix))
        return table
    if not header:
        problems.append(Problem(file, 1, None, None, "the file is empty",
                                f"It needs a header row: {','.join(names)}, then one row per line."))
        return table
    for name in header:
        if name not in names:
            near = difflib.get_close_matches(name, names, n=1)
            fix = f"Did you mean '{near[0]}'?" if near else f"The columns are: {', '.join(names)}."
            problems.append(Problem(file, 1, name or "(blank)", None, "this column is not one the site knows", fix))
    for name in [n for n in names if n not in header]:
        if name in needed:
            problems.append(Problem(file, 1, name, None, "this required column is missing",
                                    f"Add a column headed '{name}' ({_describe(fields, name)})."))
    if any(p.file == file and p.line == 1 for p in problems):
        return table
    table.broken = False
    # Where each field is in the header (the last column of that name, as a dict of the row would give).
    where = {name: i for i, name in enumerate(header)}
    cleaners = [(spec["name"], where.get(spec["name"]), _cleaner(file, spec, problems)) for spec in fields]
    for offset, record in enumerate(records):
        line = offset + 2
        if not any(record):
            continue
        if len(record) > len(header) and any(record[len(header):]):
            problems.append(Problem(file, line, None, None, "this row has more cells than there are columns",
                                    "Check for a stray comma; put text containing commas in quotes."))
            continue
        width = len(record)
        table.rows.append((line, {name: clean(line, record[i] if i is not None and i < width else "")
                                  for name, i, clean in cleaners}))
    return table


def _cleaner(file: str, spec: dict, problems: list[Problem]):
    """`_clean` for one column, remembering what each distinct cell gave: ids, dates, kinds and figures
    repeat thousands of times in a national data set. A cell with a problem is never remembered, so
    every line with that mistake is still reported."""
    constraints = spec.get("constraints", {})
    if spec["type"] == "string" and not any(k in constraints for k in ("required", "enum", "pattern")):
        return lambda line, text: text  # free text, kept as written ("" when empty)
    memo: dict = {}

    def clean(line: int, text: str):
        try:
            return memo[text]
        except KeyError:
            count = len(problems)
            value = _clean(file, line, spec, text, problems)
            if len(problems) == count:
                memo[text] = value
            return value

    return clean


def _describe(fields: list[dict], name: str) -> str:
    return next(f.get("description", "") for f in fields if f["name"] == name).rstrip(".")


def _clean(file: str, line: int, spec: dict, text: str, problems: list[Problem]):
    """One cell checked against its field: required, type, enumeration, id pattern."""
    name, constraints = spec["name"], spec.get("constraints", {})
    if text == "":
        if constraints.get("required"):
            problems.append(Problem(file, line, name, None, "this cell is empty but must be filled in",
                                    f"Fill in {_describe_field(spec)}."))
        return None if spec["type"] != "string" else ""
    if spec["type"] == "date":
        try:
            return parse_date(text)
        except CellError as error:
            problems.append(Problem(file, line, name, text, error.message, error.fix))
            return None
    if spec["type"] == "integer":
        try:
            number = parse_number(text)
            if number.kind != "plain" or number.value != int(number.value):
                raise CellError("", "")
        except CellError:
            problems.append(Problem(file, line, name, text, "this is not a whole number", "Write a whole number such as 3."))
            return None
        value = int(number.value)
        low, high = constraints.get("minimum"), constraints.get("maximum")
        if (low is not None and value < low) or (high is not None and value > high):
            problems.append(Problem(file, line, name, text, f"this must be from {low} to {high}", f"Write a whole number from {low} to {high}."))
        return value
    if "enum" in constraints:
        allowed = [v for v in constraints["enum"] if v]
        if text.lower() not in allowed:
            near = difflib.get_close_matches(text.lower(), allowed, n=1)
            hint = f"Did you mean '{near[0]}'? " if near else ""
            problems.append(Problem(file, line, name, text, "this is not one of the allowed values",
                                    f"{hint}Write one of: {', '.join(allowed)}."))
            return None
        return text.lower()
    if "pattern" in constraints and not _ID.match(text):
        suggestion = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
        problems.append(Problem(file, line, name, text, "ids use only lower-case letters, digits and hyphens",
                                f"Write it as '{suggestion}'."))
        return None
    return text


def _describe_field(spec: dict) -> str:
    return f"'{spec['name']}': {spec.get('description', '').rstrip('.')}"


def _check_keys(tables: dict[str, Table], resource: dict, problems: list[Problem]) -> None:
    """Primary keys (no row twice) and foreign keys (every id exists), with the nearest valid id."""
    table, schema = tables[resource["name"]], resource["schema"]
    key = schema.get("primaryKey", [])
    seen: dict[tuple, int] = {}
    for line, row in table.rows:
        values = tuple(row[k] for k in key)
        if key and values in seen:
            shown = ", ".join(f"{k}={_show(row[k])}" for k in key if row[k] not in (None, ""))
            problems.append(Problem(table.file, line, None, None, f"this row repeats line {seen[values]} ({shown})",
                                    "Delete one of the two rows, or correct the one that is wrong."))
        else:
            seen[values] = line
    for fk in schema.get("foreignKeys", []):
        # A resource of "" is the table itself (Table Schema's self-reference): measures.part_of is a measure id.
        column, target = fk["fields"], tables[fk["reference"]["resource"] or resource["name"]]
        target_column = fk["reference"]["fields"]
        if target.broken:
            continue
        valid = {row[target_column] for _, row in target.rows}
        for line, row in table.rows:
            value = row[column]
            if value in (None, "") or value in valid:
                continue
            near = difflib.get_close_matches(value, sorted(valid), n=3, cutoff=0.5)
            hint = f"Did you mean {' or '.join(repr(n) for n in near)}? " if near else ""
            noun = resource["name"].removesuffix("s") if target is table else column.removesuffix("_id")
            problems.append(Problem(table.file, line, column, value, f"there is no such {noun} in {target.file}",
                                    f"{hint}Use an id from the '{target_column}' column of {target.file}, or add a row there first."))


def _show(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


# Figures repeat a lot; a Number is immutable, so parsing each distinct text once is safe (errors are not cached).
_parse_number = functools.lru_cache(maxsize=1 << 16)(parse_number)


def _figure(file, line, column, text, unit, problems, *, allow_missing=True):
    """A figure cell: (value, missing reason). Checks the written form fits the unit."""
    reason = missing_reason(text or "")
    if reason is not None:
        if not allow_missing:
            problems.append(Problem(file, line, column, text, "a figure is needed here", "Write the number as printed."))
        return None, reason
    try:
        number = _parse_number(text)
    except CellError as error:
        problems.append(Problem(file, line, column, text, error.message, error.fix))
        return None, None
    if unit and number.kind not in _UNIT_KINDS[unit]:
        form = {"percent": "a percentage", "money": "an amount of money"}[number.kind]
        problems.append(Problem(file, line, column, text, f"this is {form}, but the measure is in {unit.replace('_', ' ')}",
                                f"Write it like {_UNIT_EXAMPLE[unit]}, or check the measure_id."))
        return None, None
    return number.value, None


def _period(file, line, row, problems, start="period_start", end="period_end") -> Period | None:
    if row[start] is None or row[end] is None:
        return None
    if row[end] < row[start]:
        problems.append(Problem(file, line, end, row[end].isoformat(), f"the period ends before it starts ({row[start].isoformat()})",
                                "Check the two dates: the end is the last day the figure covers."))
        return None
    return Period(row[start], row[end], row.get("period_label") or "")


def _build(tables: dict[str, Table], problems: list[Problem], threshold: int) -> Dataset:
    t = tables
    sources = {r["id"]: Source(r["id"], r["title"], r["body"], r["committee"], r["date"], r["seed_file"], r["url"])
               for _, r in t["sources"].rows}
    glossary = {r["term"]: Term(r["term"], r["meaning"], r["explanation"]) for _, r in t["glossary"].rows}
    areas = {r["id"]: Area(r["id"], r["name"], tuple(b.strip() for b in r["bodies"].split(";") if b.strip()), r["summary"], r["source_id"])
             for _, r in t["areas"].rows}
    schemes = {r["id"]: Scheme(r["id"], r["area_id"], r["name"], r["summary"], r["for_whom"], r["status"], r["source_id"], r["source_location"])
               for _, r in t["schemes"].rows}
    measures = {r["id"]: Measure(r["id"], r["name"], r["meaning"], r["unit"], r["better"], r["counts_people"] == "yes", r["abbreviation"],
                                 r.get("part_of") or None)
                for _, r in t["measures"].rows}
    for line, r in t["measures"].rows:
        whole = measures.get(r.get("part_of") or "")  # an unknown id is reported by the foreign key check
        if whole is None:
            continue
        if whole.id == r["id"]:
            problems.append(Problem(t["measures"].file, line, "part_of", r["part_of"], "a measure cannot be a part of itself",
                                    "Leave part_of empty, or give the id of the measure this one is a part of."))
        elif r["unit"] != whole.unit or r["unit"] not in ("count", "days", "gbp"):
            problems.append(Problem(t["measures"].file, line, "part_of", r["part_of"],
                                    f"parts must add up to the whole, so both must be counts, days or pounds (this is {r['unit']}, "
                                    f"'{whole.id}' is {whole.unit})", "Leave part_of empty for figures that do not add up, such as percentages."))

    observations = []
    file = t["observations"].file
    for line, r in t["observations"].rows:
        scheme = r["scheme_id"] or None
        if scheme and scheme in schemes and schemes[scheme].area_id != r["area_id"]:
            problems.append(Problem(file, line, "scheme_id", scheme, f"this scheme belongs to {schemes[scheme].area_id}, not {r['area_id']}",
                                    "Correct the area_id or the scheme_id."))
        period = _period(file, line, r, problems)
        measure = measures.get(r["measure_id"])
        unit = "percent" if r["kind"] and r["kind"].startswith("change") else (measure.unit if measure else None)
        value, missing = _figure(file, line, "value", r["value"], unit, problems)
        if period is None:
            continue
        obs = Observation(r["area_id"], scheme, r["measure_id"], period, r["kind"], value, r["value"] or "", missing,
                          r["qualifier"] or "", r["printed_in"], r["note"], r["source_id"], r["source_location"], line)
        obs.suppressed = bool(measure and measure.counts_people and obs.kind in ("plan", "actual", "last_year")
                              and value is not None and 0 < value < threshold)
        observations.append(obs)

    money = []
    file = t["money"].file
    for line, r in t["money"].rows:
        period = _period(file, line, r, problems)
        amount, _ = _figure(file, line, "amount", r["amount"], "gbp", problems)
        share, _ = _figure(file, line, "share", r["share"], "percent", problems)
        fte, _ = _figure(file, line, "fte", r["fte"], "count", problems)
        unit_cost, _ = _figure(file, line, "unit_cost", r["unit_cost"], "gbp", problems)
        if period is None:
            continue
        money.append(Money(r["area_id"], r["scheme_id"] or None, period, r["breakdown"], r["item"], r["funder"], amount,
                           r["amount"] or "", share, fte, unit_cost, r["is_total"] == "yes", r["note"], r["source_id"],
                           r["source_location"], line))

    milestones = [Milestone(r["area_id"], r["scheme_id"] or None, r["milestone"], r["due"], r["due_label"], r["completed"] or "",
                            r["source_id"], r["source_location"], line)
                  for line, r in t["milestones"].rows if r["due"] is not None]
    risks = [Risk(r["area_id"], r["scheme_id"] or None, r["number"], r["risk"], r["impact"], r["probability"], r["score"],
                  r["mitigation"], r["owner"], r["source_id"], r["source_location"], line)
             for line, r in t["risks"].rows]
    rows_read = {name: len(table.rows) for name, table in tables.items()}
    return Dataset(sources, glossary, areas, schemes, measures, observations, money, milestones, risks, rows_read,
                   small_number_threshold=threshold)
