"""The ``contradict`` command: a typer app whose commands are thin wrappers over the library.

One error boundary: a :class:`ContradictError` becomes ``Error: <what> — <what to do>`` on
stderr and exit code 1 (2 for bad usage); Ctrl-C leaves a consistent database and exit 130;
any other exception is a bug, shown as one line (exit 1) unless ``CONTRADICT_DEBUG`` is set.
Heavy modules (spaCy, torch, sentence-transformers) are imported inside commands only.
"""

from __future__ import annotations

import os
import sqlite3
import sys

import typer

from ..errors import ContradictError

app = typer.Typer(
    name="contradict",
    help="Find where official statements contradict each other and their own filings.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

from . import commands  # noqa: E402,F401  (registers the commands)
from . import review  # noqa: E402,F401


INTERRUPTED = "Interrupted — what was stored is kept; run the same command again to resume."


def main() -> None:
    try:
        app()
    except ContradictError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo(INTERRUPTED, err=True)
        sys.exit(130)
    except SystemExit as exc:
        if exc.code == 130:  # typer turns Ctrl-C into a silent exit 130
            typer.echo(INTERRUPTED, err=True)
        raise
    except sqlite3.OperationalError as exc:
        if "locked" not in str(exc) and "busy" not in str(exc):
            _internal_error(exc)
        typer.echo("Error: the database is busy: another process kept it locked for 30 seconds "
                   "— try again when the other scan or write has finished", err=True)
        sys.exit(1)
    except Exception as exc:  # a bug of ours: one line, no traceback, nor document text
        _internal_error(exc)


def _internal_error(exc: Exception) -> None:
    if os.environ.get("CONTRADICT_DEBUG"):
        raise exc
    typer.echo(f"Error: internal error ({type(exc).__name__}); what was stored is kept — a bug in "
               "contradict: run again with CONTRADICT_DEBUG=1 to see the traceback, and report it", err=True)
    sys.exit(1)
