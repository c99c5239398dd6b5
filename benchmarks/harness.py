"""Shared code for the quality benchmark (benchmarks/quality.py) and its CI floor test
(tests/test_quality_floor.py): load the public benchmark data in ../shared/bench, run the
library's claim splitter and detectors on each item, and score the predictions.

Each item is a *premise* (a SummEdits document, a VitaminC evidence sentence) and a
*hypothesis* (the summary, the claim), read as two documents from different sources. Items
are small, so every hypothesis claim is paired with every premise claim, and the pair gets
the same keys ``contradict.pipeline`` gives it (cosine from the embeddings, rapidfuzz lexical
score, rank, shared frames). An item is predicted inconsistent when any detector fires on any
of its pairs (at or above ``min_score``, 0 by default).

Nothing here goes through SQLite: the scan would cost a database per item. Everything the
detectors read comes from the library at run time (``split_claims``, ``REGISTRY`` through
``detect_pair``), so a new or improved detector is measured without touching this file.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parents[1]
BENCH_ENV = "CONTRADICT_BENCH_DIR"
SUMMEDITS = {"summedits-ectsum": "summedits_ectsum.json", "summedits-news": "summedits_news.json"}
EDIT_TYPES = (
    "entity_modification",
    "antonym_swap",
    "negation_insertion_removal",
    "hallucinated_fact_insertion",
)
# SummEdits' own split names: "evaluation" is the small held-out part (4 source documents per
# domain, disjoint from "test"); thresholds are chosen on it, figures are reported on "test".
CALIBRATION_SPLIT = "evaluation"
FINDINGS_KEPT = 5  # findings written per item in predictions-*.jsonl
TEST_SPLIT = "test"
# how each dataset's two sides are presented to the detectors (source differs: a contradiction,
# never an "update" of one source's own figure)
ROLES = {
    "summedits-ectsum": (
        {"source": "the company", "kind": "statement"},
        {"source": "the summary", "kind": "other"},
    ),
    "summedits-news": (
        {"source": "the article", "kind": "media"},
        {"source": "the summary", "kind": "other"},
    ),
    "vitaminc": (
        {"source": "Wikipedia", "kind": "other"},
        {"source": "the claim", "kind": "other"},
    ),
}


def bench_dir() -> Path | None:
    """``$CONTRADICT_BENCH_DIR`` when set (and then only it), else ``../shared/bench`` next to
    the repository; None when that folder holds neither ``summedits/`` nor ``vitaminc/``."""
    env = os.environ.get(BENCH_ENV)
    c = Path(env).expanduser() if env else ROOT.parent / "shared" / "bench"
    return c if (c / "summedits").is_dir() or (c / "vitaminc").is_dir() else None


@dataclass
class Item:
    """One benchmark item. ``inconsistent`` is the gold label (SummEdits label 0, VitaminC refutes)."""

    id: str
    split: str
    premise: str
    hypothesis: str
    inconsistent: bool
    edit_types: list[str] = field(default_factory=list)
    label: str = ""  # the dataset's own label, as written there


def load_summedits(bench: Path, name: str) -> list[Item]:
    data = json.loads((bench / "summedits" / SUMMEDITS[name]).read_text("utf-8"))
    items = [
        Item(
            id=str(x["id"]),
            split=x["split"],
            premise=x["doc"],
            hypothesis=x["summary"],
            inconsistent=int(x["label"]) == 0,
            edit_types=list(x.get("edit_types") or []),
            label=str(x["label"]),
        )
        for x in data
    ]
    return sorted(items, key=lambda i: (i.split, i.id))


def load_vitaminc(bench: Path, keep_nei: bool = True) -> list[Item]:
    """``train_*.jsonl`` is the calibration split, ``test.jsonl`` the test split."""
    items = []
    for path in sorted((bench / "vitaminc").glob("*.jsonl")):
        split = TEST_SPLIT if path.stem == "test" else CALIBRATION_SPLIT
        for line in path.read_text("utf-8").splitlines():
            if not line.strip():
                continue
            x = json.loads(line)
            label = str(x["label"]).lower()
            if label == "not enough info" and not keep_nei:
                continue
            items.append(
                Item(
                    id=f"{path.stem}:{x['id']}",
                    split=split,
                    premise=x["evidence"],
                    hypothesis=x["claim"],
                    inconsistent=label == "refutes",
                    label=label,
                )
            )
    return sorted(items, key=lambda i: (i.split, i.id))


def floor_slice(bench: Path, n: int = 120) -> list[Item]:
    """The fixed slice the CI floor test scores: the first ``n`` ECTSum items of the
    calibration split by id (117 items: the whole split)."""
    items = [i for i in load_summedits(bench, "summedits-ectsum") if i.split == CALIBRATION_SPLIT]
    return sorted(items, key=lambda i: i.id)[:n]


# --- running the library on items --------------------------------------------------------------


@dataclass
class PseudoDoc:
    """What ``split_claims`` reads from an ingested ``Document``."""

    id: str
    text: str
    meta: dict
    path: str
    pages: list = field(default_factory=list)

    def page_at(self, offset: int) -> int | None:
        return None


@dataclass
class Prediction:
    item: Item
    findings: list[dict]
    premise_claims: int
    hypothesis_claims: int
    pairs: int

    def max_score(self, detectors: Iterable[str] | None = None) -> float:
        wanted = set(detectors) if detectors is not None else None
        scores = [f["score"] for f in self.findings if wanted is None or f["detector"] in wanted]
        return max(scores, default=0.0)

    def flagged(self, min_score: float = 0.0, max_rank: int | None = None) -> bool:
        """A finding at or above ``min_score``; with ``max_rank``, only on a pair whose premise
        claim is among the hypothesis claim's ``max_rank`` nearest (a diagnostic of alignment)."""
        return any(
            f["score"] >= min_score and (max_rank is None or f["rank"] <= max_rank)
            for f in self.findings
        )

    def row(self) -> dict[str, Any]:
        i = self.item
        return {
            "id": i.id,
            "split": i.split,
            "label": i.label,
            "inconsistent": i.inconsistent,
            "edit_types": i.edit_types,
            "predicted_inconsistent": self.flagged(),
            "max_score": self.max_score(),
            "detectors": sorted({f["detector"] for f in self.findings}),
            "premise_claims": self.premise_claims,
            "hypothesis_claims": self.hypothesis_claims,
            "pairs": self.pairs,
            "hypothesis": i.hypothesis,
            "n_findings": len(self.findings),
            # the strongest few, to read; every figure is computed from all of them
            "findings": [
                {
                    k: f.get(k)
                    for k in (
                        "detector",
                        "type",
                        "score",
                        "relation",
                        "explanation",
                        "values",
                        "premise",
                        "hypothesis",
                        "cosine",
                        "lexical",
                        "rank",
                    )
                }
                for f in sorted(self.findings, key=lambda f: -f["score"])[:FINDINGS_KEPT]
            ],
        }


