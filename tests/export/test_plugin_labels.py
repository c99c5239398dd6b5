"""A new detector needs no edit in the brief or the Datasette metadata: its labels come from
the detector registry (its ``LABEL`` and optional ``topic_label``)."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from contradict.detect import registry

PLUGIN = textwrap.dedent('''
    NAME = "tone.v1"
    TYPE = "tone"
    LABEL = "One side shouts"

    def topic_label(topic):
        return "Tone of voice" if topic == "tone" else None

    def check(a, b, pair):
        if a["text"].isupper() != b["text"].isupper():
            return {"score": 0.5, "relation": "contradiction", "topic": "tone",
                    "explanation": "One of the two claims is written in capitals.", "values": {}}
        return None
''')


@pytest.fixture
def scanned_with_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from contradict.pipeline import ScanConfig, scan

    site = tmp_path / "site"
    site.mkdir()
    (site / "tone_detector.py").write_text(PLUGIN, encoding="utf-8")
    info = site / "tone_detector-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: tone-detector\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[contradict.detectors]\ntone = tone_detector\n")
    monkeypatch.syspath_prepend(str(site))
    registry.cache_clear()
    case = tmp_path / "case"
    case.mkdir()
    (case / "a.md").write_text("---\nsource: A\ndate: 2020-01-01\n---\n\nTHE BRIDGE WAS CLOSED IN MARCH 2020.\n")
    (case / "b.md").write_text("---\nsource: B\ndate: 2021-01-01\n---\n\nThe bridge was closed in March 2020.\n")
    db = tmp_path / "p.db"
    scan(case, db, ScanConfig(model="hash", use_judge=False, translate=False))
    yield db
    registry.cache_clear()
    sys.modules.pop("tone_detector", None)


def test_a_plugin_detector_gets_its_own_headings_in_the_brief(scanned_with_plugin: Path) -> None:
    from contradict.export import export

    md = str(export(scanned_with_plugin, "md", types=["tone"]))
    assert "### Tone of voice" in md  # the topic, as the detector names it
    assert "*One side shouts (1)*" in md  # the type, by the detector's LABEL


def test_the_datasette_metadata_lists_a_plugin_detector_type(scanned_with_plugin: Path) -> None:
    from contradict.serve import build_metadata

    columns = build_metadata(scanned_with_plugin)["databases"]["p"]["tables"]["findings"]["columns"]
    assert columns["type"].startswith("Detector type: numeric, ") and ", tone." in columns["type"]
    assert "detector_types" not in str(build_metadata(scanned_with_plugin))  # every placeholder filled
