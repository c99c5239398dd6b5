"""Run the contradict CLI and SIGKILL it at an exact point.

    python tests/reliability/killer.py MODULE:ATTRIBUTE:N:WHEN -- scan FOLDER --db DB ...

The N-th call of ``MODULE.ATTRIBUTE`` (``contradict.store:save_document``, or a method such as
``sqlite_utils.db:Table.insert_all``) kills the process with SIGKILL ``before`` or ``after``
the call runs: no Python cleanup, no ``finally``, no commit of an open transaction; what a
power cut or the OOM killer leaves. Without the N-th call, the command finishes normally.
"""

from __future__ import annotations

import functools
import importlib
import os
import signal
import sys


def install(spec: str) -> None:
    module_name, attribute, nth, when = spec.split(":")
    owner = importlib.import_module(module_name)
    *path, name = attribute.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = getattr(owner, name)
    calls = 0

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        nonlocal calls
        calls += 1
        if calls == int(nth) and when == "before":
            os.kill(os.getpid(), signal.SIGKILL)
        result = original(*args, **kwargs)
        if calls == int(nth) and when == "after":
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(owner, name, wrapper)


if __name__ == "__main__":
    separator = sys.argv.index("--")
    for spec in sys.argv[1:separator]:
        install(spec)
    sys.argv = ["contradict", *sys.argv[separator + 1 :]]
    from contradict.cli import main

    main()
