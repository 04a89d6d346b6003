"""Text out of a report-card PDF, with pypdf; pages joined by form feeds, as pdftotext does.

Imported only when a PDF is imported, so no other command pays for it. A card is a few
pages: the page count is checked before any text is read, and extraction stops past a
bound of CPU time or of text. What pypdf logs or warns about never reaches stderr by
itself: it comes back as notes in gapcli's words (``pdfnotes``), for the caller to print.
"""

from __future__ import annotations

import io
import logging
import shlex
import time
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from gapcli.errors import ParseError
from gapcli.importer.pdfnotes import plain_notes
from gapcli.importer.textlines import MAX_TEXT_CHARS

MAX_PAGES = 40  # a card is two to five pages, printed narrow perhaps ten
MAX_CPU_SECONDS = 20.0  # a card's pages take a few milliseconds


class _TooSlow(Exception):
    pass


def pdf_text(raw: bytes, name: str) -> tuple[str, list[str]]:
    """(The text of every page, form feeds between pages; what the PDF reader noted on the way)."""
    try:
        from pypdf import PdfReader
        from pypdf.errors import DependencyError
    except ImportError:
        raise ParseError(name, "reading a PDF needs pypdf, a dependency of gapcli: reinstall gapcli") from None
    with _reader_notes() as notes:
        try:
            reader = PdfReader(io.BytesIO(raw))
            _decrypt(reader, name)
            count = _page_count(reader)
            if count > MAX_PAGES:
                raise ParseError(name, f"the PDF has {count:,} pages; a card has a few (at most {MAX_PAGES} are read)")
            text = _extract(reader, name)
        except ParseError:
            raise
        except DependencyError:
            raise ParseError(name, f"the PDF is encrypted (AES); decrypt it first: {_decrypt_hint(name)}") from None
        except _TooSlow:
            raise ParseError(
                name, f"reading the PDF's text took more than {MAX_CPU_SECONDS:g} s of CPU; a card takes milliseconds"
            ) from None
        except Exception as error:  # noqa: BLE001 - a malformed PDF can make pypdf raise any kind of error
            said = "".join(f" ({note})" for note in plain_notes(notes[-1:]))
            raise ParseError(name, f"cannot read the PDF: {type(error).__name__}: {error}{said}") from None
    if not text.replace("\f", "").strip():
        raise ParseError(name, "the PDF has no text layer (a scan?); gapcli reads text, not images")
    return text, plain_notes(notes)


def _decrypt(reader: Any, name: str) -> None:
    """An empty user password (the common "no copy" protection) opens the file; any other is the user's."""
    if reader.is_encrypted and not reader.decrypt(""):
        raise ParseError(name, f"the PDF is password-protected; decrypt it first: {_decrypt_hint(name, True)}")


def _decrypt_hint(name: str, password: bool = False) -> str:
    option = " --password=PASSWORD" if password else ""
    return f"qpdf --decrypt{option} {shlex.quote(name)} decrypted.pdf"


def _page_count(reader: Any) -> int:
    """The page tree's own count: read without walking 10,000 pages (the pages walked later are bounded)."""
    try:
        count = reader.trailer["/Root"]["/Pages"]["/Count"]
        return int(count) if int(count) >= 0 else len(reader.pages)
    except (KeyError, TypeError, ValueError, AttributeError):
        return len(reader.pages)


def _extract(reader: Any, name: str) -> str:
    deadline = time.process_time() + MAX_CPU_SECONDS

    def in_time(*_operands: object) -> None:
        if time.process_time() > deadline:
            raise _TooSlow

    pages: list[str] = []
    size = 0
    for index, page in enumerate(reader.pages):
        if index >= MAX_PAGES:
            raise ParseError(name, f"the PDF has more than {MAX_PAGES} pages; a card has a few")
        in_time()
        pages.append(page.extract_text(visitor_operand_before=in_time) or "")
        size += len(pages[-1])
        if size > MAX_TEXT_CHARS:
            raise ParseError(
                name, f"the PDF holds more than {MAX_TEXT_CHARS:,} characters of text; a card a few thousand"
            )
    return "\n\f".join(pages)


@contextmanager
def _reader_notes() -> Iterator[list[str]]:
    """pypdf's log records and warnings, gathered instead of printed."""
    notes: list[str] = []

    class Gather(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            notes.append(" ".join(record.getMessage().split()))

    logger = logging.getLogger("pypdf")
    handler, propagate = Gather(logging.WARNING), logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield notes
        notes += [" ".join(str(w.message).split()) for w in caught]
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
