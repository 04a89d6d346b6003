"""Unknown is not none: every answer says over how many cards it was computed (#11, #18)."""

import csv
import io
import json

from gapcli.states import JURISDICTIONS


def as_json(run, *args):
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_gaps_names_the_unknown_states_and_the_coverage(run):
    [entry] = as_json(run, "gaps", "mistake of age")
    assert entry["states_unmet"] == ["CT"] and entry["states_met"] == []
    assert (
        sorted(entry["states_unknown"]) == sorted(j.code for j in JURISDICTIONS if j.code != "CT")
        and entry["cards"] == 51
    )
    out = run("gaps", "mistake of age").stderr  # piped: the title and notes on stderr
    assert "goal-level data for 4 of the 51 jurisdictions graded in 2021" in out and "Unknown" in out


def test_partial_lists_count_only_the_goals_they_name(run):
    [entry] = as_json(run, "gaps", "financial penalties", "--year", "2021")
    assert sorted(entry["states_unmet"]) == ["CT", "KS", "MO"] and entry["states_met"] == ["IL"]
    assert len(entry["states_unknown"]) == 51 - 4
    [entry] = as_json(run, "gaps", "non-criminalization for prostitution offenses", "--year", "2022")
    assert sorted(entry["states_unmet"]) == ["MA", "MD"] and entry["states_met"] == []
    # the trial: unknowns were counted over the 13 cards held, not the 51 jurisdictions graded
    assert (entry["cards"], entry["jurisdictions"], len(entry["states_unknown"])) == (13, 51, 49)
    assert "MS" in entry["states_unknown"] and "AL" in entry["states_unknown"]  # a card naming no goals; no card
    out = run("gaps", "--year", "2022").stderr
    assert "goal-level data for 3 of the 51 jurisdictions graded in 2022" in out
    assert "or there is no card here (38 of them)" in out


def test_gaps_in_2023_count_over_the_50_graded_without_dc(run):
    for entry in as_json(run, "gaps", "--year", "2023"):
        assert entry["jurisdictions"] == 50 and "DC" not in entry["states_unknown"]
        assert len(entry["states_unmet"]) + len(entry["states_met"]) + len(entry["states_unknown"]) == 50


def test_gaps_for_a_state_whose_goals_are_unknown_is_not_an_empty_success(run):
    result = run("gaps", "--state", "fl")
    assert result.exit_code == 1 and result.stdout == "" and result.stderr.count("\n") == 1
    assert (
        "policy goals of Florida's 2023 card are not known" in result.stderr and "gapcli show fl@2023" in result.stderr
    )
    partial = as_json(run, "gaps", "--state", "ks")  # Kansas 2021: gaps named by a source
    assert partial and all(r["goal_lists"] == "partial" and r["year"] == 2021 for r in partial)
    assert "Partial" in run("gaps", "--state", "ks").stdout


def test_show_marks_partial_lists_and_claims_no_goals_met(run):
    card = as_json(run, "show", "kansas", "--year", "2021")
    assert [i["goal_lists"] for i in card["issues"]] == ["partial"] * 6
    assert all(i["accomplished"] is None and i["gaps"] for i in card["issues"])  # met goals: not known, not none
    out = run("show", "kansas", "--year", "2021").stdout
    assert out.count("goals named by a source; the area's other goals are not known") == 6 and "goals met" not in out
    florida = as_json(run, "show", "fl", "--year", "2021")
    assert all(i["goal_lists"] is None and i["goals"] is None for i in florida["issues"])
    assert "not known for this card" in run("show", "fl", "--year", "2021").stdout


def test_stats_puts_the_published_figures_beside_the_held_ones(run):
    stats = as_json(run, "stats")
    assert stats["published"]["national_average"] == 47.9
    assert stats["published"]["grade_counts"] == {"A": 0, "B": 0, "C": 1, "D": 10, "F": 40}
    assert stats["published"]["grade_counts_derived"] == ["A", "B"]  # no source counts them: 1 + 10 + 40 = 51
    assert as_json(run, "stats", "--year", "2011")["published"]["grade_counts_derived"] == []  # "No state rated an A"
    assert stats["scored"] == 6 and stats["cards"] == 51 and stats["mean_score"] == 39.6667
    out = run("stats").stdout
    assert "national average 47.9" in out and "6 of the 51 jurisdictions graded" in out
    assert "A\t0*\t0" in out and "* A and B: 0 by arithmetic, printed by no source" in out
    assert "too few to stand for the edition" in out
    assert [(i["scored"], i["too_few"]) for i in stats["issues"]] == [(2, True)] * 5 + [(3, True)]
    assert "Issue area(s) 1, 2, 3, 4, 5, 6: too few published scores to stand for the edition" in out
    assert run("stats", "--year", "2022", "--json").stdout.count('"D": 10') == 1  # published D 10 beside the held count
    assert "national average not published" in run("stats", "--year", "2022").stdout


