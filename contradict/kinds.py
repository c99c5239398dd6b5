"""Kinds of document: the one list the manifest accepts, their labels, and which are filed.

A document's ``kind`` says what sort of record it is. The mission of the tool is to set what a
body *said* in public (a statement, a media report, vendor material) against what it *filed*
(an FOI answer, a DPIA, a filing, a regulator's finding, a law); :data:`SAID` and
:data:`FILED` are those two groups and every module that needs them imports them from here.
"""

from __future__ import annotations

#: Every kind a document may have, in the order error messages list them.
KINDS: tuple[str, ...] = (
    "statement",
    "foi_response",
    "dpia",
    "filing",
    "regulator",
    "vendor",
    "media",
    "cso",
    "law",
    "other",
)

#: How a brief, an explanation or the finding page names each kind.
LABELS: dict[str, str] = {
    "statement": "statement",
    "foi_response": "FOI answer",
    "dpia": "DPIA filing",
    "filing": "filing",
    "regulator": "regulator's finding",
    "vendor": "vendor material",
    "media": "media report",
    "cso": "civil-society analysis",
    "law": "legal text",
    "other": "document",
}

#: Kinds that are something said in public.
SAID: frozenset[str] = frozenset({"statement", "media", "vendor"})
#: Kinds that are a body's own record: what it filed, answered or enacted.
FILED: frozenset[str] = frozenset({"foi_response", "dpia", "filing", "regulator", "law"})


def label(kind: str | None) -> str:
    """The label of ``kind``; "document" when the kind is unknown or not given."""
    return LABELS.get(kind or "", "document")


def is_filed(kind: str | None) -> bool:
    return kind in FILED


def said_against_filed(kind_a: str | None, kind_b: str | None) -> bool:
    """One side was said in public and the other is a filed record."""
    kinds = {kind_a, kind_b}
    return bool(kinds & SAID) and bool(kinds & FILED)

