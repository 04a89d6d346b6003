"""Questions on the model: pure functions, no I/O, no rendering."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from gapcli.records import EditionGrade, HistoryRow, StateGap, StateRow, TileRow  # noqa: F401 - named below

T = TypeVar("T")


class Records(list[T]):
    """An answer of several records: a list of plain dicts (``pandas.DataFrame(records)`` is one row
    per record), with what they were computed over as attributes (each subclass names its own).

    A list subclass rather than a record of a list, so that a notebook gets a table, not the fields.
    """

    def __init__(self, rows: Any = (), **about: Any) -> None:
        super().__init__(rows)
        for name, value in about.items():
            setattr(self, name, value)


class StateRows(Records["StateRow"]):
    """Who has cards (``StateRow``): ``year`` the edition listed (None: each state's default card),
    ``editions`` the years of the ``grades`` every row carries."""

    year: int | None
    editions: list[int]


class StateGaps(Records["StateGap"]):
    """One state's unmet goals (``StateGap``), from the card of ``code`` and ``year``: the one asked
    for, or (``latest``) the state's latest card that names goals; ``newer_editions`` its later cards."""

    state: str
    code: str
    year: int
    newer_editions: list[EditionGrade]
    latest: bool


class History(Records["HistoryRow"]):
    """A state in every edition (``HistoryRow``), years without an edition included."""

    state: str
    code: str


class Tiles(Records["TileRow"]):
    """The 51 tiles of the map (``TileRow``): ``label`` says what colours them (the overall grade, or
    the issue area ``issue``), ``cards`` how many tiles have a card."""

    year: int
    label: str
    issue: int | None
    cards: int
