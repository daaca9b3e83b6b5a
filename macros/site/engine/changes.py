"""What an edit to the data folder changed, as the reads pages record (reads.py): `("series", key)` when that
series' figures changed, `("areas", WHOLE)` when a loop over the areas would see something new.

The data is read again in full and checked by the loader as in any build; this module only compares the new
data set with the last one. Comparing every row would cost as much as a build's page writing, so it starts
from the lines of the files that differ: a row of observations.csv is made from its own line, the measures
it is counted in (units, counts of people) and datapackage.json, so only the rows on changed lines, and the
series of a measure whose row changed, can differ. Every candidate is then compared in full, field by field
(labels too, which `==` on a Period ignores). An edit to datapackage.json or the glossary (which every page's
abbreviations come from) changes everything, and so does a file that changed while it was being read.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...analysis.disagreements import Disagreement, find_disagreements, series_disagreements
from ...data.loader import load
from ...data.model import Dataset
from ..query import WHOLE, Read

SeriesKey = tuple[str, str | None, str]

# Tables of rows (each with its spreadsheet line), and the Dataset's indexes of them: the key of a row in each.
ROW_INDEXES: dict[str, dict[str, Any]] = {
    "observations": {
        "series": lambda r: [(r.area_id, r.scheme_id, r.measure_id)],
        "series_by_area": lambda r: [r.area_id],
        "series_by_measure": lambda r: [r.measure_id],
    },
    "money": {"money_by": lambda r: [(r.area_id, None)] + ([(r.area_id, r.scheme_id)] if r.scheme_id else [])},
    "milestones": {"milestones_by": lambda r: [(r.area_id, None)] + ([(r.area_id, r.scheme_id)] if r.scheme_id else [])},
    "risks": {"risks_by": lambda r: [(r.area_id, None)] + ([(r.area_id, r.scheme_id)] if r.scheme_id else [])},
    "outcomes": {"outcomes_by": lambda r: [(r.area_id, r.scheme_id, r.measure_id)]},
    "caveats": {"caveats_by": lambda r: [(r.area_id, r.scheme_id, r.measure_id)]},
    "explanations": {},
    "decisions": {"decisions_by": lambda r: [r.area_id]},
}
# Tables of things with an id, small enough to compare in full when their file changed.
KEYED = ("areas", "schemes", "measures", "sources")


@dataclass
class Loaded:
    """One good read of the data folder: the data set, the bytes it was read from, and the disagreements found
    in each series (kept so that only the series an edit changed are checked again)."""

    dataset: Dataset
    files: dict[str, bytes]
    settings: tuple[str, int]  # the folder and the small-number threshold it was read with
    per_series: dict[SeriesKey, list[Disagreement]] = field(default_factory=dict)
    disagreements: list[Disagreement] = field(default_factory=list)
    steady: bool = True  # False when a file changed while it was being read: the next comparison trusts nothing


def read(folder: Path, threshold: int, before: Loaded | None) -> tuple[Loaded, set[Read] | None]:
    """The data read and checked again (DataProblems when it is wrong, as in any build), and what changed since
    `before`: the reads that now give something else, or None when every page must be made again."""
    files, settings = _snapshot(folder), (str(folder.resolve()), threshold)
    dataset = load(folder, threshold)
    steady = files == _snapshot(folder)
    # A file that changed while it was read may not match what was read; a threshold changes which figures are hidden.
    trusted = steady and before is not None and before.steady and before.settings == settings
    changed = _changed(before, dataset, files) if trusted and before is not None else None
    per_series = {}
    for key, series in dataset.series.items():
        unchanged = changed is not None and ("series", key) not in changed and ("measures", key[2]) not in changed
        found = before.per_series.get(key) if unchanged and before is not None else None
        per_series[key] = found if found is not None else series_disagreements(series, dataset.measures[key[2]], dataset)
    loaded = Loaded(dataset, files, settings, per_series, find_disagreements(dataset, known=per_series), steady)
    if changed is not None and before is not None:
        changed |= _changed_disagreements(before.disagreements, loaded.disagreements)
    return loaded, changed


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.glob("*")) if path.is_file()} if folder.is_dir() else {}


def _changed(before: Loaded, after: Dataset, files: dict[str, bytes]) -> set[Read] | None:
    old = before.dataset
    paths = {res["name"]: Path(res["path"]).name for res in after.package["resources"]}
    edited = {name for name, path in paths.items() if before.files.get(path) != files.get(path)}
    if before.files.get("datapackage.json") != files.get("datapackage.json") or "glossary" in edited:
        return None
    changed: set[Read] = set()
    for name in KEYED:
        if name in edited:
            changed |= _changed_keys(name, getattr(old, name), getattr(after, name), None)
    if "schemes" in edited:
        areas = {s.area_id for name, s in _values(old.schemes, after.schemes, changed, "schemes")}
        changed |= _changed_keys("schemes_by_area", old.schemes_by_area, after.schemes_by_area, areas)
    for table, indexes in ROW_INDEXES.items():
        old_rows, new_rows = getattr(old, table), getattr(after, table)
        touched = []
        if table in edited:
            path = paths[table]
            lines = _changed_lines(before.files.get(path, b""), files.get(path, b""))
            touched = _rows_on(old_rows, lines) + _rows_on(new_rows, lines)
        if table == "observations":  # a measure's unit and whether it counts people shape its figures
            for measure in {key for name, key in changed if name == "measures"}:
                for source in (old, after):
                    touched += [o for a, s in source.series_by_measure.get(measure, []) for o in source.series.get((a, s, measure), [])]
        if touched:
            changed.add((table, WHOLE))
        for index, keys_of in indexes.items():
            keys = {key for row in touched for key in keys_of(row)}
            changed |= _changed_keys(index, getattr(old, index), getattr(after, index), keys)
    if old.rows_read != after.rows_read:
        changed |= _changed_keys("rows_read", old.rows_read, after.rows_read, None)
    changed |= {("tables", name) for name in edited} | ({("tables", WHOLE)} if edited else set())
    return changed


def _values(old: Mapping, new: Mapping, changed: set[Read], name: str) -> Iterable[tuple[str, Any]]:
    """The old and new values of the keys of `name` that changed."""
    for key in {k for n, k in changed if n == name and k is not WHOLE}:
        for mapping in (old, new):
            if key in mapping:
                yield name, mapping[key]


def _changed_keys(name: str, old: Mapping, new: Mapping, keys: Iterable | None) -> set[Read]:
    """The reads of `name` that differ: the given keys (all keys when None), and WHOLE when any of them, or the
    order of the keys, differs. A key missing from an index (a dict of lists) reads as an empty list."""
    empty: list | None = [] if hasattr(old, "default_factory") or hasattr(new, "default_factory") else None
    candidates = set(old) | set(new) if keys is None else set(keys)
    found: set[Read] = {(name, key) for key in candidates if not same(old.get(key, empty), new.get(key, empty))}
    if found or (keys is None and list(old) != list(new)) or (keys and _order(old) != _order(new)):
        found.add((name, WHOLE))
    return found


def _order(mapping: Mapping) -> list:
    """The keys in order, leaving out the empty lists a missing key's lookup leaves in an index."""
    return [key for key, value in mapping.items() if value != []]


