"""The SQLite export for Datasette and sqlite-utils users (#27 items 1-2), checked with the real tools."""

import hashlib
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request

import pytest
import sqlite_utils

from gapcli import __version__
from test_states import census_fips

# the first layout (gapcli 0.1, before #27): every table, column and view stays
FIRST_LAYOUT = {
    "editions": ["year", "framework_id", "framework", "framework_short", "max_score", "released", "graded",
                 "national_average", "ranked", "goal_points"],
    "edition_grade_counts": ["year", "grade", "count"],
    "issue_areas": ["year", "number", "name", "max_score"],
    "policy_goals": ["year", "id", "issue", "statement", "phrase"],
    "cards": ["id", "year", "code", "state", "grade", "score", "max_score", "tier", "published_rank",
              "published_rank_of", "complete", "derived", "origin"],
    "card_issues": ["card_id", "year", "number", "grade", "score", "max_score", "goal_lists", "gaps_in_all_areas"],
    "goals": ["card_id", "issue", "phrase", "goal", "status", "brief", "brief_url"],
    "extra_credit": ["card_id", "position", "category", "points", "description"],
    "sources": ["card_id", "position", "fields", "url", "note"],
    "card_goal_status": ["card_id", "year", "code", "state", "goal", "issue", "phrase", "status"],
}  # fmt: skip


@pytest.fixture
def exported(run, tmp_path):
    path = tmp_path / "cards.db"
    result = run("data", "export", "--out", str(path))
    assert result.exit_code == 0, result.stderr
    cards = json.loads(run("data", "export").stdout)
    return path, cards


def columns(db, table):
    return [row[1] for row in db.execute(f"PRAGMA table_info({table})")]


def test_every_table_column_and_view_of_the_first_layout_stays(exported):
    path, _ = exported
    with sqlite3.connect(path) as db:
        for table, names in FIRST_LAYOUT.items():
            assert columns(db, table)[: len(names)] == names or set(names) <= set(columns(db, table)), table


# each schema_version's tables and columns (name, type), digested: a layout changed without raising
# SCHEMA_VERSION fails here; record the new version's digest with the bump
LAYOUTS = {"3": "87465c3241a08ef0", "4": "49102277179c87cd"}


def test_schema_version_changes_with_any_table_or_column(exported):
    path, _ = exported
    with sqlite3.connect(path) as db:
        version = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()[0]
        tables = [
            row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")
        ]
        layout = [(t, [(row[1], row[2]) for row in db.execute(f"PRAGMA table_info('{t}')")]) for t in tables]
    digest = hashlib.sha256(json.dumps(layout).encode()).hexdigest()[:16]
    assert LAYOUTS.get(version) == digest, f"schema_version {version}: the layout digest is {digest}"


def test_checks_are_clean_and_every_relation_is_a_single_column_foreign_key(exported):
    path, _ = exported
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("PRAGMA foreign_keys = ON").fetchall() == []
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    tables = sqlite_utils.Database(path)
    single = {(fk.table, fk.column, fk.other_table) for t in tables.tables for fk in t.foreign_keys}
    for link in [("cards", "year", "editions"), ("cards", "code", "jurisdictions"), ("card_issues", "card_id", "cards"),
                 ("card_issues", "issue_area_id", "issue_areas"), ("goals", "card_issue_id", "card_issues"),
                 ("goals", "policy_goal_id", "policy_goals"), ("goals", "card_id", "cards"),
                 ("policy_goals", "issue_area_id", "issue_areas"), ("links", "card_id", "cards"),
                 ("sources", "card_id", "cards"), ("extra_credit", "card_id", "cards")]:  # fmt: skip
        assert link in single, link
    for table in tables.tables:
        if not table.name.endswith(("_fts", "_data", "_idx", "_docsize", "_config")):
            assert len(table.pks) == 1 or table.name == "edition_grade_counts", (table.name, table.pks)


