"""The shipped judge loads offline, is what its card says, and reads plain cases right; the
training recipe runs end to end on a tiny slice."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from contradict.errors import ModelError
from contradict.judge import Judge, get_judge, shipped_judge_path
from contradict.judge.model import CARD, WEIGHTS, sha256_file

ROOT = Path(__file__).resolve().parents[2]
NLI = ROOT.parent / "shared" / "nli"
SHIPPED = shipped_judge_path()


def test_the_shipped_weights_are_small_and_match_their_card():
    card = json.loads((SHIPPED / CARD).read_text(encoding="utf-8"))
    assert (SHIPPED / WEIGHTS).stat().st_size <= 50 * 1024 * 1024
    assert card["weights_sha256"] == sha256_file(SHIPPED / WEIGHTS)
    assert card["labels"] == ["entailment", "neutral", "contradiction"]
    assert (SHIPPED / "README.md").exists()  # the model card a person reads


def test_damaged_weights_are_refused_with_one_clear_message(tmp_path):
    for f in SHIPPED.iterdir():
        if f.is_file():
            (tmp_path / f.name).write_bytes(f.read_bytes())
    data = bytearray((tmp_path / WEIGHTS).read_bytes())
    data[-1] ^= 0xFF
    (tmp_path / WEIGHTS).write_bytes(bytes(data))
    with pytest.raises(ModelError, match="checksum does not match"):
        Judge(tmp_path)
    with pytest.raises(ModelError, match="no judge model here"):
        Judge(tmp_path / "missing")


# Plain cases of the kinds the judge is for, none taken from a corpus or a benchmark
CASES = [
    ("The ministry installed 1,000 cameras in the city last year.",
     "The ministry has not installed any cameras in the city.", "contradiction"),
    ("The bridge was opened to traffic in May 2019.", "The bridge has never been opened to traffic.", "contradiction"),
    ("The hospital has 400 beds and 30 doctors.", "The hospital has 400 beds.", "entailment"),
    ("The contract was signed by the mayor in 2021.", "In 2021 the mayor signed the contract.", "entailment"),
    ("The agency published its annual report in March.", "The agency's director likes football.", "neutral"),
]


@pytest.mark.parametrize("premise, hypothesis, label", CASES)
def test_the_shipped_judge_reads_plain_cases_right(premise, hypothesis, label):
    judge = get_judge(SHIPPED)
    probs = judge.predict([(premise, hypothesis)])[0]
    assert ["entailment", "neutral", "contradiction"][int(probs.argmax())] == label, probs
    assert abs(float(probs.sum()) - 1.0) < 1e-4


def test_judge_output_does_not_depend_on_batch_order():
    judge = get_judge(SHIPPED)
    pairs = [(p, h) for p, h, _ in CASES]
    one = judge.predict(pairs)
    rev = judge.predict(pairs[::-1])[::-1]
    assert (abs(one - rev) < 1e-4).all()


@pytest.mark.slow
@pytest.mark.skipif(not (NLI / "MANIFEST.md").exists(), reason="../shared/nli not found")
def test_training_recipe_runs_on_a_tiny_slice_and_writes_a_loadable_model(tmp_path):
    out = tmp_path / "judge"
    subprocess.run([sys.executable, "-m", "contradict.judge.train", "--smoke", "--nli", str(NLI),
                    "--out", str(out), "--contrast", "60"], check=True, cwd=ROOT, capture_output=True)
    card = json.loads((out / CARD).read_text(encoding="utf-8"))
    assert card["recipe"]["smoke"] is True and card["train_pairs"] > 200
    assert card["weights_sha256"] == sha256_file(out / WEIGHTS)
    assert {"held_out", "mnli-dev-matched"} <= set(card["figures"])
    log = [json.loads(line) for line in (out / "train_log.jsonl").read_text().splitlines()]
    assert log and log[-1]["step"] == log[-1]["of"]
    probs = Judge(out).predict([("A man sleeps.", "A man is awake.")])
    assert probs.shape == (1, 3)