def test_rank_states_its_coverage_and_ranks_by_published(run):
    rows = as_json(run, "rank", "--year", "2021")
    assert [(r["code"], r["score"]) for r in rows if r["score"] is not None] == [
        ("FL", 72.5),
        ("IA", 48.5),
        ("CT", 43.5),
        ("ID", 28),
        ("AZ", 24.5),
        ("AK", 21),
    ]
    assert all((r["ranked"], r["cards"], r["by"]) == (51, 51, "overall") for r in rows)
    published = as_json(run, "rank", "--by", "published", "--year", "2021")
    assert [(r["code"], r["rank"], r["place_low"]) for r in published] == [
        ("FL", 1, 1),
        ("MN", 11, 11),
        ("MD", 44, 44),
        ("AK", 51, 51),
    ]
    filtered = as_json(run, "rank", "--by", "grade", "--year", "2023", "--grade", "C")
    assert {r["rank"] for r in filtered} == {3} and filtered[0]["code"] == "MN"  # places of the whole ranking
    assert [r["place_low"] for r in filtered] == [3, 3, 3, 3, 3, 3, 3]
    empty = run("rank", "--year", "2025", "--by", "published", "--grade", "B")
    assert empty.exit_code == 0


def test_stats_2025_shares_are_over_the_jurisdictions_not_the_cards_held(run):
    out = run("stats", "--year", "2025").stdout
    assert "With a published score: 7 of 51 jurisdictions at most" in out  # 2025 gives no count graded
    assert "too few to stand for the edition" in out
    stats = as_json(run, "stats", "--year", "2025")
    assert (stats["scored"], stats["jurisdictions"], stats["jurisdictions_published"], stats["too_few"]) == (
        7,
        51,
        False,
        True,
    )


def test_one_number_format_for_means_and_medians(run):
    assert "mean 75.75, median 75.75" in run("stats", "--year", "2023").stdout  # was 'mean 75.8, median 75.75'


def test_a_user_card_is_marked_and_never_counted_as_published(run, user_dir, tmp_path, seed_text):
    vermont = tmp_path / "vt.txt"
    text = seed_text.replace("CONNECTICUT", "VERMONT").replace("connecticut", "vermont")
    vermont.write_text(text.replace("Connecticut", "Vermont"), "utf-8")
    assert run("import", str(vermont)).exit_code == 0
    rows = {r["code"]: r for r in as_json(run, "rank", "--year", "2021")}
    assert (rows["VT"]["origin"], rows["VT"]["score"]) == ("user", 43.5)
    assert {r["origin"] for code, r in rows.items() if code != "VT"} == {"bundled"}
    assert (rows["VT"]["place_low"], rows["VT"]["place_high"]) == (rows["CT"]["place_low"], rows["CT"]["place_high"])
    assert "Vermont*" in run("rank", "--year", "2021").stdout
    stats = as_json(run, "stats", "--year", "2021")
    assert (stats["scored"], stats["mean_score"], stats["origin"]) == (6, 39.6667, {"bundled": 50, "user": 1})
    assert (stats["user"]["cards"], stats["user"]["scored"], stats["user"]["mean_score"]) == (1, 1, 43.5)
    out = run("stats", "--year", "2021").stdout
    assert "With a published score: 6 of the 51 jurisdictions graded" in out
    assert "Cards you imported: 1, 1 with a score" in out and "not published" in out
    diff = as_json(run, "diff", "ct", "vt")
    assert (diff["a"]["origin"], diff["b"]["origin"]) == ("bundled", "user")
    shown = run("diff", "ct", "vt").stdout
    assert "VT* 2021" in shown and "CT 2021" in shown and "CT* 2021" not in shown
    assert "* a card you imported: its figures are yours, not published by Shared Hope." in shown
    assert "imported" not in run("diff", "ct", "fl").stdout
    for a, b in (("vt@2021", "vt@2023"), ("vt@2023", "vt@2021")):  # one state: each side marked for itself
        shown = run("diff", a, b).stdout
        assert "VT* 2021" in shown and "VT* 2023" not in shown and "VT 2023" in shown, (a, b)
        assert "* a card you imported" in shown


