"""``show`` and ``states`` through the real Typer app."""

import csv
import io
import json

import pytest

CARD_KEYS = {
    "framework_defines",
    "fips",
    "state",
    "code",
    "year",
    "framework",
    "tier",
    "grade",
    "score",
    "max_score",
    "published_rank",
    "complete",
    "derived",
    "issues",
    "extra_credit",
    "links",
    "source",
    "published_rank_of",
    "newer_editions",
}
ISSUE_KEYS = {
    "number",
    "name",
    "grade",
    "score",
    "max_score",
    "goal_lists",
    "accomplished",
    "gaps",
    "gaps_in_all_areas",
    "goals",
    "brief_url",
}


def test_show_json_is_the_whole_seed_card(run, seed_text):
    result = run("show", "connecticut", "--json")
    assert result.exit_code == 0, result.stderr
    card = json.loads(result.stdout)
    assert set(card) == CARD_KEYS
    assert (
        card["state"],
        card["code"],
        card["year"],
        card["tier"],
        card["grade"],
        card["score"],
        card["max_score"],
    ) == ("Connecticut", "CT", 2021, "II", "F", 43.5, 100)
    assert card["complete"] is True and card["source"]["origin"] == "bundled"
    assert [set(i) for i in card["issues"]] == [ISSUE_KEYS] * 6
    assert [(i["grade"], i["score"], i["max_score"]) for i in card["issues"]] == [
        ("F", 8.5, 17.5),
        ("F", 6.5, 27.5),
        ("F", 4, 15),
        ("D", 10, 15),
        ("F", 3, 10),
        ("F", 8.5, 15),
    ]
    assert card["issues"][0]["gaps"] == [
        "buyer accountability under the trafficking law",
        "mistake of age defenses",
        "business entity liability under the trafficking law",
        "financial penalties",
    ]
    assert (
        sum(len(i["gaps"]) for i in card["issues"]) == 27 and sum(len(i["accomplished"]) for i in card["issues"]) == 8
    )
    assert card["extra_credit"] == [
        {
            "category": "Youth",
            "points": 1,
            "description": "Protection related to civil remedies is extended to sex trafficked youth.",
        },
        {
            "category": "Child Labor Trafficking",
            "points": 2,
            "description": "Protections related to restitution and civil remedies are extended to child labor trafficking victims.",
        },
    ]
    assert card["links"]["state_page"] == "https://reportcards.sharedhope.org/connecticut"
    for issue in card["issues"]:
        for phrase in issue["gaps"] + issue["accomplished"]:
            assert all(word in seed_text for word in phrase.split()), phrase


@pytest.mark.parametrize("name", ["CT", "ct", "Connecticut", "CONNECTICUT", "connecticut@2021"[:11]])
def test_show_by_code_or_any_case_gives_the_same(run, name):
    assert run("show", name, "--json").stdout == run("show", "connecticut", "--json").stdout


def test_piped_output_is_plain_text(run):
    out = run("show", "ct").stdout  # CliRunner's stdout is not a terminal
    lines = out.splitlines()
    assert lines[0] == "Connecticut (CT) · 2021 report card"
    header = lines.index("#\tIssue area\tGrade\tScore")
    assert lines[header + 4] == "4\tAccess to Justice for Trafficking Survivors\tD\t10/15"
    assert "- 1.4 mistake of age defenses" in lines
    assert "█" not in out and "\x1b" not in out and "─" not in out


def test_show_table(run):
    result = run("show", "ct", "--format", "table")
    assert result.exit_code == 0
    out = result.stdout
    assert "Connecticut (CT) · 2021 report card" in out and "43.5/100" in out and "Tier II" in out
    assert "1.4 mistake of age defenses" in out and "10/15" in out and "Extra credit" in out
    assert "https://reportcards.sharedhope.org/connecticut" in out
    assert "\x1b" not in out  # CliRunner is not a terminal


