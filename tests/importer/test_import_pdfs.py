"""PDFs as people have them, made by real tools (tests/importer/fixtures/make_pdfs.sh, not run here).

Vermont 2021: an HTML card printed by headless Chromium with its print header and footer on
four A5 pages (issue names wrapped, "Victim-Centered" broken at its hyphen, "Child Labor
Trafficking" wrapped in a narrow column), that PDF through plain and -layout pdftotext, a
copy with a 2 MB photo, and AES-256 copies. Wyoming 2021: a text in -layout style through
``enscript | ps2pdf`` (enscript's own header on each page), and its plain pdftotext. Every
figure and goal phrase is compared with what the card says, written out here from its source.
"""

import json
import re
import subprocess

import pytest

from conftest import GAPCLI, ROOT

FIXTURES = ROOT / "tests" / "importer" / "fixtures"

VERMONT = {
    "state": "Vermont",
    "year": 2021,
    "grade": "F",
    "score": 39,
    "tier": "III",
    "issues": [
        (
            1,
            "F",
            10,
            [
                "buyer accountability under state CSEC laws",
                "trafficker accountability under state CSEC laws",
                "mistake of age defenses",
                "decoy defenses",
            ],
            [
                "buyer accountability under the trafficking law",
                "business entity liability under the trafficking law",
                "financial penalties",
            ],
            False,
        ),
        (
            2,
            "F",
            9,
            ["third party control", "foreign national victims", "non-criminalization for prostitution offenses"],
            [
                "screening through child welfare",
                "screening through the juvenile justice system",
                "expanded non-criminalization",
                "juvenile court jurisdiction",
                "child abuse definitions",
                "non-familial trafficking cases",
            ],
            False,
        ),
        (
            3,
            "F",
            6,
            ["services through a non-punitive system", "extended foster care services"],
            ["MDT responses", "services through the juvenile justice system", "appropriations"],
            False,
        ),
        (
            4,
            "F",
            2.5,
            [],
            [
                "restitution and civil remedies",
                "civil orders of protection",
                "crime victims' compensation",
                "vacatur",
                "statutes of limitation",
            ],
            True,
        ),
        (
            5,
            "C",
            7,
            ["hearsay exceptions", "victim supports"],
            ["alternatives to live, in-court testimony", "privileged communications"],
            False,
        ),
        (
            6,
            "F",
            3.5,
            ["training for child welfare and juvenile justice agencies"],
            [
                "training for law enforcement",
                "training for prosecutors",
                "training for school personnel",
                "prevention education in schools",
            ],
            False,
        ),
    ],
    "extra_credit": [
        {
            "category": "Child Labor Trafficking",
            "points": 1,
            "description": "Protections related to restitution are extended to child labor trafficking victims.",
        }
    ],
    "state_page": "https://reportcards.sharedhope.org/vermont",
}

WYOMING = {
    "state": "Wyoming",
    "year": 2021,
    "grade": "F",
    "score": 30,
    "tier": "III",
    "issues": [
        (
            1,
            "F",
            8.5,
            ["buyer accountability under state CSEC laws", "trafficker accountability under state CSEC laws"],
            [
                "buyer accountability under the trafficking law",
                "mistake of age defenses",
                "decoy defenses",
                "business entity liability under the trafficking law",
                "financial penalties",
            ],
            False,
        ),
        (
            2,
            "F",
            6,
            ["non-criminalization for prostitution offenses"],
            [
                "third party control",
                "foreign national victims",
                "screening through child welfare",
                "screening through the juvenile justice system",
                "expanded non-criminalization",
                "juvenile court jurisdiction",
                "child abuse definitions",
                "non-familial trafficking cases",
            ],
            False,
        ),
        (
            3,
            "F",
            4,
            [],
            [
                "services through a non-punitive system",
                "MDT responses",
                "services through the juvenile justice system",
                "extended foster care services",
                "appropriations",
            ],
            True,
        ),
        (
            4,
            "F",
            4,
            ["civil orders of protection"],
            ["restitution and civil remedies", "crime victims' compensation", "vacatur", "statutes of limitation"],
            False,
        ),
        (
            5,
            "F",
            3,
            [],
            [
                "hearsay exceptions",
                "alternatives to live, in-court testimony",
                "victim supports",
                "privileged communications",
            ],
            True,
        ),
        (
            6,
            "F",
            3.5,
            ["training for prosecutors"],
            [
                "training for law enforcement",
                "training for child welfare and juvenile justice agencies",
                "training for school personnel",
                "prevention education in schools",
            ],
            False,
        ),
    ],
    "extra_credit": [
        {
            "category": "Youth",
            "points": 1,
            "description": "Protection related to civil orders of protection is extended to sex trafficked youth.",
        }
    ],
    "state_page": "https://reportcards.sharedhope.org/wyoming",
}


def imported(run, name: str) -> dict:
    result = run("import", str(FIXTURES / name), "--dry-run", "--json")
    assert result.exit_code == 0, result.stderr
    [card] = json.loads(result.stdout)
    return card


def as_read(card: dict) -> dict:
    return {
        "state": card["state"],
        "year": card["year"],
        "grade": card["grade"],
        "score": card["score"],
        "tier": card["tier"],
        "issues": [
            (i["number"], i["grade"], i["score"], i["accomplished"], i["gaps"], i["gaps_in_all_areas"])
            for i in card["issues"]
        ],
        "extra_credit": card["extra_credit"],
        "state_page": card["links"].get("state_page"),
    }


