"""Commands: scan, findings, export, eval."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from ..errors import ContradictError, NothingReadError, UsageError
from . import app
from .progress import progress_bars

if TYPE_CHECKING:
    from sqlite_utils import Database

JUDGE_PER_CLAIM = 8  # the pipeline's default judge budget (a test checks that the two agree)

DbOption = Annotated[Path, typer.Option("--db", help="SQLite database file to write (created if missing).")]


@app.command()
def scan(
    folder: Annotated[Path, typer.Argument(help="Case folder (or one file) of statements and filings.")],
    db: DbOption = Path("contradict.db"),
    model: Annotated[str | None, typer.Option(help="'use-multilingual', a local sentence-transformers model folder, or 'hash'. Default: $CONTRADICT_MODEL, else all-MiniLM-L6-v2 for English-only cases and use-multilingual for mixed-language ones.")] = None,
    top_k: Annotated[int, typer.Option(min=1, help="Embedding neighbours per claim.")] = 25,
    lexical_k: Annotated[int, typer.Option(min=0, help="Neighbours per claim by shared rare words of the English form (0: none).")] = 10,
    min_cosine: Annotated[float, typer.Option(min=-1.0, max=1.0, help="Similarity floor for embedding-only candidates.")] = 0.2,
    exhaustive_pairs: Annotated[int, typer.Option(min=0, help="While the new claims make at most this many cross-document pairs, every one is a candidate (0: neighbours only).")] = 100_000,
    realign: Annotated[bool, typer.Option(help="Recompute candidate pairs for every claim, not only new ones.")] = False,
    judge: Annotated[str | None, typer.Option(help="A local cross-encoder folder to judge pairs with. Default: $CONTRADICT_JUDGE, else the shipped models/judge.")] = None,
    no_judge: Annotated[bool, typer.Option("--no-judge", help="Rules only: do not run the contradiction judge.")] = False,
    judge_per_claim: Annotated[str, typer.Option(help="Judge budget: the judge reads a candidate pair when it is among the first N of either claim's candidates (most similar first); 'all': every pair.")] = str(JUDGE_PER_CLAIM),
    workers: Annotated[int, typer.Option(min=1, help="Processes that read, embed, judge and check in parallel (the database has one writer: this process).")] = 1,
    engine: Annotated[str, typer.Option(help="local, processes or dask (default: processes when --workers > 1, dask with --scheduler).")] = "auto",
    scheduler: Annotated[str | None, typer.Option(help="Address of a Dask scheduler (tcp://host:8786) to run the tasks on; needs contradict[dask].")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bars or summary.")] = False,
) -> None:
    """Ingest a folder, split claims, embed, align and flag inconsistencies into a database.

    Exit code 0 when every document was read, 1 when some could not be (each is in the errors
    table; the others are stored), 2 for a usage error.

    Example: contradict scan path/to/case --db case.db
    """
    from ..align import AlignConfig
    from ..pipeline import ScanConfig
    from ..pipeline import scan as run_scan

    config = ScanConfig(model=model, align=AlignConfig(top_k=top_k, min_cosine=min_cosine, lexical_k=lexical_k,
                                                           exhaustive_pairs=exhaustive_pairs), realign=realign,
                        use_judge=not no_judge, judge=judge, judge_per_claim=_budget(judge_per_claim),
                        workers=workers, engine=engine, scheduler=scheduler)
    try:
        with progress_bars(quiet) as bars:
            result = run_scan(folder, db, config, progress=bars)
    except NothingReadError as exc:
        for line in exc.errors:
            typer.echo(f"Error: {line} (recorded in the errors table)", err=True)
        raise
    for line in result.errors:
        typer.echo(f"Error: {line} (recorded in the errors table; the scan went on)", err=True)
    for line in result.warnings:
        typer.echo(f"Warning: {line}", err=True)
    if not quiet:
        by_type = ", ".join(f"{n} {t}" for t, n in sorted(result.findings_by_type.items())) or "none"
        typer.echo(
            f"Scanned {result.documents_seen} files into {db}: {result.documents_added} new, "
            f"{result.documents_skipped} unchanged, {result.documents_failed} failed; "
            f"{result.claims_total} claims, {result.pairs_added} candidate pairs checked now; "
            f"{result.findings_total} findings ({by_type}) in {result.conflicts_total} conflicts.",
            err=True,
        )
        if result.pairs_over_budget:
            typer.echo(f"The judge read {result.pairs_judged} pairs; {result.pairs_over_budget} more, beyond "
                       f"--judge-per-claim {judge_per_claim}, were checked by the rules alone.", err=True)
    if result.documents_failed:
        raise typer.Exit(1)  # some documents were not read: scripts must be able to tell


def _budget(value: str) -> int | None:
    if value.strip().lower() == "all":
        return None
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 1:
        raise UsageError(f"--judge-per-claim {value!r}: not a number of pairs", "give a whole number of 1 or more, or 'all'")
    return n


def _split(values: list[str] | None) -> list[str] | None:
    if not values:
        return None
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _check_types(types: list[str] | None) -> None:
    from ..detect import TYPES

    for t in types or []:
        if t not in TYPES:
            raise UsageError(f"unknown finding type {t!r}", f"choose from {', '.join(TYPES)}")


@app.command()
def findings(
    db: Annotated[Path, typer.Argument(help="Database written by contradict scan.")],
    type_: Annotated[list[str] | None, typer.Option("--type", "-t", help="Only these types (repeat or comma-separate).")] = None,
    status: Annotated[list[str] | None, typer.Option(help="Only these review statuses (unreviewed, confirmed, ...).")] = None,
    min_score: Annotated[float, typer.Option(min=0.0, max=1.0, help="Lowest score shown.")] = 0.0,
    limit: Annotated[int, typer.Option(min=1, help="At most this many rows.")] = 50,
    as_json: Annotated[bool, typer.Option("--json", help="JSON Lines instead of a table.")] = False,
    by: Annotated[str, typer.Option("--by", help="finding: one row per finding; conflict: one row per conflict (findings that are the same contradiction).")] = "finding",
) -> None:
    """Show flagged pairs, highest score first.

    Example: contradict findings case.db --type numeric
    """
    from ..export import record
    from ..store import open_db, query_findings

    types = _split(type_)
    _check_types(types)
    if by not in ("finding", "conflict"):
        raise UsageError(f"--by {by!r} is not a way to list findings", "choose finding or conflict")
    database = open_db(db, create=False)
    if by == "conflict":
        _print_conflicts(database, types, _split(status), min_score, limit, as_json)
        return
    rows = query_findings(database, types=types, status=_split(status), min_score=min_score, limit=limit)
    database.close()
    _print_rows(rows, as_json, record, [("explanation", {"ratio": 2})],
                lambda r: [r["explanation"]], "No findings match.")


# the columns both listings start and end with: id, type, score ... claim a, claim b
_FIRST: list[tuple[str, dict[str, Any]]] = [("id", {"no_wrap": True}), ("type", {}), ("score", {"justify": "right"})]
_LAST: list[tuple[str, dict[str, Any]]] = [("claim a", {"ratio": 2}), ("claim b", {"ratio": 2})]


def _print_rows(rows: list[dict], as_json: bool, as_record: Callable[[dict], dict], middle: list[tuple[str, dict[str, Any]]],
                middle_cells: Callable[[dict], list[str]], nothing: str) -> None:
    """Findings or conflicts (``finding_details`` or ``conflict_details`` rows) as JSON Lines or a
    table: id, type, score, the ``middle`` columns, then both quotes with source and date."""
    if as_json:
        for r in rows:
            typer.echo(json.dumps(as_record(r), ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=True, expand=True)
    for col, kw in _FIRST + middle + _LAST:
        table.add_column(col, **kw)
    for r in rows:
        table.add_row(
            r["id"][:10], f"{r['type']}\n{r['relation']}\n{r['status']}", f"{r['score']:.2f}", *middle_cells(r),
            f"{r['quote_a']}\n[dim]{r['source_a'] or ''}, {r['date_a'] or 'undated'}[/dim]",
            f"{r['quote_b']}\n[dim]{r['source_b'] or ''}, {r['date_b'] or 'undated'}[/dim]",
        )
    width = int(os.environ.get("COLUMNS", "0") or 0) or None
    Console(width=width or (160 if not os.isatty(1) else None)).print(table)
    if not rows:
        typer.echo(nothing, err=True)


def _print_conflicts(database: Database, types: list[str] | None, status: list[str] | None, min_score: float,
                    limit: int, as_json: bool) -> None:
    from ..export import conflict_record
    from ..store import query_conflicts

    rows = query_conflicts(database, types=types, status=status, min_score=min_score, limit=limit)
    database.close()

    def cells(r: dict) -> list[str]:
        also = f"\n[dim]also in: {'; '.join(r['also_in'])}[/dim]" if r["also_in"] else ""
        return [f"{r['findings']} in {r['documents']} docs", r["headline"] + also]

    _print_rows(rows, as_json, conflict_record, [("findings", {"justify": "right"}), ("headline", {"ratio": 2})],
                cells, "No conflicts match.")


@app.command()
def export(
    db: Annotated[Path, typer.Argument(help="Database written by contradict scan.")],
    format_: Annotated[str, typer.Option("--format", "-f", help="md, html or docx (a brief); csv, jsonl (one row per finding) or claimreview (schema.org JSON-LD).")] = "jsonl",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write (default: stdout; required for docx).")] = None,
    type_: Annotated[list[str] | None, typer.Option("--type", "-t", help="Only these types (repeat or comma-separate).")] = None,
    status: Annotated[list[str] | None, typer.Option(help="Only these review statuses (unreviewed, confirmed, ...).")] = None,
    min_score: Annotated[float, typer.Option(min=0.0, max=1.0, help="Lowest score exported.")] = 0.0,
    source: Annotated[str | None, typer.Option(help="Only findings where either side has this source.")] = None,
    title: Annotated[str | None, typer.Option(help="Title of the brief (md, html, docx).")] = None,
    author: Annotated[str, typer.Option(help="Organisation named as the ClaimReview author.")] = "contradict",
) -> None:
    """Export findings as a brief (Markdown, HTML, DOCX), CSV, JSON Lines or ClaimReview.

    Example: contradict export case.db --format docx -o brief.docx --status confirmed
    """
    from ..export import BINARY_FORMATS
    from ..export import export as run_export

    if format_ in BINARY_FORMATS and output is None:
        raise UsageError(f"--format {format_} writes a binary file, not text", f"give a file name: -o brief.{format_}")
    types = _split(type_)
    _check_types(types)
    result = run_export(db, format_, types=types, status=_split(status), min_score=min_score,
                        source=source, title=title, author=author)
    if output is None:
        typer.echo(result, nl=False)
        return
    try:
        if isinstance(result, bytes):
            output.write_bytes(result)
        else:
            output.write_text(result, encoding="utf-8")
    except OSError as exc:
        raise ContradictError(f"{output}: cannot be written ({exc.strerror or type(exc).__name__})",
                              "check that the folder exists and is writable") from None
    typer.echo(f"Wrote {output}", err=True)


def _conflict_line(s: dict) -> str:
    def num(x: float | None) -> str:
        return "n/a" if x is None else f"{x:g}"

    share = "n/a" if s["gold_conflict_share"] is None else f"{s['gold_conflict_share']:.0%}"
    over = ", ".join(s["over_merged"]) or "none"
    return (f"conflicts: {s['conflicts']}, of which {s['gold_conflicts']} hold a gold contradiction ({share}); "
            f"per gold contradiction {num(s['findings_per_gold'])} findings in {num(s['conflicts_per_gold'])} "
            f"conflicts; over-merged gold contradictions: {over}")


@app.command("eval")
def eval_(
    gold: Annotated[Path, typer.Argument(help="Gold file of labelled pairs (gold.yaml).")],
    db: Annotated[Path, typer.Option("--db", help="Database written by contradict scan.")] = Path("contradict.db"),
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="List every gold pair and its outcome.")] = False,
) -> None:
    """Score findings against gold pairs: recall on contradictions, hard negatives flagged.

    Example: contradict eval path/to/case/gold.yaml --db case.db
    """
    from ..evaluate import evaluate

    report = evaluate(gold, db)
    summary = report.summary()
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    def pct(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.0%}"

    typer.echo(f"contradictions: {summary['contradictions']}  recall {pct(summary['recall'])}  "
               f"(same type {pct(summary['typed_recall'])}, reached the detectors {pct(summary['candidate_recall'])})")
    typer.echo(f"hard negatives: {summary['hard_negatives']}  flagged {pct(summary['hard_negative_rate'])}")
    typer.echo(f"findings: {summary['findings']}, of which {summary['gold_findings']} match a gold contradiction; "
               f"average precision of the ranking {summary['average_precision']}")
    typer.echo(_conflict_line(summary))
    typer.echo(f"{'type':<12} {'recall':>7} {'n':>3}  {'hard neg. flagged':>17} {'n':>3}")
    for t, v in summary["per_type"].items():
        typer.echo(f"{t:<12} {pct(v['recall']):>7} {v['n']:>3}  {pct(v['hard_negative_rate']):>17} {v['hard_negatives']:>3}")
    for lang, v in summary["per_language"].items():
        typer.echo(f"language {lang}: recall {pct(v['recall'])}, hard negatives flagged {pct(v['hard_negative_rate'])}")
    if verbose:
        for o in report.outcomes:
            mark = "FLAGGED" if o.flagged else ("paired " if o.candidate else "missed ")
            typer.echo(f"  {o.gold.id:<5} {o.gold.label:<14} {o.gold.type or '':<12} {mark} {','.join(o.finding_types)} {o.problem or ''}")
    for gid in summary["unlocated"]:
        typer.echo(f"Warning: gold pair {gid}: quote or document not found in the database", err=True)
