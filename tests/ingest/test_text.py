import codecs
from pathlib import Path

import pytest

from contradict.errors import IngestError, MetadataError
from contradict.ingest import META_FIELDS, read_document

FRONT_MATTER_TEXT = """---
title: Izjava direktora policije
source: MUP
speaker: Direktor policije
kind: statement
date: 2019-02-09
url: https://example.org/izjava
language: SR
outlet: RTS
confidence: 0.9
---
Sve lokacije kamera su poznate.\r
Postavljeno je 1.000 kamera.
"""


def test_text_with_front_matter(write):
    path = write("izjava.txt", FRONT_MATTER_TEXT)
    doc = read_document(path)
    assert doc.format == "txt"
    assert doc.text == "Sve lokacije kamera su poznate.\nPostavljeno je 1.000 kamera."
    assert doc.meta == {
        "title": "Izjava direktora policije",
        "source": "MUP",
        "speaker": "Direktor policije",
        "kind": "statement",
        "date": "2019-02-09",
        "url": "https://example.org/izjava",
        "language": "sr",
        "outlet": "RTS",
        "confidence": 0.9,
    }
    assert doc.pages == [] and doc.warnings == []
    assert doc.page_at(0) is None


def test_document_id_is_hash_of_bytes(write):
    import hashlib

    a = write("a/one.txt", "Isti tekst.")
    b = write("b/two.txt", "Isti tekst.")
    assert read_document(a).id == read_document(b).id == hashlib.sha256(b"Isti tekst.").hexdigest()


def test_missing_metadata_is_none(write):
    doc = read_document(write("plain.txt", "Samo tekst."))
    assert doc.meta == dict.fromkeys(META_FIELDS)


def test_path_relative_to_root(tmp_path, write):
    path = write("statements/x.txt", "Tekst.")
    assert read_document(path, root=tmp_path).path == "statements/x.txt"
    assert read_document(path).path == path.as_posix()


def test_cyrillic_utf8_with_bom(write):
    path = write("ćirilica.txt", "\ufeffМинистарство нема документ.\n".encode())
    doc = read_document(path)
    assert doc.text == "Министарство нема документ."


CP1250_TEXT = "Ministarstvo unutrašnjih poslova: čćžšđ.\nDrugi red."


@pytest.mark.parametrize("codec", ["cp1250", "iso-8859-2"])
def test_legacy_serbian_encodings_are_detected(write, codec):
    path = write("stari.txt", CP1250_TEXT.encode(codec))
    doc = read_document(path)
    assert doc.text == CP1250_TEXT
    assert doc.encoding == codecs.lookup(codec).name and doc.encoding_confidence >= 0.9


def test_binary_data_with_a_text_name_is_refused(write):
    path = write("slika.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert str(err.value) == (
        f"{path.as_posix()}: is binary data, not text (it has NUL bytes) — it is not a text file: "
        "give it the extension of its real format, or remove it"
    )


def test_cp1250_with_manifest_encoding(tmp_path, write):
    path = write("stari.txt", CP1250_TEXT.encode("cp1250"))
    doc = read_document(path, root=tmp_path, manifest={"stari.txt": {"encoding": "CP1250"}})
    assert doc.text == CP1250_TEXT
    assert doc.meta["encoding"] == "cp1250"


def test_unknown_encoding_in_manifest(tmp_path, write):
    path = write("stari.txt", b"abc")
    with pytest.raises(
        MetadataError, match=r"field 'encoding': 'klingon' is not a known text encoding"
    ):
        read_document(path, root=tmp_path, manifest={"stari.txt": {"encoding": "klingon"}})


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_file(write, content):
    path = write("empty.txt", content)
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert (
        str(err.value)
        == f"{path.as_posix()}: is empty — add text to it or remove it from the folder"
    )


def test_front_matter_only_is_empty(write):
    path = write("only.md", "---\ntitle: Samo naslov\n---\n\n")
    with pytest.raises(IngestError, match="is empty"):
        read_document(path)


def test_missing_file(tmp_path):
    path = tmp_path / "nema.txt"
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert str(err.value) == f"{path.as_posix()}: does not exist — check the path"


