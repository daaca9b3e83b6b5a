"""Read and validate the whole data set once, from the Frictionless Data Package in data/.

1. reading.py reads each CSV file once with pandas, every cell as text, with its true line number;
2. schema.py applies every check datapackage.json states (header, types, constraints, primary and foreign
   keys), read from it;
3. rules.py applies the rules the schema cannot state (units, periods, schemes' areas, parts of a whole,
   ranges, benchmarks);
4. this module turns the checked columns into the typed model (model.py).

Every problem in every file is collected before stopping, as one DataProblems.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np

from . import rules
from .cells import CellError
from .errors import DataProblems, Problem
from .model import (
    Area,
    Caveat,
    Dataset,
    Decision,
    Explanation,
    Measure,
    Milestone,
    Money,
    Observation,
    Outcome,
    Period,
    Risk,
    Scheme,
    Source,
    Term,
    many_objects,
)
from .reading import read_table
from .schema import Table, check_cells, check_foreign_keys, check_header, check_primary_key, groups, unsupported
from .vocab import Better, CaveatKind, Completed, FigureKind, Per, PrintedIn, SchemeStage, StatedJudgement, TimeStated, Unit

__all__ = ["Table", "load"]

# The fields the model is built from, by resource: the schema must have them (it may have more).
MODEL_FIELDS = {
    "sources": ("id", "title", "body", "committee", "date", "seed_file", "url"),
    "glossary": ("term", "meaning", "explanation"),
    "areas": ("id", "name", "bodies", "summary", "source_id"),
    "schemes": ("id", "area_id", "name", "summary", "for_whom", "status", "source_id", "source_location"),
    "measures": ("id", "name", "meaning", "unit", "better", "counts_people", "abbreviation", "short_name"),
    "observations": (
        "area_id",
        "scheme_id",
        "measure_id",
        "period_start",
        "period_end",
        "period_label",
        "kind",
        "value",
        "qualifier",
        "printed_in",
        "note",
        "source_id",
        "source_location",
        "value_to",
        "per",
        "compared_with",
    ),
    "money": (
        "area_id",
        "scheme_id",
        "period_start",
        "period_end",
        "period_label",
        "breakdown",
        "item",
        "funder",
        "amount",
        "share",
        "fte",
        "unit_cost",
        "is_total",
        "note",
        "source_id",
        "source_location",
    ),
    "milestones": ("area_id", "scheme_id", "milestone", "due", "due_label", "completed", "source_id", "source_location"),
    "risks": ("area_id", "scheme_id", "number", "risk", "impact", "probability", "score", "mitigation", "owner", "source_id", "source_location"),
    "outcomes": (
        "area_id",
        "scheme_id",
        "measure_id",
        "period_start",
        "period_end",
        "period_label",
        "judgement",
        "quote",
        "source_id",
        "source_location",
    ),
    "caveats": ("area_id", "scheme_id", "measure_id", "kind", "quote", "plain", "source_id", "source_location"),
    "explanations": ("area_id", "scheme_id", "measure_id", "check", "explanation", "said_by"),
}
# Resources and fields the model reads when the data package has them: a data folder from before they were added
# reads as it did (no time as stated, no decisions).
OPTIONAL_FIELDS = {
    "decisions": ("area_id", "quote", "plain", "source_id", "source_location"),
}
# How the report gives a row's time (vocab.TimeStated), and its words for it, where the dates say more.
STATED_TIME = {"observations": ("time_stated", "time_words"), "outcomes": ("time_stated", "time_words"), "money": ("time_stated", "time_words")}


def load(data_dir: str | Path, small_number_threshold: int = 5) -> Dataset:
    """The validated data set, or DataProblems listing every mistake found."""
    data_dir = Path(data_dir)
    package = _read_package(data_dir)
    with many_objects():
        return _load(data_dir, package, small_number_threshold)


def _load(data_dir: Path, package: dict, small_number_threshold: int) -> Dataset:
    problems: list[Problem] = []
    tables = {res["name"]: _read_table(data_dir, res, problems) for res in package["resources"]}
    for res in package["resources"]:
        problems += check_primary_key(tables[res["name"]], res["schema"])
        problems += check_foreign_keys(tables, res)
    dataset = _build(tables, problems, small_number_threshold)
    if problems or dataset is None:
        # One list, in file and line order, so an editor can work down it.
        raise DataProblems(sorted(problems, key=lambda p: (p.file, p.line or 0)))
    for table in tables.values():
        table.settle()
    dataset.tables = tables
    dataset.package = package
    return dataset


def _read_package(data_dir: Path) -> dict:
    path = data_dir / "datapackage.json"
    file = str(path)
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataProblems(
            [
                Problem(
                    file,
                    None,
                    None,
                    None,
                    "the data package description is missing",
                    "Every data folder needs datapackage.json; copy it from the project's data/ folder.",
                )
            ]
        ) from None
    except json.JSONDecodeError as error:
        raise DataProblems(
            [
                Problem(
                    file,
                    error.lineno,
                    None,
                    None,
                    f"this is not valid JSON ({error.msg})",
                    "Undo the last edit to this file, or copy it again from the project's data/ folder.",
                )
            ]
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataProblems(
            [Problem(file, None, None, None, f"this cannot be read ({error})", "Copy it again from the project's data/ folder.")]
        ) from None
    problems = []
    try:
        named = {res["name"]: res for res in package["resources"]}
        for res in package["resources"]:
            assert isinstance(res["path"], str) and isinstance(res["schema"]["fields"], list)
            assert all(isinstance(f["name"], str) for f in res["schema"]["fields"])
            problems += unsupported(res, file, named)
        for name, needed in {**MODEL_FIELDS, **{n: f for n, f in OPTIONAL_FIELDS.items() if n in named}}.items():
            if name not in named:  # a copy from before the file was added: one problem, not one per field
                problems.append(
                    Problem(
                        file,
                        None,
                        None,
                        name,
                        f"the data package does not describe the file {name}.csv",
                        "Copy datapackage.json again from the project's data/ folder.",
                    )
                )
                continue
            have = {f["name"] for f in named[name]["schema"]["fields"]}
            for field_name in needed:
                if field_name not in have:
                    problems.append(
                        Problem(
                            file,
                            None,
                            field_name,
                            None,
                            f"the '{name}' resource has no field '{field_name}'",
                            "Copy datapackage.json again from the project's data/ folder.",
                        )
                    )
    except (KeyError, TypeError, AttributeError, AssertionError):
        problems.append(
            Problem(
                file, None, None, None, "this does not describe the data files as the site expects", "Copy it again from the project's data/ folder."
            )
        )
    if problems:
        raise DataProblems(problems)
    return package


def _read_table(data_dir: Path, resource: dict, problems: list[Problem]) -> Table:
    file = f"{data_dir.name}/{resource['path']}"
    fields = resource["schema"]["fields"]
    broken = Table(resource["name"], file, fields)
    names = [f["name"] for f in fields]
    try:
        raw = read_table((data_dir / resource["path"]).read_bytes())
    except FileNotFoundError:
        problems.append(Problem(file, None, None, None, "the file is missing", f"Create it with this header row: {','.join(names)}"))
        return broken
    except OSError as error:
        problems.append(
            Problem(file, None, None, None, f"the file cannot be read ({error.strerror or error})", "Check that it is a file you can open.")
        )
        return broken
    except CellError as error:
        problems.append(Problem(file, error.line, None, None, error.message, error.fix))
        return broken
    if not any(raw.header):
        problems.append(Problem(file, 1, None, None, "the file is empty", f"It needs a header row: {','.join(names)}, then one row per line."))
        return broken
    if not check_header(file, fields, raw.header, problems):
        return broken
    # Blank rows are skipped (their lines still count); cells beyond the header's last column are a stray comma.
    empty = [np.array([t == "" for t in c.texts], dtype=bool)[c.codes] for c in raw.columns]
    blank = np.logical_and.reduce(empty)
    overflow = ~np.logical_and.reduce(empty[len(raw.header) :]) if len(raw.columns) > len(raw.header) else np.zeros(len(raw), dtype=bool)
    for i in np.flatnonzero(overflow & ~blank).tolist():
        problems.append(
            Problem(
                file,
                int(raw.lines[i]),
                None,
                None,
                "this row has more cells than there are columns",
                "Check for a stray comma; put text containing commas in quotes.",
            )
        )
    rows = np.flatnonzero(~blank & ~overflow)
    return check_cells(file, resource["name"], fields, raw, rows, resource["schema"].get("missingValues", [""]), problems)


def _build(tables: dict[str, Table], problems: list[Problem], threshold: int) -> Dataset | None:
    """The rules the schema cannot state (rules.py), then the model, unless something is wrong."""
    t = tables
    measures_t, obs_t, money_t = t["measures"], t["observations"], t["money"]
    # Each rule runs when the files it needs could be read, so a broken file does not hide other mistakes.
    unit_of = {} if measures_t.broken else dict(zip(measures_t.values["id"].tolist(), measures_t.values["unit"].tolist()))
    if not measures_t.broken:
        rules.parts_add_up(measures_t, problems)
    scheme_area = None if t["schemes"].broken else dict(zip(t["schemes"].values["id"].tolist(), t["schemes"].values["area_id"].tolist()))
    if not obs_t.broken:
        if scheme_area is not None:
            rules.schemes_in_their_area(obs_t, scheme_area, problems)
        obs_period = rules.periods(obs_t, problems)
        obs_units = rules.observation_units(obs_t, unit_of)
        obs_value, obs_missing = rules.figures(obs_t, "value", obs_units, problems)
        obs_value_to = rules.range_tops(obs_t, obs_value, obs_missing, obs_units, problems)
        rules.benchmarks_named(obs_t, problems)
    # What reports say in words: periods that do not run backwards, schemes of the row's area.
    for name in ("outcomes", "caveats", "explanations"):
        if not t[name].broken and scheme_area is not None:
            rules.schemes_in_their_area(t[name], scheme_area, problems)
    if not t["outcomes"].broken:
        rules.periods(t["outcomes"], problems)
    for name, (stated, words) in STATED_TIME.items():
        if not t[name].broken and stated in t[name].values:
            rules.stated_times(t[name], stated, words, problems)
    if not money_t.broken:
        money_period = rules.periods(money_t, problems)
        amount, _ = rules.figures(money_t, "amount", Unit.GBP, problems)
        share, _ = rules.figures(money_t, "share", Unit.PERCENT, problems)
        fte, _ = rules.figures(money_t, "fte", Unit.COUNT, problems)
        unit_cost, _ = rules.figures(money_t, "unit_cost", Unit.GBP, problems)
    if problems or any(t[name].broken for name in [*MODEL_FIELDS, *(n for n in OPTIONAL_FIELDS if n in t)]):
        return None

    def col(table: Table, *names: str):
        return [table.values[n].tolist() for n in names]

    sources = {r[0]: Source(*r) for r in zip(*col(t["sources"], *MODEL_FIELDS["sources"]))}
    glossary = {r[0]: Term(*r) for r in zip(*col(t["glossary"], *MODEL_FIELDS["glossary"]))}
    areas = {
        i: Area(i, name, tuple(b.strip() for b in bodies.split(";") if b.strip()), summary, source)
        for i, name, bodies, summary, source in zip(*col(t["areas"], *MODEL_FIELDS["areas"]))
    }
    schemes = {
        i: Scheme(i, area, name, summary, for_whom, SchemeStage(status), source, location)
        for i, area, name, summary, for_whom, status, source, location in zip(*col(t["schemes"], *MODEL_FIELDS["schemes"]))
    }
    part_of = measures_t.values["part_of"].tolist() if "part_of" in measures_t.values else [""] * len(measures_t)
    measures = {
        i: Measure(i, name, meaning, Unit(unit), Better(better), people == "yes", abbreviation, whole or None, short)
        for (i, name, meaning, unit, better, people, abbreviation, short), whole in zip(zip(*col(measures_t, *MODEL_FIELDS["measures"])), part_of)
    }

    def periods(table: Table, rows: np.ndarray) -> list[Period]:
        """The period of each of these rows, one Period object for each distinct (start, end, label)."""
        group, first = groups(table, "period_start", "period_end", "period_label")
        starts, ends, labels = (table.values[n] for n in ("period_start", "period_end", "period_label"))
        made = np.empty(len(first), dtype=object)
        made[:] = [Period(starts[i], ends[i], labels[i]) for i in first.tolist()]
        return made[group[rows]].tolist()

    def cells(table: Table, name: str, rows: np.ndarray, convert=None) -> list:
        """One field of these rows, each distinct value converted once (to None, an enumeration member...)."""
        distinct = table.distinct[name]
        if convert is not None:
            converted = np.empty(len(distinct), dtype=object)
            converted[:] = [convert(v) for v in distinct.tolist()]
            distinct = converted
        return distinct[table.texts[name].codes[rows]].tolist()

    def or_none(value):
        return value or None

    def member(enum):
        return lambda value: enum(value) if value is not None else None

    # Observations and money rows whose period is wrong were reported; the others become objects, column by column.
    rows = np.flatnonzero(obs_period)
    # Only counts of people are hidden: days, pounds, percentages and rates never are, even when a measure's
    # counts_people flag says yes (the build report lists such flags to check).
    people = {m.id: m.counts_people and m.unit == Unit.COUNT for m in measures.values()}
    hidden = rules.suppressed(obs_t, obs_value, people, threshold, obs_value_to)
    observations = list(
        map(
            Observation,
            cells(obs_t, "area_id", rows),
            cells(obs_t, "scheme_id", rows, or_none),
            cells(obs_t, "measure_id", rows),
            periods(obs_t, rows),
            cells(obs_t, "kind", rows, member(FigureKind)),
            obs_value[rows].tolist(),
            cells(obs_t, "value", rows),
            obs_missing[rows].tolist(),
            cells(obs_t, "qualifier", rows),
            cells(obs_t, "printed_in", rows, member(PrintedIn)),
            cells(obs_t, "note", rows),
            cells(obs_t, "source_id", rows),
            cells(obs_t, "source_location", rows),
            obs_t.lines[rows].tolist(),
            hidden[rows].tolist(),
            obs_value_to[rows].tolist(),
            cells(obs_t, "per", rows, member(Per)),
            cells(obs_t, "compared_with", rows),
        )
    )
    rows = np.flatnonzero(money_period)
    money = list(
        map(
            Money,
            cells(money_t, "area_id", rows),
            cells(money_t, "scheme_id", rows, or_none),
            periods(money_t, rows),
            *(cells(money_t, n, rows) for n in ("breakdown", "item", "funder")),
            amount[rows].tolist(),
            cells(money_t, "amount", rows),
            share[rows].tolist(),
            fte[rows].tolist(),
            unit_cost[rows].tolist(),
            cells(money_t, "is_total", rows, lambda v: v == "yes"),
            *(cells(money_t, n, rows) for n in ("note", "source_id", "source_location")),
            money_t.lines[rows].tolist(),
        )
    )
    milestones = [
        Milestone(area, scheme or None, what, due, label, Completed(completed or ""), source, location, line)
        for (area, scheme, what, due, label, completed, source, location), line in zip(
            zip(*col(t["milestones"], *MODEL_FIELDS["milestones"])), t["milestones"].lines.tolist()
        )
    ]
    risks = [
        Risk(area, scheme or None, number, risk, impact, probability, score, mitigation, owner, source, location, line)
        for (area, scheme, number, risk, impact, probability, score, mitigation, owner, source, location), line in zip(
            zip(*col(t["risks"], *MODEL_FIELDS["risks"])), t["risks"].lines.tolist()
        )
    ]
    outcomes = [
        Outcome(area, scheme or None, measure or None, Period(start, end, label), StatedJudgement(judgement), quote, source, location, line)
        for (area, scheme, measure, start, end, label, judgement, quote, source, location), line in zip(
            zip(*col(t["outcomes"], *MODEL_FIELDS["outcomes"])), t["outcomes"].lines.tolist()
        )
    ]
    caveats = [
        Caveat(area, scheme or None, measure or None, CaveatKind(kind), quote, plain, source, location, line)
        for (area, scheme, measure, kind, quote, plain, source, location), line in zip(
            zip(*col(t["caveats"], *MODEL_FIELDS["caveats"])), t["caveats"].lines.tolist()
        )
    ]
    explanations = [
        Explanation(area, scheme or None, measure or None, check, explanation, said_by, line)
        for (area, scheme, measure, check, explanation, said_by), line in zip(
            zip(*col(t["explanations"], *MODEL_FIELDS["explanations"])), t["explanations"].lines.tolist()
        )
    ]
    decisions = (
        [
            Decision(area, quote, plain, source, location, line)
            for (area, quote, plain, source, location), line in zip(
                zip(*col(t["decisions"], *OPTIONAL_FIELDS["decisions"])), t["decisions"].lines.tolist()
            )
        ]
        if "decisions" in t
        else []
    )
    # Each row's time as the report gives it, where the data package has the columns: the period keeps its
    # dates (for sorting and charts) and carries how pages must word it.
    _stated_periods(t["observations"], np.flatnonzero(obs_period), observations, sources)
    _stated_periods(t["outcomes"], np.arange(len(t["outcomes"])), outcomes, sources)
    _stated_periods(t["money"], np.flatnonzero(money_period), money, sources)
    if "due_stated" in t["milestones"].values:
        for m, stated in zip(milestones, t["milestones"].values["due_stated"].tolist()):
            m.stated = TimeStated(stated or "")
    rows_read = {name: len(table) for name, table in tables.items()}
    return Dataset(
        sources,
        glossary,
        areas,
        schemes,
        measures,
        observations,
        money,
        milestones,
        risks,
        rows_read,
        small_number_threshold=threshold,
        outcomes=outcomes,
        caveats=caveats,
        explanations=explanations,
        decisions=decisions,
    )


def _stated_periods(table: Table, rows: np.ndarray, made: list, sources: dict[str, Source]) -> None:
    """Give each row made from these rows of `table` its time as the report states it (time_stated, time_words),
    when the table has the columns and the row says more than its dates."""
    stated_field, words_field = STATED_TIME[table.name]
    if stated_field not in table.values:
        return
    stated, words = table.values[stated_field][rows].tolist(), table.values[words_field][rows].tolist()
    for row, how, said in zip(made, stated, words):
        if how or said:
            row.period = replace(row.period, stated=TimeStated(how or ""), words=said or "", report=sources[row.source_id].date)
