"""Every check `datapackage.json` states, read from it and applied to whole columns.

The Table Schema of each resource says which columns a file has, the type of each field (string, integer,
number, date), its constraints (required, enum, pattern, minimum, maximum, minLength, maxLength, unique),
the primary key and the foreign keys (composite ones, and `"resource": ""` for the table itself). Nothing
here repeats a rule of the schema: change the schema and the check changes. A check the schema states that
this module does not know is itself reported, so no rule is silently skipped.

What a broken pattern means is said in words the schema gives too: a field's `patternMessage` (a property of
this data package; Table Schema lets a descriptor carry its own) is the message, and its `example` (Table
Schema v2) what to write instead. So the id rule and the web-address rule each live in datapackage.json alone.

Cells are checked once per distinct text of a column and the verdict is broadcast to every row holding it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd

from .cells import CellError, parse_date_column, parse_number
from .errors import Problem
from .figures import SCHEMA_INTEGER, SCHEMA_NUMBER
from .nearest import did_you_mean
from .reading import OTHER_SEPARATORS, RawTable, TextColumn, other_separator

TYPES = ("string", "integer", "number", "date")
# A property of this data package's fields (Table Schema lets a descriptor carry its own): a column a file may
# leave out, read as empty cells when it does (areas.csv's `ons_code`, added after the files were first made).
OPTIONAL_COLUMN = "optionalColumn"
CONSTRAINTS = ("required", "enum", "pattern", "minimum", "maximum", "minLength", "maxLength", "unique")


@dataclass
class Table:
    """One CSV file after the schema's checks: typed cells in columns, with each row's spreadsheet line.

    `values[name][i]` is row i's cell of that field: a str for strings ("" when empty), an int, float or
    date for the other types (None when empty or wrong). `invalid[name][i]` is True where that cell broke a
    rule of the schema."""

    name: str
    file: str
    fields: list[dict]
    lines: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    values: dict[str, np.ndarray] = field(default_factory=dict)
    invalid: dict[str, np.ndarray] = field(default_factory=dict)
    texts: dict[str, TextColumn] = field(default_factory=dict)  # each field's cells as read (stripped), as codes
    distinct: dict[str, np.ndarray] = field(default_factory=dict)  # the typed value of each texts[name].texts
    broken: bool = True  # unreadable or wrong header: its ids are unknown, so other files are not checked against it

    def __len__(self) -> int:
        return len(self.lines)

    def settle(self) -> None:
        """Drop what only the checks need, once they passed: the row-by-row `values` and `invalid` arrays
        (35 MB for the national observations). The cells stay, as codes into `distinct`; see `column`."""
        self.values, self.invalid = {}, {}

    def column(self, name: str) -> list:
        """Row i's typed cell of this field, for every row."""
        return np.asarray(self.distinct[name], dtype=object)[self.texts[name].codes].tolist() if len(self) else []

    def given(self, name: str) -> np.ndarray:
        """Rows whose cell of this field holds a valid value (not empty, not broken)."""
        distinct = self.distinct[name]
        filled = np.fromiter((v is not None and v != "" for v in distinct), dtype=bool, count=len(distinct))
        return filled[self.texts[name].codes] & ~self.invalid[name]


