"""Human review of findings: verdicts kept apart from the scan, so they survive every re-scan.

A review is a row in ``reviews`` (finding id, status, note, reviewer, time). Findings are
never edited; the latest review of a finding is its status (the ``latest_reviews`` view). A
finding id is a content hash of its two claims and its type, so a re-scan that finds the
same pair again finds the same id, and a review whose finding disappeared stays visible in
``orphaned_reviews``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlite_utils import Database

from . import store
from .errors import ContradictError, UsageError
from .sides import Side, sides

STATUSES = store.REVIEW_STATUSES
MAX_NOTE = 5000
_HEX = re.compile(r"^[0-9a-f]+$")
T = TypeVar("T")


class FindingNotFound(ContradictError):
    """No finding has this id (or id prefix)."""


@dataclass
class Review:
    finding_id: str
    status: str
    note: str | None
    reviewer: str | None
    created_at: str


def default_reviewer() -> str | None:
    """The reviewer recorded when none is given: $USER (or $USERNAME on Windows)."""
    return os.environ.get("USER") or os.environ.get("USERNAME") or None


def check_status(status: str) -> str:
    """Return ``status`` if it is a review status, else raise a usage error naming the choices."""
    if status not in STATUSES:
        raise UsageError(f"unknown status {status!r}", f"choose one of {', '.join(STATUSES)}")
    return status


def resolve(db: Database, id_or_prefix: str, *, where: str = "the database") -> str:
    """The full finding id for an id or a unique prefix of one."""
    return _resolve(id_or_prefix, lambda p: store.resolve_finding_id(db, p), "finding",
                    FindingNotFound, where,
                    "list findings with `contradict findings DB` or browse them with `contradict serve DB`")


def _resolve(id_or_prefix: str, lookup: Any, what: str, error: type[ContradictError],
             where: str, hint: str) -> str:
    """The one id a prefix names (``lookup``: prefix -> at most two ids), or ``error`` saying
    why there is none."""
    prefix = id_or_prefix.strip().lower()
    if not prefix or not _HEX.match(prefix):
        raise error(f"{id_or_prefix!r} is not a {what} id (ids are hexadecimal)", hint)
    ids = lookup(prefix)
    if not ids:
        raise error(f"no {what} with id {prefix!r} in {where}", hint)
    if len(ids) > 1:
        raise error(f"id prefix {prefix!r} matches several {what}s", "give more characters of the id")
    return ids[0]


def record(
    db: Database, finding_id: str, status: str, note: str | None = None, reviewer: str | None = None
) -> Review:
    """Store a review of an existing finding (exact id) in an open database."""
    check_status(status)
    if not store.finding_exists(db, finding_id):
        raise FindingNotFound(f"no finding with id {finding_id!r}")
    return Review(**store.add_review(db, finding_id, status, *_note_and_reviewer(note, reviewer)))


def _note_and_reviewer(note: str | None, reviewer: str | None) -> tuple[str | None, str | None]:
    """The note and reviewer as stored: stripped, None when empty; a note too long is refused."""
    note = (note or "").strip() or None
    if note and len(note) > MAX_NOTE:
        raise UsageError(f"the note has {len(note)} characters", f"keep it under {MAX_NOTE}")
    return note, (reviewer or "").strip() or None


def _review_in(db_path: str | Path, id_or_prefix: str, resolver: Callable[..., str], recorder: Callable[..., T],
               status: str, note: str | None, reviewer: str | None) -> T:
    """Open the database, resolve the id (or unique prefix), record the review, close it."""
    check_status(status)
    db = store.open_db(db_path, create=False)
    try:
        full_id = resolver(db, id_or_prefix, where=str(db_path))
        return recorder(db, full_id, status, note, reviewer if reviewer is not None else default_reviewer())
    finally:
        db.close()


class ConflictNotFound(ContradictError):
    """No conflict has this id (or id prefix)."""


def resolve_conflict(db: Database, id_or_prefix: str, *, where: str = "the database") -> str:
    """The full conflict id for an id or a unique prefix of one."""
    return _resolve(id_or_prefix, lambda p: store.resolve_conflict_id(db, p), "conflict",
                    ConflictNotFound, where, "list conflicts with `contradict findings DB --by conflict`")


def record_conflict(
    db: Database, conflict_id: str, status: str, note: str | None = None, reviewer: str | None = None
) -> list[Review]:
    """Review every finding of a conflict (exact id) at once: one review row per member, so the
    verdict stays with the findings when a re-scan regroups them, and any member can still be
    reviewed on its own afterwards."""
    check_status(status)
    row = store.get_conflict(db, conflict_id)
    if row is None:
        raise ConflictNotFound(f"no conflict with id {conflict_id!r}")
    return [Review(**r) for r in store.add_reviews(db, row["members"], status, *_note_and_reviewer(note, reviewer))]


def review_conflict(
    db_path: str | Path,
    conflict_id: str,
    status: str,
    note: str | None = None,
    reviewer: str | None = None,
) -> list[Review]:
    """Record a review of every finding of the conflict whose id (or unique prefix) is given."""
    return _review_in(db_path, conflict_id, resolve_conflict, record_conflict, status, note, reviewer)


def conflict_page(db: Database, conflict_id: str) -> dict[str, Any] | None:
    """Everything the conflict page shows: the conflict, its strongest pair in context, its
    member findings with their statuses. None when there is no such conflict."""
    row = store.get_conflict(db, conflict_id)
    if row is None:
        return None
    members = store.conflict_findings(db, conflict_id)
    page: dict[str, Any] = {"id": conflict_id, "conflict": row, "findings": members, "statuses": STATUSES}
    strongest = next((m for m in members if m["id"] == row["strongest_finding"]), None)
    if strongest is not None:
        texts = store.document_texts(db, [strongest["doc_a"], strongest["doc_b"]])
        page["a"], page["b"] = sides(strongest)
        page["context"] = {"a": _context(page["a"], texts), "b": _context(page["b"], texts)}
    return page


def review(
    db_path: str | Path,
    finding_id: str,
    status: str,
    note: str | None = None,
    reviewer: str | None = None,
) -> Review:
    """Record a review of the finding whose id (or unique id prefix) is ``finding_id``.

    The reviewer defaults to :func:`default_reviewer`. Raises :class:`UsageError` for a
    status that is not one of :data:`STATUSES` and :class:`FindingNotFound` for an unknown
    or ambiguous id.
    """
    return _review_in(db_path, finding_id, resolve, record, status, note, reviewer)


def history(db_path: str | Path, finding_id: str | None = None) -> list[dict]:
    """Every review (of one finding, when given), newest first, flagged when orphaned."""
    db = store.open_db(db_path, create=False)
    try:
        if finding_id is not None:
            wanted = finding_id.strip().lower()
            # the exact id of a reviewed finding, even one a re-scan no longer produces; else a prefix
            if not store.review_history(db, wanted):
                wanted = resolve(db, finding_id, where=str(db_path))
            finding_id = wanted
        return store.review_history(db, finding_id)
    finally:
        db.close()


# --- the finding page ---------------------------------------------------------------------


def quote_in_context(text: str, start: int, end: int, *, limit: int = 600) -> dict[str, Any]:
    """The paragraph around ``text[start:end]``: ``before``, ``quote``, ``after``.

    A paragraph ends at a blank line; at most ``limit`` characters are kept on each side,
    cut at a word boundary, with ``cut_before`` / ``cut_after`` telling where text was left
    out. Plain strings: the template escapes them.
    """
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    p_start = _paragraph_start(text, start)
    p_end = _paragraph_end(text, end)
    if (start - p_start) + (p_end - end) < 200:
        # a one-sentence paragraph says little on its own: add its neighbours
        p_start = _paragraph_start(text, max(0, p_start - 2))
        p_end = _paragraph_end(text, min(len(text), p_end + 2))
    cut_before = cut_after = False
    if start - p_start > limit:
        p_start = start - limit
        space = text.find(" ", p_start, min(start, p_start + 60))
        p_start = space + 1 if space >= 0 else p_start
        cut_before = True
    if p_end - end > limit:
        p_end = end + limit
        space = text.rfind(" ", max(end, p_end - 60), p_end)
        p_end = space if space > end else p_end
        cut_after = True
    return {
        "before": text[p_start:start].lstrip(),
        "quote": text[start:end],
        "after": text[end:p_end].rstrip(),
        "cut_before": cut_before,
        "cut_after": cut_after,
    }


def _paragraph_start(text: str, pos: int) -> int:
    i = text.rfind("\n\n", 0, pos)
    return 0 if i < 0 else i + 2


def _paragraph_end(text: str, pos: int) -> int:
    i = text.find("\n\n", pos)
    return len(text) if i < 0 else i


def _context(side: Side, texts: dict[str, str]) -> dict[str, Any]:
    """The side's quote in its paragraph, or the quote alone when its document text is gone."""
    text = texts.get(side.doc_id or "", "")
    if text and side.start is not None and side.end is not None:
        return quote_in_context(text, int(side.start), int(side.end))
    return {"before": "", "quote": side.text or "", "after": "", "cut_before": False, "cut_after": False}


