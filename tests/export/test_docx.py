"""The DOCX brief, opened with python-docx."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from contradict.export import export

from .conftest import CYRILLIC_QUOTE, EXISTENCE_QUOTES, REVIEW_NOTE, SCRIPT_QUOTE


@pytest.fixture(scope="module")
def docx_bytes(brief_db: Path) -> bytes:
    out = export(brief_db, "docx")
    assert isinstance(out, bytes)
    return out


def all_text(document: docx.document.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                parts += [p.text for p in cell.paragraphs]
    return "\n".join(parts)


def test_both_quotes_of_every_finding(docx_bytes: bytes) -> None:
    document = docx.Document(io.BytesIO(docx_bytes))
    text = all_text(document)
    for quote in (*EXISTENCE_QUOTES, SCRIPT_QUOTE, CYRILLIC_QUOTE):
        assert quote in text
    quote_tables = [t for t in document.tables if len(t.columns) == 2]
    assert len(quote_tables) == 7  # one two-column table per finding
    # both sides of a finding sit side by side in one table
    sides = [(t.rows[0].cells[0].text, t.rows[0].cells[1].text) for t in quote_tables]
    assert any("8,100 surveillance cameras" in left and SCRIPT_QUOTE in right for left, right in sides)
    assert f"Reviewer’s note (Ana): {REVIEW_NOTE}" in text
    assert "Две хиљаде камера за град" in text  # Cyrillic document title


def test_title_headings_and_chronology(docx_bytes: bytes) -> None:
    document = docx.Document(io.BytesIO(docx_bytes))
    headings = [
        (p.style.name, p.text)
        for p in document.paragraphs
        if p.style.name.startswith(("Title", "Heading"))
    ]
    assert headings[0] == ("Title", "Inconsistencies in the record: City cameras")
    assert ("Heading 1", "Chronology of the claims") in headings
    assert ("Heading 2", "Records of cameras and locations") in headings
    chronology = next(t for t in document.tables if len(t.columns) == 5)
    assert [c.text for c in chronology.rows[0].cells] == [
        "Date",
        "Who",
        "Claim",
        "Document",
        "Findings",
    ]
    assert [r.cells[0].text for r in chronology.rows[1:]] == [
        "2019-01-31",
        "2019-01-31",
        "2019-04",
        "2019-11-06",
        "2020",
        "2020-07",
    ]
    assert document.core_properties.title == "Inconsistencies in the record: City cameras"


def test_chart_image_embedded(docx_bytes: bytes) -> None:
    document = docx.Document(io.BytesIO(docx_bytes))
    assert len(document.inline_shapes) == 1
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert len(media) == 1
        png = z.read(media[0])
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"Software" not in png  # no matplotlib version stamp


def test_font_has_cyrillic(docx_bytes: bytes) -> None:
    document = docx.Document(io.BytesIO(docx_bytes))
    for name in ("Normal", "Heading 1", "Title"):
        fonts = document.styles[name].element.rPr.rFonts
        assert fonts.get(docx.oxml.ns.qn("w:ascii")) == "Calibri"
        assert fonts.get(docx.oxml.ns.qn("w:hAnsi")) == "Calibri"
        assert fonts.get(docx.oxml.ns.qn("w:asciiTheme")) is None


def test_same_database_same_bytes(brief_db: Path, docx_bytes: bytes) -> None:
    assert export(brief_db, "docx") == docx_bytes
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
        assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_empty_brief(brief_db: Path) -> None:
    out = export(brief_db, "docx", min_score=1.0)
    assert isinstance(out, bytes)
    document = docx.Document(io.BytesIO(out))
    assert "No finding matches the filters of this brief." in all_text(document)
    assert len(document.inline_shapes) == 0
