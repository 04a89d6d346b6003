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
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

GRADES = ("A", "B", "C", "D", "F")
MOST = 51  # jurisdictions a Shared Hope edition can grade: the 50 states and D.C.
_NEVER = 1 << 30

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


def places(edition: Edition, groups: bool = False) -> Places:
    """Each known jurisdiction's place range (and, with ``groups``, its letter's places)."""
    count = len(edition.known)
    problem = _ranks_against_scores(edition.known)  # whatever the number graded
    solver = None if problem is not None else _Solver(edition)
    if solver is not None and solver.problem is None and not solver.feasible():
        solver.problem = _diagnose(edition)
    if solver is None or solver.problem is not None:
        problem = problem or (solver.problem if solver else None)
        return Places([None] * count, [None] * count, None, problem or "the facts cannot all hold")
    letter_places: list[tuple[int, int] | None] = solver.letter_places() if groups else [None] * count
    return Places(solver.ranges(), letter_places, solver.sizes(), None)


def _sizes(edition: Edition) -> tuple[int, int]:
    """How many jurisdictions the edition can have graded: its published count, else what the facts allow."""
    if edition.graded is not None:
        return edition.graded, edition.graded
    groups: dict[int, int] = {}
    for known in edition.known:
        if known.rank is not None:
            groups[known.rank] = groups.get(known.rank, 0) + 1
    ends = [rank + size - 1 for rank, size in groups.items()]
    fewest = max([len(edition.known), sum((edition.counts or {}).values()), 1, *ends])
    return fewest, max(fewest, edition.most)


class _Atom:
    """A known score (ties possible) or an open gap between scores (any order, any ties), best first."""

    __slots__ = ("known", "point")

    def __init__(self, point: bool, known: int):
        self.point = point
        self.known = known  # unranked jurisdictions with that exact score


class _Group:
    """The holders of one published rank (and the card a check puts at a place): tied, from position ``rank`` on."""

    __slots__ = ("letters", "point", "rank", "size")

    def __init__(self, rank: int, size: int, point: int | None, letters: int):
        self.rank = rank
        self.size = size
        self.point = point  # index of its known score, if any member has one
        self.letters = letters  # bit mask of the letters it may have


