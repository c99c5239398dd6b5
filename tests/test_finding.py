"""A finding is typed from the detector to the store: one factory, a structured topic that is
stored as the same string it always was, and a row that reads back as the same finding."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from contradict import store
from contradict.detect import detect_pair, numeric
from contradict.finding import Finding, Topic

from .detect.helpers import pair, view

# (type, stored topic, its parts): every kind the built-in detectors write
STORED = [
    ("numeric", "cameras", Topic("unit", "cameras")),
    ("numeric", "bus_depots", Topic("unit", "bus_depots")),
    ("existence", "dpia", Topic("record", "dpia")),
    ("existence", "thing:camera_locations", Topic("thing", "camera_locations")),
    ("legal_basis", "legal:biometric", Topic("legal", "biometric")),
    ("polarity", "use:biometric", Topic("use", "biometric")),
    ("polarity", "disclosure", Topic("disclosure")),
    ("temporal", "event:signed", Topic("event", "signed")),
    ("entity", "entity", Topic("entity")),
    ("antonym", "negation", Topic("negation")),
    ("antonym", "antonym:increased:decreased", Topic("antonym", "increased:decreased")),
    ("judge", "judge", Topic("judge")),
    ("shouting", "tone", Topic("tone")),  # a plugin's own, without a key
]


@pytest.mark.parametrize(("type_", "text", "topic"), STORED)
def test_a_stored_topic_reads_as_its_kind_and_key_and_writes_back_the_same(type_: str, text: str,
                                                                           topic: Topic) -> None:
    assert Topic.parse(text, type_) == topic
    assert str(topic) == text


@pytest.mark.parametrize("text", ["", "unit:x", "record:y", "antonym:", "a:b:c", "Cameras", "legal:"])
@pytest.mark.parametrize("type_", ["numeric", "existence", "polarity", "judge", ""])
def test_any_stored_topic_is_written_back_unchanged(text: str, type_: str) -> None:
    assert str(Topic.parse(text, type_)) == text


def test_the_factory_clamps_the_score_and_capitalises_the_explanation_once() -> None:
    f = Finding.of(score=1.234, relation="contradiction", topic=Topic("unit", "cameras"),
                   explanation="the ministry gives 1,000; the DPIA 8,100.")
    assert (f.score, f.explanation) == (1.0, "The ministry gives 1,000; the DPIA 8,100.")
    assert Finding.of(score=-0.2, relation="update", topic="x", explanation="“quoted” first").score == 0.0
    assert Finding.of(score=0.12345, relation="update", topic="x", explanation="").score == 0.123


def test_a_detected_finding_is_placed_on_its_pair() -> None:
    a = view("The minister said about 1,000 cameras will be installed.", id="a", source="Government", date="2019-01-31")
    b = view("The impact assessment covers 8,100 cameras in total.", id="b", source="Ministry", kind="dpia", date="2020-06")
    (f,) = detect_pair(a, b, {**pair(), "id": "p1"}, (numeric.NAME,))
    assert (f.claim_a, f.claim_b, f.pair_id, f.type, f.detector) == ("a", "b", "p1", "numeric", numeric.NAME)
    assert f.topic == Topic("unit", "cameras") and f.explanation.startswith("Government")
    assert pickle.loads(pickle.dumps(f)) == f  # the way a worker process hands it back


def test_every_stored_finding_reads_back_as_the_finding_that_was_written(small_case: Path, tmp_path: Path) -> None:
    from contradict.pipeline import ScanConfig, scan

    path = tmp_path / "s.db"
    scan(small_case, path, ScanConfig(model="hash", use_judge=False, translate=False))
    db = store.open_db(path, create=False)
    rows = list(db.query("select * from findings order by id"))
    assert {r["type"] for r in rows} >= {"numeric", "existence"}
    findings = [Finding.from_row(r) for r in rows]
    for row, f in zip(rows, findings, strict=True):
        assert f.to_row() == {k: row[k] for k in f.to_row()}
        assert str(f.topic) == row["topic"] and f.topic.kind in ("unit", "record", "thing")
    store.save_findings(db, [f.pair_id for f in findings], findings, "sig", "again")
    assert [Finding.from_row(r) for r in db.query("select * from findings order by id")] == findings


def test_a_plugin_may_still_return_a_plain_dict() -> None:
    f = Finding.coerce({"score": 0.5, "relation": "contradiction", "topic": "tone",
                        "explanation": "one of the two claims is written in capitals.", "values": {}})
    assert f.topic == Topic("tone") and f.explanation.startswith("One") and f.signals == {}