def unsupported(resource: dict, file: str, resources: dict[str, dict]) -> list[Problem]:
    """Checks the schema asks for that this module cannot apply, or states so that they cannot be applied:
    reported rather than skipped. (The description was checked to be shaped as a Data Package first: descriptor.py.)"""
    found = []
    for spec in resource["schema"]["fields"]:
        if spec.get("type", "string") not in TYPES:
            found.append(
                Problem(
                    file=file,
                    column=spec["name"],
                    value=spec.get("type"),
                    message="the data package gives a field type the site cannot check",
                    fix=f"Use one of: {', '.join(TYPES)}.",
                )
            )
        if spec.get("format", "default") != "default":
            found.append(
                Problem(
                    file=file,
                    column=spec["name"],
                    value=spec["format"],
                    message="the data package gives a field format the site cannot check",
                    fix="Remove the format (dates are read as YYYY-MM-DD or DD/MM/YYYY).",
                )
            )
        for name in spec.get("constraints", {}):
            if name not in CONSTRAINTS:
                found.append(
                    Problem(
                        file=file,
                        column=spec["name"],
                        value=name,
                        message="the data package gives a constraint the site cannot check",
                        fix=f"Use only: {', '.join(CONSTRAINTS)}.",
                    )
                )
        constraints = spec.get("constraints", {})
        for name, wanted in (
            ("enum", list),
            ("pattern", str),
            ("minimum", (int, float, str)),
            ("maximum", (int, float, str)),
            ("minLength", int),
            ("maxLength", int),
        ):
            if name in constraints and not isinstance(constraints[name], wanted):
                found.append(
                    Problem(
                        file=file,
                        column=spec["name"],
                        value=str(constraints[name]),
                        message=f"the data package's '{name}' is not written as the Table Schema says",
                        fix="Correct it in datapackage.json.",
                    )
                )
        kind = spec.get("type", "string")
        for name in ("minimum", "maximum"):
            if name in constraints and kind in TYPES and (kind == "string" or isinstance(_typed(kind, str(constraints[name])), CellError)):
                found.append(
                    Problem(
                        file=file,
                        column=spec["name"],
                        value=str(constraints[name]),
                        message=f"the data package's '{name}' cannot be checked on a field of type {kind}",
                        fix="Correct it in datapackage.json.",
                    )
                )
        if not isinstance(spec.get("patternMessage", ""), str):
            found.append(
                Problem(
                    file=file,
                    column=spec["name"],
                    value=str(spec["patternMessage"]),
                    message="the data package's 'patternMessage' is not written as words",
                    fix="Write it in datapackage.json as a sentence in quotes.",
                )
            )
        if "pattern" in constraints and kind != "string":
            found.append(
                Problem(
                    file=file,
                    column=spec["name"],
                    value=kind,
                    message="the data package gives a pattern for a field that is not a string",
                    fix="Correct it in datapackage.json.",
                )
            )
        pattern = constraints.get("pattern")
        if isinstance(pattern, str):
            try:
                re.compile(pattern)
            except (re.error, TypeError) as error:
                found.append(
                    Problem(
                        file=file,
                        column=spec["name"],
                        value=str(pattern),
                        message=f"the pattern is not a valid regular expression ({error})",
                        fix="Correct the pattern in datapackage.json.",
                    )
                )
    names = {f["name"] for f in resource["schema"]["fields"]}
    schema = resource["schema"]
    keys = [("primaryKey", _as_list(schema.get("primaryKey", [])))]
    for fk in schema.get("foreignKeys", []):
        keys.append(("foreignKeys", _as_list(fk["fields"])))
        target = fk["reference"].get("resource") or resource["name"]
        target_fields = {f["name"] for f in resources[target]["schema"]["fields"]} if target in resources else None
        if target_fields is None:
            found.append(
                Problem(
                    file=file,
                    value=target,
                    message="a foreign key names a resource the data package does not have",
                    fix="Correct the foreign key in datapackage.json.",
                )
            )
        elif any(f not in target_fields for f in _as_list(fk["reference"]["fields"])) or len(_as_list(fk["reference"]["fields"])) != len(
            _as_list(fk["fields"])
        ):
            found.append(
                Problem(
                    file=file,
                    value=target,
                    message="a foreign key names fields its resource does not have",
                    fix="Correct the foreign key in datapackage.json.",
                )
            )
    for what, fields in keys:
        for name in fields:
            if name not in names:
                found.append(
                    Problem(
                        file=file,
                        column=name,
                        value=resource["name"],
                        message=f"the {what} names a field the resource does not have",
                        fix="Correct it in datapackage.json.",
                    )
                )
    return found


# Header -------------------------------------------------------------------------------------------------------


def check_header(file: str, fields: list[dict], header: list[str], problems: list[Problem]) -> bool:
    """Every field of the schema present once, no other column. True when the header is right.

    A file whose cells are separated by something other than commas is one problem, not one per column."""
    names = [f["name"] for f in fields]
    separator = other_separator(header, names)
    if separator is not None:
        message, fix = OTHER_SEPARATORS[separator]
        problems.append(Problem(file=file, line=1, message=message, fix=fix))
        return False
    before = len(problems)
    for position, name in enumerate(header):
        if name not in names:
            fix = did_you_mean(name, names, n=1).strip() or f"The columns are: {', '.join(names)}."
            problems.append(Problem(file=file, line=1, column=name or "(blank)", message="this column is not one the site knows", fix=fix))
        elif name in header[:position]:
            problems.append(Problem(file=file, line=1, column=name, message="this column appears twice", fix="Delete one of the two columns."))
    for spec in fields:
        if spec["name"] not in header and not spec.get(OPTIONAL_COLUMN):
            required = spec.get("constraints", {}).get("required")
            what = "this required column is missing" if required else "this column is missing"
            empty = "" if required else "; its cells may be left empty"
            problems.append(
                Problem(file=file, line=1, column=spec["name"], message=what, fix=f"Add a column headed '{spec['name']}' ({describe(spec)}){empty}.")
            )
    return len(problems) == before


