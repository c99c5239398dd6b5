"""Candidate pairs across documents: embedding neighbours plus claims that share a frame.

Embedding similarity alone ranks the true partner of a real contradiction far down (median
cosine about 0.3 on this case) and look-alikes first, so two claims that count the same thing,
speak of the same record, or the same processing under the same law become candidates too.
All similarity work is blockwise matrix products; there is no Python loop over all pairs.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass
class AlignConfig:
    top_k: int = 25  # embedding neighbours per claim (in other documents)
    min_cosine: float = 0.2  # floor for embedding-only candidates
    frame_block: int = 100  # frames shared by more claims than this keep only the nearest ...
    frame_k: int = 20  # ... this many per claim
    block_size: int = 1024  # rows per matrix product
    lexical_k: int = 10  # neighbours per claim by shared rare words of the English form (0: off)
    min_lexical: float = 0.12  # floor of their TF-IDF cosine


def pair_id(a: str, b: str) -> str:
    x, y = sorted((a, b))
    return hashlib.sha256(f"{x}:{y}".encode()).hexdigest()[:20]


def order_pair(ca: dict, cb: dict) -> tuple[dict, dict]:
    """Earlier document first (by date, then path, then offset): claim_a is what was said first."""
    def key(c: dict) -> tuple:
        return (c.get("date") or "9999", c.get("path") or "", c.get("start") or 0)

    return (ca, cb) if key(ca) <= key(cb) else (cb, ca)


def english_form(c: dict) -> str:
    return c.get("text_en") or (c.get("features") or {}).get("text_latin") or c.get("text") or ""


def _tfidf(claims: Sequence[dict]) -> Any:
    """L2-normalised TF-IDF rows of the claims' English forms (scikit-learn), or None."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [english_form(c).lower() for c in claims]
    try:
        return TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1, max_df=0.5,
                               token_pattern=r"(?u)\b[^\W\d_][^\W_]{2,}\b").fit_transform(texts).tocsr()
    except ValueError:  # no usable word at all (empty vocabulary)
        return None


def candidate_pairs(
    claims: Sequence[dict],
    vectors: np.ndarray,
    queries: Sequence[int] | None = None,
    config: AlignConfig | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[dict]:
    """Pairs (as rows for the ``pairs`` table) for the query claims (all claims when None)."""
    cfg = config or AlignConfig()
    n = len(claims)
    if n < 2:
        return []
    q_idx = np.arange(n) if queries is None else np.asarray(sorted(set(queries)), dtype=int)
    doc_codes = {d: i for i, d in enumerate(sorted({c["doc_id"] for c in claims}))}
    docs = np.array([doc_codes[c["doc_id"]] for c in claims])
    frame_members: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        for f in c.get("frames") or []:
            frame_members[f].append(i)
    frame_arrays = {f: np.asarray(m) for f, m in frame_members.items()}

    found: dict[tuple[int, int], dict] = {}
    lexical = _tfidf(claims) if cfg.lexical_k > 0 else None
    lk = min(cfg.lexical_k, n - 1)

    def add(i: int, j: int, cos: float, rank: int | None, via: str) -> None:
        key = (min(i, j), max(i, j))
        cur = found.get(key)
        if cur is None:
            found[key] = {"cosine": cos, "rank": rank, "via": {via}}
        else:
            cur["via"].add(via)
            if rank is not None and (cur["rank"] is None or rank < cur["rank"]):
                cur["rank"] = rank

    k = min(cfg.top_k, n - 1)
    for b0 in range(0, len(q_idx), cfg.block_size):
        rows = q_idx[b0 : b0 + cfg.block_size]
        sims = vectors[rows] @ vectors.T  # (block, n)
        same = docs[rows][:, None] == docs[None, :]
        sims = np.where(same, -np.inf, sims)
        # embedding neighbours
        if k > 0:
            top = np.argpartition(-sims, kth=min(k, n - 1) - 1, axis=1)[:, :k]
            for r, i in enumerate(rows):
                order = top[r][np.argsort(-sims[r, top[r]])]
                for rank, j in enumerate(order, start=1):
                    s = float(sims[r, j])
                    if s >= cfg.min_cosine and np.isfinite(s):
                        add(int(i), int(j), s, rank, "embedding")
        # lexical neighbours: claims that share rare words (of the English form, so that a
        # Serbian claim meets its English counterpart), whatever the embedding says
        if lexical is not None and lk > 0:
            lex = (lexical[rows] @ lexical.T).toarray()
            lex = np.where(same, -1.0, lex)
            top = np.argpartition(-lex, kth=lk - 1, axis=1)[:, :lk]
            for r, i in enumerate(rows):
                for j in top[r]:
                    if lex[r, j] >= cfg.min_lexical:
                        add(int(i), int(j), float(sims[r, j]), None, "lexical")
        # frame partners
        for r, i in enumerate(rows):
            for f in claims[i].get("frames") or []:
                members = frame_arrays[f]
                members = members[docs[members] != docs[i]]
                if len(members) == 0:
                    continue
                if len(members) > cfg.frame_block:
                    s = sims[r, members]
                    members = members[np.argpartition(-s, cfg.frame_k - 1)[: cfg.frame_k]]
                row = sims[r]
                for j in members:
                    s = float(row[j])
                    rank = int((row > s).sum()) + 1
                    add(int(i), int(j), s, rank, "frame")
        if progress:
            progress(len(rows))

    out = [pair_row(claims[i], claims[j], info["cosine"], info["rank"], "+".join(sorted(info["via"])))
           for (i, j), info in found.items()]
    out.sort(key=lambda p: p["id"])
    return out


def pair_row(c1: dict, c2: dict, cosine: float, rank: int | None, via: str) -> dict:
    """The ``pairs`` row of two claims, the earlier first (:func:`order_pair`): their cosine,
    the fuzzy word overlap of their texts, the rank of the partner among the claim's
    neighbours, the frames they share and how the pair was found."""
    from rapidfuzz import fuzz

    ca, cb = order_pair(c1, c2)
    return {
        "id": pair_id(ca["id"], cb["id"]),
        "claim_a": ca["id"],
        "claim_b": cb["id"],
        "cosine": round(float(cosine), 4),
        "lexical": round(fuzz.token_set_ratio(ca["text"].lower(), cb["text"].lower()) / 100, 4),
        "rank": rank,
        "shared_frames": sorted(set(ca.get("frames") or []) & set(cb.get("frames") or [])),
        "via": via,
    }