class _Solver:
    """The facts of an edition, and the check on them; the number graded is one of ``fewest..most``."""

    def __init__(self, edition: Edition):
        self.fewest, self.most = _sizes(edition)
        self.known = list(edition.known)
        self.letters = edition.letters
        self.bands = edition.bands
        self.ceiling = edition.ceiling
        self.problem: str | None = None
        letters = len(self.letters)
        self.full = (1 << letters) - 1
        self.index = {letter: i for i, letter in enumerate(self.letters)}
        self.values = sorted({k.score for k in self.known if k.score is not None}, reverse=True)
        self.point_of = {value: i for i, value in enumerate(self.values)}
        self.counted: list[int | None] = [None] * letters
        counts = dict(edition.counts or {})
        complete = edition.graded is not None and sum(counts.values()) == edition.graded
        for letter, i in self.index.items():
            self.counted[i] = counts.get(letter, 0 if complete else None)
        self.kcount = [0] * len(self.values)
        self.pool = [0] * letters
        members: dict[int, list[Known]] = {}
        for k in self.known:
            if k.rank is not None:
                members.setdefault(k.rank, []).append(k)
            elif k.score is not None:
                self.kcount[self.point_of[k.score]] += 1
            elif k.grade is not None:
                self.pool[self.index[k.grade]] += 1
        self.ranked: dict[int, _Group] = {}
        for rank, holders in members.items():
            scores = {k.score for k in holders if k.score is not None}
            mask = self.full
            for k in holders:
                if k.grade is not None:
                    mask &= 1 << self.index[k.grade]
            point = self.point_of[next(iter(scores))] if len(scores) == 1 else None
            self.ranked[rank] = _Group(rank, len(holders), point, mask)
            if len(scores) > 1 or not mask:
                self.problem = f"{_names(holders)} share rank {rank} with different figures"
        self.problem = self.problem or self._check(counts)
        self._point_letters()
        self.letter = [self.letter_of(k) for k in self.known]
        self._cache: dict[tuple[int | None, int | None, tuple[int, int] | None, int | None], bool] = {}

    def _check(self, counts: dict[str, int]) -> str | None:
        """Facts that contradict each other plainly, worded; subtler conflicts show as no configuration."""
        n = self.most
        if len(self.known) > n:
            return f"{len(self.known)} cards, but {n} jurisdictions graded"
        if sum(counts.values()) > n:
            return f"the grade counts add up to {sum(counts.values())}, more than the {n} jurisdictions graded"
        for letter, i in self.index.items():
            cap = self.counted[i]
            have = sum(1 for k in self.known if k.grade == letter)
            if cap is not None and have > cap:
                return f"{have} cards have grade {letter}, but {cap} jurisdictions got it"
        for k in self.known:
            if k.rank is not None and not 1 <= k.rank <= n:
                return f"{k.name or 'a card'} is ranked #{k.rank} of {n}"
            if k.score is not None and k.score < 0:
                return f"{k.name or 'a card'} scores {k.score:g}, below 0"
            if k.score is not None and self.ceiling is not None and k.score > self.ceiling:
                return f"{k.name or 'a card'} scores {k.score:g}, more than the {self.ceiling:g} possible"
        return None

    def _point_letters(self) -> None:
        """The letters each known score can carry: fixed by the scale, else ordered by the grades around it."""
        self.low: list[int] = []
        self.high: list[int] = []
        last = len(self.letters) - 1
        fixed: list[int | None] = []
        for value in self.values:
            graded = {self.index[k.grade] for k in self.known if k.score == value and k.grade is not None}
            if self.bands is not None:
                letter = self._band_of(value)
                if letter is None:
                    self.problem = self.problem or f"a score of {value:g} fits no grade of the scale"
                elif graded - {letter}:
                    names = _names([k for k in self.known if k.score == value])
                    self.problem = self.problem or f"{names}: a score of {value:g} is not the grade given"
                graded = {letter} if letter is not None else graded
            if len(graded) > 1:
                self.problem = (
                    self.problem or f"{_names([k for k in self.known if k.score == value])} tie with different grades"
                )
            fixed.append(min(graded) if graded else None)
        best = 0
        for letter in fixed:
            best = max(best, letter) if letter is not None else best
            self.low.append(best)
        worst = last
        self.high = [0] * len(fixed)
        for i in range(len(fixed) - 1, -1, -1):
            letter = fixed[i]
            worst = min(worst, letter) if letter is not None else worst
            self.high[i] = worst
        if any(lo > hi for lo, hi in zip(self.low, self.high, strict=True)):
            self.problem = self.problem or "a better grade has a lower score"

    def _band_of(self, value: float) -> int | None:
        for letter, (low, high, included) in (self.bands or {}).items():
            if low <= value < high or (included and value == high):
                return self.index[letter]
        return None

    def letter_of(self, known: Known) -> int | None:
        """The letter a jurisdiction certainly has: its grade, or the one its score takes on a known scale."""
        if known.grade is not None:
            return self.index[known.grade]
        if known.score is not None and self.bands is not None:
            return self._band_of(known.score)
        return None

    # -- the check -------------------------------------------------------------------------

    def feasible(
        self,
        target: int | None = None,
        place: int | None = None,
        before: tuple[int, int] | None = None,
        final: int | None = None,
    ) -> bool:
        """A configuration exists: with ``target`` at ``place``; with exactly ``before[1]`` jurisdictions
        ahead of letter ``before[0]``; with ``final`` jurisdictions graded."""
        key = (target, place, before, final)
        if key not in self._cache:
            self._cache[key] = self._feasible(target, place, before, final)
        return self._cache[key]

    def _feasible(
        self, target: int | None, place: int | None, before: tuple[int, int] | None, final: int | None
    ) -> bool:
        kcount, pool, groups = self.kcount, self.pool, self.ranked
        if target is not None and place is not None:
            known = self.known[target]
            if known.rank is not None:
                return known.rank == place and self.feasible(None, None, before, final)
            kcount, pool, groups = list(kcount), list(pool), dict(groups)
            point = self.point_of[known.score] if known.score is not None else None
            if point is not None:
                kcount[point] -= 1
            elif known.grade is not None:
                pool[self.index[known.grade]] -= 1
            mask = self.full if known.grade is None else 1 << self.index[known.grade]
            joined = groups.get(place)
            if joined is not None:
                if point is not None and joined.point not in (None, point):
                    return False
                point = joined.point if point is None else point
                mask &= joined.letters
            groups[place] = _Group(place, (joined.size if joined else 0) + 1, point, mask)
        ordered = sorted(groups.values(), key=lambda g: g.rank)
        end = 0
        for group in ordered:
            if group.rank <= end or not group.letters:
                return False
            end = group.rank + group.size - 1
        if end > self.most:
            return False
        return _Walk(self, ordered, kcount, pool).run(before, final)

    # -- the answers -----------------------------------------------------------------------

    def ranges(self) -> list[tuple[int, int] | None]:
        found: dict[tuple[float | None, str | None], tuple[int, int]] = {}
        out: list[tuple[int, int] | None] = []
        for i, known in enumerate(self.known):
            if known.rank is not None:
                out.append((known.rank, known.rank))
                continue
            key = (known.score, known.grade)  # the same facts give the same places
            if key not in found:
                found[key] = self._range(i)
            out.append(found[key])
        return out

    def _range(self, target: int) -> tuple[int, int]:
        low, high = self._bounds(target)
        while low < high and not self.feasible(target, low):
            low += 1
        while high > low and not self.feasible(target, high):
            high -= 1
        return low, high

    def _interval(self, known: Known, letter: int | None) -> tuple[float, float]:
        if known.score is not None:
            return known.score, known.score
        if letter is not None and self.bands is not None:
            low, high, _ = self.bands[self.letters[letter]]
            return low, high
        return 0.0, self.ceiling if self.ceiling is not None else float("inf")

    def _bounds(self, target: int) -> tuple[int, int]:
        """Sound first guesses: 1 + those certainly ahead, and 1 + those that may be ahead."""
        letter = self.letter[target]
        low, high = self._interval(self.known[target], letter)
        ahead = behind = 0  # certainly ahead of the target; certainly not ahead of it
        if letter is not None:
            ahead = sum(self._at_least(i) for i in range(letter))
            behind = sum(self._at_least(i) for i in range(letter + 1, len(self.letters)))
        for i, k in enumerate(self.known):
            if i == target or (letter is not None and self.letter[i] != letter):
                continue  # other letters are counted above; a jurisdiction of unknown letter may be among them
            k_low, k_high = self._interval(k, self.letter[i])
            if k_low > high:
                ahead += 1
            elif k_high <= low:
                behind += 1
        return 1 + ahead, self.most - behind

    def _at_least(self, letter: int) -> int:
        """How many jurisdictions certainly have ``letter``: its count, else the cards known to."""
        cap = self.counted[letter]
        return cap if cap is not None else self.letter.count(letter)

    def sizes(self) -> tuple[int, int]:
        """The fewest and the most jurisdictions graded that the facts allow."""
        low, high = self.fewest, self.most
        while low < high and not self.feasible(final=low):
            low += 1
        while high > low and not self.feasible(final=high):
            high -= 1
        return low, high

    def letter_places(self) -> list[tuple[int, int] | None]:
        """For each known jurisdiction with a letter: 1 + the fewest and the most jurisdictions with a better one."""
        spans: dict[int, tuple[int, int]] = {}
        out: list[tuple[int, int] | None] = []
        for letter in self.letter:
            if letter is None:
                out.append(None)
                continue
            if letter not in spans:
                spans[letter] = self._letter_span(letter)
            out.append(spans[letter])
        return out

    def _letter_span(self, letter: int) -> tuple[int, int]:
        ahead = sum(self._at_least(i) for i in range(letter))
        behind = sum(self._at_least(i) for i in range(letter, len(self.letters)))
        low, high = ahead, self.most - max(behind, 1)
        while low < high and not self.feasible(None, None, (letter, low)):
            low += 1
        while high > low and not self.feasible(None, None, (letter, high)):
            high -= 1
        return low + 1, high + 1


