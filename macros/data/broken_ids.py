"""One message for an id typed wrong where it is defined, not one for it and one for every row that names it.

An id changed by mistake in areas.csv ('testshire' typed 'Test shire') was reported there ("Write it as
'test-shire'") and again on every row of every other file that still names 'testshire' ("there is no such area.
Did you mean 'Test shire'?"): two different suggestions, neither the id the rows use, and dozens of messages for
one mistake. Now a row whose unknown id is nearest to such a broken id is not reported, and the broken id's own
message suggests the id those rows use, which is what makes them all right again.

Likewise a row naming an id written wrong ('Test shire' in observations.csv) is told the id that exists
('testshire'), not the id its own spelling would make ('test-shire'), which names nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import replace

import numpy as np

from .errors import Problem
from .nearest import nearest
from .schema import Table


def _target(tables: dict[str, Table], resource: dict, column: str | None) -> tuple[Table, str] | None:
    """The table and column a one-column foreign key in this column names, when that table could be read."""
    for fk in resource["schema"].get("foreignKeys", []):
        fields = [fk["fields"]] if isinstance(fk["fields"], str) else list(fk["fields"])
        names = [fk["reference"]["fields"]] if isinstance(fk["reference"]["fields"], str) else list(fk["reference"]["fields"])
        if fields == [column] and len(names) == 1:
            target = tables.get(fk["reference"].get("resource") or resource["name"])
            return (target, names[0]) if target is not None and not target.broken else None
    return None


def _ids(table: Table, column: str) -> tuple[set[str], set[str]]:
    """The ids a table's column holds: those that are right, and those reported as written wrong."""
    cells = np.asarray(table.texts[column].cells(), dtype=object)
    invalid = table.invalid[column]
    return set(cells[~invalid].tolist()) - {""}, set(cells[invalid].tolist()) - {""}


class BrokenIds:
    """The rows naming an id that is reported as written wrong where it is defined, collected across files."""

    def __init__(self) -> None:
        self.named: dict[tuple[str, str, str], Counter[str]] = {}  # (file, column, broken id) → ids rows use instead
        self.first: dict[tuple[str, str, str], Problem] = {}  # the first such row, to point at

    def keep(self, tables: dict[str, Table], resource: dict, found: list[Problem]) -> list[Problem]:
        """The foreign-key problems of one resource, less those of rows naming an id that is broken where it is
        defined (remembered, to suggest their id there)."""
        kept, seen, ids = [], {}, {}
        for problem in found:
            target = _target(tables, resource, problem.column)
            if target is None or problem.value is None:
                kept.append(problem)
                continue
            table, column = target
            if (table.file, column) not in ids:
                ids[(table.file, column)] = _ids(table, column)
            good, broken = ids[(table.file, column)]
            if (table.file, column, problem.value) not in seen:
                near = nearest(problem.value, sorted(good | broken), n=1)
                seen[(table.file, column, problem.value)] = near[0] if near and near[0] in broken else None
            meant = seen[(table.file, column, problem.value)]
            if meant is None:
                kept.append(problem)
                continue
            key = (table.file, column, meant)
            self.named.setdefault(key, Counter())[problem.value] += 1
            self.first.setdefault(key, problem)
        return kept

    def name_existing(self, tables: dict[str, Table], resources: list[dict], problems: list[Problem]) -> None:
        """A cell naming another table's id, written wrong, is told the nearest id there is (in place)."""
        columns: dict[tuple[str, str], tuple[Table, Table, str]] = {}
        for resource in resources:
            table = tables[resource["name"]]
            for fk in resource["schema"].get("foreignKeys", []):
                fields = [fk["fields"]] if isinstance(fk["fields"], str) else list(fk["fields"])
                named = _target(tables, resource, fields[0]) if len(fields) == 1 else None
                if named is not None and not table.broken:
                    columns[(table.file, fields[0])] = (table, named[0], named[1])
        for i, problem in enumerate(problems):
            found = columns.get((problem.file, problem.column or ""))
            if found is None or problem.value is None:
                continue
            table, target, column = found
            if problem.value not in _ids(table, problem.column or "")[1]:
                continue  # not a cell written wrong: a row naming an id that is not there is told so already
            good = _ids(target, column)[0]
            plain = unicodedata.normalize("NFKD", problem.value).encode("ascii", "ignore").decode()
            slug = re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")
            if slug in good:
                problems[i] = replace(problem, fix=f"Write it as '{slug}', its id in {target.file}.")
            elif near := nearest(slug, sorted(good), n=1):
                problems[i] = replace(problem, fix=f"Write it as '{near[0]}', the nearest id in {target.file}.")

    def suggest(self, problems: list[Problem]) -> None:
        """Each broken id's message suggests the id the rows use (in place): one suggestion, which fixes them all."""
        for i, problem in enumerate(problems):
            key = (problem.file, problem.column or "", problem.value or "")
            if key not in self.named:
                continue
            used, rows = self.named[key].most_common(1)[0]
            first = self.first[key]
            others = "another row" if rows == 1 else f"{rows} rows"
            problems[i] = replace(
                problem,
                fix=f"Write it as '{used}', as {others} name{'s' if rows == 1 else ''} it "
                f"(such as {first.file}, line {first.line}, column '{first.column}').",
            )
