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
from .broken_ids import BrokenIds
from .cells import CellError
from .descriptor import check_descriptor
from .errors import DataProblems, Problem
from .model import (
    Area,
    Caveat,
    Dataset,
    Decision,
    Explanation,
    Hex,
    HexLayout,
    Measure,
    Milestone,
    Money,
    Observation,
    Outcome,
    Period,
    Place,
    Risk,
    Scheme,
    Similar,
    Source,
    Term,
    many_objects,
    rows_of,
)
from .reading import read_table, too_wide
from .schema import Table, check_cells, check_foreign_keys, check_header, check_primary_key, groups, unsupported
from .vocab import Better, CaveatKind, Completed, DateStated, FigureKind, Per, PrintedIn, SchemeStage, StatedJudgement, TimeStated, Unit

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
# Files a data package may leave out (a copy from before they were added): read as empty when it does.
OPTIONAL_FIELDS = {
    "places": ("place", "area_id", "source_id", "source_location"),
    "comparison_groups": ("area_id", "group", "similar_area_id", "source"),
    "decisions": ("area_id", "quote", "plain", "source_id", "source_location"),
}
# How the report gives a row's time (vocab.TimeStated), and its words for it, where the dates say more.
STATED_TIME = {"observations": ("time_stated", "time_words"), "outcomes": ("time_stated", "time_words"), "money": ("time_stated", "time_words")}
HEXJSON = "hexjson"  # the `format` of the data package's hex map of areas (a resource that is not a table)
LAYOUTS = ("odd-r", "even-r", "odd-q", "even-q")


# A property of this data package's resources: a table the site needs at least one row of (areas, measures,
# observations, sources). Emptied, it is an error; another table emptied is found by comparing with the last
# commit (site/since_commit.py).
ROWS_REQUIRED = "rowsRequired"


def tabular(package: dict) -> list[dict]:
    """The data package's resources that are CSV tables (not its hex map)."""
    return [res for res in package["resources"] if res.get("format") != HEXJSON]


def load(data_dir: str | Path, small_number_threshold: int = 5) -> Dataset:
    """The validated data set, or DataProblems listing every mistake found."""
    data_dir = Path(data_dir)
    package = _read_package(data_dir)
    with many_objects():
        return _load(data_dir, package, small_number_threshold)


def _load(data_dir: Path, package: dict, small_number_threshold: int) -> Dataset:
    problems: list[Problem] = []
    tables = {res["name"]: _read_table(data_dir, res, problems) for res in tabular(package)}
    broken_ids = BrokenIds()  # an id written wrong where it is defined: one message, not one for each row naming it
    for res in tabular(package):
        problems += check_primary_key(tables[res["name"]], res["schema"])
        problems += broken_ids.keep(tables, res, check_foreign_keys(tables, res))
        table = tables[res["name"]]
        if res.get(ROWS_REQUIRED) and not table.broken and len(table) == 0:
            problems.append(
                Problem(
                    file=table.file,
                    message="this file has its header row but no rows, and the site cannot be made without them",
                    fix="Put its rows back: if it was emptied by mistake, take the file from the last version that worked "
                    "(on GitHub, open the file and click History).",
                )
            )
    broken_ids.suggest(problems)
    broken_ids.name_existing(tables, tabular(package), problems)
    hexmap = _read_hexmap(data_dir, package, problems)
    dataset = _build(tables, problems, small_number_threshold)
    if problems or dataset is None:
        # One list, in file and line order, so an editor can work down it.
        raise DataProblems(sorted(problems, key=lambda p: (p.file, p.line or 0)))
    for table in tables.values():
        table.settle()
    dataset.hexmap = hexmap
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
                    file=file,
                    message="the data package description is missing",
                    fix="Every data folder needs datapackage.json; copy it from the project's data/ folder.",
                )
            ]
        ) from None
    except json.JSONDecodeError as error:
        raise DataProblems(
            [
                Problem(
                    file=file,
                    line=error.lineno,
                    message=f"this is not valid JSON ({error.msg})",
                    fix="Undo the last edit to this file, or copy it again from the project's data/ folder.",
                )
            ]
        ) from None
    except (OSError, UnicodeDecodeError) as error:
        raise DataProblems(
            [Problem(file=file, message=f"this cannot be read ({error})", fix="Copy it again from the project's data/ folder.")]
        ) from None
    # Shaped as a Data Package before any part of it is used: one problem, at its place in the file.
    problems = check_descriptor(package, file)
    if problems:
        raise DataProblems(problems)
    named = {res["name"]: res for res in tabular(package)}
    for res in tabular(package):
        problems += unsupported(res, file, named)
    for name, needed in [*MODEL_FIELDS.items(), *((n, f) for n, f in OPTIONAL_FIELDS.items() if n in named)]:
        if name not in named:  # a copy from before the file was added: one problem, not one per field
            problems.append(
                Problem(
                    file=file,
                    value=name,
                    message=f"the data package does not describe the file {name}.csv",
                    fix="Copy datapackage.json again from the project's data/ folder.",
                )
            )
            continue
        have = {f["name"] for f in named[name]["schema"]["fields"]}
        for field_name in needed:
            if field_name not in have:
                problems.append(
                    Problem(
                        file=file,
                        column=field_name,
                        message=f"the '{name}' resource has no field '{field_name}'",
                        fix="Copy datapackage.json again from the project's data/ folder.",
                    )
                )
    if problems:
        raise DataProblems(problems)
    return package


