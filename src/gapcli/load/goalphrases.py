"""Highlights → goal phrases: "Policy goals accomplished in areas related to a, b, and c. Gaps remain …".

Each item of a list is one goal, in the card's own words, except where the framework
knows the goals an item names ("buyer and trafficker accountability under state CSEC
laws" is two) or a shared head is distributed ("training for law enforcement,
prosecutors, and school personnel" is three).
"""

from __future__ import annotations

import re

from gapcli.errors import ParseError
from gapcli.model import Framework, PolicyGoal

_MET = re.compile(r"Policy goals? (?:was |were )?accomplished (?:in (?:an )?areas? )?related to ", re.IGNORECASE)
_GAPS = re.compile(r"Gaps? remains? in (?:(all areas), including|(?:an )?areas? related to) ", re.IGNORECASE)
# a comma after one of these words does not end a list item ("alternatives to live, in-court testimony")
_DANGLING = {"a", "an", "the", "to", "of", "for", "in", "on", "and", "or", "live"}
_FILLER = {"and", "the", "as", "well", "of", "to", "a", "an"}
# heads a card shares among several objects: "training for law enforcement, prosecutors, and ..."
_HEADS = ("training for", "screening through")
_BARE_OBJECT_WORDS = 3
_FURNITURE_IN_GOAL = re.compile(r"\bpage\b|©|report card", re.IGNORECASE)


def read_highlights(
    text: str, framework: Framework, number: int, source: str, line: int
) -> tuple[tuple[str, ...], tuple[str, ...], bool]:
    met: list[str] = []
    gaps: list[str] = []
    all_areas = False
    marks = sorted(
        [(m.start(), m.end(), "met", m) for m in _MET.finditer(text)]
        + [(m.start(), m.end(), "gaps", m) for m in _GAPS.finditer(text)]
    )
    if not marks or text[: marks[0][0]].strip():
        raise ParseError(source, f"issue area {number}: cannot read highlights {text[:80]!r}", line)
    for index, (_start, end, kind, match) in enumerate(marks):
        stop = marks[index + 1][0] if index + 1 < len(marks) else len(text)
        body = text[end:stop].strip().rstrip(".").strip()
        if not body:
            raise ParseError(source, f"issue area {number}: empty list after {match.group(0).strip()!r}", line)
        items = _goal_items(body, framework, number)
        for item in items:
            if _FURNITURE_IN_GOAL.search(item):
                raise ParseError(
                    source, f"issue area {number}: {item[:70]!r} holds page furniture; remove it from the text", line
                )
        if kind == "met":
            met += items
        else:
            gaps += items
            all_areas = all_areas or bool(match.group(1))
    return tuple(met), tuple(gaps), all_areas


def _goal_items(body: str, framework: Framework, number: int) -> list[str]:
    """Split "a, b, c, and d" into items, then name known goals where an item covers them."""
    fragments: list[str] = []
    for fragment in (f.strip() for f in body.split(", ")):
        if fragment.startswith("and "):
            fragment = fragment[4:]
        if fragments and fragments[-1].split()[-1].lower() in _DANGLING:
            fragments[-1] = f"{fragments[-1]}, {fragment}"
        else:
            fragments.append(fragment)
    items = [part.strip() for fragment in _distribute_head(fragments) for part in fragment.split(" as well as ")]
    goals = [g for g in framework.goals if g.issue == number and g.phrase]
    return [phrase for item in items for phrase in _expand(item, goals)]


def _distribute_head(fragments: list[str]) -> list[str]:
    """``training for law enforcement, prosecutors, and school personnel`` names three goals.

    The head of the first item is given to every later item only when all of them are
    bare objects (a few words, no head of their own), so a list of unrelated goals is kept.
    """
    head = next((h for h in _HEADS if fragments[0].lower().startswith(h + " ")), None)
    rest = fragments[1:]
    if head is None or not rest:
        return fragments
    if any(len(f.split()) > _BARE_OBJECT_WORDS or f.lower().startswith(_HEADS) for f in rest):
        return fragments
    return [fragments[0]] + [f"{fragments[0][: len(head)]} {f}" for f in rest]


def _expand(item: str, goals: list[PolicyGoal]) -> list[str]:
    """``buyer and trafficker accountability under state CSEC laws`` → the two goals it names."""
    words = item.lower().split()
    phrases = [g.phrase for g in goals if g.phrase]
    matched = [p for p in phrases if _is_subsequence(p.lower().split(), words)]
    covered = {w for p in matched for w in p.lower().split()}
    if matched and all(w in covered or w in _FILLER for w in words):
        return matched
    return [item]


def _is_subsequence(needle: list[str], words: list[str]) -> bool:
    remaining = iter(words)
    return all(any(word == wanted for word in remaining) for wanted in needle)
