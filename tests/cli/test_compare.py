"""``diff``, ``rank``, ``gaps``, ``stats``, ``history``, ``map`` on the bundled data."""

import json
import statistics

import pytest


def as_json(run, *args):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_rank_gives_every_card_its_place_among_the_51_graded(run):
    """The issue's figures for 2021: Florida #1, Minnesota #11 (the last D), Iowa 12–47, Alaska #51 (last)."""
    rows = {r["code"]: r for r in as_json(run, "rank", "--year", "2021")}
    assert len(rows) == 51 and all(r["place_of"] == 51 for r in rows.values())
    places = {code: (r["place_low"], r["place_high"]) for code, r in rows.items()}
    assert places["FL"] == (1, 1) and places["MN"] == (11, 11) and places["AK"] == (51, 51)
    assert places["IA"] == (12, 47)  # below Florida and the ten D states; above CT, ID, AZ, AK
    assert places["CA"] == (2, 10)  # Minnesota's published #11 puts the nine other D states ahead of it
    assert places["MD"] == (44, 44) and all(places[c] == (12, 50) for c in ("AL", "NY", "WY"))
    assert rows["IA"]["rank"] == 12  # the least place the facts allow; no longer Iowa's row among six scores


def test_rank_rows_are_sorted_by_what_is_known(run):
    rows = as_json(run, "rank", "--year", "2021")
    keys = [(r["place_low"], r["place_high"], r["state"]) for r in rows]
    assert keys == sorted(keys) and rows[0]["code"] == "FL" and rows[-1]["code"] == "AK"


def test_rank_by_issue_area(run):
    assert as_json(run, "rank", "--by", "4") == as_json(run, "rank", "--by", "access to justice")
    rows = {r["code"]: r for r in as_json(run, "rank", "--by", "4")}
    assert (rows["CT"]["score"], rows["CT"]["max_score"], rows["CT"]["grade"]) == (10, 15, "D")
    assert (rows["IA"]["score"], rows["IA"]["grade"]) == (6.5, None)  # an issue grade is never computed
    # Connecticut's 10 of 15 is a D (at least 9); every other jurisdiction's area score is unknown
    assert (rows["CT"]["place_low"], rows["CT"]["place_high"]) == (1, 50)


def test_rank_by_grade_shares_the_grade_place(run):
    rows = as_json(run, "rank", "--by", "grade", "--year", "2021")
    d_states = [r for r in rows if r["grade"] == "D"]
    assert len(d_states) == 10 and {(r["group_low"], r["group_high"], r["rank"]) for r in d_states} == {(2, 2, 2)}
    alaska = next(r for r in rows if r["code"] == "AK")
    assert alaska["place_high"] == 51 and alaska["group_low"] == 12 and rows[-1]["code"] == "AK"
    minnesota = next(r for r in rows if r["code"] == "MN")  # published #11: the facts separate it from the group
    assert (minnesota["place_low"], minnesota["place_high"]) == (11, 11)


def test_rank_by_grade_in_2023_never_puts_a_state_ahead_of_one_it_trails(run):
    rows = as_json(run, "rank", "--by", "grade", "--year", "2023")
    assert [r["code"] for r in rows[:3]] == ["TN", "FL", "MN"]
    north_carolina = next(r for r in rows if r["code"] == "NC")
    assert (north_carolina["group_low"], north_carolina["place_low"], north_carolina["place_high"]) == (10, 16, 16)
    assert {r["place_of"] for r in rows} == {50}  # D.C. was not graded in 2023


def test_rank_footnotes_say_what_places_are_over(run):
    result = run("rank", "--year", "2022")  # piped: the title and footnotes on stderr, the rows alone on stdout
    assert "places among the 51 jurisdictions graded" in result.stderr
    assert "38 of the 51 jurisdictions graded have no card here" in result.stderr
    assert "5–14\tColorado" in result.stdout  # D 66.5: behind Tennessee's B and three C states
    table = run("rank", "--year", "2022", "--format", "table").stdout  # as a terminal shows it: one view
    assert "places among the 51 jurisdictions graded" in " ".join(table.split()) and "38 of the 51" in table


