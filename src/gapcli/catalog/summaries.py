"""Answers across many card files that the parse cache can give without parsing them: every
state's grade in every edition, the goal phrases the cards of a framework print, and answers
about one state across every edition (``history``) or about every state (``states``),
remembered while none of the files they could come from change."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from gapcli import __version__
from gapcli.catalog import cacherows
from gapcli.catalog.cache import path_stamp
from gapcli.catalog.cacherows import racy
from gapcli.catalog.checks import SLUGS
from gapcli.model import Framework
from gapcli.states import JURISDICTIONS, Jurisdiction

if TYPE_CHECKING:
    from gapcli.catalog.catalog import Catalog

T = TypeVar("T")
Fingerprint = tuple[str, bool, bool]  # the digest, whether no file is racy, whether any user file is there


def grades(catalog: Catalog) -> dict[str, dict[str, str | None]]:
    """Every state's grade in every usable edition (None: no card, or no grade on it).

    A card checked before against the same framework file, and unchanged since, answers
    from the cache's plain columns (``ParseCache.summaries``): nothing is parsed; any other
    card file is read and checked as usual, with its warnings."""
    found: dict[str, dict[str, str | None]] = {}
    editions = [str(year) for year in catalog.frameworks()]
    for each in JURISDICTIONS:
        found[each.code] = dict.fromkeys(editions)
    for edition in editions:
        year = int(edition)
        if year in catalog._by_year:
            for read in catalog._by_year[year]:
                found[read.code][edition] = read.grade
            continue
        checked = catalog._framework_files.get(year)
        for root in catalog.roots:
            folder = root.path / "cards" / edition
            paths = catalog.folders.toml_files(root, folder)
            known = catalog.cache.summaries(folder) if paths else {}
            for path in paths:
                row = known.get(str(path))
                place = SLUGS.get(path.stem)
                summary = catalog._snapshot.summary(path) if root.origin == "bundled" and place is not None else None
                if summary is not None and place is not None and summary[0] == place.code:
                    found[place.code][edition] = summary[1]  # bundled cards are checked by the tests
                    continue
                if row is not None and place is not None and row[1] == checked and checked is not None:
                    try:
                        if row[0] == path_stamp(path):
                            found[place.code][edition] = row[2]
                            continue
                    except OSError:
                        pass
                card = catalog._load_card(root, path, year, keep=False)
                if card is not None:
                    found[card.code][edition] = card.grade
    return found


def printed_phrases(catalog: Catalog, framework: Framework) -> dict[int, list[str]]:
    """Every goal phrase the cards of the editions of ``framework`` print, per issue area, in
    reading order (editions oldest first, cards by state), each once.

    Import reads this for every framework a batch touches; with thousands of user cards it is
    taken from the cache while no card or framework file has changed since it was worked out
    (one ``stat`` per file, no card read)."""
    key = f"printed phrases|{framework.id or framework.year}|{framework.year}|{__version__}"
    fingerprint = _fingerprint(catalog)[0]
    stored = catalog.cache.derived(key, fingerprint)
    if isinstance(stored, dict) and all(isinstance(v, list) for v in stored.values()):
        return {int(issue): phrases for issue, phrases in stored.items()}
    found: dict[int, dict[str, None]] = {}
    same = [y for y, f in catalog.frameworks().items() if f.id == framework.id or y == framework.year]
    for card in (c for y in same for c in catalog.cards_for_year(y)):
        for result in card.issues:
            found.setdefault(result.number, {}).update(
                dict.fromkeys([*(result.accomplished or ()), *(result.gaps or ())])
            )
    printed = {issue: list(phrases) for issue, phrases in found.items()}
    catalog.cache.keep_derived(key, fingerprint, printed)
    return printed


def _fingerprint(catalog: Catalog, users_only: bool = False) -> Fingerprint:
    """A digest of the name and stamp of every framework and card file of every root, whether
    none is racy, and whether the user has any. One ``stat`` per file, the rest per folder: at 100,000 cards the stats are the cost.

    The user's roots are read first; with ``users_only`` and no user file, the bundled files are not
    read at all and the digest is empty (``for_all`` remembers nothing then: `states` stat'd every
    bundled file for an answer it never kept)."""
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    recent = time.time_ns() - cacherows.RACY_NS  # a file changed after this is racy
    settled, users = True, False
    for root in sorted(catalog.roots, key=lambda r: r.origin != "user"):
        if users_only and not users and root.origin != "user":
            return "", settled, False
        folders = [str(root.path / "frameworks")]  # paths as text: 100,000 Path objects cost more than the stats
        with contextlib.suppress(OSError):
            folders += sorted(e.path for e in os.scandir(root.path / "cards") if e.is_dir())
        for folder in folders:
            stamps = []
            with contextlib.suppress(OSError):
                for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                    with contextlib.suppress(OSError):
                        found = entry.stat()
                        stamp = (found.st_mtime_ns, found.st_size, found.st_ino, found.st_ctime_ns)
                        stamps.append((entry.name, stamp, entry.is_symlink()))
                        settled = settled and found.st_mtime_ns < recent and found.st_ctime_ns < recent
            digest.update(f"{folder}|{stamps}\n".encode())
            users = users or (root.origin == "user" and bool(stamps))
    return digest.hexdigest(), settled, users


def for_state(
    catalog: Catalog, place: Jurisdiction, key: str, answer: Callable[[], T], valid: Callable[[object], bool]
) -> T:
    """``answer()`` (JSON data), or what it gave before while the files it could have read are as
    they were: every framework file, the state's card file of every edition in every root, and
    the years without an edition. Those are one ``stat`` each, where reading them is a parse and
    a check each (1,961 editions: ~30 times ``show``). ``key`` names the answer and the version of
    the code that makes it; ``valid`` says whether remembered data has the answer's shape."""
    return _remembered(catalog, f"{key}|{place.code}", _state_fingerprint(catalog, place), answer, valid)


