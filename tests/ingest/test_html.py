import pytest

from contradict.errors import IngestError
from contradict.ingest import read_document

from .conftest import ARTICLE_PARAGRAPHS, NEWS_PAGE, PAGE_FURNITURE


def test_news_page_main_text_only(write):
    doc = read_document(write("vest.html", NEWS_PAGE))
    assert doc.format == "html"
    paragraphs = doc.text.split("\n\n")
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in paragraphs
    for furniture in PAGE_FURNITURE:
        assert furniture not in doc.text, furniture


def test_news_page_title_and_date_from_page(write):
    doc = read_document(write("vest.htm", NEWS_PAGE))
    assert doc.meta["title"] == "Police director: all camera locations are known"
    assert doc.meta["date"] == "2019-02-09"


def test_manifest_metadata_wins_over_page(tmp_path, write):
    path = write("vest.html", NEWS_PAGE)
    manifest = {"vest.html": {"title": "Naslov iz manifesta", "date": "2019-02"}}
    doc = read_document(path, root=tmp_path, manifest=manifest)
    assert doc.meta["title"] == "Naslov iz manifesta"
    assert doc.meta["date"] == "2019-02"


def test_fallback_strips_scripts_and_page_furniture(write, monkeypatch):
    import trafilatura

    monkeypatch.setattr(trafilatura, "extract", lambda *args, **kwargs: None)
    doc = read_document(write("vest.html", NEWS_PAGE))
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in doc.text.split("\n\n")
    for furniture in (
        "Politics",
        "All rights reserved",
        "tracking",
        "font-family",
        "Related articles",
    ):
        assert furniture not in doc.text


def test_page_declaring_cp1250(write):
    page = (
        '<html><head><meta charset="windows-1250"><title>Vest</title></head><body>'
        "<article><p>Ministarstvo unutrašnjih poslova kaže da je postavljeno 1.000 kamera na "
        "800 lokacija širom grada, a da će ih do kraja godine biti još više.</p></article>"
        "</body></html>"
    )
    doc = read_document(write("stara.html", page.encode("cp1250")))
    assert "unutrašnjih" in doc.text


def test_page_without_text_is_empty(write):
    with pytest.raises(IngestError, match="is empty"):
        read_document(
            write("prazna.html", "<html><head><title>x</title></head><body> </body></html>")
        )