def test_a_ranking_where_the_number_graded_is_not_published_says_who_is_not_listed(run):
    """2013: 19 cards held, 34 to 51 graded (no source gives the number): the 15 to 32 without a card
    are said, not silently left out of a table titled over the jurisdictions graded."""
    rows = as_json(run, "rank", "--year", "2013")
    assert len(rows) == 19 and {r["cards"] for r in rows} == {19}
    result = run("rank", "--year", "2013")
    assert "places among the 34 to 51 jurisdictions graded" in result.stderr
    assert "Cards held here: 19; another 15 to 32 jurisdictions graded have no card here (not listed)" in result.stderr
    assert "may have been graded with no card here" in run("rank", "--year", "2014").stderr
    assert "Cards held here" not in run("rank", "--year", "2021").stderr  # 51 graded, published: said as before
    assert "'?': not known (no source gapcli holds gives it)." in result.stderr


def test_rank_by_published_top_counts_places_not_rows(run):
    rows = as_json(run, "rank", "--by", "published", "--top", "5", "--year", "2021")
    assert [(r["code"], r["rank"], r["top_certain"]) for r in rows] == [("FL", 1, True)]
    result = run("rank", "--by", "published", "--top", "5", "--year", "2021")
    assert "Places 2–5: no printed rank gapcli holds." in result.stderr and "Minnesota" not in result.stdout
    tail = as_json(run, "rank", "--by", "published", "--top", "3", "--reverse", "--year", "2021")
    assert [r["code"] for r in tail] == ["AK"]


def test_rank_top_keeps_who_can_be_among_the_first_places(run):
    rows = as_json(run, "rank", "--top", "3", "--year", "2021")
    assert rows[0]["code"] == "FL" and rows[0]["top_certain"] is True
    assert len(rows) == 10 and all(r["grade"] == "D" and r["top_certain"] is False for r in rows[1:])  # not MN (#11)
    last = as_json(run, "rank", "--by", "grade", "--reverse", "--top", "3", "--year", "2021")
    assert last[0]["code"] == "AK" and last[0]["top_certain"] is True  # the trial: Alaska was left out here
    assert "IA" not in {r["code"] for r in last}  # at worst 47th


def test_rank_without_places_says_why(run):
    result = run("rank", "--year", "2025", "--json")
    rows = json.loads(result.stdout)
    assert result.exit_code == 0 and all(r["place_low"] is None and r["place_high"] is None for r in rows)
    out = run("rank", "--year", "2025").stderr
    assert "No places: the 2025 facts held contradict each other: Connecticut scores 50 but is ranked #32" in out


def test_an_empty_ranking_explains_itself(run):
    out = run("rank", "--year", "2022", "--by", "published").stderr
    assert "No source gives the published rank of any 2022 card" in out
    assert "try --by overall (1 card) or --by grade (13 cards)" in out
    assert run("rank", "--year", "2022", "--by", "published", "-f", "csv").stdout.splitlines() == [
        "rank,state,code,year,grade,score,max_score,tier,published_rank,by,ranked,cards,"
        "place_low,place_high,place_of,group_low,group_high,top_certain,origin,fips,filtered_out_unknown"
    ]


def test_show_gives_the_published_rank_of_its_edition_and_newer_grades(run):
    assert "Published rank: #2 of 50." in run("show", "fl", "--year", "2023").stdout
    out = run("show", "connecticut").stdout
    assert "Newer editions: 2023: F · 2025 (Just Like Me): F 50, #32" in out
    assert [e["year"] for e in as_json(run, "show", "connecticut")["newer_editions"]] == [2023, 2025]


def test_diff_says_where_goals_are_unknown(run):
    result = as_json(run, "diff", "ct", "fl")
    assert all(i["only_a_met"] is None and i["only_b_met"] is None for i in result["issues"])
    assert "Goal differences not known" in run("diff", "ct", "fl").stdout
    kansas = as_json(run, "diff", "ct", "ks")
    assert kansas["issues"][0]["only_a_met"] == [] and kansas["issues"][0]["goals_not_comparable"] == 5
    refused = run("diff", "ct@2021", "fl")  # fl takes 2021 too: one edition for two states
    assert refused.exit_code == 0 and json.loads(run("diff", "ct@2021", "fl", "--json").stdout)["b"]["year"] == 2021


