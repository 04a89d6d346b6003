"""A whole export's records, one edition at a time: an unchanged card's finished record comes
from the parse cache (no parsing, validating or building again), any other is built and kept."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from gapcli import __version__
from gapcli.catalog.checks import SLUGS
from gapcli.catalog.folders import Root
from gapcli.errors import NotFound
from gapcli.model import Card, Framework

if TYPE_CHECKING:
    from gapcli.catalog.catalog import Catalog


def iter_records(
    catalog: Catalog, year: int | None, build: Callable[[Card, Framework], str], version: str
) -> Iterator[str]:
    """``build(card, framework)`` for every card (of one edition, or all), one edition at a time.

    An unchanged card file's output is taken from the cache when it was built with the same
    framework file and ``version`` of the builder: no parsing, validating or building again.
    """
    for each in [year] if year is not None else catalog.years():
        if catalog._frameworks.get(each, True) is None:
            continue  # an edition whose framework is unusable has no cards
        catalog.cache.release_folder_rows()  # one edition's rows in memory at a time
        candidates: dict[str, list[tuple[Root, str]]] = {}  # paths as text: 100,000 Path objects cost 1 s
        for root in catalog.roots:
            folder = root.path / "cards" / str(each)
            prefix = f"{folder}{os.sep}"
            paths = [prefix + name for name in catalog.folders.toml_names(root, folder)]
            catalog.cache.read_folder(folder, set(paths))
            for path in paths:
                candidates.setdefault(path[len(prefix) : -5], []).insert(0, (root, path))  # the user's first
        for slug in sorted(candidates, key=lambda name: SLUGS[name].name if name in SLUGS else name):
            text = next(
                (t for root, path in candidates[slug] if (t := _record(catalog, root, path, each, build, version))),
                None,
            )
            if text is not None:
                yield text


def _record(
    catalog: Catalog, root: Root, path: str, year: int, build: Callable[[Card, Framework], str], version: str
) -> str | None:
    try:
        found = os.stat(path)
        stamp = (found.st_mtime_ns, found.st_size, found.st_ino, found.st_ctime_ns)
        text = catalog.cache.record(path, stamp, _framework_id(catalog, year), version)
    except OSError:
        text = None
    if text is None:
        try:
            framework = catalog.framework(year)
        except NotFound:
            return None
        card = catalog._load_card(root, Path(path), year, keep=False)
        if card is None:
            return None
        text = build(card, framework)
        catalog.cache.keep_record(Path(path), catalog._framework_files.get(year), version, text)
    return text


def _framework_id(catalog: Catalog, year: int) -> str | None:
    """The framework file an edition's cards are checked against, its stamp and gapcli's version,
    as ``Catalog._load_framework`` records it, but without parsing it where it was not parsed yet:
    the file it would try first. A record made against that very file is served; a card read in
    any other case parses the framework, and so learns which file it really is."""
    if year in catalog._framework_files:
        return catalog._framework_files[year]
    if year not in catalog._framework_ids:
        catalog._framework_ids[year] = None
        for root in reversed(catalog.roots):  # the user's first
            path = root.path / "frameworks" / f"{year}.toml"
            try:
                found = os.stat(path)
            except OSError:
                continue
            if not catalog.folders.leads_outside(root, path):
                stamp = f"{found.st_mtime_ns}|{found.st_size}|{found.st_ino}|{found.st_ctime_ns}"
                catalog._framework_ids[year] = f"{path}|{stamp}|{__version__}"
                break
    return catalog._framework_ids[year]
