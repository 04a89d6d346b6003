"""Arguments as people give them, made the values the questions take; what cannot be one is an InvalidValue.

One rule per kind of argument, for the library and the command line alike, so both say the
same thing in the same words: a year is an int or four ASCII digits; a grade or tier is
one of the model's, in any case; ``top`` a whole number of at least 1; an issue area or
figure (``by``) a number or words of its name; a goal id a string such as "1.4".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from gapcli.errors import InvalidValue
from gapcli.model import GRADES, TIERS


def _shown(value: object) -> str:
    return repr(str(value)[:40])


def year(value: int | str | None, name: str = "year") -> int | None:
    """2021 or "2021" -> 2021; not "2021.0", not "٢٠٢١", not True."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and len(value) == 4 and value.isascii() and value.isdigit():
        return int(value)
    raise InvalidValue(name, f"expected a year such as 2021, got {str(value)[:20]!r}")


def choice(value: str | None, choices: tuple[str, ...], name: str) -> str | None:
    """One of ``choices``, matched in any case, written as the model writes it."""
    if value is None:
        return None
    found = {c.casefold(): c for c in choices}.get(value.casefold()) if isinstance(value, str) else None
    if found is None:
        raise InvalidValue(
            name, f"expected one of {', '.join(choices)}; got {_shown(value)}{suggestion(value, choices)}"
        )
    return found


def suggestion(value: object, choices: Sequence[str], meant: Mapping[str, str] | None = None) -> str:
    """ "; did you mean json?" for a near miss of one of ``choices`` (a typo, or a word ``meant`` for
    one: "score" for overall), else "": only a close value is suggested, never the least far one."""
    import difflib

    wanted = str(value).strip().casefold()
    folded = {choice.casefold(): choice for choice in choices}
    close = difflib.get_close_matches(wanted, folded, n=1, cutoff=0.75) if len(wanted) > 2 else []
    found = (meant or {}).get(wanted) or (folded[close[0]] if close else None)
    return f"; did you mean {found}?" if found else ""


def grade(value: str | None, name: str = "grade") -> str | None:
    return choice(value, GRADES, name)


def tier(value: str | None, name: str = "tier") -> str | None:
    return choice(value, TIERS, name)


def several(value: str | Sequence[str] | None, choices: tuple[str, ...], name: str) -> tuple[str, ...] | None:
    """Any of ``choices``: "A,B,C,D" or ["A", "b,c"] -> ("A", "B", "C", "D"), each once, in the order given."""
    if value is None:
        return None
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, Sequence) or not items:
        raise InvalidValue(name, f"expected one or more of {', '.join(choices)}; got {_shown(value)}")
    found: dict[str, None] = {}
    for item in items:
        for part in item.split(",") if isinstance(item, str) else [item]:
            found[choice(part.strip() if isinstance(part, str) else part, choices, name) or ""] = None
    return tuple(found)


def grades(value: str | Sequence[str] | None, name: str = "grade") -> tuple[str, ...] | None:
    return several(value, GRADES, name)


def tiers(value: str | Sequence[str] | None, name: str = "tier") -> tuple[str, ...] | None:
    return several(value, TIERS, name)


def top(value: int | None, name: str = "top") -> int | None:
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidValue(name, f"expected a whole number, got {_shown(value)}")
    if value < 1:
        raise InvalidValue(name, f"expected a number of at least 1, got {_shown(value)}")
    return value


def text(value: str, name: str, what: str) -> str:
    """A state, a selector, a query: text (``what`` says what kind, for the message)."""
    if not isinstance(value, str):
        raise InvalidValue(name, f"expected {what}, got {_shown(value)} ({type(value).__name__})")
    return value


def optional_text(value: str | None, name: str, what: str) -> str | None:
    return None if value is None else text(value, name, what)


def by(value: str | int, name: str = "by") -> str:
    """A figure of the whole card ("overall", "grade", "published") or an issue area, by number or name."""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return text(value, name, "overall, grade, published, an issue number or part of an issue name")  # type: ignore[arg-type]  # a bool, refused there


def goal(value: str | int | None, name: str = "query") -> str | None:
    """Words of a policy goal, its id ("1.4": a string, as 1.10 is not 1.1) or an issue area number."""
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return text(value, name, 'words of a policy goal or its id as a string, such as "1.4"')  # type: ignore[arg-type]  # a bool, refused there


def flag(value: bool, name: str) -> bool:
    if not isinstance(value, bool):
        raise InvalidValue(name, f"expected True or False, got {_shown(value)}")
    return value
