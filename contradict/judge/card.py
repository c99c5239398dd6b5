"""``python -m contradict.judge.card models/judge``: write the model card (README.md) from the
figures and recipe the training run recorded in ``judge.json``, so the card never disagrees
with the weights it describes."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from .model import CARD

REPORTED = {
    "mnli-dev-matched": "MNLI dev-matched (OANC; not trained on)",
    "snli-test": "SNLI test (not trained on)",
    "xnli-en": "XNLI dev, English",
    "xnli-ru": "XNLI dev, Russian (no translation)",
    "xnli-bg": "XNLI dev, Bulgarian (no translation)",
    "conjnli-dev": "ConjNLI dev",
    "anli-r1-dev": "ANLI round 1 dev (adversarial)",
}


def pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def render(card: dict[str, Any]) -> str:
    r = card["recipe"]
    f = card["figures"]
    rows = "\n".join(
        f"| {REPORTED[k]} | {v['n']} | {pct(v['accuracy'])} | {pct(v['balanced_accuracy'])} | {pct(v['contradiction_f1'])} |"
        for k, v in f.items() if k in REPORTED
    )
    held = f.get("held_out", {})
    by_source = "\n".join(
        f"| {k} | {v['n']} | {pct(v['accuracy'])} |" for k, v in sorted(f.get("held_out_by_source", {}).items())
    )
    sets = "\n".join(f"| {s['name']} | `{'`, `'.join(s['files'])}` | {s['pairs']} | {s['licence']} |"
                     for s in card["training_sets"])
    return f"""# contradict-judge ({card['version']})

A three-way natural-language-inference cross-encoder (entailment / neutral / contradiction)
that `contradict scan` runs on every candidate pair of claims, in both orders, offline. It is
the `judge.v2` detector's reader and a signal on every rule finding.

- **Base model**: {card['base_model']}. A 6-layer BERT (22.7M parameters) fine-tuned here as a
  sequence-pair classifier; weights stored as fp16 safetensors, run in fp32 on the CPU.
- **Input**: English. Serbian claims are read through their Apertium English form; text in other
  languages is out of its reach (see the XNLI rows below).
- **Weights**: `model.safetensors`, sha256 `{card['weights_sha256']}` (checked on every load).
- **Max length**: {card['max_length']} word pieces per pair.

## Training data

{card['train_pairs']} pairs: the public NLI sets below (only those whose licence lets an
Apache-2.0 project ship a model trained on them; `../shared/nli/MANIFEST.md` gives each file's
source and sha256), each a seeded sample, plus {card['contrast_pairs']} generated contrast pairs
(`contradict/judge/data.py`: a figure changed beyond or within its qualifier, a different thing
counted, part and whole, existence and negation flips, ownership and responsibility flips, no
change against change, plan against fact, a changed date of one event, antonyms, a swapped
entity, a legal basis affirmed and denied, meaning-preserving rewrites). No benchmark item
(`../shared/bench`), no gold pair of a case corpus, and none of the dev/test files reported below
was trained on.

| set | files | pairs | licence |
| --- | --- | ---: | --- |
{sets}

**Share-alike notice**: SNLI and the SNLI-derived sets (CAD-SNLI, Breaking NLI, the OIE subset)
are CC BY-SA 4.0. The weights are distributed with this notice and the attribution above; treat
them as a work adapted from CC BY-SA 4.0 material.

## Recipe

One run, seeded (seed {r['seed']}), on {r['threads']} CPU threads: {r['epochs']} epoch(s), AdamW,
learning rate {r['lr']} with {int(r['warmup'] * 100)}% warm-up and linear decay, batch
{r['batch_size']} (length-bucketed), label smoothing {r['label_smoothing']}, three-way head.
Training took {card['train_seconds'] / 60:.0f} minutes on a 2-core machine shared with other work
(at the start, alone, it ran at about 25 pairs/s: about 40 minutes for this set). The curve is
in `train_log.jsonl`.

Retrain from a clean clone with `../shared/nli` beside it:

    make judge        # = python -m contradict.judge.train --nli ../shared/nli --out models/judge --lr 8e-5 --eval-limit 4000
    python -m contradict.judge.card models/judge

## Figures

Held-out slice of the training mix (3% of each source, never trained on): {held.get('n')} pairs,
accuracy {pct(held.get('accuracy'))}, contradiction F1 {pct(held.get('contradiction_f1'))}.

| held-out source | n | accuracy |
| --- | ---: | ---: |
{by_source}

Public dev/test sets (three-way accuracy; contradiction F1 is contradiction against the rest):

| set | n | accuracy | balanced acc. | contradiction F1 |
| --- | ---: | ---: | ---: | ---: |
{rows}

How the judge changes detection on SummEdits, VitaminC and the case corpora:
`benchmarks/results/latest.md` and `docs/quality.md`.

## Limits

A small model trained on about 60,000 pairs: it reads short, literal sentences well and long,
hedged or adversarial ones poorly (ANLI is near chance). It does not know what the documents
of a case know; `judge.v2` keeps its rules for different things counted, part and whole, plan
and fact, and marks a later change by the same source as an update. A stronger local
cross-encoder can be used instead: `contradict scan --judge PATH` or `CONTRADICT_JUDGE`.
"""


def main(argv: list[str] | None = None) -> int:
    args = argv if argv is not None else sys.argv[1:]
    folder = Path(args[0] if args else "models/judge")
    card = json.loads((folder / CARD).read_text(encoding="utf-8"))
    (folder / "README.md").write_text(render(card), encoding="utf-8")
    print(f"wrote {folder / 'README.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
