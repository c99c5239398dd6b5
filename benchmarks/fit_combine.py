"""Fit how a finding's final score combines the rule's score with the judge's reading, on the
development cases only (``corpora/cases.yaml``: never a sealed case, never a benchmark):

    .venv/bin/python benchmarks/fit_combine.py            # writes models/judge/combine.json

Each finding of a scan of a development case is one example: features (its detector's score,
P(contradiction), P(entailment), whether it is the judge's own finding), label (its pair is a
gold contradiction). A logistic regression with balanced classes is fitted; its weights are
stored beside the judge with the judge's id, and the scan applies them to pairs that judge read.
Prints average precision of the ranking before and after, per case.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from contradict.detect.combine import FEATURES, features  # noqa: E402


def gold_keys(db, gold_path: Path) -> set[frozenset]:
    from contradict.evaluate import _claims_for, load_gold

    keys: set[frozenset] = set()
    for g in load_gold(gold_path):
        if g.label != "contradiction":
            continue
        a, _ = _claims_for(db, g.a)
        b, _ = _claims_for(db, g.b)
        keys.update(frozenset((x, y)) for x in a for y in b if x != y)
    return keys


def average_precision(scores: np.ndarray, labels: np.ndarray) -> float:
    order = np.argsort(-scores, kind="stable")
    hits, total = 0, 0.0
    for i, k in enumerate(order, start=1):
        if labels[k]:
            hits += 1
            total += hits / i
    return round(total / hits, 3) if hits else 0.0


def main() -> int:
    import yaml
    from sklearn.linear_model import LogisticRegression

    from contradict.judge import get_judge
    from contradict.pipeline import ScanConfig, scan
    from contradict.store import open_db

    cases = yaml.safe_load((ROOT / "corpora" / "cases.yaml").read_text("utf-8"))["cases"]
    dev = [name for name, c in cases.items() if c["role"] == "development"]
    judge = get_judge(None)
    X, y, groups, raw = [], [], [], []
    for name in dev:
        folder = ROOT / "corpora" / name
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "case.db"
            scan(folder, path, ScanConfig(combine=False))
            db = open_db(path, create=False)
            keys = gold_keys(db, folder / "gold.yaml")
            rows = db.query("select f.claim_a, f.claim_b, f.type, f.score, f.signals, p.p_contradiction, "
                            "p.p_entailment from findings f join pairs p on p.id = f.pair_id")
            for r in rows:
                signals = json.loads(r["signals"] or "{}")
                score = signals.get("rule_score", r["score"])
                X.append(features(score, r["p_contradiction"], r["p_entailment"], r["type"]))
                y.append(frozenset((r["claim_a"], r["claim_b"])) in keys)
                groups.append(name)
                raw.append(score)
            db.close()
        print(f"{name}: {sum(1 for g, lab in zip(groups, y, strict=True) if g == name and lab)} gold findings "
              f"of {groups.count(name)}", file=sys.stderr)
    Xa, ya = np.array(X, dtype=float), np.array(y, dtype=bool)
    model = LogisticRegression(C=1.0, class_weight="balanced", max_iter=1000).fit(Xa, ya)
    fitted = model.predict_proba(Xa)[:, 1]
    out = {
        "judge": judge.model_id,
        "features": list(FEATURES),
        "weights": [round(float(w), 4) for w in model.coef_[0]],
        "bias": round(float(model.intercept_[0]), 4),
        "fitted_on": dev,
        "examples": len(ya),
        "positives": int(ya.sum()),
        "average_precision": {},
    }
    for name in dev:
        m = np.array([g == name for g in groups])
        out["average_precision"][name] = {"rule_score": average_precision(np.array(raw)[m], ya[m]),
                                          "combined": average_precision(fitted[m], ya[m])}
    dest = judge.path / "combine.json"
    dest.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
