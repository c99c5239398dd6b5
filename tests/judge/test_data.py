"""The judge's training data: only shippable sets, nothing it is scored on, seeded contrast pairs."""

from collections import Counter
from pathlib import Path

import pytest

from contradict.judge.data import (
    CON,
    ENT,
    EVAL_SETS,
    NEU,
    TRAIN_SETS,
    contrast_pairs,
    load_eval_set,
    load_train_sets,
)

NLI = Path(__file__).resolve().parents[2].parent / "shared" / "nli"
needs_nli = pytest.mark.skipif(not (NLI / "MANIFEST.md").exists(), reason="../shared/nli not found")

# evaluation-only sets (non-commercial or unknown licence: shared/nli/MANIFEST.md), and the dev
# and test files the benchmarks report on
NOT_FOR_TRAINING = ("ANLI/", "IMPPRES", "XNLI", "AVeriTeC", "SICK", "RTE-GLUE", "CB-SuperGLUE",
                    "HANS-repo", "MNLI/", "snli_test", "CAD-SNLI/dev", "conj_dev", "FEVER")
# (matched at the start of a path or of a file name)


def test_no_training_file_is_evaluation_only_or_reported_on():
    files = [f for s in TRAIN_SETS for f in s.files]
    for bad in NOT_FOR_TRAINING:
        assert not [f for f in files if f.startswith(bad) or f"/{bad}" in f], bad
    assert not set(files) & {f for f, _ in EVAL_SETS.values()}
    assert all(s.licence for s in TRAIN_SETS)


def test_contrast_pairs_are_seeded_balanced_and_cover_every_kind_of_contrast():
    a, b = contrast_pairs(600, seed=3), contrast_pairs(600, seed=3)
    assert a == b
    assert contrast_pairs(600, seed=4) != a
    labels = Counter(p.label for p in a)
    assert all(labels[x] >= 100 for x in (ENT, NEU, CON)), labels
    kinds = {p.source.split(":")[1] for p in a}
    for k in ("figure_changed", "figure_within_qualifier", "other_thing_counted", "part_whole",
              "existence_flip", "ownership_flip", "no_change_vs_change", "plan_fact", "date_changed",
              "antonym", "entity_swapped", "legal_basis_denied", "rewrite"):
        assert k in kinds, k


def test_a_figure_within_its_qualifier_is_entailment_and_beyond_it_contradiction():
    pairs = contrast_pairs(2400, seed=1)
    within = [p for p in pairs if p.source == "contrast:figure_within_qualifier"]
    beyond = [p for p in pairs if p.source == "contrast:figure_changed"]
    assert within and beyond
    assert {p.label for p in within} == {ENT} and {p.label for p in beyond} == {CON}


@needs_nli
def test_training_sets_load_and_leave_out_pairs_of_the_sets_we_report_on():
    train = load_train_sets(NLI, {s.name: 300 for s in TRAIN_SETS})
    assert {p.source for p in train} == {s.name for s in TRAIN_SETS}
    reported = {(p.premise, p.hypothesis) for name in ("snli-test", "mnli-dev-matched", "cad-snli-dev")
                for p in load_eval_set(NLI, name)}
    assert not {(p.premise, p.hypothesis) for p in train} & reported
    assert {p.label for p in train} == {ENT, NEU, CON}
