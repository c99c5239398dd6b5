"""Load and run the contradiction judge: a BERT cross-encoder that reads (premise, hypothesis)
and gives P(entailment), P(neutral), P(contradiction).

The shipped judge lives in ``models/judge`` (fp16 safetensors, ``judge.json`` with the sha256
of its weights, checked on load). ``--judge PATH`` / ``CONTRADICT_JUDGE`` takes any local
folder saved with ``save_pretrained`` whose config has labels named entailment / neutral /
contradiction (the order is read from the config). Nothing downloads; torch and transformers
are imported only when a judge is first used.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelError

JUDGE_ENV = "CONTRADICT_JUDGE"
WEIGHTS = "model.safetensors"
CARD = "judge.json"


def shipped_judge_path() -> Path:
    """``models/judge`` of the repository (also found beside an installed package's source)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        candidate = parent / "models" / "judge"
        if (candidate / WEIGHTS).exists():
            return candidate
    return here.parents[2] / "models" / "judge"


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def resolve_judge_path(spec: str | Path | None = None) -> Path:
    spec = spec or os.environ.get(JUDGE_ENV)
    return Path(spec) if spec else shipped_judge_path()


class Judge:
    """A cross-encoder with batched, length-sorted, dynamically padded inference."""

    def __init__(self, path: Path, *, check_hash: bool = True, batch_size: int = 64,
                 threads: int | None = None) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        path = Path(path)
        if not (path / "config.json").exists():
            raise ModelError(f"{path}: no judge model here (config.json missing)",
                             "pass --judge a folder saved with save_pretrained, or --no-judge")
        self.path = path
        self.card: dict[str, Any] = {}
        if (path / CARD).exists():
            self.card = json.loads((path / CARD).read_text(encoding="utf-8"))
        weights = path / WEIGHTS
        self.weights_sha256 = sha256_file(weights) if weights.exists() else None
        expected = self.card.get("weights_sha256")
        if check_hash and expected and expected != self.weights_sha256:
            raise ModelError(f"{weights}: checksum does not match {CARD}",
                             "the weights are damaged or were replaced; restore them with git or retrain")
        self.threads = threads
        self.batch_size = batch_size
        self.max_length = int(self.card.get("max_length", 128))
        self.model_id = f"judge:{(self.weights_sha256 or path.name)[:12]}"
        self.model: Any = None  # loaded on first use: a scan with nothing to judge never imports torch

    def load(self) -> None:
        if self.model is not None:
            return
        path = self.path
        try:
            import torch
            import transformers
            from transformers import AutoModelForSequenceClassification, AutoTokenizer

            transformers.logging.set_verbosity_error()
            if self.threads:
                torch.set_num_threads(self.threads)
            self.tokenizer = AutoTokenizer.from_pretrained(str(path), local_files_only=True)
            model = AutoModelForSequenceClassification.from_pretrained(str(path), local_files_only=True)
        except Exception as exc:
            raise ModelError(f"{path}: cannot load a sequence-pair classifier ({type(exc).__name__})",
                             "pass --judge a folder saved with save_pretrained, or --no-judge") from None
        self.torch = torch
        labels = {int(k): str(v).lower() for k, v in model.config.id2label.items()}
        try:
            self.order = [next(i for i, v in labels.items() if v.startswith(name))
                          for name in ("entail", "neutral", "contradiction")]
        except StopIteration:
            raise ModelError(f"{path}: the model's labels {sorted(labels.values())} are not NLI labels",
                             "its config needs id2label with entailment, neutral and contradiction") from None
        self.model = model.float().eval()  # fp16 on disk, fp32 on the CPU (fp16 matmuls are slow there)

    def predict(self, pairs: Sequence[tuple[str, str]],
                progress: Callable[[int], None] | None = None) -> np.ndarray:
        """Probabilities (entailment, neutral, contradiction) per pair, in input order."""
        out = np.zeros((len(pairs), 3), dtype="float32")
        if not pairs:
            return out
        self.load()
        lengths = [len(a) + len(b) for a, b in pairs]
        order = sorted(range(len(pairs)), key=lengths.__getitem__)
        torch = self.torch
        with torch.inference_mode():
            for i in range(0, len(order), self.batch_size):
                idx = order[i : i + self.batch_size]
                enc = self.tokenizer([pairs[j][0] for j in idx], [pairs[j][1] for j in idx],
                                     padding=True, truncation=True, max_length=self.max_length,
                                     return_tensors="pt")
                logits = self.model(**enc).logits
                probs = torch.softmax(logits, dim=-1)[:, self.order].numpy()
                out[idx] = probs
                if progress:
                    progress(len(idx))
        return out


_CACHE: dict[str, Judge] = {}


def get_judge(spec: str | Path | None = None) -> Judge:
    path = resolve_judge_path(spec)
    key = str(path.resolve())
    if key not in _CACHE:
        if not path.exists():
            raise ModelError(f"{path}: judge model not found", "pass --judge PATH, or --no-judge to scan without it")
        _CACHE[key] = Judge(path)
    return _CACHE[key]


def read_pairs(judge: Judge, pairs: Sequence[tuple[str, str]],
               progress: Callable[[int], None] | None = None) -> list[dict[str, Any]]:
    """The judge's reading of each (a, b) in both orders: P(contradiction) is the mean of the
    two (a contradiction is symmetric), P(entailment) the larger (one side may be the more
    specific), and the six raw probabilities."""
    inputs: list[tuple[str, str]] = []
    for a, b in pairs:
        inputs += [(a, b), (b, a)]
    probs = judge.predict(inputs, progress=(lambda n: progress(n // 2)) if progress else None)
    out = []
    for k in range(len(pairs)):
        ab, ba = probs[2 * k], probs[2 * k + 1]
        out.append({
            "p_contradiction": round(float(ab[2] + ba[2]) / 2, 4),
            "p_entailment": round(float(max(ab[0], ba[0])), 4),
            "judge": {"ab": [round(float(x), 4) for x in ab], "ba": [round(float(x), 4) for x in ba]},
        })
    return out
