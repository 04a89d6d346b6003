"""The JSON contract as JSON Schema (draft 2020-12), made from the TypedDicts of ``records.py``.

``contract.schema.json`` beside this module is what this makes, shipped in the wheel and
printed by ``gapcli schema [NAME]``; scripts/make_schema.py writes it, tests/test_contract_schema.py
fails when it differs from what the records say, and validates every JSON output of the test
suite against it. Fields may be added in later versions (README: "JSON contract"), so an object
allows properties it does not list; every field it lists is required (``null`` where not known).
"""

from __future__ import annotations

import json
import types
import typing
from pathlib import Path
from typing import Any, Literal, Union

SCHEMA_FILE = Path(__file__).with_name("contract.schema.json")
FIELDS_FILE = Path(__file__).with_name("fields.py")
DRAFT = "https://json-schema.org/draft/2020-12/schema"
GOAL_ID = 'a policy goal\'s number, as a string: "1.4", "2.10" (1.10 is not 1.1); null where the framework does not number the goal'
# (record, field) -> what a reader needs to know that the type does not say
NOTES: dict[tuple[str, str], str] = {
    ("GoalRecord", "goal"): GOAL_ID,
    ("GapEntry", "id"): GOAL_ID,
    ("StateGap", "id"): GOAL_ID,
    ("PlanGoal", "goal"): GOAL_ID,
    ("StateRow", "grades"): "the state's overall grade in each edition, by year as a string; null: no card or no grade",
}
FIPS = 'the state\'s 2-digit FIPS code (FIPS 5-2, ANSI INCITS 38), as a string: "09" for Connecticut, "11" for D.C.'
NOTES.update({(record, "fips"): FIPS for record in ("CardRecord", "ImportRecord", "StateRow", "DiffSide", "RankRow", "StateGap",
                                                    "HistoryRow", "TileRow", "PlanRecord")})  # fmt: skip
ORIGIN = '"bundled": Shared Hope\'s published figures, as gapcli ships them; "user": a card you imported (its figures are yours)'
NOTES.update({(record, "origin"): ORIGIN for record in ("SourceRecord", "StateRow", "DiffSide", "RankRow")})


def outputs() -> dict[str, tuple[type, bool]]:
    """Each JSON output, by the command that prints it -> (its record, whether it is a list of them)."""
    from gapcli import records as r

    return {
        "show": (r.CardRecord, False), "states": (r.StateRow, True), "diff": (r.DiffRecord, False),
        "rank": (r.RankRow, True), "gaps": (r.GapEntry, True), "gaps --state": (r.StateGap, True),
        "stats": (r.StatsRecord, False), "history": (r.HistoryRow, True), "map": (r.TileRow, True),
        "plan": (r.PlanRecord, False), "import": (r.ImportRecord, True), "data path": (r.PathsRecord, False),
        "data validate": (r.ValidateRecord, False), "data export": (r.CardRecord, True),
    }  # fmt: skip


def schema() -> dict[str, Any]:
    """The whole contract: every record under ``$defs``, each command's output under ``outputs``."""
    from gapcli import __version__

    definitions: dict[str, Any] = {}
    shapes = {name: _output(record, many, definitions) for name, (record, many) in outputs().items()}
    return {
        "$schema": DRAFT,
        "title": f"gapcli {__version__} JSON output",
        "description": "What each gapcli command prints with --json (README: JSON contract). "
        "null is 'not known', never zero or none.",
        "outputs": shapes,
        "$defs": dict(sorted(definitions.items())),
    }


def schema_of(name: str, whole: dict[str, Any]) -> dict[str, Any]:
    """One command's output as a schema of its own (``gapcli schema rank``), with the definitions it needs."""
    shape = whole["outputs"][name]
    needed: dict[str, Any] = {}
    pending = [shape]
    while pending:
        for reference in _references(pending.pop()):
            if reference not in needed:
                needed[reference] = whole["$defs"][reference]
                pending.append(needed[reference])
    return {
        "$schema": DRAFT,
        "title": f"{whole['title']}: gapcli {name}",
        **shape,
        "$defs": dict(sorted(needed.items())),
    }


