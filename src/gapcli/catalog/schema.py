"""Turn parsed TOML into model objects: types checked, unknown fields reported, nothing guessed.

Each table is read through a ``_Table`` that pops the fields it knows, so that
whatever is left over is reported by name instead of silently dropped.
"""

from __future__ import annotations

import math
from typing import Any

from gapcli.errors import DataError
from gapcli.model import (
    SCALE_BASES,
    Card,
    Citation,
    EditionFacts,
    ExtraCredit,
    Framework,
    IssueArea,
    IssueResult,
    NoEdition,
    PolicyGoal,
)

_ABSENT = object()  # a field the table does not have


class _Table:
    def __init__(self, data: object, where: str, path: str):
        if not isinstance(data, dict):
            raise DataError(path, f"{where or 'document'}: expected a table, got {type(data).__name__}")
        self.data: dict[str, Any] = dict(data)
        self.where, self.path = where, path

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def _take(self, key: str, kinds: tuple[type, ...], required: bool) -> Any:
        value = self.data.pop(key, _ABSENT)
        if value is _ABSENT:
            if required:
                raise DataError(self.path, f"missing field {self._name(key)!r}")
            return None
        if type(value) in kinds:  # the common case, decided without the checks below (a card has ~70 fields)
            return value
        if (isinstance(value, bool) and bool not in kinds) or not isinstance(value, kinds):
            wanted = " or ".join(k.__name__ for k in kinds)
            raise DataError(self.path, f"field {self._name(key)!r} must be {wanted}, got {type(value).__name__}")
        return value

    def text(self, key: str) -> str | None:
        found: str | None = self._take(key, (str,), False)
        return found

    def need_text(self, key: str) -> str:
        found: str = self._take(key, (str,), True)
        return found

    def integer(self, key: str) -> int | None:
        found: int | None = self._take(key, (int,), False)
        return found

    def need_integer(self, key: str) -> int:
        found: int = self._take(key, (int,), True)
        return found

    def number(self, key: str) -> float | None:
        value = self._take(key, (int, float), False)
        return None if value is None else self._finite(key, value)

    def need_number(self, key: str) -> float:
        return self._finite(key, self._take(key, (int, float), True))

    def _finite(self, key: str, value: float) -> float:
        if not math.isfinite(value):
            raise DataError(self.path, f"field {self._name(key)!r} must be a finite number, got {value}")
        return float(value)

    def flag(self, key: str) -> bool:
        return bool(self._take(key, (bool,), False))

    def texts(self, key: str) -> tuple[str, ...]:
        return self.optional_texts(key) or ()

    def optional_texts(self, key: str) -> tuple[str, ...] | None:
        """A list of strings, or ``None`` where the field is absent (not known)."""
        values = self._take(key, (list,), False)
        if values is None:
            return None
        for index, value in enumerate(values):
            if not isinstance(value, str):
                raise DataError(self.path, f"{self._name(key)}[{index}] must be str, got {type(value).__name__}")
        return tuple(values)

    def tables(self, key: str) -> list[_Table]:
        values = self._take(key, (list,), False) or []
        return [_Table(value, f"{self._name(key)}[{index}]", self.path) for index, value in enumerate(values)]

    def mapping(self, key: str) -> dict[str, str]:
        table = _Table(self._take(key, (dict,), False) or {}, self._name(key), self.path)
        return {name: table.need_text(name) for name in list(table.data)}

    def done(self) -> None:
        if self.data:
            names = ", ".join(repr(self._name(key)) for key in sorted(self.data))
            raise DataError(self.path, f"unknown field{'s' if len(self.data) > 1 else ''} {names}")


