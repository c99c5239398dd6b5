"""Split a document into claims with exact provenance, and extract their features.

A blank spaCy pipeline (no downloaded model) tokenises; our own sentence rules decide the
boundaries (spaCy's sentencizer splits after "Art." and "No."), an entity ruler tags the
actors of the case, and clause rules split "X, while Y denied Z" into two claims.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
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
from .lang import claim_language, detect_language, fold, has_cyrillic, latin

if TYPE_CHECKING:
    from spacy.language import Language

SPLITTER_VERSION = "2"
CLAIMS_VERSION = f"split{SPLITTER_VERSION}+features{FEATURES_VERSION}"

# tokens after which a full stop does not end a sentence (lower case, without the stop)
ABBREVIATIONS = {
    "art", "arts", "no", "nos", "para", "paras", "mr", "mrs", "ms", "dr", "prof", "e.g", "i.e",
    "etc", "vs", "v", "st", "ltd", "inc", "co", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "ref", "cf", "p", "pp", "fig", "approx", "ca", "gen",
    "col", "lt", "sgt", "gov", "dept", "sec", "ch", "vol", "op", "cit", "ibid", "al", "u.s",
    "sl", "br", "čl", "tzv", "npr", "itd", "gl", "str", "god", "stav", "tj",
}
# more in Serbian text only, compared in the Latin form without diacritics ("бр." is "br.")
SR_ABBREVIATIONS = {fold(a) for a in ABBREVIATIONS} | {
    "cl", "tac", "tacka", "clan", "alineja", "odn", "mr", "dipl", "ing", "gos", "gdja", "gda",
    "min", "mil", "mlrd", "din", "pribl", "ul", "bb", "sv", "knj", "prim", "nap", "tel",
}
# words before an ordinal that is not a sentence end: "član 52. stav 8. Zakona o policiji"
SR_ORDINAL_BEFORE = {"clan", "clana", "clanu", "clanom", "cl", "stav", "stava", "stavu", "st", "tacka",
                     "tacke", "tacki", "tac", "br", "broj", "broja", "alineja", "alineje", "odeljak",
                     "deo", "glava", "glave"}
SR_ORDINAL_NEXT = re.compile(r"(?:zakon|ustav|pravilnik|uredb|odluk|konvencij|glasnik|sednic|kongres|"
                             r"januar|februar|mart|april|maj|jun|jul|avgust|septemb|oktob|novemb|decemb|godin)",
                             re.IGNORECASE)
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

    @property
    def text_latin(self) -> str | None:
        """The claim in Latin script (Serbian claims only; Cyrillic transliterated)."""
        return latin(self.text) if self.language == "sr" else None

    def features(self) -> dict[str, Any]:
        return {
            "language": self.language,
            "text_latin": self.text_latin,
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
            "text_latin": self.text_latin,
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
def pipeline(language: str = "en", entities: tuple[tuple[str, str, str], ...] = ()) -> Language:
    """A blank spaCy pipeline with our sentence rules and an entity ruler for the case's names
    (``entities`` in its contradict.yaml: label, pattern, id); no downloads."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("contradict_sentences"):
        Language.component("contradict_sentences")(_set_sentence_starts)
    lang = language if language in ("en", "sr") else "xx"
    nlp = spacy.blank(lang)
    nlp.add_pipe("contradict_sentences")
    patterns = [{"label": label, "pattern": pattern, "id": ent_id} for label, pattern, ent_id in entities]
    if patterns:  # an empty ruler warns (spaCy W036) on every document
        ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


def _set_sentence_starts(doc: Any) -> Any:
    """Sentence boundaries: after . ! ? before a capital, digit or quote, unless the stop ends an
    abbreviation ("Art.", "No.") or an ordinal in a Serbian date ("9. februar"); after a short
    heading line; never inside a parenthesis."""
    depth = 0
    text = doc.text
    starts = [1] * len(doc)  # written at once: each Token.is_sent_start write scans the whole doc
    for i, tok in enumerate(doc):
        if i == 0:
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
            if doc.lang_ == "sr" and not is_abbrev:
                is_abbrev = _serbian_no_break(doc, i, before)
            # a closing quote glued to the stop belongs to the sentence it closes
            start = starts_like_sentence and not is_abbrev and depth == 0 and bool(prev.whitespace_)
        elif prev.is_space and "\n" in prev.text and i >= 2:
            line_end = doc[i - 2].text
            ends_sentence = line_end[-1:] in ".!?" and line_end.lower().rstrip(".") not in ABBREVIATIONS
            start = first.isupper() and (
                ends_sentence or (line_end[-1:] not in ",;:-(" and _line_len(doc, i - 2, text) < 70))
        starts[i] = 1 if start else -1
    if len(doc):
        import numpy
        from spacy.attrs import SENT_START

        doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64").reshape(-1, 1))
    return doc


def _serbian_no_break(doc: Any, i: int, before: str) -> bool:
    """A stop that does not end a Serbian sentence: an abbreviation in either script ("бр.",
    "čl."), or an ordinal in a legal reference or date ("stav 8. Zakona", "9. Februar")."""
    word = fold(latin(before))
    if word in SR_ABBREVIATIONS:
        return True
    if not word.isdigit():
        return False
    j = i - 2 if doc[i - 1].text == "." else i - 1  # the number token
    prev_word = fold(latin(doc[j - 1].text.lower().rstrip("."))) if j >= 1 else ""
    return prev_word in SR_ORDINAL_BEFORE or bool(SR_ORDINAL_NEXT.match(fold(latin(doc[i].text))))


