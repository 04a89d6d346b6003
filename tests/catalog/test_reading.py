"""Read only what answers: questions about one or two states read their cards newest first and
stop, and `states` takes every other card's grade from the parse cache's plain columns."""

import os
import shutil
from dataclasses import replace

import pytest

from gapcli import api
from gapcli.catalog import summaries
from gapcli.catalog.cache import ParseCache
from gapcli.catalog.catalog import Catalog, bundled_data_dir
from gapcli.importer.tomlwrite import card_to_toml
from gapcli.states import JURISDICTIONS, by_code

YEARS = (2026, 2027, 2028)


@pytest.fixture
def editions(user_dir):
    """Three more editions of the 2021 framework, a card for every state in each (Connecticut's figures)."""
    bundled = Catalog.open(user=False, cache_dir=False)
    seed = bundled.card(by_code("CT"), 2021)
    template = (bundled_data_dir() / "frameworks" / "2021.toml").read_text("utf-8")
    for year in YEARS:
        framework = user_dir / "frameworks" / f"{year}.toml"
        framework.parent.mkdir(parents=True, exist_ok=True)
        framework.write_text(template.replace("year = 2021", f"year = {year}"), "utf-8")
        for place in JURISDICTIONS:
            card = replace(seed, state=place.name, code=place.code, year=year, links={})
            path = user_dir / "cards" / str(year) / f"{place.slug}.toml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(card_to_toml(card), "utf-8")
    return user_dir


@pytest.fixture
def reads(monkeypatch):
    """The card files each run parses or takes from the cache, in order."""
    found: list[str] = []
    real = ParseCache.read

    def read(self, path, fresh=False):
        if "/cards/" in str(path):
            found.append(f"{path.parent.name}/{path.stem}")
        return real(self, path, fresh)

    monkeypatch.setattr(ParseCache, "read", read)
    return found


@pytest.fixture(autouse=True)
def settled(monkeypatch):
    """The cards are taken as written long ago: a file changed within RACY_NS is checked by digest instead."""
    from gapcli.catalog import cacherows

    monkeypatch.setattr(cacherows, "RACY_NS", 0)


def catalog(user_dir, tmp_path):
    return Catalog.open(user=user_dir, cache_dir=tmp_path / "cache")


def test_diff_of_two_states_reads_their_two_cards(editions, tmp_path, reads):
    record = api.diff("ct", "fl", catalog=catalog(editions, tmp_path))
    assert (record["a"]["year"], record["b"]["year"]) == (2028, 2028)
    assert sorted(reads) == ["2028/connecticut", "2028/florida"]


def test_diff_falls_back_to_the_latest_edition_both_have(editions, tmp_path, reads):
    for year in (2027, 2028):
        (editions / "cards" / str(year) / "florida.toml").unlink()
    record = api.diff("ct", "fl", catalog=catalog(editions, tmp_path))
    assert (record["a"]["year"], record["b"]["year"]) == (2026, 2026)
    assert "2021/connecticut" not in reads and "2023/florida" not in reads  # nothing older than the answer


def test_gaps_of_a_state_reads_its_newest_card_that_names_goals(editions, tmp_path, reads):
    gaps = api.state_gaps("ct", catalog=catalog(editions, tmp_path))
    assert gaps and reads == ["2028/connecticut"]


def test_plan_reads_the_card_it_plans_for(editions, tmp_path, reads):
    api.plan("ct", catalog=catalog(editions, tmp_path))
    assert reads == ["2028/connecticut"]


