"""Split a document into claims with exact provenance, and extract their features.

A blank spaCy pipeline (no downloaded model) tokenises; our own sentence rules decide the
boundaries (spaCy's sentencizer splits after "Art." and "No."), an entity ruler tags the
actors of the case, and clause rules split "X, while Y denied Z" into two claims.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .features import (
    FEATURES_VERSION,
    Cues,
    DateRef,
    LegalRef,
    Quantity,
    extract_cues,
    extract_dates,
    extract_legal_refs,
    extract_quantities,
    frames_for,
)

if TYPE_CHECKING:
    from spacy.language import Language

SPLITTER_VERSION = "1"
CLAIMS_VERSION = f"split{SPLITTER_VERSION}+features{FEATURES_VERSION}"

# tokens after which a full stop does not end a sentence (lower case, without the stop)
ABBREVIATIONS = {
    "art", "arts", "no", "nos", "para", "paras", "mr", "mrs", "ms", "dr", "prof", "e.g", "i.e",
    "etc", "vs", "v", "st", "ltd", "inc", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "ref", "cf", "p", "pp", "fig", "approx", "ca", "gen",
    "col", "lt", "sgt", "gov", "dept", "sec", "ch", "vol", "op", "cit", "ibid", "al", "u.s",
    "sl", "br", "čl", "tzv", "npr", "itd", "gl", "str", "god", "stav", "tj",
}
CLAUSE_SPLIT = re.compile(r";\s+|,\s+(?=(?:while|whereas|but|although|though)\s)", re.IGNORECASE)
MIN_CLAUSE_WORDS = 6
MIN_CLAIM_WORDS = 4


@dataclass
class Claim:
    doc_id: str
    seq: int
    start: int
    end: int
    text: str
    page: int | None
    language: str
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateRef] = field(default_factory=list)
    legal_refs: list[LegalRef] = field(default_factory=list)
    cues: Cues | None = None
    frames: list[str] = field(default_factory=list)
    entities: list[tuple[str, str, str]] = field(default_factory=list)  # label, text, id

    @property
    def id(self) -> str:
        return hashlib.sha256(f"{self.doc_id}:{self.start}:{self.end}".encode()).hexdigest()[:20]

    @property
    def text_hash(self) -> str:
        return text_hash(self.text)

    def features(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "quantities": [q.to_dict() for q in self.quantities],
            "dates": [d.to_dict() for d in self.dates],
            "legal_refs": [r.to_dict() for r in self.legal_refs],
            "cues": self.cues.to_dict() if self.cues else None,
        }

    def row(self) -> dict[str, Any]:
        cues = self.cues
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "seq": self.seq,
            "page": self.page,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "text_hash": self.text_hash,
            "polarity": cues.polarity if cues else 1,
            "cues": json.dumps(cues.found if cues else [], ensure_ascii=False),
            "frames": json.dumps(self.frames),
            "entities": json.dumps(self.entities, ensure_ascii=False),
            "features": json.dumps(self.features(), ensure_ascii=False, sort_keys=True),
        }

    def _sub_id(self, kind: str, i: int) -> str:
        return f"{self.id}:{kind}{i}"

    def quantity_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "id": self._sub_id("q", i), "claim_id": self.id, "value": q.value,
                "low": q.low if q.low != float("inf") else None,
                "high": q.high if q.high != float("inf") else None,
                "unit": q.unit, "scope": q.scope, "qualifier": q.qualifier, "text": q.text,
                "start": self.start + q.start, "end": self.start + q.end,
            }
            for i, q in enumerate(self.quantities)
        ]

    def date_rows(self) -> list[dict[str, Any]]:
        return [
            {"id": self._sub_id("d", i), "claim_id": self.id, "value": d.value,
             "granularity": d.granularity, "text": d.text,
             "start": self.start + d.start, "end": self.start + d.end}
            for i, d in enumerate(self.dates)
        ]

    def legal_rows(self) -> list[dict[str, Any]]:
        return [
            {"id": self._sub_id("l", i), "claim_id": self.id, "law": r.law, "law_name": r.law_name,
             "article": r.article, "paragraph": r.paragraph, "gazette": r.gazette, "text": r.text,
             "start": self.start + r.start, "end": self.start + r.end}
            for i, r in enumerate(self.legal_refs)
        ]


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


@lru_cache(maxsize=4)
def pipeline(language: str = "en") -> Language:
    """A blank spaCy pipeline with our sentence rules and entity ruler (no downloads)."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("contradict_sentences"):
        Language.component("contradict_sentences")(_set_sentence_starts)
    lang = language if language in ("en", "sr") else "xx"
    nlp = spacy.blank(lang)
    nlp.add_pipe("contradict_sentences")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    patterns = [
        json.loads(line)
        for line in resources.files("contradict").joinpath("data/entities.jsonl").read_text("utf-8").splitlines()
        if line.strip()
    ]
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


