"""Every JSON output a test produces through the ``run`` fixture is checked against the shipped schema.

``output_of`` names the JSON output of a command line (None where it prints no JSON to stdout),
``check`` validates what it printed; conftest's ``run`` fixture calls both on every run.
"""

import json
from functools import cache

from jsonschema import Draft202012Validator

from gapcli.contract import schema_of, shipped

CHECKED: list[str] = []  # the outputs validated in this process, for the test that they were


def _value(args: list[str], *names: str) -> str | None:
    for index, arg in enumerate(args):
        for name in names:
            if arg == name and index + 1 < len(args):
                return args[index + 1]
            if arg.startswith(f"{name}="):
                return arg.partition("=")[2]
    return None


def output_of(args: list[str]) -> tuple[str, bool] | None:
    """(the output's name in the schema, whether it is JSON Lines) for a command line printing JSON, else None."""
    words = [a for a in args if not a.startswith("-")]
    if not words or "--help" in args or "-h" in args:
        return None
    name = " ".join(words[:2]) if words[0] == "data" and len(words) > 1 else words[0]
    if name == "gaps" and ("--state" in args or "-s" in args or any(a.startswith("--state=") for a in args)):
        name = "gaps --state"
    fmt = (_value(args, "--format", "-f") or "").lower()
    if name == "data export":
        out = _value(args, "--out")
        if out not in (None, "-") or fmt not in ("", "json", "jsonl"):
            return None
        return name, fmt == "jsonl"
    if name not in shipped()["outputs"] or not ("--json" in args or fmt in ("json", "jsonl")):
        return None
    return name, fmt == "jsonl"


@cache
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(schema_of(name, shipped()))


def check(args: list[str], stdout: str) -> None:
    found = output_of(args)
    if found is None or not stdout.strip():
        return
    name, lines = found
    many = shipped()["outputs"][name].get("type") == "array"
    if lines:
        values = [json.loads(line) for line in stdout.splitlines() if line]
        document = values if many else values[0]
    else:
        document = json.loads(stdout)
    errors = sorted(validator(name).iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, f"gapcli {' '.join(args)}: {errors[0].message} at {list(errors[0].absolute_path)}"
    CHECKED.append(name)
