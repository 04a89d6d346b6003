"""The same card, however it was extracted, imports as the same card; PDFs are read directly.

Fixtures: pdftotext (plain and -layout) and pypdf text of a PDF drawn like the published card;
PDFs generated here for Connecticut and ten mutated states, with tables that break across
pages, so page furniture falls between rows.
"""

import json
import random
import re

import pytest

from conftest import ROOT
from gapcli.catalog.catalog import Catalog
from gapcli.importer.batch import known_from
from gapcli.importer.cardtext import parse_card_text
from gapcli.states import JURISDICTIONS, by_code
from importer.cardpdf import CardSpec, Row, card_pdf, connecticut_spec, highlights

FIXTURES = ROOT / "tests" / "importer" / "fixtures"


@pytest.fixture(scope="module")
def bundled():
    return Catalog.open(user=False, cache_dir=False)


def without_source(card: dict) -> dict:
    return {k: v for k, v in card.items() if k not in ("source", "newer_editions", "file", "result", "new_phrases")}


@pytest.mark.parametrize(
    "name", ["connecticut-2021.pdftotext.txt", "connecticut-2021.pdftotext-layout.txt", "connecticut-2021.pypdf.txt"]
)
def test_every_extraction_of_the_card_imports_as_the_bundled_card(run, name):
    result = run("import", str(FIXTURES / name), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    [card] = json.loads(result.stdout)
    assert without_source(card) == without_source(json.loads(run("show", "ct", "--json").stdout))


def test_the_pdf_itself_imports_as_the_bundled_card(run, tmp_path, seed_text):
    pdf = tmp_path / "connecticut.pdf"
    pdf.write_bytes(card_pdf(connecticut_spec(seed_text)))
    result = run("import", str(pdf), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    [card] = json.loads(result.stdout)
    assert without_source(card) == without_source(json.loads(run("show", "ct", "--json").stdout))
    assert (
        card["source"]["citations"][0]["url"] == "connecticut.pdf"
        and "sha256 " in card["source"]["citations"][0]["note"]
    )


def mutated(seed_text: str, place, rng: random.Random, bundled) -> tuple[CardSpec, dict]:
    """A card for another state: new scores (grades from the scale), goals drawn from Connecticut's."""
    framework = bundled.framework(2021)
    ct = bundled.card(by_code("CT"), 2021)
    rows, expected_issues = [], []
    for area in framework.issues:
        phrases = list(ct.issue(area.number).accomplished + ct.issue(area.number).gaps)
        rng.shuffle(phrases)
        cut = rng.choice(
            [
                n
                for n in range(len(phrases) + 1)
                if n in (0, 1) or n >= 3
                if len(phrases) - n in (0, 1) or len(phrases) - n >= 3
            ]
            or [0]
        )
        met, gaps = phrases[:cut], phrases[cut:]
        score = rng.randrange(0, int(area.max_score * 2) + 1) / 2
        grade = framework.grade_for(score, area.max_score)
        all_areas = not met and rng.random() < 0.5
        rows.append(Row(area.number, area.name, grade, score, area.max_score, highlights(met, gaps, all_areas)))
        expected_issues.append((area.number, grade, score, tuple(met), tuple(gaps), all_areas))
    extra = (
        [("Youth", 1, "Protection related to civil remedies is extended to sex trafficked youth.")]
        if rng.random() < 0.5
        else []
    )
    total = sum(r.score for r in rows) + sum(points for _, points, _ in extra)
    tier = rng.choice(["I", "II", "III"])
    spec = CardSpec(
        place.name,
        2021,
        framework.grade_for(total, 100),
        tier,
        total,
        rows,
        extra,
        links=[("TOOLKIT:", "To see how the state compares, visit reportcards.sharedhope.org/toolkit.")],
    )
    return spec, {
        "grade": spec.grade,
        "score": total,
        "tier": tier,
        "issues": expected_issues,
        "extra": [(c, p) for c, p, _ in extra],
    }


def test_ten_generated_cards_import_field_by_field(tmp_path, seed_text, bundled):
    rng = random.Random(29112026)
    places = [p for p in JURISDICTIONS if p.code != "CT"][:10]
    for place in places:
        spec, expected = mutated(seed_text, place, rng, bundled)
        pdf = card_pdf(spec, row_height=11)  # tall rows: the table breaks across pages, furniture between rows
        from gapcli.importer.batch import card_text

        text, _ = card_text(pdf, f"{place.slug}.pdf")
        assert text.count("Page ") >= 2, "the generated card has two pages with page numbers"
        card = parse_card_text(text, bundled.framework, f"{place.slug}.pdf", known_for=known_from(bundled))
        assert (card.state, card.year, card.grade, card.score, card.tier) == (
            place.name,
            2021,
            expected["grade"],
            expected["score"],
            expected["tier"],
        )
        issues = [(r.number, r.grade, r.score, r.accomplished, r.gaps, r.gaps_in_all_areas) for r in card.issues]
        assert issues == expected["issues"], place.name
        assert [(e.category, e.points) for e in card.extra_credit] == expected["extra"]


def furnished(seed_text: str) -> str:
    """The card copied as text wrapped at 60 columns: hyphenated wraps, curly quotes, and page furniture
    (a running title above the state name, a footer and a header in the middle of a sentence)."""
    breaks = {"non-criminalization": ("non-", "criminalization"), "accountability": ("account-", "ability")}
    out = ["2021 Report Card on Child & Youth Sex Trafficking        Page 1 of 3", ""]
    for line in seed_text.splitlines():
        cells = line.strip().split("\t")
        if len(cells) != 4 or not re.match(r"\d\.", cells[0]):
            out.append(line.replace("\t", " "))
            continue
        current = ""
        for word in " ".join(cells).replace("victims' compensation", "victims\u2019 compensation").split():
            if word in breaks:  # a line break inside this word, as a narrow column would put it
                first, rest = breaks[word]
                out.append(f"{current} {first}".strip())
                current = rest
            elif len(current) + len(word) > 60:
                out.append(current)
                current = word
            else:
                current = f"{current} {word}".strip()
            if word == "mistake":  # a page ends in the middle of a sentence
                out += [
                    current,
                    "\u00a9 2021 Shared Hope International",
                    "Page 1 of 3",
                    "2021 Report Card on Child & Youth Sex Trafficking",
                    "CONNECTICUT",
                ]
                current = ""
        out.append(current)
    return "\n".join(out)


def test_furniture_hyphenation_and_curly_quotes_give_the_clean_goals(seed_text, bundled):
    text = furnished(seed_text)
    assert "non-\n" in text and "account-\n" in text and "\u2019" in text and text.index("Page 1 of 3\n2021 Report") > 0
    card = parse_card_text(text, bundled.framework, "copied.txt", known_for=known_from(bundled))
    clean = bundled.card(by_code("CT"), 2021)
    assert [(r.accomplished, r.gaps) for r in card.issues] == [(r.accomplished, r.gaps) for r in clean.issues]
    for result in card.issues:
        for phrase in result.accomplished + result.gaps:
            assert not re.search(r"Page|\u00a9|Report Card|CONNECTICUT", phrase), phrase


def test_a_line_that_cannot_be_placed_stops_the_import_with_its_number(seed_text, bundled):
    from gapcli.errors import ParseError

    lines = seed_text.splitlines()
    row = next(i for i, line in enumerate(lines) if line.strip().startswith("3."))
    lines.insert(row, "CONFIDENTIAL DRAFT")
    with pytest.raises(ParseError, match=rf"draft.txt:{row + 1}: cannot place 'CONFIDENTIAL DRAFT'"):
        parse_card_text("\n".join(lines), bundled.framework, "draft.txt", known_for=known_from(bundled))


def test_title_lines_that_disagree_are_an_error_not_a_choice(seed_text, bundled):
    from gapcli.errors import ParseError

    text = "2023 Report Card on Child & Youth Sex Trafficking   Page 1 of 2\n" + seed_text
    with pytest.raises(ParseError, match="title lines name different years"):
        parse_card_text(text, bundled.framework, "hdr3.txt", known_for=known_from(bundled))


def test_a_full_2023_card_keeps_the_maxima_it_prints_and_is_complete(run, tmp_path, seed_text):
    text = tmp_path / "ct2023.txt"
    text.write_text(seed_text.replace("2021 Report Card", "2023 Report Card"), "utf-8")
    result = run("import", str(text), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    [card] = json.loads(result.stdout)
    assert card["year"] == 2023 and card["complete"] is True
    assert [i["max_score"] for i in card["issues"]] == [17.5, 27.5, 15, 15, 10, 15]
    assert run("import", str(text)).exit_code == 0
    shown = json.loads(run("show", "ct", "--json").stdout)
    assert shown["year"] == 2023 and shown["complete"] is True  # the latest complete card is now 2023's


def test_without_pypdf_a_broken_install_is_one_line_saying_what_to_do(run, tmp_path, seed_text, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_pypdf(name, *args, **kwargs):
        if name.startswith("pypdf"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pypdf)
    pdf = tmp_path / "card.pdf"
    pdf.write_bytes(card_pdf(connecticut_spec(seed_text)))
    result = run("import", str(pdf), "--dry-run")
    assert result.exit_code == 1 and "needs pypdf, a dependency of gapcli: reinstall" in result.stderr
    assert result.stderr.count("\n") == 1


def test_import_a_folder_of_ten_cards_dry_run_summary_and_a_named_duplicate(
    run, tmp_path, seed_text, bundled, user_dir
):
    rng = random.Random(7)
    folder = tmp_path / "cards"
    folder.mkdir()
    places = [p for p in JURISDICTIONS if p.code != "CT"][10:20]
    for place in places:
        spec, _ = mutated(seed_text, place, rng, bundled)
        (folder / f"{place.slug}.pdf").write_bytes(card_pdf(spec))
    result = run("import", str(folder), "--dry-run")
    assert result.exit_code == 0, result.stderr
    lines = [line.split("\t") for line in result.stdout.splitlines()]
    summary = [line for line in lines if line[0].startswith(str(folder))]
    assert len(summary) == 10 and all(row[6] == "would write" for row in summary)
    assert {row[1] for row in summary} == {p.name for p in places}
    as_json = json.loads(run("import", str(folder), "--dry-run", "--json").stdout)
    assert isinstance(as_json, list) and len(as_json) == 10  # one shape, whatever the number of files

    (folder / "copy.pdf").write_bytes((folder / f"{places[0].slug}.pdf").read_bytes())
    result = run("import", str(folder), "--dry-run")
    assert result.exit_code == 1
    named = f"{folder / 'copy.pdf'} and {folder / (places[0].slug + '.pdf')} are both cards for {places[0].name} 2021"
    assert named in result.stdout and "nothing would be written" in result.stderr
    real = run("import", str(folder))
    assert real.exit_code == 1 and "nothing was written" in real.stderr
    assert not user_dir.exists()
