"""Place ranges against brute force: every configuration of small editions, enumerated.

Scores are real numbers; a grid stands for them when every open gap between two breakpoints
(known scores, band edges, the ends of the score line) holds more values than there are
jurisdictions without a known score: then any order, with any ties, of those jurisdictions
inside a gap has a grid configuration. Breakpoints sit at multiples of ``step`` for that reason.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from gapcli.query.places import Edition, Known, places


def brute_force(edition: Edition, top: int):
    """(ranges, letter places, sizes) over every configuration on the grid 0..top, or None where there is none."""
    sizes = [edition.graded] if edition.graded is not None else range(max(len(edition.known), 1), edition.most + 1)
    cards = len(edition.known)
    low = np.full(cards, 10**6)
    high = np.zeros(cards, dtype=int)
    group_low, group_high = low.copy(), high.copy()
    feasible_sizes = []
    for n in sizes:
        if n < cards:
            continue
        scores = _score_configurations(edition, top, n - cards)
        places = 1 + (scores[:, None, :] > scores[:, :, None]).sum(axis=2)  # [config, i]: 1 + those above i
        fits = np.ones(len(scores), dtype=bool)
        for i, known in enumerate(edition.known):
            if known.rank is not None:
                fits &= places[:, i] == known.rank
        found = False
        for marks in _letterings(edition, scores, top):
            ok = fits & _letters_fit(edition, n, marks)
            if not ok.any():
                continue
            found = True
            chosen, chosen_marks = places[ok][:, :cards], marks[ok]
            better = 1 + (chosen_marks[:, None, :] < chosen_marks[:, :, None]).sum(axis=2)[:, :cards]
            low, high = np.minimum(low, chosen.min(axis=0)), np.maximum(high, chosen.max(axis=0))
            group_low, group_high = (
                np.minimum(group_low, better.min(axis=0)),
                np.maximum(group_high, better.max(axis=0)),
            )
        if found:
            feasible_sizes.append(n)
    if not feasible_sizes:
        return None
    pairs = [(int(a), int(b)) for a, b in zip(low, high, strict=True)]
    return pairs, [(int(a), int(b)) for a, b in zip(group_low, group_high, strict=True)], feasible_sizes


def _letter(bands, score: int) -> str:
    for letter, (low, high, included) in bands.items():
        if low <= score < high or (included and score == high):
            return letter
    raise AssertionError(score)


def _score_configurations(edition: Edition, top: int, anonymous: int) -> np.ndarray:
    """Every score a card can have (its own, or any in its grade's band) with every multiset of scores of
    the jurisdictions without a card (they are alike), as rows."""
    grid = range(top + 1)
    cards = []
    for k in edition.known:
        scores = [k.score] if k.score is not None else list(grid)
        if edition.bands is not None and k.grade is not None:
            scores = [s for s in scores if _letter(edition.bands, s) == k.grade]
        cards.append(scores)
    products = list(itertools.product(*cards))
    chosen = np.array(products, dtype=float).reshape(len(products), len(cards))
    multisets = list(itertools.combinations_with_replacement(grid, anonymous))
    others = np.array(multisets, dtype=float).reshape(len(multisets), anonymous)
    rows = np.repeat(chosen, len(others), axis=0)
    return np.hstack([rows, np.tile(others, (len(chosen), 1))])


def _letterings(edition: Edition, scores: np.ndarray, top: int):
    """Letters as the scale gives them: the known bands, or (scale unknown) every set of cut-offs on the
    grid, the only thing a scale is: a score at or above a letter's cut-off gets that letter or a better one."""
    letters = edition.letters
    if edition.bands is not None:
        lookup = np.array([letters.index(_letter(edition.bands, s)) for s in range(top + 1)])
        yield lookup[scores.astype(int)]
        return
    for cuts in itertools.combinations_with_replacement(range(top + 2), len(letters) - 1):
        cut = np.array(sorted(cuts, reverse=True))  # best letter's cut-off first
        yield (scores[..., None] < cut).sum(axis=-1)


def _letters_fit(edition: Edition, n: int, marks: np.ndarray) -> np.ndarray:
    letters = edition.letters
    ok = np.ones(len(marks), dtype=bool)
    for i, k in enumerate(edition.known):
        if k.grade is not None:
            ok &= marks[:, i] == letters.index(k.grade)
    counts = dict(edition.counts or {})
    complete = edition.graded is not None and sum(counts.values()) == edition.graded
    for index, letter in enumerate(letters):
        wanted = counts.get(letter, 0 if complete else None)
        if wanted is not None:
            ok &= (marks == index).sum(axis=1) == wanted
    return ok


@st.composite
def editions(draw):
    """A true configuration, then a random share of its facts revealed (and now and then a wrong one)."""
    known_scale = draw(st.booleans())
    letters = (*("A", "B", "C")[: draw(st.integers(1, 3 if known_scale else 2))], "F")
    n = draw(st.integers(1, 6))
    cards = draw(st.integers(0, n))
    hidden = draw(st.integers(0, min(n, 3)))  # jurisdictions without a known score: each needs room in a gap
    anonymous = n - cards
    hidden = max(hidden, anonymous)
    step = hidden + 1
    widest = 2 if known_scale else 1  # keeps the enumeration small: unknown scales also try every set of cut-offs
    units = draw(st.lists(st.integers(1, widest), min_size=len(letters), max_size=len(letters)))
    top_units = sum(units)
    top = top_units * step
    bands = None
    if known_scale:
        bands, high, included = {}, top, True
        for letter, width in zip(letters, units, strict=True):
            low = 0 if letter == letters[-1] else high - width * step
            bands[letter] = (low, high, included)
            high, included = low, False
    ceiling = top if known_scale or draw(st.booleans()) else None
    # the true configuration: scores on the grid (breakpoints for the revealed ones), letters by the scale
    true_scores = [draw(st.integers(0, top_units)) * step for _ in range(n)]
    if known_scale:
        true_letters = [_letter(bands, s) for s in true_scores]
    else:
        cuts = sorted(draw(st.lists(st.integers(0, top + 1), min_size=len(letters) - 1, max_size=len(letters) - 1)))
        cuts = [*reversed(cuts)]

        def mark(score):
            return next((letters[i] for i, cut in enumerate(cuts) if score >= cut), letters[-1])

        true_letters = [mark(s) for s in true_scores]
    places_true = [1 + sum(1 for t in true_scores if t > s) for s in true_scores]
    known = []
    must_show = cards - (hidden - anonymous)  # the rest may hide their score: the gaps have room for them
    for i in range(cards):
        show_score = i < must_show or draw(st.booleans())
        known.append(
            Known(
                true_scores[i] if show_score else None,
                true_letters[i] if draw(st.booleans()) else None,
                places_true[i] if draw(st.integers(0, 3)) == 0 else None,
                f"J{i}",
            )
        )
    if draw(st.integers(0, 9)) == 0 and known:  # a wrong fact: the edition may have no configuration
        i = draw(st.integers(0, len(known) - 1))
        known[i] = known[i]._replace(rank=draw(st.integers(1, n)))
    truth = Counter(true_letters)
    reveal = draw(st.sampled_from(["none", "some", "all"]))
    counts = {g: truth[g] for g in letters if truth[g]} if reveal == "all" else {}
    if reveal == "some":
        counts = {g: truth[g] for g in letters if draw(st.booleans())}
    graded = n if draw(st.integers(0, 3)) else None
    edition = Edition(known, graded, bands, counts, ceiling, letters, most=n)  # the grid has room for n at most
    grid_top = top if ceiling is not None else top + step
    return edition, grid_top


def check_against_brute_force(case):
    edition, top = case
    hidden = sum(1 for k in edition.known if k.score is None)
    anonymous = (edition.graded or edition.most) - len(edition.known)
    assume((top + 1) ** hidden * math.comb(top + anonymous, anonymous) <= 40_000)  # enumerable in a moment
    expected = brute_force(edition, top)
    found = places(edition, groups=True)
    if expected is None:
        assert found.problem is not None and found.ranges == [None] * len(edition.known)
        return
    ranges, groups, sizes = expected
    assert found.problem is None
    assert found.ranges == ranges
    has_letter = [k.grade is not None or (edition.bands is not None and k.score is not None) for k in edition.known]
    assert found.groups == [g if has else None for g, has in zip(groups, has_letter, strict=True)]
    assert found.of == (min(sizes), max(sizes))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(editions())
def test_ranges_hold_every_place_the_facts_allow_and_no_other(case):
    check_against_brute_force(case)


@pytest.mark.fuzz
@settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(editions())
def test_ranges_against_brute_force_at_length(case):
    check_against_brute_force(case)


BANDS = {"A": (90, 110, True), "B": (80, 90, False), "C": (70, 80, False), "D": (60, 70, False), "F": (0, 60, False)}


def test_ties_share_a_place_and_the_next_place_skips():
    known = [Known(80), Known(70), Known(70), Known(50)]
    assert places(Edition(known, 4)).ranges == [(1, 1), (2, 2), (2, 2), (4, 4)]


def test_a_published_rank_forces_others_ahead():
    """Minnesota's #11 as the last of ten D states puts the other nine ahead of it (2021)."""
    known = [Known(72.5, "C", 1, "FL"), Known(None, "D", 11, "MN")] + [Known(None, "D") for _ in range(9)]
    known += [Known(48.5, "F", None, "IA")] + [Known(None, "F") for _ in range(39)]
    found = places(Edition(known, 51, BANDS, {"C": 1, "D": 10, "F": 40}, 110), groups=True)
    assert found.ranges[:3] == [(1, 1), (11, 11), (2, 10)]
    assert found.ranges[11] == (12, 51)  # nothing stops Iowa from being last here: no Alaska at #51
    assert found.groups[1] == found.groups[2] == (2, 2)


def test_contradicting_facts_give_no_range_and_say_why():
    known = [Known(48, "F", 31, "Arizona"), Known(50, "F", 32, "Connecticut")]
    found = places(Edition(known, None, None, {"A": 3}))
    assert found.ranges == [None, None] and found.of is None
    assert "Arizona" in found.problem and "Connecticut" in found.problem


def test_an_unknown_count_graded_gives_every_size_the_facts_allow():
    found = places(Edition([Known(10, rank=3)], None, most=5))
    assert found.of == (3, 5) and found.ranges == [(3, 3)]


def test_ranks_that_need_more_jurisdictions_than_there_can_be_are_a_contradiction():
    """Two at #51 need a 52nd: no range is made up (hypothesis found two at #2 of at most 2)."""
    found = places(Edition([Known(None, rank=51, name="X"), Known(None, rank=51, name="Y")], None, most=51))
    assert found.ranges == [None, None] and found.of is None
    assert found.problem == "the published ranks need at least 52 jurisdictions graded, more than the 51 there can be"
    assert places(Edition([Known(0, rank=2), Known(None, rank=2)], None, most=2)).problem is not None
    assert places(Edition([Known(None, rank=50, name="X"), Known(None, rank=50)], None, most=51)).of == (51, 51)
