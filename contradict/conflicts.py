"""Conflicts: findings that are the same contradiction, grouped under one id.

A reviewer should meet a contradiction once, not once per sentence and language it was said
in. The Police Director's "all the locations are already known" against the Ministry's "not
contained in any document" is found in English against English, in Serbian against Cyrillic
and in English against Serbian: three findings, one conflict.

Two findings are the same conflict when

- they have the same **hard key**: the finding type, its topic (the thing counted, the record,
  the legal operation) and the values both sides share (the records named, the operation);
- and their two sides can be matched one to one so that each pair of matched claims is **the
  same statement**, with the same role (the affirming side with the affirming side) and the
  same values (1,000 with 1,000, 8,100 with 8,100, in the same scope).

Two claims are the same statement when they are one claim; or when the same voice (the same
speaker by name, else the same source; Cyrillic and Latin spellings match, as do the case's
aliases) says it, and either the finding compares a value and the claims are of one document or
one day (the same figure or date, by the same voice, on the same occasion: a figure repeated in
three sentences, an interview in two outlets) or the claims read alike: the same frames, the same figures
and a cosine of their stored vectors of at least :data:`SAME_VOICE_COSINE`
(:data:`SAME_FIGURES_COSINE` when they state the same figures); or when they are a
translation (one Serbian, one English document) that reads alike at
:data:`TRANSLATION_COSINE` with the same frames and figures; or a copy of the same sentence
(:data:`COPY_RATIO` on the English forms, with the same frames and figures). Findings are only
compared inside their hard key (narrowed by the sides' frames and figures where no value is
compared), so grouping stays far from all pairs of findings. The links are joined with a union-find, inside one
hard key only, so a chain can never join two types, topics or figures.

Everything errs towards keeping conflicts apart: two different contradictions in one conflict
would hide one of them from the reviewer, two halves of one contradiction only cost a second
look.

A conflict's id is a hash of its sorted member finding ids (finding ids are themselves content
hashes of two claims and a type), so a re-scan that finds the same findings gives the same
conflicts. Reviews stay on findings: reviewing a conflict records a review of each member, and
the conflict's status is read from them (the ``conflict_details`` view), so no review is lost
when a re-scan regroups.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .finding import Finding

#: cosine at which two claims of the same voice, with the same frames, read as one statement
SAME_VOICE_COSINE = 0.75
#: ... when both state the same (non-empty) figures
SAME_FIGURES_COSINE = 0.55
#: cosine at which a Serbian and an English claim with the same frames and figures are a translation
TRANSLATION_COSINE = 0.72
#: ... when both state the same (non-empty) figures
TRANSLATION_FIGURES_COSINE = 0.6
#: rapidfuzz ratio (0-1) of the English forms at which two sentences are copies of one another
COPY_RATIO = 0.9

#: bump when the grouping rules change: stored conflicts are then regrouped in full
GROUPING_VERSION = "1"
#: findings keyed per page, and about how many are grouped at once (whole blocks)
GROUP_PAGE = 20_000
GROUP_BATCH = 5_000
#: value keys that say nothing about what was compared
_IGNORED = {"p_contradiction", "p_entailment", "edit"}
_GROUPED_FIGURE = re.compile(r"^\d{1,3}(?:[.,]\d{3})+$")


@dataclass
class Side:
    """One side of a finding: its claim, the role the detector gave it, the values it carries."""

    claim_id: str
    role: str | None
    values: tuple


@dataclass
class Member:
    """A finding as grouping reads it."""

    id: str
    type: str
    topic: str
    score: float
    key: str
    sides: tuple[Side, Side]
    value_bearing: bool


@dataclass
class Conflict:
    id: str
    members: list[Finding]  # strongest first
    documents: list[str] = field(default_factory=list)  # doc ids, strongest pair's first

    @property
    def strongest(self) -> Finding:
        return self.members[0]


def _norm_value(v: Any) -> Any:
    if isinstance(v, bool) or v is None:
        return v
    if isinstance(v, (int, float)):
        return float(v)
    if isinstance(v, str):
        s = v.strip()
        if _GROUPED_FIGURE.match(s):  # "1.000" (Serbian) and "1,000" (English) are one figure
            s = re.sub(r"[.,]", "", s)
        try:
            return float(s)
        except ValueError:
            return s.lower()
    if isinstance(v, (list, tuple)):
        return sorted((_norm_value(x) for x in v), key=repr)
    if isinstance(v, dict):
        return {k: _norm_value(x) for k, x in sorted(v.items())}
    return str(v)


def member(f: Finding) -> Member:
    """A finding as its hard key (type, topic, shared values) and its two sides."""
    a, b = f.claim_a, f.claim_b
    roles: dict[str, str] = {}
    side_values: dict[str, dict[str, Any]] = {a: {}, b: {}}
    shared: dict[str, Any] = {}
    for k, v in f.values.items():
        if k in _IGNORED or k.startswith("qualifier"):  # "about 1,000" and "almost 1,000" say the same
            continue
        if isinstance(v, str) and v in (a, b) and a != b:
            roles[v] = k
        elif k == "a" or k.endswith("_a"):
            side_values[a][k[:-2] or "value"] = _norm_value(v)
        elif k == "b" or k.endswith("_b"):
            side_values[b][k[:-2] or "value"] = _norm_value(v)
        else:
            shared[k] = _norm_value(v)
    key = json.dumps([f.type, str(f.topic), shared], sort_keys=True, default=str)
    sides = tuple(
        Side(c, roles.get(c), tuple(sorted((k, repr(x)) for k, x in side_values[c].items())))
        for c in (a, b)
    )
    return Member(
        id=f.id, type=f.type, topic=str(f.topic), score=f.score,
        key=key, sides=(sides[0], sides[1]), value_bearing=any("value" in side_values[c] for c in (a, b)),
    )


# --- when two claims are the same statement ----------------------------------------------------


class Statements:
    """Decides whether two claims are the same statement, from their rows (document, voice,
    frames, figures, language, English form) and their stored vectors."""

    def __init__(self, claims: Iterable[dict], vectors: dict[str, np.ndarray] | None = None,
                 voice: Callable[[dict], str] | None = None) -> None:
        self.claims = {c["id"]: c for c in claims}
        self.vectors = {k: _unit(v) for k, v in (vectors or {}).items()}
        self._voice = voice or default_voice
        self._memo: dict[tuple[str, str, bool], bool] = {}

    def voice(self, claim_id: str) -> str:
        c = self.claims[claim_id]
        return self._voice(c) or f"doc:{c.get('doc_id')}"

    def cosine(self, x: str, y: str) -> float | None:
        vx, vy = self.vectors.get(x), self.vectors.get(y)
        if vx is None or vy is None:
            return None
        return float(vx @ vy)

    def same(self, x: str, y: str, value_bearing: bool) -> bool:
        if x == y:
            return True
        k = (min(x, y), max(x, y), value_bearing)
        if k not in self._memo:
            self._memo[k] = self._same(x, y, value_bearing)
        return self._memo[k]

    def _same(self, x: str, y: str, value_bearing: bool) -> bool:
        cx, cy = self.claims.get(x), self.claims.get(y)
        if cx is None or cy is None:
            return False
        same_doc = cx.get("doc_id") == cy.get("doc_id")
        same_voice = same_doc or self.voice(x) == self.voice(y)
        same_day = bool(cx.get("date")) and cx.get("date") == cy.get("date")
        if value_bearing and (same_doc or (same_voice and same_day)):
            return True  # the same figure (or date), by the same voice, on the same occasion
        alike = _frames(cx) == _frames(cy) and _figures(cx) == _figures(cy)
        if alike and _copy_ratio(cx, cy) >= COPY_RATIO:
            return True
        cos = self.cosine(x, y)
        if not alike or cos is None:
            return False
        if same_voice:
            return cos >= (SAME_FIGURES_COSINE if _figures(cx) else SAME_VOICE_COSINE)
        languages = {(cx.get("language") or "en").lower(), (cy.get("language") or "en").lower()}
        return len(languages) == 2 and cos >= (TRANSLATION_FIGURES_COSINE if _figures(cx) else TRANSLATION_COSINE)


def _unit(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype="float32")
    n = float(np.linalg.norm(v))
    return v / n if n else v


def default_voice(c: dict) -> str:
    """Who says it: the speaker's name (before the first comma: "Vladimir Rebić, Police
    Director"), else the source; in Latin script, lower case."""
    from .lang import latin

    speaker = (c.get("speaker") or "").split(",")[0].strip()
    if speaker:
        return "speaker:" + latin(speaker).lower()
    source = (c.get("source") or "").strip()
    return "source:" + latin(source).lower() if source else ""


