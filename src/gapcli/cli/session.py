"""The catalog's lifetime in one run: opened when a command first needs it, closed with the run."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

from gapcli.streams import tell

if TYPE_CHECKING:
    from gapcli.catalog.catalog import Catalog


class Session:
    """The run's catalog: opened on first use (``--help`` and ``--version`` open none); when the run
    ends, however it ends, each warning about the user's data is told once and the parse cache saved.

    ``cli/run.py`` makes one per run and hands it to the command (``ctx.obj``); nothing is kept
    between runs, so a second run in one process reads the files afresh.
    """

    def __init__(self) -> None:
        self._catalog: Catalog | None = None

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            from gapcli.catalog.catalog import Catalog

            self._catalog = Catalog.open()
        return self._catalog

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        if self._catalog is not None:
            for warning in self._catalog.warnings:
                tell(f"gapcli: warning: {warning}")
            self._catalog.save_cache()
            self._catalog = None
