"""The JSON contract as JSON Schema: made from records.py, shipped, printed by `gapcli schema`, and true
of every JSON output (conftest's ``run`` validates each one it sees; here, one of each and a wrong one)."""

import json

import pytest
from jsonschema import Draft202012Validator, ValidationError

import jsonoutputs
from conftest import SEED_TEXT
from gapcli.contract import SCHEMA_FILE, schema, schema_of, shipped

ONE_OF_EACH = [
    ["show", "ct", "--json"],
    ["states", "--json"],
    ["diff", "ct", "fl", "--json"],
    ["rank", "--year", "2014", "--format", "jsonl"],
    ["gaps", "--json"],
    ["gaps", "--state", "ct", "--json"],
    ["stats", "--year", "2012", "--json"],
    ["history", "ks", "--json"],
    ["map", "--by", "2", "--json"],
    ["plan", "ks", "--year", "2015", "--json"],
    ["import", str(SEED_TEXT), "--dry-run", "--json"],
    ["data", "path", "--json"],
    ["data", "validate", "--json"],
    ["data", "export", "--year", "2021", "--format", "jsonl"],
]


def test_the_shipped_schema_is_what_the_records_say():
    assert SCHEMA_FILE.is_file()
    assert shipped() == json.loads(json.dumps(schema())), "run: .venv/bin/python scripts/make_schema.py"
    Draft202012Validator.check_schema(shipped())


def test_goal_ids_are_strings():
    defs = shipped()["$defs"]
    for record, field in [("GoalRecord", "goal"), ("GapEntry", "id"), ("StateGap", "id"), ("PlanGoal", "goal")]:
        assert defs[record]["properties"][field]["type"] == ["string", "null"]
        assert '"1.4"' in defs[record]["properties"][field]["description"]
    as_shipped = json.loads(SCHEMA_FILE.read_text("utf-8"))  # the file, as a user has it
    Draft202012Validator(schema_of("gaps", as_shipped)).validate([_gap()])
    with pytest.raises(ValidationError, match=r"^1\.4 is not of type 'string', 'null'\n"):
        Draft202012Validator(schema_of("gaps", as_shipped)).validate([{**_gap(), "id": 1.4}])


def _gap() -> dict:
    return {"goal": "mistake of age defenses", "id": "1.4", "issue": 1, "issue_name": "Criminal Provisions",
            "states_unmet": [], "states_met": [], "states_unknown": [], "cards": 51, "jurisdictions": 51,
            "states_user": []}  # fmt: skip


@pytest.mark.parametrize("args", ONE_OF_EACH, ids=" ".join)
def test_every_command_s_json_output_is_valid(run, args):
    before = len(jsonoutputs.CHECKED)
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert len(jsonoutputs.CHECKED) == before + 1  # the fixture validated it
    assert jsonoutputs.CHECKED[-1] == jsonoutputs.output_of(args)[0]


def test_every_output_has_a_case_here():
    assert {jsonoutputs.output_of(args)[0] for args in ONE_OF_EACH} == set(shipped()["outputs"])


def test_the_checker_fails_on_output_the_schema_does_not_allow():
    with pytest.raises(AssertionError, match="'rank' is a required property"):
        jsonoutputs.check(["rank", "--json"], json.dumps([{"state": "Connecticut"}]))
    assert jsonoutputs.output_of(["rank", "--format", "csv"]) is None
    assert jsonoutputs.output_of(["data", "export", "--out", "x.json"]) is None


def test_gapcli_schema_prints_the_contract(run):
    whole = run("schema")
    assert whole.exit_code == 0 and json.loads(whole.stdout) == shipped()
    rank = json.loads(run("schema", "rank").stdout)
    assert rank["type"] == "array" and set(rank["$defs"]) == {"RankRow"}
    Draft202012Validator(rank).validate(json.loads(run("rank", "--json").stdout))
    assert json.loads(run("schema", "gaps  --state").stdout)["items"] == {"$ref": "#/$defs/StateGap"}
    missing = run("schema", "trend")
    assert missing.exit_code == 1 and missing.stderr.startswith("gapcli: error: no JSON output 'trend'; one of: show,")
