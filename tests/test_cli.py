import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .cli import Outcome, contradict
from .conftest import ROOT, write_doc


def run(*args: str, cwd: Path | None = None) -> Outcome:
    return contradict(*args, cwd=cwd)


def test_help_does_not_import_heavy_modules():
    """The one test that needs a fresh interpreter: what `contradict --help` imports."""
    code = ("import sys; sys.argv=['contradict','--help']\n"
            "from contradict.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "import contradict\n"
            "heavy=[m for m in ('torch','spacy','sentence_transformers','datasette','uvicorn','pandas',"
            "'sklearn','transformers') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60).stdout
    assert "HEAVY []" in out


def test_every_command_has_help_and_a_readme_example():
    from contradict.cli import app

    readme = (ROOT / "README.md").read_text("utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"scan", "findings", "export", "eval"} <= set(names)
    for cmd in app.registered_commands:
        name = cmd.name or cmd.callback.__name__
        assert (cmd.callback.__doc__ or "").strip(), f"{name} has no help"
        assert re.search(rf"contradict {name}\b", readme), f"README has no example of contradict {name}"


@pytest.mark.parametrize("args,message,code", [
    (["scan", "no/such/folder", "--db", "x.db", "--model", "hash"], "Error: no/such/folder: does not exist", 2),
    (["findings", "missing.db"], "Error: missing.db: no such database", 1),
    (["scan", "CASE", "--db", "x.db", "--model", "/no/model"], "Error: model '/no/model' is not a local folder", 1),
])
def test_user_errors_are_one_line_without_traceback(tmp_path, args, message, code):
    case = tmp_path / "case"
    case.mkdir()
    write_doc(case, "a.md", "About 1,000 cameras will be installed in the city.", kind="statement")
    args = [str(case) if a == "CASE" else a for a in args]
    r = run(*args, cwd=tmp_path)
    assert r.returncode == code
    assert r.stderr.startswith(message), r.stderr
    assert "Traceback" not in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_empty_folder_and_bad_front_matter(tmp_path):
    (tmp_path / "empty").mkdir()
    r = run("scan", "empty", "--db", "x.db", "--model", "hash", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.startswith("Error: ") and "Traceback" not in r.stderr
    case = tmp_path / "case"
    case.mkdir()
    write_doc(case, "good.md", "About 1,000 cameras will be installed in the city.", kind="statement")
    (case / "bad.md").write_text("---\nkind: [unclosed\n---\nText of a claim here.\n", encoding="utf-8")
    r = run("scan", "case", "--db", "x.db", "--model", "hash", cwd=tmp_path)
    assert r.returncode == 1  # one document failed and was recorded; the other is stored
    assert "Error: bad.md" in r.stderr and "Traceback" not in r.stderr
    assert "1 new" in r.stderr and "1 failed" in r.stderr


def test_unknown_type_is_a_usage_error(small_case, tmp_path):
    assert run("scan", str(small_case), "--db", "c.db", "--model", "hash", "-q", cwd=tmp_path).returncode == 0
    r = run("findings", "c.db", "--type", "bogus", cwd=tmp_path)
    assert r.returncode == 2 and r.stderr.startswith("Error: unknown finding type 'bogus'")


def test_scan_findings_export_roundtrip(small_case, tmp_path):
    r = run("scan", str(small_case), "--db", "c.db", "--model", "hash", cwd=tmp_path)
    assert r.returncode == 0 and "Scanned 4 files into c.db" in r.stderr
    table = run("findings", "c.db", "--type", "existence", cwd=tmp_path)
    assert table.returncode == 0 and "existence" in table.stdout
    lines = run("export", "c.db", "--format", "jsonl", cwd=tmp_path).stdout.splitlines()
    rec = json.loads(lines[0])
    assert set(rec) >= {"id", "type", "relation", "score", "explanation", "claim_a", "claim_b", "values", "status"}
    assert set(rec["claim_a"]) >= {"id", "doc_id", "doc_path", "doc_title", "source", "kind", "date", "page", "start", "end", "text"}
    assert rec["status"] == "unreviewed"