def _changed_lines(old: bytes, new: bytes) -> set[int] | int:
    """The spreadsheet lines (the header is 1) that differ; when lines were added or removed, the first line
    that differs (every line from there on may have moved)."""
    a, b = old.split(b"\n"), new.split(b"\n")
    if len(a) == len(b):
        return {i for i, (x, y) in enumerate(zip(a, b), start=1) if x != y}
    first = next((i for i, (x, y) in enumerate(zip(a, b), start=1) if x != y), min(len(a), len(b)))
    return first


def _rows_on(rows: list, lines: set[int] | int) -> list:
    """The rows whose record (from its first line to the next record's) takes in a changed line."""
    if not lines:
        return []
    starts = [row.line for row in rows]
    if isinstance(lines, int):
        first = max(0, bisect_right(starts, lines) - 1)
        return rows[first:]
    if 1 in lines:  # the header: every column may mean something else now
        return list(rows)
    picked = {i for i in (bisect_right(starts, line) - 1 for line in lines) if i >= 0}
    return [rows[i] for i in sorted(picked)]


def _changed_disagreements(old: list[Disagreement], new: list[Disagreement]) -> set[Read]:
    if same(old, new):
        return set()
    by_area: dict[str, tuple[list, list]] = {}
    for i, items in enumerate((old, new)):
        for item in items:
            by_area.setdefault(item.area_id, ([], []))[i].append(item)
    changed: set[Read] = {("disagreements", WHOLE), ("disagreements_by_area", WHOLE)}
    return changed | {("disagreements_by_area", area) for area, (a, b) in by_area.items() if not same(a, b)}


def same(a: Any, b: Any) -> bool:
    """Equal in every field, including those a dataclass leaves out of `==` (a period's label, an explanation)."""
    if a is b:
        return True
    if type(a) is not type(b):
        return False
    if dataclasses.is_dataclass(a):
        return all(same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    if isinstance(a, list | tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if isinstance(a, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    return a == b
