"""A third-party package installed the way pip installs one, for the plugin tests: a module and
a dist-info folder whose entry_points.txt names it, on sys.path for the test only."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str, source: str,
              entry_points: str) -> Iterator[None]:
    """``module`` (its ``source``) installed with ``entry_points`` (the text of entry_points.txt)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / f"{module}.py").write_text(source, encoding="utf-8")
    info = site / f"{module}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(entry_points)
    monkeypatch.syspath_prepend(str(site))
    try:
        yield
    finally:
        sys.modules.pop(module, None)
