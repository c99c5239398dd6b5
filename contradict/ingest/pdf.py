"""PDF files: text per page with pypdf; pages without a text layer are reported."""

from __future__ import annotations

import io
from typing import Any

from contradict.errors import IngestError

from .base import Extracted, Page, normalise_text, quiet

PAGE_SEPARATOR = "\n\n"
OCR_HINT = "install the OCR extra"


def read_pdf(data: bytes, name: str, encoding: str | None = None) -> Extracted:
    """Pages joined by a blank line; ``pages`` holds each page's range in the text. A page
    without text adds nothing to the text, has an empty range, and gets a warning."""
    with quiet("pypdf"):
        reader = _open(data, name)
        texts, failed = _page_texts(reader, name)
    if not texts:
        raise IngestError(name, "is empty (no pages)", "export the document to PDF again")
    if not any(texts):
        if len(failed) == len(texts):
            raise _unreadable(name)
        raise IngestError(
            name,
            "has no text layer (scanned PDF?)",
            f"{OCR_HINT}, or run OCR on it first (e.g. `ocrmypdf IN.pdf OUT.pdf`)",
        )
    text, pages = join_pages(texts)
    warnings = [
        _page_warning(number, number in failed) for number, page in enumerate(texts, 1) if not page
    ]
    return Extracted(text=text, pages=pages, warnings=warnings)


def join_pages(texts: list[str]) -> tuple[str, list[Page]]:
    """Join page texts with a blank line, recording each page's [start, end)."""
    parts: list[str] = []
    pages: list[Page] = []
    offset = 0
    for number, page_text in enumerate(texts, start=1):
        if page_text and offset:
            parts.append(PAGE_SEPARATOR)
            offset += len(PAGE_SEPARATOR)
        start = offset
        parts.append(page_text)
        offset += len(page_text)
        pages.append(Page(number=number, start=start, end=offset))
    return "".join(parts), pages


def _open(data: bytes, name: str) -> Any:
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _encrypted(name)
        len(reader.pages)  # forces the page tree to be read
    except (DependencyError, FileNotDecryptedError):
        raise _encrypted(name) from None
    except IngestError:
        raise
    except Exception:  # pypdf raises many kinds of errors for broken files
        raise _unreadable(name) from None
    return reader


def _page_texts(reader: Any, name: str) -> tuple[list[str], set[int]]:
    """Normalised text of every page, and the numbers of pages pypdf could not read."""
    texts: list[str] = []
    failed: set[int] = set()
    for number in range(1, len(reader.pages) + 1):
        try:
            raw = reader.pages[number - 1].extract_text() or ""
        except Exception:
            raw = ""
            failed.add(number)
        texts.append(normalise_text(raw))
    return texts, failed


def _page_warning(number: int, failed: bool) -> str:
    if failed:
        return f"page {number} could not be read (damaged?); its text is missing"
    return f"page {number} has no text layer (scanned?); {OCR_HINT}"


def _encrypted(name: str) -> IngestError:
    return IngestError(
        name,
        "is encrypted",
        "save an unencrypted copy (e.g. `qpdf --decrypt --password=... IN.pdf OUT.pdf`) and scan that",
    )


def _unreadable(name: str) -> IngestError:
    return IngestError(
        name,
        "is not a readable PDF",
        "open it in a PDF viewer; download or export it again if it is damaged",
    )
