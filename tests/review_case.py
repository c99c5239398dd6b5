"""A small real case for the serve, review and browser tests: written, scanned, copied per test.

Three documents give two findings: a numeric one ("about 1,000 cameras" against "8,100
cameras") and an existence one (the analysis "was done" against "is not contained in any
document"), the second between a statement and an FOI answer. The statement's quote holds
``<script>`` and ``&`` so that escaping is tested on real document text.
"""

from __future__ import annotations

import asyncio
import re
import shutil
from pathlib import Path
from typing import Any

import pytest

FOLDER_NAME = "surveillance-case"

STATEMENT = """---
title: "Minister: about 1,000 cameras"
source: Ministry of Interior
speaker: Nebojša Stefanović, Minister of Interior
kind: statement
date: 2019-01-31
url: https://example.org/minister-1000-cameras
language: en
---

The minister spoke to reporters in Belgrade on Thursday.

Belgrade will get about 1,000 new surveillance cameras <script>alert("x")</script> & more over the next two years, the minister said.

He added that the analysis of the camera locations was done by the police.
"""

FOI = """---
title: "FOI answer on camera locations"
source: Ministry of Interior
kind: foi_response
date: 2019-04
url: https://example.org/foi-answer
language: en
---

The Ministry has considered the request for access to information.

Information on the locations of the cameras and the analysis behind them is not contained in any document held by the Ministry.
"""

COMMISSIONER = """---
title: "Commissioner: 8,100 cameras planned"
source: Commissioner for Personal Data Protection
speaker: Milan Marinović, Commissioner
kind: regulator
date: 2021-01-02
language: en
---

According to the data the Ministry made available to him, 8,100 cameras are planned for Belgrade.
"""

LATER = """---
title: "Minister: cameras on schedule"
source: Ministry of Interior
speaker: Nebojša Stefanović, Minister of Interior
kind: statement
date: 2020-06-01
language: en
---

The minister said that the installation of the cameras in Belgrade is on schedule.
"""

FILES = {
    "2019-01-statement.txt": STATEMENT,
    "2019-04-foi.md": FOI,
    "2021-01-commissioner.md": COMMISSIONER,
}

NUMERIC_QUOTE_A = (
    'Belgrade will get about 1,000 new surveillance cameras <script>alert("x")</script> & more'
)
NUMERIC_QUOTE_B = "8,100 cameras are planned for Belgrade"
DONE_QUOTE = "the analysis of the camera locations was done by the police"
NOT_CONTAINED_QUOTE = "is not contained in any document held by the Ministry"


def write_case(root: Path) -> Path:
    folder = root / FOLDER_NAME
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def scan_case(folder: Path, db: Path, detectors: tuple[str, ...] | None = None) -> Any:
    from contradict.pipeline import ScanConfig, scan

    config = ScanConfig(model="hash", use_judge=False)
    if detectors is not None:
        config.detectors = detectors
    return scan(folder, db, config)


def copy_db(src: Path, dest_dir: Path, name: str = "case.db") -> Path:
    dest = dest_dir / name
    shutil.copy(src, dest)
    return dest


def findings(db: Path) -> dict[str, dict]:
    """type -> the one finding row of that type (finding_details)."""
    from contradict.store import open_db, query_findings

    database = open_db(db, create=False)
    try:
        return {r["type"]: r for r in query_findings(database)}
    finally:
        database.close()


def run(coro: Any) -> Any:
    return asyncio.run(coro)


def csrf_form(html: str) -> str:
    match = re.search(r'name="csrftoken" value="([^"]+)"', html)
    assert match, "the review form has no csrftoken"
    return match.group(1)


@pytest.fixture(scope="session")
def scanned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The review case scanned once; tests work on copies."""
    root = tmp_path_factory.mktemp("review-case")
    db = root / "scanned.db"
    scan_case(write_case(root), db)
    return db


@pytest.fixture
def case_db(scanned: Path, tmp_path: Path) -> Path:
    return copy_db(scanned, tmp_path)


@pytest.fixture
def ids(case_db: Path) -> dict[str, str]:
    return {t: r["id"] for t, r in findings(case_db).items()}