def _read_hexmap(data_dir: Path, package: dict, problems: list[Problem]) -> HexLayout | None:
    """The data package's hex map of areas (HexJSON: a layout and hexagons, each with a column q and a row r),
    keyed by ONS code as areas.csv's `ons_code`; None when the package has none."""
    found = [res for res in package["resources"] if res.get("format") == HEXJSON]
    if not found:
        return None
    res = found[0]
    file = f"{data_dir.name}/{res.get('path', '')}"
    fix = "Use a HexJSON file (https://odileeds.github.io/hexmaps/hexjson): a layout such as odd-r, and hexes each with q and r."
    try:
        raw = json.loads((data_dir / str(res["path"])).read_text(encoding="utf-8-sig"))
        layout = raw["layout"]
        hexes = {}
        for code, spec in raw["hexes"].items():
            q, r = spec["q"], spec["r"]
            if not (isinstance(q, int) and isinstance(r, int)):
                raise TypeError(code)
            hexes[str(code)] = Hex(str(code), str(spec.get("n") or spec.get("name") or code), q, r)
    except FileNotFoundError:
        problems.append(
            Problem(
                file=file,
                line=None,
                column=None,
                value=None,
                message="the hex map file is missing",
                fix="Add it, or remove the 'hexmap' resource from datapackage.json.",
            )
        )
        return None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, AttributeError) as error:
        problems.append(
            Problem(file=file, line=None, column=None, value=None, message=f"this hex map cannot be read ({type(error).__name__}: {error})", fix=fix)
        )
        return None
    if layout not in LAYOUTS:
        problems.append(
            Problem(
                file=file,
                line=None,
                column="layout",
                value=str(layout),
                message="this is not a HexJSON layout",
                fix=f"Write one of: {', '.join(LAYOUTS)}.",
            )
        )
        return None
    return HexLayout(layout, hexes, str(res.get("title", "")), str(res.get("description", "")))


