"""Detection quality: the bundled gold pairs, SummEdits (ECTSum, news) and VitaminC.

    .venv/bin/python benchmarks/quality.py                      # everything, about 2 minutes
    .venv/bin/python benchmarks/quality.py --only summedits-ectsum --limit 50
    .venv/bin/python benchmarks/quality.py --sweep              # + threshold sweep on the calibration split

Prints a table and writes into ``--out`` (benchmarks/results by default): ``latest.json``
(every figure), ``latest.md`` (the table) and ``predictions-<dataset>.jsonl`` (one line per
item: label, prediction, which detectors fired and on which claims). The public data is read
from ``$CONTRADICT_BENCH_DIR`` or ``../shared/bench``; see docs/quality.md for what the figures
mean. No threshold is applied: an item is flagged when any detector fires. A threshold chosen
from ``--sweep`` must be read off the calibration split (SummEdits ``evaluation``, VitaminC
``train_*``), never the test split.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.harness import (  # noqa: E402
    CALIBRATION_SPLIT,
    ROOT,
    SUMMEDITS,
    TEST_SPLIT,
    Prediction,
    Runner,
    bench_dir,
    binary_scores,
    load_summedits,
    load_vitaminc,
    per_detector,
    per_edit_type,
    split_of,
    sweep,
)

DATASETS = ("gold", "summedits-ectsum", "summedits-news", "vitaminc")
CORPUS = ROOT / "corpora" / "belgrade-surveillance"
REFERENCE = {"GPT-4 (SummEdits, all ten domains)": 0.824, "estimated human (SummEdits)": 0.909}


def pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


# --- datasets -------------------------------------------------------------------------------


def run_gold() -> dict[str, Any]:
    from contradict.evaluate import evaluate
    from contradict.pipeline import scan

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "belgrade.db"
        result = scan(CORPUS, db)
        summary = evaluate(CORPUS / "gold.yaml", db).summary()
    summary.update(
        findings_total=result.findings_total,
        findings_by_type=result.findings_by_type,
        claims=result.claims_total,
        pairs_checked=result.pairs_checked,
    )
    return summary


def limited(items: list, limit: int | None) -> list:
    """The first ``limit`` items of each split (items come sorted by split, then id)."""
    if not limit:
        return items
    seen: dict[str, int] = {}
    out = []
    for i in items:
        seen[i.split] = seen.get(i.split, 0) + 1
        if seen[i.split] <= limit:
            out.append(i)
    return out


def summarise(preds: list[Prediction], edit_types: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for split in (TEST_SPLIT, CALIBRATION_SPLIT, None):
        sub = split_of(preds, split)
        if not sub:
            continue
        entry: dict[str, Any] = binary_scores(sub)
        if edit_types:
            entry["per_edit_type"] = per_edit_type(sub)
        entry["per_detector"] = per_detector(sub)
        # diagnostic: only findings on a hypothesis claim's nearest premise claim(s) count
        entry["nearest_only"] = {
            f"top{k}": binary_scores(sub, max_rank=k)["balanced_accuracy"] for k in (1, 3)
        }
        out[split or "all"] = entry
    cal = split_of(preds, CALIBRATION_SPLIT)
    if cal:
        out["sweep_calibration"] = sweep(cal)
    return out


def run_summedits(runner: Runner, bench: Path, name: str, limit: int | None) -> tuple[dict, list]:
    preds = runner.run(limited(load_summedits(bench, name), limit), name)
    return summarise(preds, edit_types=True), preds


def run_vitaminc(runner: Runner, bench: Path, limit: int | None) -> tuple[dict, list]:
    preds = runner.run(limited(load_vitaminc(bench), limit), "vitaminc")
    decided = [p for p in preds if p.item.label != "not enough info"]
    nei = [p for p in preds if p.item.label == "not enough info"]
    out = summarise(decided, edit_types=False)
    out["not_enough_info"] = {
        "n": len(nei),
        "flagged": round(sum(p.flagged() for p in nei) / len(nei), 4) if nei else None,
    }
    return out, preds


# --- output ---------------------------------------------------------------------------------


def markdown(results: dict[str, Any]) -> str:
    ds = results["datasets"]
    lines = [
        f"# Detection quality — {results['date']}",
        "",
        f"`{results['command']}` · detectors: {', '.join(results['detectors'])} · "
        f"model: {results['model']} · threshold: none (an item is flagged when any detector fires)",
        "",
    ]
    se = [n for n in SUMMEDITS if n in ds]
    if se or "vitaminc" in ds:
        lines += [
            "| dataset | split | n | balanced acc. | recall (inconsistent) | specificity | F1 (inconsistent) | time |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name in [*se, "vitaminc"]:
            if name not in ds:
                continue
            for split in (TEST_SPLIT, CALIBRATION_SPLIT, "all"):
                e = ds[name].get(split)
                if not e:
                    continue
                label = {"evaluation": "calibration (evaluation)", "test": "test"}.get(split, split)
                if name == "vitaminc":
                    label = {"evaluation": "calibration (train_*)", "test": "test"}.get(
                        split, split
                    )
                lines.append(
                    f"| {name} | {label} | {e['n']} | {pct(e['balanced_accuracy'])} | "
                    f"{pct(e['recall_inconsistent'])} | {pct(e['specificity'])} | {pct(e['f1'])} | "
                    f"{results['seconds'][name]:.0f} s |"
                )
        for ref, v in REFERENCE.items():
            lines.append(f"| *{ref}* | published | | *{pct(v)}* | | | | |")
        lines += [
            "",
            "VitaminC: refutes (inconsistent) vs supports; not-enough-info items are left out "
            "of these figures and reported below. Chance balanced accuracy is 50%.",
            "",
        ]
    if se:
        lines += [
            "## SummEdits per edit type (test split)",
            "",
            "Recall on the inconsistent items carrying the edit type (an item with two types counts "
            "under both), and the balanced accuracy it gives with the consistent items' specificity.",
            "",
            "| dataset | edit type | n | recall | balanced acc. | n (only this type) | recall (only this type) |",
            "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name in se:
            e = ds[name].get(TEST_SPLIT)
            if not e:
                continue
            for et, v in e["per_edit_type"].items():
                lines.append(
                    f"| {name} | {et} | {v['n']} | {pct(v['recall'])} | {pct(v['balanced_accuracy'])} | "
                    f"{v['n_only']} | {pct(v['recall_only'])} |"
                )
        lines += [
            "",
            "## Which detectors fire (test split; items with at least one finding of the detector)",
            "",
            "| dataset | detector | inconsistent items | consistent items |",
            "| --- | --- | ---: | ---: |",
        ]
        for name in [*se, "vitaminc"]:
            e = ds.get(name, {}).get(TEST_SPLIT)
            if not e:
                continue
            for d, v in e["per_detector"].items():
                lines.append(
                    f"| {name} | {d} | {v['inconsistent']} / {e['inconsistent']} | "
                    f"{v['consistent']} / {e['consistent']} |"
                )
        lines += [
            "",
            "Nearest-partner diagnostic (test split): balanced accuracy when only findings on a "
            "summary claim's nearest document claim (top 1 / top 3 by cosine) count: "
            + "; ".join(
                f"{n} {pct(ds[n][TEST_SPLIT]['nearest_only']['top1'])} / "
                f"{pct(ds[n][TEST_SPLIT]['nearest_only']['top3'])}"
                for n in se
                if TEST_SPLIT in ds[n]
            ),
            "",
        ]
    if "vitaminc" in ds:
        nei = ds["vitaminc"]["not_enough_info"]
        lines += [
            f"VitaminC not-enough-info items flagged: {pct(nei['flagged'])} of {nei['n']}.",
            "",
        ]
    if "gold" in ds:
        g = ds["gold"]
        lines += [
            "## Bundled gold (corpora/belgrade-surveillance, real default model)",
            "",
            f"Recall {pct(g['recall'])} of {g['contradictions']} contradictions (typed {pct(g['typed_recall'])}, "
            f"reached the detectors {pct(g['candidate_recall'])}); hard negatives flagged "
            f"{pct(g['hard_negative_rate'])} of {g['hard_negatives']}; {g['findings_total']} findings in all "
            f"({', '.join(f'{n} {t}' for t, n in sorted(g['findings_by_type'].items()))}) from "
            f"{g['pairs_checked']} pairs; {results['seconds']['gold']:.0f} s.",
            "",
            "| type | recall | n | hard neg. flagged | n |",
            "| --- | ---: | ---: | ---: | ---: |",
        ]
        for t, v in g["per_type"].items():
            lines.append(
                f"| {t} | {pct(v['recall'])} | {v['n']} | {pct(v['hard_negative_rate'])} | {v['hard_negatives']} |"
            )
        for lang, v in g["per_language"].items():
            lines.append(
                f"\nLanguage {lang}: recall {pct(v['recall'])}, hard negatives flagged {pct(v['hard_negative_rate'])}."
            )
        lines.append("")
    return "\n".join(lines)


def print_sweep(results: dict[str, Any]) -> None:
    for name, e in results["datasets"].items():
        rows = e.get("sweep_calibration") if isinstance(e, dict) else None
        if not rows:
            continue
        print(
            f"\n{name}: calibration split ({CALIBRATION_SPLIT if name != 'vitaminc' else 'train_*'}), "
            f"flag an item when a finding scores at least t"
        )
        print("    t   bal.acc  recall  specif.")
        for r in rows:
            print(
                f"  {r['min_score']:.2f}  {pct(r['balanced_accuracy']):>7}  {pct(r['recall_inconsistent']):>6}  "
                f"{pct(r['specificity']):>7}"
            )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument(
        "--limit", type=int, default=None, help="first N items of each split (not for gold)"
    )
    ap.add_argument(
        "--only", default=",".join(DATASETS), help=f"comma-separated subset of {','.join(DATASETS)}"
    )
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    ap.add_argument(
        "--sweep",
        action="store_true",
        help="print balanced accuracy by minimum finding score on the calibration split",
    )
    ap.add_argument(
        "--model", default=None, help="embedding model (default: the shipped all-MiniLM-L6-v2)"
    )
    args = ap.parse_args(argv)
    only = [d.strip() for d in args.only.split(",") if d.strip()]
    unknown = set(only) - set(DATASETS)
    if unknown:
        ap.error(
            f"unknown dataset(s) {', '.join(sorted(unknown))}; choose from {', '.join(DATASETS)}"
        )

    from contradict.detect import DEFAULT_DETECTORS

    bench = bench_dir()
    results: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "command": "python benchmarks/quality.py "
        + " ".join(argv if argv is not None else sys.argv[1:]),
        "detectors": list(DEFAULT_DETECTORS),
        "model": None,
        "limit": args.limit,
        "bench_dir": str(bench) if bench else None,
        "threshold": {
            "min_score": 0.0,
            "tuned_on": None,
            "note": "no threshold applied; choose one with --sweep on the calibration split",
        },
        "splits": {
            "calibration": f"SummEdits '{CALIBRATION_SPLIT}', VitaminC train_*.jsonl",
            "test": f"SummEdits '{TEST_SPLIT}', VitaminC test.jsonl",
        },
        "datasets": {},
        "seconds": {},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    runner: Runner | None = None
    started = time.perf_counter()
    for name in [d for d in DATASETS if d in only]:
        if name != "gold" and bench is None:
            print(
                f"{name}: skipped, benchmark data not found (../shared/bench or $CONTRADICT_BENCH_DIR)",
                file=sys.stderr,
            )
            continue
        t0 = time.perf_counter()
        preds: list[Prediction] = []
        if name == "gold":
            results["datasets"][name] = run_gold()
        else:
            if runner is None:
                runner = Runner(args.model)
                results["model"] = runner.embedder.model_id
                results["seconds"]["model_load"] = round(time.perf_counter() - t0, 1)
                print(f"model load: {results['seconds']['model_load']:.1f} s", file=sys.stderr)
                t0 = time.perf_counter()
            assert bench is not None
            if name in SUMMEDITS:
                results["datasets"][name], preds = run_summedits(runner, bench, name, args.limit)
            else:
                results["datasets"][name], preds = run_vitaminc(runner, bench, args.limit)
            with (args.out / f"predictions-{name}.jsonl").open("w", encoding="utf-8") as f:
                for p in preds:
                    f.write(json.dumps(p.row(), ensure_ascii=False) + "\n")
        results["seconds"][name] = round(time.perf_counter() - t0, 1)
        print(f"{name}: {results['seconds'][name]:.1f} s", file=sys.stderr)
    results["seconds"]["total"] = round(time.perf_counter() - started, 1)
    if runner is not None:
        results["seconds"]["stages"] = {k: round(v, 1) for k, v in runner.timings.items()}

    (args.out / "latest.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8"
    )
    md = markdown(results)
    (args.out / "latest.md").write_text(md + "\n", "utf-8")
    print(md)
    if args.sweep:
        print_sweep(results)
    print(
        f"\nwall time {results['seconds']['total']:.0f} s; wrote {args.out}/latest.json, latest.md, "
        "predictions-*.jsonl",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
