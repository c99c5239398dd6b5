import pytest

from contradict.errors import EmptyCorpusError, IngestError
from contradict.ingest import discover


def test_discover_skips_hidden_underscore_and_case_files(tmp_path, write):
    for name in [
        "b.txt",
        "a.MD",
        "sub/c.pdf",
        "sub/deeper/d.docx",
        "vest.htm",
        "z.markdown",
        ".hidden.txt",
        ".git/x.txt",
        "_drafts/e.txt",
        "sub/_notes.md",
        "README.md",
        "sub/readme.MD",
        "MANIFEST.md",
        "gold.yaml",
        "contradict.yaml",
        "manifest.csv",
        "slika.png",
    ]:
        write(name, "x")
    found = [path.relative_to(tmp_path).as_posix() for path in discover(tmp_path)]
    assert found == ["a.MD", "b.txt", "sub/c.pdf", "sub/deeper/d.docx", "vest.htm", "z.markdown"]


def test_discover_inside_a_hidden_parent_folder(tmp_path, write):
    write(".case/doc.txt", "x")
    assert discover(tmp_path / ".case") == [tmp_path / ".case" / "doc.txt"]


def test_discover_single_file(write):
    path = write("one.txt", "x")
    assert discover(path) == [path]


def test_discover_single_unsupported_file(write):
    with pytest.raises(IngestError, match=r"one\.png: is not a supported format"):
        discover(write("one.png", b"x"))


def test_discover_empty_folder(tmp_path, write):
    write("notes/_private.txt", "x")
    write("slika.png", b"x")
    with pytest.raises(EmptyCorpusError) as err:
        discover(tmp_path)
    assert str(err.value) == (
        f"{tmp_path}: no supported documents found — add files ending in "
        ".txt, .md, .markdown, .html, .htm, .pdf, .docx (names starting with '.' or '_' are skipped)"
    )


def test_discover_missing_folder(tmp_path):
    missing = tmp_path / "nema"
    with pytest.raises(IngestError) as err:
        discover(missing)
    assert str(err.value) == f"{missing}: does not exist — check the path"
