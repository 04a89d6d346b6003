"""Bundled + user data: precedence, broken user files, the parse cache."""

import os
import time

import pytest

from gapcli.catalog.catalog import Catalog
from gapcli.catalog.folders import bundled_data_dir
from gapcli.errors import NotFound
from gapcli.importer.tomlwrite import card_to_toml
from gapcli.model import Card
from gapcli.states import by_code

CT = by_code("CT")


def write_card(user_dir, card: Card, name: str | None = None):
    path = user_dir / "cards" / str(card.year) / (name or f"{by_code(card.code).slug}.toml")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(card_to_toml(card), "utf-8")
    return path


def open_catalog(user_dir, cache_dir=False):
    return Catalog.open(user=user_dir, cache_dir=cache_dir)


def test_default_card_is_the_latest_complete_one(catalog):
    assert catalog.card(CT).year == 2021  # CT 2023 has a grade only
    assert catalog.card(by_code("FL")).year == 2023  # no complete card: the latest
    assert catalog.default_year() == 2021


def test_unknown_year_and_missing_card(catalog):
    editions = "2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2021, 2022, 2023, 2025"
    with pytest.raises(NotFound, match=f"no edition 2010; editions: {editions}$"):
        catalog.card(CT, 2010)
    with pytest.raises(NotFound, match=rf"no edition 2024 \(no edition found\); editions: {editions}$"):
        catalog.card(CT, 2024)
    with pytest.raises(NotFound, match="no 2022 card for Connecticut; editions with a card: 2015, 2021, 2023, 2025"):
        catalog.card(CT, 2022)


def test_user_card_replaces_the_bundled_one(user_dir):
    write_card(user_dir, Card("Florida", "FL", 2021, grade="C", score=72.5, tier="I"))
    catalog = open_catalog(user_dir)
    card = catalog.card(by_code("FL"), 2021)
    assert (card.tier, card.origin) == ("I", "user")
    assert sum(c.code == "FL" for c in catalog.cards_for_year(2021)) == 1


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("connecticut.toml", 'state = "Connecticut"\nyear = \n', "connecticut.toml:2: malformed TOML"),
        ("connecticut.toml", "", "file is empty"),
        (
            "connecticut.toml",
            'state = "Connecticut"\ncode = "CT"\nyear = 2021\ncolour = "red"\n',
            "unknown field 'colour'",
        ),
        (
            "connecticut.toml",
            'state = "Connecticut"\ncode = "CT"\nyear = 2021\n[[issues]]\nnumber = 1\nscore = 99\n',
            "above the maximum",
        ),
        ("ct.toml", 'state = "Connecticut"\ncode = "CT"\nyear = 2021\n', "file name 'ct.toml' is not a state"),
        (
            "texas.toml",
            'state = "Connecticut"\ncode = "CT"\nyear = 2021\n',
            "card is for Connecticut (CT) but the file is named texas.toml",
        ),
        (
            "connecticut.toml",
            'state = "Connecticut"\ncode = "CT"\nyear = 2023\n',
            "card is for 2023 but lies in cards/2021/",
        ),
    ],
)
def test_broken_user_files_warn_and_bundled_data_keeps_working(user_dir, name, content, message):
    path = user_dir / "cards" / "2021" / name
    path.parent.mkdir(parents=True)
    path.write_text(content, "utf-8")
    catalog = open_catalog(user_dir)
    assert catalog.card(CT, 2021).origin == "bundled"
    assert len(catalog.cards_for_year(2021)) == 51
    assert len(catalog.warnings) == 1 and message in catalog.warnings[0] and str(path) in catalog.warnings[0]


def test_a_directory_where_a_card_should_be(user_dir):
    (user_dir / "cards" / "2021" / "connecticut.toml").mkdir(parents=True)
    catalog = open_catalog(user_dir)
    assert catalog.card(CT, 2021).origin == "bundled"
    assert "is a directory" in catalog.warnings[0]


def test_a_broken_bundled_file_is_an_error_not_a_warning(tmp_path):
    import shutil

    from gapcli.errors import DataError

    copy = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), copy)
    (copy / "cards" / "2021" / "texas.toml").write_text("state = ", "utf-8")
    with pytest.raises(DataError, match=r"texas\.toml:1: malformed TOML"):
        Catalog.open(bundled=copy, user=False, cache_dir=False).cards_for_year(2021)


