"""Golden files for the text exports of the fixture case.

A change in output shows as a diff against tests/golden/. To accept it, regenerate on purpose
and review the diff: ``CONTRADICT_UPDATE_GOLDEN=1 pytest tests/export/test_golden.py``.
Run dates (they change every day) are replaced by ``<scan-date>``.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from contradict.export import export

GOLDEN = Path(__file__).resolve().parent.parent / "golden"
UPDATE = os.environ.get("CONTRADICT_UPDATE_GOLDEN") == "1"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8", newline="")
        return
    assert path.exists(), f"{path} is missing: run with CONTRADICT_UPDATE_GOLDEN=1 to create it"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (
        f"{name} differs from its golden file; if the change is intended, regenerate with CONTRADICT_UPDATE_GOLDEN=1 and review the diff"
    )


@pytest.mark.parametrize(
    ("fmt", "name", "options"),
    [
        ("md", "brief.md", {}),
        ("md", "brief-confirmed.md", {"status": ["confirmed"], "title": "Confirmed findings"}),
        ("csv", "findings.csv", {}),
        ("jsonl", "findings.jsonl", {}),
    ],
)
def test_golden(
    brief_db: Path, normalise: Callable[[str], str], fmt: str, name: str, options: dict
) -> None:
    text = export(brief_db, fmt, **options)
    assert isinstance(text, str)
    check_golden(name, normalise(text))


def test_claimreview_golden(brief_db: Path, normalise: Callable[[str], str]) -> None:
    text = export(brief_db, "claimreview", author="Citizens Watch")
    assert isinstance(text, str)
    check_golden("claimreview.json", normalise(text))
