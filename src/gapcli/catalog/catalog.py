"""The catalog: bundled and user cards, loaded only as far as a question needs.

Layout of a data root (bundled ``data/`` or the user data dir)::

    frameworks/YEAR.toml
    cards/YEAR/STATE-SLUG.toml
    no-edition.toml            (bundled only: years without an edition, and why)

A user card replaces the bundled card of the same state and year. What lies where,
and what a broken user file becomes (a warning), is ``folders``'. Which card or edition answers
is ``choosing``'; what makes a file wrong, ``checks``'; answers the cache gives across many files,
``summaries``'; a whole export's records, ``exporting``'.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from gapcli import __version__
from gapcli.catalog import choosing
from gapcli.catalog.cache import ParseCache, path_stamp
from gapcli.catalog.checks import NO_EDITION_FILE, checked_framework, placement
from gapcli.catalog.folders import Folders, Root, bundled_data_dir, user_cache_dir, user_data_dir
from gapcli.catalog.schema import card_from_dict, no_editions_from_dict
from gapcli.catalog.snapshot import Snapshot
from gapcli.catalog.validate import problems
from gapcli.errors import DataError, NotFound
from gapcli.model import Card, Framework, NoEdition
from gapcli.states import JURISDICTIONS, Jurisdiction

_CODES = {j.code: j for j in JURISDICTIONS}
_ABSENT = (errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP)  # what pathlib's exists() takes as "not there"
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
            framework = self._read(root, path, partial(checked_framework, name=str(path)))
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
        """Every goal phrase the cards of the editions of ``framework`` print (``summaries.printed_phrases``)."""
        from gapcli.catalog.summaries import printed_phrases

        return printed_phrases(self, framework)

    def grades(self) -> dict[str, dict[str, str | None]]:
        """Every state's grade in every usable edition, from the cache where it can (``summaries.grades``)."""
        from gapcli.catalog.summaries import grades

        return grades(self)

    def for_state(self, place: Jurisdiction, key: str, answer: Callable[[], T], valid: Callable[[object], bool]) -> T:
        """``answer()``, remembered while the files it could read are unchanged (``summaries.for_state``)."""
        from gapcli.catalog.summaries import for_state

        return for_state(self, place, key, answer, valid)

    def for_all(self, key: str, answer: Callable[[], T], valid: Callable[[object], bool]) -> T:
        """``answer()``, remembered while no framework or card file changes (``summaries.for_all``)."""
        from gapcli.catalog.summaries import for_all

        return for_all(self, key, answer, valid)

    def _state_card(self, place: Jurisdiction, year: int) -> Card | None:
        """The state's card of one edition, read alone (or taken from a whole edition already read)."""
        if year in self._by_year:
            return next((c for c in self._by_year[year] if c.code == place.code), None)
        found = None
        relative = f"cards/{year}/{place.slug}.toml"  # one join, not three: `states` asks ~200 times
        for root in self.roots:
            path = root.path / relative
            try:
                os.lstat(path)  # there, as a file or a link (``exists() or is_symlink()`` in one call)
            except OSError as error:
                if error.errno not in _ABSENT:  # an unreadable folder: this root's card of that year is skipped
                    self.folders.fail(
                        root, DataError(str(path.parent), f"cannot read directory: {error.strerror or error}")
                    )
                continue
            if not self.folders.leads_outside(root, path):
                try:
                    self.framework(year)
                except NotFound:
                    return None
                found = self._load_card(root, path, year) or found
        return found

    def card(self, place: Jurisdiction, year: int | None = None) -> Card:
        """One card; without a year, the state's latest complete card from the default edition on (``choosing.card``)."""
        return choosing.card(self, place, year)

    def default_year(self) -> int:
        """For questions across states: the latest edition whose framework is fully known (``choosing.default_year``)."""
        return choosing.default_year(self)

    def shared_year(self, a: Jurisdiction, b: Jurisdiction) -> int:
        """The edition to compare two states in (``choosing.shared_year``)."""
        return choosing.shared_year(self, a, b)

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
        """``build(card, framework)`` for every card, finished records from the cache (``exporting.iter_records``)."""
        from gapcli.catalog.exporting import iter_records

        return iter_records(self, year, build, version)

    def save_cache(self) -> None:
        self.cache.save()
        self.cache.close()

    def check_file(self, path: Path) -> None:
        """Raise DataError for anything wrong with one card or framework file (``checks.check_file``)."""
        from gapcli.catalog.checks import check_file

        check_file(self, path)

    # -- internals ---------------------------------------------------------------

    def _load_card(self, root: Root, path: Path, year: int, keep: bool = True) -> Card | None:
        if path in self._files:
            return self._files[path]
        framework = self.framework(year)

        def build(data: dict[str, Any]) -> Card:
            card = card_from_dict(data, str(path), root.origin)
            found = placement(card, path, year) or problems(card, framework)
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