JUDGE_K = 6  # premise sentences each summary claim is judged against (nearest by embedding)


class Runner:
    """Splits, embeds and checks items with one embedder; caches claims and vectors by text."""

    def __init__(self, model: str | None = None, judge: Any = None, judge_k: int = JUDGE_K) -> None:
        from contradict.embed import get_embedder

        self.embedder = get_embedder(model)
        self.judge = judge  # a contradict.judge.Judge, or None: rules only
        self.judge_k = judge_k
        self._read: dict[tuple[str, str], dict] = {}
        self._claims: dict[tuple[str, str], list[dict]] = {}
        self._vectors: dict[str, np.ndarray] = {}
        self.timings: dict[str, float] = defaultdict(float)

    def claims(self, role: str, text: str, meta: dict) -> list[dict]:
        """Claim rows (as ``store.load_claims`` returns them) of one side of an item."""
        from contradict.claims import split_claims

        key = (role, text)
        if key not in self._claims:
            doc_id = hashlib.sha256(f"{role}\0{text}".encode()).hexdigest()
            # "a-premise/..." sorts before "b-hypothesis/...": order_pair makes the premise claim_a
            doc = PseudoDoc(
                id=doc_id,
                text=text,
                path=f"{'a' if role == 'premise' else 'b'}-{role}/{doc_id[:12]}.txt",
                meta={"language": "en", "date": None, **meta},
            )
            rows = []
            for c in split_claims(doc):
                r = c.row()
                for k in ("cues", "frames", "entities", "features"):
                    r[k] = json.loads(r[k] or "null")
                r.update(
                    title=role,
                    source=meta.get("source"),
                    speaker=None,
                    kind=meta.get("kind"),
                    date=None,
                    url=None,
                    language="en",
                    path=doc.path,
                )
                rows.append(r)
            self._claims[key] = rows
        return self._claims[key]

    def embed(self, texts: Iterable[str]) -> None:
        todo = sorted({t for t in texts if t not in self._vectors}, key=len)
        if not todo:
            return
        from contradict.embed import normalise

        vecs = normalise(self.embedder.encode(todo))
        self._vectors.update(zip(todo, vecs, strict=True))

    def run(self, items: Sequence[Item], dataset: str) -> list[Prediction]:
        from contradict.align import order_pair, pair_row
        from contradict.detect import ClaimView, detect_pair, link_siblings

        premise_meta, hypothesis_meta = ROLES[dataset]
        t0 = time.perf_counter()
        sides = [
            (
                self.claims("premise", i.premise, premise_meta),
                self.claims("hypothesis", i.hypothesis, hypothesis_meta),
            )
            for i in items
        ]
        t1 = time.perf_counter()
        self.embed(c["text"] for p, h in sides for c in p + h)
        t2 = time.perf_counter()
        if self.judge is not None:
            self._judge_items(sides)
        t_judge = time.perf_counter()
        views: dict[str, ClaimView] = {}

        def view(row: dict) -> ClaimView:
            if row["id"] not in views:
                views[row["id"]] = ClaimView.from_row(row)
            return views[row["id"]]

        out = []
        for item, (prem, hyp) in zip(items, sides, strict=True):
            findings: list[dict] = []
            n_pairs = 0
            if prem and hyp:
                link_siblings([view(c) for c in prem])
                link_siblings([view(c) for c in hyp])
                pv = np.vstack([self._vectors[c["text"]] for c in prem])
                for h in hyp:
                    sims = pv @ self._vectors[h["text"]]
                    ranks = (-sims).argsort().argsort() + 1
                    # SummaC-style: the claim is read against its nearest source sentences; the
                    # most supporting one can account for it, whichever sentence contradicts
                    read = {p["text"]: self._read[(p["text"], h["text"])] for p in prem
                            if (p["text"], h["text"]) in self._read}
                    support = max((r["p_entailment"] for r in read.values()), default=None)
                    for j, p in enumerate(prem):
                        ca, cb = order_pair(p, h)  # the premise's path sorts first: it is claim_a
                        pair = pair_row(ca, cb, float(sims[j]), int(ranks[j]), "all-pairs")
                        if p["text"] in read:
                            pair["p_contradiction"] = read[p["text"]]["p_contradiction"]
                            pair["p_entailment"] = support
                        n_pairs += 1
                        for f in detect_pair(view(ca), view(cb), pair):
                            # the finding with the pair it was read on, as the report prints it
                            findings.append({
                                **asdict(f),
                                "topic": str(f.topic),
                                "premise": p["text"],
                                "hypothesis": h["text"],
                                "cosine": pair["cosine"],
                                "lexical": pair["lexical"],
                                "rank": pair["rank"],
                            })
            out.append(Prediction(item, findings, len(prem), len(hyp), n_pairs))
        t3 = time.perf_counter()
        for stage, seconds in (("split", t1 - t0), ("embed", t2 - t1), ("judge", t_judge - t2),
                               ("detect", t3 - t_judge)):
            self.timings[stage] += seconds
        return out


    def _judge_items(self, sides: list[tuple[list[dict], list[dict]]]) -> None:
        """Judge each hypothesis claim against its ``judge_k`` nearest premise claims, in one
        length-sorted pass over the whole dataset."""
        from contradict.judge import read_pairs

        todo: dict[tuple[str, str], None] = {}
        for prem, hyp in sides:
            if not prem or not hyp:
                continue
            pv = np.vstack([self._vectors[c["text"]] for c in prem])
            for h in hyp:
                sims = pv @ self._vectors[h["text"]]
                for j in np.argsort(-sims)[: self.judge_k]:
                    key = (prem[int(j)]["text"], h["text"])
                    if key not in self._read:
                        todo[key] = None
        keys = list(todo)
        self.judged_pairs = getattr(self, "judged_pairs", 0) + len(keys)
        for key, r in zip(keys, read_pairs(self.judge, keys), strict=True):
            self._read[key] = r


