"""The Protected Innocence Challenge editions (2011-2019) through every command, on the bundled data."""

import json
import os
import re
import subprocess

import pytest

from conftest import GAPCLI


def as_json(run, *args):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_kansas_from_the_first_report_card_through_the_installed_entry_point():
    result = subprocess.run([GAPCLI, "history", "kansas", "--json"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    rows = {r["year"]: r for r in json.loads(result.stdout)}
    assert list(rows) == list(range(2011, 2026))
    assert (rows[2011]["grade"], rows[2015]["grade"], rows[2015]["score"]) == ("F", "B", 80.5)
    assert (rows[2019]["grade"], rows[2019]["score"], rows[2021]["grade"]) == ("A", 93.5, "F")
    assert rows[2021]["comparable_with_previous"] is False and rows[2021]["framework_changed"] is True
    assert rows[2021]["grade_steps"] is None and rows[2021]["delta"] is None
    assert rows[2019]["comparable_with_previous"] is True and rows[2019]["grade_steps"] == 0
    assert (rows[2020]["edition"], rows[2020]["has_card"], rows[2020]["reason"]) == (
        False,
        False,
        "no grades: grading paused in 2020 due to the COVID-19 pandemic",
    )
    assert (rows[2024]["edition"], rows[2024]["reason"]) == (False, "no edition found")


def test_louisiana_2014_is_a_whole_card_of_its_own_framework(run):
    card = as_json(run, "show", "la", "--year", "2014")
    assert (card["score"], card["max_score"], card["grade"], card["published_rank"]) == (96, 102.5, "A", 1)
    assert [i["score"] for i in card["issues"]] == [10, 25, 15, 10, 21, 15]
    assert [i["max_score"] for i in card["issues"]] == [10, 25, 15, 10, 27.5, 15]
    assert card["issues"][0]["name"] == "Criminalization of Domestic Minor Sex Trafficking"
    assert card["tier"] is None and card["extra_credit"] == [] and card["complete"] is True
    assert all(i["grade"] is None and i["goal_lists"] is None and i["goals"] is None for i in card["issues"])
    assert card["framework_defines"] == {
        "tier": False,
        "issue_grades": False,
        "goal_lists": False,
        "extra_credit": False,
    }
    out = run("show", "la@2014").stdout
    assert "Overall grade A, 96/102.5 — Protected Innocence Challenge" in out
    assert "the cards list no policy goals met or unmet" in out and "not known" not in out


def test_the_points_scale(run):
    assert "Overall grade D, 60/102.5" in run("show", "hi", "--year", "2014").stdout  # 58.5 % of 102.5, yet a D
    assert (as_json(run, "show", "sd@2014")["grade"], as_json(run, "show", "sd@2014")["score"]) == ("F", 58.5)
    [legend] = [line for line in run("map", "--year", "2019").stdout.splitlines() if line.startswith("Legend")]
    assert legend.startswith("Legend: A ≥90 10, B ≥80 10, C ≥70 3, D ≥60 2, F <60 0")
    assert "A ≥90%" in run("map", "--year", "2021").stdout  # the 2021 scale is a share of the maximum


def test_published_facts_of_an_edition(run):
    facts = as_json(run, "stats", "--year", "2016")["published"]
    assert facts["grade_counts"] == {"A": 7, "B": 23, "C": 14, "D": 7, "F": 0} and facts["graded"] == 51
    facts = as_json(run, "stats", "--year", "2019")["published"]
    assert (facts["released"], facts["national_average"], facts["most_improved"]) == ("2019-11-20", 85, "Nevada")
    assert facts["grade_counts"] == {"A": 15, "B": 21, "C": None, "D": 2, "F": 0}


def test_the_2012_counts_are_kept_as_published_and_flagged(run):
    facts = as_json(run, "stats", "--year", "2012")["published"]
    assert facts["grade_counts"] == {"A": 0, "B": 6, "C": 9, "D": 19, "F": 18}  # 52, as published
    assert facts["counts_consistent"] is False and "add up to 52" in facts["counts_note"]
    out = run("stats", "--year", "2012").stdout
    assert "add up to 52, not the 51" in out and "not known\t?\t" in out  # no 51 − 52 = −1 anywhere
    assert "\t-1" not in out


def test_the_published_ranking_of_2019(run):
    rows = as_json(run, "rank", "--year", "2019", "--by", "published")
    assert [(r["rank"], r["code"]) for r in rows] == [(1, "TN"), (2, "MT"), (6, "AL"), (8, "NC")]
    assert "Tier" not in run("rank", "--year", "2019").stdout.splitlines()[0]  # the header: no tiers
    refused = run("rank", "--year", "2019", "--tier", "II")
    assert refused.exit_code == 1 and "the 2019 edition (Protected Innocence Challenge) has no tiers" in refused.stderr


def test_diff_within_and_across_the_framework(run):
    sections = as_json(run, "diff", "la@2014", "nc@2018")
    assert sections["comparable"] is True and sections["overall"]["delta"] == -6
    assert [i["delta"] for i in sections["issues"]] == [0, -2, -2, -5.5, None, None]
    across = as_json(run, "diff", "ks@2019", "ks@2021")
    assert across["comparable"] is False and across["issues"] == [] and across["overall"]["delta"] is None
    assert across["not_comparable_reason"] == (
        "different frameworks: Protected Innocence Challenge (2019) and advanced legislative framework (2021); "
        "no score, grade step or rank compares across them"
    )
    assert "Not comparable: different frameworks" in run("diff", "ks@2019", "ks@2021").stdout


@pytest.mark.parametrize("args", [["gaps", "--year", "2014"], ["gaps", "--state", "la", "--year", "2014"]])
def test_gaps_say_the_framework_lists_no_goals(run, args):
    result = run(*args)
    assert result.exit_code == 1 and result.stdout == ""
    assert "the 2014 edition (Protected Innocence Challenge) lists no policy goals" in result.stderr


def test_plan_on_a_points_scale(run):
    result = as_json(run, "plan", "ks", "--year", "2015")
    assert (result["target"], result["target_score"], result["needs"], result["scale_basis"]) == (
        "A",
        90,
        9.5,
        "points",
    )
    out = run("plan", "ks", "--year", "2015").stdout
    assert "A ≥ 90, B ≥ 80, C ≥ 70, D ≥ 60 points" in out and "Unmet goals" not in out


def test_without_a_year_no_command_defaults_to_an_older_framework(run):
    assert as_json(run, "show", "la")["year"] == 2023  # LA 2014 is complete, LA 2021 and 2023 are not
    assert {r["code"]: r["year"] for r in as_json(run, "states")}["LA"] == 2023
    assert run("plan", "la").stderr.startswith("gapcli: error: Louisiana's 2023 card")


def test_states_groups_thirteen_editions_by_framework_and_fits_80_columns(run):
    lines = run("states", "--format", "table").stdout.splitlines()
    headers = [line.split() for line in lines if line.lstrip().startswith("State ")]
    assert headers == [
        ["State", "Code", *map(str, range(2011, 2020))],
        ["State", "Code", "2021", "2022", "2023"],
        ["State", "Code", "2025"],
    ]  # the CliRunner's terminal is 80 columns wide: tables, not one block per state
    assert max(len(line) for line in lines) <= 80
    rows = as_json(run, "states")
    fields = "state code year grade score max_score tier complete derived origin grades fips"
    assert list(rows[0]) == fields.split()  # the fields of before: none renamed or dropped
    assert list(rows[0]["grades"]) == [*map(str, range(2011, 2020)), "2021", "2022", "2023", "2025"]


@pytest.mark.parametrize("columns", [40, 80, 120])
def test_states_in_a_real_terminal(columns):
    script = subprocess.run(
        ["script", "-qc", f"{GAPCLI} states", "/dev/null"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": str(columns), "NO_COLOR": "1"},
    )
    shown = re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", script.stdout).splitlines()
    assert max(len(line) for line in shown) <= columns
    assert "Protected Innocence Challenge" in script.stdout and "(2011–2019)" in script.stdout
    if columns >= 80:
        assert any(line.split() == ["Kansas", "KS", "F", "?", "?", "?", "B", "?", "A", "A", "A"] for line in shown)
    else:  # too narrow for nine columns: one block per state, nothing cut
        assert "  2015: B" in script.stdout


def test_no_output_cites_a_path_in_this_repository(run):
    for args in (["show", "ct"], ["show", "la@2014"], ["stats", "--year", "2021"], ["stats", "--year", "2012"]):
        assert "data/sources/" not in run(*args, "--json").stdout, args
    exported = run("data", "export", "--format", "jsonl")
    assert exported.exit_code == 0 and exported.stdout.count("\n") > 270
    assert "data/sources/" not in exported.stdout and "editions.md" not in exported.stdout


def test_a_map_of_scored_but_ungraded_sections_says_so(run):
    out = run("map", "--year", "2014", "--by", "1").stdout
    assert "2 tile(s) have a score but no published grade" in out  # Hawaii 5/10, Louisiana 10/10
    tiles = {t["code"]: t for t in as_json(run, "map", "--year", "2014", "--by", "1")}
    assert (tiles["HI"]["score"], tiles["HI"]["max_score"], tiles["HI"]["grade"]) == (5, 10, None)
    assert "HI 50" in out and "score, no grade 2" in out  # shown, and never counted as "no figure"


def test_an_overall_score_without_a_grade_is_shown_not_called_no_figure(run):
    """Ohio 2013: 72.5 of 102.5 points published, no grade: its tile shows the share, uncoloured."""
    tiles = {t["code"]: t for t in as_json(run, "map", "--year", "2013")}
    assert (tiles["OH"]["score"], tiles["OH"]["grade"], tiles["OH"]["share"]) == (72.5, None, 70.73)
    out = run("map", "--year", "2013").stdout
    assert "OH 71%" in out and "score, no grade 1" in out and "no figure" not in out  # a %: the legend is in points
    assert "not coloured, as no grade is inferred" in out
