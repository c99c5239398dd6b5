"""Commands: serve, review."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ..errors import UsageError
from . import app

DbArgument = Annotated[Path, typer.Argument(help="Database written by contradict scan.")]


@app.command()
def serve(
    db: DbArgument,
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8001,
    host: Annotated[
        str,
        typer.Option(
            help="Address to listen on; keep 127.0.0.1 unless you mean to share the database."
        ),
    ] = "127.0.0.1",
    reviews: Annotated[
        bool,
        typer.Option(
            "--reviews",
            help="Allow recording reviews from the browser (from this machine only, unless --password is set).",
        ),
    ] = False,
    password: Annotated[
        str | None,
        typer.Option(
            envvar="CONTRADICT_PASSWORD",
            show_envvar=True,
            help="Password the review form requires; lets other machines record reviews.",
        ),
    ] = None,
    print_metadata: Annotated[
        bool,
        typer.Option(
            "--print-metadata",
            help="Print the Datasette metadata as JSON and exit (for plain `datasette DB -m`).",
        ),
    ] = False,
) -> None:
    """Browse findings side by side in Datasette, and review them.

    Example: contradict serve case.db --reviews
    """
    from ..serve import LOCAL_HOSTS, build_metadata
    from ..serve import serve as run_serve

    if print_metadata:
        typer.echo(json.dumps(build_metadata(db), indent=2, ensure_ascii=False))
        return
    if not db.exists():
        from ..store import open_db

        open_db(db, create=False)  # raises the usual "no such database" error
    if password and not reviews:
        typer.echo("Warning: --password has no effect without --reviews.", err=True)
    if host not in LOCAL_HOSTS:
        typer.echo(
            f"Warning: listening on {host}: anyone who can reach this machine can read the database.",
            err=True,
        )

    def ready(url: str) -> None:
        mode = "reviews on" if reviews else "read-only; add --reviews to review in the browser"
        typer.echo(f"Serving {db} on {url} ({mode}). Ctrl-C to stop.", err=True)

    run_serve(db, host=host, port=port, reviews=reviews, password=password, on_ready=ready)


@app.command()
def review(
    db: DbArgument,
    finding_id: Annotated[
        str | None, typer.Argument(help="Finding id, or a unique prefix of one.")
    ] = None,
    status: Annotated[
        str | None, typer.Option(help="confirmed, dismissed, update or needs-work.")
    ] = None,
    note: Annotated[str | None, typer.Option(help="Why: the evidence that settles it.")] = None,
    reviewer: Annotated[str | None, typer.Option(help="Who reviews (default: $USER).")] = None,
    list_: Annotated[
        bool,
        typer.Option("--list", help="Show the review history (of FINDING_ID, if given) instead."),
    ] = False,
    conflict: Annotated[
        bool,
        typer.Option("--conflict", help="The id is a conflict's: review every finding of that conflict."),
    ] = False,
) -> None:
    """Record a verdict on a finding; it survives every re-scan.

    With --conflict the id is a conflict's, and every finding of it gets the review; each
    finding can still be reviewed on its own afterwards.

    Example: contradict review case.db 26090169d2 --status confirmed --note "the FOI answer contradicts the interview"
    """
    from .. import review as reviews

    if list_:
        _print_history(reviews.history(db, finding_id))
        return
    if not finding_id or not status:
        raise UsageError(
            "give a FINDING_ID and --status",
            f"status is one of {', '.join(reviews.STATUSES)}; or use --list",
        )
    if conflict:
        members = reviews.review_conflict(db, finding_id, status, note, reviewer)
        by = f" by {members[0].reviewer}." if members and members[0].reviewer else "."
        typer.echo(f"Recorded {status} for the {len(members)} findings of conflict {finding_id}{by}", err=True)
        return
    done = reviews.review(db, finding_id, status, note, reviewer)
    typer.echo(
        f"Recorded {done.status} for finding {done.finding_id}"
        + (f" by {done.reviewer}." if done.reviewer else "."),
        err=True,
    )


def _print_history(rows: list[dict]) -> None:
    if not rows:
        typer.echo("No reviews yet.", err=True)
        return
    for r in rows:
        gone = "  (finding gone: see orphaned_reviews)" if r["orphaned"] else ""
        note = f"  {r['note']}" if r["note"] else ""
        typer.echo(
            f"{r['created_at']}  {r['finding_id']}  {r['status']:<10}  {r['reviewer'] or '-'}{note}{gone}"
        )
