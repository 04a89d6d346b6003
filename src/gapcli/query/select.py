"""Card selectors (``ct``, ``connecticut@2021``) and issue-area names (``--by continuum``)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from gapcli.errors import InvalidValue, NotFound, UsageError
from gapcli.model import Card, Framework
from gapcli.query.arguments import suggestion
from gapcli.states import Jurisdiction, resolve

_YEAR = re.compile(r"[0-9]{4}")
OVERALL = "overall"  # the --by values that are not issue areas
GRADE = "grade"
PUBLISHED = "published"
FIGURES = (OVERALL, GRADE, PUBLISHED)


class Selector(NamedTuple):
    place: Jurisdiction
    year: int | None


def parse_selector(text: str) -> Selector:
    """``STATE[@YEAR]``; a malformed selector is a usage error, an unknown state is not found."""
    name, at, year = text.partition("@")
    if not name.strip():
        raise UsageError(f"invalid selector {text[:40]!r}: expected STATE or STATE@YEAR")
    if at and not _YEAR.fullmatch(year.strip()):
        raise UsageError(f"invalid selector {text[:40]!r}: the year after '@' must be four digits, like ct@2021")
    return Selector(resolve(name), int(year) if at else None)


def select(state: str, year: int | None = None) -> Selector:
    """``STATE[@YEAR]`` and a year given apart (``--year``): given twice, the two must agree."""
    chosen = parse_selector(state)
    if year is not None and chosen.year is not None and year != chosen.year:
        raise UsageError(f"{state!r} and --year {year} name different editions; give one")
    return chosen if chosen.year is not None else chosen._replace(year=year)


def pair(a: Selector, b: Selector, shared_year: Callable[[], int]) -> tuple[Selector, Selector]:
    """The two cards ``diff`` compares: two states in one edition (the year given on either side, else
    ``shared_year()``); two editions of two states only when both years are given."""
    if a.place != b.place and (a.year is None or b.year is None):
        year = a.year or b.year or shared_year()
        return a._replace(year=year), b._replace(year=year)
    return a, b


FIGURE_WORDS = {"score": OVERALL, "total": OVERALL, "points": OVERALL, "letter": GRADE, "rank": PUBLISHED}  # meant


def resolve_by(framework: Framework, text: str, editions: Callable[[], Iterable[Framework]] = tuple) -> str | int:
    """``--by``: a figure of the whole card (overall, grade, published) or an issue area; a near miss
    of a figure that names no issue area is told the figure (``--by score``: did you mean overall?).

    Text that names no figure and no issue area of any of ``editions`` is a malformed value
    (InvalidValue, a usage error); an area only this edition lacks is not found in it (NotFound).
    """
    wanted = text.strip().lower()
    if wanted in FIGURES:
        return wanted
    try:
        return resolve_issue(framework, text)
    except NotFound as error:
        if any(_names_area(other, text) for other in (framework, *editions())):
            raise
        hint = suggestion(text, FIGURES, FIGURE_WORDS)
        areas = f"or an issue area 1-{len(framework.issues)}" if framework.issues else str(error)
        problem = f"unknown figure or issue area {text[:40]!r}{hint} (figures: {', '.join(FIGURES)}; {areas})"
        raise InvalidValue("--by", problem if hint or not framework.issues else str(error)) from None


def _names_area(framework: Framework, text: str) -> bool:
    """Whether ``text`` is an issue area's number or part of its name in ``framework`` (one or several)."""
    wanted = text.strip().casefold()
    if wanted.isascii() and wanted.isdigit():
        return framework.issue(int(wanted)) is not None
    return bool(wanted) and any(wanted in area.name.casefold() for area in framework.issues)


def resolve_issue(framework: Framework, text: str) -> int:
    """An issue area by number or by any unambiguous part of its name."""
    if not framework.issues:
        raise NotFound(f"the {framework.year} edition ({framework.name}) has no issue areas known to gapcli")
    wanted = text.strip().casefold()
    if wanted.isascii() and wanted.isdigit():
        if framework.issue(int(wanted)):
            return int(wanted)
    else:
        matches = [a for a in framework.issues if wanted and wanted in a.name.casefold()]
        starting = [a for a in matches if a.name.casefold().startswith(wanted)]
        matches = starting if len(starting) == 1 else matches
        if len(matches) == 1:
            return matches[0].number
        if len(matches) > 1:
            names = "; ".join(f"{a.number} {a.name}" for a in matches)
            raise NotFound(f"issue area {text!r} is ambiguous: {names}")
    choices = "; ".join(f"{a.number} {a.name}" for a in framework.issues)
    raise NotFound(f"unknown issue area {text[:40]!r}; choose one of: {choices}")


# -- which card, which edition: the rules the catalog asks (it reads only what they ask for) -----


def default_year(years: Sequence[int], fully_known: Callable[[int], bool]) -> int | None:
    """For questions across states: the latest edition whose framework is fully known (issue areas,
    their maxima and a grade scale: what a complete card needs), else the latest; None: no edition."""
    found = next((year for year in reversed(years) if fully_known(year)), None)
    return found if found is not None else max(years, default=None)


def latest_card(
    years: Sequence[int], read: Callable[[int], Card | None], since: int, complete: Callable[[Card], bool]
) -> Card | None:
    """The card a state without a year names: from the newest edition back, the first complete card of
    the default edition (``since``) or later, else the newest card. A complete card of an older
    framework is never chosen over a newer card; no card older than the answer is read."""
    latest = None
    for year in reversed(years):
        if year < since and latest is not None:
            break
        card = read(year)
        if card is None:
            continue
        if year >= since and complete(card):
            return card
        latest = latest or card
    return latest


def shared_year(years: Sequence[int], default: int, both: Callable[[int], bool]) -> int | None:
    """The edition to compare two states in: the default one if both have a card there, else the latest
    where both have one (tried newest first)."""
    return next((year for year in [default, *reversed(years)] if both(year)), None)
