"""Real files for the ingest tests, written under tmp_path by fixtures."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"

PDF_PAGE_1 = (
    "Ministarstvo unutrašnjih poslova: u Beogradu će biti postavljeno 1.000 kamera "
    "na 800 lokacija. Slova č ć š ž đ i Č Ć Š Ž Đ."
)
PDF_PAGE_3 = "Министарство унутрашњих послова нема документ о локацијама камера."

ARTICLE_PARAGRAPHS = [
    "The director of police said on Saturday that every camera site has already been "
    "chosen after a detailed crime analysis carried out by the ministry.",
    "According to the director, 1,000 cameras will be installed at 800 locations across "
    "Belgrade by the end of the year, and the first 100 are already working.",
    '"The citizens of Belgrade will be safer," he told reporters, adding that the system '
    "complies with the Law on Personal Data Protection.",
    "Civil-society organisations have asked the ministry to publish the data protection "
    "impact assessment, which they say has not been made public.",
]
PAGE_FURNITURE = [
    "We use cookies to improve your experience",
    "Accept all cookies",
    "Politics",
    "Economy",
    "Related articles",
    "Ten things you did not know about traffic lights",
    "Weather: snow expected in the capital next week",
    "All rights reserved",
    "Privacy policy",
    "Contact the editors",
    "tracking",
    "font-family",
]

NEWS_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Police director: all camera locations are known | Daily Courier</title>
<meta property="og:title" content="Police director: all camera locations are known">
<meta property="article:published_time" content="2019-02-09T10:15:00+01:00">
<script>window.dataLayer = [];</script>
<style>body {{ font-family: sans-serif; }}</style>
</head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
  <button>Accept all cookies</button></div>
<header class="site-header">
  <a href="/" class="logo">Daily Courier</a>
  <nav class="main-menu"><ul>
    <li><a href="/politics">Politics</a></li><li><a href="/economy">Economy</a></li>
    <li><a href="/sport">Sport</a></li><li><a href="/culture">Culture</a></li>
  </ul></nav>
</header>
<main>
<article>
  <h1>Police director: all camera locations are known</h1>
  <p class="byline">By Jelena Petrović, 9 February 2019</p>
{article}
</article>
<aside class="related">
  <h3>Related articles</h3>
  <ul><li><a href="/a1">Ten things you did not know about traffic lights</a></li>
  <li><a href="/a2">Weather: snow expected in the capital next week</a></li></ul>
</aside>
</main>
<footer class="site-footer"><p>&copy; 2019 Daily Courier. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/contact">Contact the editors</a></p></footer>
<script>console.log("tracking");</script>
</body></html>
""".format(article="\n".join(f"  <p>{text}</p>" for text in ARTICLE_PARAGRAPHS))


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """write("name.txt", "text") or write("name.bin", b"bytes") -> the file's path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[[str, list[str]], Path]:
    """make_pdf("name.pdf", ["page 1 text", "", ...]): one page per entry, "" leaves it blank."""

    def _make(name: str, pages: list[str]) -> Path:
        from fpdf import FPDF

        pdf = FPDF()
        pdf.add_font("DejaVu", fname=FONT)
        pdf.set_font("DejaVu", size=12)
        for text in pages:
            pdf.add_page()
            if text:
                pdf.multi_cell(0, 8, text)
        path = tmp_path / name
        path.write_bytes(bytes(pdf.output()))
        return path

    return _make


@pytest.fixture
def pdf_file(make_pdf: Callable[[str, list[str]], Path]) -> Path:
    """Three pages: Serbian Latin, a blank page, Serbian Cyrillic."""
    return make_pdf("filing.pdf", [PDF_PAGE_1, "", PDF_PAGE_3])


@pytest.fixture
def docx_file(tmp_path: Path) -> Path:
    """A titled document: heading, paragraphs (one empty), a table with a merged cell."""
    import docx

    document = docx.Document()
    document.core_properties.title = "Odgovor na zahtev za pristup informacijama"
    document.add_heading("Odgovor Ministarstva", level=1)
    document.add_paragraph("Ministarstvo ne poseduje dokument o lokacijama kamera.")
    document.add_paragraph("")
    table = document.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Stavka"
    table.cell(0, 1).text = "Broj"
    table.cell(1, 0).text = "Kamere"
    table.cell(1, 1).text = "8.100"
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "Napomena: podaci iz 2019."
    document.add_paragraph("Procena uticaja nije izrađena.")
    path = tmp_path / "foi.docx"
    document.save(str(path))
    return path