def test_history_lists_every_edition_and_keeps_trends_within_a_framework(run):
    rows = [r for r in as_json(run, "history", "dc") if r["year"] >= 2021]
    assert [(r["year"], r["has_card"], r["edition"]) for r in rows] == [
        (2021, True, True),
        (2022, False, True),
        (2023, False, True),
        (2024, False, False),
        (2025, False, True),
    ]
    out = run("history", "tn", "--format", "table").stdout
    assert "Just Like Me" in out and out.count("Grade trend") == 2 and out.count("Grade trend:") == 1  # one, its key


def test_states_without_a_year_has_a_column_per_edition(run):
    rows = list(csv.DictReader(io.StringIO(run("states", "-f", "csv").stdout)))
    # JSON's fields, after the editions
    card_fields = ["year", "grade", "score", "max_score", "tier", "complete", "derived", "origin", "fips"]
    assert list(rows[0]) == ["state", "code", *map(str, [*range(2011, 2020), 2021, 2022, 2023, 2025]), *card_fields]
    tn = next(r for r in rows if r["code"] == "TN")
    assert (tn["2021"], tn["2022"], tn["2023"], tn["2025"]) == ("D", "B", "A", "C")
    assert next(r for r in rows if r["code"] == "DC")["2023"] == ""  # no card: empty, not a grade


def test_data_export_csv_has_every_card_with_its_overall_grade(run):
    from gapcli.catalog.folders import bundled_data_dir

    rows = list(csv.DictReader(io.StringIO(run("data", "export", "--format", "csv").stdout)))
    assert len(rows) == len(list(bundled_data_dir().glob("cards/*/*.toml")))
    assert all(r["grade"] for r in rows if r["year"] == "2021")
    assert sum(r["year"] == "2025" for r in rows) == len(list(bundled_data_dir().glob("cards/2025/*.toml")))
    ct = next(r for r in rows if (r["code"], r["year"]) == ("CT", "2021"))
    assert (ct["grade"], ct["score"], ct["tier"], ct["complete"]) == ("F", "43.5", "II", "true")
    assert (
        run("data", "export", "--year", "2025", "--format", "csv", "--table", "issues").stdout.count("\n") == 1
    )  # header only


def test_plan_on_the_bundled_cards(run):
    ct = as_json(run, "plan", "ct")
    assert (ct["target"], ct["needs"], ct["least_goals"]) == ("D", 16.5, 7)
    first = ct["issues"][0]
    assert (first["number"], first["headroom"], len(first["unmet_goals"])) == (2, 21, 8)
    ia = run("plan", "ia", "--year", "2021")
    assert ia.exit_code == 0 and "Headroom" in ia.stdout and "goals are not known" in ia.stdout
    fl = run("plan", "fl", "--year", "2023")
    assert fl.exit_code == 1 and fl.stderr.count("\n") == 1 and "grade scale or maximum is not known" in fl.stderr


def test_map_refuses_published_rather_than_showing_the_grade_map_under_that_name(run):
    result = run("map", "--by", "published", "--year", "2023")
    assert result.exit_code == 2 and result.stdout == ""
    assert "map --by published: a printed rank is a place" in result.stderr and "rank --by published" in result.stderr


def test_map_of_an_issue_area_colours_a_known_score_by_its_share(run):
    tiles = {t["code"]: t for t in as_json(run, "map", "--by", "5")}
    assert (tiles["IA"]["score"], tiles["IA"]["max_score"], tiles["IA"]["grade"], tiles["IA"]["share"]) == (
        7.5,
        10,
        None,
        75,
    )
    out = run("map", "--by", "5").stdout
    assert "IA 75" in out and "IA ·" not in out  # 75 % of the maximum, never called a C:
    assert "C ≥70% 0" in out and "share, in its band's colour 1" in out  # nor counted as one (visual #12)
    assert "marked with that share (%), never with a grade" in out


def test_map_tells_not_graded_from_no_card(run):
    tiles = {t["code"]: t for t in as_json(run, "map", "--year", "2023")}
    assert tiles["DC"]["graded"] is False and tiles["TN"]["graded"] is True and tiles["DC"]["has_card"] is False
    out = run("map", "--year", "2023").stdout
    assert "DC —" in out and "not graded 1" in out and "Not graded in 2023: DC" in out
    tiles_2022 = {t["code"]: t for t in as_json(run, "map", "--year", "2022")}
    assert tiles_2022["AL"]["graded"] is True and "no card 38" in run("map", "--year", "2022").stdout


