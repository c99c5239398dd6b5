"""HTML pages: the main text of an article (trafilatura), not its menus, banners and footers."""

from __future__ import annotations

import html as html_lib
import re
from typing import Any

from contradict.errors import IngestError

from .base import Extracted, normalise_text, quiet
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


def read_html(data: bytes, name: str, encoding: str | None = None) -> Extracted:
    """Main text of the page, paragraphs separated by a blank line; title and date found in
    the page are offered for metadata the manifest does not give."""
    html = decode_html(data, name, encoding)
    with quiet(*_LOGGERS):
        text = main_text(html) or body_text(html)
        found = page_metadata(html)
    return Extracted(text=normalise_text(text), found=found)


def decode_html(data: bytes, name: str, encoding: str | None = None) -> str:
    """The manifest's encoding, else the charset the page declares, else UTF-8."""
    declared = _CHARSET.search(data[:4096])
    codec = encoding or (declared.group(1).decode("ascii").lower() if declared else "utf-8")
    if codec in ("utf-8", "utf8"):
        codec = "utf-8-sig"
    try:
        return data.decode(codec)
    except LookupError:  # the page declares a charset Python does not know
        return data.decode("utf-8-sig", errors="replace")
    except UnicodeDecodeError:
        raise IngestError(
            name,
            f"is not valid {codec.removesuffix('-sig')} text",
            "give the page's encoding in the manifest (encoding: cp1250), or convert it to UTF-8",
        ) from None


def main_text(html: str) -> str:
    """The article as trafilatura finds it, one block per paragraph ("" when it finds none)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
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
