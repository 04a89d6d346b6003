"""Rebuild data/cards/ from the report-card sources in data/sources/, figure for figure.

    python scripts/build_cards.py                           # rebuild from data/sources/
    python scripts/build_cards.py --bring-in ../shared/cards  # copy new material in first

Sources: figures.tsv (single published figures, each with its source) and
text/YEAR/STATE.txt (full card texts, read with gapcli's own card-text parser).
Figures not printed anywhere follow by counting or arithmetic from printed ones,
and the card says so (``derived``): the 2021 F grades of jurisdictions no source
names (from the published grade counts), and extra credit where a source gives a
score and all six issue scores (its categories stay unknown).
tests/load/test_bundled.py runs this into memory and compares with data/cards/.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "data" / "sources"
sys.path.insert(0, str(ROOT / "src"))

from gapcli.load.cardtext import parse_card_text  # noqa: E402
from gapcli.load.catalog import Catalog  # noqa: E402
from gapcli.load.save import card_to_toml  # noqa: E402
from gapcli.model import Card, Citation, ExtraCredit, Framework, IssueResult  # noqa: E402
from gapcli.states import JURISDICTIONS, by_code, resolve  # noqa: E402

# 2021: 1 C, 10 D, 40 F; every jurisdiction that no source grades is therefore F.
COUNTS_2021 = {"C": 1, "D": 10, "F": 40}
DERIVED_2021 = Citation(
    ("grade",),
    "https://sharedhope.org/category/news/page/5",
    "derived by counting: the 2021 edition gave 1 C (Florida), 10 D (the ten states named with a D) and "
    "40 F ('D (10) or F (40) grades'; newswire.com, Nov 2021: '39 states and the District of Columbia (D.C.) "
    "earned a failing grade'), so every jurisdiction not named with a C or D got an F; no score is published",
)
GOAL_LISTS = ("accomplished", "gaps")
PHRASE_SEPARATOR = "; "


def read_figures(path: Path) -> dict[tuple[int, str], list[dict[str, str]]]:
    rows: dict[tuple[int, str], list[dict[str, str]]] = defaultdict(list)
    previous = ""
    with path.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row["source"] == "same":
                row["source"] = previous
            previous = row["source"]
            rows[int(row["year"]), resolve(row["state"]).code].append(row)
    return rows


def figure_card(year: int, code: str, rows: list[dict[str, str]]) -> Card:
    place = by_code(code)
    values: dict[str, str] = {}
    cited: dict[str, tuple[list[str], list[str]]] = {}
    for row in rows:
        name, value = row["field"], row["value"]
        if name in values and values[name] != value:
            raise SystemExit(f"{year} {place.name} {name}: {values[name]} and {value} disagree")
        values[name] = value
        fields, notes = cited.setdefault(row["source"], ([], []))
        if name not in fields:
            fields.append(name)
        if row["note"] and row["note"] not in notes:
            notes.append(row["note"])
    issues: dict[int, dict[str, str]] = defaultdict(dict)
    for name, value in values.items():
        if name.startswith("issue"):
            number, what = name[len("issue") :].split("_")
            issues[int(number)][what] = value
    return Card(
        state=place.name,
        code=code,
        year=year,
        grade=values.get("grade"),
        score=float(values["score"]) if "score" in values else None,
        tier=values.get("tier"),
        published_rank=int(values["rank"]) if "rank" in values else None,
        issues=tuple(_issue(n, issues[n]) for n in sorted(issues)),
        citations=tuple(Citation(tuple(f), url, " | ".join(n)) for url, (f, n) in cited.items()),
    )


def _issue(number: int, values: dict[str, str]) -> IssueResult:
    """A source that names goals names only some: the area's lists are partial."""
    lists = {name: tuple(values[name].split(PHRASE_SEPARATOR)) if name in values else None for name in GOAL_LISTS}
    return IssueResult(
        number,
        values.get("grade"),
        float(values["score"]) if "score" in values else None,
        lists["accomplished"],
        lists["gaps"],
        partial=any(value is not None for value in lists.values()),
    )


