"""Concurrency: a scan while others read the same file (WAL: a reader never sees half a
document), a second scan of the same database (it stops at once with a clear message), a
review recorded during a scan, and Ctrl-C (exit 130, the lock released, the run resumable)."""

from __future__ import annotations

import asyncio
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import SCAN_FLAGS, cli_env, generated_case, ids, integrity, rows, run_cli, scan_cli


def start_scan(folder: Path, db: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "contradict", "scan", str(folder), "--db", str(db),
                             *SCAN_FLAGS], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=cli_env())


def wait_for_lock(db: Path, process: subprocess.Popen, timeout: float = 60) -> str:
    """The pid the running scan wrote into its lock file, once it holds the lock."""
    lock = Path(f"{db}-scan.lock")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if lock.exists() and lock.read_text().strip() == str(process.pid):
            return str(process.pid)
        assert process.poll() is None, process.communicate()
        time.sleep(0.02)
    raise AssertionError("the scan never took its lock")


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A generated case, and the claims per document of one uninterrupted scan."""
    tmp = tmp_path_factory.mktemp("concurrency")
    folder = generated_case(tmp / "case", 40, seed=5)
    reference = tmp / "reference.db"
    assert scan_cli(folder, reference).returncode == 0
    per_doc = dict(rows(reference, "select doc_id, count(*) from claims group by doc_id"))
    return {"tmp": tmp, "folder": folder, "per_doc": per_doc, "ids": ids(reference)}


@pytest.mark.slow
def test_readers_during_a_scan_never_see_half_a_document(case: dict, tmp_path: Path) -> None:
    from contradict.serve import make_datasette

    db = tmp_path / "case.db"
    process = start_scan(case["folder"], db)
    wait_for_lock(db, process)
    ds = make_datasette(db)
    polls, partial, pages = 0, 0, 0
    while process.poll() is None:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
        try:
            with conn:  # one read transaction: a snapshot
                seen = dict(conn.execute(
                    "select d.id, count(c.id) from documents d left join claims c on c.doc_id = d.id group by d.id"))
                dangling = conn.execute(
                    "select count(*) from findings f left join claims c on c.id = f.claim_a "
                    "where c.id is null").fetchone()[0]
        except sqlite3.OperationalError as err:  # the schema is being created: nothing to see yet
            assert "no such table" in str(err)
            continue
        finally:
            conn.close()
        polls += 1
        partial += 0 < len(seen) < len(case["per_doc"])
        assert all(case["per_doc"][doc] == n for doc, n in seen.items()), "a document without all its claims"
        assert dangling == 0
        if polls % 10 == 0:  # and through Datasette, as `contradict serve` reads it
            for path in ("/case/documents.json?_size=5", "/case/finding_details.json?_size=5"):
                response = asyncio.run(ds.client.get(path))
                assert response.status_code == 200, (path, response.text[:300])
                pages += 1
        time.sleep(0.01)
    assert process.returncode == 0, process.communicate()
    assert polls > 5 and pages > 0
    assert ids(db) == case["ids"] and integrity(db) == "ok"


def test_a_second_scan_of_the_same_database_stops_with_a_clear_message(case: dict, tmp_path: Path) -> None:
    db = tmp_path / "case.db"
    first = start_scan(case["folder"], db)
    pid = wait_for_lock(db, first)
    second = scan_cli(case["folder"], db)
    assert second.returncode == 1
    assert second.stderr == (f"Error: {db}: another scan (process {pid}) is writing to this database "
                             "— wait for it to finish, or scan into another --db\n")
    assert first.wait(timeout=600) == 0
    assert ids(db) == case["ids"] and integrity(db) == "ok"
    again = scan_cli(case["folder"], db)  # the lock went with the first scan
    assert again.returncode == 0 and "0 new, 40 unchanged" in again.stderr


@pytest.mark.slow
def test_a_review_during_a_scan_is_recorded_and_kept(case: dict, tmp_path: Path) -> None:
    work = tmp_path / "case"
    shutil.copytree(case["folder"], work)
    extra = sorted(work.glob("*.md"))[-10:]
    held = tmp_path / "held"
    held.mkdir()
    for path in extra:
        path.rename(held / path.name)
    db = tmp_path / "case.db"
    assert scan_cli(work, db).returncode == 0
    finding = sorted(r[0] for r in rows(db, "select id from findings"))[0]
    for path in extra:
        (held / path.name).rename(path)
    process = start_scan(work, db)
    wait_for_lock(db, process)
    review = run_cli("review", db, finding, "--status", "confirmed", "--note", "during a scan", "--reviewer", "ana")
    assert process.poll() is None, "the scan was over before the review: nothing was tested"
    assert review.returncode == 0, review.stderr
    assert review.stderr == f"Recorded confirmed for finding {finding} by ana.\n"
    assert process.wait(timeout=600) == 0
    assert rows(db, "select finding_id, status, note from reviews") == [(finding, "confirmed", "during a scan")]
    assert rows(db, "select 1 from findings where id = ?", (finding,)) == [(1,)]
    assert integrity(db) == "ok"


@pytest.mark.slow
def test_ctrl_c_stops_with_130_releases_the_lock_and_resumes(case: dict, tmp_path: Path) -> None:
    db = tmp_path / "case.db"
    process = start_scan(case["folder"], db)
    wait_for_lock(db, process)
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=120)
    if process.returncode == 0:
        pytest.skip("the scan finished before Ctrl-C arrived")
    assert process.returncode == 130, stderr
    assert stderr.endswith("Interrupted — what was stored is kept; run the same command again to resume.\n")
    assert "Traceback" not in stderr
    assert rows(db, "select status from runs") == [("interrupted",)]
    again = scan_cli(case["folder"], db)
    assert again.returncode == 0, again.stderr
    assert ids(db) == case["ids"] and integrity(db) == "ok"
