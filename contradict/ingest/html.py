"""HTML pages: the main text of an article (trafilatura), not its menus, banners and footers."""

from __future__ import annotations

import codecs
import html as html_lib
import re
from html.parser import HTMLParser
from typing import Any

from .base import Extracted, normalise_text, quiet
from .encoding import BOMS, Decoded, decode_bytes
from .metadata import is_date

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_DROPPED_TAGS = (
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "noscript",
    "template",
)
_BLOCK_TAGS = (
    "p", "div", "section", "article", "main", "aside", "blockquote", "pre", "li", "tr",
    "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl", "dt", "dd",
    "figure", "figcaption",
)  # fmt: skip
_LOGGERS = ("trafilatura", "htmldate", "courlan", "justext")
_BOM_PREFIXES = tuple(bom for bom, _ in BOMS)


def read_html(data: bytes, name: str, encoding: str | None = None) -> Extracted:
    """Main text of the page, paragraphs separated by a blank line; title and date found in
    the page are offered for metadata the manifest does not give. When trafilatura finds no
    article, the body's text is read (lxml, then a streaming parser for pages nested deeper
    than lxml goes: 3,000 ``<div>`` levels)."""
    decoded, warnings = decode_html(data, name, encoding)
    html = decoded.text
    with quiet(*_LOGGERS):
        if too_deep(html):  # lxml, and trafilatura with it, drop whatever lies deeper
            text = stream_text(html)
            warnings.append(f"the page is nested more than {LXML_MAX_DEPTH} elements deep: its body "
                            "text was read whole, without telling the article from the rest")
        else:
            text = main_text(html) or body_text(html) or stream_text(html)
        found = page_metadata(html)
    return Extracted(
        text=normalise_text(text),
        found=found,
        warnings=warnings,
        encoding=decoded.encoding,
        encoding_confidence=decoded.confidence,
    )


def decode_html(data: bytes, name: str, encoding: str | None = None) -> tuple[Decoded, list[str]]:
    """The manifest's encoding, else a byte-order mark, else the charset the page declares,
    else what ``decode_bytes`` detects; a page whose bytes do not fit its declared charset
    (old Serbian pages declare UTF-8 and are Windows-1250) is detected, with a warning."""
    if encoding or data.startswith(_BOM_PREFIXES):
        return decode_bytes(data, name, encoding), []
    declared = _CHARSET.search(data[:4096])
    if declared is None:
        return decode_bytes(data, name), []
    charset = declared.group(1).decode("ascii").lower()
    try:
        codec = codecs.lookup(charset).name
        return Decoded(data.decode(codec), codec, 1.0), []
    except LookupError:  # the page declares a charset Python does not know
        problem = f"declares an unknown charset {charset!r}"
    except UnicodeDecodeError:
        problem = f"declares charset {charset!r} but its bytes are not valid {charset}"
    decoded = decode_bytes(data, name)
    return decoded, [f"the page {problem}; it was read as {decoded.encoding} "
                     f"(confidence {decoded.confidence:.0%})"]


LXML_MAX_DEPTH = 256


def too_deep(html: str) -> bool:
    """Whether lxml stops building the page's tree at its nesting limit (256 levels)."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError):
        return False
    return any(error.type_name == "ERR_RESOURCE_LIMIT" for error in parser.error_log)


def main_text(html: str) -> str:
    """The article as trafilatura finds it, one block per paragraph ("" when it finds none,
    or fails on the page)."""
    import trafilatura

    try:
        text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    except (RecursionError, ValueError, TypeError, AttributeError, IndexError, KeyError):
        return ""  # trafilatura's own bugs on odd pages: the body text is read instead
    # trafilatura puts each block (paragraph, heading, list item, table row) on one line.
    return text.replace("\n", "\n\n") if text else ""


def body_text(html: str) -> str:
    """Fallback when trafilatura finds no article: the body's text without scripts and page
    furniture (nav, header, footer, aside), one block per paragraph."""
    import lxml.etree
    import lxml.html

    parser = lxml.html.HTMLParser(encoding="utf-8")
    try:
        root = lxml.html.document_fromstring(html.encode("utf-8"), parser=parser)
    except (lxml.etree.ParserError, ValueError):  # nothing but whitespace or comments
        return ""
    for element in list(root.iter(*_DROPPED_TAGS)):
        _drop(element)
    for element in root.iter(*_BLOCK_TAGS):
        element.text = "\n\n" + (element.text or "")
        element.tail = "\n\n" + (element.tail or "")
    for element in root.iter("br"):
        element.tail = "\n" + (element.tail or "")
    body = root.find("body")
    return "".join((body if body is not None else root).itertext())


class _TextParser(HTMLParser):
    """The body text as ``body_text`` gives it, from a tokeniser that keeps no tree, so that
    no nesting depth loses text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: list[str] = []  # open dropped elements (script, nav, ...)

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag in _DROPPED_TAGS and tag not in _VOID:
            self.skipping.append(tag)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.skipping and tag in self.skipping:
            while self.skipping and self.skipping.pop() != tag:
                pass
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


_VOID = ("br", "img", "hr", "meta", "link", "input")


def stream_text(html: str) -> str:
    """Text of a page that lxml cannot build a whole tree of (nested more than 256 levels):
    the head is skipped and so are scripts and page furniture, block elements become
    paragraphs."""
    body = re.search(r"<body[^>]*>", html, re.IGNORECASE)
    parser = _TextParser()
    parser.feed(html[body.end():] if body else html)
    parser.close()
    return "".join(parser.parts)


def _drop(element: Any) -> None:
    """Remove an element but keep the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def page_metadata(html: str) -> dict[str, str]:
    """Title (og:title or <title>) and publication date, when the page has them."""
    import trafilatura

    try:
        page = trafilatura.extract_metadata(html)
    except Exception:  # metadata is a bonus: a page trafilatura cannot parse just has none
        page = None
    found: dict[str, str] = {}
    title = (page.title if page else None) or _title_tag(html)
    if title:
        found["title"] = normalise_text(title)
    date = page.date if page else None
    if date and is_date(date):
        found["date"] = date
    return found


def _title_tag(html: str) -> str | None:
    match = _TITLE.search(html)
    if not match:
        return None
    return html_lib.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() or None
