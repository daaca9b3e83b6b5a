"""datapackage.json checked against the Data Package and Table Schema profiles (v1) by jsonschema, before
anything in it is used: a description that is not shaped as one is one problem for the editor, naming the
place in the file (its JSON path) and what to do, never a traceback.

PROFILE states what the two specifications state of the parts the site reads (a package's resources, a
resource's name, path and schema, a schema's fields, keys and missing values, a field's name, type, format
and constraints), and what the site needs beyond them: each resource's data in a file (a path, not inline
data) and its schema written in it (not a path to another file). frictionless's own validation
(`frictionless validate data/datapackage.json`) checks the rest. The checks a schema asks for that the site
cannot apply are schema.unsupported's.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from .errors import Problem

_NAMES = {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]}  # one field's name, or a list of them
PROFILE: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "title": "Tabular Data Package, as the site reads it",
    "type": "object",
    "required": ["resources"],
    "properties": {
        "name": {"type": "string"},
        # This project's own: true when the figures are made up (benchmarks/synthetic.py); every page says so.
        "synthetic": {"type": "boolean"},
        "resources": {
            "type": "array",
            "minItems": 1,
            "items": {
                "title": "Data Resource",
                "type": "object",
                "required": ["name", "path"],
                # A table unless it says it is another kind of resource (the hex map: "profile": "data-resource").
                "if": {"not": {"properties": {"profile": {"const": "data-resource"}}, "required": ["profile"]}},
                "then": {"title": "Tabular Data Resource", "required": ["schema"]},
                "properties": {
                    "name": {"type": "string", "pattern": "^([-a-z0-9._/])+$"},
                    # Data Package: a path is relative to the package and cannot go out of its folder.
                    "path": {"type": "string", "pattern": r"^(?![./~\\])(?!.*\.\.)"},
                    "encoding": {"type": "string"},
                    "schema": {
                        "title": "Table Schema",
                        "type": "object",
                        "required": ["fields"],
                        "properties": {
                            "fields": {
                                "type": "array",
                                "items": {
                                    "title": "Table Schema field",
                                    "type": "object",
                                    "required": ["name"],
                                    "properties": {
                                        "name": {"type": "string"},
                                        "type": {"type": "string"},
                                        "format": {"type": "string"},
                                        "constraints": {"type": "object"},
                                    },
                                },
                            },
                            "primaryKey": _NAMES,
                            "foreignKeys": {
                                "type": "array",
                                "items": {
                                    "type": "object",
                                    "required": ["fields", "reference"],
                                    "properties": {
                                        "fields": _NAMES,
                                        "reference": {
                                            "type": "object",
                                            "required": ["resource", "fields"],
                                            "properties": {"resource": {"type": "string"}, "fields": _NAMES},
                                        },
                                    },
                                },
                            },
                            "missingValues": {"type": "array", "items": {"type": "string"}},
                        },
                    },
                },
            },
        },
    },
}


@cache
def _validator():
    """The profile, compiled once."""
    import jsonschema

    jsonschema.Draft7Validator.check_schema(PROFILE)
    return jsonschema.Draft7Validator(PROFILE)


def check_descriptor(package: Any, file: str) -> list[Problem]:
    """No problem when the description is shaped as the profile says; else one, for the place that matters
    most (jsonschema's best match: the outermost first)."""
    import jsonschema.exceptions

    error = jsonschema.exceptions.best_match(_validator().iter_errors(package))
    if error is None:
        return []
    return [
        Problem(
            file=file,
            message=f"this does not describe the data files as a Data Package does: at {_place(package, list(error.absolute_path))}, {_said(error)}",
            fix="Correct that place in datapackage.json (https://specs.frictionlessdata.io/data-package/ says what each part holds), "
            "or copy the file again from the project's data/ folder.",
        )
    ]


def _place(package: Any, path: list) -> str:
    """Where in the file, as a JSON path ($.resources[2].schema.fields[0]), with the resource's and the
    field's name when they have one: "$.resources[2].schema.fields[0] (resource 'areas', its 1st field)"."""
    where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    named = []
    if len(path) >= 2 and path[0] == "resources" and isinstance(path[1], int):
        resource = package["resources"][path[1]]
        name = resource.get("name") if isinstance(resource, dict) else None
        named.append(f"resource {name!r}" if isinstance(name, str) else f"the {_ordinal(path[1] + 1)} resource")
        if path[2:4] == ["schema", "fields"] and len(path) >= 5 and isinstance(path[4], int):
            spec = resource["schema"]["fields"][path[4]]
            field = spec.get("name") if isinstance(spec, dict) else None
            named.append(f"field {field!r}" if isinstance(field, str) else f"its {_ordinal(path[4] + 1)} field")
    return where + (f" ({', '.join(named)})" if named else "")


def _said(error) -> str:
    """What is wrong, in the words of the specification."""
    if error.validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"it has no '{missing}'"
    if error.validator == "type" or error.validator == "anyOf":
        wanted = error.validator_value if error.validator == "type" else "a name or a list of names"
        return f"this should be {_a(wanted)}, not {_json_type(error.instance)}"
    if error.validator == "pattern" and error.absolute_path and error.absolute_path[-1] == "path":
        return f"the path {error.instance!r} must be a file in the data folder (no leading / and no ..)"
    if error.validator == "minItems":
        return "it lists nothing"
    return error.message


def _a(wanted: str | list[str]) -> str:
    words: dict[str, str] = {
        "object": "an object ({...})",
        "array": "a list ([...])",
        "string": "text in quotes",
        "integer": "a whole number",
        "boolean": "true or false",
    }
    if isinstance(wanted, list):
        return " or ".join(words.get(w, w) for w in wanted)
    return words.get(wanted, wanted)


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "true or false"
    return {dict: "an object", list: "a list", str: "text", int: "a number", float: "a number", type(None): "null"}.get(
        type(value), type(value).__name__
    )


def _ordinal(n: int) -> str:
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"
