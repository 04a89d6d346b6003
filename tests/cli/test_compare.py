"""``diff``, ``rank``, ``gaps``, ``stats``, ``history``, ``map`` on the bundled data."""

import json
import statistics

import pytest


def as_json(run, *args):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_rank_is_ordered_by_score(run):
    rows = as_json(run, "rank")
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    assert [(r["rank"], r["code"]) for r in rows] == [(1, "FL"), (2, "IA"), (3, "CT"), (4, "ID"), (5, "AZ"), (6, "AK")]
    assert set(rows[0]) >= {"rank", "state", "code", "year", "grade", "score", "max_score"}


def test_rank_by_issue_area(run):
    assert as_json(run, "rank", "--by", "4") == as_json(run, "rank", "--by", "access to justice")
    ct, ia = as_json(run, "rank", "--by", "4")
    assert (ct["code"], ct["score"], ct["max_score"], ct["grade"]) == ("CT", 10, 15, "D")
    assert (ia["code"], ia["score"], ia["grade"]) == ("IA", 6.5, None)  # an issue grade is never computed


def test_rank_by_grade_shares_places(run):
    rows = as_json(run, "rank", "--by", "grade", "--year", "2023")
    assert rows[0]["code"] == "TN" and rows[1]["code"] == "FL"
    c_states = [r for r in rows if r["grade"] == "C"]  # ties broken by the published rank where known
    assert len(c_states) == 7 and c_states[0]["code"] == "MN" and [r["rank"] for r in c_states] == [3] + [4] * 6
    d_states = [r for r in rows if r["grade"] == "D"]
    assert d_states[0]["code"] == "NC" and d_states[0]["rank"] == 10 and {r["rank"] for r in d_states[1:]} == {11}


def test_rank_footnote_counts_cards_left_out(run):
    out = run("rank").stdout
    assert "ranking by overall score: 6 of 51 cards have one" in out and "45 of 51 cards are left out" in out


def test_diff_of_one_state_in_two_editions(run):
    result = as_json(run, "diff", "ct@2021", "ct@2023")
    assert (result["a"]["year"], result["b"]["year"], result["comparable"]) == (2021, 2023, True)
    assert result["overall"]["delta"] is None  # the 2023 score is not published
    assert all(i["only_a_met"] is None and i["goals_not_comparable"] is None for i in result["issues"])


def test_diff_with_missing_figures_shows_unknown(run):
    result = as_json(run, "diff", "ct", "fl@2021")
    assert result["overall"]["delta"] == 29
    assert all(i["delta"] is None for i in result["issues"])
    assert "?" in run("diff", "ct", "fl@2021").stdout


def test_diff_across_frameworks_has_no_deltas(run):
    result = as_json(run, "diff", "ca@2021", "ca@2025")
    assert result["comparable"] is False and result["overall"]["delta"] is None


def test_gaps_query_words_and_numbers(run):
    [entry] = as_json(run, "gaps", "mistake of age")
    assert entry["states_unmet"] == ["CT"] and entry["id"] == "1.4"
    [entry] = as_json(run, "gaps", "decoy")
    assert entry["states_met"] == ["CT", "IL"] and entry["states_unmet"] == []
    assert as_json(run, "gaps", "1.5") == as_json(run, "gaps", "decoy")


def test_gaps_summary_and_state(run):
    entries = as_json(run, "gaps")
    assert "CT" in entries[0]["states_unmet"] and len(entries[0]["states_unmet"]) == 3  # CT, KS, MO
    assert {code for e in entries for code in e["states_unmet"]} == {"CT", "KS", "MO"}
    rows = as_json(run, "gaps", "--state", "ct")
    assert len(rows) == 27 and rows[0]["brief"] == "Issue Brief 1.1"


def test_gaps_query_that_matches_nothing(run):
    result = run("gaps", "mistake of ages defence")
    assert result.exit_code == 1 and "closest: 'mistake of age defenses'" in result.stderr


