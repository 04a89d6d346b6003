"""``import`` and ``data``: card text in, never a lost or half-written file."""

import json

from conftest import SEED_TEXT


def without_source(card: dict) -> dict:
    """What an import can know of a card: all but where it came from and what came after it (and, of
    the import's record, what became of the file)."""
    return {k: v for k, v in card.items() if k not in ("source", "newer_editions", "file", "result", "new_phrases")}


def test_import_dry_run_gives_the_bundled_card(run, user_dir):
    result = run("import", str(SEED_TEXT), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    bundled = json.loads(run("show", "ct", "--json").stdout)
    [card] = json.loads(result.stdout)  # one shape, whatever the number of files: a list
    assert without_source(card) == without_source(bundled)
    assert not user_dir.exists()  # a dry run writes nothing


def test_import_variants_from_stdin(run, seed_text):
    variant = seed_text.replace("\n", "\r\n").replace("\t", "  ").replace(" ", "\u00a0")
    result = run("import", "-", "--dry-run", "--json", input=variant)
    assert result.exit_code == 0, result.stderr
    assert without_source(json.loads(result.stdout)[0]) == without_source(
        json.loads(run("show", "ct", "--json").stdout)
    )


def test_import_writes_the_user_card_and_it_is_used_at_once(run, user_dir, tmp_path, seed_text):
    text = tmp_path / "ct.txt"
    text.write_text(seed_text, "utf-8")
    result = run("import", str(text))
    assert result.exit_code == 0, result.stderr
    target = user_dir / "cards" / "2021" / "connecticut.toml"
    assert target.is_file() and str(target) in result.stdout and "written" in result.stdout
    card = json.loads(run("show", "ct", "--json").stdout)
    assert card["source"]["origin"] == "user" and card["score"] == 43.5
    states = json.loads(run("states", "--json").stdout)
    assert next(s for s in states if s["code"] == "CT")["origin"] == "user"


def test_importing_twice_without_force_keeps_the_first_file(run, user_dir):
    assert run("import", str(SEED_TEXT)).exit_code == 0
    target = user_dir / "cards" / "2021" / "connecticut.toml"
    target.write_text(target.read_text() + "# my note\n")
    first = target.read_bytes()
    again = run("import", str(SEED_TEXT))
    assert again.exit_code == 1 and "exists; use --force" in again.stderr
    assert target.read_bytes() == first
    assert run("import", str(SEED_TEXT), "--force").exit_code == 0
    assert b"# my note" not in target.read_bytes()


def test_a_truncated_card_writes_nothing(run, user_dir, tmp_path, seed_text):
    cut = tmp_path / "cut.txt"
    cut.write_text(seed_text[: seed_text.index(" 5. Tools")], "utf-8")
    result = run("import", str(cut))
    assert result.exit_code == 1
    assert (
        result.stderr.startswith(f"gapcli: error: {cut}: ") and "OVERALL GRADE" in result.stderr
    ) or "issue area 5" in result.stderr
    assert result.stderr.count("\n") == 1
    assert not user_dir.exists()


def test_one_bad_file_among_several_writes_none(run, user_dir, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("not a card", "utf-8")
    result = run("import", str(SEED_TEXT), str(bad))
    assert result.exit_code == 1 and "bad.txt" in result.stderr
    assert not user_dir.exists()


def test_binary_and_non_utf8_input(run, tmp_path):
    binary = tmp_path / "card.bin"
    binary.write_bytes(b"\x89PNG\x00\x01\x02")
    result = run("import", str(binary))
    assert result.exit_code == 1 and "binary data" in result.stderr
    latin = tmp_path / "latin.txt"
    latin.write_bytes(SEED_TEXT.read_bytes().replace(b"CONNECTICUT", b"CONNECTICUT \xe9"))
    result = run("import", str(latin))
    assert result.exit_code == 1 and "not UTF-8" in result.stderr and ":13:" in result.stderr


def test_oversized_input_is_refused(run, tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * (2 << 20))
    result = run("import", str(big))
    assert result.exit_code == 1 and "more than 1,048,576 bytes" in result.stderr


def test_import_to_out_dir(run, tmp_path, user_dir):
    assert run("import", str(SEED_TEXT), "--out", str(tmp_path / "out")).exit_code == 0
    assert (tmp_path / "out" / "cards" / "2021" / "connecticut.toml").is_file()
    assert not user_dir.exists()


def test_data_path(run, user_dir):
    places = json.loads(run("data", "path", "--json").stdout)
    assert places["user"] == str(user_dir) and places["bundled"].endswith("data")


def test_data_validate_lists_every_problem(run, user_dir):
    folder = user_dir / "cards" / "2021"
    folder.mkdir(parents=True)
    (folder / "texas.toml").write_text('state = "Texas"\ncode = "TX"\nyear = 2021\nscore = 500\ngrade = "A"\n')
    (folder / "ohio.toml").write_text("state = \n")
    (folder / "iowa.toml").write_text('state = "Iowa"\ncode = "IA"\nyear = 2021\ngrade = "D"\n')
    result = run("data", "validate")
    assert result.exit_code == 1
    assert (
        "ohio.toml:1: malformed TOML" in result.stdout and "texas.toml" in result.stdout and "iowa" not in result.stdout
    )
    assert "3 file(s) checked, 2 problem(s)" in result.stderr
    ok = run("data", "validate", str(folder / "iowa.toml"))
    assert ok.exit_code == 0


def test_data_validate_bundled_is_clean(run):
    from gapcli.catalog.folders import bundled_data_dir

    result = run("data", "validate", str(bundled_data_dir()), "--json")
    assert result.exit_code == 0 and json.loads(result.stdout) == {
        "checked": len(list(bundled_data_dir().rglob("*.toml"))),
        "problems": [],
    }


def test_data_export(run):
    from gapcli.catalog.folders import bundled_data_dir

    cards = json.loads(run("data", "export").stdout)
    assert len(cards) == len(list(bundled_data_dir().glob("cards/*/*.toml")))
    csv_text = run("data", "export", "--year", "2021", "--format", "csv", "--table", "issues").stdout
    assert len(csv_text.splitlines()) == 1 + 51 * 6
    assert run("data", "export", "--format", "markdown").exit_code == 2


def test_data_export_takes_json_as_every_command_does(run, tmp_path):
    whole = run("data", "export").stdout
    assert run("data", "export", "--json").stdout == whole == run("data", "export", "--format", "JSON", "--json").stdout
    out = tmp_path / "cards.json"
    assert run("data", "export", "--json", "--out", str(out)).exit_code == 0 and out.read_text("utf-8") == whole
    for other, given in ((["--format", "csv"], "--format csv"), (["--out", str(tmp_path / "c.db")], "--out")):
        refused = run("data", "export", "--json", *other)
        assert refused.exit_code == 2 and refused.stdout == "", other
        assert refused.stderr.startswith(f"gapcli: error: --json and {given}") and "disagree" in refused.stderr
    assert not (tmp_path / "c.db").exists()


def test_a_refusal_among_several_files_writes_none(run, user_dir, tmp_path, seed_text):
    assert run("import", str(SEED_TEXT)).exit_code == 0
    florida = tmp_path / "fl.txt"
    florida.write_text(
        seed_text.replace("CONNECTICUT", "FLORIDA").replace("connecticut", "florida").replace("Connecticut", "Florida"),
        "utf-8",
    )
    result = run("import", str(florida), str(SEED_TEXT))
    assert result.exit_code == 1 and "connecticut.toml exists; use --force" in result.stderr
    assert not (user_dir / "cards" / "2021" / "florida.toml").exists()
    other = tmp_path / "fl2.txt"
    other.write_text(florida.read_text("utf-8"), "utf-8")
    twice = run("import", str(florida), str(other), "--dry-run")  # a dry run finds it too, naming both files
    assert (
        twice.exit_code == 1 and f"{florida} and {other} are both cards for Florida 2021" in twice.stdout + twice.stderr
    )
