"""The bundled data is the source material, figure for figure."""

import importlib.util
import re
from collections import Counter

from conftest import ROOT, SHARED_CARDS

from gapcli.states import by_code


def _build_module():
    spec = importlib.util.spec_from_file_location("build_cards", ROOT / "scripts" / "build_cards.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bundled_cards_are_exactly_what_the_sources_give():
    expected = _build_module().build(SHARED_CARDS)
    bundled = {str(p.relative_to(ROOT / "data" / "cards")): p.read_text("utf-8") for p in (ROOT / "data" / "cards").glob("*/*.toml")}
    assert sorted(bundled) == sorted(expected)
    for name, text in expected.items():
        assert bundled[name] == text, f"data/cards/{name} differs from scripts/build_cards.py output"


def test_every_bundled_card_loads_and_validates(catalog):
    cards = catalog.all_cards()  # a bundled card that fails validation raises here
    assert len(cards) == 112
    assert catalog.warnings == []


def test_2021_has_every_jurisdiction_with_the_published_grade_counts(catalog):
    cards = catalog.cards_for_year(2021)
    assert len(cards) == 51
    assert Counter(c.grade for c in cards) == {"C": 1, "D": 10, "F": 40}
    derived = [c for c in cards if "grade" in c.derived]
    assert len(derived) == 37  # 40 F less Kansas, Missouri (press reports) and Connecticut (its card)
    assert all(c.grade == "F" and c.score is None for c in derived)
    assert all(any("derived" in citation.note for citation in c.citations) for c in derived)


def test_every_figure_in_figures_tsv_is_on_its_card(catalog):
    import csv

    rows = list(csv.DictReader((SHARED_CARDS / "figures.tsv").open(encoding="utf-8"), delimiter="\t"))
    checked = 0
    for row in rows:
        if row["field"] == "card":
            continue
        from gapcli.states import resolve

        card = catalog.card(resolve(row["state"]), int(row["year"]))
        field, value = row["field"], row["value"]
        if field.startswith("issue"):
            number, what = field[5:].split("_")
            actual = getattr(card.issue(int(number)), what)
        else:
            actual = getattr(card, {"rank": "published_rank"}.get(field, field))
        assert str(actual if not isinstance(actual, float) else f"{actual:g}") == value, (row, actual)
        checked += 1
    assert checked == len(rows) - 1


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
    assert (card.grade, card.score, card.tier) == ("F", 43.5, "II")
    assert "TIER II**F 43.5**" in seed_text and "F**TIER II**" in seed_text
    assert [(e.category, e.points) for e in card.extra_credit] == [("Youth", 1), ("Child Labor Trafficking", 2)]
    for extra in card.extra_credit:
        assert extra.description in seed_text
    for url in card.links.values():
        assert url.removeprefix("https://") in seed_text
    assert card.is_complete(framework)