def test_plan_names_the_newer_cards_it_does_not_plan_from(run):
    record = as_json(run, "plan", "ct", "--to", "D")
    assert record["year"] == 2021 and [e["year"] for e in record["newer_editions"]] == [2023, 2025]
    out = run("plan", "ct", "--to", "D").stdout
    assert "Newer editions: 2023: F · 2025 (Just Like Me): F 50, #32" in out
    assert "This plan starts from the 2021 card" in out


def test_plan_without_a_score_names_the_edition_that_has_one(run):
    iowa = run("plan", "ia", "--to", "C")
    assert iowa.exit_code == 1 and "Iowa's 2023 card has no published score" in iowa.stderr
    assert "the 2021 card has a score to plan from: gapcli plan ia --year 2021" in iowa.stderr
    florida = run("plan", "fl")
    assert florida.exit_code == 1 and "gapcli plan fl --year 2021" in florida.stderr
    assert run("plan", "ia", "--year", "2021", "--to", "C").exit_code == 0  # the hint works


def test_not_graded_is_told_apart_from_no_card(run):
    rows = {r["year"]: r for r in as_json(run, "history", "dc")}
    assert (rows[2023]["graded"], rows[2023]["has_card"]) == (False, False)
    assert rows[2022]["graded"] is True and rows[2021]["graded"] is True
    out = run("history", "dc").stderr
    assert "District of Columbia was not graded in 2023" in out and "2022, 2025: not in the sources" in out
    assert "2019, 2022, 2023" not in out  # 2023 is no longer called a missing card
    shown = run("show", "dc", "--year", "2023")
    assert shown.exit_code == 1 and "District of Columbia was not graded in the 2023 edition" in shown.stderr
    assert "no 2022 card for District of Columbia" in run("show", "dc", "--year", "2022").stderr


def test_states_of_an_edition_lists_the_graded_jurisdictions_without_a_card(run):
    out = run("states", "--year", "2022").stderr
    listed = next(line for line in out.splitlines() if line.startswith("No card here for 38 of the 51"))
    held = {r["code"] for r in as_json(run, "states", "--year", "2022")}
    assert set(listed.split(": ")[1].rstrip(".").split()) == {j.code for j in JURISDICTIONS} - held
    assert "Not graded in 2023: DC." in run("states", "--year", "2023").stderr
    grid = run("states").stdout
    assert "District of Columbia\tDC\tF\t?\t—" in grid  # 2023: not graded, not a missing grade


def test_history_shows_no_change_for_a_first_card(run):
    first = next(r for r in as_json(run, "history", "ct") if r["has_card"])
    assert first["grade_steps"] is None
    line = next(line for line in run("history", "ct").stdout.splitlines() if line.startswith(str(first["year"])))
    assert line.split("\t")[3] == "—"  # the Change column: nothing to compare with, not '?' (unknown)


def test_plan_marks_unnumbered_goals_names_its_share_and_links_its_briefs(run, tmp_path):
    """Visual #10/#18: 'Share %' was a share of all the headroom unsaid; the briefs it names had no links."""
    out = run("plan", "ct").stdout
    assert "\t% of all headroom\t" in out and "\tShare %\t" not in out
    assert "\t21\t35.3\t8" in out  # 21 of the 59.5 points of headroom
    assert "- 2.1 third party control — Issue Brief 2.1" in out and "- ? expanded non-criminalization" in out
    assert "Goal '?': its number is not known; the framework file does not number this goal" in out
    assert "Issue briefs by goal: https://reportcards.sharedhope.org/related-resources/" in out
    assert "Issue briefs: https://reportcards.sharedhope.org/issue-briefs" in out
    assert "headroom_share" in as_json(run, "plan", "ct")["issues"][0]  # the JSON field keeps its name
    assert run("plan", "ct", "--export", str(tmp_path / "plan.html")).exit_code == 0
    page = (tmp_path / "plan.html").read_text("utf-8")
    assert '<a href="https://reportcards.sharedhope.org/related-resources/">' in page and "% of all headroom" in page
    pic = run("plan", "ks", "--year", "2015").stdout  # the Protected Innocence Challenge lists no goals
    assert "Issue briefs" not in pic and "Goal '?'" not in pic
