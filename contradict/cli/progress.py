"""Progress on stderr: one bar per stage with its count and rate (rich) when stderr is a
terminal, nothing when it is not or with --quiet. ``text_progress`` writes plain lines
instead (a log file of a long benchmark)."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

Stage = Callable[[str, int], Callable[[int], None]]


def _silent(stage: str, total: int) -> Callable[[int], None]:
    return lambda n: None


@contextmanager
def progress_bars(quiet: bool) -> Iterator[Stage]:
    if quiet or not sys.stderr.isatty():
        yield _silent
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class RateColumn(ProgressColumn):
        """Items per second of the stage (claims/s, pairs/s)."""

        def render(self, task: Any) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.0f}/s" if speed else "", style="progress.data.speed")

    with Progress(
        TextColumn("{task.description:<26}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
        TimeElapsedColumn(), TimeRemainingColumn(), console=Console(stderr=True), transient=False,
    ) as bars:

        def stage(name: str, total: int) -> Callable[[int], None]:
            task = bars.add_task(name, total=total)
            return lambda n: bars.advance(task, n)

        yield stage


def text_progress(stream: IO[str] | None = None, quiet: bool = False, every: float = 30.0,
                  extra: Callable[[], str] | None = None) -> Stage:
    """A plain-text stage reporter: a line when a stage starts, every ``every`` seconds, and
    when it is done, each with its count and rate (and ``extra()``, e.g. the memory used)."""
    out = stream or sys.stderr
    if quiet:
        return _silent

    def stage(name: str, total: int) -> Callable[[int], None]:
        start = last = time.perf_counter()
        done = 0
        print(f"{name}: 0/{total:,}", file=out, flush=True)

        def advance(n: int) -> None:
            nonlocal done, last
            done += n
            now = time.perf_counter()
            if done >= total or now - last >= every:
                last = now
                rate = done / (now - start) if now > start else 0.0
                more = f"; {extra()}" if extra else ""
                print(f"{name}: {done:,}/{total:,} in {now - start:,.1f} s ({rate:,.1f}/s){more}", file=out, flush=True)

        return advance

    return stage
