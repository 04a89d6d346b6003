"""Text out of a report-card PDF, with pypdf (the optional ``pdf`` extra).

Imported only when a PDF is imported, so no other command pays for it.
"""

from __future__ import annotations

import io

from gapcli.errors import ParseError


def pdf_text(raw: bytes, name: str) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PyPdfError
    except ImportError:
        raise ParseError(name, "reading a PDF needs pypdf: pip install 'gapcli[pdf]'") from None
    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PyPdfError, ValueError, KeyError, TypeError) as error:
        raise ParseError(name, f"cannot read the PDF: {error}") from None
    text = "\n".join(pages)
    if not text.strip():
        raise ParseError(name, "the PDF has no text layer (a scan?); gapcli reads text, not images")
    return text
