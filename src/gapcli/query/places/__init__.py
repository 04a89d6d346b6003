"""Place ranges: every place a jurisdiction can hold in an edition, given all that is known of it.

A place is 1 + the number of jurisdictions with a strictly higher score, so ties share a place
(1, 2, 2, 4), as in Shared Hope's published ranking. A *configuration* gives each jurisdiction the
edition graded a real score that fits every fact held: exact scores; grades, which bound a score
through the edition's scale (where the scale is not known, a better grade is still a higher score);
the published grade counts (letters left over go to the jurisdictions without a card); published
ranks. A card's place range is its least and greatest place over all configurations; none exists
where the facts contradict each other, and then no range is made up (``Places.problem``).

How: a check "is there a configuration where card T holds place p?", asked at simple bounds and
moving inward. The check sorts the N jurisdictions by score into positions 1..N. A published rank
r puts its holders (tied) on positions r, r+1, ...; T joins them at p. Each letter takes a run of
consecutive positions, of its count's length where that is published. Inside a letter, the known
scores cut the score line into points and open gaps; a ranked jurisdiction without a score sits
on one of them, and the known scores above it must fit in the free positions before it. What is
left is a chain of small counting conditions, walked letter by letter over the possible run ends.
Where no source gives N, the last run may end at any N the facts allow (up to the 51 there are).
About 1 ms for the 51 cards of 2021, at most 4 ms for any bundled edition. tests/query/test_places.py
checks it against brute force on every small edition hypothesis makes.

Here the question and its answer; ``facts`` the facts and ``Places``; ``solver`` the check and the
ranges it bounds; ``walk`` one check, letter by letter.
"""

from __future__ import annotations

from collections.abc import Sequence

from gapcli.query.places.facts import GRADES, MOST, Bounds, Edition, Known, Places, names_of
from gapcli.query.places.solver import Solver

__all__ = ["GRADES", "MOST", "Bounds", "Edition", "Known", "Places", "places"]


def places(edition: Edition, groups: bool = False) -> Places:
    """Each known jurisdiction's place range (and, with ``groups``, its letter's places)."""
    count = len(edition.known)
    problem = _ranks_against_scores(edition.known)  # whatever the number graded
    solver = None if problem is not None else Solver(edition)
    if solver is not None and solver.problem is None and not solver.feasible():
        solver.problem = _diagnose(edition)
    if solver is None or solver.problem is not None:
        problem = problem or (solver.problem if solver else None)
        return Places([None] * count, [None] * count, None, problem or "the facts cannot all hold")
    letter_places: list[tuple[int, int] | None] = solver.letter_places() if groups else [None] * count
    return Places(solver.ranges(), letter_places, solver.sizes(), None)


def _ranks_against_scores(known: Sequence[Known]) -> str | None:
    """Two published ranks in the wrong order for their scores (a higher score never ranks lower)."""
    ranked = [k for k in known if k.rank is not None and k.score is not None]
    for higher in ranked:
        for lower in ranked:
            if higher.score > lower.score and higher.rank >= lower.rank:  # type: ignore[operator]
                return (
                    f"{higher.name or 'a card'} scores {higher.score:g} but is ranked #{higher.rank}, "
                    f"not ahead of {lower.name or 'a card'} with {lower.score:g} at #{lower.rank}"
                )
            if higher.score == lower.score and higher.rank != lower.rank:
                return f"{names_of([higher, lower])} share a score of {higher.score:g} but not a rank"
    return None


def _diagnose(edition: Edition) -> str:
    """Words for a contradiction no pair of facts shows: whether the ranks are what cannot hold."""
    unranked = edition._replace(known=[k._replace(rank=None) for k in edition.known])
    if Solver(unranked).feasible():
        return "the published ranks cannot all hold with the scores, grades and grade counts"
    return "the scores, grades and grade counts cannot all hold"
