"""Real JSON output of every command has exactly the fields of its TypedDict, nested records too."""

import json
import typing

import pytest

from gapcli import records as r


def fields(record: type) -> set[str]:
    return set(typing.get_type_hints(record))


def check(value: dict, record: type, nested: dict[str, type]) -> None:
    assert set(value) == fields(record), record.__name__
    for key, inner in nested.items():
        items = value[key] if isinstance(value[key], list) else [value[key]]
        for item in items:
            assert set(item) == fields(inner), (record.__name__, key)


CASES = [
    (
        ["show", "ct"],
        r.CardRecord,
        {
            "issues": r.IssueRecord,
            "extra_credit": r.ExtraCreditRecord,
            "source": r.SourceRecord,
            "newer_editions": r.EditionGrade,
        },
    ),
    (["states"], r.StateRow, {}),
    (
        ["diff", "ct", "fl"],
        r.DiffRecord,
        {"a": r.DiffSide, "b": r.DiffSide, "overall": r.DiffOverall, "issues": r.DiffIssue},
    ),
    (["rank"], r.RankRow, {}),
    (["gaps"], r.GapEntry, {}),
    (["gaps", "--state", "ct"], r.StateGap, {}),
    (["stats"], r.StatsRecord, {"issues": r.IssueStats, "published": r.PublishedFacts, "user": r.UserStats}),
    (["history", "tn"], r.HistoryRow, {}),
    (["map"], r.TileRow, {}),
    (["plan", "ct"], r.PlanRecord, {"issues": r.PlanIssue}),
    (["data", "path"], r.PathsRecord, {}),
    (["data", "validate"], r.ValidateRecord, {}),
]


@pytest.mark.parametrize("args, record, nested", CASES, ids=[" ".join(a) for a, _, _ in CASES])
def test_json_output_has_exactly_the_typed_fields(run, args, record, nested):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    for value in data if isinstance(data, list) else [data]:
        check(value, record, nested)


def test_nested_goal_and_plan_records(run):
    card = json.loads(run("show", "ct", "--json").stdout)
    assert all(set(g) == fields(r.GoalRecord) for i in card["issues"] for g in i["goals"])
    assert all(set(c) == fields(r.CitationRecord) for c in card["source"]["citations"])
    plan = json.loads(run("plan", "ct", "--json").stdout)
    assert all(set(g) == fields(r.PlanGoal) for i in plan["issues"] for g in i["unmet_goals"])
