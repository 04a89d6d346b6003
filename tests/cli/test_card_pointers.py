"""Which card answered, and where else to look: ``gaps --state`` names its card and the newer ones,
``show`` of a card without goals points to the card that names some (#21 follow-ups, trial finding 14)."""

import json


def as_json(run, *args):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_gaps_of_a_state_says_its_card_and_that_newer_cards_exist(run):
    rows = as_json(run, "gaps", "--state", "kansas")
    newer = as_json(run, "show", "ks", "--year", str(rows[0]["year"]))["newer_editions"]
    assert newer, "Kansas has cards after the one gaps --state answers from"
    out = run("gaps", "--state", "kansas").stdout
    assert f"From Kansas's {rows[0]['year']} card, the latest that names its policy goals." in out
    assert "Newer editions: " + " · ".join(f"{e['year']}: {e['grade']}" for e in newer[:1]) in out


def test_gaps_of_an_asked_year_names_the_newer_cards_without_calling_it_the_latest(run):
    out = run("gaps", "--state", "ct", "--year", "2021").stdout
    assert "From Connecticut's 2021 card." in out and "Newer editions: 2023" in out
    assert "latest" not in out


def test_show_of_a_card_without_goals_points_to_the_card_that_names_them(run):
    card = as_json(run, "show", "ks")
    assert all(i["goal_lists"] is None for i in card["issues"])
    gaps = as_json(run, "gaps", "--state", "ks")
    year, unmet = gaps[0]["year"], len(gaps)
    assert year != card["year"]
    out = run("show", "ks").stdout
    pointer = f"the {year} card names {unmet} unmet goal(s) (a partial list): gapcli gaps --state ks --year {year}"
    assert pointer in out
    assert run("gaps", "--state", "ks", "--year", str(year)).exit_code == 0  # the command it names works
    assert len(as_json(run, "gaps", "--state", "ks", "--year", str(year))) == unmet


def test_show_of_a_card_with_goals_or_of_a_framework_without_them_points_nowhere(run):
    assert "gapcli gaps --state" not in run("show", "ct").stdout
    assert "gapcli gaps --state" not in run("show", "la", "--year", "2014").stdout  # PIC: no goal lists at all
