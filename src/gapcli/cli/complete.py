"""What completes where: state names, ``STATE@YEAR``, years, figures, grades, tiers, formats.

Each function is a parameter's Typer ``autocompletion`` (``ctx`` is the command's context,
its values parsed so far; ``incomplete`` the word typed). Names complete in any case, as
they are matched: ``N<TAB>`` offers Nebraska, Nevada, ... (the typed part is kept as typed:
the shells, and Typer, keep only what starts with it). Years come from file names alone,
nothing parsed: a Tab costs a start-up, not a catalog. How a shell asks: ``cli/shells.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gapcli.errors import NotFound
from gapcli.model import GRADES, TIERS
from gapcli.states import JURISDICTIONS, Jurisdiction, resolve


def _starting(choices: tuple[str, ...] | list[str], incomplete: str) -> list[str]:
    """The choices that start with ``incomplete`` in any case, written in the case it was typed in."""
    wanted = incomplete.casefold()
    found = [c for c in choices if c.casefold().startswith(wanted)]
    if incomplete.islower():
        return [c.lower() for c in found]
    if incomplete.isupper() and len(incomplete) > 1:
        return [c.upper() for c in found]
    return [incomplete + c[len(incomplete) :] for c in found]


def complete_state(incomplete: str) -> list[str]:
    """A state's name; after ``@``, the editions it has a card in (``ct@`` offers ct@2015, ct@2021, ...)."""
    name, at, _ = incomplete.partition("@")
    if at:
        place = _place(name)
        return [] if place is None else [f"{name}@{year}" for year in _card_years(place)]
    if " " in name:  # inside quotes ("new y): the name as written, which the shells keep quoted
        return _starting([j.name for j in JURISDICTIONS], name)
    return _starting([j.slug for j in JURISDICTIONS], name)


def complete_place(incomplete: str) -> list[str]:
    """A state's name alone, for a command about every edition of it (``history``): no ``@YEAR``."""
    return [] if "@" in incomplete else complete_state(incomplete)


def complete_year(ctx: Any, incomplete: str) -> list[str]:
    """The editions the command's state has a card in (``show ct --year``), else every edition."""
    named = _named_state(ctx)
    place = _place(named.partition("@")[0]) if named is not None else None
    years = _card_years(place) if place is not None else _edition_years()
    return _starting([str(year) for year in years], incomplete)


def _named_state(ctx: Any) -> str | None:
    """The command's STATE so far. Click stops parsing at an option still waiting for its value (the
    one being completed), before the arguments; so they are parsed again here, without that option."""
    value = ctx.params.get("state") if ctx is not None else None
    if value is None and ctx is not None and ctx.parent is not None:
        args = list(getattr(ctx.parent, "args", ()))
        while args and args[-1].startswith("-"):
            args.pop()
        with ctx.command.make_context(ctx.info_name, args, parent=ctx.parent, resilient_parsing=True) as again:
            value = again.params.get("state")
    return value if isinstance(value, str) else None


def _place(name: str) -> Jurisdiction | None:
    try:
        return resolve(name)
    except NotFound:
        return None


def _roots() -> list[Path]:
    from gapcli.catalog.folders import bundled_data_dir, user_data_dir

    return [bundled_data_dir(), user_data_dir()]


def _edition_years() -> list[int]:
    """Editions with a framework file, bundled or the user's."""
    years: set[int] = set()
    for root in _roots():
        try:
            years |= {int(p.stem) for p in (root / "frameworks").glob("*.toml") if p.stem.isdigit()}
        except OSError:
            continue
    return sorted(years)


def _card_years(place: Jurisdiction) -> list[int]:
    """The editions with a card file for ``place`` (``cards/YEAR/SLUG.toml``, where the catalog reads it)."""
    roots = _roots()

    def has_card(year: int) -> bool:
        try:
            return any((root / "cards" / str(year) / f"{place.slug}.toml").is_file() for root in roots)
        except OSError:
            return False

    return [year for year in _edition_years() if has_card(year)]


def complete_format(incomplete: str) -> list[str]:
    from gapcli.formats import FORMATS

    return _starting(list(FORMATS), incomplete)


def complete_grade(incomplete: str) -> list[str]:
    return _starting(GRADES, incomplete)


def complete_grades(incomplete: str) -> list[str]:
    """A list of grades (``--grade A,B``): the one after the last comma, those before it kept."""
    return _listed(GRADES, incomplete)


def complete_tiers(incomplete: str) -> list[str]:
    return _listed(TIERS, incomplete)


def _listed(choices: tuple[str, ...], incomplete: str) -> list[str]:
    before, comma, last = incomplete.rpartition(",")
    chosen = {c.casefold() for c in before.split(",")} if comma else set()
    left = tuple(c for c in choices if c.casefold() not in chosen)
    found = _starting(left, last)
    if not last and before.islower():  # nothing typed after the comma: in the case of what came before
        found = [choice.lower() for choice in found]
    return [f"{before}{comma}{choice}" for choice in found]


def complete_output(incomplete: str) -> list[str]:
    """The commands whose JSON output ``gapcli schema`` describes."""
    from gapcli.contract import outputs

    return _starting(list(outputs()), incomplete)


def complete_by(ctx: Any, incomplete: str) -> list[str | tuple[str, str]]:
    """The figures of a whole card, then the issue areas of the edition (``--year``, else the default
    one), each with its name."""
    from gapcli.query.select import FIGURES

    return [*_starting(FIGURES, incomplete), *_areas_starting(ctx, incomplete)]


def complete_map_by(ctx: Any, incomplete: str) -> list[str | tuple[str, str]]:
    """What ``map`` colours by: the overall grade (``overall``, ``grade``) or an issue area."""
    from gapcli.query.select import FIGURES, PUBLISHED

    shown = tuple(figure for figure in FIGURES if figure != PUBLISHED)  # map has no colour for it
    return [*_starting(shown, incomplete), *_areas_starting(ctx, incomplete)]


def _areas_starting(ctx: Any, incomplete: str) -> list[str | tuple[str, str]]:
    year = ctx.params.get("year") if ctx is not None else None
    areas = _issue_areas(year if isinstance(year, int) else None)
    return [(number, name) for number, name in areas if number.startswith(incomplete)]


def _issue_areas(year: int | None) -> list[tuple[str, str]]:
    """The issue areas of edition ``year`` (None: the default one); its framework is read."""
    from gapcli.catalog.catalog import Catalog
    from gapcli.errors import GapcliError

    try:
        cards = Catalog.open()
        try:
            return [(str(area.number), area.name) for area in cards.edition(year).issues]
        finally:
            cards.save_cache()
    except (GapcliError, OSError):  # completion offers what it can; it never fails the shell
        return []
