import hashlib
import sqlite3

import numpy as np
import pytest

from contradict.align import AlignConfig, candidate_pairs
from contradict.embed import DEFAULT_WEIGHTS_SHA256, HashEmbedder, default_model_path, get_embedder
from contradict.errors import DatabaseError, ModelError
from contradict.store import open_db


def test_shipped_weights_are_the_expected_file():
    weights = default_model_path() / "model.safetensors"
    assert hashlib.sha256(weights.read_bytes()).hexdigest() == DEFAULT_WEIGHTS_SHA256


@pytest.mark.slow
def test_default_model_loads_offline_and_embeds():
    emb = get_embedder(None)
    v = emb.encode(["The Ministry installed 1,000 cameras.", "One thousand cameras were installed by the Ministry.", "The weather is nice."])
    assert v.shape == (3, 384)
    assert float(v[0] @ v[1]) > float(v[0] @ v[2])


def test_missing_model_path_is_a_clear_error():
    with pytest.raises(ModelError, match="never downloads"):
        get_embedder("/no/such/model")


def claims(n_docs=6, per_doc=30):
    rng = np.random.default_rng(0)
    out = []
    for d in range(n_docs):
        for i in range(per_doc):
            out.append({"id": f"c{d}-{i}", "doc_id": f"d{d}", "text": f"claim {d} {i} cameras", "date": f"20{10 + d}",
                        "path": f"d{d}.md", "start": i, "frames": ["count:cameras"] if i % 7 == 0 else []})
    vecs = rng.normal(size=(len(out), 16)).astype("float32")
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True)
    return out, vecs


def test_alignment_is_blockwise_and_cross_document_only():
    cs, vecs = claims()
    small = candidate_pairs(cs, vecs, config=AlignConfig(top_k=5, min_cosine=-1, block_size=7, exhaustive_pairs=0))
    big = candidate_pairs(cs, vecs, config=AlignConfig(top_k=5, min_cosine=-1, block_size=1000, exhaustive_pairs=0))
    assert small == big  # block size changes nothing but memory
    by_id = {c["id"]: c for c in cs}
    assert all(by_id[p["claim_a"]]["doc_id"] != by_id[p["claim_b"]]["doc_id"] for p in small)
    # claims sharing a frame are paired even when their embeddings are far apart
    framed = [p for p in small if "count:cameras" in p["shared_frames"]]
    assert len(framed) == 5 * 5 * (6 * 5) // 2  # 5 framed claims per doc, every cross-doc combination
    # the earlier document is claim_a
    assert all(by_id[p["claim_a"]]["date"] <= by_id[p["claim_b"]]["date"] for p in small)


def test_a_small_corpus_is_read_exhaustively_with_exact_ranks():
    cs, vecs = claims(n_docs=4, per_doc=10)
    cross = (40 * 40 - 4 * 10 * 10) // 2  # every pair of claims in two documents
    pairs = candidate_pairs(cs, vecs, config=AlignConfig(top_k=3, exhaustive_pairs=cross))
    assert len(pairs) == cross
    # each claim's partners keep their embedding rank among its 30 cross-document claims
    by_claim: dict[str, list[int]] = {}
    for p in pairs:
        by_claim.setdefault(p["claim_a"], []).append(p["rank"])
    assert all(1 <= r <= 30 for ranks in by_claim.values() for r in ranks)
    # one pair over the limit: back to neighbours (top 3), frame partners and lexical ones
    fewer = candidate_pairs(cs, vecs, config=AlignConfig(top_k=3, exhaustive_pairs=cross - 1))
    assert len(fewer) < cross // 2
    # a re-scan's new claims count only the pairs they are part of
    new = [i for i, c in enumerate(cs) if c["doc_id"] == "d3"]
    again = candidate_pairs(cs, vecs, queries=new, config=AlignConfig(top_k=3, exhaustive_pairs=10 * 30))
    assert len(again) == 10 * 30