def _frames(c: dict) -> frozenset[str]:
    frames = c.get("frames")
    if isinstance(frames, str):
        frames = json.loads(frames or "[]")
    return frozenset(frames or [])


def _figures(c: dict) -> frozenset[float]:
    features = c.get("features")
    if isinstance(features, str):
        features = json.loads(features or "{}")
    return frozenset(float(q["value"]) for q in (features or {}).get("quantities") or [] if q.get("value") is not None)


def _copy_ratio(cx: dict, cy: dict) -> float:
    from rapidfuzz import fuzz

    tx = cx.get("text_en") or cx.get("text") or ""
    ty = cy.get("text_en") or cy.get("text") or ""
    return float(fuzz.ratio(tx.lower(), ty.lower())) / 100.0


# --- grouping ----------------------------------------------------------------------------------


def _sides_match(f: Member, g: Member, statements: Statements) -> bool:
    """f's two sides can be matched to g's one to one: same role, same values, same statement."""
    for order in ((0, 1), (1, 0)):
        ok = True
        for i, j in zip((0, 1), order, strict=True):
            s, t = f.sides[i], g.sides[j]
            if s.role != t.role or s.values != t.values:
                ok = False
                break
            if not statements.same(s.claim_id, t.claim_id, f.value_bearing):
                ok = False
                break
        if ok:
            return True
    return False


