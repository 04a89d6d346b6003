"""Model → TOML text: a card as the file ``import`` writes (``files.journal`` writes it whole)."""

from __future__ import annotations

import json

from gapcli.model import Card


def _string(value: str) -> str:
    # JSON string escapes are valid TOML basic-string escapes, except that TOML also forbids raw DEL
    return json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _strings(values: tuple[str, ...]) -> str:
    if not values:
        return "[]"
    return "[\n" + "".join(f"    {_string(v)},\n" for v in values) + "]"


def card_to_toml(card: Card) -> str:
    out = [f"state = {_string(card.state)}", f"code = {_string(card.code)}", f"year = {card.year}"]
    for name in ("grade", "score", "tier", "published_rank"):
        value = getattr(card, name)
        if value is not None:
            out.append(f"{name} = {_string(value) if isinstance(value, str) else _number(value)}")
    if card.derived:
        out.append(f"derived = {_strings(card.derived)}")
    if card.links:
        out += ["", "[links]"] + [f"{key} = {_string(url)}" for key, url in card.links.items()]
    for result in card.issues:
        out += ["", "[[issues]]", f"number = {result.number}"]
        if result.grade is not None:
            out.append(f"grade = {_string(result.grade)}")
        if result.score is not None:
            out.append(f"score = {_number(result.score)}")
        if result.max_score is not None:
            out.append(f"max_score = {_number(result.max_score)}")
        if result.partial:
            out.append("partial = true")
        for name, phrases in (("accomplished", result.accomplished), ("gaps", result.gaps)):
            if phrases:  # a complete area's empty list is implied by the other (data/README.md)
                out.append(f"{name} = {_strings(phrases)}")
        if result.gaps_in_all_areas:
            out.append("gaps_in_all_areas = true")
    for extra in card.extra_credit:
        out += ["", "[[extra_credit]]"]
        if extra.category is not None:
            out.append(f"category = {_string(extra.category)}")
        out.append(f"points = {_number(extra.points)}")
        if extra.description is not None:
            out.append(f"description = {_string(extra.description)}")
    for citation in card.citations:
        out += ["", "[[sources]]", f"fields = {_strings(citation.fields)}", f"url = {_string(citation.url)}"]
        if citation.note:
            out.append(f"note = {_string(citation.note)}")
    return "\n".join(out) + "\n"
