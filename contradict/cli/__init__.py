"""The ``contradict`` command: a typer app whose commands are thin wrappers over the library.

One error boundary (:class:`Boundary`, around every command): a :class:`ContradictError`
becomes ``Error: <what> — <what to do>`` on stderr and exit code 1 (2 for bad usage); Ctrl-C
leaves a consistent database and exit 130; any other exception is a bug, shown as one line
(exit 1) unless ``CONTRADICT_DEBUG`` is set. Heavy modules (spaCy, torch,
sentence-transformers) are imported inside commands only.
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup

from ..errors import ContradictError

INTERRUPTED = "Interrupted — what was stored is kept; run the same command again to resume."


class Boundary(TyperGroup):
    """The command group, with the one error boundary around every command. It runs inside
    click, so ``contradict`` and ``typer.testing.CliRunner`` report errors the same way."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.exceptions.Abort, typer.exceptions.TyperException):
            raise
        except ContradictError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            typer.echo(INTERRUPTED, err=True)
            raise typer.Exit(130) from None
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                _internal_error(exc)
            typer.echo("Error: the database is busy: another process kept it locked for 30 seconds "
                       "— try again when the other scan or write has finished", err=True)
            raise typer.Exit(1) from None
        except Exception as exc:  # a bug of ours: one line, no traceback, nor document text
            _internal_error(exc)


def _internal_error(exc: Exception) -> NoReturn:
    if os.environ.get("CONTRADICT_DEBUG"):
        raise exc
    typer.echo(f"Error: internal error ({type(exc).__name__}); what was stored is kept — a bug in "
               "contradict: run again with CONTRADICT_DEBUG=1 to see the traceback, and report it", err=True)
    raise typer.Exit(1) from None


app = typer.Typer(
    cls=Boundary,
    name="contradict",
    help="Find where official statements contradict each other and their own filings.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

from . import commands  # noqa: E402,F401  (registers the commands)
from . import review  # noqa: E402,F401


def main() -> None:
    """The ``contradict`` command; errors are reported by :class:`Boundary`."""
    app()
