"""Import speed: reading and parsing cards, without writing them.

    python bench/importing.py [--cards 200] [--pdf FILE.pdf]

Times ``importing.plan`` (read, extract, parse, validate, plan the write; nothing is
written) over N text cards (the Connecticut 2021 seed text under N/51 state names and
two editions), and over one PDF (by default the Connecticut card drawn by
tests/importer/cardpdf.py; fpdf2 is a test extra). Reports CPU time per card: the median of
five runs, after the catalog's frameworks and known phrases are loaded (once per import,
reported apart). Then the set-up itself (the known goal phrases gathered) with --users
generated user cards of the 2021 framework, once the parse cache knows them, against the set-up
with none. Targets (issue #28) printed met or NOT MET: at most 1 ms per text card; the PDF's time
mostly pypdf's extraction; the set-up with thousands of user cards at most 2x the one with none.
Timing is noisy, so this is a script to read, never a test.
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
from gapcli.importer.pdftext import pdf_text  # noqa: E402
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
    parser.add_argument("--users", type=int, default=5000, help="user cards for the set-up measure")
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
        extracting = [cpu(lambda: pdf_text(pdf.read_bytes(), str(pdf))) for _ in range(5)]
        whole, extraction = statistics.median(runs), statistics.median(extracting)
        print(
            f"pdf: {whole * 1000:.1f} ms CPU ({pdf.name}, {pdf.stat().st_size:,} bytes),"
            f" of which pypdf's extraction {extraction * 1000:.1f} ms ({extraction / whole:.0%})"
        )
        bundled_setup = statistics.median(
            cpu(lambda: importing.known_from(Catalog.open(user=False, cache_dir=False))(catalog.framework(2021)))
            for _ in range(5)
        )
        sys.path.insert(0, str(ROOT / "bench"))
        from bench import make_user_cards

        made = make_user_cards(folder / "users", options.users)
        users = lambda: Catalog.open(user=folder / "users", cache_dir=folder / "cache")  # noqa: E731
        filled = users()
        cold_setup = cpu(lambda: importing.known_from(filled)(filled.framework(2021)))
        filled.save_cache()
        warm_setup = statistics.median(
            cpu(lambda c=cards: importing.known_from(c)(c.framework(2021))) for cards in [users() for _ in range(5)]
        )
        print(
            f"set-up (known phrases, 2021 framework): {bundled_setup * 1000:.0f} ms with no user cards;"
            f" with {made:,}: {cold_setup * 1000:.0f} ms the first time, then {warm_setup * 1000:.0f} ms"
        )
    checks = [
        (f"text card: {per_card * 1000:.2f} ms CPU (target <= 1 ms)", per_card <= 0.001),
        (f"pdf: extraction {extraction / whole:.0%} of its time (target: most of it)", extraction / whole > 0.5),
        (
            f"set-up with {made:,} user cards / with none: {warm_setup / bundled_setup:.2f}x (target <= 2x)",
            warm_setup / bundled_setup <= 2,
        ),
    ]
    for line, met in checks:
        print(f"  {'met    ' if met else 'NOT MET'}  {line}")
    sys.exit(0 if all(met for _, met in checks) else 1)


if __name__ == "__main__":
    main()
