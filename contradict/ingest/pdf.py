"""PDF files: text per page with pypdf; pages without a text layer are read by OCR
(Tesseract, see ``ocr.py``) when it is installed, and reported either way."""

from __future__ import annotations

import io
from typing import Any

from contradict.errors import IngestError

from .base import Extracted, Page, normalise_text, quiet

PAGE_SEPARATOR = "\n\n"
OCR_HINT = "install Tesseract to OCR it (Debian: apt-get install tesseract-ocr tesseract-ocr-srp tesseract-ocr-srp-latn tesseract-ocr-eng)"
LOW_CONFIDENCE = 60.0  # mean word confidence below which OCR text is flagged for checking


def read_pdf(data: bytes, name: str, encoding: str | None = None) -> Extracted:
    """Pages joined by a blank line; ``pages`` holds each page's range in the text. A page
    without text adds nothing to the text, has an empty range, and gets a warning."""
    from . import ocr

    with quiet("pypdf"):
        reader = _open(data, name)
        texts, failed = _page_texts(reader, name)
        empty = [n for n, page in enumerate(texts, 1) if not page and n not in failed]
        scanned = [n for n in empty if _has_image(reader, n)]
        read = ocr.ocr_pages(data, reader, scanned) if scanned else {}
    if not texts:
        raise IngestError(name, "is empty (no pages)", "export the document to PDF again")
    for number, page in read.items():
        texts[number - 1] = normalise_text(page.text)
    if not any(texts):
        if len(failed) == len(texts):
            raise _unreadable(name)
        hint = (f"{OCR_HINT}, or run OCR on it first (e.g. `ocrmypdf IN.pdf OUT.pdf`)"
                if not ocr.available() else "OCR found no text either: check the scan")
        raise IngestError(name, "has no text layer (scanned PDF?)", hint)
    text, pages = join_pages(texts)
    warnings = []
    for number, page_text in enumerate(texts, 1):
        if number in read:
            warnings.append(_ocr_warning(read[number], ocr.describe()))
        elif not page_text:
            warnings.append(_page_warning(number, number in failed, number in scanned))
    found: dict = {}
    if read:
        found["ocr"] = {
            "engine": ocr.describe(),
            "pages": {str(n): {"confidence": p.confidence, "words": p.words} for n, p in sorted(read.items())},
        }
    return Extracted(text=text, pages=pages, warnings=warnings, found=found)


def _has_image(reader: Any, number: int) -> bool:
    """Whether a page draws an image (a scan); a page with neither text nor image is blank."""
    try:
        page = reader.pages[number - 1]
        resources = page["/Resources"].get_object() if "/Resources" in page else {}
        xobjects = resources["/XObject"].get_object() if "/XObject" in resources else {}
        return any(
            xobjects[key].get_object().get("/Subtype") in ("/Image", "/Form") for key in xobjects
        )
    except Exception:  # a damaged resource dictionary: let OCR try
        return True


def _ocr_warning(page: Any, engine: str) -> str:
    conf = "no words" if page.confidence is None else f"mean word confidence {page.confidence:.0f}%"
    note = f"page {page.number} has no text layer; its text was read by OCR ({engine}), {conf}"
    if page.confidence is None or page.confidence < LOW_CONFIDENCE:
        note += "; check it against the scan"
    return note


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
    from pypdf.errors import DependencyError

    texts: list[str] = []
    failed: set[int] = set()
    for number in range(1, len(reader.pages) + 1):
        try:
            raw = reader.pages[number - 1].extract_text() or ""
        except DependencyError:  # AES without the cryptography package: no page can be read
            raise IngestError(
                name, "is encrypted with AES, which pypdf reads only with the cryptography package",
                "pip install cryptography (contradict declares it: reinstall contradict)",
            ) from None
        except Exception:
            raw = ""
            failed.add(number)
        texts.append(normalise_text(raw))
    return texts, failed


def _page_warning(number: int, failed: bool, scanned: bool = True) -> str:
    if failed:
        return f"page {number} could not be read (damaged?); its text is missing"
    if not scanned:
        return f"page {number} is blank (no text layer, no image)"
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
