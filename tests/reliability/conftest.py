"""Helpers of the reliability tests: the CLI in-process, real PDF and DOCX files, and a
generated case of statements that contradict each other (for the kill and concurrency tests)."""

from __future__ import annotations

import dataclasses
import os
import random
import sqlite3
from pathlib import Path

import pytest

from contradict.pipeline import ScanConfig

from ..cli import Outcome, contradict
from ..conftest import write_doc

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def hash_config() -> ScanConfig:
    """The deterministic bag-of-words embedder and no judge model: fast, and the same ids on
    every machine."""
    extra = {"use_judge": False} if "use_judge" in {f.name for f in dataclasses.fields(ScanConfig)} else {}
    return ScanConfig(model="hash", **extra)


def _scan_flags() -> list[str]:
    judge = "use_judge" in {f.name for f in dataclasses.fields(ScanConfig)}
    return ["--model", "hash"] + (["--no-judge"] if judge else [])


SCAN_FLAGS = _scan_flags()


def cli_env(**extra: str) -> dict[str, str]:
    return dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", COLUMNS="200", **extra)


def run_cli(*args: str | Path, cwd: Path | None = None, timeout: int = 600,
            env: dict[str, str] | None = None) -> Outcome:
    """The command in-process (CliRunner), through the same error boundary as the installed
    one; the tests that need a real process (signals, kills, locks held by another process,
    the network hook) start it themselves."""
    return contradict(*args, cwd=cwd, env=env or cli_env())


def scan_cli(folder: Path, db: Path, *extra: str, **kwargs) -> Outcome:
    return run_cli("scan", folder, "--db", db, *SCAN_FLAGS, *extra, **kwargs)


def no_traceback(stderr: str) -> None:
    """Every line is an Error, a Warning or the summary: never a traceback."""
    assert "Traceback" not in stderr, stderr
    for line in stderr.splitlines():
        assert line.startswith(("Error: ", "Warning: ", "Scanned ")), line


def rows(db: Path, sql: str, params: tuple = ()) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql, params).fetchall()


def ids(db: Path) -> dict[str, set[str]]:
    """Every document, claim, pair and finding id of a database."""
    return {table: {r[0] for r in rows(db, f"select id from {table}")}
            for table in ("documents", "claims", "pairs", "findings")}


def integrity(db: Path) -> str:
    return rows(db, "PRAGMA integrity_check")[0][0]


# --- real files -------------------------------------------------------------------------------


def make_pdf(path: Path, pages: list[str], *, user_password: str | None = None,
             owner_password: str | None = None, aes: bool = False) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=11)
    for text in pages:
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    if user_password is not None or owner_password is not None:
        from fpdf.enums import EncryptionMethod

        pdf.set_encryption(owner_password=owner_password or "owner", user_password=user_password or "",
                           encryption_method=EncryptionMethod.AES_128 if aes else EncryptionMethod.RC4)
    pdf.output(str(path))
    return path


def make_docx(path: Path, paragraphs: list[str], title: str | None = None) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if title:
        document.core_properties.title = title
    document.save(str(path))
    return path


# --- a generated case -------------------------------------------------------------------------

THINGS = ["cameras", "locations", "police stations", "contracts", "servers", "licences", "vehicles",
          "inspectors", "schools", "clinics", "permits", "complaints"]
SOURCES = ["Ministry", "City Council", "Police", "Commissioner", "Vendor", "Agency"]


def generated_case(folder: Path, documents: int, seed: int = 11) -> Path:
    """``documents`` short statements and filings in which sources give different counts of the
    same things, deny records others affirm and date events differently: enough candidate
    pairs and findings for the kill, resume and concurrency tests."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(documents):
        sentences = []
        for _ in range(rng.randint(3, 6)):
            thing = rng.choice(THINGS)
            count = rng.choice([100, 250, 800, 1000, 1200, 2000, 8100])
            year = rng.choice([2019, 2020, 2021])
            sentences.append(rng.choice([
                f"The city will install {count:,} {thing} in Belgrade by {year}.",
                f"According to the report, {count:,} {thing} were in use at the end of {year}.",
                f"The ministry holds no document on the {thing} it announced in {year}.",
                f"All records of the {thing} are kept by the ministry and were published in {year}.",
                f"The {thing} were procured without a public tender in {year}, the agency said.",
            ]))
        source = SOURCES[n % len(SOURCES)]
        write_doc(folder, f"doc-{n:03d}.md", " ".join(sentences), title=f"Document {n}", source=source,
                  kind=rng.choice(["statement", "filing", "foi_response", "media"]),
                  date=f"{rng.choice([2019, 2020, 2021])}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}")
    return folder


@pytest.fixture
def hash_scan():
    """scan(folder, db) in this process with the hash embedder and no judge."""
    from contradict.pipeline import scan

    def run(folder: Path, db: Path):
        return scan(folder, db, hash_config())

    return run
