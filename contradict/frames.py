"""Findings and claims as pandas DataFrames, for notebooks (docs/notebooks.md).

pandas is imported when a frame is built, not when contradict is: the command line never needs
it. Both functions take the path of a database (or an open ``sqlite_utils.Database``) and read
it without writing anything but pending migrations.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import kinds, store
from .sides import sides

if TYPE_CHECKING:
    import pandas as pd
    from sqlite_utils import Database

SIDE_COLUMNS = ("claim_id", "text", "doc_id", "doc_path", "doc_title", "source", "speaker", "kind",
                "kind_label", "date", "page", "url", "start", "end")
FINDING_COLUMNS = (
    ["id", "type", "detector", "relation", "score", "topic", "explanation", "status", "review_note",
     "reviewer", "reviewed_at"]
    + [f"{s}_{k}" for s in ("a", "b") for k in SIDE_COLUMNS]
    + ["values", "signals"]
)
CLAIM_COLUMNS = ("claim_id", "text", "text_en", "page", "start", "end", "polarity", "frames", "doc_id",
                 "doc_path", "doc_title", "source", "speaker", "kind", "kind_label", "date", "url",
                 "language", "findings", "confirmed")


@contextmanager
def _database(db: str | Path | Database) -> Iterator[Database]:
    if isinstance(db, (str, Path)):
        opened = store.open_db(db, create=False)
        try:
            yield opened
        finally:
            opened.close()
    else:
        yield db


def findings_frame(db: str | Path | Database) -> pd.DataFrame:
    """One row per finding, highest score first: the finding, its latest review (``status``
    is ``unreviewed`` when there is none) and both claims with their documents, as columns
    ``a_…`` and ``b_…`` (``a_text``, ``a_doc_title``, ``a_source``, ``a_kind``, ``a_date`` …).
    ``values`` and ``signals`` hold the detector's dicts."""
    import pandas as pd

    with _database(db) as database:
        reviews = store.latest_review_details(database)
        rows = []
        for r in store.query_findings(database):
            review = reviews.get(r["id"]) or {}
            row: dict[str, Any] = {k: r[k] for k in ("id", "type", "detector", "relation", "score",
                                                     "topic", "explanation", "status", "review_note")}
            row["reviewer"], row["reviewed_at"] = review.get("reviewer"), review.get("created_at")
            for name, side in zip(("a", "b"), sides(r), strict=True):
                rec = side.record()
                rec["claim_id"], rec["kind_label"] = rec.pop("id"), side.kind_label
                row.update({f"{name}_{k}": rec[k] for k in SIDE_COLUMNS})
            row["values"], row["signals"] = r["values"], r["signals"]
            rows.append(row)
    return pd.DataFrame(rows, columns=list(FINDING_COLUMNS))


def claims_frame(db: str | Path | Database) -> pd.DataFrame:
    """One row per claim, in document order: its text (and English form), its document, and
    how many findings quote it (``findings``) and how many of those were confirmed."""
    import pandas as pd

    with _database(db) as database:
        rows = store.claim_details(database)
    for r in rows:
        r["kind_label"] = kinds.label(r["kind"])
    return pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
