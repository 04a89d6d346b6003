"""Rebuild data/cards/ from the report-card source material, figure for figure.

    python scripts/build_cards.py [--shared ../shared/cards] [--out data/cards]

Sources: figures.tsv (single published figures, each with its source) and
text/YEAR/STATE.txt (full card texts, read with gapcli's own card-text parser).
The only figures not printed anywhere are the 2021 F grades, which follow by
counting from the published grade counts; those cards say so (``derived``).
tests/load/test_bundled.py runs this into a temporary folder and compares.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from gapcli.load.cardtext import parse_card_text  # noqa: E402
from gapcli.load.catalog import Catalog  # noqa: E402
from gapcli.load.save import card_to_toml  # noqa: E402
from gapcli.model import Card, Citation, IssueResult  # noqa: E402
from gapcli.states import JURISDICTIONS, resolve  # noqa: E402

# 2021: 1 C, 10 D, 40 F; the C and the ten D are named in figures.tsv, so every other grade is F.
COUNTS_2021 = {"C": 1, "D": 10, "F": 40}
DERIVED_2021 = Citation(
    ("grade",),
    "https://sharedhope.org/category/news/page/5",
    "derived by counting: the 2021 edition gave 1 C (Florida), 10 D (the ten states named with a D) and "
    "40 F ('D (10) or F (40) grades'; newswire.com, Nov 2021: '39 states and the District of Columbia (D.C.) "
    "earned a failing grade'), so every jurisdiction not named with a C or D got an F; no score is published",
)


def read_figures(path: Path) -> dict[tuple[int, str], list[dict]]:
    rows = defaultdict(list)
    previous = None
    with path.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream, delimiter="\t"):
            if row["source"] == "same":
                row["source"] = previous
            previous = row["source"]
            rows[int(row["year"]), resolve(row["state"]).code].append(row)
    return rows


def figure_card(year: int, code: str, rows: list[dict]) -> Card:
    place = next(j for j in JURISDICTIONS if j.code == code)
    values: dict[str, str] = {}
    cited: dict[str, tuple[list[str], list[str]]] = {}
    for row in rows:
        name, value = row["field"], row["value"]
        if name in values and values[name] != value:
            raise SystemExit(f"{year} {place.name} {name}: {values[name]} and {value} disagree")
        values[name] = value
        fields, notes = cited.setdefault(row["source"], ([], []))
        fields.append(name)
        if row["note"] and row["note"] not in notes:
            notes.append(row["note"])
    issues = defaultdict(dict)
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
        issues=tuple(
            IssueResult(n, issues[n].get("grade"), float(issues[n]["score"]) if "score" in issues[n] else None)
            for n in sorted(issues)
        ),
        citations=tuple(Citation(tuple(f), url, " | ".join(n)) for url, (f, n) in cited.items()),
    )


def build(shared: Path) -> dict[str, str]:
    """Relative path → TOML text of every bundled card."""
    catalog = Catalog.open(bundled=ROOT / "data", user=False, cache_dir=False)
    figures = read_figures(shared / "figures.tsv")
    cards: dict[tuple[int, str], Card] = {}
    for (year, code), rows in figures.items():
        rows = [r for r in rows if r["field"] != "card"]
        if rows:
            cards[year, code] = figure_card(year, code, rows)
    for text_file in sorted((shared / "text").glob("*/*.txt")):
        year = int(text_file.parent.name)
        card = parse_card_text(text_file.read_text("utf-8"), catalog.framework, str(text_file))
        if (year, card.code) in cards:
            raise SystemExit(f"{text_file}: figures.tsv also has single figures for this card; merge them by hand")
        source = next(r for r in figures[year, card.code] if r["field"] == "card")
        citation = Citation(("card",), source["source"], source["note"])
        cards[year, card.code] = replace(card, citations=(citation,), origin="bundled")
    for place in JURISDICTIONS:
        card = cards.get((2021, place.code))
        if card is None or card.grade is None:
            base = card or Card(state=place.name, code=place.code, year=2021)
            cards[2021, place.code] = replace(base, grade="F", derived=("grade",), citations=(*base.citations, DERIVED_2021))
    counts = defaultdict(int)
    for (year, _), card in cards.items():
        if year == 2021:
            counts[card.grade] += 1
    if dict(counts) != COUNTS_2021:
        raise SystemExit(f"2021 grade counts {dict(counts)} differ from the published {COUNTS_2021}")
    return {
        f"{year}/{next(j for j in JURISDICTIONS if j.code == code).slug}.toml": card_to_toml(card)
        for (year, code), card in sorted(cards.items())
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "cards")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "cards")
    args = parser.parse_args()
    files = build(args.shared)
    for relative, text in files.items():
        target = args.out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    print(f"wrote {len(files)} cards to {args.out}")


if __name__ == "__main__":
    main()
