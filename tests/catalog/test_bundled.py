"""The bundled data is the source material in data/sources/, figure for figure."""

import csv
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
from collections import Counter

from conftest import ROOT, SOURCES
from gapcli.catalog.tomlfile import read_toml
from gapcli.states import JURISDICTIONS, by_code, resolve


def _build_module():
    spec = importlib.util.spec_from_file_location("build_cards", ROOT / "scripts" / "build_cards.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _figures() -> list[dict[str, str]]:
    with (SOURCES / "figures.tsv").open(encoding="utf-8") as stream:
        return list(csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_nothing_reads_outside_the_repository():
    for folder in ("src", "scripts", "tests", "bench"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text("utf-8")
            assert "GAPCLI_" + "SHARED" not in text and '"sha' + 'red"' not in text, path


def test_bundled_cards_and_generated_frameworks_are_exactly_what_the_sources_give():
    build = _build_module()
    expected = build.build(SOURCES)
    bundled = {
        p.relative_to(ROOT / "data").as_posix(): p.read_text("utf-8") for p in (ROOT / "data").glob("cards/*/*.toml")
    }
    marker = build.GENERATED.split("{")[0]
    for path in (ROOT / "data" / "frameworks").glob("*.toml"):
        text = path.read_text("utf-8")
        if text.startswith(marker):  # a generated framework no definition gives would linger
            bundled[f"frameworks/{path.name}"] = text
    assert sorted(bundled) == sorted(expected)
    for name, text in expected.items():
        assert bundled[name] == text, f"data/{name} differs from scripts/build_cards.py output"


def test_the_rebuild_is_byte_identical_when_run_twice(tmp_path):
    out = tmp_path / "data"
    script = [sys.executable, str(ROOT / "scripts" / "build_cards.py"), "--out", str(out)]

    def files():
        return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*.toml")}

    subprocess.run(script, check=True, capture_output=True)
    first = files()
    subprocess.run(script, check=True, capture_output=True)
    assert files() == first
    repository = {name: (ROOT / "data" / name).read_bytes() for name in first}
    assert first == repository and sum(name.startswith("frameworks/") for name in first) == 9


def test_every_edition_a_shared_definition_gives_is_reachable(catalog, run):
    definition = read_toml(ROOT / "scripts" / "frameworks" / "protected-innocence-challenge.toml")
    years = [edition["year"] for edition in definition["editions"]]
    assert years == list(range(2011, 2020))
    generated = {
        int(p.stem) for p in (ROOT / "data" / "frameworks").glob("*.toml") if p.read_text().startswith("# Generated")
    }
    assert generated == set(years)  # no generated edition without its definition, none defined and missing
    for year in years:
        framework = catalog.framework(year)
        assert (framework.id, framework.scale_basis, framework.max_score) == (
            definition["framework"]["id"],
            "points",
            102.5,
        )
        assert year in catalog.years() and catalog.cards_for_year(year)
        result = run("stats", "--year", str(year), "--json")
        assert result.exit_code == 0 and json.loads(result.stdout)["year"] == year


def test_every_bundled_card_loads_and_validates(catalog):
    cards = catalog.all_cards()  # a bundled card that fails validation raises here
    sourced = {(int(r["year"]), resolve(r["state"]).code) for r in _figures()}
    assert {(c.year, c.code) for c in cards} == sourced | {(2021, j.code) for j in JURISDICTIONS}
    assert catalog.warnings == []


def test_2021_has_every_jurisdiction_with_the_published_grade_counts(catalog):
    cards = catalog.cards_for_year(2021)
    assert len(cards) == 51
    assert Counter(c.grade for c in cards) == catalog.framework(2021).facts.grade_counts == {"C": 1, "D": 10, "F": 40}
    graded_by_a_source = {
        resolve(r["state"]).code for r in _figures() if r["year"] == "2021" and r["field"] in ("grade", "card")
    }
    derived = [c for c in cards if "grade" in c.derived]
    assert {c.code for c in derived} == {c.code for c in cards} - graded_by_a_source
    assert {"MD", "DC", "VA", "AK"} <= graded_by_a_source  # sourced since the figures of 2026-11
    assert all(c.grade == "F" for c in derived)
    assert all(any("derived" in citation.note for citation in c.citations) for c in derived)


def test_every_figure_in_figures_tsv_is_on_its_card(catalog):
    rows = _figures()
    checked = 0
    for row in rows:
        if row["field"] == "card":
            continue
        card = catalog.card(resolve(row["state"]), int(row["year"]))
        field, value = row["field"], row["value"]
        if field.startswith("issue"):
            number, what = field[5:].split("_")
            result = card.issue(int(number))
            actual = getattr(result, what)
            if what in ("accomplished", "gaps"):
                assert result.partial and result.goal_lists == "partial", row
                actual = "; ".join(actual)
        else:
            actual = getattr(card, {"rank": "published_rank"}.get(field, field))
        assert str(actual if not isinstance(actual, float) else f"{actual:g}") == value, (row, actual)
        assert any(
            field in c.fields and c.url == (row["source"] if row["source"] != "same" else c.url) for c in card.citations
        ), row
        checked += 1
    assert checked == len(rows) - sum(1 for r in rows if r["field"] == "card")


def test_iowa_2021_holds_extra_credit_with_unknown_categories(catalog):
    card = catalog.card(by_code("IA"), 2021)
    assert card.score == 48.5 and [r.score for r in card.issues] == [11, 12, 4.5, 6.5, 7.5, 3]
    assert all(r.grade is None for r in card.issues)  # never computed from a score
    assert [(e.category, e.points, e.description) for e in card.extra_credit] == [(None, 4, None)]
    assert "extra_credit" in card.derived


def test_edition_facts_load_with_their_sources(catalog):
    facts = {year: catalog.framework(year).facts for year in catalog.years()}
    assert (facts[2021].national_average, facts[2023].national_average, facts[2022].national_average) == (
        47.9,
        57.9,
        None,
    )
    assert facts[2022].grade_counts == {"B": 1, "C": 3, "D": 10, "F": 37}
    assert facts[2023].grade_counts == {"A": 1, "B": 1, "C": 7, "D": 9, "F": 32} and facts[2023].ranked == 50
    assert facts[2025].grade_counts == {"A": 3} and facts[2025].graded is None
    assert [facts[y].goal_points for y in (2021, 2022, 2023, 2025)] == [2.5, 2.5, 2.5, None]
    for year in (2021, 2022, 2023):
        catalog.framework(year)
        assert sum(facts[year].grade_counts.values()) == facts[year].graded
        assert facts[year].released and facts[year].released.startswith(str(year))
        cited = {f for c in facts[year].citations for f in c.fields}
        assert {"grade_counts", "released", "goal_points"} <= cited
    areas = catalog.framework(2021).issues
    assert [a.max_score / facts[2021].goal_points for a in areas] == [7, 11, 6, 6, 4, 6]


def test_goal_corrections(catalog):
    framework = catalog.framework(2021)
    goals = {g.id: g for g in framework.goals}
    assert "business entit" in goals["1.6"].statement
    assert goals["2.8"].phrase is None
    assert framework.goal_for_phrase("child abuse definitions") is None
    assert framework.goal_for_phrase("non-familial trafficking cases") is None
    ct = catalog.card(by_code("CT"), 2021)
    assert ct.issue(6).accomplished == (
        "training for law enforcement",
        "training for prosecutors",
        "training for school personnel",
    )


def test_connecticut_cites_its_public_page_name_date_and_the_digest_of_its_text(catalog, seed_text):
    [citation] = catalog.card(by_code("CT"), 2021).citations
    assert citation.url == "https://reportcards.sharedhope.org/connecticut"
    assert "Shared Hope International, Connecticut 2021 report card, released 2021-11-17" in citation.note
    assert hashlib.sha256(seed_text.encode("utf-8")).hexdigest() in citation.note


REPOSITORY_PATHS = re.compile(r"data/sources/|sources/text/|\btext/20\d\d/|editions\.md|figures\.tsv|policy-goals-2021")


def test_no_bundled_file_cites_a_path_in_this_repository():
    files = [*(ROOT / "data" / "cards").glob("*/*.toml"), *(ROOT / "data" / "frameworks").glob("*.toml")]
    files.append(ROOT / "data" / "no-edition.toml")
    assert len(files) > 280
    for path in files:
        found = REPOSITORY_PATHS.search(path.read_text("utf-8"))
        assert found is None, (path, found)


def test_connecticut_card_matches_the_seed_text(catalog, seed_text):
    card = catalog.card(by_code("CT"), 2021)
    framework = catalog.framework(2021)
    lines = [ln for ln in seed_text.splitlines() if re.match(r"\s*\d\. ", ln)]
    assert len(lines) == 6
    for line in lines:
        number, rest = line.strip().split(". ", 1)
        name, grade, scores, highlights = rest.split("\t")
        score, maximum = scores.split()
        result, area = card.issue(int(number)), framework.issue(int(number))
        assert (area.name, result.grade, result.score, area.max_score) == (name, grade, float(score), float(maximum))
        words = set(re.findall(r"[\w'-]+", highlights.lower()))
        for phrase in result.accomplished + result.gaps:
            assert set(re.findall(r"[\w'-]+", phrase.lower())) <= words, phrase
        assert ("Gaps remain in all areas" in highlights) == result.gaps_in_all_areas
        assert bool(result.accomplished) == ("accomplished" in highlights)
        assert result.goal_lists == "complete"
    assert (card.grade, card.score, card.tier) == ("F", 43.5, "II")
    assert "TIER II**F 43.5**" in seed_text and "F**TIER II**" in seed_text
    assert [(e.category, e.points) for e in card.extra_credit] == [("Youth", 1), ("Child Labor Trafficking", 2)]
    for extra in card.extra_credit:
        assert extra.description in seed_text
    for url in card.links.values():
        assert url.removeprefix("https://") in seed_text
    assert card.is_complete(framework)


def test_bring_in_copies_new_material_without_touching_the_arrival_folder(tmp_path):
    arrived = tmp_path / "arrived"
    (arrived / "text" / "2021").mkdir(parents=True)
    (arrived / "figures.tsv").write_text("new", "utf-8")
    (arrived / "text" / "2021" / "x.txt").write_text("card", "utf-8")
    (arrived / "figures.tsv").chmod(0o444)
    target = tmp_path / "sources"
    assert _build_module().bring_in(arrived, target) == 2
    assert (target / "figures.tsv").read_text("utf-8") == "new" and (target / "text" / "2021" / "x.txt").is_file()
    assert _build_module().bring_in(arrived, target) == 2  # again, over read-only copies' contents
