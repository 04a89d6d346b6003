"""Hand-off formats: SQLite for SQL and Datasette, JSON Lines, slide-ready SVG and HTML (#15)."""

import json
import re
import sqlite3
import xml.etree.ElementTree as ET
from html.parser import HTMLParser


def test_sqlite_export_is_normalised_and_checks_out(run, tmp_path):
    db_path = tmp_path / "cards.db"
    result = run("data", "export", "--format", "sqlite", "--out", str(db_path))
    assert result.exit_code == 0, result.stderr
    cards = json.loads(run("data", "export").stdout)
    with sqlite3.connect(db_path) as db:
        assert db.execute("select grade, score from cards where code='CT' and year=2021").fetchall() == [("F", 43.5)]
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        assert db.execute("select count(*) from cards").fetchone() == (len(cards),)
        assert db.execute("select national_average from editions where year = 2021").fetchone() == (47.9,)
        statuses = dict(
            db.execute(
                "select status, count(*) from card_goal_status where year = 2021 and goal = '1.7' group by status"
            )
        )
        assert statuses == {"met": 1, "unmet": 3, "unknown": 47}
        ct = next(c for c in cards if (c["code"], c["year"]) == ("CT", 2021))
        named = sum(len(i["goals"]) for i in ct["issues"])
        assert db.execute(
            "select count(*) from goals g join cards c on c.id = g.card_id where c.code = 'CT' and c.year = 2021"
        ).fetchone() == (named,)
        indexes = {row[0] for row in db.execute("select name from sqlite_master where type = 'index'")}
        assert {"cards_code", "goals_goal"} <= indexes
    again = run("data", "export", "--format", "sqlite", "--out", str(db_path))
    assert again.exit_code == 1 and "exists; use --force" in again.stderr
    assert run("data", "export", "--out", str(db_path), "--force").exit_code == 0  # the suffix says sqlite


def test_json_lines_on_every_list_command(run):
    for args in (["rank"], ["states"], ["gaps"], ["history", "tn"], ["map"], ["data", "export"]):
        flag = ["--format", "jsonl"]
        lines = run(*args, *flag).stdout.splitlines()
        listed = json.loads(run(*args, "--format", "json").stdout if args[0] == "data" else run(*args, "--json").stdout)
        assert [json.loads(line) for line in lines] == listed, args


def test_html_export_links_every_url_and_fetches_nothing(run, tmp_path):
    path = tmp_path / "ct.html"
    assert run("show", "ct", "--export", str(path)).exit_code == 0
    html = path.read_text("utf-8")
    HTMLParser().feed(html)
    card = json.loads(run("show", "ct", "--json").stdout)
    urls = set(card["links"].values()) | {c["url"] for c in card["source"]["citations"] if c["url"].startswith("http")}
    assert {u for u in urls if f'<a href="{u}"' not in html} == set()
    assert "<title>Connecticut (CT) · 2021 report card</title>" in html
    assert not re.search(r"""(src|href)=["']https?://(?!reportcards\.sharedhope\.org|sharedhope\.org)""", html)
    assert "@import" not in html and "cdnjs" not in html and "font-face" not in html


def test_svg_export_is_light_text_without_chrome_or_network_fonts(run, tmp_path):
    path = tmp_path / "map.svg"
    assert run("map", "--export", str(path)).exit_code == 0
    svg = path.read_text("utf-8")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    background = root.find(f"{ns}rect")
    assert background is not None and background.get("fill") == "#ffffff"
    assert "cdnjs" not in svg and "font-face" not in svg and "#ff5f57" not in svg  # no fake window buttons
    assert root.find(f"{ns}title").text == "2021: overall grade"
    assert "CT" in "".join(root.itertext())
    dark = tmp_path / "dark.svg"
    assert run("map", "--export", str(dark), "--theme", "dark").exit_code == 0
    assert ET.fromstring(dark.read_text("utf-8")).find(f"{ns}rect").get("fill") != "#ffffff"
