"""``contradict.findings_frame`` / ``claims_frame``: the database as pandas DataFrames."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

import contradict
from contradict import store
from contradict.frames import CLAIM_COLUMNS, FINDING_COLUMNS
from contradict.review import review
from tests.review_case import DONE_QUOTE, NOT_CONTAINED_QUOTE, NUMERIC_QUOTE_A, NUMERIC_QUOTE_B


def test_findings_frame_has_both_claims_their_documents_and_the_review(
    case_db: Path, ids: dict[str, str]
) -> None:
    review(case_db, ids["existence"], "confirmed", "checked the FOI file", "ana")
    df = contradict.findings_frame(case_db)
    assert list(df.columns) == list(FINDING_COLUMNS)
    assert sorted(df["type"]) == ["existence", "numeric"]
    assert list(df["score"]) == sorted(df["score"], reverse=True)
    by_type = df.set_index("type")
    numeric, existence = by_type.loc["numeric"], by_type.loc["existence"]
    assert NUMERIC_QUOTE_A in numeric["a_text"] and NUMERIC_QUOTE_B in numeric["b_text"]
    assert (numeric["a_kind_label"], numeric["b_kind_label"]) == ("statement", "regulator's finding")
    assert numeric["b_doc_title"] == "Commissioner: 8,100 cameras planned"
    assert numeric["status"] == "unreviewed" and pd.isna(numeric["reviewer"])
    assert DONE_QUOTE in existence["a_text"] and NOT_CONTAINED_QUOTE in existence["b_text"]
    assert (existence["status"], existence["review_note"], existence["reviewer"]) == (
        "confirmed", "checked the FOI file", "ana")
    assert numeric["values"]["b"] == 8100 and numeric["values"]["unit"] == "cameras"


def test_claims_frame_counts_the_findings_that_quote_each_claim(
    case_db: Path, ids: dict[str, str]
) -> None:
    review(case_db, ids["numeric"], "confirmed", None, "ana")
    df = contradict.claims_frame(case_db)
    assert list(df.columns) == list(CLAIM_COLUMNS)
    db = store.open_db(case_db, create=False)
    try:
        assert len(df) == store.count(db, "claims")
        finding = store.get_finding(db, ids["numeric"])
    finally:
        db.close()
    assert finding is not None
    quoted = df.set_index("claim_id").loc[[finding["claim_a"], finding["claim_b"]]]
    assert list(quoted["confirmed"]) == [1, 1] and all(quoted["findings"] >= 1)
    assert df["findings"].sum() == 2 * 2  # two findings, two claims each
    assert set(df["kind"]) == {"statement", "foi_response", "regulator"}
    # in document order: paths, then positions
    assert list(df["doc_path"]) == sorted(df["doc_path"])


def test_frames_of_an_empty_database_have_the_columns_and_no_rows(tmp_path: Path) -> None:
    store.open_db(tmp_path / "empty.db").close()
    assert contradict.findings_frame(tmp_path / "empty.db").shape == (0, len(FINDING_COLUMNS))
    assert contradict.claims_frame(str(tmp_path / "empty.db")).shape == (0, len(CLAIM_COLUMNS))
