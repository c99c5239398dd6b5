"""A finding's final score: its detector's score combined with the judge's reading of the pair,
by a logistic regression fitted on the development cases (``benchmarks/fit_combine.py``) and
stored beside the judge (``models/judge/combine.json``, with the id of the judge it was fitted
for). Pairs read by another judge, or no judge, keep the detector's score."""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

FEATURES = ("score", "p_contradiction", "p_entailment", "judge_finding")
COMBINE_FILE = "combine.json"


def features(score: float, p_contradiction: float | None, p_entailment: float | None, type_: str) -> list[float]:
    return [float(score), float(p_contradiction or 0.0), float(p_entailment or 0.0), 1.0 if type_ == "judge" else 0.0]


@lru_cache(maxsize=8)
def load(judge_dir: str) -> dict[str, Any] | None:
    path = Path(judge_dir) / COMBINE_FILE
    if not path.exists():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if list(data.get("features", [])) == list(FEATURES) else None


def combined(weights: dict[str, Any], score: float, pair: dict, type_: str) -> float:
    x = features(score, pair.get("p_contradiction"), pair.get("p_entailment"), type_)
    z = weights["bias"] + sum(w * v for w, v in zip(weights["weights"], x, strict=True))
    return round(1 / (1 + math.exp(-z)), 3)