def _line_len(doc: Any, i: int, text: str | None = None) -> int:
    """Characters on the line that token i ends (``text``: the doc's, when the caller has it)."""
    text = doc.text if text is None else text
    end = doc[i].idx + len(doc[i].text)
    line_start = text.rfind("\n", 0, end) + 1
    return end - line_start


#: the longest piece of text given to spaCy at once (its max_length is 1,000,000 characters;
#: a 12.8 MB annex is one paragraph when it has no blank lines)
MAX_PIECE = 50_000
#: a line break that ends a paragraph: a blank line follows it (only spaces or tabs before the
#: next line break). Paragraphs are what lies between them; finding the breaks instead of
#: matching paragraphs as (?:[^\n]|\n(?!\s*\n))+ spares the regex engine a backtracking
#: entry per character: 1.6 GB for a 12.8 MB paragraph.
_PARAGRAPH_END = re.compile(r"\n(?=[^\S\n]*\n)")
_PIECE_END = re.compile(r"\n|[.!?…][\"”’»']?\s|\s")


def _paragraphs(text: str, limit: int = MAX_PIECE) -> Iterator[tuple[str, int]]:
    """(piece, offset) of each paragraph, lazily; a paragraph longer than ``limit`` is cut in
    pieces at a line break, else after a sentence end, else at a space (a hard cut only in
    text without spaces), so that each piece is an exact slice and memory stays bounded."""
    for start, end in _paragraph_spans(text):
        while end - start > limit:
            cut = _cut(text, start, start + limit)
            if text[start:cut].strip():
                yield text[start:cut], start
            start = cut
        if text[start:end].strip():
            yield text[start:end], start


def _paragraph_spans(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for m in _PARAGRAPH_END.finditer(text):
        if m.start() > start:
            yield start, m.start()
        start = m.end()
    if len(text) > start:
        yield start, len(text)


def _cut(text: str, start: int, stop: int) -> int:
    """Where to end a piece in text[start:stop]: after its last line break, else its last
    sentence end, else its last space, searched in the second half of the window."""
    window = text[start + (stop - start) // 2 : stop]
    best: dict[int, int] = {}
    for m in _PIECE_END.finditer(window):
        kind = 0 if m.group() == "\n" else 1 if not m.group().isspace() else 2
        best[kind] = m.end()
    for kind in (0, 1, 2):
        if kind in best:
            return start + (stop - start) // 2 + best[kind]
    return stop


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


def document_language(doc: Any) -> str:
    """The document's language: its metadata when given, else detected from its text (and then
    recorded in ``doc.meta["language"]`` so that documents.language holds it)."""
    given = (doc.meta.get("language") or "").lower()
    if given:
        return _short(given)
    detected = detect_language(doc.text[:20000], default="en") or "en"
    doc.meta["language"] = detected
    doc.meta.setdefault("language_detected", True)
    return detected


def _short(code: str) -> str:
    """"sr-Latn", "sr_Cyrl", "srp", "en-GB" -> "sr", "en"; other codes unchanged."""
    base = re.split(r"[-_]", code)[0]
    return {"srp": "sr", "eng": "en", "hbs": "sr", "sh": "sr"}.get(base, base)


def split_claims(doc: Any, progress: Callable[[int], None] | None = None, case: Any = None,
                 timings: dict[str, float] | None = None) -> list[Claim]:
    """Claims of an ingested :class:`contradict.ingest.Document`, with features.

    Each claim gets its document's language unless the claim clearly is in the other one (an
    English quote in a Serbian document, a Cyrillic sentence in an English one). The text goes
    to spaCy in paragraphs of at most ``MAX_PIECE`` characters, streamed; ``progress`` is told
    how many characters of the text each paragraph moved on; ``timings["features"]`` (when
    given) is told the seconds spent extracting features."""
    language = document_language(doc)
    nlp = pipeline(language if language in ("en", "sr") else "en", case.entities if case else ())
    claims: list[Claim] = []
    done = 0
    for sdoc, offset in nlp.pipe(_paragraphs(doc.text), as_tuples=True, batch_size=64):
        if progress is not None:
            progress(offset + len(sdoc.text) - done)
            done = offset + len(sdoc.text)
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
                lang = claim_language(text, language) if language in ("en", "sr") or has_cyrillic(text) else language
                claim = Claim(
                    doc_id=doc.id, seq=len(claims), start=s, end=e, text=text,
                    page=doc.page_at(s), language=lang,
                )
                claim.entities = [
                    (label, etext, eid) for es, ee, label, etext, eid in ents
                    if s <= offset + es and offset + ee <= e
                ]
                if timings is None:
                    add_features(claim, case, str((doc.meta or {}).get("date") or "") or None)
                else:
                    t = time.perf_counter()
                    add_features(claim, case, str((doc.meta or {}).get("date") or "") or None)
                    timings["features"] = timings.get("features", 0.0) + time.perf_counter() - t
                claims.append(claim)
    return claims


def add_features(claim: Claim, case: Any = None, doc_date: str | None = None) -> Claim:
    """Quantities, dates, legal references, cues and frames of a claim, read with its
    language's pack and the case's own rules (``contradict.case.CaseRules``) when given;
    ``doc_date`` dates a day and month written without a year."""
    from .case import NO_RULES

    case = case or NO_RULES
    lang = claim.language
    claim.quantities = extract_quantities(claim.text, lang, case)
    claim.dates = extract_dates(claim.text, lang, doc_date)
    claim.legal_refs = extract_legal_refs(claim.text, lang, case)
    claim.cues = extract_cues(claim.text, lang, case)
    claim.frames = frames_for(claim.cues, claim.quantities, claim.legal_refs)
    return claim