def test_states_takes_grades_from_the_cache_once_every_card_was_checked(editions, tmp_path, reads):
    first = api.states(catalog=cards) if (cards := catalog(editions, tmp_path)) else None
    cards.save_cache()
    assert len(reads) > 3 * 51  # the first run reads every card once
    reads.clear()
    again = api.states(catalog=(cards := catalog(editions, tmp_path)))
    cards.save_cache()
    assert again == first and again.editions == first.editions and reads == []  # remembered: no card read
    florida = editions / "cards" / "2026" / "florida.toml"
    florida.write_text(florida.read_text("utf-8"), "utf-8")  # rewritten as it was: only its stamp changes
    again = api.states(catalog=(cards := catalog(editions, tmp_path)))
    assert again == first
    shown = [f"2028/{place.slug}" for place in JURISDICTIONS]
    assert sorted(reads) == sorted([*shown, "2026/florida"])  # each state's shown card, and the one changed
    assert first[0]["grades"]["2027"] == first[0]["grades"]["2028"] == first[0]["grade"]


def test_states_sees_an_edited_card_and_a_changed_framework(editions, tmp_path, reads):
    cards = catalog(editions, tmp_path)
    api.states(catalog=cards)
    cards.save_cache()
    florida = editions / "cards" / "2026" / "florida.toml"
    text = florida.read_text("utf-8")
    grade = api.card("ct@2026", catalog=catalog(editions, tmp_path))["grade"]
    florida.write_text(text.replace(f'grade = "{grade}"', 'grade = "F"', 1), "utf-8")
    cards = catalog(editions, tmp_path)
    rows = {row["code"]: row for row in api.states(catalog=cards)}
    cards.save_cache()
    assert cards.warnings or rows["FL"]["grades"]["2026"] == "F"  # read again: graded F, or refused and named
    framework = editions / "frameworks" / "2027.toml"
    framework.write_text(framework.read_text("utf-8").replace("Criminal Provisions", "Criminal Law"), "utf-8")
    reads.clear()
    cards = catalog(editions, tmp_path)
    api.states(catalog=cards)
    assert sorted(r for r in reads if r.startswith("2027/")) == sorted(f"2027/{p.slug}" for p in JURISDICTIONS)
    assert not any(r.startswith("2026/") for r in reads)  # that edition's framework did not change


def test_an_import_gathers_known_phrases_from_the_cache_until_a_card_changes(editions, tmp_path, reads):
    from gapcli.importer.batch import known_from

    cards = catalog(editions, tmp_path)
    first = known_from(cards)(cards.framework(2021))
    cards.save_cache()
    assert len(reads) > 3 * 51  # every card of the editions of the 2021 framework, once
    reads.clear()
    cards = catalog(editions, tmp_path)
    again = known_from(cards)(cards.framework(2021))
    assert reads == [] and all(again.of(issue) == first.of(issue) for issue in range(1, 7))
    texas = editions / "cards" / "2027" / "texas.toml"
    texas.write_text(texas.read_text("utf-8").replace("decoy defenses", "decoy defences"), "utf-8")
    cards = catalog(editions, tmp_path)
    changed = known_from(cards)(cards.framework(2021))
    assert reads and "decoy defences" in changed.of(1) and "decoy defences" not in first.of(1)


def history(editions, tmp_path):
    cards = catalog(editions, tmp_path)
    rows = api.history("ct", catalog=cards)
    cards.save_cache()
    return {row["year"]: row for row in rows}, cards.warnings


def test_history_is_remembered_until_one_of_the_files_it_reads_changes(editions, tmp_path, reads):
    first, _ = history(editions, tmp_path)
    assert {f"{year}/connecticut" for year in YEARS} <= set(reads)  # the first run reads the state's cards
    reads.clear()
    again, _ = history(editions, tmp_path)
    assert again == first and reads == []  # no card read: the rows are remembered
    florida = editions / "cards" / "2027" / "florida.toml"
    florida.write_text(florida.read_text("utf-8") + "\n", "utf-8")  # another state's card: not read by history
    assert history(editions, tmp_path)[0] == first and reads == []
    connecticut = editions / "cards" / "2027" / "connecticut.toml"
    connecticut.write_text(
        connecticut.read_text("utf-8").replace("\ntier = ", "\npublished_rank = 7\ntier = ", 1), "utf-8"
    )
    edited, warnings = history(editions, tmp_path)
    assert not warnings and edited[2027]["published_rank"] == 7 != first[2027]["published_rank"]
    framework = editions / "frameworks" / "2029.toml"
    framework.write_text((editions / "frameworks" / "2028.toml").read_text("utf-8").replace("2028", "2029"), "utf-8")
    added, _ = history(editions, tmp_path)
    assert added[2029]["has_card"] is False and 2029 not in edited  # a new edition without its card


