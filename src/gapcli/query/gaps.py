"""Policy goals across states (``gaps``): who meets a goal, who does not, and whose card does not say.

A goal is named by its number where the framework knows the phrase that names it
on cards, and otherwise by the card's own phrase. A card counts as meeting or not
meeting a goal only where it names that goal; every other jurisdiction the edition
graded is ``unknown``, with a card here or not.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from gapcli.errors import NotFound
from gapcli.model import Card, Framework
from gapcli.query import Records
from gapcli.query.cards import goals_of, graded_jurisdictions
from gapcli.states import fips

if TYPE_CHECKING:
    from gapcli.records import GapEntry, StateGap


class Goals(Records["GapEntry"]):
    """Policy goals (``GapEntry``), with the edition and what the counts are over."""

    year: int
    cards: int  # cards of the edition
    with_goal_data: int  # cards that name at least one goal
    jurisdictions: int  # the counts are over these: the jurisdictions graded (at most 51 where not published)
    jurisdictions_published: bool


def _lists_goals(framework: Framework) -> None:
    """The Protected Innocence Challenge lists no goals: that is not "no unmet goals"."""
    if not framework.goal_lists:
        raise NotFound(
            f"the {framework.year} edition ({framework.short_name}) lists no policy goals met or unmet: "
            "its cards give section scores only"
        )


def _entries(cards: list[Card], framework: Framework) -> dict[str, GapEntry]:
    graded, _ = graded_jurisdictions(framework)
    held = {c.code for c in cards}
    codes = [c.code for c in cards] + [j.code for j in graded if j.code not in held]
    user = [c.code for c in cards if c.origin == "user"]
    entries: dict[str, GapEntry] = {}
    for card in cards:
        for area in framework.issues:
            for goal in goals_of(card, framework, area.number):
                key = goal["goal"] or goal["phrase"].casefold()
                entry = entries.setdefault(
                    key,
                    {
                        "goal": goal["phrase"],
                        "id": goal["goal"],
                        "issue": area.number,
                        "issue_name": area.name,
                        "states_unmet": [],
                        "states_met": [],
                        "states_unknown": [],
                        "cards": len(cards),
                        "jurisdictions": len(codes),
                        "states_user": [],
                    },
                )
                entry["states_met" if goal["met"] else "states_unmet"].append(card.code)
    for entry in entries.values():
        named = set(entry["states_met"]) | set(entry["states_unmet"])
        entry["states_unknown"] = [code for code in codes if code not in named]
        entry["states_user"] = [code for code in user if code in named]
    return entries


def _result(cards: list[Card], framework: Framework, entries: list[GapEntry]) -> Goals:
    graded, published = graded_jurisdictions(framework)
    held = {c.code for c in cards}
    over = len(held | {j.code for j in graded})
    return Goals(
        entries,
        year=framework.year,
        cards=len(cards),
        with_goal_data=sum(1 for c in cards if c.has_goal_data()),
        jurisdictions=over,
        jurisdictions_published=published,
    )


def summary(cards: list[Card], framework: Framework) -> Goals:
    """Every goal some card leaves unmet, most often unmet first."""
    _lists_goals(framework)
    entries = [e for e in _entries(cards, framework).values() if e["states_unmet"]]
    ordered = sorted(entries, key=lambda e: (-len(e["states_unmet"]), e["issue"], e["id"] or "~", e["goal"]))
    return _result(cards, framework, ordered)


def _words(text: str) -> list[str]:
    return text.casefold().replace("-", " ").split()


def find(cards: list[Card], framework: Framework, query: str) -> Goals:
    """Goals matching a number (``1.3``), an issue area (``1``) or all the words of ``query``, with who meets them."""
    _lists_goals(framework)
    entries = _entries(cards, framework)
    wanted = query.strip().casefold()
    if wanted.isascii() and wanted.isdigit() and framework.issue(int(wanted)) is not None:
        found = [e for e in entries.values() if e["issue"] == int(wanted)]
        return _result(cards, framework, sorted(found, key=lambda e: (e["id"] or "~", e["goal"])))
    known_ids = {g.id: g for g in framework.goals}
    if wanted in known_ids:
        goal = known_ids[wanted]
        if wanted in entries:
            return _result(cards, framework, [entries[wanted]])
        raise NotFound(f"goal {goal.id} ({goal.statement}) is named on no {framework.year} card")
    words = _words(wanted)
    found = [e for e in entries.values() if words and all(w in " ".join(_words(e["goal"])) for w in words)]
    if found:
        return _result(cards, framework, sorted(found, key=lambda e: (e["issue"], e["id"] or "~", e["goal"])))
    names = [e["goal"] for e in entries.values()]
    close = difflib.get_close_matches(wanted[:80], names, n=3, cutoff=0.4)
    hint = f"; closest: {', '.join(repr(c) for c in close)}" if close else ""
    raise NotFound(f"no {framework.year} policy goal matches {query[:60]!r}{hint}")


def of_state(card: Card, framework: Framework) -> list[StateGap]:
    """One state's unmet goals, each with where to read its issue brief.

    A card that names no goal at all is not a card without gaps: that is an error.
    """
    _lists_goals(framework)
    if not card.has_goal_data():
        raise NotFound(
            f"the policy goals of {card.state}'s {card.year} card are not known (no source names them); "
            f"see what is known with 'gapcli show {card.code.lower()}@{card.year}'"
        )
    rows: list[StateGap] = []
    for area in framework.issues:
        result = card.issue(area.number)
        lists = result.goal_lists if result else None
        for goal in goals_of(card, framework, area.number):
            if not goal["met"] and lists is not None:
                rows.append(
                    {
                        "state": card.state,
                        "code": card.code,
                        "year": card.year,
                        "issue": area.number,
                        "issue_name": area.name,
                        "goal": goal["phrase"],
                        "id": goal["goal"],
                        "goal_lists": lists,
                        "brief": goal["brief"],
                        "brief_url": goal["brief_url"] or framework.links.get("issue_briefs"),
                        "fips": fips(card.code),
                    }
                )
    return rows
