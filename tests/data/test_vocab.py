"""The enumerations in macros/data/vocab.py are the schema's, not a second copy that can drift."""

import json

import pytest
from conftest import ROOT

from macros.data.vocab import Better, CaveatKind, Completed, DateStated, FigureKind, Per, PrintedIn, SchemeStage, StatedJudgement, TimeStated, Unit

PACKAGE = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))


def enum_of(resource: str, field: str) -> set[str]:
    schema = next(r["schema"] for r in PACKAGE["resources"] if r["name"] == resource)
    spec = next(f for f in schema["fields"] if f["name"] == field)
    return {v for v in spec["constraints"]["enum"] if v}


@pytest.mark.parametrize(
    "enum, resource, field",
    [
        (FigureKind, "observations", "kind"),
        (PrintedIn, "observations", "printed_in"),
        (Unit, "measures", "unit"),
        (Better, "measures", "better"),
        (SchemeStage, "schemes", "status"),
        (Per, "observations", "per"),
        (StatedJudgement, "outcomes", "judgement"),
        (CaveatKind, "caveats", "kind"),
        (Completed, "milestones", "completed"),
        (TimeStated, "observations", "time_stated"),
        (TimeStated, "outcomes", "time_stated"),
        (TimeStated, "money", "time_stated"),
        (TimeStated, "milestones", "due_stated"),
        (DateStated, "sources", "date_stated"),
    ],
)
def test_enumeration_matches_the_schema(enum, resource, field):
    assert {m.value for m in enum if m.value} == enum_of(resource, field)  # Per.NONE is the empty cell