# --- scoring ---------------------------------------------------------------------------------


def _ratio(x: int, n: int) -> float | None:
    return round(x / n, 4) if n else None


def binary_scores(
    preds: Sequence[Prediction], min_score: float = 0.0, max_rank: int | None = None
) -> dict[str, Any]:
    """Balanced accuracy (mean of recall on inconsistent and on consistent items), recall,
    specificity, accuracy, precision and F1 for the inconsistent class."""
    pos = [p for p in preds if p.item.inconsistent]
    neg = [p for p in preds if not p.item.inconsistent]
    tp = sum(p.flagged(min_score, max_rank) for p in pos)
    fp = sum(p.flagged(min_score, max_rank) for p in neg)
    tn = len(neg) - fp
    recall, spec = _ratio(tp, len(pos)), _ratio(tn, len(neg))
    precision = _ratio(tp, tp + fp)
    f1 = (
        round(2 * precision * recall / (precision + recall), 4)
        if precision and recall
        else (0.0 if pos else None)
    )
    bacc = round((recall + spec) / 2, 4) if recall is not None and spec is not None else None
    return {
        "n": len(preds),
        "inconsistent": len(pos),
        "consistent": len(neg),
        "balanced_accuracy": bacc,
        "recall_inconsistent": recall,
        "specificity": spec,
        "accuracy": _ratio(tp + tn, len(preds)),
        "precision": precision,
        "f1": f1,
    }