def with_extra_credit(card: Card, framework: Framework) -> Card:
    """A score above the sum of all issue scores: the rest is extra credit, by arithmetic."""
    scores = [r.score for area in framework.issues if (r := card.issue(area.number)) is not None]
    if (
        card.score is None
        or card.extra_credit
        or not framework.issues
        or len(scores) < len(framework.issues)
        or None in scores
    ):
        return card
    rest = round(card.score - sum(s for s in scores if s is not None), 6)
    if rest < 0:
        raise SystemExit(f"{card.year} {card.state}: score {card.score:g} is below the sum of its issue scores")
    if rest == 0:
        return card
    note = f"arithmetic: score {card.score:g} less the six issue scores ({card.score - rest:g}) is extra credit; its categories are not published"
    return replace(
        card,
        extra_credit=(ExtraCredit(None, rest, None),),
        derived=(*card.derived, "extra_credit"),
        citations=(*card.citations, Citation(("extra_credit",), card.citations[0].url, note)),
    )


def build(sources: Path = SOURCES) -> dict[str, str]:
    """Relative path → TOML text of every bundled card."""
    catalog = Catalog.open(bundled=ROOT / "data", user=False, cache_dir=False)
    figures = read_figures(sources / "figures.tsv")
    cards: dict[tuple[int, str], Card] = {}
    for (year, code), rows in figures.items():
        rows = [r for r in rows if r["field"] != "card"]
        if rows:
            cards[year, code] = with_extra_credit(figure_card(year, code, rows), catalog.framework(year))
    for text_file in sorted((sources / "text").glob("*/*.txt")):
        year = int(text_file.parent.name)
        relative = f"data/sources/{text_file.relative_to(sources).as_posix()}"
        card = parse_card_text(text_file.read_text("utf-8"), catalog.framework, relative)
        if (year, card.code) in cards:
            raise SystemExit(f"{text_file}: figures.tsv also has single figures for this card; merge them by hand")
        source = next(r for r in figures[year, card.code] if r["field"] == "card")
        citations = (
            Citation(("card",), source["source"], source["note"]),
            Citation(("card",), relative, "the card's full text"),
        )
        cards[year, card.code] = replace(card, citations=citations, origin="bundled")
    for place in JURISDICTIONS:
        card = cards.get((2021, place.code))
        if card is None or card.grade is None:
            base = card or Card(state=place.name, code=place.code, year=2021)
            cards[2021, place.code] = replace(
                base, grade="F", derived=(*base.derived, "grade"), citations=(*base.citations, DERIVED_2021)
            )
    counts: dict[str | None, int] = defaultdict(int)
    for (year, _), card in cards.items():
        if year == 2021:
            counts[card.grade] += 1
    if dict(counts) != COUNTS_2021:
        raise SystemExit(f"2021 grade counts {dict(counts)} differ from the published {COUNTS_2021}")
    return {f"{year}/{by_code(code).slug}.toml": card_to_toml(card) for (year, code), card in sorted(cards.items())}


def bring_in(arrived: Path, sources: Path = SOURCES) -> int:
    """Copy new source material into the repository (contents only: the arrival folder may be read-only)."""
    copied = 0
    for path in sorted(arrived.rglob("*")):
        if path.is_file():
            target = sources / path.relative_to(arrived)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            copied += 1
    return copied


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--bring-in", type=Path, metavar="DIR", help="copy DIR (e.g. ../shared/cards) into data/sources/ first"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "cards")
    args = parser.parse_args()
    if args.bring_in is not None:
        print(f"copied {bring_in(args.bring_in)} files from {args.bring_in} to {SOURCES}")
    files = build()
    if args.out.exists():
        shutil.rmtree(args.out)  # a card the sources no longer give must not linger
    for relative, text in files.items():
        target = args.out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} cards to {args.out}")


if __name__ == "__main__":
    main()
