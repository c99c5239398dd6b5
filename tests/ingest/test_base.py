from contradict.ingest import Document, Page, normalise_text


def test_normalise_text_spaces_newlines_and_nfc():
    raw = "  Broj\u00a0kamera:\t\t1.000   \r\nDrugi red  \r\n\r\n\r\n\r\nTreći\u202fred\n"
    assert normalise_text(raw) == "Broj kamera: 1.000\nDrugi red\n\nTreći red"


def test_normalise_text_composes_decomposed_letters():
    decomposed = "c\u030c"  # c + combining caron
    assert normalise_text(decomposed) == "č"
    assert len(normalise_text(decomposed)) == 1


def test_normalise_text_whitespace_only_lines_count_as_blank():
    assert normalise_text("a\n  \n\t\n \nb") == "a\n\nb"


def test_page_at_without_pages_is_none():
    doc = Document(id="x", path="a.txt", format="txt", text="hello", pages=[], meta={}, warnings=[])
    assert doc.page_at(0) is None


def test_page_at_maps_offsets_and_skips_empty_pages():
    text = "one\n\nthree"
    pages = [Page(1, 0, 3), Page(2, 3, 3), Page(3, 5, 10)]
    doc = Document(id="x", path="a.pdf", format="pdf", text=text, pages=pages, meta={}, warnings=[])
    assert [doc.page_at(i) for i in range(len(text))] == [1, 1, 1, 1, 1, 3, 3, 3, 3, 3]
    assert doc.page_at(-1) is None
    assert doc.page_at(len(text)) is None


def test_import_stays_light():
    import subprocess
    import sys

    code = (
        "import sys, contradict.ingest\n"
        "heavy = [m for m in ('trafilatura', 'pypdf', 'docx', 'lxml', 'yaml') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
