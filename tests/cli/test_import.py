"""``import`` as a user runs it: new phrases listed, impossible cards refused, --skip-existing."""

import json

from conftest import ROOT, SEED_TEXT

FIXTURES = ROOT / "tests" / "importer" / "fixtures"
WYOMING = (FIXTURES / "wyoming-2021.txt").read_text("utf-8")


def test_a_phrase_gapcli_has_not_seen_is_stored_as_printed_and_listed_in_text_and_json(run, tmp_path):
    card = tmp_path / "wy.txt"
    card.write_text(
        WYOMING.replace("civil orders of protection. Gaps", "emergency orders of protection. Gaps", 1), "utf-8"
    )
    assert "emergency orders of" in card.read_text()
    result = run("import", str(card), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    [record] = json.loads(result.stdout)
    assert record["new_phrases"] == [{"issue": 4, "phrase": "emergency orders of protection", "met": True}]
    assert record["issues"][3]["accomplished"] == ["emergency orders of protection"]
    assert record["file"] == str(card) and record["result"] == "would write"
    shown = run("import", str(card), "--dry-run").stdout
    assert f"new phrase: 'emergency orders of protection' — check it ({card}, issue area 4, met)" in shown
    assert "1 goal phrase(s) gapcli has not seen before" in shown


def test_known_phrases_include_the_users_earlier_cards(run, tmp_path):
    first = tmp_path / "wy.txt"
    first.write_text(
        WYOMING.replace("civil orders of protection. Gaps", "emergency orders of protection. Gaps", 1), "utf-8"
    )
    assert run("import", str(first)).exit_code == 0
    again = tmp_path / "wy2023.txt"
    again.write_text(first.read_text().replace("2021 Report Card", "2023 Report Card"), "utf-8")
    [record] = json.loads(run("import", str(again), "--dry-run", "--json").stdout)
    assert record["year"] == 2023 and record["new_phrases"] == []  # seen on the user's 2021 card


def test_tier_iv_and_extra_credit_above_the_maximum_are_refused(run, tmp_path):
    tier = tmp_path / "tier.txt"
    tier.write_text(WYOMING.replace("TIER III   F 30", "TIER IV   F 30"), "utf-8")
    result = run("import", str(tier), "--dry-run")
    assert result.exit_code == 1 and "tier: 'IV' is not one of I, II, III" in result.stderr
    extra = tmp_path / "extra.txt"
    text = WYOMING.replace("Youth  1 ", "Youth  11").replace("F 30", "F 40")
    extra.write_text(text, "utf-8")
    result = run("import", str(extra), "--dry-run")
    assert result.exit_code == 1 and "extra_credit: 11 points, above the 2021 maximum of 10" in result.stderr


def test_skip_existing_imports_the_new_cards_and_says_which_were_skipped(run, tmp_path, user_dir):
    folder = tmp_path / "cards"
    folder.mkdir()
    (folder / "ct.txt").write_text(SEED_TEXT.read_text("utf-8"), "utf-8")
    assert run("import", str(folder)).exit_code == 0
    before = (user_dir / "cards" / "2021" / "connecticut.toml").read_bytes()
    (folder / "wy.txt").write_text(WYOMING, "utf-8")
    refused = run("import", str(folder))
    assert (
        refused.exit_code == 1
        and "not written" in refused.stdout
        and not (user_dir / "cards/2021/wyoming.toml").exists()
    )
    result = run("import", str(folder), "--skip-existing")
    assert result.exit_code == 0, result.stderr
    rows = {line.split("\t")[0]: line.split("\t") for line in result.stdout.splitlines()}
    assert (
        rows[str(folder / "ct.txt")][6] == "skipped" and "exists (--skip-existing)" in rows[str(folder / "ct.txt")][7]
    )
    assert rows[str(folder / "wy.txt")][6] == "written"
    assert (user_dir / "cards" / "2021" / "connecticut.toml").read_bytes() == before
    assert (user_dir / "cards" / "2021" / "wyoming.toml").is_file()
    assert run("import", str(folder), "--skip-existing", "--force").exit_code == 2


def test_import_leaves_no_temporary_file(run, tmp_path, user_dir):
    assert run("import", str(FIXTURES / "wyoming-2021.enscript.pdf"), str(SEED_TEXT)).exit_code == 0
    files = sorted(str(p.relative_to(user_dir)) for p in user_dir.rglob("*") if p.is_file())
    assert files == [".import.lock", "cards/2021/connecticut.toml", "cards/2021/wyoming.toml"]


def test_a_ghostscript_pdfs_font_note_is_short_and_in_gapclis_words(run, monkeypatch):
    """trial N3: without fontTools, pypdf's note on a ps2pdf PDF's CFF font holds the font dictionary's
    repr (``IndirectObject(8, 0, 140020273484624)``) and "Consider installing fontTools"."""
    monkeypatch.setattr("pypdf.generic._font.HAS_FONTTOOLS", False)  # as where it is missing: gapcli needs none
    result = run("import", str(FIXTURES / "wyoming-2021.enscript.pdf"), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if "replaces the bundled" not in line]
    assert notes == [
        f"gapcli: note: {FIXTURES / 'wyoming-2021.enscript.pdf'}: a font's encoding was guessed; check the text read"
    ]
    assert "IndirectObject" not in result.stderr and "fontTools" not in result.stderr


def test_a_pdf_readers_note_gapcli_does_not_know_is_one_short_line_without_reprs():
    from gapcli.importer.pdfnotes import MAX_NOTE_CHARS, plain_notes

    said = "Unknown inline image key {'/X': IndirectObject(1, 0, 140020273484624)}, keeping it as-is."
    notes = plain_notes([f"{said} Consider installing pillow. {'x' * 500}", said, "Limiting excessive newlines."])
    assert notes[1] == "the PDF reader says: Unknown inline image key …, keeping it as-is."
    assert len(notes) == 2 and len(notes[0]) == len("the PDF reader says: ") + MAX_NOTE_CHARS
    assert not any(word in " ".join(notes) for word in ("IndirectObject", "1400", "pillow", "install"))


def test_a_pdf_readers_note_is_given_a_meaning_only_where_it_has_that_meaning():
    from gapcli.importer.pdfnotes import plain_note

    assert plain_note("Multiple definitions in dictionary at byte 0x1f for key /Font") == (
        "the PDF reader says: Multiple definitions in dictionary at byte … for key /Font"
    )  # about a dictionary, not a font's encoding
    assert (
        plain_note("Advanced encoding /Foo not implemented yet") == "a font's encoding was guessed; check the text read"
    )
