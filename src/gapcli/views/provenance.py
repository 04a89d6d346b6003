"""Where the figures come from, said the same way in every export: the source line and how to cite.

A citation is shown as a public link or as its source's own words (its note), never as a
path inside gapcli's repository, which no reader of an export has.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from gapcli import __version__

if TYPE_CHECKING:
    from gapcli.model import Framework

PUBLISHER = "Shared Hope International"
CODE_LICENCE = "MIT"
STATEMENT = (
    "Every figure comes from Shared Hope International's published state report cards, or from press "
    "releases and news reports that quote them; each card cites its sources. Nothing is estimated: "
    "a figure no source gives is empty (unknown). The report cards are Shared Hope International's work; "
    "gapcli's code and this database layout are MIT-licensed."
)
HOW_TO_CITE = (
    "Cite the report cards: Shared Hope International, <report card series>, <year>, "
    "and say the figures were compiled with gapcli <version>."
)
# a relative path to a data file ("data/sources/editions.md", "text/2021/connecticut.txt"): only a checkout has it
_REPOSITORY_PATH = re.compile(r"(?<![\w/:.])(?:\./)?[\w.-]+(?:/[\w.-]+)+\.(?:txt|md|tsv|csv|toml|pdf)\b")


@cache  # the same few sources are cited on card after card
def public_url(url: str) -> str | None:
    """The citation's URL if it is a public http(s) link; None for anything else (a file path)."""
    from gapcli.views.blocks import is_web_link

    return url if is_web_link(url) else None


def is_repository_path(text: str) -> bool:
    return _REPOSITORY_PATH.fullmatch(text.strip()) is not None


def citation_shown(url: str, note: str) -> str | None:
    """How a citation is shown to a reader: its URL, else (a repository path) its note, else nothing."""
    if not is_repository_path(url):
        return url
    return without_paths(note) or None


@cache
def without_paths(text: str) -> str:
    """``text`` with any repository path (``data/sources/...``) taken out."""
    return re.sub(r"\s+([,;.)])", r"\1", _REPOSITORY_PATH.sub("", text)).strip(" ,;:")


def years_text(years: Iterable[int]) -> str:
    """2011, 2012, 2013, 2015 → "2011–2013, 2015": runs of three or more consecutive years shortened."""
    ordered = sorted(set(years))
    parts: list[str] = []
    start = 0
    for index in range(1, len(ordered) + 1):
        if index == len(ordered) or ordered[index] != ordered[index - 1] + 1:
            run = ordered[start:index]
            parts += [f"{run[0]}–{run[-1]}"] if len(run) >= 3 else [str(y) for y in run]
            start = index
    return ", ".join(parts)


def source_line(frameworks: Iterable[Framework]) -> str:
    """ "Source: Shared Hope International, <series>, <years> — via gapcli X.Y" (series in the editions' order)."""
    series: dict[str, list[int]] = {}
    for framework in sorted(frameworks, key=lambda f: f.year):
        series.setdefault(_series(framework), []).append(framework.year)
    named = "; ".join(f"{name}, {years_text(years)}" for name, years in series.items())
    return f"Source: {PUBLISHER}, {named or 'report cards'} — via gapcli {__version__}"


def _series(framework: Framework) -> str:
    """The framework's name without its parenthesised aside: the series a reader looks up."""
    return re.sub(r"\s*\([^)]*\)\s*$", "", framework.name) or framework.name