@pytest.mark.parametrize(
    "name",
    [
        "vermont-2021.chromium.pdf",
        "vermont-2021.pdftotext.txt",
        "vermont-2021.pdftotext-layout.txt",
        "vermont-2021.photo.pdf",
        "vermont-2021.aes-empty-password.pdf",
    ],
)
def test_the_chromium_printed_card_imports_figure_for_figure(run, name):
    card = imported(run, name)
    assert as_read(card) == VERMONT
    assert card["complete"] is True and card["new_phrases"] == []  # every phrase is one gapcli knows


@pytest.mark.parametrize(
    "name", ["wyoming-2021.txt", "wyoming-2021.enscript.pdf", "wyoming-2021.enscript.pdftotext.txt"]
)
def test_the_enscript_printed_card_imports_figure_for_figure(run, name):
    card = imported(run, name)
    assert as_read(card) == WYOMING and card["complete"] is True


def card_words(html: str) -> str:
    text = re.sub(r"<[^>]+>", " ", html).replace("&amp;", "&").replace("\u2019", "'")
    return " ".join(text.split()).casefold()


def test_every_goal_phrase_of_the_vermont_card_is_in_its_html_or_known(run, catalog):
    """The trial's invented "screening through expanded non-criminalization" cannot come back."""
    from gapcli.importer.batch import known_from

    words = card_words((FIXTURES / "vermont-2021.html").read_text("utf-8"))
    known = known_from(catalog)(catalog.framework(2021))
    for issue in imported(run, "vermont-2021.chromium.pdf")["issues"]:
        for phrase in issue["accomplished"] + issue["gaps"]:
            assert phrase.casefold() in words or known.get(issue["number"], phrase) == phrase, phrase


def test_the_photo_card_is_over_a_mebibyte_and_its_text_is_bounded_instead():
    assert (FIXTURES / "vermont-2021.photo.pdf").stat().st_size > 2_000_000


def test_a_password_protected_pdf_is_one_line_naming_the_file_and_how_to_decrypt(run):
    name = str(FIXTURES / "vermont-2021.aes-password.pdf")
    result = run("import", name, "--dry-run")
    assert result.exit_code == 1 and result.stderr.count("\n") == 1
    assert (
        f"{name}: the PDF is password-protected; decrypt it first: qpdf --decrypt --password=PASSWORD" in result.stderr
    )


def test_a_folder_with_an_encrypted_pdf_names_it_and_reads_the_rest(run, tmp_path):
    folder = tmp_path / "cards"
    folder.mkdir()
    for name in ("vermont-2021.aes-password.pdf", "wyoming-2021.enscript.pdf"):
        (folder / name).write_bytes((FIXTURES / name).read_bytes())
    result = run("import", str(folder), "--dry-run", "--json")
    assert result.exit_code == 1 and "vermont-2021.aes-password.pdf: the PDF is password-protected" in result.stderr
    assert [card["state"] for card in json.loads(result.stdout)] == ["Wyoming"]


def test_without_cryptography_an_aes_pdf_says_how_to_decrypt_it(run, monkeypatch):
    """As pypdf's fallback provider does when cryptography is not installed."""
    from pypdf.errors import DependencyError

    def unavailable(*_args, **_kwargs):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr("pypdf._encryption.aes_cbc_decrypt", unavailable)
    monkeypatch.setattr("pypdf._encryption.aes_ecb_decrypt", unavailable)
    name = str(FIXTURES / "vermont-2021.aes-empty-password.pdf")
    result = run("import", name, "--dry-run")
    assert result.exit_code == 1
    assert f"{name}: the PDF is encrypted (AES); decrypt it first: qpdf --decrypt" in result.stderr


@pytest.mark.timeout(20)
def test_ten_thousand_pages_are_refused_by_their_count_before_any_text_is_read(run, monkeypatch):
    from pypdf import PageObject

    def never(*_args, **_kwargs):
        raise AssertionError("text was extracted")

    monkeypatch.setattr(PageObject, "extract_text", never)
    result = run("import", str(FIXTURES / "pages-10000.pdf"), "--dry-run")
    assert result.exit_code == 1 and "the PDF has 10,000 pages; a card has a few" in result.stderr


def test_extraction_has_a_cpu_time_bound(run, monkeypatch):
    monkeypatch.setattr("gapcli.importer.pdftext.MAX_CPU_SECONDS", 0.0)
    result = run("import", str(FIXTURES / "vermont-2021.chromium.pdf"), "--dry-run")
    assert result.exit_code == 1 and "reading the PDF's text took more than 0 s of CPU" in result.stderr


def test_the_pdf_readers_own_messages_reach_stderr_only_as_gapcli_lines(tmp_path):
    """A cut-short PDF: pypdf logs 'EOF marker not found' and more; only ``gapcli:`` lines are printed."""
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes((FIXTURES / "wyoming-2021.enscript.pdf").read_bytes()[:9000])
    env = {"XDG_DATA_HOME": str(tmp_path / "d"), "XDG_CACHE_HOME": str(tmp_path / "c"), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([GAPCLI, "import", str(truncated), "--dry-run"], capture_output=True, text=True, env=env)
    assert result.returncode == 1 and result.stderr
    assert all(line.startswith("gapcli: ") for line in result.stderr.splitlines()), result.stderr
    assert "Traceback" not in result.stderr


def test_utf16_text_is_named_as_such(run, tmp_path):
    text = (FIXTURES / "wyoming-2021.txt").read_text("utf-8")
    for encoding in ("utf-16", "utf-16-le"):  # with its byte-order mark (a Windows "Unicode" save), and without
        card = tmp_path / f"{encoding}.txt"
        card.write_bytes(text.encode(encoding))
        result = run("import", str(card), "--dry-run")
        assert result.exit_code == 1 and "UTF-16 text; convert it to UTF-8 first, e.g. iconv -f UTF-16" in result.stderr