def per_edit_type(preds: Sequence[Prediction], min_score: float = 0.0) -> dict[str, dict]:
    """Recall on inconsistent items carrying each edit type (an item counts under each of its
    types) and the balanced accuracy it would give with the overall specificity."""
    spec = binary_scores(preds, min_score)["specificity"]
    out = {}
    for et in EDIT_TYPES:
        items = [p for p in preds if p.item.inconsistent and et in p.item.edit_types]
        only = [p for p in items if p.item.edit_types == [et]]
        rec = _ratio(sum(p.flagged(min_score) for p in items), len(items))
        out[et] = {
            "n": len(items),
            "recall": rec,
            "balanced_accuracy": round((rec + spec) / 2, 4)
            if rec is not None and spec is not None
            else None,
            "n_only": len(only),
            "recall_only": _ratio(sum(p.flagged(min_score) for p in only), len(only)),
        }
    return out


def per_detector(preds: Sequence[Prediction]) -> dict[str, dict]:
    """How often each detector fires on inconsistent and on consistent items."""
    out: dict[str, dict] = defaultdict(lambda: {"inconsistent": 0, "consistent": 0})
    for p in preds:
        for d in {f["detector"] for f in p.findings}:
            out[d]["inconsistent" if p.item.inconsistent else "consistent"] += 1
    return dict(sorted(out.items()))


def sweep(preds: Sequence[Prediction], thresholds: Sequence[float] | None = None) -> list[dict]:
    """Scores as a function of the minimum finding score an item needs to be flagged."""
    ts = thresholds if thresholds is not None else [round(0.3 + 0.05 * k, 2) for k in range(13)]
    return [{"min_score": t, **binary_scores(preds, t)} for t in ts]


def split_of(preds: Sequence[Prediction], split: str | None) -> list[Prediction]:
    return [p for p in preds if split is None or p.item.split == split]