def test_show_an_incomplete_card_says_so(run):
    assert "Published rank: #51 of 51." in run("show", "alaska", "--year", "2021").stdout
    out = run("show", "alabama", "--year", "2021").stdout
    assert "Incomplete card" in out and "derived by counting" in out
    card = json.loads(run("show", "alabama", "--year", "2021", "--json").stdout)
    assert (card["grade"], card["score"], card["complete"], card["derived"]) == ("F", None, False, ["grade"])
    assert all(i["grade"] is None and i["score"] is None for i in card["issues"])


def test_show_csv_has_the_overall_row_then_one_per_issue_area(run):
    rows = list(csv.DictReader(io.StringIO(run("show", "ct", "--format", "csv").stdout)))
    assert [r["number"] for r in rows] == ["", "1", "2", "3", "4", "5", "6"]
    assert (rows[0]["name"], rows[0]["grade"], rows[0]["score"]) == ("Overall", "F", "43.5")
    assert rows[4]["grade"] == "D" and rows[4]["score"] == "10" and rows[4]["goal_lists"] == "complete"
    md = list(
        csv.DictReader(io.StringIO(run("show", "md", "--format", "csv").stdout))
    )  # a 2025 card: no issue areas known
    assert [(r["name"], r["grade"]) for r in md] == [("Overall", "A")]


def test_markdown_format(run):
    out = run("show", "ct", "-f", "markdown").stdout
    assert (
        out.startswith("## Connecticut (CT)")
        and "| 4 | Access to Justice for Trafficking Survivors | D | 10/15 |" in out
    )


def test_unknown_state_suggests(run):
    result = run("show", "conneticut")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr == "gapcli: error: unknown state 'conneticut'; did you mean Connecticut?\n"


def test_unknown_year(run):
    result = run("show", "ct", "--year", "2010")
    assert result.exit_code == 1 and "no edition 2010; editions: 2011, 2012" in result.stderr
    paused = run("show", "ct", "--year", "2020")  # a year without an edition says why
    assert paused.exit_code == 1 and paused.stderr.startswith(
        "gapcli: error: no edition 2020 (no grades: grading paused in 2020 due to the COVID-19 pandemic); editions: 2011"
    )


def test_states_lists_every_jurisdiction(run):
    rows = json.loads(run("states", "--json").stdout)
    assert len(rows) == 51
    ct = next(r for r in rows if r["code"] == "CT")
    assert (ct["year"], ct["complete"], ct["origin"]) == (2021, True, "bundled")
    per_year = json.loads(run("states", "--year", "2023", "--json").stdout)
    assert len(per_year) == 50 and "DC" not in {r["code"] for r in per_year}
    tsv = run("states", "--year", "2021", "-f", "tsv").stdout.splitlines()
    assert tsv[0].split("\t")[:4] == ["state", "code", "year", "grade"] and len(tsv) == 52


def test_version(run):
    from gapcli import __version__

    assert run("--version").stdout == f"gapcli {__version__}\n"


def test_show_marks_a_goal_whose_number_is_not_known_and_says_what_the_mark_means(run, tmp_path):
    """Visual #10: '✘ expanded non-criminalization' straight after '✘ 2.4 …' dropped the unknown number unsaid."""
    plain = run("show", "ct").stdout
    assert "- 2.4 screening through the juvenile justice system\n- ? expanded non-criminalization\n" in plain
    assert "- ? restitution and civil remedies" in plain  # goals met too
    assert "Goal '?': its number is not known; the framework file does not number this goal" in plain
    table = run("show", "ct", "--format", "table").stdout
    assert "✘ ? expanded non-criminalization" in table and "Goal '?': its number is not known" in table
    assert "- ? expanded non-criminalization" in run("show", "ct", "--format", "markdown").stdout
    assert run("show", "ct", "--export", str(tmp_path / "ct.html")).exit_code == 0
    page = (tmp_path / "ct.html").read_text("utf-8")
    assert "</span> ? expanded non-criminalization" in page and "Goal &#x27;?&#x27;: its number is not known" in page
    assert "Goal '?'" not in run("show", "la", "--year", "2014").stdout  # no goals listed: no legend for them
