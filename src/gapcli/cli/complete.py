"""Shell completion for arguments and option values (bash, zsh and fish via Typer/Click).

Names complete in any case, as they are matched: ``N<TAB>`` offers Nebraska, Nevada, ...
(the typed part is kept as typed: the shells, and Typer, keep only what starts with it).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from gapcli.model import GRADES, TIERS
from gapcli.states import JURISDICTIONS

SHELLS = ("bash", "zsh", "fish")
if TYPE_CHECKING:
    ShellName = str
else:
    ShellName = Literal[SHELLS]
PROG, COMPLETE_VAR = "gapcli", "_GAPCLI_COMPLETE"


def _starting(choices: tuple[str, ...] | list[str], incomplete: str) -> list[str]:
    """The choices that start with ``incomplete`` in any case, written in the case it was typed in."""
    wanted = incomplete.casefold()
    found = [c for c in choices if c.casefold().startswith(wanted)]
    if incomplete.islower():
        return [c.lower() for c in found]
    if incomplete.isupper() and len(incomplete) > 1:
        return [c.upper() for c in found]
    return [incomplete + c[len(incomplete) :] for c in found]


def complete_state(incomplete: str) -> list[str]:
    name, at, _ = incomplete.partition("@")
    if at:
        return [f"{name}@{year}" for year in complete_year("")]
    return _starting([j.slug for j in JURISDICTIONS], name.replace(" ", "-"))


def complete_year(incomplete: str) -> list[str]:
    """Editions with a framework file, bundled or the user's; file names only, nothing parsed."""
    from gapcli.catalog.folders import bundled_data_dir, user_data_dir

    years: set[str] = set()
    for root in (bundled_data_dir(), user_data_dir()):
        try:
            years |= {p.stem for p in (root / "frameworks").glob("*.toml") if p.stem.isdigit()}
        except OSError:
            continue
    return _starting(sorted(years), incomplete)


def complete_format(incomplete: str) -> list[str]:
    from gapcli.formats import FORMATS

    return _starting(list(FORMATS), incomplete)


def complete_grade(incomplete: str) -> list[str]:
    return _starting(GRADES, incomplete)


def complete_tier(incomplete: str) -> list[str]:
    return _starting(TIERS, incomplete)


def complete_output(incomplete: str) -> list[str]:
    """The commands whose JSON output ``gapcli schema`` describes."""
    from gapcli.contract import outputs

    return _starting(list(outputs()), incomplete)


def complete_by(incomplete: str) -> list[str]:
    """The figures of a whole card, then the issue areas of the default edition (its framework is read)."""
    from gapcli.query.select import FIGURES

    return _starting([*FIGURES, *_issue_numbers()], incomplete)


def _issue_numbers() -> list[str]:
    from gapcli.catalog.catalog import Catalog
    from gapcli.errors import GapcliError

    try:
        cards = Catalog.open()
        try:
            return [str(area.number) for area in cards.edition(None).issues]
        finally:
            cards.save_cache()
    except (GapcliError, OSError):  # completion offers what it can; it never fails the shell
        return []


def serve_completion() -> None:
    """Teach Click Typer's completion protocol, only when a shell asks (it costs start-up otherwise)."""
    if os.environ.get(COMPLETE_VAR):
        from typer._completion_classes import completion_init

        completion_init()


def completion_script(shell: str) -> str:
    """The script for ``shell``; Typer writes it (its completion protocol is Typer's, so is the script)."""
    from typer._completion_shared import get_completion_script

    return get_completion_script(prog_name=PROG, complete_var=COMPLETE_VAR, shell=shell)


def install_completion(shell: str) -> Path:
    """Add the script to ``shell``'s start-up files, as Typer does (it appends; it overwrites nothing)."""
    from typer._completion_shared import install

    _, path = install(shell=shell, prog_name=PROG, complete_var=COMPLETE_VAR)
    return path
