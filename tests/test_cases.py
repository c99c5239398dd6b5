"""Floors on the development cases (corpora/cases.yaml): written before the detector work and
tuned on, so a regression shows here. Sealed cases are reported by benchmarks/quality.py and
never floored: a floor would invite tuning on them."""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
CASES = yaml.safe_load((ROOT / "corpora" / "cases.yaml").read_text("utf-8"))["cases"]
DEVELOPMENT = [name for name, c in CASES.items() if c["role"] == "development"]

# Set 2026-12-01 from benchmarks/quality.py (rules + judge), less a margin for noise; raised
# 2026-12-02 after the packs' death counts, change.v1's scope guard and the responsibility rules
# (contradict eval: flint-water 9 of 22 found, 2 of 21 hard negatives flagged; novi-sad-canopy
# 10 of 20, 0 of 22): one more miss passes, two fail.
# Candidate recall: issue 9's target is 0.9 on every case; hard negatives: at most 10%.
FLOORS = {
    "flint-water": {"candidate_recall": 0.85, "recall": 0.35, "hard_negative_rate": 0.10},
    "novi-sad-canopy": {"candidate_recall": 0.90, "recall": 0.45, "hard_negative_rate": 0.10},
}

pytestmark = pytest.mark.slow


def test_every_case_has_a_role_a_gold_file_and_a_manifest():
    for name, case in CASES.items():
        folder = ROOT / "corpora" / name
        assert case["role"] in ("bundled", "development", "sealed")
        assert (folder / "gold.yaml").exists() and (folder / "MANIFEST.md").exists()
    roles = [c["role"] for c in CASES.values()]
    assert roles.count("development") == 2 and roles.count("sealed") == 2
    assert set(FLOORS) == set(DEVELOPMENT)


@pytest.mark.parametrize("name", DEVELOPMENT)
def test_development_case_floors(name, tmp_path):
    from contradict.evaluate import evaluate
    from contradict.pipeline import scan

    folder = ROOT / "corpora" / name
    scan(folder, tmp_path / "case.db")
    s = evaluate(folder / "gold.yaml", tmp_path / "case.db").summary()
    floor = FLOORS[name]
    assert s["unlocated"] == []
    assert s["candidate_recall"] >= floor["candidate_recall"], s
    assert s["recall"] >= floor["recall"], s
    assert s["hard_negative_rate"] <= floor["hard_negative_rate"], s