def describe(spec: dict) -> str:
    return spec.get("description", "").rstrip(".") or spec["name"]


# Cells ----------------------------------------------------------------------------------------------------------


@dataclass
class Verdict:
    """What one distinct text of a column gives: its typed value, or why it breaks the schema."""

    value: object
    message: str | None = None
    fix: str | None = None
    shown: str | None = None  # the value as the problem quotes it (None for an empty cell)


def typed_cells(spec: dict, texts: list[str], missing_values: list[str]) -> list[Verdict]:
    """The verdict on each distinct text of one field: missing values, type, then each constraint."""
    kind = spec.get("type", "string")
    constraints = spec.get("constraints", {})
    if kind == "date":
        parsed = parse_date_column(pd.Series(texts, dtype=object)).tolist()
    else:
        parsed = [_typed(kind, text) for text in texts]
    enum = constraints.get("enum")
    allowed = None
    if enum is not None:
        allowed = {v for v in (_typed(kind, str(e)) for e in enum if str(e) not in missing_values) if not isinstance(v, CellError)}
        listed = [str(e) for e in enum if str(e) not in missing_values]
    pattern = re.compile(constraints["pattern"]) if kind == "string" and "pattern" in constraints else None
    low, high = (_typed(kind, str(constraints[b])) if b in constraints else None for b in ("minimum", "maximum"))
    shortest, longest = constraints.get("minLength"), constraints.get("maxLength")
    verdicts = []
    for text, value in zip(texts, parsed):
        if text in missing_values:
            if constraints.get("required"):
                verdicts.append(Verdict(None, "this cell is empty but must be filled in", f"Fill in '{spec['name']}': {describe(spec)}."))
            else:
                verdicts.append(Verdict("" if kind == "string" else None))
            continue
        if isinstance(value, CellError):
            verdicts.append(Verdict(None, value.message, value.fix, text))
        elif allowed is not None and value not in allowed:
            verdicts.append(
                Verdict(
                    None,
                    "this is not one of the allowed values",
                    f"{did_you_mean(text.lower(), listed, n=1)}Write one of: {', '.join(listed)}.",
                    text,
                )
            )
        elif pattern is not None and not pattern.fullmatch(text):
            message = spec.get("patternMessage") or f"this does not have the form this column needs (the pattern {constraints['pattern']})"
            verdicts.append(Verdict(None, message, _pattern_fix(text, pattern, spec), text))
        elif (low is not None and value < low) or (high is not None and value > high):
            verdicts.append(Verdict(None, _range(low, high), f"Write {_range(low, high).removeprefix('this must be ')}.", text))
        elif longest is not None and len(text) > longest:
            verdicts.append(
                Verdict(
                    None,
                    f"this is {len(text)} characters long, and this column allows at most {longest}",
                    f"Shorten it to {longest} characters or fewer.",
                    text,
                )
            )
        elif shortest is not None and len(text) < shortest:
            verdicts.append(Verdict(None, f"this is {len(text)} characters long, and this column needs at least {shortest}", "Complete it.", text))
        else:
            verdicts.append(Verdict(value))
    return verdicts


def _typed(kind: str, text: str):
    """A text read as the field's type, or the CellError saying why it cannot be."""
    if kind == "string":
        return text
    if kind == "date":
        return parse_date_column(pd.Series([text], dtype=object))[0]
    if kind == "integer" and SCHEMA_INTEGER.fullmatch(text):
        return int(text)
    if kind == "number" and SCHEMA_NUMBER.fullmatch(text) and abs(float(text)) != float("inf"):
        return float(text)
    try:  # say what it would be, as reports print it (8,407, seven, 3*)
        number = parse_number(text)
        near = number.value if number.kind == "plain" else None
    except CellError:
        near = None
    if kind == "integer":
        if near is not None and near == int(near):
            return CellError("this is not a whole number as the schema writes one", f"Write it as {int(near)}: digits only, no commas or marks.")
        return CellError("this is not a whole number", "Write a whole number such as 3.")
    if near is not None:
        return CellError("this is not a number as the schema writes one", f"Write it as {near:g}: digits and a decimal point only.")
    return CellError("this is not a number", "Write a number such as 8407 or 387.6.")


