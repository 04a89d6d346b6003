"""Slide-ready exports (#27 items 3-4): palette, source line, links, a 16:9 slide, a real HTML table."""

import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

from gapcli import __version__
from gapcli.formats.table import PALETTES

NS = "{http://www.w3.org/2000/svg}"
RDYLBU = {letter: colours[1] for letter, colours in PALETTES["truecolor"].items()}
ANSI_FALLBACK = {"#000080", "#008080", "#c0c0c0", "#808000", "#800000"}  # what a 16-colour terminal gave before
EXPORTING = [
    ["show", "ct"], ["states"], ["states", "--year", "2023"], ["diff", "ct", "ny"], ["rank"], ["gaps"],
    ["gaps", "--state", "ct"], ["stats"], ["history", "tn"], ["map", "--year", "2023"], ["plan", "ct"],
    ["show", "la", "--year", "2014"], ["map", "--year", "2014"], ["stats", "--year", "2014"],
]  # fmt: skip  # 2014: a Protected Innocence Challenge edition (sections, no tiers, no goal lists)


class Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.links, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self.links.append(dict(attrs)["href"])

    def handle_data(self, data):
        self.text.append(data)


def source_of(year: int) -> str:
    return f"Source: Shared Hope International, Report Cards on Child & Youth Sex Trafficking, {year} — via gapcli {__version__}"


def test_html_card_is_a_table_document_with_badges_links_and_the_source(run, tmp_path):
    path = tmp_path / "ct.html"
    assert run("show", "ct", "--export", str(path)).exit_code == 0
    page = Elements()
    page.feed(path.read_text("utf-8"))
    card = json.loads(run("show", "ct", "--json").stdout)
    tags = [tag for tag, _ in page.tags]
    assert "table" in tags and tags.count("th") == 5 and "pre" not in tags
    assert tags.count("tr") == 1 + len(card["issues"])
    assert set(card["links"].values()) <= set(page.links)
    assert all(re.match(r"https?://", href) for href in page.links)
    badges = [a.get("style", "") for t, a in page.tags if t == "span" and "background-color" in a.get("style", "")]
    assert any(RDYLBU["F"] in b for b in badges) and any(RDYLBU["D"] in b for b in badges)
    line = next(t for t in page.text if t.startswith("Source: "))
    assert line.startswith(source_of(2021).split(" — ")[0]) and line.endswith(f" — via gapcli {__version__}")
    assert not [a for t, a in page.tags if t in ("img", "script", "link", "iframe") or "src" in a]
    assert "@import" not in path.read_text() and "url(" not in path.read_text()


def test_map_svg_is_in_rdylbu_with_the_source_line_whatever_the_terminal(run, tmp_path, monkeypatch):
    monkeypatch.setenv("TERM", "xterm")  # a 16-colour terminal
    monkeypatch.delenv("COLORTERM", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")  # about terminals; a file keeps its palette
    path = tmp_path / "map.svg"
    assert run("map", "--year", "2023", "--export", str(path)).exit_code == 0
    root = ET.fromstring(path.read_text("utf-8"))
    fills = {r.get("fill") for r in root.iter(f"{NS}rect")}
    tiles = json.loads(run("map", "--year", "2023", "--json").stdout)
    assert {RDYLBU[t["grade"]] for t in tiles if t["grade"]} <= fills and not fills & ANSI_FALLBACK
    texts = [(t.text or "").strip() for t in root.iter(f"{NS}text")]
    assert "CT F" in texts
    assert source_of(2023) in " ".join(texts).replace("\xa0", " ") or source_of(2023) in root.find(f"{NS}desc").text
    assert root.find(f"{NS}desc").text == source_of(2023)


def test_slide_is_16_by_9_with_text_a_slide_can_show_and_live_links(run, tmp_path):
    path = tmp_path / "ct.svg"
    result = run("show", "ct", "--export", str(path), "--size", "slide")
    assert result.exit_code == 0, result.stderr
    svg = path.read_text("utf-8")
    root = ET.fromstring(svg)
    assert root.get("viewBox") == "0 0 1920 1080"
    font = int(re.search(r"font-size: (\d+)px", svg).group(1))
    assert font >= 20
    card = json.loads(run("show", "ct", "--json").stdout)
    hrefs = {a.get("href") for a in root.iter(f"{NS}a")}
    assert set(card["links"].values()) <= hrefs
    words = " ".join(t.text or "" for t in root.iter(f"{NS}text")).replace("\xa0", " ")
    assert "Connecticut (CT)" in words and "financial penalties" in words and "Source:" in words
    for element in root.iter(f"{NS}text"):
        x, y = float(element.get("x")), float(element.get("y"))
        assert 0 <= x <= 1920 and 0 <= y <= 1080 and x + float(element.get("textLength")) <= 1920


def test_a_view_too_long_for_a_slide_is_refused_and_slide_is_for_svg(run, tmp_path):
    result = run("gaps", "--export", str(tmp_path / "g.svg"), "--size", "slide")
    assert result.exit_code == 1 and "too long for one slide" in result.stderr
    assert not (tmp_path / "g.svg").exists()
    assert run("show", "ct", "--export", str(tmp_path / "ct.html"), "--size", "slide").exit_code == 2
    assert run("show", "ct", "--size", "slide").exit_code == 2


@pytest.mark.parametrize("args", EXPORTING, ids=" ".join)
def test_every_export_carries_the_source_line_and_no_repository_path(run, tmp_path, args):
    for suffix in (".svg", ".html", ".txt"):
        path = tmp_path / f"out{suffix}"
        result = run(*args, "--export", str(path), "--force")
        assert result.exit_code == 0, result.stderr
        text = path.read_text("utf-8").replace("\xa0", " ")
        assert re.search(rf"Source: Shared Hope International, .+ — via gapcli {re.escape(__version__)}", text), suffix
        assert "data/sources/" not in text and "text/2021/" not in text, suffix
        if suffix == ".svg":
            ET.fromstring(text)


def test_no_data_output_carries_a_repository_path(run, tmp_path):
    outputs = [run("show", "ct").stdout, run("stats").stdout, run("show", "ct", "--format", "markdown").stdout]
    outputs += [run("data", "export", "--format", f).stdout for f in ("json", "jsonl", "csv", "tsv")]
    outputs += [run("show", "ct", "--json").stdout, run("stats", "--json").stdout]
    assert run("data", "export", "--out", str(tmp_path / "c.db")).exit_code == 0
    import sqlite3

    with sqlite3.connect(tmp_path / "c.db") as db:
        outputs.append("\n".join(db.iterdump()))
    outputs.append((tmp_path / "c.metadata.json").read_text())
    for text in outputs:
        assert "data/sources/" not in text and "text/2021/" not in text


def test_states_has_one_shape_in_json_and_csv(run):
    import csv
    import io

    rows = json.loads(run("states", "--json").stdout)
    table = list(csv.DictReader(io.StringIO(run("states", "--format", "csv").stdout)))
    assert [r["code"] for r in rows] == [r["code"] for r in table]
    for record, line in zip(rows, table, strict=True):
        assert {year: grade or "" for year, grade in record["grades"].items()} == {y: line[y] for y in record["grades"]}
        assert (str(record["year"]), record["grade"] or "") == (line["year"], line["grade"])