def _block(m: Member, statements: Statements) -> str:
    """The hard key, narrowed (without losing a link) so that only findings that could be
    joined are compared: without a value, two sides are the same statement only when their
    claims have the same frames and figures, so those join the key."""
    if m.value_bearing:  # sides that match have the same roles and values, in some order
        return m.key + "|" + "|".join(sorted(repr((s.role, s.values)) for s in m.sides))
    sides = []
    for s in m.sides:
        c = statements.claims.get(s.claim_id) or {}
        sides.append(repr((s.role, s.values, sorted(_frames(c)), sorted(_figures(c)))))
    return m.key + "|" + "|".join(sorted(sides))


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        ri, rj = self.find(i), self.find(j)
        if ri != rj:
            self.parent[max(ri, rj)] = min(ri, rj)


def conflict_id(finding_ids: Iterable[str]) -> str:
    from .store import short_hash

    return short_hash("conflict", *sorted(finding_ids), n=16)


def group(findings: list[Finding], statements: Statements) -> list[Conflict]:
    """The findings as conflicts, strongest conflict first; every finding in exactly one."""
    members = [member(f) for f in findings]
    uf = _UnionFind(len(members))
    by_key: dict[str, list[int]] = {}
    for i, m in enumerate(members):
        by_key.setdefault(_block(m, statements), []).append(i)
    for idx in by_key.values():
        for p, i in enumerate(idx):
            for j in idx[p + 1 :]:
                if uf.find(i) != uf.find(j) and _sides_match(members[i], members[j], statements):
                    uf.union(i, j)
    parts: dict[int, list[int]] = {}
    for i in range(len(members)):
        parts.setdefault(uf.find(i), []).append(i)
    out = []
    for idx in parts.values():
        rows = sorted((findings[i] for i in idx), key=lambda f: (-f.score, f.id))
        docs: list[str] = []
        for f in rows:
            for c in (f.claim_a, f.claim_b):
                d = (statements.claims.get(c) or {}).get("doc_id")
                if d and d not in docs:
                    docs.append(d)
        out.append(Conflict(conflict_id(f.id for f in rows), rows, docs))
    out.sort(key=lambda c: (-c.strongest.score, c.id))
    return out


def conflict_rows(conflicts: list[Conflict], titles: dict[str, str], run_id: str | None,
                  doc_of: dict[str, str] | None = None, keys: dict[str, str] | None = None) -> list[dict]:
    """Rows of the ``conflicts`` table (``doc_of``: claim id -> document id; ``keys``: finding
    id -> its group key, which all members of a conflict share)."""
    doc_of = doc_of or {}
    keys = keys or {}
    rows = []
    for c in conflicts:
        s = c.strongest
        # the strongest pair's documents come first in c.documents: one, when it is a source against itself
        pair_docs = c.documents[: 1 if doc_of.get(s.claim_a) == doc_of.get(s.claim_b) else 2]
        claims = {x for f in c.members for x in (f.claim_a, f.claim_b)}
        rows.append({
            "id": c.id,
            "type": s.type,
            "relation": s.relation,
            "topic": s.topic.column(),
            "score": s.score,
            "headline": s.explanation,
            "strongest_finding": s.id,
            "findings": len(c.members),
            "documents": len(c.documents),
            "claims": len(claims),
            "also_in": json.dumps([titles.get(d) or d for d in c.documents if d not in pair_docs], ensure_ascii=False),
            "members": json.dumps([f.id for f in c.members]),
            "run_id": run_id,
            "group_key": keys.get(s.id),
        })
    return rows


def grouping_signature(model: str | None, vocabulary: Any = None) -> str:
    """What the stored conflicts depend on besides the findings and claims: these rules, the
    vectors' model and the case's aliases (voices). A scan under another signature regroups all."""
    from .store import short_hash

    return short_hash("grouping", GROUPING_VERSION, model or "", vocabulary.digest() if vocabulary else "", n=16)


