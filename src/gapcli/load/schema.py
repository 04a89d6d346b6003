"""Turn parsed TOML into model objects: types checked, unknown fields reported, nothing guessed.

Each table is read through a ``_Table`` that pops the fields it knows, so that
whatever is left over is reported by name instead of silently dropped.
"""

from __future__ import annotations

from gapcli.errors import DataError
from gapcli.model import (
    Card,
    Citation,
    ExtraCredit,
    Framework,
    IssueArea,
    IssueResult,
    PolicyGoal,
)


class _Table:
    def __init__(self, data: object, where: str, path: str):
        if not isinstance(data, dict):
            raise DataError(path, f"{where or 'document'}: expected a table, got {type(data).__name__}")
        self.data, self.where, self.path = dict(data), where, path

    def _name(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def _take(self, key: str, kinds: tuple[type, ...], required: bool):
        if key not in self.data:
            if required:
                raise DataError(self.path, f"missing field {self._name(key)!r}")
            return None
        value = self.data.pop(key)
        if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
            wanted = " or ".join(k.__name__ for k in kinds)
            raise DataError(self.path, f"field {self._name(key)!r} must be {wanted}, got {type(value).__name__}")
        return value

    def text(self, key: str, required: bool = False) -> str | None:
        return self._take(key, (str,), required)

    def integer(self, key: str, required: bool = False) -> int | None:
        return self._take(key, (int,), required)

    def number(self, key: str, required: bool = False) -> float | None:
        value = self._take(key, (int, float), required)
        return None if value is None else float(value)

    def flag(self, key: str) -> bool:
        return bool(self._take(key, (bool,), False))

    def texts(self, key: str) -> tuple[str, ...]:
        values = self._take(key, (list,), False) or []
        for index, value in enumerate(values):
            if not isinstance(value, str):
                raise DataError(self.path, f"{self._name(key)}[{index}] must be str, got {type(value).__name__}")
        return tuple(values)

    def tables(self, key: str) -> list[_Table]:
        values = self._take(key, (list,), False) or []
        return [_Table(value, f"{self._name(key)}[{index}]", self.path) for index, value in enumerate(values)]

    def mapping(self, key: str) -> dict[str, str]:
        table = _Table(self._take(key, (dict,), False) or {}, self._name(key), self.path)
        result = {name: table.text(name) for name in list(table.data)}
        return result

    def done(self) -> None:
        if self.data:
            names = ", ".join(repr(self._name(key)) for key in sorted(self.data))
            raise DataError(self.path, f"unknown field{'s' if len(self.data) > 1 else ''} {names}")


def framework_from_dict(data: dict, path: str) -> Framework:
    top = _Table(data, "", path)
    year = top.integer("year", required=True)
    name = top.text("name", required=True)
    max_score = top.number("max_score")
    scale_table = top._take("scale", (dict,), False)
    scale = None
    if scale_table is not None:
        scale_reader = _Table(scale_table, "scale", path)
        scale = tuple(
            sorted(((letter, scale_reader.number(letter)) for letter in list(scale_table)), key=lambda p: -p[1])
        )
    issues = []
    for area in top.tables("issues"):
        issues.append(IssueArea(area.integer("number", True), area.text("name", True), area.number("max_score")))
        area.done()
    goals = []
    for goal in top.tables("goals"):
        goals.append(
            PolicyGoal(goal.text("id", True), goal.integer("issue", True), goal.text("statement", True), goal.text("phrase"))
        )
        goal.done()
    framework = Framework(
        year=year,
        name=name,
        short_name=top.text("short_name") or name,
        issues=tuple(issues),
        max_score=max_score,
        extra_credit_max=top.number("extra_credit_max"),
        scale=scale,
        extra_credit=top.texts("extra_credit"),
        goals=tuple(goals),
        links=top.mapping("links"),
        notes=top.texts("notes"),
    )
    top.done()
    return framework


def card_from_dict(data: dict, path: str, origin: str) -> Card:
    top = _Table(data, "", path)
    issues = []
    for table in top.tables("issues"):
        issues.append(
            IssueResult(
                number=table.integer("number", True),
                grade=table.text("grade"),
                score=table.number("score"),
                accomplished=table.texts("accomplished"),
                gaps=table.texts("gaps"),
                gaps_in_all_areas=table.flag("gaps_in_all_areas"),
            )
        )
        table.done()
    extra = []
    for table in top.tables("extra_credit"):
        extra.append(ExtraCredit(table.text("category", True), table.number("points", True), table.text("description") or ""))
        table.done()
    citations = []
    for table in top.tables("sources"):
        citations.append(Citation(table.texts("fields"), table.text("url", True), table.text("note") or ""))
        table.done()
    card = Card(
        state=top.text("state", True),
        code=top.text("code", True),
        year=top.integer("year", True),
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
