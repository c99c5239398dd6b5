"""Candidate pairs across documents: embedding neighbours plus claims that share a frame.

A small corpus (up to ``AlignConfig.exhaustive_pairs`` cross-document pairs) is read
exhaustively: every pair of claims in two documents is a candidate, since the rules cost about
half a millisecond a pair and no neighbour list reaches every true partner.

Embedding similarity alone ranks the true partner of a real contradiction far down (median
cosine about 0.3 on this case) and look-alikes first, so two claims that count the same thing,
speak of the same record, or the same processing under the same law become candidates too.
All similarity work is blockwise matrix products; there is no Python loop over all pairs.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
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
    # beyond products of this many claims against themselves (queries × claims), neighbours come
    # from an approximate index (faiss HNSW) instead of exact blockwise products, whose cost
    # grows with the square of the corpus (0: always exact)
    exact_limit: int = 20_000
    ann_extra: int = 40  # more neighbours asked of the index, for those in the claim's own document
    # while the query claims make no more than this many cross-document pairs in all, every one
    # of them is a candidate (a case of a few hundred claims is read exhaustively: what no
    # neighbour list would have reached still meets the detectors); 0: neighbours only
    exhaustive_pairs: int = 100_000
    lexical_max_df: int = 2_000  # in the approximate path, a word in more claims than this is not rare


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


def _tfidf(claims: Sequence[dict], max_df: float | int = 0.5) -> Any:
    """L2-normalised TF-IDF rows of the claims' English forms (scikit-learn), or None."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [english_form(c).lower() for c in claims]
    try:
        return TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=1, max_df=max_df,
                               token_pattern=r"(?u)\b[^\W\d_][^\W_]{2,}\b").fit_transform(texts).tocsr()
    except ValueError:  # no usable word at all (empty vocabulary)
        return None


#: similarity cells (query rows × claims) per block: bounds the memory of one matrix product
#: (float32: 64 MB) whatever the corpus size, by fewer rows per block in a bigger corpus
BLOCK_CELLS = 16_000_000
EMBEDDING, LEXICAL, FRAME = 1, 2, 4
_VIA = {EMBEDDING: "embedding", LEXICAL: "lexical", FRAME: "frame"}


def candidate_pairs(
    claims: Sequence[dict],
    vectors: np.ndarray,
    queries: Sequence[int] | None = None,
    config: AlignConfig | None = None,
    progress: Callable[[int], None] | None = None,
) -> list[dict]:
    """Pairs (as rows for the ``pairs`` table) for the query claims (all claims when None)."""
    out = list(iter_candidate_pairs(claims, vectors, queries, config, progress))
    out.sort(key=lambda p: p["id"])
    return out