def assign(db: Any, claims: list[dict] | None = None,
           vectors: np.ndarray | dict[str, np.ndarray] | None = None,
           *, vocabulary: Any = None, run_id: str | None = None, model: str | None = None) -> int:
    """Group the findings of the database into conflicts and store them (``conflicts`` and
    ``findings.conflict_id``); returns how many conflicts it (re)made. ``claims`` are the
    claims' full rows (``store.load_claims``); without them the rows of the claims a batch of
    findings names are read for that batch, with the case's aliases applied to their English
    form. ``vectors`` are the claims' embeddings, a matrix in the order of ``claims`` or a dict
    by claim id; without them only copies and value-bearing repeats join.

    Findings are keyed and grouped a page and a block at a time (``store.Regrouping``), so
    neither they nor their claims are ever all in memory. With ``model`` (the vectors' model
    id), when the stored conflicts were grouped under the same signature, only the blocks of
    findings no conflict holds and of conflicts that lost a finding are grouped again (a
    re-scan after one document); otherwise every finding is."""
    from . import store

    if isinstance(vectors, np.ndarray):
        vecs = ({c["id"]: vectors[i] for i, c in enumerate(claims)}
                if claims is not None and len(vectors) == len(claims) else {})
    else:
        vecs = vectors or {}
    given = {c["id"]: c for c in claims} if claims is not None else None
    voice = default_voice
    if vocabulary:
        def voice(c: dict) -> str:
            return default_voice({**c, "speaker": vocabulary.apply(c.get("speaker") or ""),
                                  "source": vocabulary.apply(c.get("source") or "")})

    def statements_for(found: Iterable[Finding]) -> Statements:
        ids = {x for f in found for x in (f.claim_a, f.claim_b)}
        if given is not None:
            named = [given[x] for x in ids if x in given]
        else:
            named = store.load_claims(db, ids=ids)
            if vocabulary:
                for c in named:
                    c["text_en"] = vocabulary.english(c)
        return Statements(named, {x: vecs[x] for x in ids if x in vecs}, voice)

    signature = grouping_signature(model, vocabulary) if model else None
    stored, queued, keyed = store.grouping_state(db)
    staging = store.Regrouping(db, incremental=signature is not None and stored == signature and keyed)
    try:
        for page in staging.findings(GROUP_PAGE):
            members = [member(f) for f in page]
            # only a key without a value reads the claims (their frames and figures)
            seen = statements_for(f for f, m in zip(page, members, strict=True) if not m.value_bearing)
            staging.add_keys((m.id, _block(m, seen)) for m in members)
        if staging.incremental:
            staging.widen(queued)
        made = 0
        for batch, keys in staging.blocks(GROUP_BATCH):
            statements = statements_for(batch)
            conflicts = group(batch, statements)
            titles = {c["doc_id"]: c.get("title") or c.get("path") or c["doc_id"] for c in statements.claims.values()}
            doc_of = {c["id"]: c["doc_id"] for c in statements.claims.values()}
            staging.add_conflicts(conflict_rows(conflicts, titles, run_id, doc_of, keys),
                                  ((f.id, c.id, keys[f.id]) for c in conflicts for f in c.members))
            made += len(conflicts)
        staging.commit(signature)
    except BaseException:
        staging.close()
        raise
    return made


def regroup(db: Any) -> int:
    """Group every finding of an already scanned database again, with the vectors its last scan
    stored (read back by the same text hashes the scan used); returns how many conflicts."""
    from . import store
    from .claims import text_hash

    claims = store.load_claims(db)
    vocabulary = None
    folder = store.last_scanned_folder(db)
    if folder:
        from pathlib import Path

        from .case import load_vocabulary
        from .errors import ContradictError

        try:
            vocabulary = load_vocabulary(Path(folder))
        except ContradictError:  # a broken aliases section: names then match as written
            vocabulary = None
    model = store.last_run_model(db, "")
    vectors: dict[str, np.ndarray] = {}
    if model:
        multilingual = model.startswith("use-multilingual")

        def read(c: dict) -> str:
            if multilingual:
                return c["text"]
            t = c.get("text_en") or c["text"]
            return vocabulary.apply(t) if vocabulary else t

        hashes = {c["id"]: text_hash(read(c)) for c in claims}
        cached = store.cached_vectors(db, model, hashes.values())
        vectors = {cid: cached[h] for cid, h in hashes.items() if h in cached}
    return assign(db, claims, vectors, vocabulary=vocabulary)
