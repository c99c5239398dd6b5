"""Word (.docx) files: body paragraphs and table rows, in document order."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from contradict.errors import IngestError

from .base import Extracted, normalise_text

BLOCK_SEPARATOR = "\n\n"
CELL_SEPARATOR = " | "


def read_docx(data: bytes, name: str, encoding: str | None = None) -> Extracted:
    """Non-empty paragraphs and table rows (cells joined by " | "), one block each; the
    title from the document properties is offered for metadata that has none."""
    document = _open(data, name)
    text = BLOCK_SEPARATOR.join(block for block in blocks(document) if block.strip())
    found: dict[str, str] = {}
    title = (document.core_properties.title or "").strip()
    if title:
        found["title"] = normalise_text(title)
    return Extracted(text=normalise_text(text), found=found)


def blocks(document: Any) -> Iterator[str]:
    """Paragraph texts and table rows in the order they appear in the body."""
    from docx.table import Table

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            yield from table_rows(item)
        else:
            yield item.text


def table_rows(table: Any) -> Iterator[str]:
    """One line per row; a merged cell is written once, a cell's paragraphs joined by a space."""
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if cell._tc is previous:  # python-docx repeats a horizontally merged cell
                continue
            previous = cell._tc
            cells.append(" ".join(part.strip() for part in cell.text.split("\n") if part.strip()))
        if any(cells):
            yield CELL_SEPARATOR.join(cells)


def _open(data: bytes, name: str) -> Any:
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception:  # python-docx raises zip, XML and package errors for broken files
        raise IngestError(
            name,
            "is not a readable DOCX file",
            "open it in Word or LibreOffice and save it again as .docx (old .doc files must be converted)",
        ) from None
