"""Unmet policy goals across states (``gaps``).

A goal is named by its number where the framework knows the phrase that names it
on cards, and otherwise by the card's own phrase.
"""

from __future__ import annotations

import difflib

from gapcli.errors import NotFound
from gapcli.model import Card, Framework
from gapcli.query.cards import goals_of


def _entries(cards: list[Card], framework: Framework) -> dict[str, dict]:
    entries: dict[str, dict] = {}
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
                    },
                )
                entry["states_met" if goal["met"] else "states_unmet"].append(card.code)
    return entries


def summary(cards: list[Card], framework: Framework) -> list[dict]:
    """Every goal some card leaves unmet, most often unmet first."""
    entries = [e for e in _entries(cards, framework).values() if e["states_unmet"]]
    return sorted(entries, key=lambda e: (-len(e["states_unmet"]), e["issue"], e["id"] or "~", e["goal"]))


def find(cards: list[Card], framework: Framework, query: str) -> list[dict]:
    """Goals matching a number (``1.3``) or all the words of ``query``, with who meets them."""
    entries = _entries(cards, framework)
    wanted = query.strip().casefold()
    known_ids = {g.id: g for g in framework.goals}
    if wanted in known_ids:
        goal = known_ids[wanted]
        if wanted in entries:
            return [entries[wanted]]
        raise NotFound(f"goal {goal.id} ({goal.statement}) is on no {framework.year} card")
    words = wanted.split()
    found = [e for e in entries.values() if words and all(w in e["goal"].casefold() for w in words)]
    if found:
        return sorted(found, key=lambda e: (e["issue"], e["id"] or "~", e["goal"]))
    names = [e["goal"] for e in entries.values()]
    close = difflib.get_close_matches(wanted[:80], names, n=3, cutoff=0.4)
    hint = f"; closest: {', '.join(repr(c) for c in close)}" if close else ""
    raise NotFound(f"no {framework.year} policy goal matches {query[:60]!r}{hint}")


def of_state(card: Card, framework: Framework) -> list[dict]:
    """One state's unmet goals, each with where to read its issue brief."""
    rows = []
    for area in framework.issues:
        for goal in goals_of(card, framework, area.number):
            if not goal["met"]:
                rows.append(
                    {
                        "state": card.state,
                        "code": card.code,
                        "year": card.year,
                        "issue": area.number,
                        "issue_name": area.name,
                        "goal": goal["phrase"],
                        "id": goal["goal"],
                        "brief": goal["brief"],
                        "brief_url": goal["brief_url"] or framework.links.get("issue_briefs"),
                    }
                )
    return rows
