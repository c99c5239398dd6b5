"""Scanned PDFs: pages without a text layer are read by Tesseract when it is installed, and
reported (naming the pages) when it is not. The scans are made here: text rendered to an image
with Pillow and wrapped as a PDF."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from contradict.errors import IngestError
from contradict.ingest import ocr, read_document

from .conftest import FONT

LINES = [
    "Информација о локацијама фиксних камера није",
    "садржана ни у једном документу Министарства.",
    "U Beogradu će biti postavljeno skoro 1.000 kamera",
    "na 800 lokacija, rekao je Rebić 9. februara 2019.",
    "The Ministry lists 8,100 cameras in total.",
]

needs_tesseract = pytest.mark.skipif(
    not ocr.available(),
    reason="Tesseract is not installed (apt-get install " + ocr.APT_PACKAGES + ")",
)


def scanned_pdf_bytes(lines: list[str]) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(FONT, 40)
    img = Image.new("L", (2000, 100 + 75 * len(lines)), 255)
    draw = ImageDraw.Draw(img)
    for i, line in enumerate(lines):
        draw.text((60, 40 + i * 75), line, font=font, fill=0)
    out = io.BytesIO()
    img.save(out, "PDF", resolution=200)
    return out.getvalue()


def text_then_scan(make_pdf, tmp_path: Path) -> Path:
    """Page 1 has a text layer, page 2 is a scan."""
    import pypdf

    writer = pypdf.PdfWriter()
    for page in pypdf.PdfReader(make_pdf("text.pdf", ["Page one has a real text layer with words."])).pages:
        writer.add_page(page)
    for page in pypdf.PdfReader(io.BytesIO(scanned_pdf_bytes(LINES))).pages:
        writer.add_page(page)
    path = tmp_path / "mixed.pdf"
    with path.open("wb") as f:
        writer.write(f)
    return path


@pytest.fixture
def no_tesseract(monkeypatch):
    monkeypatch.setattr(ocr, "tesseract_path", lambda: None)
    ocr.languages.cache_clear()
    yield
    ocr.languages.cache_clear()


@pytest.fixture(scope="module")
def scanned_doc(tmp_path_factory):
    """One scanned page, read once (OCR takes a few seconds)."""
    path = tmp_path_factory.mktemp("ocr") / "sken.pdf"
    path.write_bytes(scanned_pdf_bytes(LINES))
    return read_document(path)


@needs_tesseract
def test_a_scanned_page_is_read_by_ocr_with_its_confidence(scanned_doc):
    doc = scanned_doc
    assert "није садржана ни у једном документу" in doc.text.replace("\n", " ")
    assert "skoro 1.000 kamera" in doc.text and "8,100 cameras" in doc.text
    assert [p.number for p in doc.pages] == [1]
    (warning,) = doc.warnings
    assert warning.startswith("page 1 has no text layer; its text was read by OCR (tesseract ")
    page = doc.meta["ocr"]["pages"]["1"]
    assert page["confidence"] > 80 and page["words"] >= 30


@needs_tesseract
def test_ocr_text_feeds_claims_and_features(scanned_doc):
    import copy

    from contradict.claims import split_claims

    doc = copy.deepcopy(scanned_doc)
    claims = split_claims(doc)
    assert doc.meta["language"] == "sr"  # detected: no front matter
    # no case file: the counted noun is the Serbian word's own lemma ("kamera")
    cams = [(q.value, q.unit) for c in claims for q in c.quantities if q.unit == "kamera"]
    assert (1000, "kamera") in cams
    assert all(c.page == 1 and doc.text[c.start : c.end] == c.text for c in claims)


@needs_tesseract
def test_only_the_page_without_text_is_ocrd(make_pdf, tmp_path):
    doc = read_document(text_then_scan(make_pdf, tmp_path))
    first, second = doc.pages
    assert doc.text[first.start : first.end] == "Page one has a real text layer with words."
    assert "8,100 cameras" in doc.text[second.start : second.end]
    assert list(doc.meta["ocr"]["pages"]) == ["2"]


def test_without_tesseract_the_scanned_pages_are_named(make_pdf, tmp_path, no_tesseract):
    doc = read_document(text_then_scan(make_pdf, tmp_path))
    assert doc.text == "Page one has a real text layer with words."
    assert doc.warnings == [f"page 2 has no text layer (scanned?); install Tesseract to OCR it (Debian: apt-get install {ocr.APT_PACKAGES})"]
    assert "ocr" not in doc.meta


def test_without_tesseract_a_fully_scanned_pdf_is_an_error(tmp_path, no_tesseract):
    path = tmp_path / "sken.pdf"
    path.write_bytes(scanned_pdf_bytes(LINES))
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert str(err.value).startswith(f"{path.as_posix()}: has no text layer (scanned PDF?) — install Tesseract")


def test_tsv_lines_paragraphs_and_mean_confidence():
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tNije",
        "5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t80\tsadržana.",
        "4\t1\t1\t1\t2\t0\t0\t0\t1\t1\t-1\t",
        "5\t1\t1\t1\t2\t1\t0\t0\t1\t1\t70\tDruga",
        "5\t1\t2\t1\t1\t1\t0\t0\t1\t1\t60\tNovi",
    ]
    page = ocr.parse_tsv("\n".join([head, *rows]), 3)
    assert page.text == "Nije sadržana.\nDruga\n\nNovi"
    assert (page.number, page.confidence, page.words) == (3, 75.0, 4)
