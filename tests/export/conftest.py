"""A small case scanned once with the deterministic ``hash`` embedder, for every export test.

Five documents about one city's cameras: a minister's statement, the ministry's own FOI answer
and impact assessment, a newspaper whose title, source and quoted headline are in Cyrillic,
and a campaign page whose text contains a literal ``<script>`` tag (a .txt file keeps it).
One finding gets a confirmed review with a note, one a dismissal.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

CORPUS: dict[str, str] = {
    "2019-01-31-minister.md": """---
title: "Minister: 1,000 cameras for the city"
source: Ministry of Interior
speaker: Petar Petrović, Minister of Interior
kind: statement
date: 2019-01-31
url: https://example.org/minister-1000-cameras
language: en
---

The minister announced that the city will get 1,000 new surveillance cameras.

He said that all the locations where the new cameras will go are already known.
""",
    "2019-04-foi-locations.md": """---
title: Ministry answer on camera locations
source: Ministry of Interior
kind: foi_response
date: 2019-04
url: https://example.org/foi-locations
language: en
---

Information on the locations of the stationary cameras is not contained in any document held by the Ministry.
""",
    "2019-11-06-politika.md": """---
title: Две хиљаде камера за град
source: Политика
kind: media
date: 2019-11-06
url: https://example.org/politika-kamere
language: en
---

Under the headline «Две хиљаде камера за Београд» the daily reported that 2,000 cameras will be installed.
""",
    "2020-dpia-summary.md": """---
title: Second impact assessment of the Ministry (summary)
source: Ministry of Interior
kind: dpia
date: 2020
url: https://example.org/dpia-2020
language: en
---

The system described in the assessment comprises 8,100 surveillance cameras.
""",
    "2020-07-campaign.txt": """---
title: Campaign page on the camera count
source: Citizens Watch
kind: cso
date: 2020-07
language: en
---

The campaign page says <script>alert("x")</script> volunteers counted 689 surveillance cameras in the city.
""",
}

SCRIPT_QUOTE = 'The campaign page says <script>alert("x")</script> volunteers counted 689 surveillance cameras in the city.'
CYRILLIC_QUOTE = "Under the headline «Две хиљаде камера за Београд» the daily reported that 2,000 cameras will be installed."
EXISTENCE_QUOTES = (
    "He said that all the locations where the new cameras will go are already known.",
    "Information on the locations of the stationary cameras is not contained in any document held by the Ministry.",
)
REVIEW_NOTE = "Checked against the FOI answer of April 2019 <b>not bold</b>."


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in CORPUS.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    return folder


@pytest.fixture(scope="session")
def brief_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The scanned case, with one confirmed and one dismissed finding. Treat as read-only."""
    from contradict.pipeline import ScanConfig, scan
    from contradict.store import add_review, open_db

    root = tmp_path_factory.mktemp("export")
    corpus = write_corpus(root / "city-cameras")
    db_path = root / "case.db"
    scan(corpus, db_path, ScanConfig(model="hash", use_judge=False))
    db = open_db(db_path, create=False)
    try:
        rows = {
            r["type"]: r["id"] for r in db.query("select id, type from findings order by score")
        }
        add_review(db, rows["existence"], "confirmed", REVIEW_NOTE, "Ana")
        lowest_numeric = next(
            db.query("select id from findings where type = 'numeric' order by score, id limit 1")
        )["id"]
        add_review(db, lowest_numeric, "dismissed", "Different scope.", None)
    finally:
        db.close()
    return db_path


@pytest.fixture(scope="session")
def scan_dates(brief_db: Path) -> list[str]:
    """The dates (YYYY-MM-DD) of the runs: they change from day to day, so goldens hide them."""
    import sqlite3

    con = sqlite3.connect(brief_db)
    try:
        rows = con.execute("select started_at, finished_at from runs").fetchall()
    finally:
        con.close()
    return sorted({v[:10] for row in rows for v in row if v})


@pytest.fixture(scope="session")
def normalise(scan_dates: list[str]) -> Callable[[str], str]:
    def norm(text: str) -> str:
        for d in scan_dates:
            text = re.sub(rf"\b{re.escape(d)}\b", "<scan-date>", text)
        return text

    return norm
