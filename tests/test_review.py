"""``contradict review``: verdicts from the command line, kept across re-scans."""

from __future__ import annotations

from pathlib import Path

import pytest

from contradict import store
from contradict.errors import UsageError
from contradict.review import FindingNotFound, history, quote_in_context, review
from contradict.serve import make_datasette
from tests.cli import Outcome
from tests.cli import contradict as run_cli
from tests.review_case import (
    LATER,
    findings,
    run,
    scan_case,
    write_case,
)


def contradict(*args: str, user: str = "tester") -> Outcome:
    return run_cli(*args, env={"USER": user})


def statuses(db: Path) -> dict[str, str]:
    return {t: r["status"] for t, r in findings(db).items()}


def orphaned(db: Path) -> list[dict]:
    database = store.open_db(db, create=False)
    try:
        return list(database["orphaned_reviews"].rows)
    finally:
        database.close()


# --- the library ----------------------------------------------------------------------------


def test_review_accepts_a_unique_prefix_and_keeps_history(
    case_db: Path, ids: dict[str, str]
) -> None:
    first = review(case_db, ids["numeric"][:6], "needs-work", "check the DPIA", "ana")
    assert (first.finding_id, first.status, first.reviewer) == (ids["numeric"], "needs-work", "ana")
    review(case_db, ids["numeric"].upper(), "confirmed", None, "ben")
    rows = history(case_db, ids["numeric"][:8])
    assert [(r["status"], r["reviewer"], r["note"]) for r in rows] == [
        ("confirmed", "ben", None),
        ("needs-work", "ana", "check the DPIA"),
    ]
    assert statuses(case_db) == {"numeric": "confirmed", "existence": "unreviewed"}


def test_review_rejects_unknown_ids_and_statuses(case_db: Path, ids: dict[str, str]) -> None:
    with pytest.raises(FindingNotFound, match="no finding with id 'ffffffff'"):
        review(case_db, "ffffffff", "confirmed")
    with pytest.raises(FindingNotFound, match="is not a finding id"):
        review(case_db, "x%", "confirmed")
    with pytest.raises(UsageError, match="choose one of confirmed, dismissed, update, needs-work"):
        review(case_db, ids["numeric"], "true")
    assert history(case_db) == []


def test_review_rejects_an_ambiguous_prefix(case_db: Path, ids: dict[str, str]) -> None:
    from sqlite_utils import Database

    other = "e" if ids["numeric"][4] == "f" else "f"
    twin = ids["numeric"][:4] + other + "0" * 15  # a second finding sharing four characters
    row = dict(next(Database(case_db)["findings"].rows_where("id = ?", [ids["numeric"]])), id=twin)
    Database(case_db)["findings"].insert(row)
    with pytest.raises(
        FindingNotFound, match=f"id prefix '{ids['numeric'][:4]}' matches several findings"
    ):
        review(case_db, ids["numeric"][:4], "confirmed")
    assert review(case_db, ids["numeric"][:5], "confirmed").finding_id == ids["numeric"]


def test_quote_in_context() -> None:
    text = "First paragraph.\n\nShort one.\n\nThe quote is here. And more.\n\nAfter it.\n\nLast."
    start = text.index("The quote")
    ctx = quote_in_context(text, start, start + len("The quote is here."))
    assert ctx["quote"] == "The quote is here."
    assert ctx["before"] == "Short one.\n\n"  # a short paragraph brings its neighbours
    assert ctx["after"] == " And more.\n\nAfter it."
    long = "word " * 400 + "QUOTE" + " word" * 400
    start = long.index("QUOTE")
    ctx = quote_in_context(long, start, start + 5, limit=100)
    assert ctx["cut_before"] and ctx["cut_after"]
    assert len(ctx["before"]) <= 100 and len(ctx["after"]) <= 100
    assert ctx["before"].startswith("word") and ctx["after"].endswith("word")


# --- the command ----------------------------------------------------------------------------


def test_cli_review_records_a_verdict(case_db: Path, ids: dict[str, str]) -> None:
    r = contradict(
        "review",
        str(case_db),
        ids["existence"][:10],
        "--status",
        "confirmed",
        "--note",
        "FOI answer 2019 contradicts RTS interview",
    )
    assert r.returncode == 0, r.stderr
    assert r.stderr == f"Recorded confirmed for finding {ids['existence']} by tester.\n"
    [row] = history(case_db)
    assert (row["status"], row["reviewer"], row["note"]) == (
        "confirmed",
        "tester",
        "FOI answer 2019 contradicts RTS interview",
    )
    listed = contradict("review", str(case_db), "--list")
    assert listed.returncode == 0
    assert (
        f"{ids['existence']}  confirmed   tester  FOI answer 2019 contradicts RTS interview"
        in listed.stdout
    )


