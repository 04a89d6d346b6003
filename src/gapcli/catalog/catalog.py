"""The catalog: bundled and user cards, loaded only as far as a question needs.

Layout of a data root (bundled ``data/`` or the user data dir)::

    frameworks/YEAR.toml
    cards/YEAR/STATE-SLUG.toml
    no-edition.toml            (bundled only: years without an edition, and why)

A user card replaces the bundled card of the same state and year. What lies where,
and what a broken user file becomes (a warning), is ``folders``'.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from gapcli import __version__
from gapcli.catalog.cache import ParseCache, path_stamp
from gapcli.catalog.folders import Folders, Root, bundled_data_dir, user_cache_dir, user_data_dir
from gapcli.catalog.schema import card_from_dict, framework_from_dict, no_editions_from_dict
from gapcli.catalog.snapshot import Snapshot
from gapcli.catalog.tomlfile import read_toml
from gapcli.catalog.validate import framework_problems, problems
from gapcli.errors import DataError, NotFound
from gapcli.model import Card, Framework, NoEdition
from gapcli.query.select import default_year, latest_card, shared_year
from gapcli.states import JURISDICTIONS, Jurisdiction

_SLUGS = {j.slug: j for j in JURISDICTIONS}
_CODES = {j.code: j for j in JURISDICTIONS}
NO_EDITION_FILE = "no-edition.toml"
T = TypeVar("T")


class Catalog:
    def __init__(self, roots: list[Root], cache: ParseCache, on_warning: Callable[[str], None] | None = None):
        self.folders = Folders(roots, on_warning)
        self._snapshot = Snapshot(self.folders.bundled.path)  # bundled files, parsed when the wheel was built
        self.roots = roots
        self.cache = cache
        self.warnings = self.folders.warnings  # what the user's data got wrong, each once
        self._years: list[int] | None = None
        self._frameworks: dict[int, Framework | None] = {}  # parsed on first use; None: unusable
        self._framework_ids: dict[int, str | None] = {}  # the same, where the framework was not parsed
        self._framework_files: dict[int, str] = {}  # the file each framework came from, its stamp, gapcli's version
        self._by_year: dict[int, list[Card]] = {}
        self._files: dict[Path, Card | None] = {}  # each file is read once
        self._no_editions: dict[int, NoEdition] | None = None

    @classmethod
    def open(
        cls,
        bundled: Path | None = None,
        user: Path | bool = True,
        cache_dir: Path | bool = True,
        on_warning: Callable[[str], None] | None = None,
    ) -> Catalog:
        """The bundled data plus the user's; ``False`` turns user data or the parse cache off.

        ``on_warning`` is told each problem of the user's data as it is met (all are kept in ``warnings``).
        """
        bundled = bundled or bundled_data_dir()
        user_root = user_data_dir() if user is True else user or None
        cache_root = user_cache_dir() if cache_dir is True else cache_dir or None
        roots = [Root(bundled, "bundled")]
        if user_root is not None and user_root.resolve() != bundled.resolve():
            roots.append(Root(user_root, "user"))
        catalog = cls(roots, ParseCache(cache_root), on_warning)
        if user_root is not None and os.path.lexists(user_root / ".import"):  # an import was killed part-way
            catalog._finish_import(user_root)
        return catalog

    def _finish_import(self, root: Path) -> None:
        """Roll a killed import forward or back before anything is read (files/journal.py)."""
        from gapcli.files.journal import recover

        try:
            recover(root)
        except DataError as error:
            self.folders.warn(f"{error} (the user cards are read as they are)")

    # -- frameworks -------------------------------------------------------------

    def years(self) -> list[int]:
        """Every edition with a framework file, from the file names alone: nothing is parsed."""
        if self._years is None:
            found: set[int] = set()
            for root in self.roots:
                folder = root.path / "frameworks"
                for name in self.folders.toml_names(root, folder):  # names only: thousands of editions stay cheap
                    stem = name.removesuffix(".toml")
                    if stem.isdigit() and len(stem) == 4:
                        found.add(int(stem))
                    else:
                        self.folders.fail(
                            root, DataError(str(folder / name), "a framework file is named YEAR.toml, like 2021.toml")
                        )
            self._years = sorted(found)
        return self._years

    def framework(self, year: int) -> Framework:
        """One edition's framework, parsed when first asked for; a user's file replaces the bundled one."""
        if year not in self._frameworks:
            self._frameworks[year] = self._load_framework(year) if year in self.years() else None
        found = self._frameworks[year]
        if found is None:
            known = ", ".join(str(y) for y in self.years() if self._frameworks.get(y, True) is not None)
            missing = self.no_editions().get(year) if year not in self.years() else None
            why = f" ({missing.reason})" if missing else ""
            raise NotFound(f"no edition {year}{why}; editions: {known}")
        return found

    def no_editions(self) -> dict[int, NoEdition]:
        """Years between editions in which Shared Hope published none, with why (bundled facts, read on demand)."""
        if self._no_editions is None:
            bundled = self.folders.bundled
            path = bundled.path / NO_EDITION_FILE
            found = (
                self._read(bundled, path, partial(no_editions_from_dict, path=str(path))) if path.is_file() else None
            )
            self._no_editions = {y: e for y, e in (found or {}).items() if y not in self.years()}
        return self._no_editions

    def _load_framework(self, year: int) -> Framework | None:
        for root in reversed(self.roots):  # the user's first
            path = root.path / "frameworks" / f"{year}.toml"
            if not (path.exists() or path.is_symlink()) or self.folders.leads_outside(root, path):
                continue
            framework = self._read(root, path, partial(_framework, name=str(path)))
            if framework is not None and framework.year != year:
                self.folders.fail(
                    root, DataError(str(path), f"year {framework.year} but the file is named {path.name}")
                )
                framework = None
            if framework is not None:
                with contextlib.suppress(OSError):
                    self._framework_files[year] = f"{path}|{'|'.join(map(str, path_stamp(path)))}|{__version__}"
                return framework
        return None

    def frameworks(self) -> dict[int, Framework]:
        """Every usable framework (this parses them all: for checks and whole exports, not for answers)."""
        found = {}
        for year in self.years():
            try:
                found[year] = self.framework(year)
            except NotFound:
                continue
        return found

    # -- cards ------------------------------------------------------------------

    def cards_for_year(self, year: int) -> list[Card]:
        """Every card of one edition, user cards replacing bundled ones."""
        if year not in self._by_year:
            self._by_year[year] = sorted(self._year_cards(year), key=lambda c: c.state)
        return self._by_year[year]

    def _year_cards(self, year: int) -> list[Card]:
        self.framework(year)
        cards: dict[str, Card] = {}
        for root in self.roots:
            folder = root.path / "cards" / str(year)
            paths = self.folders.toml_files(root, folder)
            self.cache.read_folder(folder, {str(p) for p in paths})
            for path in paths:
                card = self._load_card(root, path, year)
                if card is not None:
                    cards[card.code] = card
        return list(cards.values())

    def cards_for_state(self, place: Jurisdiction, after: int | None = None) -> list[Card]:
        """The state's card in every edition that has one (or every later one), oldest first."""
        found = (self._state_card(place, year) for year in self.years() if after is None or year > after)
        return [card for card in found if card is not None]

    def newest_first(self, place: Jurisdiction) -> Iterator[Card]:
        """The state's cards, newest edition first, each read only when asked for: a question that
        stops at the first card that answers it reads no older one."""
        for year in reversed(self.years()):
            card = self._state_card(place, year)
            if card is not None:
                yield card

    def printed_phrases(self, framework: Framework) -> dict[int, list[str]]:
        """Every goal phrase the cards of the editions of ``framework`` print, per issue area, in
        reading order (editions oldest first, cards by state), each once.

        Import reads this for every framework a batch touches; with thousands of user cards it is
        taken from the cache while no card or framework file has changed since it was worked out
        (one ``stat`` per file, no card read)."""
        key = f"printed phrases|{framework.id or framework.year}|{framework.year}|{__version__}"
        fingerprint = self._fingerprint()
        stored = self.cache.derived(key, fingerprint)
        if isinstance(stored, dict) and all(isinstance(v, list) for v in stored.values()):
            return {int(issue): phrases for issue, phrases in stored.items()}
        found: dict[int, dict[str, None]] = {}
        same = [y for y, f in self.frameworks().items() if f.id == framework.id or y == framework.year]
        for card in (c for y in same for c in self.cards_for_year(y)):
            for result in card.issues:
                found.setdefault(result.number, {}).update(
                    dict.fromkeys([*(result.accomplished or ()), *(result.gaps or ())])
                )
        printed = {issue: list(phrases) for issue, phrases in found.items()}
        self.cache.keep_derived(key, fingerprint, printed)
        return printed

    def _fingerprint(self) -> str:
        """A digest of the name and stamp of every framework and card file of every root."""
        import hashlib

        digest = hashlib.blake2b(digest_size=16)
        for root in self.roots:
            folders = [root.path / "frameworks"]
            with contextlib.suppress(OSError):
                folders += sorted(Path(e.path) for e in os.scandir(root.path / "cards") if e.is_dir())
            for folder in folders:
                with contextlib.suppress(OSError):
                    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
                        with contextlib.suppress(OSError):
                            found = entry.stat()
                            stamp = (found.st_mtime_ns, found.st_size, found.st_ino, found.st_ctime_ns)
                            digest.update(f"{entry.path}|{stamp}|{entry.is_symlink()}\n".encode())
        return digest.hexdigest()

    def grades(self) -> dict[str, dict[str, str | None]]:
        """Every state's grade in every usable edition (None: no card, or no grade on it).

        A card checked before against the same framework file, and unchanged since, answers
        from the cache's plain columns (``ParseCache.summaries``): nothing is parsed; any other
        card file is read and checked as usual, with its warnings."""
        found: dict[str, dict[str, str | None]] = {}
        editions = [str(year) for year in self.frameworks()]
        for each in JURISDICTIONS:
            found[each.code] = dict.fromkeys(editions)
        for edition in editions:
            year = int(edition)
            if year in self._by_year:
                for read in self._by_year[year]:
                    found[read.code][edition] = read.grade
                continue
            checked = self._framework_files.get(year)
            for root in self.roots:
                folder = root.path / "cards" / edition
                paths = self.folders.toml_files(root, folder)
                known = self.cache.summaries(folder) if paths else {}
                for path in paths:
                    row = known.get(str(path))
                    place = _SLUGS.get(path.stem)
                    data = self._snapshot.get(path) if root.origin == "bundled" and place is not None else None
                    if data is not None and place is not None and data.get("code") == place.code:
                        found[place.code][edition] = data.get("grade")  # bundled cards are checked by the tests
                        continue
                    if row is not None and place is not None and row[1] == checked and checked is not None:
                        try:
                            if row[0] == path_stamp(path):
                                found[place.code][edition] = row[2]
                                continue
                        except OSError:
                            pass
                    card = self._load_card(root, path, year, keep=False)
                    if card is not None:
                        found[card.code][edition] = card.grade
        return found

    def _state_card(self, place: Jurisdiction, year: int) -> Card | None:
        """The state's card of one edition, read alone (or taken from a whole edition already read)."""
        if year in self._by_year:
            return next((c for c in self._by_year[year] if c.code == place.code), None)
        found = None
        for root in self.roots:
            path = root.path / "cards" / str(year) / f"{place.slug}.toml"
            try:
                present = path.exists() or path.is_symlink()
            except OSError as error:  # an unreadable folder: this root's card of that year is skipped
                self.folders.fail(
                    root, DataError(str(path.parent), f"cannot read directory: {error.strerror or error}")
                )
                continue
            if present and not self.folders.leads_outside(root, path):
                try:
                    self.framework(year)
                except NotFound:
                    return None
                found = self._load_card(root, path, year) or found
        return found

    def card(self, place: Jurisdiction, year: int | None = None) -> Card:
        """One card; without a year, the state's latest complete card from the default edition on, else its latest.

        A complete card of an older framework (a Protected Innocence Challenge card) is never
        chosen over a card of the default edition or later. Editions are tried newest first,
        so the search stops at the first complete card.
        """
        if year is not None:
            framework = self.framework(year)
            match = self._state_card(place, year)
            if match is None:
                have = ", ".join(str(c.year) for c in self.cards_for_state(place)) or "none"
                if place.code in framework.facts.not_graded:  # not a card missing here (D.C. in 2023)
                    raise NotFound(
                        f"{place.name} was not graded in the {year} edition, so it has no {year} card; "
                        f"editions with a card: {have}"
                    )
                raise NotFound(f"no {year} card for {place.name}; editions with a card: {have}")
            return match
        found = latest_card(
            self.years(), lambda each: self._state_card(place, each), self.default_year(), self._is_complete
        )
        if found is None:
            raise NotFound(f"no card for {place.name} in any edition")
        return found

    def _is_complete(self, card: Card) -> bool:
        return card.is_complete(self.framework(card.year))

    def default_year(self) -> int:
        """For questions across states: the latest edition whose framework is fully known (``select.default_year``);
        deciding from frameworks alone keeps cards of other editions unread."""
        year = default_year(self.years(), self._fully_known)
        if year is None:
            raise NotFound("no edition has a framework file; reinstall gapcli")
        return year

    def _fully_known(self, year: int) -> bool:
        try:
            return self.framework(year).is_fully_known()
        except NotFound:
            return False

    def shared_year(self, a: Jurisdiction, b: Jurisdiction) -> int:
        """The edition to compare two states in (``select.shared_year``): no card older than the answer is read."""
        year = shared_year(
            self.years(),
            self.default_year(),
            lambda each: self._state_card(a, each) is not None and self._state_card(b, each) is not None,
        )
        if year is None:
            raise NotFound(f"no edition has cards for both {a.name} and {b.name}")
        return year

    def edition(self, year: int | None) -> Framework:
        """The framework of ``year``, or of the default edition for questions across states."""
        return self.framework(self.default_year() if year is None else year)

    def has_bundled(self, card: Card) -> bool:
        """Whether the bundled data holds a card for this state and year (a user card would replace it)."""
        bundled = self.folders.bundled
        return (bundled.path / "cards" / str(card.year) / f"{_CODES[card.code].slug}.toml").is_file()

    def all_cards(self) -> list[Card]:
        return [card for year in self.frameworks() for card in self.cards_for_year(year)]

    def iter_records(self, year: int | None, build: Callable[[Card, Framework], str], version: str) -> Iterator[str]:
        """``build(card, framework)`` for every card (of one edition, or all), one edition at a time.

        An unchanged card file's output is taken from the cache when it was built with the same
        framework file and ``version`` of the builder: no parsing, validating or building again.
        """
        for each in [year] if year is not None else self.years():
            if self._frameworks.get(each, True) is None:
                continue  # an edition whose framework is unusable has no cards
            self.cache.release_folder_rows()  # one edition's rows in memory at a time
            candidates: dict[str, list[tuple[Root, str]]] = {}  # paths as text: 100,000 Path objects cost 1 s
            for root in self.roots:
                folder = root.path / "cards" / str(each)
                prefix = f"{folder}{os.sep}"
                paths = [prefix + name for name in self.folders.toml_names(root, folder)]
                self.cache.read_folder(folder, set(paths))
                for path in paths:
                    candidates.setdefault(path[len(prefix) : -5], []).insert(0, (root, path))  # the user's first
            for slug in sorted(candidates, key=lambda name: _SLUGS[name].name if name in _SLUGS else name):
                text = next(
                    (t for root, path in candidates[slug] if (t := self._record(root, path, each, build, version))),
                    None,
                )
                if text is not None:
                    yield text

    def _record(
        self, root: Root, path: str, year: int, build: Callable[[Card, Framework], str], version: str
    ) -> str | None:
        try:
            found = os.stat(path)
            stamp = (found.st_mtime_ns, found.st_size, found.st_ino, found.st_ctime_ns)
            text = self.cache.record(path, stamp, self._framework_id(year), version)
        except OSError:
            text = None
        if text is None:
            try:
                framework = self.framework(year)
            except NotFound:
                return None
            card = self._load_card(root, Path(path), year, keep=False)
            if card is None:
                return None
            text = build(card, framework)
            self.cache.keep_record(Path(path), self._framework_files.get(year), version, text)
        return text

    def _framework_id(self, year: int) -> str | None:
        """The framework file an edition's cards are checked against, its stamp and gapcli's version,
        as ``_load_framework`` records it, but without parsing it where it was not parsed yet: the
        file it would try first. A record made against that very file is served; a card read in
        any other case parses the framework, and so learns which file it really is."""
        if year in self._framework_files:
            return self._framework_files[year]
        if year not in self._framework_ids:
            self._framework_ids[year] = None
            for root in reversed(self.roots):  # the user's first
                path = root.path / "frameworks" / f"{year}.toml"
                try:
                    found = os.stat(path)
                except OSError:
                    continue
                if not self.folders.leads_outside(root, path):
                    stamp = f"{found.st_mtime_ns}|{found.st_size}|{found.st_ino}|{found.st_ctime_ns}"
                    self._framework_ids[year] = f"{path}|{stamp}|{__version__}"
                    break
        return self._framework_ids[year]

    def save_cache(self) -> None:
        self.cache.save()
        self.cache.close()

    def check_file(self, path: Path) -> None:
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
        if card.year not in self.frameworks():
            known = ", ".join(map(str, self.years()))
            raise DataError(str(path), f"year: no framework for {card.year} (editions: {known})")
        folder_year = int(path.parent.name) if path.parent.name.isdigit() else card.year
        found = _placement(card, path, folder_year) or problems(card, self.framework(card.year))
        if found:
            raise DataError(str(path), "; ".join(found))

    # -- internals ---------------------------------------------------------------

    def _load_card(self, root: Root, path: Path, year: int, keep: bool = True) -> Card | None:
        if path in self._files:
            return self._files[path]
        framework = self.framework(year)

        def build(data: dict[str, Any]) -> Card:
            card = card_from_dict(data, str(path), root.origin)
            found = _placement(card, path, year) or problems(card, framework)
            if found:
                raise DataError(str(path), "; ".join(found))
            return card

        card = self._read(root, path, build)
        if card is not None:
            self.cache.checked(path, self._framework_files.get(year), card.grade)
        if keep:
            self._files[path] = card
        return card

    def _read(self, root: Root, path: Path, build: Callable[[dict[str, Any]], T]) -> T | None:
        """Parse (or take from the cache) and build; a cached entry that fails is parsed afresh once."""
        try:
            try:
                data = self._snapshot.get(path) if root.origin == "bundled" else None
                return build(data if data is not None else self.cache.read(path))
            except DataError:
                return build(self.cache.read(path, fresh=True))
        except DataError as error:
            self.folders.fail(root, error)
        except OSError as error:
            self.folders.fail(root, DataError(str(path), f"cannot read: {error.strerror or error}"))
        return None


def _framework(data: dict[str, Any], name: str) -> Framework:
    framework = framework_from_dict(data, name)
    found = framework_problems(framework)
    if found:
        raise DataError(name, "; ".join(found))
    return framework


def _placement(card: Card, path: Path, year: int) -> list[str]:
    """A card lives at cards/YEAR/STATE-SLUG.toml; anything else would hide duplicates."""
    place = _SLUGS.get(path.stem)
    if place is None:
        return [f"file name {path.name!r} is not a state (expected e.g. new-york.toml)"]
    if (card.state, card.code) != (place.name, place.code):
        return [f"card is for {card.state} ({card.code}) but the file is named {path.name}"]
    if card.year != year:
        return [f"card is for {card.year} but lies in cards/{year}/"]
    return []