def _references(shape: Any) -> list[str]:
    if isinstance(shape, dict):
        found = [shape["$ref"].rpartition("/")[2]] if "$ref" in shape else []
        return found + [r for value in shape.values() for r in _references(value)]
    if isinstance(shape, list):
        return [r for value in shape for r in _references(value)]
    return []


def shipped() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_FILE.read_text("utf-8"))
    return loaded


def _output(record: type, many: bool, definitions: dict[str, Any]) -> dict[str, Any]:
    one = _type(record, definitions)
    return {"type": "array", "items": one} if many else one


def _record(record: type, definitions: dict[str, Any]) -> dict[str, Any]:
    name = record.__name__
    if name not in definitions:
        definitions[name] = {}  # placed first: a record that names itself refers to itself
        properties = {}
        for field, annotation in typing.get_type_hints(record).items():
            shape = _type(annotation, definitions)
            note = NOTES.get((name, field))
            properties[field] = {**shape, "description": note} if note else shape
        definitions[name] = {
            "type": "object",
            "title": name,
            "properties": properties,
            "required": list(properties),
        }
    return {"$ref": f"#/$defs/{name}"}


def _type(annotation: Any, definitions: dict[str, Any]) -> dict[str, Any]:
    """The schema of one annotation: scalars, None, Literal, list, dict, unions and TypedDicts."""
    origin, arguments = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (Union, types.UnionType):
        return _union(arguments, definitions)
    if origin is Literal:
        return {"enum": list(arguments)}
    if origin is list:
        return {"type": "array", "items": _type(arguments[0], definitions)}
    if origin is dict:
        return {"type": "object", "additionalProperties": _type(arguments[1], definitions)}
    if typing.is_typeddict(annotation):
        return _record(annotation, definitions)
    scalars = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}
    if annotation in scalars:
        return {"type": scalars[annotation]}
    raise TypeError(f"no JSON Schema for {annotation!r}")


def _union(arguments: tuple[Any, ...], definitions: dict[str, Any]) -> dict[str, Any]:
    """``int | float`` is a number; ``X | None`` a null or an X."""
    if int in arguments and float in arguments:
        arguments = tuple(a for a in arguments if a is not int)
    shapes = [_type(a, definitions) for a in arguments]
    if all(set(s) == {"type"} for s in shapes):
        kinds = [k for s in shapes for k in ([s["type"]] if isinstance(s["type"], str) else s["type"])]
        return {"type": kinds[0] if len(kinds) == 1 else kinds}
    if all("enum" in s or s == {"type": "null"} for s in shapes):
        return {"enum": [v for s in shapes for v in s.get("enum", [None])]}
    return {"anyOf": shapes}


def fields_module() -> str:
    """The text of ``fields.py``: each TypedDict of records.py and rows.py, and its fields in order."""
    from gapcli import records, rows

    found = {
        name: tuple(typing.get_type_hints(value))
        for module in (records, rows)
        for name, value in vars(module).items()
        if typing.is_typeddict(value) and value.__module__ == module.__name__
    }
    lines = [
        '"""Each record\'s and CSV row\'s fields, in order (written by scripts/make_schema.py from records.py and',
        'rows.py: a view reads its header row here without building a TypedDict at start-up)."""',
        "",
        "# fmt: off",
        "FIELDS: dict[str, tuple[str, ...]] = {",
        *(f"    {json.dumps(name)}: {_tuple(names)}," for name, names in sorted(found.items())),
        "}",
        "# fmt: on",
        "",
    ]
    return "\n".join(lines)


def _tuple(names: tuple[str, ...]) -> str:
    return f"({', '.join(json.dumps(n) for n in names)}{',' if len(names) == 1 else ''})"