def test_folder_is_not_a_document(tmp_path):
    with pytest.raises(IngestError, match="is a folder, not a file"):
        read_document(tmp_path)


def test_unsupported_suffix(write):
    with pytest.raises(IngestError, match=r"is not a supported format — supported: \.txt, \.md"):
        read_document(write("slika.jpg", b"\xff\xd8"))


def test_unreadable_file(write, monkeypatch):
    path = write("zakljucan.txt", "tajna")

    def denied(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "read_bytes", denied)
    with pytest.raises(IngestError) as err:
        read_document(path)
    assert str(err.value) == (
        f"{path.as_posix()}: cannot be read (permission denied) — check the file's permissions (chmod +r)"
    )


def test_bad_yaml_front_matter_names_file_and_line(write):
    path = write("los.md", "---\ntitle: Dobro\nsource: [nezatvoreno\n---\nTekst.\n")
    with pytest.raises(MetadataError) as err:
        read_document(path)
    message = str(err.value)
    assert message.startswith(f"{path.as_posix()}: front matter line ")
    assert "invalid YAML" in message
    assert err.value.path == path.as_posix()


def test_front_matter_line_number_counts_from_file_start(write):
    path = write("los.md", "---\ntitle: a\nkind: statement\n  bad: indent\n---\nTekst.\n")
    with pytest.raises(MetadataError, match=r"front matter line 4: invalid YAML"):
        read_document(path)


def test_unclosed_front_matter(write):
    with pytest.raises(
        MetadataError, match="front matter starts with '---' on line 1 but is never closed"
    ):
        read_document(write("otvoren.md", "---\ntitle: a\nTekst.\n"))


def test_front_matter_that_is_not_a_mapping(write):
    with pytest.raises(MetadataError, match="front matter is not a list of 'field: value' lines"):
        read_document(write("lista.md", "---\n- a\n- b\n---\nTekst.\n"))


def test_front_matter_wins_over_manifest(tmp_path, write):
    path = write("x.txt", "---\ntitle: Iz fajla\n---\nTekst.\n")
    manifest = {"x.txt": {"title": "Iz manifesta", "source": "MUP"}}
    doc = read_document(path, root=tmp_path, manifest=manifest)
    assert doc.meta["title"] == "Iz fajla"
    assert doc.meta["source"] == "MUP"


MARKDOWN = """---
kind: media
---
# Kamere u Beogradu

Direktor je rekao da su **sve lokacije** poznate i da je _analiza_ urađena.
Više u [izveštaju](https://example.org/izvestaj "Izveštaj") i *drugim* izvorima.
<!-- komentar urednika: proveriti broj -->

## Brojevi ##

- Postavljeno je 1.000 kamera.
- Ima ih na 800 lokacija.

> Citat: „Nema dokumenta."

---

| Stavka | Broj |
| --- | ---: |
| Kamere | 8.100 |

Ime_fajla_sa_crtama ostaje, kao i 2*3*4 i \\*zvezdica\\*.
![slika](slika.png)
"""


def test_markdown_rendering(write):
    doc = read_document(write("clanak.md", MARKDOWN))
    assert doc.format == "md"
    assert doc.meta["kind"] == "media"
    assert doc.text == (
        "Kamere u Beogradu\n\n"
        "Direktor je rekao da su sve lokacije poznate i da je analiza urađena.\n"
        "Više u izveštaju i drugim izvorima.\n\n"
        "Brojevi\n\n"
        "Postavljeno je 1.000 kamera.\n"
        "Ima ih na 800 lokacija.\n\n"
        'Citat: „Nema dokumenta."\n\n'
        "Stavka | Broj\n"
        "Kamere | 8.100\n\n"
        "Ime_fajla_sa_crtama ostaje, kao i 2*3*4 i *zvezdica*."
    )


def test_markdown_suffix_and_fenced_code(write):
    doc = read_document(write("b.markdown", "Uvod.\n\n```\n**ne dirati** _ovo_\n```\n"))
    assert doc.format == "md"
    assert doc.text == "Uvod.\n\n**ne dirati** _ovo_"