def iter_candidate_pairs(
    claims: Sequence[dict],
    vectors: np.ndarray,
    queries: Sequence[int] | None = None,
    config: AlignConfig | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[dict]:
    """The rows of :func:`candidate_pairs`, one by one and in no particular order: a caller
    can store them in batches. What is found is kept in flat arrays (about 20 bytes a find),
    never as a dict per pair, until the rows are made."""
    cfg = config or AlignConfig()
    n = len(claims)
    if n < 2:
        return
    q_idx = np.arange(n) if queries is None else np.asarray(sorted(set(queries)), dtype=int)
    doc_codes = {d: i for i, d in enumerate(sorted({c["doc_id"] for c in claims}))}
    docs = np.array([doc_codes[c["doc_id"]] for c in claims])
    frame_members: dict[str, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        for f in c.get("frames") or []:
            frame_members[f].append(i)
    frame_arrays = {f: np.asarray(m) for f, m in frame_members.items()}
    del frame_members

    # every find, in the order found: (i, j, cosine, rank or -1, via); merged per pair at the end
    fi: list[np.ndarray] = []
    fj: list[np.ndarray] = []
    fcos: list[np.ndarray] = []
    frank: list[np.ndarray] = []
    fvia: list[np.ndarray] = []

    def keep(i: np.ndarray, j: np.ndarray, cos: np.ndarray, rank: np.ndarray, via: int) -> None:
        if len(i):
            fi.append(i.astype(np.int64))
            fj.append(j.astype(np.int64))
            fcos.append(cos.astype(np.float64))
            frank.append(rank.astype(np.int64))
            fvia.append(np.full(len(i), via, dtype=np.int8))

    if 0 < cross_document_pairs(docs, q_idx) <= cfg.exhaustive_pairs:
        # every cross-document pair, each with its exact embedding rank
        _exact_finds(claims, vectors, q_idx, docs, frame_arrays,
                     replace(cfg, top_k=n, min_cosine=-np.inf), keep, progress)
    # exact while the products are no bigger than exact_limit claims against themselves: a
    # one-document re-scan of a big corpus stays exact (and builds no index)
    elif cfg.exact_limit > 0 and len(q_idx) * n > cfg.exact_limit**2 and _faiss() is not None:
        _approximate_finds(claims, vectors, q_idx, docs, frame_arrays, cfg, keep, progress)
    else:
        _exact_finds(claims, vectors, q_idx, docs, frame_arrays, cfg, keep, progress)
    yield from _pair_rows(claims, fi, fj, fcos, frank, fvia)


def cross_document_pairs(docs: np.ndarray, q_idx: np.ndarray) -> int:
    """How many pairs of claims in two documents have at least one query claim: the size of an
    exhaustive reading (``docs`` holds each claim's document code)."""
    per_doc = np.bincount(docs)
    ordered = int((len(docs) - per_doc[docs[q_idx]]).sum())  # query × every other document's claim
    per_doc_q = np.bincount(docs[q_idx], minlength=len(per_doc))
    both = (len(q_idx) ** 2 - int((per_doc_q**2).sum())) // 2  # pairs of two query claims, counted twice above
    return ordered - both


Keep = Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int], None]


