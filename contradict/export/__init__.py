"""Exports of findings.

JSON Lines (the stable machine contract, docs/export.md) and CSV are one row per finding; the
brief (Markdown, HTML, DOCX) is built once as a :class:`~contradict.export.brief.Brief` and
laid out by one small renderer per format; ClaimReview is schema.org JSON-LD.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..sides import sides

FORMATS = ("md", "html", "docx", "csv", "jsonl", "claimreview")
#: Formats written as bytes, to a file only.
BINARY_FORMATS = ("docx",)


def record(r: dict) -> dict[str, Any]:
    """One finding in the JSON Lines contract (docs/export.md)."""
    a, b = sides(r)
    return {
        "id": r["id"],
        "type": r["type"],
        "relation": r["relation"],
        "score": r["score"],
        "explanation": r["explanation"],
        "claim_a": a.record(),
        "claim_b": b.record(),
        "values": r["values"],
        "status": r["status"],
        "detector": r["detector"],
        "topic": r["topic"],
        "conflict_id": r.get("conflict_id"),
    }


def conflict_record(r: dict) -> dict[str, Any]:
    """One conflict (a ``conflict_details`` row) as JSON: its headline, status, counts, the
    strongest pair's quotes and sources, the other documents and the member finding ids."""
    return {
        "id": r["id"],
        "type": r["type"],
        "relation": r["relation"],
        "topic": r["topic"],
        "score": r["score"],
        "headline": r["headline"],
        "status": r["status"],
        "findings": r["findings"],
        "documents": r["documents"],
        "reviewed": r["reviewed"],
        "strongest_finding": r["strongest_finding"],
        "claim_a": {"text": r["quote_a"], "source": r["source_a"], "speaker": r["speaker_a"],
                    "doc_title": r["title_a"], "date": r["date_a"]},
        "claim_b": {"text": r["quote_b"], "source": r["source_b"], "speaker": r["speaker_b"],
                    "doc_title": r["title_b"], "date": r["date_b"]},
        "also_in": r["also_in"],
        "members": r["members"],
    }


def to_jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(record(r), ensure_ascii=False, sort_keys=False) + "\n" for r in rows)


CSV_COLUMNS = (
    ["id", "type", "relation", "score", "status", "topic", "explanation"]
    + [
        f"{side}_{k}"
        for side in ("a", "b")
        for k in (
            "text",
            "doc_title",
            "source",
            "speaker",
            "kind",
            "date",
            "page",
            "url",
            "doc_path",
            "start",
            "end",
        )
    ]
    + ["values", "conflict_id"]
)


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula ("=HYPERLINK(...)", "+1", "@SUM")
    gets a leading apostrophe (OWASP's advice on CSV injection); numbers are left alone."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: list[dict]) -> str:
    """One row per finding. Document text is quoted verbatim, except that a cell starting
    with = + - @ is neutralised (see :func:`spreadsheet_safe`): a document is hostile input."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        rec = record(r)
        flat = {
            k: rec[k] for k in ("id", "type", "relation", "score", "status", "topic", "explanation")
        }
        for side in ("a", "b"):
            for k, v in rec[f"claim_{side}"].items():
                if f"{side}_{k}" in CSV_COLUMNS:
                    flat[f"{side}_{k}"] = v
        flat["values"] = json.dumps(rec["values"], ensure_ascii=False, sort_keys=True)
        flat["conflict_id"] = rec["conflict_id"]
        w.writerow({k: spreadsheet_safe(v) for k, v in flat.items()})
    return buf.getvalue()


def export(
    db_path: str | Path,
    fmt: str,
    *,
    types: list[str] | None = None,
    status: list[str] | None = None,
    min_score: float = 0.0,
    source: str | None = None,
    title: str | None = None,
    author: str = "contradict",
) -> str | bytes:
    """Findings that pass the filters, in one format. DOCX is bytes; every other format text.

    The same database and options always give the same output.
    """
    from ..store import REVIEW_STATUSES, open_db, query_findings

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", f"choose one of {', '.join(FORMATS)}")
    statuses = ("unreviewed", *REVIEW_STATUSES)
    for s in status or []:
        if s not in statuses:
            raise UsageError(f"unknown review status {s!r}", f"choose from {', '.join(statuses)}")
    db = open_db(db_path, create=False)
    try:
        if fmt in ("jsonl", "csv"):
            rows = query_findings(
                db, types=types, status=status, min_score=min_score, source=source
            )
            return to_jsonl(rows) if fmt == "jsonl" else to_csv(rows)
        from .brief import Filters, build_brief

        filters = Filters(tuple(types or ()), tuple(status or ()), min_score, source)
        brief = build_brief(db, filters, title=title)
        if fmt == "claimreview":
            from .claimreview import to_claimreview

            entries = list(brief.entries)  # one ClaimReview per finding, as before conflicts
            return to_claimreview(
                entries, author=author, date_published=brief.overview["last_scan"]
            )
    finally:
        db.close()
    return render(brief, fmt)


def render(brief: Any, fmt: str) -> str | bytes:
    """Lay a :class:`~contradict.export.brief.Brief` out as ``md``, ``html`` or ``docx``."""
    if fmt == "md":
        from .markdown import render_markdown

        return render_markdown(brief)
    if fmt == "html":
        from .html import render_html

        return render_html(brief)
    if fmt == "docx":
        from .docx import render_docx

        return render_docx(brief)
    raise UsageError(f"{fmt!r} is not a brief format", "choose md, html or docx")