def test_the_rows_agree_with_the_json_export(exported):
    path, cards = exported
    ct = next(c for c in cards if (c["code"], c["year"]) == ("CT", 2021))
    with sqlite3.connect(path) as db:
        (card_id,) = db.execute("select id from cards where code = 'CT' and year = 2021").fetchone()
        unmet = [(i["number"], g["phrase"]) for i in ct["issues"] for g in i["goals"] or () if not g["met"]]
        view = db.execute("select issue, phrase from unmet_goals_by_state where card_id = ?", (card_id,)).fetchall()
        assert sorted(view) == sorted(unmet)
        links = dict(db.execute("select name, url from links where card_id = ?", (card_id,)).fetchall())
        assert links == ct["links"]
        names = db.execute("select number, name from card_issues where card_id = ? order by number", (card_id,))
        assert names.fetchall() == [(i["number"], i["name"]) for i in ct["issues"]]
        for year in sorted({c["year"] for c in cards}):
            held = {g: sum(1 for c in cards if c["year"] == year and c["grade"] == g) for g in "ABCDF"}
            held[None] = sum(1 for c in cards if c["year"] == year and c["grade"] is None)
            rows = db.execute("select grade, cards from grades_by_edition where year = ?", (year,)).fetchall()
            assert dict(rows) == held, year
        meta = dict(db.execute("select key, value from meta"))
        assert meta["gapcli_version"] == __version__ and meta["cards"] == str(len(cards))
        assert meta["source"].startswith("Source: Shared Hope International, ") and meta["exported_at"].endswith("Z")
        assert "MIT" in meta["licence"] and meta["how_to_cite"]


def test_fips_codes_are_text_columns_with_the_census_codes(exported):
    path, cards = exported
    census = {postal: code for postal, (code, _name) in census_fips().items()}
    with sqlite3.connect(path) as db:
        for table in ("jurisdictions", "cards"):
            types = {row[1]: row[2] for row in db.execute(f"PRAGMA table_info({table})")}
            assert types["fips"] == "TEXT", table
            assert db.execute(f"select count(*) from {table} where typeof(fips) != 'text'").fetchone() == (0,)
        assert dict(db.execute("select code, fips from jurisdictions")) == census
        pairs = set(db.execute("select code, fips from cards"))
    assert pairs == {(c["code"], c["fips"]) for c in cards} and ("CT", "09") in pairs


def test_the_2012_grade_counts_are_stored_as_published_and_flagged(exported):
    path, _ = exported
    with sqlite3.connect(path) as db:
        flags = {year: (consistent, note) for year, consistent, note in db.execute(
            "select year, counts_consistent, counts_note from editions")}  # fmt: skip
        total = db.execute("select sum(count) from edition_grade_counts where year = 2012").fetchone()
        types = {row[1]: row[2] for row in db.execute("PRAGMA table_info(editions)")}
    assert total == (52,) and flags[2012][0] == 0 and "52" in flags[2012][1]
    assert all(flags[year] == (1, None) for year in flags if year != 2012)
    assert (types["counts_consistent"], types["counts_note"]) == ("INTEGER", "TEXT")


def test_full_text_search_finds_goal_phrases_and_policy_goals(exported):
    path, _ = exported
    tables = sqlite_utils.Database(path)
    assert tables["goals"].detect_fts() == "goals_fts" and tables["policy_goals"].detect_fts() == "policy_goals_fts"
    found = {(row["code"], row["status"]) for row in tables["goals"].search("mistake of age")}
    assert ("CT", "unmet") in found
    assert any(row["id"] == "1.4" for row in tables["policy_goals"].search("mistake"))


def test_the_data_version_follows_the_data_not_the_clock_or_the_folder(run, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    versions = []
    for name in ("a.db", "b.db"):
        assert run("data", "export", "--out", str(tmp_path / name)).exit_code == 0
        with sqlite3.connect(tmp_path / name) as db:
            versions.append(dict(db.execute("select key, value from meta")))
    assert versions[0]["data_version"] == versions[1]["data_version"]
    assert versions[0]["exported_at"] == "2023-11-14T22:13:20Z"
    assert run("data", "export", "--year", "2021", "--out", str(tmp_path / "c.db")).exit_code == 0
    with sqlite3.connect(tmp_path / "c.db") as db:
        assert dict(db.execute("select key, value from meta"))["data_version"] != versions[0]["data_version"]


def test_the_metadata_describes_every_table_view_and_column(exported):
    path, _ = exported
    metadata = json.loads(path.with_name("cards.metadata.json").read_text())
    described = metadata["databases"]["cards"]["tables"]
    with sqlite3.connect(path) as db:
        shadow = ("_data", "_idx", "_docsize", "_config", "_content")
        names = [n for (n,) in db.execute("select name from sqlite_master where type in ('table', 'view')")]
        for name in names:
            if name.endswith(shadow) and name.rsplit("_", 1)[0] in described:
                continue  # FTS5's own tables: Datasette hides them
            assert described[name]["description"], name
            assert set(columns(db, name)) <= set(described[name]["columns"]), name
    assert metadata["license"] and metadata["source"].startswith("Shared Hope International")
    assert "MIT" in metadata["license"] and "Cite" in metadata["description"]
    with sqlite3.connect(path) as db:
        stored = dict(db.execute("select key, value from meta"))["datasette_metadata"]
    assert json.loads(stored) == metadata


def test_metadata_goes_where_asked_and_is_never_forced(run, tmp_path):
    about = tmp_path / "about.json"
    about.write_text("mine")
    refused = run("data", "export", "--out", str(tmp_path / "x.db"), "--metadata", str(about))
    assert refused.exit_code == 1 and "about.json exists" in refused.stderr and not (tmp_path / "x.db").exists()
    assert run("data", "export", "--out", str(tmp_path / "x.db"), "--metadata", str(about), "--force").exit_code == 0
    assert json.loads(about.read_text())["databases"]["x"]
    assert run("data", "export", "--format", "csv", "--metadata", str(about)).exit_code == 2


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=10) as response:
        return json.loads(response.read())