def test_a_large_corpus_is_aligned_through_the_approximate_index_with_the_same_pairs_found():
    pytest.importorskip("faiss")
    cs, vecs = claims(n_docs=12, per_doc=40)
    exact = candidate_pairs(cs, vecs, config=AlignConfig(top_k=5, min_cosine=-1, exhaustive_pairs=0))
    approx = candidate_pairs(cs, vecs, config=AlignConfig(top_k=5, min_cosine=-1, exact_limit=100, exhaustive_pairs=0))  # 480 claims: 480² cells > 100²
    by_id = {c["id"]: c for c in cs}
    assert all(by_id[p["claim_a"]]["doc_id"] != by_id[p["claim_b"]]["doc_id"] for p in approx)
    # frame partners are found by products with the frame's members, not by the index: all of them
    assert {p["id"] for p in approx if "frame" in p["via"]} == {p["id"] for p in exact if "frame" in p["via"]}
    # the index finds nearly all of the exact nearest neighbours, with their cosines
    near_exact = {p["id"] for p in exact if "embedding" in p["via"]}
    near_approx = {p["id"]: p for p in approx if "embedding" in p["via"]}
    assert len(near_exact & set(near_approx)) >= 0.9 * len(near_exact)
    cos = {p["id"]: p["cosine"] for p in exact}
    assert all(abs(near_approx[i]["cosine"] - cos[i]) < 1e-3 for i in near_exact & set(near_approx))
    # ranks are counted among cross-document neighbours, 1 for the nearest
    assert min(p["rank"] for p in near_approx.values()) == 1
    assert max(p["rank"] for p in near_approx.values()) <= 5


def test_hash_embedder_rows_are_unit_vectors_that_rank_shared_words_first():
    texts = ["The ministry installed 1,000 cameras.", "The ministry installed 8,100 cameras.",
             "Rain is expected on Sunday.", ""]
    v = HashEmbedder().encode(texts)
    assert v.shape == (4, HashEmbedder.dim)
    assert np.allclose(np.linalg.norm(v[:3], axis=1), 1.0) and not v[3].any()  # empty text: no words
    assert float(v[0] @ v[1]) > 0.5 > float(v[0] @ v[2])
    # a vector depends on its own text only, not on the batch it was encoded in
    assert np.array_equal(v[1], HashEmbedder().encode(texts[1:2])[0])


def test_schema_comes_from_migrations(tmp_path):
    db = open_db(tmp_path / "x.db")
    assert {"documents", "claims", "quantities", "dates", "legal_refs", "embeddings", "pairs", "findings",
            "reviews", "runs", "errors", "claims_fts", "documents_fts"} <= set(db.table_names())
    assert {"finding_details", "latest_reviews", "orphaned_reviews"} <= set(db.view_names())
    names = [r[0] for r in sqlite3.connect(tmp_path / "x.db").execute("select name from _sqlite_migrations")]
    assert names[0] == "m001_initial"


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    p = tmp_path / "notes.db"
    p.write_text("my notes, not a database\n" * 100)
    with pytest.raises(DatabaseError, match="not a SQLite database"):
        open_db(p)
    assert p.read_text().startswith("my notes")


def test_pairs_are_upserted_in_one_statement_keeping_what_a_rescan_does_not_pass(tmp_path):
    from contradict.store import save_pairs

    db = open_db(tmp_path / "x.db")
    db.execute("PRAGMA foreign_keys = OFF")  # pairs without their claims, for this test only
    row = {"id": "p1", "claim_a": "a", "claim_b": "b", "cosine": 0.5, "lexical": 0.4, "rank": 2,
           "shared_frames": ["count:cameras"], "via": "embedding"}
    assert save_pairs(db, [row], "run1") == 1
    db.execute("update pairs set detected_with = 'sig'")
    save_pairs(db, [{**row, "cosine": 0.6}, {**row, "id": "p2"}], "run2")
    got = {r["id"]: r for r in db.query("select * from pairs")}
    assert got["p1"]["cosine"] == 0.6 and got["p1"]["run_id"] == "run2"
    assert got["p1"]["detected_with"] == "sig"  # the upsert leaves a column it is not given alone
    assert got["p1"]["shared_frames"] == '["count:cameras"]' and got["p2"]["detected_with"] is None
    # rows of mixed shapes go through sqlite-utils instead, with the same result
    short = {k: v for k, v in row.items() if k != "rank"}
    save_pairs(db, [{**row, "id": "p3"}, {**short, "id": "p4"}], "run3")
    assert db["pairs"].get("p3")["rank"] == 2 and db["pairs"].get("p4")["rank"] is None
