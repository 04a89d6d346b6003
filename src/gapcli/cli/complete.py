"""Shell completion for arguments and option values (bash, zsh and fish via Typer/Click).

Names complete in any case, as they are matched: ``N<TAB>`` offers nebraska, nevada, ...
"""

from __future__ import annotations

from gapcli.states import JURISDICTIONS

GRADE_LETTERS = ("A", "B", "C", "D", "F")
TIER_NAMES = ("I", "II", "III")
BY_FIGURES = ("overall", "grade", "published", "1", "2", "3", "4", "5", "6")


def _starting(choices: tuple[str, ...] | list[str], incomplete: str) -> list[str]:
    wanted = incomplete.casefold()
    return [c for c in choices if c.casefold().startswith(wanted)]


def complete_state(incomplete: str) -> list[str]:
    name, at, _ = incomplete.partition("@")
    if at:
        return [f"{name}@{year}" for year in complete_year("")]
    wanted = name.casefold().replace(" ", "-")
    return [j.slug for j in JURISDICTIONS if j.slug.startswith(wanted) or j.code.casefold() == wanted]


def complete_year(incomplete: str) -> list[str]:
    """Editions with a framework file, bundled or the user's; file names only, nothing parsed."""
    from gapcli.load.catalog import bundled_data_dir, user_data_dir

    years: set[str] = set()
    for root in (bundled_data_dir(), user_data_dir()):
        try:
            years |= {p.stem for p in (root / "frameworks").glob("*.toml") if p.stem.isdigit()}
        except OSError:
            continue
    return _starting(sorted(years), incomplete)


def complete_format(incomplete: str) -> list[str]:
    from gapcli.render import FORMATS

    return _starting(list(FORMATS), incomplete)


def complete_grade(incomplete: str) -> list[str]:
    return _starting(GRADE_LETTERS, incomplete)


def complete_tier(incomplete: str) -> list[str]:
    return _starting(TIER_NAMES, incomplete)


def complete_by(incomplete: str) -> list[str]:
    return _starting(BY_FIGURES, incomplete)
