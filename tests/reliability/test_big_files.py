"""Big documents are read, in pieces, with progress: spaCy refuses more than 1,000,000
characters at once (E088), which used to abort the whole scan."""

from __future__ import annotations

import random
import resource
from pathlib import Path

import pytest

from contradict.claims import MAX_PIECE, split_claims
from contradict.ingest import read_document

from .conftest import hash_config, integrity, no_traceback, rows, scan_cli

STREETS = ["Bulevar kralja Aleksandra", "Knez Mihailova", "Nemanjina", "Takovska", "Resavska", "Vojvode Stepe"]
NOTES = ["fixed", "mobile", "north entrance", "south entrance", "under review", "moved"]


def annex(size: int, seed: int = 7) -> str:
    """A register of camera sites as a ministry annexes it: one line per site and no blank
    line, so the whole file is one paragraph; every 40th line is a sentence that makes a claim.
    (Without figures: the numeric detector compares every figure of a pair's two documents, and
    on a document of 12.8 MB of figures the detection stage, not the reading, is what takes
    hours; docs/reliability.md has the measure.)"""
    rng = random.Random(seed)
    lines, total = [], 0
    while total < size:
        n = len(lines) + 1
        street, note = rng.choice(STREETS), rng.choice(NOTES)
        if n % 40:
            line = f"{street} | {note} | {rng.choice(NOTES)}"
        else:
            line = f"The site on {street} is {note}, the ministry said in its register of locations."
        lines.append(line)
        total += len(line) + 1
    return "\n".join(lines)[:size].rstrip()


def assert_exact_slices(db: Path, path: str) -> None:
    """Every stored claim of the document is the slice its offsets name (the text read once:
    SQL's substr would load 50 MB for every claim)."""
    text = rows(db, "select text from documents where path = ?", (path,))[0][0]
    claims = rows(db, "select c.start, c.\"end\", c.text from claims c join documents d on d.id = c.doc_id "
                      "where d.path = ?", (path,))
    assert claims and all(text[start:end] == claim for start, end, claim in claims)


def check_offsets(text: str, claims: list) -> None:
    assert claims
    for claim in claims:
        assert text[claim.start : claim.end] == claim.text


def test_a_paragraph_longer_than_spacy_takes_is_split_in_exact_pieces(tmp_path: Path) -> None:
    path = tmp_path / "annex.txt"
    lines = ["Site on the boulevard with fixed cameras", "The ministry kept no record of the site."]
    body = "\n".join(lines[n % 2] for n in range(26_000))  # one paragraph of 1,050,000 characters
    path.write_text("Sites of the cameras\n\n" + body, encoding="utf-8")
    doc = read_document(path)
    moved: list[int] = []
    claims = split_claims(doc, progress=moved.append)
    check_offsets(doc.text, claims)
    assert max(len(c.text) for c in claims) <= MAX_PIECE
    assert sum(moved) == len(doc.text) and len(moved) > 1_050_000 // MAX_PIECE


@pytest.mark.slow
def test_a_12_8_mb_annex_is_scanned_with_a_progress_bar_of_its_own(tmp_path: Path) -> None:
    from contradict.pipeline import scan

    case = tmp_path / "case"
    case.mkdir()
    (case / "annex.txt").write_text(annex(12_800_000), encoding="utf-8")
    (case / "statement.md").write_text("The minister said 1,000 cameras were installed in 2019.\n", encoding="utf-8")
    stages: dict[str, list[int]] = {}

    def progress(stage: str, total: int):
        stages[stage] = [total, 0]
        return lambda n: stages[stage].__setitem__(1, stages[stage][1] + n)

    db = tmp_path / "case.db"
    result = scan(case, db, hash_config(), progress=progress)
    assert result.documents_added == 2 and result.documents_failed == 0
    total, done = stages["Splitting annex.txt"]
    assert total == rows(db, "select length(text) from documents where path = 'annex.txt'")[0][0] >= 12_700_000
    assert done == total
    assert_exact_slices(db, "annex.txt")
    assert integrity(db) == "ok"


@pytest.mark.slow
def test_a_50_mb_text_is_read_in_bounded_memory(tmp_path: Path) -> None:
    case = tmp_path / "case"
    case.mkdir()
    text = annex(50_000_000, seed=8)
    (case / "annex-50mb.txt").write_text(text, encoding="utf-8")
    (case / "statement.md").write_text("The minister said 1,000 cameras were installed in 2019.\n", encoding="utf-8")
    db = tmp_path / "case.db"
    result = scan_cli(case, db, timeout=1800)
    assert result.returncode == 0, result.stderr
    no_traceback(result.stderr)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    assert peak_mb < 3000, f"peak resident memory {peak_mb:.0f} MB for a 50 MB text"
    assert rows(db, "select length(text) from documents where path = 'annex-50mb.txt'") == [(len(text),)]
    assert_exact_slices(db, "annex-50mb.txt")
    del text