class _Walk:
    """One check: letter by letter, the sets of (known scores used, positions filled) that can be reached."""

    def __init__(self, solver: _Solver, groups: list[_Group], kcount: list[int], pool: list[int]):
        self.s = solver
        self.groups = groups
        self.kcount = kcount
        self.pool = pool
        n = solver.most
        self.zone_low = [0] + [g.rank + g.size - 1 for g in groups]
        self.zone_high = [g.rank - 1 for g in groups] + [n]
        self.zone_of = [-1] * (n + 1)
        for zone, (low, high) in enumerate(zip(self.zone_low, self.zone_high, strict=True)):
            for position in range(low, high + 1):
                self.zone_of[position] = zone

    def run(self, before: tuple[int, int] | None, final: int | None) -> bool:
        """Letter by letter, the (scores used, positions filled) reached; a run that must be the last
        (nothing can score below it) seals its states: the letters after it stay empty."""
        s = self.s
        total = len(s.values)
        reach: dict[int, set[int]] = {0: {0}}
        sealed: dict[int, set[int]] = {}
        for letter in range(len(s.letters)):
            if before is not None and before[0] == letter:
                reach = {k: ps & {before[1]} for k, ps in reach.items() if before[1] in ps}
                sealed = {k: ps & {before[1]} for k, ps in sealed.items() if before[1] in ps}
            nxt: dict[int, set[int]] = {}
            nxt_sealed: dict[int, set[int]] = {}
            for k0, positions in reach.items():
                for k1 in self._cuts(letter, k0):
                    ends, closed = self._block(letter, k0, k1, positions)
                    if ends:
                        nxt.setdefault(k1, set()).update(ends)
                    if closed:
                        nxt_sealed.setdefault(k1, set()).update(closed)
            empty = not self.pool[letter] and s.counted[letter] in (None, 0)
            for k0, positions in sealed.items():
                if empty and k0 in self._cuts(letter, k0):
                    nxt_sealed.setdefault(k0, set()).update(positions)
            reach, sealed = nxt, nxt_sealed
            if not reach and not sealed:
                return False
        low, high = (final, final) if final is not None else (s.fewest, s.most)
        return any(low <= p <= high for p in sealed.get(total, ()))

    def _cuts(self, letter: int, k0: int) -> range:
        """Which known scores can end this letter's run: all those it must hold, none it cannot."""
        s = self.s
        if letter == len(s.letters) - 1:
            return range(len(s.values), len(s.values) + 1)
        must = sum(1 for hi in s.high if hi <= letter)
        may = sum(1 for lo in s.low if lo <= letter)
        return range(max(k0, must), may + 1)

    def _atoms(self, letter: int, k0: int, k1: int) -> tuple[list[_Atom], bool, bool]:
        """The letter's points and gaps, best first; and whether nothing may be above or below the run."""
        s = self.s
        if k0 == k1:
            return [_Atom(False, 0)], False, False
        first, last = s.values[k0], s.values[k1 - 1]
        if s.bands is not None:
            low, high, included = s.bands[s.letters[letter]]
            above, below = not (included and first >= high), last > low
            alone_top = alone_bottom = False
        else:  # the letter's edges float between the known scores: only the ends of the score line stop it
            above = s.ceiling is None or first < s.ceiling
            below = last > 0
            alone_top, alone_bottom = not above, not below
        atoms = [_Atom(False, 0)] if above else []
        for k in range(k0, k1):
            if k > k0:
                atoms.append(_Atom(False, 0))
            atoms.append(_Atom(True, self.kcount[k]))
        if below:
            atoms.append(_Atom(False, 0))
        return atoms, alone_top, alone_bottom

    def _block(self, letter: int, k0: int, k1: int, positions: set[int]) -> tuple[set[int], set[int]]:
        """The positions the letter's run can end at, from runs that start at ``positions``: those
        after which more can follow, and those that must end the ranking (the last letter's)."""
        s = self.s
        atoms, alone_top, alone_bottom = self._atoms(letter, k0, k1)
        base = sum(self.kcount[k0:k1]) + self.pool[letter]
        count = s.counted[letter]
        last = letter == len(s.letters) - 1 or alone_bottom
        out: set[int] = set()
        by_zone: dict[int, list[int]] = {}
        for p in sorted(positions):
            if self.zone_of[p] >= 0 and (not alone_top or p == 0):
                by_zone.setdefault(self.zone_of[p], []).append(p)
        for a, starts in by_zone.items():
            need = base
            constraints: list[tuple[int, int, int]] = [(-_NEVER, _NEVER, -_NEVER)]
            for b in range(a, len(self.groups) + 1):
                if b > a:
                    group = self.groups[b - 1]
                    if not group.letters >> letter & 1 or (group.point is not None and not k0 <= group.point < k1):
                        break
                    need += group.size
                    constraints = self._inner(atoms, k0, a, b)
                    if not constraints:
                        break  # groups a..b-1 cannot sit here, so no longer chain can
                if not last or b == len(self.groups):  # the run that ends the ranking holds the last group
                    self._ends(a, b, starts, need, constraints, count, out)
        return (set(), out) if last else (out, set())

    def _ends(
        self,
        a: int,
        b: int,
        starts: list[int],
        need: int,
        constraints: list[tuple[int, int, int]],
        count: int | None,
        out: set[int],
    ) -> None:
        top = self.zone_high[b]
        for before_low, before_high, after in constraints:
            if b > a:  # before_*: free positions before the first group; after: those after the last
                first = self.groups[a].rank - 1
                valid = [p for p in starts if before_low <= first - p <= before_high]
                floor = self.groups[b - 1].rank + self.groups[b - 1].size - 1 + after
            else:
                valid, floor = starts, 0
            if not valid:
                continue
            if count is None:
                out.update(range(max(valid[0] + need, floor, self.zone_low[b]), top + 1))
            elif count >= need:
                for p in valid:
                    e = p + count
                    if e >= floor and self.zone_low[b] <= e <= top:
                        out.add(e)

    def _inner(self, atoms: list[_Atom], k0: int, a: int, b: int) -> list[tuple[int, int, int]]:
        """Where groups a..b-1 can sit among the letter's atoms, as (least, most) free positions before
        the first and the least after the last: known scores above a group fill positions before it."""
        groups = self.groups[a:b]
        prefix = [0]
        for atom in atoms:
            prefix.append(prefix[-1] + atom.known)
        total = prefix[-1]
        point_atom = [i for i, atom in enumerate(atoms) if atom.point]
        allowed = [[point_atom[g.point - k0]] if g.point is not None else list(range(len(atoms))) for g in groups]
        gaps = [groups[j + 1].rank - (groups[j].rank + groups[j].size) for j in range(len(groups) - 1)]
        out: list[tuple[int, int, int]] = []
        for start in allowed[0]:
            most_before = 0 if start == 0 and atoms[0].point else _NEVER
            current = {start}
            for j, room in enumerate(gaps, start=1):
                nxt: set[int] = set()
                for x0 in current:
                    lowest = x0 + 1 if atoms[x0].point else x0  # two ranks never tie: a gap can hold both
                    for x in allowed[j]:
                        if x >= lowest and prefix[x] - prefix[x0] <= room:
                            nxt.add(x)
                current = nxt
                if not current:
                    break
            if current:
                out.append((prefix[start], most_before, total - prefix[max(current)]))
        return out


def _names(known: Sequence[Known]) -> str:
    named = [k.name for k in known if k.name]
    return ", ".join(named) if named else "two cards"


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
                return f"{_names([higher, lower])} share a score of {higher.score:g} but not a rank"
    return None


def _diagnose(edition: Edition) -> str:
    """Words for a contradiction no pair of facts shows: whether the ranks are what cannot hold."""
    unranked = edition._replace(known=[k._replace(rank=None) for k in edition.known])
    if _Solver(unranked).feasible():
        return "the published ranks cannot all hold with the scores, grades and grade counts"
    return "the scores, grades and grade counts cannot all hold"