def for_all(catalog: Catalog, key: str, answer: Callable[[], T], valid: Callable[[object], bool]) -> T:
    """``for_state`` for an answer that could read any card (``states``): remembered while no
    framework or card file of any root changed, one ``stat`` each (``_fingerprint``)."""
    return _remembered(catalog, key, _fingerprint(catalog, users_only=True), answer, valid)


def _remembered(
    catalog: Catalog, key: str, fingerprint: Fingerprint, answer: Callable[[], T], valid: Callable[[object], bool]
) -> T:
    """What ``answer()`` gave under this fingerprint before, if it has its shape; else ``answer()``.
    An answer given with any warning about the user's data, or with a file changed too recently
    for its stamp to tell a later change (``cacherows.racy``), is not kept: the next run works it
    out again."""
    digest, settled, users = fingerprint
    if not users:  # the bundled data alone: answered from its snapshot, no cache opened for it
        return answer()
    key = f"{key}|{__version__}"
    stored = catalog.cache.derived(key, digest)
    if stored is not None and valid(stored):
        return stored  # type: ignore[no-any-return]  # JSON data of T's shape: ``valid`` said so
    found = answer()
    if settled and not catalog.warnings:
        catalog.cache.keep_derived(key, digest, found)
    return found


def _state_fingerprint(catalog: Catalog, place: Jurisdiction) -> Fingerprint:
    """A digest of the stamps of the files ``for_state`` depends on, whether none is racy, and
    whether any of them is the user's."""
    import hashlib

    digest = hashlib.blake2b(digest_size=16)
    settled, users = True, False
    years, slug = catalog.years(), place.slug
    for root in catalog.roots:  # paths as text: thousands of Path objects would cost more than the stats
        base = str(root.path)
        paths = [os.path.join(base, "frameworks")]  # its listing: an edition added or removed
        with contextlib.suppress(OSError):
            paths += sorted(e.path for e in os.scandir(paths[0]))
        paths += [os.path.join(base, "cards", str(year), f"{slug}.toml") for year in years]
        paths.append(os.path.join(base, "no-edition.toml"))
        for path in paths:
            try:
                found = os.stat(path)
            except OSError as error:
                digest.update(f"{path}|{error.errno}\n".encode())
                continue
            stamp = (found.st_mtime_ns, found.st_size, found.st_ino, found.st_ctime_ns)
            settled = settled and not racy(stamp)
            users = users or root.origin == "user"
            digest.update(f"{path}|{stamp}\n".encode())
    return digest.hexdigest(), settled, users
