import sqlite3
from pathlib import Path

import pytest

from contradict.errors import EmptyCorpusError, IngestError
from contradict.pipeline import ScanConfig, scan

from .conftest import write_doc

HASH = ScanConfig(model="hash")


def rows(db: Path, sql: str) -> list:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_scan_finds_the_conflicts_of_a_small_case(small_case, tmp_path):
    db = tmp_path / "case.db"
    result = scan(small_case, db, HASH)
    assert (result.documents_added, result.documents_failed) == (4, 0)
    types = {t for (t,) in rows(db, "select type from findings")}
    assert {"existence", "numeric"} <= types
    # almost 1,000 vs about 1,000 is rounding, not a conflict
    assert rows(db, """select count(*) from finding_details where type = 'numeric'
                       and quote_a like '%about 1,000%' and quote_b like '%Almost 1,000%'""") == [(0,)]
    # every claim is an exact slice of its document
    for text, start, end, claim in rows(db, "select d.text, c.start, c.\"end\", c.text from claims c join documents d on d.id = c.doc_id"):
        assert text[start:end] == claim


def test_rescan_is_idempotent_and_incremental(small_case, tmp_path):
    db = tmp_path / "case.db"
    first = scan(small_case, db, HASH)
    counts = [rows(db, f"select count(*) from {t}")[0][0] for t in ("documents", "claims", "pairs", "findings", "embeddings")]
    again = scan(small_case, db, HASH)
    assert (again.documents_added, again.documents_skipped, again.embedded, again.pairs_added) == (0, 4, 0, 0)
    assert [rows(db, f"select count(*) from {t}")[0][0] for t in ("documents", "claims", "pairs", "findings", "embeddings")] == counts
    write_doc(small_case, "e-new.md", "The ministry now says 2,000 cameras will be installed in the city.",
              source="Ministry", kind="statement", date="2019-11")
    third = scan(small_case, db, HASH)
    assert (third.documents_added, third.documents_skipped) == (1, 4)
    assert third.embedded == third.claims_total - first.claims_total
    assert rows(db, "select count(*) from runs where status = 'completed'") == [(3,)]


def test_a_rescan_checks_only_its_new_pairs_and_other_detectors_check_every_pair(small_case, tmp_path):
    """Once a pass over every pair completed with the scan's detectors, a re-scan reads only
    the pairs never checked (through their own index) and finds what a fresh scan finds; a
    scan with other detectors, or after an interrupted pass, checks every pair again."""
    db = tmp_path / "case.db"
    first = scan(small_case, db, HASH)
    assert first.pairs_checked == rows(db, "select count(*) from pairs")[0][0] > 0
    (sig,), = rows(db, "select signature from detection")
    assert scan(small_case, db, HASH).pairs_checked == 0
    write_doc(small_case, "e-new.md", "The ministry now says 2,000 cameras will be installed in the city.",
              source="Ministry", kind="statement", date="2019-11")
    third = scan(small_case, db, HASH)
    assert 0 < third.pairs_checked == third.pairs_added < rows(db, "select count(*) from pairs")[0][0]
    fresh = tmp_path / "fresh.db"
    scan(small_case, fresh, HASH)
    findings = "select claim_a, claim_b, type, score from findings order by 1, 2, 3"
    assert rows(db, findings) == rows(fresh, findings)
    pairs = rows(db, "select count(*) from pairs")[0][0]
    numeric = scan(small_case, db, ScanConfig(model="hash", detectors=("numeric.v2",)))
    assert numeric.pairs_checked == pairs
    assert rows(db, "select signature from detection") != [(sig,)]

    def interrupt(stage, total):  # stopped before the first page of pairs was checked
        if stage == "Checking pairs":
            raise KeyboardInterrupt
        return lambda n: None

    with pytest.raises(KeyboardInterrupt):
        scan(small_case, db, HASH, progress=interrupt)
    assert rows(db, "select count(*) from detection") == [(0,)]  # no pass completed since the change
    assert scan(small_case, db, HASH).pairs_checked == pairs
    assert rows(db, "select signature from detection") == [(sig,)]
    assert rows(db, findings) == rows(fresh, findings)


def test_a_bad_file_is_recorded_and_the_rest_scanned(small_case, tmp_path):
    (small_case / "broken.pdf").write_bytes(b"this is not a pdf at all")
    db = tmp_path / "case.db"
    result = scan(small_case, db, HASH)
    assert result.documents_added == 4 and result.documents_failed == 1
    assert "broken.pdf" in result.errors[0]
    (path, stage), = rows(db, "select path, stage from errors")
    assert (path, stage) == ("broken.pdf", "ingest")


def test_interrupted_scan_resumes_without_duplicates(small_case, tmp_path):
    db = tmp_path / "case.db"

    def interrupt(stage, total):
        def advance(n):
            if stage == "Aligning claims":
                raise KeyboardInterrupt
        return advance

    with pytest.raises(KeyboardInterrupt):
        scan(small_case, db, HASH, progress=interrupt)
    assert rows(db, "select status from runs") == [("interrupted",)]
    stored = rows(db, "select count(*) from claims")[0][0]
    assert stored > 0  # documents and embeddings were committed before the interruption
    result = scan(small_case, db, HASH)
    assert result.documents_skipped == 4 and result.findings_total > 0
    assert rows(db, "select count(*) from claims")[0][0] == stored


def test_user_errors_are_contradict_errors(tmp_path):
    with pytest.raises(IngestError, match="does not exist"):
        scan(tmp_path / "nope", tmp_path / "x.db", HASH)
    (tmp_path / "empty").mkdir()
    with pytest.raises(EmptyCorpusError):
        scan(tmp_path / "empty", tmp_path / "x.db", HASH)