def _exact_finds(claims: Sequence[dict], vectors: np.ndarray, q_idx: np.ndarray, docs: np.ndarray,
                 frame_arrays: dict[str, np.ndarray], cfg: AlignConfig, keep: Keep,
                 progress: Callable[[int], None] | None) -> None:
    """Neighbours by blockwise products of the query rows with every claim: exact ranks."""
    n = len(claims)
    lexical = _tfidf(claims) if cfg.lexical_k > 0 else None
    lk = min(cfg.lexical_k, n - 1)
    k = min(cfg.top_k, n - 1)
    block = max(1, min(cfg.block_size, BLOCK_CELLS // n))
    for b0 in range(0, len(q_idx), block):
        rows = q_idx[b0 : b0 + block]
        sims = vectors[rows] @ vectors.T  # (block, n)
        same = docs[rows][:, None] == docs[None, :]
        sims[same] = -np.inf
        # embedding neighbours
        if k > 0:
            tops = np.argpartition(-sims, kth=min(k, n - 1) - 1, axis=1)[:, :k]
            ranks = np.arange(1, k + 1)
            for r, i in enumerate(rows):
                order = tops[r][np.argsort(-sims[r, tops[r]])]
                s = sims[r, order].astype(np.float64)
                ok = (s >= cfg.min_cosine) & np.isfinite(s)
                keep(np.full(int(ok.sum()), i), order[ok], s[ok], ranks[: len(order)][ok], EMBEDDING)
        # lexical neighbours: claims that share rare words (of the English form, so that a
        # Serbian claim meets its English counterpart), whatever the embedding says
        if lexical is not None and lk > 0:
            lex = (lexical[rows] @ lexical.T).toarray()
            lex[same] = -1.0
            tops = np.argpartition(-lex, kth=lk - 1, axis=1)[:, :lk]
            for r, i in enumerate(rows):
                top = tops[r][lex[r, tops[r]] >= cfg.min_lexical]
                keep(np.full(len(top), i), top, sims[r, top], np.full(len(top), -1), LEXICAL)
            del lex
        del same
        # frame partners, each with its rank among the claim's cross-document neighbours
        for r, i in enumerate(rows):
            row = sims[r]
            for f in claims[i].get("frames") or []:
                members = frame_arrays[f]
                members = members[docs[members] != docs[i]]
                if len(members) == 0:
                    continue
                if len(members) > cfg.frame_block:
                    members = members[np.argpartition(-row[members], cfg.frame_k - 1)[: cfg.frame_k]]
                s = row[members]
                fr = (row[None, :] > s[:, None]).sum(axis=1) + 1
                keep(np.full(len(members), i), members, s, fr, FRAME)
        if progress:
            progress(len(rows))
        del sims


def _faiss() -> Any:
    """The faiss module, or None where it is not installed (the exact path is used then)."""
    try:
        import faiss  # type: ignore[import-untyped]
    except ImportError:
        return None
    return faiss


#: the HNSW graph's links per node and search breadth: on 100,000 clustered 384-dimensional
#: vectors the index returned 98% of the exact 25 nearest (docs/scaling.md)
HNSW_M = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128
ANN_BATCH = 4096  # query rows per index search


def _approximate_finds(claims: Sequence[dict], vectors: np.ndarray, q_idx: np.ndarray, docs: np.ndarray,
                       frame_arrays: dict[str, np.ndarray], cfg: AlignConfig, keep: Keep,
                       progress: Callable[[int], None] | None) -> None:
    """Neighbours from a faiss HNSW index of every claim; ranks among the neighbours the index
    returns (a frame partner beyond them has none); frame partners' cosines by direct products;
    lexical neighbours among claims that share words found in at most ``lexical_max_df`` claims.
    Nothing here is quadratic in the corpus."""
    faiss = _faiss()
    n, dim = vectors.shape
    x = np.ascontiguousarray(vectors, dtype="float32")
    index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
    index.add(x)
    k = min(cfg.top_k, n - 1)
    ask = min(n, k + cfg.ann_extra)
    index.hnsw.efSearch = max(HNSW_EF_SEARCH, ask)
    lexical = _tfidf(claims, max_df=min(0.5, cfg.lexical_max_df / n)) if cfg.lexical_k > 0 else None
    lk = min(cfg.lexical_k, n - 1)
    for b0 in range(0, len(q_idx), ANN_BATCH):
        rows = q_idx[b0 : b0 + ANN_BATCH]
        sims, found = index.search(x[rows], ask)
        other = (found >= 0) & (docs[np.maximum(found, 0)] != docs[rows][:, None]) & np.isfinite(sims)
        # rank among the cross-document neighbours, in the order the index gives them (best first)
        rank = np.cumsum(other, axis=1)
        if k > 0:
            ok = other & (rank <= k) & (sims >= cfg.min_cosine)
            r_ok, c_ok = np.nonzero(ok)
            keep(rows[r_ok], found[r_ok, c_ok], sims[r_ok, c_ok], rank[r_ok, c_ok], EMBEDDING)
        if lexical is not None and lk > 0:
            lex = (lexical[rows] @ lexical.T).tocsr()
            li: list[np.ndarray] = []
            lj: list[np.ndarray] = []
            for r, i in enumerate(rows):
                lo, hi = lex.indptr[r], lex.indptr[r + 1]
                js, vs = lex.indices[lo:hi], lex.data[lo:hi]
                sel = (vs >= cfg.min_lexical) & (docs[js] != docs[i])
                js, vs = js[sel], vs[sel]
                if len(js) > lk:
                    js = js[np.argpartition(-vs, lk - 1)[:lk]]
                li.append(np.full(len(js), i))
                lj.append(js)
            del lex
            if li:
                i_l, j_l = np.concatenate(li), np.concatenate(lj)
                cos = np.einsum("ij,ij->i", x[i_l], x[j_l])
                keep(i_l, j_l, cos, np.full(len(j_l), -1), LEXICAL)
        # frame partners: per frame, one product of the batch's claims in it with its members
        listed = [dict(zip(found[r][other[r]].tolist(), rank[r][other[r]].tolist(), strict=True))
                  for r in range(len(rows))]
        in_frame: dict[str, list[int]] = defaultdict(list)
        for r, i in enumerate(rows):
            for f in claims[i].get("frames") or []:
                in_frame[f].append(r)
        for f, rs in in_frame.items():
            members = frame_arrays[f]
            qi = rows[rs]
            s_all = x[qi] @ x[members].T  # (claims of the batch in f, members of f)
            s_all[docs[qi][:, None] == docs[members][None, :]] = -np.inf
            for t, r in enumerate(rs):
                s = s_all[t]
                ok = np.flatnonzero(np.isfinite(s))
                if len(ok) == 0:
                    continue
                if len(ok) > cfg.frame_block:
                    ok = ok[np.argpartition(-s[ok], cfg.frame_k - 1)[: cfg.frame_k]]
                js = members[ok]
                fr = np.array([listed[r].get(j, -1) for j in js.tolist()])
                keep(np.full(len(js), rows[r]), js, s[ok], fr, FRAME)
            del s_all
        if progress:
            progress(len(rows))


def _pair_rows(claims: Sequence[dict], fi: list[np.ndarray], fj: list[np.ndarray], fcos: list[np.ndarray],
               frank: list[np.ndarray], fvia: list[np.ndarray]) -> Iterator[dict]:
    """The finds merged per pair (its first cosine, its best rank, every way it was found),
    as ``pairs`` rows."""
    from rapidfuzz import fuzz

    n = len(claims)
    if not fi:
        return
    i_all, j_all = np.concatenate(fi), np.concatenate(fj)
    cos_all, rank_all, via_all = np.concatenate(fcos), np.concatenate(frank), np.concatenate(fvia)
    for found in (fi, fj, fcos, frank, fvia):
        found.clear()
    key = np.minimum(i_all, j_all) * n + np.maximum(i_all, j_all)
    del i_all, j_all
    order = np.argsort(key, kind="stable")  # finds of one pair together, in the order found
    key, cos_all, rank_all, via_all = key[order], cos_all[order], rank_all[order], via_all[order]
    del order
    starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
    cos_first = cos_all[starts]  # a pair's cosine is the one it was first found with
    via = np.bitwise_or.reduceat(via_all, starts)
    big = np.iinfo(np.int64).max
    rank = np.minimum.reduceat(np.where(rank_all < 0, big, rank_all), starts)
    keys = key[starts]
    del key, cos_all, rank_all, via_all, starts
    # per claim once, not per pair: the order key of order_pair, the lowered text, the frames
    order_keys = [(c.get("date") or "9999", c.get("path") or "", c.get("start") or 0) for c in claims]
    lowered: dict[int, str] = {}
    frame_sets: dict[int, frozenset[str]] = {}
    via_names = {bits: "+".join(sorted(_VIA[v] for v in _VIA if bits & v)) for bits in range(1, 8)}
    ratio = fuzz.token_set_ratio
    for t in range(len(keys)):
        x, y = divmod(int(keys[t]), n)
        a, b = (x, y) if order_keys[x] <= order_keys[y] else (y, x)  # order_pair, earlier first
        ca, cb = claims[a], claims[b]
        for m in (a, b):
            if m not in lowered:
                lowered[m] = claims[m]["text"].lower()
                frame_sets[m] = frozenset(claims[m].get("frames") or [])
        yield {
            "id": pair_id(ca["id"], cb["id"]),
            "claim_a": ca["id"],
            "claim_b": cb["id"],
            "cosine": round(float(cos_first[t]), 4),
            "lexical": round(ratio(lowered[a], lowered[b]) / 100, 4),
            "rank": None if rank[t] == big else int(rank[t]),
            "shared_frames": sorted(frame_sets[a] & frame_sets[b]),
            "via": via_names[int(via[t])],
        }


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
