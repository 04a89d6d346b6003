"""One check of the place solver: letter by letter, the positions the letters' runs can reach."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gapcli.query.places.solver import Solver

NEVER = 1 << 30


class Atom:
    """A known score (ties possible) or an open gap between scores (any order, any ties), best first."""

    __slots__ = ("known", "point")

    def __init__(self, point: bool, known: int):
        self.point = point
        self.known = known  # unranked jurisdictions with that exact score


class Group:
    """The holders of one published rank (and the card a check puts at a place): tied, from position ``rank`` on."""

    __slots__ = ("letters", "point", "rank", "size")

    def __init__(self, rank: int, size: int, point: int | None, letters: int):
        self.rank = rank
        self.size = size
        self.point = point  # index of its known score, if any member has one
        self.letters = letters  # bit mask of the letters it may have


class Walk:
    """One check: letter by letter, the sets of (known scores used, positions filled) that can be reached."""

    def __init__(self, solver: Solver, groups: list[Group], kcount: list[int], pool: list[int]):
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

    def _atoms(self, letter: int, k0: int, k1: int) -> tuple[list[Atom], bool, bool]:
        """The letter's points and gaps, best first; and whether nothing may be above or below the run."""
        s = self.s
        if k0 == k1:
            return [Atom(False, 0)], False, False
        first, last = s.values[k0], s.values[k1 - 1]
        if s.bands is not None:
            low, high, included = s.bands[s.letters[letter]]
            above, below = not (included and first >= high), last > low
            alone_top = alone_bottom = False
        else:  # the letter's edges float between the known scores: only the ends of the score line stop it
            above = s.ceiling is None or first < s.ceiling
            below = last > 0
            alone_top, alone_bottom = not above, not below
        atoms = [Atom(False, 0)] if above else []
        for k in range(k0, k1):
            if k > k0:
                atoms.append(Atom(False, 0))
            atoms.append(Atom(True, self.kcount[k]))
        if below:
            atoms.append(Atom(False, 0))
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
            constraints: list[tuple[int, int, int]] = [(-NEVER, NEVER, -NEVER)]
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

    def _inner(self, atoms: list[Atom], k0: int, a: int, b: int) -> list[tuple[int, int, int]]:
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
            most_before = 0 if start == 0 and atoms[0].point else NEVER
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
