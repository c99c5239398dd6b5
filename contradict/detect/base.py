"""What every detector shares: a view of a claim, descriptions for explanations, relations, the
pair's similarities, and the :class:`~contradict.finding.Finding` a detector returns."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..finding import Finding, Topic, clamp
from ..kinds import LABELS as KIND_LABELS


@dataclass
class ClaimView:
    """A claim with its document's metadata and parsed features, as the detectors read it."""

    row: dict[str, Any]
    quantities: list[dict] = field(default_factory=list)
    dates: list[dict] = field(default_factory=list)
    legal_refs: list[dict] = field(default_factory=list)
    cues: dict[str, Any] = field(default_factory=dict)
    # every claim of the same document (itself included), when the caller knows them: a figure
    # or a name stated elsewhere in the other document is not contradicted by it
    siblings: list[ClaimView] = field(default_factory=list, repr=False)
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)  # per-claim results of detectors
    # the claim as the English rules read it: its English form's features (a Serbian claim's
    # Apertium translation); the claim itself for an English claim or when it has no English form
    en: ClaimView | None = field(default=None, repr=False, compare=False)

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ClaimView:
        f = row.get("features") or {}
        return cls(row=row, quantities=f.get("quantities") or [], dates=f.get("dates") or [],
                   legal_refs=f.get("legal_refs") or [], cues=f.get("cues") or {})

    def __getitem__(self, key: str) -> Any:
        return self.row.get(key)

    @property
    def id(self) -> str:
        return self.row["id"]

    @property
    def language(self) -> str:
        """The claim's own language (an English quote in a Serbian document is English)."""
        f = self.row.get("features") or {}
        return f.get("language") or self.row.get("language") or "en"

    @property
    def latin(self) -> str:
        """The text to match words against: Serbian claims in Latin script, others as they are."""
        f = self.row.get("features") or {}
        return f.get("text_latin") or self.row.get("text") or ""

    @cached_property
    def word_set(self) -> frozenset[str]:
        from .edits import words

        return frozenset(w.lower() for w in words(self.latin))

    @cached_property
    def figures(self) -> frozenset[str]:
        """Figures the claim states, normalised ("1,000" = "1000")."""
        from .edits import is_number, words

        return frozenset(re.sub(r"[,$€%]", "", w).rstrip(".") for w in words(self.latin) if is_number(w))

    @cached_property
    def doc_word_set(self) -> frozenset[str]:
        """Words of the claim's whole document (the claim's own when its siblings are unknown)."""
        return frozenset().union(*(s.word_set for s in self.siblings)) if self.siblings else self.word_set

    @cached_property
    def doc_figures(self) -> frozenset[str]:
        return frozenset().union(*(s.figures for s in self.siblings)) if self.siblings else self.figures

    @property
    def frames(self) -> set[str]:
        return set(self.row.get("frames") or [])

    def who(self) -> str:
        """"Vladimir Rebić, Police Director (Ministry of Interior, 2019-02-09)"."""
        speaker = self.row.get("speaker")
        source = self.row.get("source")
        kind = KIND_LABELS.get(self.row.get("kind") or "", "document")
        date = self.row.get("date") or "undated"
        if speaker:
            return f"{speaker} ({source or 'unknown source'}, {date})"
        if source:
            return f"the {kind} of {source} ({date})" if kind != "statement" else f"{source} ({date})"
        return f"{self.row.get('title') or self.row.get('path')} ({date})"


def link_siblings(views: list[ClaimView]) -> None:
    """Give each claim the list of claims of its own document (and its English view the
    English views of theirs)."""
    by_doc: dict[str, list[ClaimView]] = {}
    for v in views:
        by_doc.setdefault(v.row.get("doc_id") or v.id, []).append(v)
    for v in views:
        v.siblings = by_doc[v.row.get("doc_id") or v.id]
        if v.en is not None and v.en is not v:
            v.en.siblings = [s.en or s for s in v.siblings]


def document_views(rows: list[dict], case: Any = None) -> list[ClaimView]:
    """The detector views of claim rows (one document's, or several whole documents'): each
    with its English view and its siblings linked."""
    views = [ClaimView.from_row(r) for r in rows]
    for v in views:
        v.en = english_view(v, case)
    link_siblings(views)
    return views


def english_view(view: ClaimView, case: Any = None) -> ClaimView:
    """The claim read by the English pack: features of its English form (``text_en``) with the
    row's metadata and id, so a finding on it keeps the claim's provenance."""
    from ..claims import Claim, add_features

    text_en = view.row.get("text_en")
    if view.language == "en" or not text_en:
        return view
    claim = add_features(Claim(doc_id=view.row.get("doc_id") or "", seq=0, start=0, end=len(text_en),
                               text=text_en, page=None, language="en"), case, view.row.get("date"))
    row = dict(view.row)
    row["features"] = {**claim.features(), "text_latin": text_en}
    row["frames"] = claim.frames
    return ClaimView.from_row(row)


def cross_language(a: ClaimView, b: ClaimView) -> bool:
    return a.language != b.language


def same_voice(a: ClaimView, b: ClaimView) -> bool:
    """Both claims come from the same organisation or the same person."""
    def norm(x: Any) -> str:
        return str(x or "").strip().lower()

    if norm(a["source"]) and norm(a["source"]) == norm(b["source"]):
        return True
    return bool(norm(a["speaker"])) and norm(a["speaker"]) == norm(b["speaker"])


def relation_for(a: ClaimView, b: ClaimView) -> str:
    """``update`` when the same source changed its own figure at a later date."""
    if same_voice(a, b) and (a["date"] or "") != (b["date"] or "") and a["date"] and b["date"]:
        return "update"
    return "contradiction"


def finding_id(claim_a: str, claim_b: str, type_: str) -> str:
    """Stable across re-scans and detector versions, so reviews keep their finding."""
    x, y = sorted((claim_a, claim_b))
    return hashlib.sha256(f"{x}:{y}:{type_}".encode()).hexdigest()[:20]


def cosine(pair: dict) -> float:
    """The pair's embedding similarity; 0 when it is not known."""
    return pair.get("cosine") or 0.0


def lexical(pair: dict) -> float:
    """The pair's word overlap; 0 when it is not known."""
    return pair.get("lexical") or 0.0


def fmt_number(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.2f}"


def content_stems(c: ClaimView) -> frozenset[str]:
    """Stems of the claim's content words by its language pack, as the existence cues read them
    (``features.cues.content_words``): what two claims share when they speak of one thing in
    other words ("children" = "child", "konstrukcija" = "konstrukciji")."""
    key = ("content_stems",)
    if key not in c.memo:
        from ..features.cues import content_words
        from ..lang import fold, rules

        pack = rules(c.language)
        c.memo[key] = frozenset(content_words(fold(c.latin) if pack.latin_folded else c.latin, pack))
    return c.memo[key]


__all__ = ["ClaimView", "Finding", "Topic", "clamp", "content_stems", "cosine", "cross_language", "english_view", "finding_id",
           "fmt_number", "lexical", "link_siblings", "relation_for", "same_voice"]
