"""The ``contradict`` command: a typer app whose commands are thin wrappers over the library.

One error boundary: a :class:`ContradictError` becomes ``Error: <what> — <what to do>`` on
stderr and exit code 1 (2 for bad usage); Ctrl-C leaves a consistent database and exit 130.
Heavy modules (spaCy, torch, sentence-transformers) are imported inside commands only.
"""

from __future__ import annotations

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


def main() -> None:
    try:
        app()
    except ContradictError as exc:
        typer.echo(f"Error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        typer.echo("Interrupted — what was stored is kept; run the same command again to resume.", err=True)
        sys.exit(130)