def _values(row: dict) -> list[dict[str, str]]:
    """The compared values as rows for a table: ``label`` with ``a`` and ``b``, or ``both``.

    ``{"a": 1000, "b": 8100, "unit": "cameras"}`` gives a "value" row with 1,000 and 8,100 and
    a "unit" row for both; claim ids become "claim A" / "claim B".
    """
    names = {row["claim_a"]: "claim A", row["claim_b"]: "claim B"}

    def show(value: Any) -> str:
        if value is None or value == []:
            return ""
        if isinstance(value, float) and value.is_integer():
            return f"{int(value):,}"
        if isinstance(value, (int, float)):
            return f"{value:,}"
        if isinstance(value, list):
            return ", ".join(names.get(str(v), str(v)) for v in value)
        return names.get(str(value), str(value))

    rows: dict[str, dict[str, str]] = {}
    for key, value in (row.get("values") or {}).items():
        shown = show(value)
        if not shown:
            continue
        base, _, side = key.rpartition("_")
        if key in ("a", "b"):
            base, side = "value", key
        elif side not in ("a", "b"):
            base, side = key, "both"
        rows.setdefault(base.replace("_", " "), {})[side] = shown
    return [{"label": label, **cells} for label, cells in rows.items()]


def finding_page(db: Database, finding_id: str) -> dict[str, Any] | None:
    """Everything the finding page shows: the finding, both sides in context, its reviews.

    None when there is neither a finding nor a review with this id. A finding that a re-scan
    no longer produces but that has reviews comes back with ``finding`` None.
    """
    row = store.get_finding(db, finding_id)
    reviews = store.review_history(db, finding_id)
    if row is None and not reviews:
        return None
    page: dict[str, Any] = {
        "id": finding_id,
        "finding": row,
        "reviews": reviews,
        "statuses": STATUSES,
        "next_id": store.next_unreviewed(db, finding_id),
    }
    if row is not None:
        texts = store.document_texts(db, [row["doc_a"], row["doc_b"]])
        page["a"], page["b"] = sides(row)
        page["context"] = {"a": _context(page["a"], texts), "b": _context(page["b"], texts)}
        page["values"] = _values(row)
    return page
