"""What makes a card or framework file wrong: its checks, where it lies, and ``data validate``'s one-file check."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from gapcli.catalog.schema import card_from_dict, framework_from_dict, no_editions_from_dict
from gapcli.catalog.tomlfile import read_toml
from gapcli.catalog.validate import framework_problems, problems
from gapcli.errors import DataError
from gapcli.model import Card, Framework
from gapcli.states import JURISDICTIONS

if TYPE_CHECKING:
    from gapcli.catalog.catalog import Catalog

SLUGS = {j.slug: j for j in JURISDICTIONS}
NO_EDITION_FILE = "no-edition.toml"


def check_file(catalog: Catalog, path: Path) -> None:
    """Raise DataError for anything wrong with one card or framework file."""
    data = read_toml(path)
    if path.name == NO_EDITION_FILE:
        no_editions_from_dict(data, str(path))
        return
    if path.parent.name == "frameworks":
        found = framework_problems(framework_from_dict(data, str(path)))
        if found:
            raise DataError(str(path), "; ".join(found))
        return
    card = card_from_dict(data, str(path), "user")
    if card.year not in catalog.frameworks():
        known = ", ".join(map(str, catalog.years()))
        raise DataError(str(path), f"year: no framework for {card.year} (editions: {known})")
    folder_year = int(path.parent.name) if path.parent.name.isdigit() else card.year
    found = placement(card, path, folder_year) or problems(card, catalog.framework(card.year))
    if found:
        raise DataError(str(path), "; ".join(found))


def checked_framework(data: dict[str, Any], name: str) -> Framework:
    """A framework built from its parsed file, or DataError for what is wrong with it."""
    framework = framework_from_dict(data, name)
    found = framework_problems(framework)
    if found:
        raise DataError(name, "; ".join(found))
    return framework


def placement(card: Card, path: Path, year: int) -> list[str]:
    """A card lives at cards/YEAR/STATE-SLUG.toml; anything else would hide duplicates."""
    place = SLUGS.get(path.stem)
    if place is None:
        return [f"file name {path.name!r} is not a state (expected e.g. new-york.toml)"]
    if (card.state, card.code) != (place.name, place.code):
        return [f"card is for {card.state} ({card.code}) but the file is named {path.name}"]
    if card.year != year:
        return [f"card is for {card.year} but lies in cards/{year}/"]
    return []