def _set_sentence_starts(doc: Any) -> Any:
    """Sentence boundaries: after . ! ? before a capital, digit or quote, unless the stop ends an
    abbreviation ("Art.", "No.") or an ordinal in a Serbian date ("9. februar"); after a short
    heading line; never inside a parenthesis."""
    depth = 0
    for i, tok in enumerate(doc):
        if i == 0:
            tok.is_sent_start = True
            continue
        prev = doc[i - 1]
        if prev.text in "([":
            depth += 1
        elif prev.text in ")]":
            depth = max(0, depth - 1)
        start = False
        first = tok.text[:1]
        if tok.is_space:
            start = False
        elif prev.text in ("\"", "”", "’", "»", "'") and i >= 2 and doc[i - 2].text in (".", "!", "?"):
            start = bool(prev.whitespace_) and (first.isupper() or first.isdigit())
        elif prev.text in (".", "!", "?", "…") or (prev.text.endswith(".") and len(prev.text) > 1):
            before = doc[i - 2].text.lower() if prev.text == "." and i >= 2 else prev.text.lower().rstrip(".")
            starts_like_sentence = first.isupper() or first.isdigit() or first in "\"“‘'«„("
            is_abbrev = before in ABBREVIATIONS or (len(before) == 1 and before.isalpha())
            # a closing quote glued to the stop belongs to the sentence it closes
            start = starts_like_sentence and not is_abbrev and depth == 0 and bool(prev.whitespace_)
        elif prev.is_space and "\n" in prev.text and i >= 2:
            line_end = doc[i - 2].text
            ends_sentence = line_end[-1:] in ".!?" and line_end.lower().rstrip(".") not in ABBREVIATIONS
            start = first.isupper() and (
                ends_sentence or (line_end[-1:] not in ",;:-(" and _line_len(doc, i - 2) < 70))
        tok.is_sent_start = start
    return doc


def _line_len(doc: Any, i: int) -> int:
    """Characters on the line that token i ends."""
    text = doc.text
    end = doc[i].idx + len(doc[i].text)
    line_start = text.rfind("\n", 0, end) + 1
    return end - line_start


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out = []
    for m in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text):
        if m.group().strip():
            out.append((m.start(), m.group()))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """Split a sentence into clauses when each side is long enough to assert something."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in CLAUSE_SPLIT.finditer(sentence):
        left = sentence[start : m.start()]
        right = sentence[m.end() :]
        if len(left.split()) >= MIN_CLAUSE_WORDS and len(right.split()) >= MIN_CLAUSE_WORDS:
            spans.append((start, m.start()))
            start = m.end()
    spans.append((start, len(sentence)))
    return spans


def split_claims(doc: Any) -> list[Claim]:
    """Claims of an ingested :class:`contradict.ingest.Document`, with features."""
    language = (doc.meta.get("language") or "en").lower()
    nlp = pipeline(language if language in ("en", "sr") else "en")
    paragraphs = _paragraphs(doc.text)
    claims: list[Claim] = []
    for (offset, _), sdoc in zip(paragraphs, nlp.pipe(p for _, p in paragraphs), strict=True):
        ents = [(e.start_char, e.end_char, e.label_, e.text, e.ent_id_) for e in sdoc.ents]
        for sent in sdoc.sents:
            clauses = _clauses(sent.text)
            for cs, ce in clauses:
                s, e = _trim(doc.text, offset + sent.start_char + cs, offset + sent.start_char + ce)
                text = doc.text[s:e]
                words = len(re.findall(r"[^\W\d_]+", text))
                heading = len(clauses) == 1 and words < 10 and text[-1:] not in ".!?\"”:)"
                if words < MIN_CLAIM_WORDS or heading:
                    continue  # too short to assert something, or a heading
                claim = Claim(
                    doc_id=doc.id, seq=len(claims), start=s, end=e, text=text,
                    page=doc.page_at(s), language=language,
                )
                claim.entities = [
                    (label, etext, eid) for es, ee, label, etext, eid in ents
                    if s <= offset + es and offset + ee <= e
                ]
                add_features(claim)
                claims.append(claim)
    return claims


def add_features(claim: Claim) -> Claim:
    lang = claim.language
    claim.quantities = extract_quantities(claim.text, lang)
    claim.dates = extract_dates(claim.text, lang)
    claim.legal_refs = extract_legal_refs(claim.text, lang)
    claim.cues = extract_cues(claim.text, lang)
    claim.frames = frames_for(claim.cues, claim.quantities, claim.legal_refs)
    return claim