def test_cli_review_unknown_id_exits_1(case_db: Path) -> None:
    r = contradict("review", str(case_db), "ffffffff", "--status", "confirmed")
    assert r.returncode == 1
    assert r.stderr == (
        f"Error: no finding with id 'ffffffff' in {case_db} — list findings with `contradict findings DB` "
        "or browse them with `contradict serve DB`\n"
    )
    assert history(case_db) == []


def test_cli_review_invalid_status_exits_2(case_db: Path, ids: dict[str, str]) -> None:
    r = contradict("review", str(case_db), ids["numeric"], "--status", "approved")
    assert r.returncode == 2
    assert (
        r.stderr
        == "Error: unknown status 'approved' — choose one of confirmed, dismissed, update, needs-work\n"
    )
    r = contradict("review", str(case_db), ids["numeric"])
    assert r.returncode == 2
    assert r.stderr.startswith("Error: give a FINDING_ID and --status")


def test_cli_review_missing_database_exits_1(tmp_path: Path) -> None:
    r = contradict("review", str(tmp_path / "none.db"), "abc", "--status", "confirmed")
    assert r.returncode == 1 and r.stderr.startswith(
        f"Error: {tmp_path / 'none.db'}: no such database"
    )
    assert not (tmp_path / "none.db").exists()


# --- re-scans ---------------------------------------------------------------------------------


def test_rescan_keeps_reviews(tmp_path: Path) -> None:
    folder = write_case(tmp_path)
    db = tmp_path / "case.db"
    scan_case(folder, db)
    ids = {t: r["id"] for t, r in findings(db).items()}
    review(db, ids["existence"], "confirmed", "FOI answer contradicts the minister", "ana")
    review(db, ids["numeric"], "update", None, "ana")

    again = scan_case(folder, db)  # the same folder again: nothing new
    assert again.documents_added == 0
    assert statuses(db) == {"existence": "confirmed", "numeric": "update"}

    (folder / "2020-06-later.md").write_text(LATER, encoding="utf-8")
    more = scan_case(folder, db)  # one document more
    assert more.documents_added == 1
    after = {t: r["id"] for t, r in findings(db).items() if r["id"] in ids.values()}
    assert after == ids
    assert statuses(db)["existence"] == "confirmed" and statuses(db)["numeric"] == "update"
    assert len(history(db)) == 2 and orphaned(db) == []


def test_review_of_a_vanished_finding_stays_visible(tmp_path: Path) -> None:
    folder = write_case(tmp_path)
    db = tmp_path / "case.db"
    scan_case(folder, db)
    ids = {t: r["id"] for t, r in findings(db).items()}
    review(db, ids["existence"], "confirmed", "kept", "ana")

    from contradict.detect import DEFAULT_DETECTORS

    without = tuple(d for d in DEFAULT_DETECTORS if not d.startswith("existence"))
    scan_case(folder, db, detectors=without)  # the existence finding is no longer produced
    assert set(findings(db)) == {"numeric"}
    [row] = orphaned(db)
    assert (row["finding_id"], row["status"], row["note"]) == (
        ids["existence"],
        "confirmed",
        "kept",
    )

    ds = make_datasette(db)
    page = run(ds.client.get(f"/-/contradict/finding/{ids['existence']}"))
    assert page.status_code == 200
    assert f"Finding {ids['existence']} is gone" in page.text and "kept" in page.text
    view = run(ds.client.get("/case/orphaned_reviews.json?_shape=array")).json()
    assert [r["finding_id"] for r in view] == [ids["existence"]]
    listed = contradict("review", str(db), "--list")
    assert "(finding gone: see orphaned_reviews)" in listed.stdout
    assert contradict("review", str(db), ids["existence"], "--list").returncode == 0

    scan_case(folder, db)  # the detector is back: so is the finding, with the same id and status
    assert findings(db)["existence"]["id"] == ids["existence"]
    assert statuses(db)["existence"] == "confirmed" and orphaned(db) == []
