"""Crash safety: a scan SIGKILLed at any point (ingest, inside a document's transaction,
embedding, alignment, detection, the end of the run), then run again, leaves a database that
passes ``PRAGMA integrity_check`` and holds the same document, claim, pair and finding ids as
a run that was never interrupted; reviews are never lost or duplicated.

Two flows: a first scan killed (an empty database), and a scan that adds documents to a
reviewed database killed. The kill points are exact (``killer.py`` wraps a store function);
the slow tests add kills at fractions of the uninterrupted run's duration.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from contradict.store import add_review, open_db

from .conftest import SCAN_FLAGS, cli_env, generated_case, ids, integrity, rows

KILLER = Path(__file__).with_name("killer.py")
FIRST, ADDED = 16, 10  # documents scanned first, documents added by the scan that is killed

#: (where, the call that kills) — store functions run inside the pipeline's transactions
POINTS = {
    "ingest, after the 3rd document": "contradict.store:save_document:3:after",
    "ingest, inside a document's transaction": "sqlite_utils.db:Table.insert_all:6:after",
    "embedding, before its vectors are stored": "contradict.store:save_vectors:1:before",
    "embedding, after its vectors are stored": "contradict.store:save_vectors:1:after",
    "alignment, before the pairs are stored": "contradict.store:save_pairs:1:before",
    "detection, after its last chunk": "contradict.store:findings_by_type:1:before",
    "detection, after the first chunk": "contradict.store:save_findings:1:after",
    "store, before the run is marked completed": "contradict.store:finish_run:1:before",
}
FAST = ["ingest, inside a document's transaction", "alignment, before the pairs are stored"]
NOTES = [("confirmed", "checked against the FOI answer"), ("dismissed", "different phase"),
         ("update", "the later filing corrects it")]


def scan(folder: Path, db: Path, kill: str | None = None) -> subprocess.CompletedProcess:
    head = [sys.executable, str(KILLER), kill, "--"] if kill else [sys.executable, "-m", "contradict"]
    return subprocess.run([*head, "scan", str(folder), "--db", str(db), *SCAN_FLAGS, "-q"],
                          capture_output=True, text=True, env=cli_env(), timeout=600)


def review_some(db: Path) -> list[tuple]:
    database = open_db(db)
    chosen = sorted(r["id"] for r in database.query("select id from findings"))[: len(NOTES)]
    for finding, (status, note) in zip(chosen, NOTES, strict=True):
        add_review(database, finding, status, note, "tester")
    database.close()
    return reviews(db)


def reviews(db: Path) -> list[tuple]:
    return rows(db, "select finding_id, status, note from reviews order by id")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The generated case; a database of its first documents, reviewed (copied by each test);
    and the ids of the uninterrupted scan that adds the others."""
    tmp = tmp_path_factory.mktemp("crash")
    full = generated_case(tmp / "all", FIRST + ADDED)
    names = sorted(p.name for p in full.glob("*.md"))
    template = tmp / "template"
    (template / "case").mkdir(parents=True)
    for name in names[:FIRST]:
        shutil.copy(full / name, template / "case" / name)
    assert scan(template / "case", template / "case.db").returncode == 0
    reviewed = review_some(template / "case.db")
    reference = tmp / "reference"
    shutil.copytree(template, reference)
    add_documents(full, names, reference / "case")
    assert scan(reference / "case", reference / "case.db").returncode == 0
    return {"tmp": tmp, "full": full, "names": names, "template": template,
            "incremental": ids(reference / "case.db"), "reviews": reviewed}


@pytest.fixture(scope="module")
def fresh(corpus: dict) -> dict:
    """The ids of one uninterrupted first scan of the whole case, and how long it took."""
    db = corpus["tmp"] / "fresh.db"
    start = time.monotonic()
    assert scan(corpus["full"], db).returncode == 0
    return {"ids": ids(db), "seconds": time.monotonic() - start}


def add_documents(full: Path, names: list[str], case: Path) -> None:
    for name in names[FIRST:]:
        shutil.copy(full / name, case / name)


def check_resumed(db: Path, folder: Path, expected: dict[str, set[str]]) -> None:
    again = scan(folder, db)
    assert again.returncode == 0, again.stderr
    assert integrity(db) == "ok"
    got = ids(db)
    for table in expected:
        assert got[table] == expected[table], (table, len(got[table]), len(expected[table]))
    assert rows(db, "select count(*) from runs where status = 'completed'")[0][0] >= 1


def run_incremental(corpus: dict, label: str, kill: str) -> None:
    work = corpus["tmp"] / f"incremental-{sorted(POINTS).index(label)}"
    shutil.copytree(corpus["template"], work)
    case, db = work / "case", work / "case.db"
    add_documents(corpus["full"], corpus["names"], case)
    killed = scan(case, db, kill)
    assert killed.returncode == -signal.SIGKILL, f"{label}: the kill point was never reached"
    assert integrity(db) == "ok"  # even before the re-run
    assert reviews(db) == corpus["reviews"]
    check_resumed(db, case, corpus["incremental"])
    assert reviews(db) == corpus["reviews"]  # none lost, none duplicated
    assert not rows(db, "select 1 from orphaned_reviews")


def run_fresh(corpus: dict, fresh: dict, label: str, kill: str | None = None,
              after: float | None = None) -> None:
    work = corpus["tmp"] / ("fresh-" + "".join(ch if ch.isalnum() else "-" for ch in label))
    work.mkdir()
    db = work / "case.db"
    if kill:
        killed = scan(corpus["full"], db, kill)
    else:  # a moment: the machine may be faster now than when the run was timed
        for attempt in range(4):
            for leftover in work.glob("case.db*"):
                leftover.unlink()
            killed = kill_after(corpus["full"], db, (after or 0.0) * 0.75**attempt)
            if killed.returncode == -signal.SIGKILL:
                break
    assert killed.returncode == -signal.SIGKILL, f"{label}: the kill point was never reached"
    check_resumed(db, corpus["full"], fresh["ids"])


def kill_after(folder: Path, db: Path, seconds: float) -> subprocess.CompletedProcess:
    process = subprocess.Popen([sys.executable, "-m", "contradict", "scan", str(folder), "--db", str(db),
                                *SCAN_FLAGS, "-q"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=cli_env())
    time.sleep(seconds)
    process.send_signal(signal.SIGKILL)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


@pytest.mark.parametrize("label", FAST)
def test_killed_while_adding_documents_resumes_to_the_same_ids(corpus: dict, label: str) -> None:
    run_incremental(corpus, label, POINTS[label])


@pytest.mark.slow
@pytest.mark.parametrize("label", [p for p in POINTS if p not in FAST])
def test_killed_while_adding_documents_at_every_other_point(corpus: dict, label: str) -> None:
    run_incremental(corpus, label, POINTS[label])


@pytest.mark.slow
@pytest.mark.parametrize("label", list(POINTS))
def test_a_first_scan_killed_resumes_to_the_same_ids(corpus: dict, fresh: dict, label: str) -> None:
    run_fresh(corpus, fresh, label, POINTS[label])


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.3, 0.5, 0.7, 0.9])
def test_killed_at_a_moment_resumes_to_the_same_ids(corpus: dict, fresh: dict, fraction: float) -> None:
    run_fresh(corpus, fresh, f"{fraction:.0%} of the run", after=fresh["seconds"] * fraction)
