"""``contradict export``: exit codes, exact messages, stdout versus -o."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import docx
import pytest

from contradict.cli import main
from contradict.detect import TYPES


def run(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes], *args: str
) -> tuple[int, str, str]:
    """Run the command in-process through the CLI's error boundary."""
    monkeypatch.setattr(sys, "argv", ["contradict", *args])
    with pytest.raises(SystemExit) as exc:
        main()
    out, err = capsysbinary.readouterr()
    code = (
        exc.value.code if isinstance(exc.value.code, int) else (0 if exc.value.code is None else 1)
    )
    return code, out.decode("utf-8"), err.decode("utf-8")


def test_docx_needs_an_output_file(monkeypatch, capsysbinary, brief_db: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(monkeypatch, capsysbinary, "export", str(brief_db), "--format", "docx")
    assert code == 2
    assert out == ""
    assert (
        err
        == "Error: --format docx writes a binary file, not text — give a file name: -o brief.docx\n"
    )


def test_docx_to_file(monkeypatch, capsysbinary, brief_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "brief.docx"
    code, out, err = run(
        monkeypatch,
        capsysbinary,
        "export",
        str(brief_db),
        "--format",
        "docx",
        "-o",
        str(target),
        "--status",
        "confirmed",
        "--title",
        "Камере: потврђени налази",
    )
    assert (code, out, err) == (0, "", f"Wrote {target}\n")
    document = docx.Document(io.BytesIO(target.read_bytes()))
    assert document.paragraphs[1].text == "Камере: потврђени налази"


def test_md_to_stdout_is_the_brief(monkeypatch, capsysbinary, brief_db: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(
        monkeypatch, capsysbinary, "export", str(brief_db), "--format", "md", "--type", "existence"
    )
    assert (code, err) == (0, "")
    assert out.startswith("# Inconsistencies in the record: City cameras\n")
    assert "## Chronology of the claims" in out


def test_jsonl_keeps_the_contract(monkeypatch, capsysbinary, brief_db: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(monkeypatch, capsysbinary, "export", str(brief_db), "--min-score", "0.8")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    scores = [r["score"] for r in records]
    assert scores and scores == sorted(scores, reverse=True) and min(scores) >= 0.8
    assert set(records[0]) >= {
        "id",
        "type",
        "relation",
        "score",
        "explanation",
        "claim_a",
        "claim_b",
        "values",
        "status",
    }


def test_claimreview_with_author(monkeypatch, capsysbinary, brief_db: Path) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        monkeypatch,
        capsysbinary,
        "export",
        str(brief_db),
        "-f",
        "claimreview",
        "--author",
        "Citizens Watch",
        "--source",
        "Политика",
    )
    assert code == 0
    data = json.loads(out)
    assert len(data) == 3 and {r["author"]["name"] for r in data} == {"Citizens Watch"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "pdf"],
            "Error: unknown format 'pdf' — choose one of md, html, docx, csv, jsonl, claimreview\n",
        ),
        (
            ["--status", "approved"],
            "Error: unknown review status 'approved' — choose from unreviewed, confirmed, dismissed, update, needs-work\n",
        ),
        (
            ["--type", "numerik"],
            f"Error: unknown finding type 'numerik' — choose from {', '.join(TYPES)}\n",
        ),
    ],
)
def test_bad_options(
    monkeypatch, capsysbinary, brief_db: Path, args: list[str], message: str
) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(monkeypatch, capsysbinary, "export", str(brief_db), *args)
    assert (code, out, err) == (2, "", message)


def test_unwritable_output(monkeypatch, capsysbinary, brief_db: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "missing" / "brief.html"
    code, out, err = run(
        monkeypatch, capsysbinary, "export", str(brief_db), "-f", "html", "-o", str(target)
    )
    assert code == 1
    assert (
        err
        == f"Error: {target}: cannot be written (No such file or directory) — check that the folder exists and is writable\n"
    )


def test_missing_database(monkeypatch, capsysbinary, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "nope.db"
    code, _, err = run(monkeypatch, capsysbinary, "export", str(missing), "-f", "md")
    assert code == 1
    assert err.startswith(f"Error: {missing}: no such database")
