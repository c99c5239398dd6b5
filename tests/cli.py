"""The ``contradict`` command run in-process through ``typer.testing.CliRunner`` (the way
sqlite-utils tests its CLI): the same error boundary as the installed command, without a new
Python process per call. Only tests of import laziness, signals and crashes need a subprocess."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from contradict.cli import app


@dataclass
class Outcome:
    """What a run printed and returned, named like ``subprocess.CompletedProcess``."""

    returncode: int
    stdout: str
    stderr: str


def contradict(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None) -> Outcome:
    runner = CliRunner()
    with contextlib.chdir(cwd or os.getcwd()):
        result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200", **(env or {})},
                               catch_exceptions=False)
    return Outcome(result.exit_code, result.stdout, result.stderr)