def _score_of(user_dir, cache_dir):
    catalog = open_catalog(user_dir, cache_dir)
    card = catalog.card(by_code("FL"), 2021)
    catalog.save_cache()
    return card.score


def test_parse_cache_is_invalidated_by_edit_new_file_and_deletion(user_dir, tmp_path):
    cache_dir = tmp_path / "cache"
    path = write_card(user_dir, Card("Florida", "FL", 2021, grade="C", score=71.5))
    assert _score_of(user_dir, cache_dir) == 71.5
    assert (cache_dir / "parsed.sqlite3").is_file(), "the first run writes the cache"
    assert _score_of(user_dir, cache_dir) == 71.5  # served from the cache

    path.write_text(path.read_text("utf-8").replace("71.5", "71"), "utf-8")  # an edit
    os.utime(path, ns=(time.time_ns(), time.time_ns() + 1_000_000))
    assert _score_of(user_dir, cache_dir) == 71

    path.unlink()  # a deletion: the bundled card (72.5) shows again
    assert _score_of(user_dir, cache_dir) == 72.5
    assert open_catalog(user_dir, cache_dir).card(by_code("FL"), 2021).origin == "bundled"

    write_card(user_dir, Card("Florida", "FL", 2021, grade="C", score=70))  # a new file
    assert _score_of(user_dir, cache_dir) == 70


def test_edit_with_same_size_and_restored_mtime_is_still_seen(user_dir, tmp_path):
    cache_dir = tmp_path / "cache"
    path = write_card(user_dir, Card("Florida", "FL", 2021, grade="C", score=71.5))
    assert _score_of(user_dir, cache_dir) == 71.5
    stat = path.stat()
    replacement = path.with_name("new.tmp")
    replacement.write_text(path.read_text("utf-8").replace("71.5", "70.5"), "utf-8")
    os.replace(replacement, path)  # a new inode, as editors and atomic writes make
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert _score_of(user_dir, cache_dir) == 70.5


def test_a_corrupt_cache_is_ignored(user_dir, tmp_path):
    cache_dir = tmp_path / "cache"
    write_card(user_dir, Card("Florida", "FL", 2021, grade="C", score=71.5))
    _score_of(user_dir, cache_dir)
    (cache_dir / "parsed.sqlite3").write_text("{not a database", "utf-8")
    assert _score_of(user_dir, cache_dir) == 71.5


def test_a_complete_older_framework_card_is_never_the_default(catalog, tmp_path):
    louisiana = by_code("LA")
    assert catalog.card(louisiana, 2014).is_complete(catalog.framework(2014))  # complete: A 96, all six sections
    assert catalog.card(louisiana).year == 2023  # the latest card from the default edition (2021) on
    assert all(catalog.card(place).year >= 2021 for place in (louisiana, by_code("KS"), by_code("NC"), CT))
    root = tmp_path / "data"  # a state with no card from 2021 on: its latest card, whatever the framework
    (root / "frameworks").mkdir(parents=True)
    for year in (2014, 2015, 2021):
        (root / "frameworks" / f"{year}.toml").write_bytes(
            (bundled_data_dir() / "frameworks" / f"{year}.toml").read_bytes()
        )
    for year in (2014, 2015):
        (root / "cards" / str(year)).mkdir(parents=True)
        source = bundled_data_dir() / "cards" / str(year) / "louisiana.toml"
        (root / "cards" / str(year) / "louisiana.toml").write_bytes(source.read_bytes())
    assert Catalog.open(bundled=root, user=False, cache_dir=False).card(louisiana).year == 2015


def test_years_without_an_edition_are_facts_not_editions(catalog):
    missing = catalog.no_editions()
    assert sorted(missing) == [2020, 2024] and not set(missing) & set(catalog.years())
    assert missing[2020].reason == "no grades: grading paused in 2020 due to the COVID-19 pandemic"
    assert missing[2024].reason == "no edition found" and all(m.citations for m in missing.values())
    assert catalog.default_year() == 2021
