"""The Document a reader produces, and the one text normalisation every reader uses."""

from __future__ import annotations

import bisect
import logging
import re
import unicodedata
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")

#: file suffix -> Document.format
FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


@dataclass
class Page:
    """One PDF page: its 1-based number and its [start, end) range in ``Document.text``."""

    number: int
    start: int
    end: int


@dataclass
class Document:
    """A file read into plain text; claims are exact slices of ``text``."""

    id: str
    path: str
    format: str
    text: str
    pages: list[Page] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None  # how a text or HTML file's bytes were decoded (None: PDF, DOCX)
    encoding_confidence: float | None = None

    def page_at(self, offset: int) -> int | None:
        """The page number holding ``offset``; the blank line between two pages belongs to
        the page before. None when the document has no pages or the offset is outside the text."""
        if not self.pages or offset < 0 or offset >= len(self.text):
            return None
        filled = [page for page in self.pages if page.end > page.start]
        starts = [page.start for page in filled]
        index = bisect.bisect_right(starts, offset) - 1
        return filled[index].number if index >= 0 else None


@dataclass
class Extracted:
    """What a format reader returns before metadata is merged and validated."""

    text: str
    pages: list[Page] = field(default_factory=list)
    front_matter: dict = field(default_factory=dict)
    found: dict = field(default_factory=dict)  # title/date found in the file itself
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None
    encoding_confidence: float | None = None


_SPACES = str.maketrans(
    {
        "\u00a0": " ",  # no-break space
        "\u202f": " ",  # narrow no-break space
        "\u2007": " ",  # figure space
        "\u2028": "\n",  # line separator
        "\u2029": "\n\n",  # paragraph separator
        "\f": "\n\n",
        "\v": "\n",
        "\ufeff": None,  # stray byte-order marks
        "\u200b": None,  # zero-width space
    }
)
#: control characters no reader should pass on: they break DOCX export (XML has no place for
#: them) and an ANSI escape in a quote would drive the terminal that prints it
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_RUN_OF_BLANKS = re.compile(r"[ \t]+")
_MANY_NEWLINES = re.compile(r"\n{3,}")


def normalise_text(text: str) -> str:
    """NFC, plain spaces, one space between words, no trailing spaces, at most one blank line,
    no control characters other than line breaks and tabs.

    Every reader passes its text through here, so offsets are always into normalised text.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_SPACES)
    text = _CONTROLS.sub("", text)
    lines = (_RUN_OF_BLANKS.sub(" ", line).rstrip(" ") for line in text.split("\n"))
    return _MANY_NEWLINES.sub("\n\n", "\n".join(lines)).strip()


@contextmanager
def quiet(*loggers: str) -> Iterator[None]:
    """Silence the named libraries' log and warning noise for the duration of a read; what
    matters to the user is reported through ``Document.warnings`` or an ``IngestError``."""
    saved = [(logging.getLogger(name), logging.getLogger(name).level) for name in loggers]
    for logger, _ in saved:
        logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger, level in saved:
            logger.setLevel(level)
