"""The two sides of a finding: each quoted claim with everything needed to cite it.

A row of the ``finding_details`` view (``store.query_findings``, ``store.get_finding``) holds
both claims as columns suffixed ``_a`` and ``_b``; :func:`sides` is the one place that turns
them into two :class:`Side` objects. The brief, the JSON Lines and CSV exports, and the finding
page of the Datasette plugin all read a finding's claims through it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import kinds


@dataclass
class Side:
    """One quoted claim of a finding and its document."""

    claim_id: str
    text: str
    speaker: str | None
    source: str | None
    kind: str | None
    date: str | None
    title: str | None
    path: str | None
    page: int | None
    url: str | None
    start: int | None
    end: int | None
    doc_id: str | None = None

    @property
    def kind_label(self) -> str:
        return kinds.label(self.kind)

    @property
    def who(self) -> str:
        """The speaker with the source (Vladimir Rebić, Police Director (Ministry of Interior)),
        or whichever of them is known."""
        if self.speaker and self.source:
            return f"{self.speaker} ({self.source})"
        return self.speaker or self.source or "Unknown source"

    @property
    def doc_title(self) -> str:
        return self.title or self.path or "untitled document"

    @property
    def when(self) -> str:
        return self.date or "undated"

    def citation(self) -> str:
        """Title, kind, date and page, as plain text (the URL is given separately)."""
        parts = [self.doc_title, self.kind_label, self.when]
        if self.page:
            parts.append(f"p. {self.page}")
        return ", ".join(parts)

    def record(self) -> dict[str, Any]:
        """The claim as the JSON Lines export writes it (``claim_a`` / ``claim_b``): a stable
        contract, documented in docs/export.md; keys are never renamed."""
        return {
            "id": self.claim_id,
            "doc_id": self.doc_id,
            "doc_path": self.path,
            "doc_title": self.title,
            "source": self.source,
            "speaker": self.speaker,
            "kind": self.kind,
            "date": self.date,
            "url": self.url,
            "page": self.page,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


#: Each field of a Side and the ``finding_details`` column it comes from, less the ``_a``/``_b``.
COLUMNS = {
    "claim_id": "claim", "text": "quote", "speaker": "speaker", "source": "source", "kind": "kind",
    "date": "date", "title": "title", "path": "path", "page": "page", "url": "url",
    "start": "start", "end": "end", "doc_id": "doc",
}


def side(row: dict[str, Any], which: str) -> Side:
    """Side ``which`` ("a" or "b") of a ``finding_details`` row."""
    if which not in ("a", "b"):
        raise ValueError(f"a finding has sides 'a' and 'b', not {which!r}")
    fields: dict[str, Any] = {name: row.get(f"{column}_{which}") for name, column in COLUMNS.items()}
    return Side(**fields)


def sides(row: dict[str, Any]) -> tuple[Side, Side]:
    """Both sides of a ``finding_details`` row: (claim A, claim B)."""
    return side(row, "a"), side(row, "b")
