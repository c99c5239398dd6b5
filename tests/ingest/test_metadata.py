import pytest

from contradict.errors import MetadataError
from contradict.ingest import KINDS, load_manifest, read_document


def test_bad_kind_names_file_field_and_allowed_values(write):
    path = write("x.md", "---\nkind: blog\n---\nTekst.\n")
    with pytest.raises(MetadataError) as err:
        read_document(path)
    assert str(err.value) == (
        f"{path.as_posix()}: field 'kind': 'blog' is not a known kind (in the front matter) — "
        "use one of: " + ", ".join(KINDS)
    )


def test_kind_is_case_insensitive(write):
    assert (
        read_document(write("x.md", "---\nkind: FOI_Response\n---\nTekst.\n")).meta["kind"]
        == "foi_response"
    )


@pytest.mark.parametrize("date", ["2019-13-01", "2019-02-30", "2019-2-1", "19-02-01", "sometime"])
def test_bad_date(write, date):
    path = write("x.md", f"---\ndate: '{date}'\n---\nTekst.\n")
    with pytest.raises(MetadataError) as err:
        read_document(path)
    message = str(err.value)
    assert message.startswith(f"{path.as_posix()}: field 'date': '{date}' is not a")
    assert message.endswith("(in the front matter) — expected YYYY-MM-DD, YYYY-MM or YYYY")


def test_unquoted_bad_date_from_yaml(write):
    path = write("x.md", "---\ndate: 2019-13-01\n---\nTekst.\n")
    with pytest.raises(MetadataError, match=r"field 'date': '2019-13-01' is not a valid date"):
        read_document(path)


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        ("2019-02-09", "2019-02-09"),
        ("'2019-02'", "2019-02"),
        ("2019", "2019"),
        ("2019-02-09 10:30:00", "2019-02-09"),
    ],
)
def test_good_dates(write, given, stored):
    assert read_document(write("x.md", f"---\ndate: {given}\n---\nTekst.\n")).meta["date"] == stored


def test_bad_url(write):
    with pytest.raises(
        MetadataError,
        match=r"field 'url': 'www.example.org' is not a web address .* — start it with http:// or https://",
    ):
        read_document(write("x.md", "---\nurl: www.example.org\n---\nTekst.\n"))


def test_known_field_must_be_a_single_value(write):
    with pytest.raises(MetadataError, match=r"field 'speaker': \['a', 'b'\] is not text"):
        read_document(write("x.md", "---\nspeaker: [a, b]\n---\nTekst.\n"))


def test_extra_fields_and_empty_values(write):
    text = "---\ntitle: ''\nsource:\nnote: Proveriti\npages_checked: 12\ntags: [kamere, mup]\n---\nTekst.\n"
    meta = read_document(write("x.md", text)).meta
    assert meta["title"] is None and meta["source"] is None
    assert meta["note"] == "Proveriti"
    assert meta["pages_checked"] == 12
    assert meta["tags"] == ["kamere", "mup"]
    assert list(meta)[:7] == ["title", "source", "speaker", "kind", "date", "url", "language"]


MANIFEST_CSV = """file,title,source,speaker,kind,date,url,language,outlet
statements/rts.txt,Izjava za RTS,MUP,Direktor policije,statement,2019-02-09,https://rts.rs/x,sr,RTS
./filing.txt,"Podnesak, drugi deo",MUP,,filing,2019-04,,,
"""

MANIFEST_YAML = """documents:
  filing.txt:
    title: Podnesak
    confidence: 0.8
  foi.txt: {kind: foi_response, date: 2019-04-15}
"""


def test_manifest_csv_and_yaml(tmp_path, write):
    write("manifest.csv", MANIFEST_CSV)
    write("contradict.yaml", MANIFEST_YAML)
    manifest = load_manifest(tmp_path)
    assert manifest["statements/rts.txt"] == {
        "title": "Izjava za RTS",
        "source": "MUP",
        "speaker": "Direktor policije",
        "kind": "statement",
        "date": "2019-02-09",
        "url": "https://rts.rs/x",
        "language": "sr",
        "outlet": "RTS",
    }
    assert manifest["filing.txt"] == {
        "title": "Podnesak",
        "source": "MUP",
        "kind": "filing",
        "date": "2019-04",
        "confidence": 0.8,
    }
    path = write("foi.txt", "Odgovor.")
    meta = read_document(path, root=tmp_path, manifest=manifest).meta
    assert meta["kind"] == "foi_response" and meta["date"] == "2019-04-15"


def test_manifest_applies_to_files_in_subfolders(tmp_path, write):
    write("manifest.csv", MANIFEST_CSV)
    path = write("statements/rts.txt", "Sve lokacije su poznate.")
    doc = read_document(path, root=tmp_path, manifest=load_manifest(tmp_path))
    assert doc.path == "statements/rts.txt"
    assert doc.meta["speaker"] == "Direktor policije"
    assert doc.meta["outlet"] == "RTS"


def test_no_manifest_is_empty(tmp_path):
    assert load_manifest(tmp_path) == {}


def test_invalid_manifest_value_names_document_and_manifest(tmp_path, write):
    write("manifest.csv", "file,kind\nx.txt,blog\n")
    path = write("x.txt", "Tekst.")
    with pytest.raises(
        MetadataError,
        match=r"^x\.txt: field 'kind': 'blog' is not a known kind \(in the manifest\)",
    ):
        read_document(path, root=tmp_path, manifest=load_manifest(tmp_path))


def test_invalid_yaml_manifest_names_file_and_line(tmp_path, write):
    path = write("contradict.yaml", "documents:\n  a.txt: {title: x\n  b.txt: {}\n")
    with pytest.raises(MetadataError) as err:
        load_manifest(tmp_path)
    assert str(err.value).startswith(f"{path}: manifest line 3: invalid YAML")


def test_yaml_manifest_documents_must_be_a_mapping(tmp_path, write):
    write("contradict.yaml", "documents:\n  - a.txt\n")
    with pytest.raises(MetadataError, match="'documents' is not a mapping of file name to fields"):
        load_manifest(tmp_path)


def test_csv_manifest_without_file_column(tmp_path, write):
    path = write("manifest.csv", "name,title\na.txt,x\n")
    with pytest.raises(MetadataError) as err:
        load_manifest(tmp_path)
    assert str(err.value) == (
        f"{path}: line 1: no 'file' column — start it with the header: "
        "file,title,source,speaker,kind,date,url,language"
    )


def test_csv_manifest_row_with_too_many_cells(tmp_path, write):
    write("manifest.csv", "file,title\na.txt,x\nb.txt,Naslov, sa zarezom\n")
    with pytest.raises(
        MetadataError, match=r"manifest\.csv: line 3: more cells than header columns"
    ):
        load_manifest(tmp_path)


def test_csv_manifest_duplicate_file(tmp_path, write):
    write("manifest.csv", "file,title\na.txt,x\na.txt,y\n")
    with pytest.raises(MetadataError, match=r"line 3: 'a.txt' is already listed on line 2"):
        load_manifest(tmp_path)


def test_csv_manifest_not_utf8(tmp_path, write):
    write("manifest.csv", "file,title\na.txt,Izjava MUP-a o kamerama š\n".encode("cp1250"))
    with pytest.raises(
        MetadataError, match=r"manifest\.csv: is not UTF-8 text — save the manifest as UTF-8"
    ):
        load_manifest(tmp_path)
