"""Exit codes of ``contradict scan``: 0 every document read, 1 some could not be (each in
``errors``, the others stored), 2 a usage error; every message one line, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import write_doc
from .conftest import SCAN_FLAGS, cli_env, no_traceback, rows, scan_cli

GOOD = "The minister said that about 1,000 cameras will be installed in the city."


def test_0_when_every_document_is_read(tmp_path: Path) -> None:
    case = tmp_path / "case"
    case.mkdir()
    write_doc(case, "a.md", GOOD, kind="statement")
    result = scan_cli(case, tmp_path / "c.db")
    assert result.returncode == 0, result.stderr
    again = scan_cli(case, tmp_path / "c.db")  # unchanged counts as read
    assert again.returncode == 0 and "0 new, 1 unchanged, 0 failed" in again.stderr


def test_1_when_some_documents_failed_and_were_recorded(tmp_path: Path) -> None:
    case = tmp_path / "case"
    case.mkdir()
    write_doc(case, "a.md", GOOD, kind="statement")
    (case / "b.pdf").write_bytes(b"%PDF-1.4 truncated")
    result = scan_cli(case, tmp_path / "c.db")
    assert result.returncode == 1
    no_traceback(result.stderr)
    assert result.stderr.splitlines()[0] == (
        "Error: b.pdf: is not a readable PDF — open it in a PDF viewer; download or export it again if it "
        "is damaged (recorded in the errors table; the scan went on)")
    assert rows(tmp_path / "c.db", "select path, stage from errors") == [("b.pdf", "ingest")]
    assert rows(tmp_path / "c.db", "select path from documents") == [("a.md",)]


def test_1_when_no_document_could_be_read(tmp_path: Path) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "a.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = scan_cli(case, tmp_path / "c.db")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "Error: a.txt: is binary data, not text (it has NUL bytes) — it is not a text file: give it the "
        "extension of its real format, or remove it (recorded in the errors table)",
        f"Error: {case}: no document could be read — see the errors above"]


@pytest.mark.parametrize("args,message", [
    (["no/such/folder"], "Error: no/such/folder: does not exist — check the path"),
    (["EMPTY"], "Error: EMPTY: no supported documents found — add files ending in .txt, .md, .markdown, "
                ".html, .htm, .pdf, .docx (names starting with '.' or '_' are skipped)"),
    (["CASE/notes.odt"], "Error: CASE/notes.odt: is not a supported format — supported: .txt, .md, .markdown, "
                         ".html, .htm, .pdf, .docx"),
])
def test_2_for_a_folder_that_is_not_a_case(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "EMPTY").mkdir()
    (tmp_path / "CASE").mkdir()
    (tmp_path / "CASE" / "notes.odt").write_bytes(b"PK")
    result = subprocess.run([sys.executable, "-m", "contradict", "scan", *args, "--db", "c.db", *SCAN_FLAGS],
                            capture_output=True, text=True, cwd=tmp_path, env=cli_env(), timeout=300)
    assert result.returncode == 2
    assert result.stderr == message + "\n"
    assert not (tmp_path / "c.db").exists()  # nothing was created for a command that could not run


@pytest.mark.parametrize("option", [["--top-k", "0"], ["--min-cosine", "7"], ["--bogus"]])
def test_2_for_bad_options(tmp_path: Path, option: list[str]) -> None:
    result = subprocess.run([sys.executable, "-m", "contradict", "scan", str(tmp_path), *option],
                            capture_output=True, text=True, env=cli_env(), timeout=300)
    assert result.returncode == 2 and "Traceback" not in result.stderr


BOOM = """
import sys
import contradict.{module} as target
def boom(*args, **kwargs):
    raise ZeroDivisionError("secret document text must not be shown")
target.{name} = boom
sys.argv = ["contradict", "scan", {folder!r}, "--db", {db!r}, *{flags!r}]
from contradict.cli import main
main()
"""


def run_with_bug(tmp_path: Path, module: str, name: str, **env: str) -> subprocess.CompletedProcess:
    case = tmp_path / "case"
    case.mkdir(exist_ok=True)
    if not (case / "a.md").exists():
        write_doc(case, "a.md", GOOD, kind="statement")
    code = BOOM.format(module=module, name=name, folder=str(case), db=str(tmp_path / "c.db"), flags=SCAN_FLAGS)
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=cli_env(**env), timeout=300)


def test_a_readers_bug_fails_that_file_only(tmp_path: Path) -> None:
    (tmp_path / "case").mkdir()
    write_doc(tmp_path / "case", "b.txt", GOOD.replace("1,000", "8,100"), kind="filing")
    result = run_with_bug(tmp_path, "ingest.text", "render_markdown")  # Markdown only: b.txt is read
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "Error: a.md: failed while reading (ZeroDivisionError) — a bug in contradict: please report it with "
        "the file's format; the other files were scanned (recorded in the errors table; the scan went on)")
    assert rows(tmp_path / "c.db", "select path from documents") == [("b.txt",)]
    assert "secret document text" not in result.stderr


def test_any_other_bug_is_one_line_without_a_traceback(tmp_path: Path) -> None:
    result = run_with_bug(tmp_path, "store", "findings_by_type")
    assert result.returncode == 1
    assert result.stderr == (
        "Error: internal error (ZeroDivisionError); what was stored is kept — a bug in contradict: run again "
        "with CONTRADICT_DEBUG=1 to see the traceback, and report it\n")
    debug = run_with_bug(tmp_path, "store", "findings_by_type", CONTRADICT_DEBUG="1")
    assert debug.returncode == 1 and "Traceback" in debug.stderr and "ZeroDivisionError" in debug.stderr
