"""Highlights → goal phrases: "Policy goals accomplished in areas related to a, b, and c. Gaps remain …".

A stored phrase is either the card's own words for an item (after the clean-up of
``textlines``: whitespace, hyphenation, quotes) or a *known* phrase — one the framework
names a goal by, or one an earlier card printed for the same issue area — chosen because
the card's words name it. So an item of a list is one goal, as the card says it, except:

- an item that is not itself a known phrase but whose words are those of several known
  phrases is those phrases ("hearsay exceptions and victim supports", "buyer and
  trafficker accountability under state CSEC laws");
- an item that is not a known phrase takes the head of an earlier item of its list
  ("training for" of "training for law enforcement") only where that makes it one
  ("prosecutors" → "training for prosecutors").

Anything else stays as the card says it, and the import lists it as a new phrase to check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cached_property

from gapcli.errors import ParseError
from gapcli.model import Card, Framework

_MET = re.compile(r"(?<!\w)Policy goals? (?:was |were )?accomplished (?:in (?:an )?areas? )?related to ", re.IGNORECASE)
_GAPS = re.compile(r"(?<!\w)Gaps? remains? in (?:(all areas), including|(?:an )?areas? related to) ", re.IGNORECASE)
# a comma after one of these words does not end a list item: articles, prepositions, and "live" before
# its fellow adjective ("alternatives to live, in-court testimony")
_DANGLING = {"a", "an", "the", "to", "of", "for", "in", "on", "and", "or", "live"}
# words that join the phrases an item names, and belong to none of them
_FILLER = {"and", "the", "as", "well", "of", "to", "a", "an"}
_FURNITURE_IN_GOAL = re.compile(r"\bpage\b|©|report card", re.IGNORECASE)
_LIST_HEAD = re.compile(r"\baccomplished (?:in|related to)\b|\bremains? in (?:all )?areas?\b", re.IGNORECASE)
_COMMA = "\x00"  # a comma inside a known phrase, kept while the list is split at commas


class KnownPhrases:
    """The goal phrases gapcli has seen, per issue area: the framework's and earlier cards'."""

    def __init__(self, by_issue: Mapping[int, Iterable[str]]):
        self._by_issue: dict[int, dict[str, str]] = {}
        self._resolvers: dict[int, _Resolver] = {}
        for issue, phrases in by_issue.items():
            spelled = self._by_issue.setdefault(issue, {})
            for phrase in phrases:
                spelled.setdefault(_key(phrase), phrase)

    def get(self, issue: int, phrase: str) -> str | None:
        """The known spelling of ``phrase`` in the area (in any case, with or without its hyphens:
        plain pdftotext drops a hyphen at a line's end), or None."""
        return self._by_issue.get(issue, {}).get(_key(phrase))

    def of(self, issue: int) -> list[str]:
        return list(self._by_issue.get(issue, {}).values())

    @cached_property
    def words(self) -> set[str]:
        """Every word of every known phrase, in lower case."""
        return {word for spelled in self._by_issue.values() for p in spelled.values() for word in p.lower().split()}

    def resolver(self, issue: int) -> _Resolver:
        """How a goal list of the area becomes phrases (built once per area and import)."""
        if issue not in self._resolvers:
            self._resolvers[issue] = _Resolver(self, issue)
        return self._resolvers[issue]


def known_phrases(
    framework: Framework, cards: Iterable[Card] = (), printed: Mapping[int, Iterable[str]] | None = None
) -> KnownPhrases:
    """The framework's goal phrases and every phrase the given cards (of the same framework) print,
    or (``printed``) those phrases gathered already, per issue area."""
    by_issue: dict[int, list[str]] = {}
    for goal in framework.goals:
        if goal.phrase:
            by_issue.setdefault(goal.issue, []).append(goal.phrase)
    for card in cards:
        for result in card.issues:
            by_issue.setdefault(result.number, []).extend([*(result.accomplished or ()), *(result.gaps or ())])
    for issue, phrases in (printed or {}).items():
        by_issue.setdefault(issue, []).extend(phrases)
    return KnownPhrases(by_issue)


def read_highlights(
    text: str, known: KnownPhrases, number: int, source: str, line: int
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
    joined = next((start for start, *_ in marks if start and not text[start - 1].isspace()), None)
    if joined is not None:  # "defenses. ¡Gaps remain": which list the mark's neighbour belongs to is a guess
        raise ParseError(
            source, f"issue area {number}: a goal list's head is joined to {text[joined - 1 : joined + 12]!r}", line
        )
    resolver = known.resolver(number)
    for index, (_start, end, kind, match) in enumerate(marks):
        stop = marks[index + 1][0] if index + 1 < len(marks) else len(text)
        body = text[end:stop].strip().rstrip(".").strip()
        if not body:
            raise ParseError(source, f"issue area {number}: empty list after {match.group(0).strip()!r}", line)
        items = resolver.goals(body)
        for item in items:
            if _FURNITURE_IN_GOAL.search(item):
                raise ParseError(
                    source,
                    f"issue area {number}: {item[:70]!r} holds a page number or running title inside a goal list",
                    line,
                )
            if _LIST_HEAD.search(item):  # another list's head, its first letters lost: where does this list end?
                raise ParseError(
                    source, f"issue area {number}: cannot tell where a goal list ends: {item[:70]!r}", line
                )
        if kind == "met":
            met += items
        else:
            gaps += items
            all_areas = all_areas or bool(match.group(1))
    return tuple(met), tuple(gaps), all_areas


class _Resolver:
    """One issue area's known phrases, and how an item of a list becomes goal phrases."""

    def __init__(self, known: KnownPhrases, number: int):
        self.known, self.number = known, number
        self.words = [(p, _key(p).split()) for p in known.of(number)]
        self._sets = [frozenset(needle) for _, needle in self.words]  # a phrase whose words are not all there is not
        commas = [re.escape(p) for p in known.of(number) if ", " in p]
        self.with_commas = re.compile(rf"(?<!\w)(?:{'|'.join(commas)})(?!\w)", re.I) if commas else None

    def goals(self, body: str) -> list[str]:
        items = [part.strip() for fragment in self._fragments(body) for part in fragment.split(" as well as ")]
        items = [item for item in items if item]
        out: list[str] = []
        for index, item in enumerate(items):
            out += self._named(item) or self._with_head(item, items[:index]) or [item]
        return out

    def _fragments(self, body: str) -> list[str]:
        """The list split at its commas, except a comma inside a known phrase or after a dangling word."""
        if self.with_commas is not None:
            body = self.with_commas.sub(lambda m: m.group(0).replace(",", _COMMA), body)
        fragments: list[str] = []  # each as the card has it, spaces included: "education in , schools"
        for piece in body.split(", "):
            if fragments and fragments[-1].split() and fragments[-1].split()[-1].lower() in _DANGLING:
                fragments[-1] = f"{fragments[-1]}, {piece}"
                continue
            fragment = piece.strip()
            if fragment.startswith(("and ", "or ")) and fragments:
                piece = fragment.split(" ", 1)[1]
            fragments.append(piece)
        return [f.strip().replace(_COMMA, ",") for f in fragments]

    def _named(self, item: str) -> list[str] | None:
        """The known phrases the item's words name: itself, or several whose words make it up."""
        key = _key(item)
        spelled = self.known._by_issue.get(self.number, {}).get(key)  # KnownPhrases.get, the key made once
        if spelled is not None:
            return [spelled]
        words = key.split()
        present = set(words)
        matched = [
            (at, phrase, needle)
            for (phrase, needle), needed in zip(self.words, self._sets, strict=True)
            if needed <= present and (at := _positions(needle, words))
        ]
        matched = [m for m in matched if not any(m[2] != o[2] and _positions(m[2], o[2]) for o in matched)]
        covered = {w for _, _, needle in matched for w in needle}
        if len(matched) > 1 and all(w in covered or w in _FILLER for w in words):
            return [phrase for _, phrase, _ in sorted(matched)]
        return None

    def _with_head(self, item: str, before: list[str]) -> list[str] | None:
        """``prosecutors`` after ``training for law enforcement``: the head shared, where that names known goals."""
        for donor in reversed(before):
            words = donor.split()
            for length in range(len(words) - 1, 0, -1):
                named = self._named(f"{' '.join(words[:length])} {item}")
                if named:
                    return named
        return None


def _key(phrase: str) -> str:
    return " ".join(phrase.casefold().replace("-", "").split())


def _positions(needle: list[str], words: list[str]) -> tuple[int, ...]:
    """Where ``needle``'s words stand in ``words``, in order, others between (empty: not there)."""
    found: list[int] = []
    position = 0
    for wanted in needle:
        while position < len(words) and words[position] != wanted:
            position += 1
        if position == len(words):
            return ()
        found.append(position)
        position += 1
    return tuple(found)