def _read_table(data_dir: Path, resource: dict, problems: list[Problem]) -> Table:
    file = f"{data_dir.name}/{resource['path']}"
    fields = resource["schema"]["fields"]
    broken = Table(resource["name"], file, fields)
    names = [f["name"] for f in fields]
    try:
        raw = read_table((data_dir / resource["path"]).read_bytes())
    except FileNotFoundError:
        problems.append(Problem(file=file, message="the file is missing", fix=f"Create it with this header row: {','.join(names)}"))
        return broken
    except OSError as error:
        problems.append(
            Problem(file=file, message=f"the file cannot be read ({error.strerror or error})", fix="Check that it is a file you can open.")
        )
        return broken
    except CellError as error:
        problems.append(Problem(file=file, line=error.line, message=error.message, fix=error.fix))
        return broken
    if not any(raw.header):
        problems.append(
            Problem(file=file, line=1, message="the file is empty", fix=f"It needs a header row: {','.join(names)}, then one row per line.")
        )
        return broken
    if not check_header(file, fields, raw.header, problems):
        return broken
    # Blank rows are skipped (their lines still count). A row with more cells than the header has its cells
    # shifted: one message says why, and none of its cells is checked (each would be wrong, for the one mistake).
    empty = [np.array([t == "" for t in c.texts], dtype=bool)[c.codes] for c in raw.columns]
    blank = np.logical_and.reduce(empty)
    if raw.widths is not None:
        overflow = raw.widths > len(raw.header)
    elif len(raw.columns) > len(raw.header):
        overflow = ~np.logical_and.reduce(empty[len(raw.header) :])
    else:
        overflow = np.zeros(len(raw), dtype=bool)
    for i in np.flatnonzero(overflow & ~blank).tolist():
        width = None if raw.widths is None else int(raw.widths[i])
        problems.append(too_wide(file, int(raw.lines[i]), raw.header, [c.texts[c.codes[i]] for c in raw.columns], width))
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
    # Measures whose figures are a share of a whole (an optional column): from 0% to 100%.
    share_of = (
        {}
        if measures_t.broken or "share" not in measures_t.values
        else dict(zip(measures_t.values["id"].tolist(), (measures_t.values["share"] == "yes").tolist()))
    )
    scheme_area = None if t["schemes"].broken else dict(zip(t["schemes"].values["id"].tolist(), t["schemes"].values["area_id"].tolist()))
    if not obs_t.broken:
        if scheme_area is not None:
            rules.schemes_in_their_area(obs_t, scheme_area, problems)
        two_ways = rules.dates_read_one_way(obs_t, problems)
        obs_period = rules.periods(obs_t, problems, skip=two_ways)
        rules.labels_fit_dates(obs_t, obs_period, problems)
        obs_units = rules.observation_units(obs_t, unit_of)
        obs_value, obs_missing = rules.figures(obs_t, "value", obs_units, problems)
        rules.within_bounds(obs_t, "value", obs_value, rules.observation_bound_kinds(obs_t, obs_units, share_of), problems)
        obs_value_to = rules.range_tops(obs_t, obs_value, obs_missing, obs_units, problems)
        rules.benchmarks_named(obs_t, problems)
        rules.counts_out_of_populations(obs_t, obs_units, obs_value, problems)
    # What reports say in words: periods that do not run backwards, schemes of the row's area.
    for name in ("outcomes", "caveats", "explanations"):
        if not t[name].broken and scheme_area is not None:
            rules.schemes_in_their_area(t[name], scheme_area, problems)
    if not t["outcomes"].broken:
        two_ways = rules.dates_read_one_way(t["outcomes"], problems)
        rules.labels_fit_dates(t["outcomes"], rules.periods(t["outcomes"], problems, skip=two_ways), problems)
    for name, (stated, words) in STATED_TIME.items():
        if not t[name].broken and stated in t[name].values:
            rules.stated_times(t[name], stated, words, problems)
    if not t["milestones"].broken:
        rules.day_read_one_way(t["milestones"], problems, "due", "due_label")
    if not t["sources"].broken:
        rules.day_read_one_way(t["sources"], problems, "date")
    if not money_t.broken:
        two_ways = rules.dates_read_one_way(money_t, problems)
        money_period = rules.periods(money_t, problems, skip=two_ways)
        rules.labels_fit_dates(money_t, money_period, problems)
        amount, _ = rules.figures(money_t, "amount", Unit.GBP, problems)
        share, _ = rules.figures(money_t, "share", Unit.PERCENT, problems)
        rules.within_bounds(money_t, "share", share, Unit.PERCENT, problems)
        fte, _ = rules.figures(money_t, "fte", Unit.COUNT, problems)
        rules.within_bounds(money_t, "fte", fte, Unit.COUNT, problems)
        unit_cost, _ = rules.figures(money_t, "unit_cost", Unit.GBP, problems)
    if not t["areas"].broken and "ons_code" in t["areas"].values:
        rules.codes_once(t["areas"], problems)
    if problems or any(t[name].broken for name in [*MODEL_FIELDS, *(n for n in OPTIONAL_FIELDS if n in t)]):
        return None

    def col(table: Table, name: str, convert=None) -> list:
        """One field of every row of a small table, each cell converted (to None, an enumeration member...)."""
        values = table.values[name].tolist()
        return values if convert is None else [convert(v) for v in values]

    def as_read(table: Table, *names: str) -> dict[str, list]:
        """These fields of every row, as they are, by name."""
        return {name: col(table, name) for name in names}

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

    def bodies(text: str) -> tuple[str, ...]:
        return tuple(b.strip() for b in text.split(";") if b.strip())

    # Every object is made from its columns by field name (model.rows_of), so a new field cannot shift the others.
    def optional(table: Table, name: str, convert=None) -> list:
        """A column a data package from before it was added may not have: "" in every row when it has none."""
        return col(table, name, convert) if name in table.values else [convert("") if convert else ""] * len(table)

    sources = {
        s.id: s
        for s in rows_of(
            Source,
            **as_read(t["sources"], *MODEL_FIELDS["sources"]),
            date_stated=optional(t["sources"], "date_stated", lambda v: DateStated(v or DateStated.DAY)),  # empty: a full date
        )
    }
    glossary = {g.term: g for g in rows_of(Term, **as_read(t["glossary"], *MODEL_FIELDS["glossary"]))}
    areas_t, schemes_t = t["areas"], t["schemes"]

    areas = {
        a.id: a
        for a in rows_of(
            Area,
            **as_read(areas_t, "id", "name"),
            bodies=col(areas_t, "bodies", bodies),
            **as_read(areas_t, "summary", "source_id"),
            ons_code=optional(areas_t, "ons_code"),
            next_report=optional(areas_t, "next_report", lambda v: v or None),
            reports_every=optional(areas_t, "reports_every"),
            next_report_location=optional(areas_t, "next_report_location"),
        )
    }
    schemes = {
        s.id: s
        for s in rows_of(
            Scheme,
            **as_read(schemes_t, "id", "area_id", "name", "summary", "for_whom"),
            status=col(schemes_t, "status", SchemeStage),
            **as_read(schemes_t, "source_id", "source_location"),
        )
    }
    measures = {
        m.id: m
        for m in rows_of(
            Measure,
            **as_read(measures_t, "id", "name", "meaning"),
            unit=col(measures_t, "unit", Unit),
            better=col(measures_t, "better", Better),
            counts_people=col(measures_t, "counts_people", lambda v: v == "yes"),
            abbreviation=col(measures_t, "abbreviation"),
            part_of=col(measures_t, "part_of", or_none) if "part_of" in measures_t.values else [None] * len(measures_t),
            short_name=col(measures_t, "short_name"),
            rate_of=col(measures_t, "rate_of") if "rate_of" in measures_t.values else [""] * len(measures_t),
        )
    }

    # Observations and money rows whose period is wrong were reported; the others become objects, column by column.
    rows = np.flatnonzero(obs_period)
    # Only counts of people are hidden: days, pounds, percentages and rates never are, even when a measure's
    # counts_people flag says yes (the build report lists such flags to check).
    people = {m.id: m.counts_people and m.unit == Unit.COUNT for m in measures.values()}
    hidden = rules.suppressed(obs_t, obs_value, people, threshold, obs_value_to)
    observations = rows_of(
        Observation,
        area_id=cells(obs_t, "area_id", rows),
        scheme_id=cells(obs_t, "scheme_id", rows, or_none),
        measure_id=cells(obs_t, "measure_id", rows),
        period=periods(obs_t, rows),
        kind=cells(obs_t, "kind", rows, member(FigureKind)),
        value=obs_value[rows].tolist(),
        printed=cells(obs_t, "value", rows),
        missing=obs_missing[rows].tolist(),
        qualifier=cells(obs_t, "qualifier", rows),
        printed_in=cells(obs_t, "printed_in", rows, member(PrintedIn)),
        note=cells(obs_t, "note", rows),
        source_id=cells(obs_t, "source_id", rows),
        source_location=cells(obs_t, "source_location", rows),
        line=obs_t.lines[rows].tolist(),
        suppressed=hidden[rows].tolist(),
        value_to=obs_value_to[rows].tolist(),
        per=cells(obs_t, "per", rows, member(Per)),
        compared_with=cells(obs_t, "compared_with", rows),
        provisional=cells(obs_t, "provisional", rows, lambda v: v or "") if "provisional" in obs_t.values else [""] * len(rows),
        # What the figure is worked out from, where the data gives it: both or neither (rules.counts_out_of_populations).
        count=cells(obs_t, "count", rows) if "count" in obs_t.values else [None] * len(rows),
        population=cells(obs_t, "population", rows) if "population" in obs_t.values else [None] * len(rows),
    )
    rows = np.flatnonzero(money_period)
    money = rows_of(
        Money,
        area_id=cells(money_t, "area_id", rows),
        scheme_id=cells(money_t, "scheme_id", rows, or_none),
        period=periods(money_t, rows),
        **{n: cells(money_t, n, rows) for n in ("breakdown", "item", "funder")},
        amount=amount[rows].tolist(),
        amount_printed=cells(money_t, "amount", rows),
        share=share[rows].tolist(),
        fte=fte[rows].tolist(),
        unit_cost=unit_cost[rows].tolist(),
        is_total=cells(money_t, "is_total", rows, lambda v: v == "yes"),
        **{n: cells(money_t, n, rows) for n in ("note", "source_id", "source_location")},
        line=money_t.lines[rows].tolist(),
    )

    def place(table: Table, *, measure: bool = True) -> dict[str, list]:
        """The area, the scheme (None for the area as a whole) and, when the rows have one, the measure (None
        for the place as a whole) of every row."""
        found = {"area_id": col(table, "area_id"), "scheme_id": col(table, "scheme_id", or_none)}
        return found | ({"measure_id": col(table, "measure_id", or_none)} if measure else {})

    def source(table: Table) -> dict[str, list]:
        return as_read(table, "source_id", "source_location")

    milestones_t, risks_t, outcomes_t, caveats_t, explanations_t = (t[n] for n in ("milestones", "risks", "outcomes", "caveats", "explanations"))
    milestones = rows_of(
        Milestone,
        **place(milestones_t, measure=False),
        **as_read(milestones_t, "milestone", "due", "due_label"),
        completed=col(milestones_t, "completed", lambda v: Completed(v or "")),
        **source(milestones_t),
        line=milestones_t.lines.tolist(),
        stated=optional(milestones_t, "due_stated", lambda v: TimeStated(v or "")),  # how the report gives the due date
    )
    risks = rows_of(
        Risk,
        **place(risks_t, measure=False),
        **as_read(risks_t, "number", "risk", "impact", "probability", "score", "mitigation", "owner"),
        **source(risks_t),
        line=risks_t.lines.tolist(),
    )
    outcomes = rows_of(
        Outcome,
        **place(outcomes_t),
        period=[Period(*p) for p in zip(*(col(outcomes_t, n) for n in ("period_start", "period_end", "period_label")))],
        judgement=col(outcomes_t, "judgement", StatedJudgement),
        quote=col(outcomes_t, "quote"),
        **source(outcomes_t),
        line=outcomes_t.lines.tolist(),
    )
    caveats = rows_of(
        Caveat,
        **place(caveats_t),
        kind=col(caveats_t, "kind", CaveatKind),
        **as_read(caveats_t, "quote", "plain"),
        **source(caveats_t),
        line=caveats_t.lines.tolist(),
    )
    explanations = rows_of(
        Explanation,
        **place(explanations_t),
        **as_read(explanations_t, "check", "explanation", "said_by"),
        line=explanations_t.lines.tolist(),
    )
    places_t, groups_t = t.get("places"), t.get("comparison_groups")  # optional tables
    places = [] if places_t is None else rows_of(Place, **as_read(places_t, *OPTIONAL_FIELDS["places"]), line=places_t.lines.tolist())
    similar = (
        []
        if groups_t is None
        else rows_of(
            Similar,
            area_id=col(groups_t, "area_id"),
            group=col(groups_t, "group"),
            similar_area_id=col(groups_t, "similar_area_id"),
            source=col(groups_t, "source"),
            line=groups_t.lines.tolist(),
        )
    )
    decisions_t = t.get("decisions")  # optional
    decisions = (
        [] if decisions_t is None else rows_of(Decision, **as_read(decisions_t, *OPTIONAL_FIELDS["decisions"]), line=decisions_t.lines.tolist())
    )
    # Each row's time as the report gives it, where the data package has the columns: the period keeps its
    # dates (for sorting and charts) and carries how pages must word it.
    _stated_periods(t["observations"], np.flatnonzero(obs_period), observations, sources)
    _stated_periods(t["outcomes"], np.arange(len(t["outcomes"])), outcomes, sources)
    _stated_periods(t["money"], np.flatnonzero(money_period), money, sources)
    rows_read = {name: len(table) for name, table in tables.items()}
    return Dataset(
        sources=sources,
        glossary=glossary,
        areas=areas,
        schemes=schemes,
        measures=measures,
        observations=observations,
        money=money,
        milestones=milestones,
        risks=risks,
        rows_read=rows_read,
        small_number_threshold=threshold,
        outcomes=outcomes,
        caveats=caveats,
        explanations=explanations,
        places=places,
        similar=similar,
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
            row.period = replace(row.period, stated=TimeStated(how or ""), words=said or "", report=sources[row.source_id])
