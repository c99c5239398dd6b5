"""Ingest: find a case's files and read each into a Document (plain text, pages, metadata).

Readers, one module per format, all pass their text through ``normalise_text``; offsets
of claims refer to ``Document.text``.
"""

from .base import SUPPORTED_SUFFIXES, Document, Page, normalise_text
from .metadata import KINDS, META_FIELDS, load_manifest
from .reader import discover, read_document

__all__ = [
    "KINDS",
    "META_FIELDS",
    "SUPPORTED_SUFFIXES",
    "Document",
    "Page",
    "discover",
    "load_manifest",
    "normalise_text",
    "read_document",
]
