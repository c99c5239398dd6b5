"""Plain text and Markdown files: decoding, front matter, a light Markdown-to-text rendering."""

from __future__ import annotations

import re

from .base import Extracted, normalise_text
from .encoding import decode_bytes
from .metadata import split_front_matter


def read_text(
    data: bytes, name: str, encoding: str | None = None, markdown: bool = False
) -> Extracted:
    """Decode, split off front matter, render Markdown to plain text when ``markdown``."""
    decoded = decode_bytes(data, name, encoding)
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    front_matter, body = split_front_matter(text, name)
    text = render_markdown(body) if markdown else body
    return Extracted(
        text=normalise_text(text),
        front_matter=front_matter,
        encoding=decoded.encoding,
        encoding_confidence=decoded.confidence,
    )


def read_markdown(data: bytes, name: str, encoding: str | None = None) -> Extracted:
    return read_text(data, name, encoding, markdown=True)


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """The text of ``data``: the manifest's encoding when it gives one, else a byte-order mark,
    UTF-8 or a detected legacy encoding (``encoding.decode_bytes``); binary data is refused."""
    text = decode_bytes(data, name, encoding).text
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- Markdown -----------------------------------------------------------------------------

_ESCAPABLE = "\\`*_{}[]()#+-.!|>~"
_ESCAPED = re.compile(r"\\([" + re.escape(_ESCAPABLE) + r"])")
_PROTECTED = re.compile("[\ue000-\ue0ff]")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+(.*?))?(?:\s+#+)?\s*$")
_RULE = re.compile(r"^\s{0,3}(?:([-*_=])\s*)(?:\1\s*){2,}$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+.*$")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_REFERENCE_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_STAR = re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])")
_UNDERSCORE = re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])")
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_CODE = re.compile(r"`+([^`]+)`+")


def render_markdown(body: str) -> str:
    """Markdown as readable plain text: no heading, emphasis, link or list markup; headings
    become their own paragraphs; table rule lines and link definitions are dropped; fenced
    code is kept verbatim without its fences."""
    body = _COMMENT.sub("", _ESCAPED.sub(lambda m: chr(0xE000 + ord(m.group(1))), body))
    out: list[str] = []
    in_fence = False
    for line in body.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append("")
        elif in_fence:
            out.append(line)
        elif not (_TABLE_RULE.match(line) or _LINK_DEFINITION.match(line)):
            out.append(_render_line(line))
    text = "\n".join(out)
    return _PROTECTED.sub(lambda m: chr(ord(m.group(0)) - 0xE000), text)


def _render_line(line: str) -> str:
    heading = _HEADING.match(line)
    if heading:
        return "\n" + _render_inline(heading.group(1) or "") + "\n"
    if _RULE.match(line):
        return ""
    line = _LIST_ITEM.sub("", _QUOTE.sub("", line))
    if line.lstrip().startswith("|"):
        line = line.strip().strip("|").strip()
    return _render_inline(line)


def _render_inline(text: str) -> str:
    text = _IMAGE.sub("", text)
    text = _LINK.sub(r"\1", text)
    text = _REFERENCE_LINK.sub(r"\1", text)
    text = _AUTOLINK.sub(r"\1", text)
    text = _TAG.sub("", text)
    text = _CODE.sub(r"\1", text)
    text = _STRONG.sub(r"\2", text)
    text = _STAR.sub(r"\1", text)
    text = _UNDERSCORE.sub(r"\1", text)
    return _STRIKE.sub(r"\1", text)
