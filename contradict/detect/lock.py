"""``python -m contradict.detect.lock``: record each detector's fingerprint in versions.json.

Run it only when a detector's source changed *without* changing what it flags (a comment, a
rename); when its behaviour changed, give it a new version name (``numeric.v2``) instead, so
databases and reviews can tell old findings from new. ``tests/detect/test_registry.py`` fails
until one of the two is done.
"""

from __future__ import annotations

import json
from pathlib import Path

LOCK = Path(__file__).with_name("versions.json")


def read_lock() -> dict[str, str]:
    return json.loads(LOCK.read_text(encoding="utf-8")) if LOCK.exists() else {}


def write_lock() -> dict[str, str]:
    from . import builtin, registry

    lock = {n: registry()[n].fingerprint for n in builtin()}
    LOCK.write_text(json.dumps(lock, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return lock


if __name__ == "__main__":
    for name, fp in write_lock().items():
        print(f"{name} {fp[:12]}")