def test_rank_grade_and_tier_take_several_values_any_of_which_keeps_a_card(run):
    """D or better: --grade A,B,C,D, the same as repeating --grade; each row keeps its place."""
    whole = {r["code"]: r for r in as_json(run, "rank", "--year", "2021")}
    better = as_json(run, "rank", "--year", "2021", "--grade", "A,B,C,D")
    assert as_json(run, "rank", "--year", "2021", "--grade", "a", "--grade", "b,c", "--grade", "D") == better
    assert sorted(r["code"] for r in better) == sorted(c for c, r in whole.items() if r["grade"] in "ABCD")
    assert len(better) == 11 and all(r == whole[r["code"]] for r in better)  # Florida's C and the ten D states
    assert as_json(run, "rank", "--year", "2021", "--grade", "D,C,d") == better
    tiers = as_json(run, "rank", "--year", "2021", "--tier", "I,II")
    assert {r["tier"] for r in tiers} <= {"I", "II"} and tiers == as_json(
        run, "rank", "--year", "2021", "--tier", "II", "--tier", "i"
    )
    note = run("rank", "--year", "2021", "--grade", "a,b,c,d", "--format", "table").stdout
    assert "40 card(s) not shown (--grade A,B,C,D)" in note


@pytest.mark.parametrize(
    "args, code",
    [
        (["--by", "score"], 2),  # names no figure and no issue area: malformed, as --grade Z
        (["--by", "nothing", "--year", "2025"], 2),  # an edition without issue areas too
        (["--by", "9", "--year", "2019"], 2),
        (["--by", "access to justice", "--year", "2019"], 1),  # a 2021 area, not in the 2019 edition: not found
        (["--by", "criminal provisions", "--year", "2025"], 1),  # 2025 has no issue areas
    ],
)
def test_rank_by_a_malformed_figure_is_a_usage_error_an_area_missing_here_is_not_found(run, args, code):
    result = run("rank", *args)
    assert (result.exit_code, result.stdout, result.stderr.count("\n")) == (code, "", 1), result.stderr
    assert result.stderr.startswith("gapcli: error: --by: " if code == 2 else "gapcli: error: ")


def test_rank_filters_never_read_an_unknown_grade_or_tier_as_not_this_one(run):
    """2023 publishes no tier: --tier I,II hides every card, and must not read as "no Tier I or II state"."""
    out = run("rank", "--year", "2023", "--tier", "I,II").stderr  # piped: the notes of a table on stderr
    assert "50 card(s) not shown (--tier I,II); all of them have no published tier: they may be Tier I or II" in out
    whole = as_json(run, "rank", "--year", "2011")
    unknown = sum(1 for r in whole if r["grade"] is None)
    assert unknown == 2  # two 2011 cards ranked by their published rank, without a published grade
    shown = as_json(run, "rank", "--year", "2011", "--grade", "F")
    assert {r["filtered_out_unknown"] for r in shown} == {unknown}
    out = run("rank", "--year", "2011", "--grade", "F").stderr
    hidden = len(whole) - len(shown)
    assert f"{hidden} card(s) not shown (--grade F); 2 of them have no published grade: they may be F" in out
    assert {r["filtered_out_unknown"] for r in whole} == {0}