def _range(low, high) -> str:
    show = lambda b: b.isoformat() if isinstance(b, date) else str(b)  # noqa: E731
    if low is not None and high is not None:
        return f"this must be from {show(low)} to {show(high)}"
    return f"this must be at least {show(low)}" if low is not None else f"this must be at most {show(high)}"


def _pattern_fix(text: str, pattern: re.Pattern, spec: dict) -> str:
    """What to write instead: the text corrected in the ways editors' slips need (an id in lower case with
    hyphens, its accents dropped; a web address given its https://), when that fits the field's own pattern
    and length; else the field's example; else its description."""
    constraints = spec.get("constraints", {})
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    candidates = [re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")]
    if ":" not in text and not text[:1].isspace():
        candidates.append(f"https://{text}")
    for suggestion in candidates:
        if suggestion and pattern.fullmatch(suggestion) and len(suggestion) <= constraints.get("maxLength", len(suggestion)):
            return f"Write it as '{suggestion}'."
    empty = "" if constraints.get("required") else ", or leave it empty"
    if "example" in spec:
        return f"Write it like '{spec['example']}'{empty}."
    return f"Write it as this column needs ({describe(spec)}){empty}."


def check_cells(
    file: str, name: str, fields: list[dict], raw: RawTable, rows: np.ndarray, missing_values: list[str], problems: list[Problem]
) -> Table:
    """The typed table of the given records, every cell checked; each broken cell becomes a Problem."""
    table = Table(name, file, fields, raw.lines[rows], broken=False)
    where = {n: i for i, n in enumerate(raw.header)}  # the header was checked: each field is there once
    found = []
    for spec in fields:
        if spec["name"] in where:
            column = raw.columns[where[spec["name"]]].take(rows)
        else:  # an optional column the file leaves out (OPTIONAL_COLUMN): every cell empty
            column = TextColumn(np.zeros(len(rows), dtype=np.int64), [""])
        verdicts = typed_cells(spec, column.texts, missing_values)
        values = np.empty(len(verdicts), dtype=object)
        values[:] = [v.value for v in verdicts]
        wrong = np.fromiter((v.message is not None for v in verdicts), dtype=bool, count=len(verdicts))
        table.texts[spec["name"]] = column
        table.distinct[spec["name"]] = values
        table.values[spec["name"]] = values[column.codes]
        table.invalid[spec["name"]] = wrong[column.codes]
        for i in np.flatnonzero(table.invalid[spec["name"]]):
            v = verdicts[column.codes[i]]
            found.append(Problem(file=file, line=int(table.lines[i]), column=spec["name"], value=v.shown, message=v.message, fix=v.fix))
        if spec.get("constraints", {}).get("unique"):
            found += _repeats(table, [spec["name"]])
    problems += found
    return table


# Keys -------------------------------------------------------------------------------------------------------------


def groups(table: Table, *names: str) -> tuple[np.ndarray, np.ndarray]:
    """Rows with the same cells in these fields, found from the codes: (group of each row, first row of each group).
    What depends only on those fields is then worked out once a group."""
    key = np.zeros(len(table), dtype=np.int64)
    for name in names:
        codes = table.texts[name].codes
        key, _ = pd.factorize(key * (int(codes.max(initial=0)) + 1) + codes)
    distinct, first, group = np.unique(key, return_index=True, return_inverse=True)
    return group.reshape(-1), first


def _as_list(fields) -> list[str]:
    return [fields] if isinstance(fields, str) else list(fields)


def _show(value) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _value_codes(table: Table, name: str) -> np.ndarray:
    """Each row's code for its typed value: cells written differently with the same value (01/04/2016 and
    2016-04-01) get the same code."""
    canonical, _ = pd.factorize(pd.Series(table.distinct[name], dtype=object), use_na_sentinel=False)
    return canonical[table.texts[name].codes]


def _repeats(table: Table, key: list[str]) -> list[Problem]:
    """Rows whose key repeats an earlier row's. Rows with a broken key cell are left out: their key is not known."""
    ok = ~np.logical_or.reduce([table.invalid[k] for k in key])
    rows = np.flatnonzero(ok)
    combined = np.zeros(len(rows), dtype=np.int64)
    for name in key:
        codes = _value_codes(table, name)[rows]
        combined, _ = pd.factorize(combined * (int(codes.max(initial=0)) + 1) + codes)
    again = pd.Series(combined).duplicated(keep="first").to_numpy()
    if not again.any():
        return []
    _, first_of = np.unique(combined, return_index=True)  # combined codes count up from 0 in order of first row
    found = []
    for position in np.flatnonzero(again).tolist():
        i, first = rows[position], rows[first_of[combined[position]]]
        shown = ", ".join(f"{k}={_show(table.values[k][i])}" for k in key if table.values[k][i] not in (None, ""))
        found.append(
            Problem(
                file=table.file,
                line=int(table.lines[i]),
                message=f"this row repeats line {int(table.lines[first])} ({shown})",
                fix="Delete one of the two rows, or correct the one that is wrong.",
            )
        )
    return found


def check_primary_key(table: Table, schema: dict) -> list[Problem]:
    key = _as_list(schema.get("primaryKey", []))
    return _repeats(table, key) if key and not table.broken else []


def check_foreign_keys(tables: dict[str, Table], resource: dict) -> list[Problem]:
    """Every foreign key (one field or several) names a row of its table; the nearest valid ids are suggested.
    A row with an empty key cell refers to nothing; a broken key cell was reported already."""
    table = tables[resource["name"]]
    if table.broken:
        return []
    found = []
    for fk in resource["schema"].get("foreignKeys", []):
        columns = _as_list(fk["fields"])
        target_name = fk["reference"].get("resource") or resource["name"]  # "" is the table itself
        target = tables.get(target_name)
        target_columns = _as_list(fk["reference"]["fields"])
        if target is None or target.broken:
            continue
        usable = ~np.logical_or.reduce([table.invalid[c] for c in columns])
        for c in columns:
            given = np.fromiter((v not in (None, "") for v in table.distinct[c]), dtype=bool, count=len(table.distinct[c]))
            usable &= given[table.texts[c].codes]
        # A target row's broken id was reported there; rows naming it are not told it does not exist.
        target_keys = [
            np.where(target.invalid[c], np.asarray(target.texts[c].texts, dtype=object)[target.texts[c].codes], target.values[c])
            if len(target)
            else target.values[c]
            for c in target_columns
        ]
        if len(columns) == 1:
            known = set(target_keys[0].tolist())
            present = pd.Series(table.distinct[columns[0]], dtype=object).isin(list(known)).to_numpy()[table.texts[columns[0]].codes]
            missing = np.flatnonzero(usable & ~present)
            shown_known = sorted(str(k) for k in known)
        else:
            known = set(zip(*(keys.tolist() for keys in target_keys)))
            present = np.fromiter((k in known for k in zip(*(table.values[c].tolist() for c in columns))), dtype=bool, count=len(table))
            missing = np.flatnonzero(usable & ~present)
            shown_known = sorted(", ".join(_show(v) for v in k) for k in known)
        hints: dict[str, str] = {}
        for i in missing.tolist():
            value = ", ".join(_show(table.values[c][i]) for c in columns)
            if value not in hints:
                hints[value] = did_you_mean(value, shown_known)
            if target is table:
                noun = resource["name"].removesuffix("s")
            elif len(columns) == 1:
                noun = columns[0].removesuffix("_id")
            else:
                noun = f"{target_name.removesuffix('s')} with these {', '.join(target_columns)}"
            where = f"the '{target_columns[0]}' column" if len(target_columns) == 1 else f"the columns {', '.join(target_columns)}"
            found.append(
                Problem(
                    file=table.file,
                    line=int(table.lines[i]),
                    column=", ".join(columns),
                    value=value,
                    message=f"there is no such {noun} in {target.file}",
                    fix=f"{hints[value]}Use {'an id' if len(columns) == 1 else 'values'} from {where} of {target.file}, or add a row there first.",
                )
            )
    return found