def test_history_with_a_warning_is_worked_out_again_and_warns_again(editions, tmp_path, reads):
    broken = editions / "cards" / "2027" / "connecticut.toml"
    broken.write_text(broken.read_text("utf-8").replace("year = 2027", "year = 2026"), "utf-8")
    for _ in range(2):
        rows, warnings = history(editions, tmp_path)
        assert rows[2027]["has_card"] is False and any("connecticut.toml" in w for w in warnings)


def test_history_rows_edited_in_the_cache_are_not_served(editions, tmp_path):
    import sqlite3

    from gapcli.catalog.cache import FILE_NAME

    first, _ = history(editions, tmp_path)
    with sqlite3.connect(tmp_path / "cache" / FILE_NAME) as db:
        assert db.execute("UPDATE derived SET data = '[{\"year\": 1}]' WHERE key LIKE 'history|%'").rowcount == 1
    assert history(editions, tmp_path)[0] == first


def test_states_with_a_warning_is_worked_out_again_and_warns_again(editions, tmp_path):
    broken = editions / "cards" / "2027" / "texas.toml"
    broken.write_text(broken.read_text("utf-8").replace("year = 2027", "year = 2026"), "utf-8")
    for _ in range(2):
        cards = catalog(editions, tmp_path)
        rows = {row["code"]: row for row in api.states(catalog=cards)}
        cards.save_cache()
        assert rows["TX"]["grades"]["2027"] is None and any("texas.toml" in w for w in cards.warnings)


def test_states_of_one_edition_is_remembered_apart_from_every_state_s_default(editions, tmp_path, reads):
    cards = catalog(editions, tmp_path)
    every, one = api.states(catalog=cards), api.states(2026, catalog=cards)
    cards.save_cache()
    reads.clear()
    cards = catalog(editions, tmp_path)
    assert api.states(2026, catalog=cards) == one and api.states(catalog=cards) == every and reads == []
    assert {row["year"] for row in one} == {2026} and {row["year"] for row in every} == {2028}


def test_states_reads_no_bundled_file_while_the_user_has_none(tmp_path, monkeypatch):
    """Nothing is remembered for the bundled data alone, so `states` lists no bundled folder for
    a fingerprint; once the user has a file, every root's files are in it, a bundled edit too."""
    bundled = tmp_path / "bundled"
    shutil.copytree(bundled_data_dir(), bundled)
    user = tmp_path / "user"
    (user / "cards").mkdir(parents=True)
    cards = Catalog.open(bundled=bundled, user=user, cache_dir=tmp_path / "cache")
    listed: list[str] = []

    class Listing:  # summaries' own `os`: the folders it lists for a fingerprint are recorded
        def __getattr__(self, name):
            return getattr(os, name)

        def scandir(self, path):
            listed.append(str(path))
            return os.scandir(path)

    monkeypatch.setattr(summaries, "os", Listing())
    assert api.states(catalog=cards) and sorted(listed) == [str(user / "cards"), str(user / "frameworks")]
    assert summaries._fingerprint(cards, users_only=True) == ("", True, False)
    monkeypatch.setattr(summaries, "os", os)  # undo() would undo the fixtures' patches too

    card = user / "cards" / "2021" / "connecticut.toml"
    card.parent.mkdir()
    shutil.copy(bundled / "cards" / "2021" / "connecticut.toml", card)
    first = summaries._fingerprint(cards, users_only=True)
    assert first[2] and first[0] == summaries._fingerprint(cards)[0] != ""
    edited = bundled / "cards" / "2021" / "texas.toml"
    edited.write_text(edited.read_text("utf-8") + "\n", "utf-8")
    assert summaries._fingerprint(cards, users_only=True)[0] != first[0]
