"""A new detector needs no edit in the brief or the Datasette metadata: its labels come from
the detector registry (its ``LABEL`` and optional ``topic_label``)."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from contradict.detect import registry

from ..detect.test_registry import PLUGIN as SHOUTING
from ..plugins import installed

# the shouting detector of the registry tests, naming its own topic
PLUGIN = SHOUTING + textwrap.dedent('''
    def topic_label(topic):
        return "Tone of voice" if topic == "tone" else None
''')


@pytest.fixture
def scanned_with_plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from contradict.pipeline import ScanConfig, scan

    case = tmp_path / "case"
    case.mkdir()
    (case / "a.md").write_text("---\nsource: A\ndate: 2020-01-01\n---\n\nTHE BRIDGE WAS CLOSED IN MARCH 2020.\n")
    (case / "b.md").write_text("---\nsource: B\ndate: 2021-01-01\n---\n\nThe bridge was closed in March 2020.\n")
    db = tmp_path / "p.db"
    with installed(tmp_path, monkeypatch, "tone_detector", PLUGIN, "[contradict.detectors]\nshouting = tone_detector\n"):
        registry.cache_clear()
        scan(case, db, ScanConfig(model="hash", use_judge=False, translate=False))
        yield db
    registry.cache_clear()


def test_a_plugin_detector_gets_its_own_headings_in_the_brief(scanned_with_plugin: Path) -> None:
    from contradict.export import export

    md = str(export(scanned_with_plugin, "md", types=["shouting"]))
    assert "### Tone of voice" in md  # the topic, as the detector names it
    assert "*One side shouts (1)*" in md  # the type, by the detector's LABEL


def test_the_datasette_metadata_lists_a_plugin_detector_type(scanned_with_plugin: Path) -> None:
    from contradict.serve import build_metadata

    columns = build_metadata(scanned_with_plugin)["databases"]["p"]["tables"]["findings"]["columns"]
    assert columns["type"].startswith("Detector type: numeric, ") and ", shouting." in columns["type"]
    assert "detector_types" not in str(build_metadata(scanned_with_plugin))  # every placeholder filled
