"""The hostile case: every file is read or recorded in ``errors`` with the file, the stage and
a plain one-line message; no traceback reaches the user; what was stored before stays."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from contradict.store import add_review, open_db

from . import hostile
from .conftest import generated_case, ids, integrity, no_traceback, rows, scan_cli


@pytest.fixture(scope="module")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """A good case scanned and reviewed, then the hostile files added and the case scanned again."""
    tmp = tmp_path_factory.mktemp("hostile")
    case, db = tmp / "case", tmp / "case.db"
    generated_case(case, 8)
    first = scan_cli(case, db)
    assert first.returncode == 0, first.stderr
    before = ids(db)
    database = open_db(db)
    reviewed = sorted(before["findings"])[:3]
    for finding in reviewed:
        add_review(database, finding, "confirmed", "checked before the hostile files came", "tester")
    database.close()
    expect = hostile.build(case, tmp / "outside")
    second = scan_cli(case, db)
    return {"case": case, "db": db, "expect": expect, "before": before, "reviewed": reviewed,
            "result": second}


def test_the_scan_goes_on_and_exits_1(scanned: dict) -> None:
    result = scanned["result"]
    assert result.returncode == 1, result.stderr
    no_traceback(result.stderr)
    summary = result.stderr.strip().splitlines()[-1]
    failed = sum(e.outcome == "error" for e in scanned["expect"].values())
    assert summary.startswith(f"Scanned {8 + len(scanned['expect'])} files into ")
    assert f" {failed} failed;" in summary


def test_every_failure_is_recorded_with_file_stage_and_a_plain_message(scanned: dict) -> None:
    db, stderr = scanned["db"], scanned["result"].stderr
    recorded = {path: (stage, message) for path, stage, message in rows(
        db, "select path, stage, message from errors where stage != 'ingest-warning'")}
    failing = {name: e for name, e in scanned["expect"].items() if e.outcome == "error"}
    assert set(recorded) == set(failing)
    for name, e in failing.items():
        stage, message = recorded[name]
        assert stage == e.stage, name
        assert message.startswith(f"{name}: ") and e.message in message, (name, message)
        assert "\n" not in message and "Traceback" not in message and " — " in message, message
        assert f"Error: {message} (recorded in the errors table" in stderr
        assert not rows(db, "select 1 from documents where path = ?", (name,)), name


def test_every_other_file_is_read_with_its_text_and_encoding(scanned: dict) -> None:
    db = scanned["db"]
    for name, e in scanned["expect"].items():
        stored = rows(db, "select text, encoding, encoding_confidence from documents where path = ?", (name,))
        if e.outcome == "read":
            assert stored, name
            text, encoding, confidence = stored[0]
            assert e.text in text, (name, text[:200])
            if e.encoding:
                assert encoding == e.encoding and confidence >= 0.9, (name, encoding, confidence)
        elif e.outcome == "duplicate":
            assert not stored, name


def test_warnings_are_recorded_too(scanned: dict) -> None:
    warnings = rows(scanned["db"], "select path, message from errors where stage = 'ingest-warning'")
    for name, e in scanned["expect"].items():
        if e.outcome in ("read", "duplicate") and e.message:
            assert any(path == name and e.message in message for path, message in warnings), name


def test_what_was_stored_before_stays(scanned: dict) -> None:
    db, before = scanned["db"], scanned["before"]
    after = ids(db)
    for table, old in before.items():
        assert old <= after[table], table
    reviews = rows(db, "select finding_id, status, note from reviews order by id")
    assert reviews == [(f, "confirmed", "checked before the hostile files came") for f in scanned["reviewed"]]
    assert integrity(db) == "ok"


def test_hostile_text_is_stored_as_text(scanned: dict) -> None:
    db = scanned["db"]
    assert rows(db, "select title from documents where path = 'sql-title.md'") == [("'); DROP TABLE claims;--",)]
    assert rows(db, "select count(*) from claims")[0][0] > 0  # the claims table is still there
    text = rows(db, "select text from documents where path = 'terminal.txt'")[0][0]
    assert "\x1b" not in text and "\x07" not in text  # control characters never reach a terminal
    assert rows(db, "select title from documents where path = 'manifest-encoding.txt'") == [("Declared",)]


def test_nothing_outside_the_case_folder_is_stored(scanned: dict) -> None:
    db = scanned["db"]
    for table, column in (("documents", "text"), ("claims", "text"), ("errors", "message"), ("documents", "meta")):
        assert not rows(db, f"select 1 from {table} where {column} like '%SECRET-KEY-MATERIAL%'"), table


def test_a_600_page_pdf_keeps_its_pages(scanned: dict) -> None:
    pages = json.loads(rows(scanned["db"], "select pages from documents where path = 'annex-600-pages.pdf'")[0][0])
    assert len(pages) == 600 and pages[-1][0] == 600


@pytest.mark.skipif(os.geteuid() != 0, reason="as a non-root user the hostile case itself checks it")
def test_an_unreadable_file_as_a_user_without_the_right(tmp_path: Path, hash_scan, request) -> None:
    """Root reads every file; so the scan runs in a child process that drops to 'nobody' after
    everything it needs is imported (this Python may live where 'nobody' cannot read)."""
    import pwd

    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no 'nobody' user to drop privileges to")
    warm = generated_case(tmp_path / "warm", 2)
    hash_scan(warm, tmp_path / "warm.db")  # imports the readers, spaCy and the store
    work = Path(tempfile.mkdtemp(prefix="contradict-nobody-"))  # tmp_path's parents are root's only
    request.addfinalizer(lambda: shutil.rmtree(work, ignore_errors=True))
    case = work / "case"
    case.mkdir()
    (case / "readable.txt").write_text("The police director said 1,000 cameras were bought.\n", encoding="utf-8")
    secret = case / "unreadable.txt"
    secret.write_text("The ministry said nothing about the 800 locations.\n", encoding="utf-8")
    secret.chmod(0)
    for path in (work, case):
        path.chmod(0o777)
    db = work / "case.db"
    pid = os.fork()
    if pid == 0:  # the child: no pytest machinery from here on, only os._exit
        code = 3
        try:
            os.setgid(nobody.pw_gid)
            os.setuid(nobody.pw_uid)
            result = hash_scan(case, db)
            code = 0 if result.documents_failed == 1 and result.documents_added == 1 else 4
        except PermissionError:
            code = 5
        except BaseException:
            code = 6
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code == 5:
        pytest.skip("cannot drop privileges to 'nobody' here")
    assert code == 0, code
    assert rows(db, "select path from documents") == [("readable.txt",)]
    assert rows(db, "select path, stage, message from errors") == [(
        "unreadable.txt", "ingest",
        "unreadable.txt: cannot be read (permission denied) — check the file's permissions (chmod +r)")]
