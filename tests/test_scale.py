"""Scale: the engines give the database the single-process scan gives; the judge budget; the
1k size of benchmarks/scale.py as a smoke test. No assertion on time anywhere."""

from __future__ import annotations

import importlib.util
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from contradict.pipeline import JUDGE_PER_CLAIM, ScanConfig, scan, within_budget

ROOT = Path(__file__).resolve().parent.parent


def load_scale():  # benchmarks/ is not a package
    spec = importlib.util.spec_from_file_location("scale", ROOT / "benchmarks" / "scale.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    case = tmp_path_factory.mktemp("generated") / "case"
    case.mkdir()
    load_scale().write_case(case, 120, seed=3)
    return case


def snapshot(db: Path) -> dict:
    """What a scan decided, without run ids and times."""
    with sqlite3.connect(db) as conn:
        return {
            "claims": conn.execute("select id, text_hash, text_en from claims order by id").fetchall(),
            "pairs": conn.execute("select id, claim_a, claim_b, cosine, lexical, p_contradiction, judged_with,"
                                  " detected_with from pairs order by id").fetchall(),
            "findings": conn.execute("select id, pair_id, type, detector, relation, score, explanation,"
                                     " values_json, signals from findings order by id").fetchall(),
            "embeddings": conn.execute("select model, text_hash, vector from embeddings order by 1, 2").fetchall(),
        }


@pytest.fixture(scope="module")
def single_process(generated_case: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    db = tmp_path_factory.mktemp("single") / "single.db"
    result = scan(generated_case, db, ScanConfig(model="hash", judge_per_claim=2))
    assert result.findings_total > 0 and result.pairs_judged > 0 and result.pairs_over_budget > 0
    return snapshot(db)


@pytest.mark.slow
def test_two_local_worker_processes_give_the_same_database(generated_case, single_process, tmp_path):
    db = tmp_path / "workers.db"
    result = subprocess.run(
        [sys.executable, "-m", "contradict", "scan", str(generated_case), "--db", str(db), "--model", "hash",
         "--judge-per-claim", "2", "--workers", "2", "--quiet"],
        capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    with sqlite3.connect(db) as conn:
        (config,) = conn.execute("select config from runs").fetchone()
    assert json.loads(config)["engine"] == "processes"
    assert snapshot(db) == single_process


@pytest.mark.slow
def test_a_dask_local_cluster_of_two_workers_gives_the_same_findings(generated_case, single_process, tmp_path,
                                                                    monkeypatch):
    """Through the scheduler's address, as a remote cluster is used: the claims travel with the
    pairs, a block pair of documents at a time (blocks of 30 claims here, to have several)."""
    pytest.importorskip("dask.distributed")
    from dask.distributed import LocalCluster

    from contradict import engine

    monkeypatch.setattr(engine, "SHIPPED_BLOCK_CLAIMS", 30)

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster:
        db = tmp_path / "dask.db"
        result = scan(generated_case, db, ScanConfig(model="hash", judge_per_claim=2,
                                                     scheduler=cluster.scheduler_address))
        assert result.documents_failed == 0
    got = snapshot(db)
    assert got["findings"] == single_process["findings"]
    assert got == single_process


def test_an_engine_that_cannot_run_is_one_line_and_exit_2(generated_case, tmp_path):
    env_code = ("import sys; sys.modules['dask'] = None; sys.modules['dask.distributed'] = None; "
                "sys.argv = ['contradict', 'scan', {folder!r}, '--db', {db!r}, '--model', 'hash', '--engine', 'dask']; "
                "from contradict.cli import main; main()")
    result = subprocess.run([sys.executable, "-c", env_code.format(folder=str(generated_case), db=str(tmp_path / "x.db"))],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 2
    assert result.stderr == ("Error: --engine dask needs dask.distributed, which is not installed — "
                             "pip install 'contradict[dask]' (or: pip install 'dask[distributed]')\n")
    assert not (tmp_path / "x.db").exists()
    for flags, message in (
        (["--judge-per-claim", "none"], "Error: --judge-per-claim 'none': not a number of pairs — give a whole number of 1 or more, or 'all'\n"),
        (["--engine", "ray"], "Error: unknown engine 'ray' — choose from auto, local, processes, dask\n"),
        (["--engine", "local", "--scheduler", "tcp://127.0.0.1:1"], "Error: --scheduler is for the dask engine, not 'local' — drop --engine, or use --engine dask\n"),
    ):
        result = subprocess.run([sys.executable, "-m", "contradict", "scan", str(generated_case), "--db",
                                 str(tmp_path / "y.db"), "--model", "hash", *flags],
                                capture_output=True, text=True, timeout=300)
        assert (result.returncode, result.stderr) == (2, message)


def test_the_judge_budget_keeps_each_claims_first_candidates():
    pairs = [
        {"id": "p1", "claim_a": "a", "claim_b": "b", "cosine": 0.9, "lexical": 0.1},
        {"id": "p2", "claim_a": "a", "claim_b": "c", "cosine": 0.5, "lexical": 0.1},
        {"id": "p3", "claim_a": "a", "claim_b": "d", "cosine": 0.3, "lexical": 0.1, "shared_frames": ["count:camera"]},
        {"id": "p4", "claim_a": "c", "claim_b": "d", "cosine": 0.1, "lexical": 0.0},
    ]
    read, left = within_budget(pairs, 1)
    # by cosine: a's first is p1, b's p1, c's p2, d's p3: p4 is nobody's first
    assert [p["id"] for p in read] == ["p1", "p2", "p3"] and [p["id"] for p in left] == ["p4"]
    assert within_budget(pairs, None) == (pairs, [])
    assert within_budget(pairs, 3)[1] == []


def test_a_rescan_with_the_same_budget_does_not_weigh_the_left_out_pairs_again(generated_case, tmp_path):
    db = tmp_path / "budget.db"
    first = scan(generated_case, db, ScanConfig(model="hash", judge_per_claim=1))
    assert first.pairs_over_budget > 0
    # the scan's choice (in SQL) is within_budget's
    from contradict import store

    database = store.open_db(db)
    every = store.pairs_for_judge(database, "none", "none")
    read = {r["id"] for r in database.query("select id from pairs where judged_with like 'judge:%'")}
    database.close()
    assert read == {p["id"] for p in within_budget(every, 1)[0]}
    assert len(read) == first.pairs_judged
    again = scan(generated_case, db, ScanConfig(model="hash", judge_per_claim=1))
    assert (again.pairs_judged, again.pairs_over_budget, again.pairs_checked) == (0, 0, 0)
    wider = scan(generated_case, db, ScanConfig(model="hash", judge_per_claim=3))
    assert wider.pairs_judged > 0 and wider.pairs_judged + wider.pairs_over_budget == first.pairs_over_budget


def test_the_cli_default_budget_is_the_pipelines():
    from contradict.cli.commands import JUDGE_PER_CLAIM as CLI_DEFAULT

    assert CLI_DEFAULT == JUDGE_PER_CLAIM == ScanConfig().judge_per_claim


@pytest.mark.slow
def test_the_1k_size_of_the_scale_benchmark_runs_and_reports_every_stage(tmp_path):
    out = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "scale.py"), "--sizes", "1000", "--quiet",
                          "--tmp", str(tmp_path), "--results", str(tmp_path / "results")],
                         capture_output=True, text=True, timeout=1800)
    assert out.returncode == 0, out.stderr[-2000:]
    row = json.loads((tmp_path / "results" / "scale-1000.json").read_text())
    assert row["claims"] >= 1000 and row["documents"] > 10
    assert {"ingest", "split", "features", "embed", "align", "judge", "detect", "store"} <= set(row["stages_s"])
    assert row["ratio_to_raw"] > 0 and row["peak_rss_mb"] > 0 and row["pairs_judged"] > 0
    assert row["incremental_stages_s"]  # the re-scan after one added document ran
    assert row["cold_one_document_s"] > 0 and row["cold_unchanged_s"] > 0  # ... and as new processes
    assert "| 1,000 |" in out.stdout


def test_text_progress_gives_each_stage_its_count_and_rate():
    import io

    from contradict.cli.progress import text_progress

    out = io.StringIO()
    advance = text_progress(out, every=3600, extra=lambda: "peak RSS 1 MB")("Embedding claims", 3)
    advance(1)
    advance(2)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Embedding claims: 0/3"
    assert lines[1].startswith("Embedding claims: 3/3 in ") and lines[1].endswith("/s); peak RSS 1 MB")
    assert len(lines) == 2  # nothing in between: the interval had not passed
    quiet = io.StringIO()
    text_progress(quiet, quiet=True)("Checking pairs", 5)(5)
    assert quiet.getvalue() == ""


def count_document_reads(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """The ids of the documents whose claims are read from the store, one entry per read."""
    from contradict import store

    loaded: list[str] = []
    read = store.load_claims_of

    def counting(db, doc_ids):  # type: ignore[no-untyped-def]
        doc_ids = list(doc_ids)
        loaded.extend(doc_ids)
        return read(db, doc_ids)

    monkeypatch.setattr(store, "load_claims_of", counting)
    return loaded


def test_a_worker_reading_the_store_with_a_small_cache_finds_what_shipped_rows_give(generated_case, tmp_path,
                                                                                  monkeypatch):
    """``detect_in_store`` (workers on this machine read claims from the store, keeping a bounded
    cache of views between tasks) against ``detect`` (the claims shipped with each task)."""
    from contradict import engine, store
    from contradict.pipeline import active_detectors

    db = tmp_path / "store.db"
    cfg = ScanConfig(model="hash", use_judge=False)
    scan(generated_case, db, cfg)
    database = store.open_db(db, create=False)
    pairs = store.pairs_to_detect_page(database, "none", "", 100_000)
    claims = store.load_claims(database)
    database.close()
    doc_of = {c["id"]: c["doc_id"] for c in claims}
    claims_in = {d: sum(1 for c in claims if c["doc_id"] == d) for d in doc_of.values()}
    names = active_detectors(cfg)
    expected = engine.detect(names, None, claims, pairs)
    assert expected, "the generated case has findings"

    monkeypatch.setattr(engine, "DETECT_CACHE_CLAIMS", 10)
    loaded = count_document_reads(monkeypatch)
    got = []
    try:
        for i in range(0, len(pairs), 7):
            page = pairs[i : i + 7]
            docs = list(dict.fromkeys(doc_of[p[side]] for p in page for side in ("claim_a", "claim_b")))
            got += engine.detect_in_store(names, None, str(db), "small-cache", docs, page)
            cache = engine._STORE_VIEWS[0]
            assert cache.size == sum(len(v) for v in cache.docs.values())
            assert cache.size <= max(10, sum(claims_in[d] for d in docs))  # bounded past this task's documents
    finally:
        while engine._STORE_VIEWS:
            engine._STORE_VIEWS.pop().close()
    assert len(loaded) > len(set(loaded)), "documents were dropped from the cache and read again"
    assert [(f.id, f.score, f.explanation) for f in got] == [(f.id, f.score, f.explanation) for f in expected]


def test_pairs_come_block_by_block_when_the_claims_outgrow_the_cache(tmp_path, monkeypatch):
    """A corpus bigger than the detectors' cache of claims is checked in blocks of documents,
    block pair by block pair: the same findings as a scan that holds every claim, with far
    fewer documents read again than when the pairs come in id order."""
    from contradict import engine, pipeline, store

    generated_case = tmp_path / "case"
    generated_case.mkdir()
    load_scale().write_case(generated_case, 300, seed=5)
    cfg = ScanConfig(model="hash", use_judge=False)
    whole = tmp_path / "whole.db"
    scan(generated_case, whole, cfg)
    monkeypatch.setattr(engine, "DETECT_CACHE_CLAIMS", 40)  # two or three documents' claims
    monkeypatch.setattr(pipeline, "DETECT_PER_TASK", 10)
    loaded = count_document_reads(monkeypatch)
    blocked = tmp_path / "blocked.db"
    result = scan(generated_case, blocked, cfg)
    assert snapshot(blocked) == snapshot(whole)
    reads_blocked = len(loaded)

    pages = store.pages_to_detect
    monkeypatch.setattr(store, "pages_to_detect", lambda *a: pages(*a[:4], None))  # in id order
    loaded.clear()
    by_id = tmp_path / "by-id.db"
    scan(generated_case, by_id, cfg)
    assert snapshot(by_id) == snapshot(whole)
    with sqlite3.connect(blocked) as conn:
        n_docs = conn.execute("select count(*) from documents").fetchone()[0]
    assert result.pairs_checked > 100 * 10
    assert n_docs < reads_blocked < len(loaded) / 2
