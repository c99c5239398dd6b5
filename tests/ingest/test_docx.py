import io
import zipfile

import pytest

from contradict.errors import IngestError
from contradict.ingest import read_document


def test_docx_paragraphs_and_table(docx_file):
    doc = read_document(docx_file)
    assert doc.format == "docx"
    assert doc.text == (
        "Odgovor Ministarstva\n\n"
        "Ministarstvo ne poseduje dokument o lokacijama kamera.\n\n"
        "Stavka | Broj\n\n"
        "Kamere | 8.100\n\n"
        "Napomena: podaci iz 2019.\n\n"
        "Procena uticaja nije izrađena."
    )
    assert doc.pages == []
    assert doc.meta["title"] == "Odgovor na zahtev za pristup informacijama"


def test_docx_manifest_title_wins(docx_file):
    manifest = {"foi.docx": {"title": "Odgovor MUP-a", "kind": "foi_response"}}
    doc = read_document(docx_file, root=docx_file.parent, manifest=manifest)
    assert doc.meta["title"] == "Odgovor MUP-a"
    assert doc.meta["kind"] == "foi_response"


def test_corrupt_docx(write):
    path = write("pokvaren.docx", b"PK\x03\x04 this is not really a zip file")
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert str(err.value).startswith(f"{path.as_posix()}: is not a readable DOCX file — ")
    assert err.value.__cause__ is None


def test_zip_that_is_not_a_docx(write):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hello")
    with pytest.raises(IngestError, match="is not a readable DOCX file"):
        read_document(write("arhiva.docx", buffer.getvalue()))


def test_docx_without_text_is_empty(tmp_path):
    import docx

    path = tmp_path / "prazan.docx"
    docx.Document().save(str(path))
    with pytest.raises(IngestError, match="is empty"):
        read_document(path)
