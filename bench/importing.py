"""Import speed: reading and parsing cards, without writing them.

    python bench/importing.py [--cards 200] [--pdf FILE.pdf]

Times ``importing.plan`` (read, extract, parse, validate, plan the write; nothing is
written) over N text cards (the Connecticut 2021 seed text under N/51 state names and
two editions), and over one PDF (by default the Connecticut card drawn by
tests/importer/cardpdf.py; fpdf2 is a test extra). Reports CPU time per card: the median of
five runs, after the catalog's frameworks and known phrases are loaded (once per import,
reported apart). Timing is noisy, so this is a script to read, never a test.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "src"), str(ROOT / "tests")]

from gapcli.catalog.catalog import Catalog  # noqa: E402
from gapcli.importer import batch as importing  # noqa: E402
from gapcli.states import JURISDICTIONS  # noqa: E402


def text_cards(folder: Path, count: int) -> list[str]:
    seed = (ROOT / "data" / "sources" / "text" / "2021" / "connecticut.txt").read_text("utf-8")
    names = []
    for index in range(count):
        place = JURISDICTIONS[index % len(JURISDICTIONS)]
        year = 2021 if (index // len(JURISDICTIONS)) % 2 == 0 else 2023
        text = seed.replace("CONNECTICUT", place.name.upper()).replace("Connecticut", place.name)
        path = folder / f"{place.slug}-{index}.txt"
        path.write_text(text.replace("2021 Report Card", f"{year} Report Card"), "utf-8")
        names.append(str(path))
    return names


def cpu(call) -> float:
    start = time.process_time()
    call()
    return time.process_time() - start


def plan(catalog: Catalog, names: list[str], root: Path, known):
    return importing.plan(names, catalog.framework, root, lambda _card: False, known_for=known)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cards", type=int, default=200)
    parser.add_argument("--pdf", type=Path)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        names = text_cards(folder, options.cards)
        catalog = Catalog.open(user=False, cache_dir=False)
        known = importing.known_from(catalog)
        first = cpu(lambda: plan(catalog, names[:1], folder / "out", known))  # frameworks, known phrases
        runs = [cpu(lambda: plan(catalog, names, folder / "out", known)) for _ in range(5)]
        per_card = statistics.median(runs) / len(names)
        print(
            f"text: {per_card * 1000:.2f} ms CPU per card over {len(names)} cards (first card with set-up: {first * 1000:.0f} ms)"
        )
        if options.pdf is None:
            from importer.cardpdf import card_pdf, connecticut_spec

            pdf = folder / "connecticut.pdf"
            pdf.write_bytes(card_pdf(connecticut_spec((ROOT / "data/sources/text/2021/connecticut.txt").read_text())))
        else:
            pdf = options.pdf
        runs = [cpu(lambda: plan(catalog, [str(pdf)], folder / "out", known)) for _ in range(5)]
        print(f"pdf: {statistics.median(runs) * 1000:.1f} ms CPU ({pdf.name}, {pdf.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
