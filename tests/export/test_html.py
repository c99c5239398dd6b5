"""The HTML brief, parsed with the standard library's html.parser."""

from __future__ import annotations

import base64
from html.parser import HTMLParser
from pathlib import Path

import pytest

from contradict.export import export

from .conftest import CYRILLIC_QUOTE, EXISTENCE_QUOTES, REVIEW_NOTE, SCRIPT_QUOTE


class Page(HTMLParser):
    """Tags, the text of every element by tag, and the attributes of img and meta."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.stack: list[str] = []
        self.text: dict[str, list[str]] = {}
        self.attrs: dict[str, list[dict[str, str | None]]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.setdefault(tag, []).append(dict(attrs))
        if tag not in ("meta", "img", "br", "link"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        for tag in set(self.stack):
            self.text.setdefault(tag, []).append(data)

    def all_text(self, tag: str) -> str:
        return "".join(self.text.get(tag, []))


@pytest.fixture(scope="module")
def page_source(brief_db: Path) -> str:
    out = export(brief_db, "html")
    assert isinstance(out, str)
    return out


@pytest.fixture(scope="module")
def page(page_source: str) -> Page:
    p = Page()
    p.feed(page_source)
    p.close()
    return p


def test_document_is_utf8_and_titled(page: Page, page_source: str) -> None:
    assert page_source.startswith("<!DOCTYPE html>")
    assert {"charset": "utf-8"} in page.attrs["meta"]
    assert page.all_text("title") == "Inconsistencies in the record: City cameras"
    assert page.all_text("h1") == "Inconsistencies in the record: City cameras"


def test_script_in_a_quote_is_text_not_markup(page: Page, page_source: str) -> None:
    assert "script" not in page.tags
    assert "<script>" not in page_source
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page_source
    assert SCRIPT_QUOTE in page.all_text("blockquote")
    assert SCRIPT_QUOTE in page.all_text("td")  # the chronology


def test_reviewer_note_is_escaped_and_shown(page: Page) -> None:
    assert "b" not in page.tags
    assert REVIEW_NOTE in page.all_text("p")
    assert "Reviewer’s note (Ana):" in page.all_text("p")


def test_cyrillic_quote_title_and_source(page: Page) -> None:
    quotes = page.all_text("blockquote")
    assert CYRILLIC_QUOTE in quotes
    assert "Две хиљаде камера за град" in page.all_text("a")  # document title, linked
    assert "Политика" in page.all_text("figcaption")


def test_every_finding_has_both_quotes_side_by_side(page: Page, page_source: str) -> None:
    assert page_source.count('<article class="finding"') == 7
    assert page_source.count('<div class="pair">') == 7
    assert page_source.count("<blockquote>") == 14
    quotes = page.all_text("blockquote")
    for q in EXISTENCE_QUOTES:
        assert q in quotes


def test_sections_chart_and_chronology(page: Page, page_source: str) -> None:
    h2 = page.text["h2"]
    assert h2 == ["Findings", "Chronology of the claims", "Method"]
    assert page.text["h3"] == ["Number of cameras", "Records of cameras and locations"]
    imgs = page.attrs["img"]
    assert len(imgs) == 1
    # the chart sits in its topic's section, before that topic's findings
    cameras = page_source.index("<h3>Number of cameras</h3>")
    assert cameras < page_source.index("<img") < page_source.index('<article class="finding"')
    src = imgs[0]["src"] or ""
    assert src.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(src.split(",", 1)[1])
    assert svg.lstrip().startswith(b"<?xml") and b"<svg" in svg
    assert "Citizens Watch 689 (2020-07)" in (imgs[0]["alt"] or "")
    # the chronology: one row per quoted claim, oldest first
    dates = [t for t in page.text["td"] if t[:4].isdigit() and len(t) in (4, 7, 10)]
    assert dates == ["2019-01-31", "2019-01-31", "2019-04", "2019-11-06", "2020", "2020-07"]
    assert page.all_text("th").startswith("DateWhoClaimDocument")


def test_links_only_for_web_urls(page: Page) -> None:
    hrefs = [a["href"] for a in page.attrs["a"]]
    external = [h for h in hrefs if h and not h.startswith("#")]
    assert external and all(h.startswith("https://example.org/") for h in external)


def test_same_database_same_html(brief_db: Path, page_source: str) -> None:
    assert export(brief_db, "html") == page_source


def test_filters_are_stated(brief_db: Path) -> None:
    out = export(brief_db, "html", status=["confirmed"], types=["existence"], min_score=0.5)
    assert isinstance(out, str)
    assert "review status confirmed; type existence; score at least 0.50" in out
    assert out.count('<article class="finding"') == 1
    assert "<img" not in out  # no numeric finding left, no chart
