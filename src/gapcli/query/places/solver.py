"""The place solver: the facts of an edition, the check "can card T hold place p?", and the answers."""

from __future__ import annotations

from gapcli.query.places.facts import Edition, Known, names_of, sizes
from gapcli.query.places.walk import Group, Walk


class Solver:
    """The facts of an edition, and the check on them; the number graded is one of ``fewest..most``."""

    def __init__(self, edition: Edition):
        self.fewest, self.most = sizes(edition)
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
        self.ranked: dict[int, Group] = {}
        for rank, holders in members.items():
            scores = {k.score for k in holders if k.score is not None}
            mask = self.full
            for k in holders:
                if k.grade is not None:
                    mask &= 1 << self.index[k.grade]
            point = self.point_of[next(iter(scores))] if len(scores) == 1 else None
            self.ranked[rank] = Group(rank, len(holders), point, mask)
            if len(scores) > 1 or not mask:
                self.problem = f"{names_of(holders)} share rank {rank} with different figures"
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
        if self.fewest > n:  # two at #51: the ranks need 52
            return (
                f"the published ranks need at least {self.fewest} jurisdictions graded, more than the {n} there can be"
            )
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
                    names = names_of([k for k in self.known if k.score == value])
                    self.problem = self.problem or f"{names}: a score of {value:g} is not the grade given"
                graded = {letter} if letter is not None else graded
            if len(graded) > 1:
                self.problem = (
                    self.problem or f"{names_of([k for k in self.known if k.score == value])} tie with different grades"
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
            groups[place] = Group(place, (joined.size if joined else 0) + 1, point, mask)
        ordered = sorted(groups.values(), key=lambda g: g.rank)
        end = 0
        for group in ordered:
            if group.rank <= end or not group.letters:
                return False
            end = group.rank + group.size - 1
        if end > self.most:
            return False
        return Walk(self, ordered, kcount, pool).run(before, final)

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