@pytest.mark.timeout(120)
def test_datasette_serves_the_card_with_links_to_its_goals_and_labels(exported):
    path, cards = exported
    ct = next(c for c in cards if (c["code"], c["year"]) == ("CT", 2021))
    port = free_port()
    datasette = os.path.join(os.path.dirname(sys.executable), "datasette")
    server = subprocess.Popen(
        [datasette, "serve", str(path), "--metadata", str(path.with_name("cards.metadata.json")),
         "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                fetch(f"{base}/-/versions.json")
                break
            except OSError:
                time.sleep(0.1)
        with sqlite3.connect(path) as db:
            (card_id,) = db.execute("select id from cards where code = 'CT' and year = 2021").fetchone()
        row = fetch(f"{base}/cards/cards/{card_id}.json?_extras=foreign_key_tables")
        assert row["rows"][0][row["columns"].index("label")] == "Connecticut 2021"
        assert row["rows"][0][row["columns"].index("fips")] == "09"  # text through Datasette: the zero kept
        edition = fetch(f"{base}/cards/editions/2012.json?_shape=objects")["rows"][0]
        assert edition["counts_consistent"] == 0 and "add up to 52" in edition["counts_note"]
        place = fetch(f"{base}/cards/jurisdictions/DC.json?_shape=objects")
        assert place["rows"] == [{"code": "DC", "name": "District of Columbia", "fips": "11"}]
        incoming = {t["other_table"]: t for t in row["foreign_key_tables"]}
        named = len({(i["number"], g["phrase"]) for i in ct["issues"] for g in i["goals"] or ()})
        assert incoming["goals"]["count"] == named and incoming["goals"]["link"] == f"/cards/goals?card_id={card_id}"
        assert incoming["card_issues"]["count"] == len(ct["issues"])
        assert incoming["links"]["count"] == len(ct["links"]) and incoming["sources"]["count"]
        goals = fetch(f"{base}/cards/goals.json?code=CT&year=2021&_labels=on&_shape=objects&_size=max")
        assert len(goals["rows"]) == named
        first = goals["rows"][0]
        assert first["card_id"] == {"value": card_id, "label": "Connecticut 2021"}
        assert first["code"] == {"value": "CT", "label": "Connecticut"}
        assert first["card_issue_id"]["label"].startswith("Connecticut 2021 · 1. ")
        numbered = [g for g in goals["rows"] if g["policy_goal_id"]]
        assert numbered and all(g["policy_goal_id"]["label"].startswith(g["goal"] + " ") for g in numbered)
        tables = {t["name"]: t for t in fetch(f"{base}/cards.json")["tables"]}
        assert tables["goals"]["fts_table"] == "goals_fts" and tables["goals_fts"]["hidden"]
        assert "Full-text" not in json.dumps(tables["cards"])
        found = fetch(f"{base}/cards/goals.json?_search=mistake+of+age&code=CT&_shape=objects")
        assert [g["phrase"] for g in found["rows"]] == ["mistake of age defenses"]
        hyphen = fetch(f"{base}/cards/goals.json?_search=non-criminalization&code=CT&year=2021&_shape=objects")
        assert "expanded non-criminalization" in [g["phrase"] for g in hyphen["rows"]]  # a phrase query: full detail
        status = fetch(f"{base}/cards/card_goal_status.json?code=CT&year=2021&goal=2.8&_shape=objects")["rows"]
        assert [(r["status"], r["goal_lists"]) for r in status] == [("unknown", "complete")]  # named, not numbered
        grades = fetch(f"{base}/cards/grades_by_edition.json?year=2012&_shape=objects")["rows"]
        assert {r["counts_consistent"] for r in grades} == {0}  # 2012's counts add up to 52: flagged beside them
    finally:
        os.kill(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