@pytest.mark.parametrize(
    "args, message",
    [
        (["--grade", "A,E"], "--grade: expected one of A, B, C, D, F; got 'E'"),
        (["--grade", "A,"], "--grade: expected one of A, B, C, D, F; got ''"),
        (["--grade", "B", "--grade", "Z"], "--grade: expected one of A, B, C, D, F; got 'Z'"),
        (["--tier", "I,IV"], "--tier: expected one of I, II, III; got 'IV'"),
    ],
)
def test_rank_refuses_a_grade_or_tier_among_several_in_gapclis_words(run, args, message):
    result = run("rank", *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", f"gapcli: error: {message}\n")


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
    header, *lines = run("history", "tn").stdout.splitlines()  # piped: the title is on stderr
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


def test_history_marks_the_cards_with_derived_figures(run):
    rows = {r["year"]: r for r in as_json(run, "history", "al")}
    marked = [year for year, r in rows.items() if r["derived"]]
    assert marked, "Alabama has a card with a derived grade"
    for year, r in rows.items():
        card = as_json(run, "show", "al", "--year", str(year))["derived"] if r["has_card"] else []
        assert r["derived"] == card, year
    year = marked[0]
    line = next(line for line in run("history", "al").stdout.splitlines() if line.startswith(f"{year}\t"))
    assert line.split("\t")[2] == f"{rows[year]['grade']}*"
    assert (
        f"printed by no source: the {year} grade" in run("history", "al").stderr
    )  # piped: the notes of a table on stderr
    assert f"{rows[year]['grade']}*" in run("history", "al", "--format", "table").stdout
    assert not any("*" in line for line in run("history", "ct").stdout.splitlines()[1:] if line[:4].isdigit())


def test_history_marks_a_grade_only_where_the_grade_itself_was_derived(run):
    rows = {r["year"]: r for r in as_json(run, "history", "ia")}
    assert rows[2021]["derived"] == ["extra_credit"]  # Iowa 2021: the extra credit derived, the grade printed
    piped = run("history", "ia")
    line = next(line for line in piped.stdout.splitlines() if line.startswith("2021\t"))
    assert line.split("\t")[2] == rows[2021]["grade"]
    assert "printed by no source: the 2021 extra credit" in piped.stderr  # still said, without a mark
    assert "* Derived" not in piped.stderr + piped.stdout


def test_gaps_state_names_its_brief_links_and_says_what_a_goal_of_question_mark_is(run):
    """Visual #10/#11: the Goal column's '?' had no legend; a link was labelled 'Issue Brief N.N'."""
    out = run("gaps", "--state", "ct").stdout  # a document: printed whole in a pipe
    assert "Issue Brief N.N" not in out
    assert "Issue briefs by goal: https://reportcards.sharedhope.org/related-resources/" in out
    assert "Issue briefs: https://reportcards.sharedhope.org/issue-briefs" in out
    assert "2\t?\texpanded non-criminalization\tsee issue briefs" in out
    assert "Goal '?': its number is not known; the framework file does not number this goal" in out


def test_gaps_across_states_says_what_a_goal_of_question_mark_is(run):
    result = run("gaps")
    assert "?\t3\textended foster care services" in result.stdout
    assert "Goal '?': its number is not known; the framework file does not number this goal" in result.stderr
    assert "Goal '?'" not in run("gaps", "1.4").stderr  # every goal listed has its number


def test_history_keys_its_grade_trend_and_says_why_a_score_has_no_maximum(run):
    """Visual #17: the 2023 score read '?' beside '?/100' unexplained; the sparkline had no key."""
    header, *lines = run("history", "kansas").stdout.splitlines()
    assert header.split("\t")[4] == "Score"
    score = {line.split("\t")[0]: line.split("\t")[4] for line in lines}
    assert (score["2017"], score["2021"], score["2023"]) == ("?/102.5", "?/100", "?")
    stderr = run("history", "kansas").stderr
    assert "Score with no '/maximum' (2023): the maximum points of that edition are not known" in stderr
    assert "Grade trend" not in stderr  # plain text draws no trend, so no key to one
    table = run("history", "kansas", "--format", "table").stdout
    assert "Grade trend: a mark per edition, oldest first, its height the grade" in table
    assert "a gap: no grade for that edition" in " ".join(table.split())
    assert "(2022, 2023, 2025)" in run("history", "tn").stderr
    assert "Score with no" not in run("history", "dc").stderr  # every card of D.C. has its maximum