def framework_from_dict(data: dict[str, Any], path: str) -> Framework:
    top = _Table(data, "", path)
    year = top.need_integer("year")
    name = top.need_text("name")
    max_score = top.number("max_score")
    scale_table = top._take("scale", (dict,), False)
    scale = None
    if scale_table is not None:
        scale_reader = _Table(scale_table, "scale", path)
        scale = tuple(
            sorted(((letter, scale_reader.need_number(letter)) for letter in list(scale_table)), key=lambda p: -p[1])
        )
    issues = []
    for area in top.tables("issues"):
        issues.append(IssueArea(area.need_integer("number"), area.need_text("name"), area.number("max_score")))
        area.done()
    goals = []
    for goal in top.tables("goals"):
        goals.append(
            PolicyGoal(
                goal.need_text("id"), goal.need_integer("issue"), goal.need_text("statement"), goal.text("phrase")
            )
        )
        goal.done()
    facts = _facts(top._take("facts", (dict,), False), path)
    basis = top.text("scale_basis") or "percent"  # files from before the field grade on a percentage
    if basis not in SCALE_BASES:
        raise DataError(path, f"field 'scale_basis' must be one of {', '.join(SCALE_BASES)}, got {basis!r}")
    framework = Framework(
        year=year,
        name=name,
        id=top.need_text("id"),
        short_name=top.text("short_name") or name,
        issues=tuple(issues),
        max_score=max_score,
        extra_credit_max=top.number("extra_credit_max"),
        scale=scale,
        scale_basis="points" if basis == "points" else "percent",
        tiers=_defined(top, "tiers"),
        issue_grades=_defined(top, "issue_grades"),
        goal_lists=_defined(top, "goal_lists"),
        extra_credit=top.texts("extra_credit"),
        goals=tuple(goals),
        links=top.mapping("links"),
        notes=top.texts("notes"),
        facts=facts,
    )
    top.done()
    return framework


def _defined(table: _Table, key: str) -> bool:
    """A figure every card of the framework has, unless the file says ``KEY = false``."""
    value = table._take(key, (bool,), False)
    return True if value is None else bool(value)


def _facts(data: dict[str, Any] | None, path: str) -> EditionFacts:
    if data is None:
        return EditionFacts()
    table = _Table(data, "facts", path)
    counts_table = _Table(table._take("grade_counts", (dict,), False) or {}, "facts.grade_counts", path)
    counts = {letter: counts_table.integer(letter) for letter in list(counts_table.data)}
    facts = EditionFacts(
        released=table.text("released"),
        grade_counts={k: v for k, v in counts.items() if v is not None},
        graded=table.integer("graded"),
        national_average=table.number("national_average"),
        ranked=table.integer("ranked"),
        goal_points=table.number("goal_points"),
        counts_consistent=_defined(table, "counts_consistent"),
        counts_note=table.text("counts_note"),
        most_improved=table.text("most_improved"),
        highlights=table.texts("highlights"),
        not_graded=tuple(table.texts("not_graded")),
        citations=_citations(table),
    )
    table.done()
    return facts


def no_editions_from_dict(data: dict[str, Any], path: str) -> dict[int, NoEdition]:
    """``[[years]]`` without an edition, each with why (``reason``) and its ``[[years.sources]]``."""
    top = _Table(data, "", path)
    found = {}
    for entry in top.tables("years"):
        year = entry.need_integer("year")
        found[year] = NoEdition(year, entry.need_text("reason"), _citations(entry))
        entry.done()
    top.done()
    return found


def _citations(table: _Table) -> tuple[Citation, ...]:
    citations = []
    for entry in table.tables("sources"):
        citations.append(Citation(entry.texts("fields"), entry.need_text("url"), entry.text("note") or ""))
        entry.done()
    return tuple(citations)


def _issue_result(table: _Table) -> IssueResult:
    """Without ``partial``, a card that gives one goal list gives both: a missing one is empty."""
    number, grade, score = table.need_integer("number"), table.text("grade"), table.number("score")
    accomplished, gaps = table.optional_texts("accomplished"), table.optional_texts("gaps")
    partial = table.flag("partial")
    if not partial and (accomplished is not None or gaps is not None):
        accomplished, gaps = accomplished or (), gaps or ()
    flags = table.flag("gaps_in_all_areas"), partial
    return IssueResult(number, grade, score, accomplished, gaps, *flags, max_score=table.number("max_score"))


def card_from_dict(data: dict[str, Any], path: str, origin: str) -> Card:
    top = _Table(data, "", path)
    issues = []
    for table in top.tables("issues"):
        issues.append(_issue_result(table))
        table.done()
    extra = []
    for table in top.tables("extra_credit"):
        extra.append(ExtraCredit(table.text("category"), table.need_number("points"), table.text("description")))
        table.done()
    citations = _citations(top)
    card = Card(
        state=top.need_text("state"),
        code=top.need_text("code"),
        year=top.need_integer("year"),
        grade=top.text("grade"),
        score=top.number("score"),
        tier=top.text("tier"),
        published_rank=top.integer("published_rank"),
        issues=tuple(issues),
        extra_credit=tuple(extra),
        links=top.mapping("links"),
        citations=tuple(citations),
        derived=top.texts("derived"),
        origin=origin,
        path=path,
    )
    top.done()
    return card