def test_stats_recomputed_by_hand(run, catalog):
    result = as_json(run, "stats")
    cards = catalog.cards_for_year(2021)
    scores = [c.score for c in cards if c.score is not None]
    assert result["cards"] == len(cards) == 51
    assert result["mean_score"] == round(statistics.fmean(scores), 4) == 39.6667
    assert result["median_score"] == statistics.median(scores)
    assert result["grades"] == {"A": 0, "B": 0, "C": 1, "D": 10, "F": 40}
    assert result["issues"][3]["mean_score"] == 8.25 and result["issues"][3]["mean_percent"] == 55
    assert "Grade distribution" in run("stats").stdout


def test_history(run):
    rows = [r for r in as_json(run, "history", "tennessee") if r["year"] >= 2021]
    assert [(r["year"], r["grade"]) for r in rows] == [(2021, "D"), (2022, "B"), (2023, "A"), (2024, None), (2025, "C")]
    assert [r["grade_steps"] for r in rows] == [None, 2, 1, None, None]
    assert [r["published_rank"] for r in rows] == [None, None, 1, None, 12]
    assert "Grade trend" in run("history", "tn", "--format", "table").stdout
    header, *lines = run("history", "tn").stdout.splitlines()[1:]
    assert header.split("\t") == ["Year", "Framework", "Grade", "Change", "Score", "Δ", "Tier", "Published"]
    by_year = {line.split("\t")[0]: line.split("\t") for line in lines if line[:4].isdigit()}
    assert by_year["2022"][2:4] == ["B", "+2"] and by_year["2023"][-1] == "1"
    assert by_year["2021"][1:4] == ["advanced legislative framework (new framework)", "D", "—"]
    assert by_year["2020"][1:3] == ["no grades: grading paused in 2020 due to the COVID-19 pandemic", "—"]


def test_map(run):
    tiles = as_json(run, "map")
    assert len(tiles) == 51 and all({"code", "grade", "score", "row", "col"} <= set(t) for t in tiles)
    out = run("map").stdout
    assert all(t["code"] in out for t in tiles) and "Legend" in out


@pytest.mark.parametrize(
    "command", [["show", "ct"], ["diff", "ct", "fl"], ["rank"], ["gaps"], ["stats"], ["history", "ct"], ["map"]]
)
def test_export_writes_svg_and_refuses_to_overwrite(run, tmp_path, command):
    import xml.etree.ElementTree as ET

    target = tmp_path / "view.svg"
    result = run(*command, "--export", str(target))
    assert result.exit_code == 0 and result.stdout == ""
    ET.parse(target)
    before = target.read_bytes()
    again = run(*command, "--export", str(target))
    assert again.exit_code == 1 and "use --force" in again.stderr
    assert target.read_bytes() == before
    assert run(*command, "--export", str(target), "--force").exit_code == 0


def test_export_of_show_carries_name_and_score(run, tmp_path):
    import xml.etree.ElementTree as ET

    run("show", "ct", "--export", str(tmp_path / "ct.svg"))
    text = "".join(ET.parse(tmp_path / "ct.svg").getroot().itertext()).replace("\xa0", " ")
    assert "Connecticut" in text and "43.5" in text
    run("show", "ct", "--export", str(tmp_path / "ct.html"))
    assert "Connecticut" in (tmp_path / "ct.html").read_text()


def test_diff_of_two_states_uses_one_edition(run):
    result = as_json(run, "diff", "ct", "fl")
    assert (result["a"]["year"], result["b"]["year"]) == (2021, 2021)
    assert result["overall"]["delta"] == 29
    assert as_json(run, "diff", "ct", "fl@2023")["a"]["year"] == 2023
    result = as_json(run, "diff", "ct@2021", "ct@2023")
    assert result["overall"]["max_score"] is None  # the 2023 maximum is not known
    assert all(i["max_score"] is None for i in result["issues"])
    assert run("diff", "dc", "tx@2023").exit_code == 1  # D.C. has no 2023 card
