import os

import pytest

from contradict.errors import IngestError
from contradict.ingest import Page, read_document

from .conftest import PDF_PAGE_1, PDF_PAGE_3


def test_pdf_pages_offsets_and_blank_page_warning(pdf_file):
    doc = read_document(pdf_file)
    assert doc.format == "pdf"
    assert [page.number for page in doc.pages] == [1, 2, 3]
    first, blank, third = doc.pages
    assert doc.text[first.start : first.end].replace("\n", " ") == PDF_PAGE_1
    assert doc.text[third.start : third.end] == PDF_PAGE_3
    assert blank.start == blank.end
    assert doc.text == doc.text[first.start : first.end] + "\n\n" + PDF_PAGE_3
    assert doc.warnings == ["page 2 is blank (no text layer, no image)"]


def test_page_at_maps_into_each_page(pdf_file):
    doc = read_document(pdf_file)
    for page in doc.pages:
        for offset in range(page.start, page.end):
            assert doc.page_at(offset) == page.number
    assert doc.page_at(doc.text.index("1.000")) == 1
    assert doc.page_at(doc.text.index("локацијама")) == 3


def test_diacritics_and_cyrillic_survive(pdf_file):
    text = read_document(pdf_file).text
    assert "č ć š ž đ" in text and "Č Ć Š Ž Đ" in text
    assert "Министарство унутрашњих послова" in text


def test_scanned_pdf_without_any_text(make_pdf):
    path = make_pdf("sken.pdf", ["", ""])
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert str(err.value).startswith(f"{path.as_posix()}: has no text layer (scanned PDF?) — ")


def test_corrupt_pdf(write, caplog):
    path = write("pokvaren.pdf", os.urandom(4096).replace(b"%PDF", b"xxxx"))
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert str(err.value) == (
        f"{path.as_posix()}: is not a readable PDF — open it in a PDF viewer; "
        "download or export it again if it is damaged"
    )
    assert err.value.__cause__ is None
    assert not [record for record in caplog.records if record.name.startswith("pypdf")]


def test_truncated_pdf(pdf_file, write):
    data = pdf_file.read_bytes()
    with pytest.raises(IngestError, match="is not a readable PDF"):
        read_document(write("pola.pdf", data[: len(data) // 3]))


def test_encrypted_pdf(pdf_file, tmp_path):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(pdf_file))
    writer.encrypt("tajna")
    path = tmp_path / "zakljucan.pdf"
    with path.open("wb") as out:
        writer.write(out)
    with pytest.raises(
        IngestError, match=r"zakljucan\.pdf: is encrypted — save an unencrypted copy"
    ):
        read_document(path)


def test_pdf_with_empty_user_password_is_read(pdf_file, tmp_path):
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(pdf_file))
    writer.encrypt("", owner_password="vlasnik")
    path = tmp_path / "samo-vlasnik.pdf"
    with path.open("wb") as out:
        writer.write(out)
    assert PDF_PAGE_3 in read_document(path).text


def test_first_page_blank(make_pdf):
    doc = read_document(make_pdf("prva-prazna.pdf", ["", "Druga strana."]))
    assert doc.pages == [Page(1, 0, 0), Page(2, 0, len("Druga strana."))]
    assert doc.page_at(0) == 2
