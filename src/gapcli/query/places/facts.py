"""The facts place ranges rest on (what is known of each card and of the edition) and the answer."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

GRADES = ("A", "B", "C", "D", "F")
MOST = 51  # jurisdictions a Shared Hope edition can grade: the 50 states and D.C.

Bounds = tuple[float, float, bool]  # a grade's scores: low <= score < high, or <= high where the flag is set


class Known(NamedTuple):
    """What is known of one jurisdiction with a card; ``name`` only words a problem."""

    score: float | None = None
    grade: str | None = None
    rank: int | None = None
    name: str = ""


class Edition(NamedTuple):
    """Every fact the places rest on.

    ``bands`` maps each letter to the scores it stands for (``None``: the scale is not known);
    ``counts`` holds the letters a source counts (the others are any letter left over);
    ``graded`` is ``None`` where no source gives it (then at most ``most``).
    """

    known: Sequence[Known]
    graded: int | None
    bands: Mapping[str, Bounds] | None = None
    counts: Mapping[str, int] | None = None
    ceiling: float | None = None  # the most a score can be, where known
    letters: tuple[str, ...] = GRADES
    most: int = MOST


class Places(NamedTuple):
    ranges: list[tuple[int, int] | None]  # per known jurisdiction: its least and greatest place
    groups: list[tuple[int, int] | None]  # per known jurisdiction: the places of its letter (1 + those better)
    of: tuple[int, int] | None  # jurisdictions graded: fewest and most consistent with the facts
    problem: str | None  # why no configuration exists


def sizes(edition: Edition) -> tuple[int, int]:
    """How many jurisdictions the edition can have graded: its published count, else what the facts allow
    (the fewest may exceed the most there can be: facts that need more are a contradiction, ``Solver``'s)."""
    if edition.graded is not None:
        return edition.graded, edition.graded
    groups: dict[int, int] = {}
    for known in edition.known:
        if known.rank is not None:
            groups[known.rank] = groups.get(known.rank, 0) + 1
    ends = [rank + size - 1 for rank, size in groups.items()]
    fewest = max([len(edition.known), sum((edition.counts or {}).values()), 1, *ends])
    return fewest, edition.most


def names_of(known: Sequence[Known]) -> str:
    named = [k.name for k in known if k.name]
    return ", ".join(named) if named else "two cards"
