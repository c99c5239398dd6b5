"""Exports of findings: JSON Lines (the stable machine contract), CSV, Markdown brief."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from ..errors import UsageError

FORMATS = ("jsonl", "csv", "md")


def _claim(r: dict, side: str) -> dict[str, Any]:
    return {
        "id": r[f"claim_{side}"],
        "doc_id": r[f"doc_{side}"],
        "doc_path": r[f"path_{side}"],
        "doc_title": r[f"title_{side}"],
        "source": r[f"source_{side}"],
        "speaker": r[f"speaker_{side}"],
        "kind": r[f"kind_{side}"],
        "date": r[f"date_{side}"],
        "url": r[f"url_{side}"],
        "page": r[f"page_{side}"],
        "start": r[f"start_{side}"],
        "end": r[f"end_{side}"],
        "text": r[f"quote_{side}"],
    }


def record(r: dict) -> dict[str, Any]:
    """One finding in the JSON Lines contract of DESIGN.md."""
    return {
        "id": r["id"],
        "type": r["type"],
        "relation": r["relation"],
        "score": r["score"],
        "explanation": r["explanation"],
        "claim_a": _claim(r, "a"),
        "claim_b": _claim(r, "b"),
        "values": r["values"],
        "status": r["status"],
        "detector": r["detector"],
        "topic": r["topic"],
    }


def to_jsonl(rows: list[dict]) -> str:
    return "".join(json.dumps(record(r), ensure_ascii=False, sort_keys=False) + "\n" for r in rows)


CSV_COLUMNS = ["id", "type", "relation", "score", "status", "topic", "explanation"] + [
    f"{side}_{k}" for side in ("a", "b")
    for k in ("text", "doc_title", "source", "speaker", "kind", "date", "page", "url", "doc_path", "start", "end")
] + ["values"]


def to_csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        rec = record(r)
        flat = {k: rec[k] for k in ("id", "type", "relation", "score", "status", "topic", "explanation")}
        for side in ("a", "b"):
            for k, v in rec[f"claim_{side}"].items():
                if f"{side}_{k}" in CSV_COLUMNS:
                    flat[f"{side}_{k}"] = v
        flat["values"] = json.dumps(rec["values"], ensure_ascii=False, sort_keys=True)
        w.writerow(flat)
    return buf.getvalue()


def _cite(rec: dict) -> str:
    parts = [rec["doc_title"] or rec["doc_path"], rec["source"], rec["date"] or "undated"]
    if rec["page"]:
        parts.append(f"p. {rec['page']}")
    cite = ", ".join(str(p) for p in parts if p)
    return f"[{cite}]({rec['url']})" if rec.get("url") else cite


def to_markdown(rows: list[dict], title: str = "Findings") -> str:
    lines = [f"# {title}", "", f"{len(rows)} finding(s), highest score first.", ""]
    by_type: dict[str, list[dict]] = {}
    for r in rows:
        by_type.setdefault(r["type"], []).append(r)
    for type_, items in sorted(by_type.items()):
        lines += [f"## {type_.replace('_', ' ').capitalize()}", ""]
        for r in items:
            rec = record(r)
            lines += [
                f"### {rec['explanation']}",
                "",
                f"*{rec['relation']}, score {rec['score']:.2f}, {rec['status']}* — `{rec['id']}`",
                "",
                f"> {rec['claim_a']['text']}",
                "",
                f"— {_cite(rec['claim_a'])}",
                "",
                f"> {rec['claim_b']['text']}",
                "",
                f"— {_cite(rec['claim_b'])}",
                "",
            ]
            if r.get("review_note"):
                lines += [f"Reviewer's note: {r['review_note']}", ""]
    return "\n".join(lines)


def export(db_path: str | Path, fmt: str, *, types: list[str] | None = None,
           status: list[str] | None = None, min_score: float = 0.0, source: str | None = None) -> str:
    from ..store import open_db, query_findings

    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r}", f"choose one of {', '.join(FORMATS)}")
    db = open_db(db_path, create=False)
    try:
        rows = query_findings(db, types=types, status=status, min_score=min_score, source=source)
    finally:
        db.close()
    if fmt == "jsonl":
        return to_jsonl(rows)
    if fmt == "csv":
        return to_csv(rows)
    return to_markdown(rows)
