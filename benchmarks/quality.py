"""Detection quality, rules alone and rules + judge side by side: every case corpus with a gold
file (bundled, development and sealed cases: ``corpora/cases.yaml``), SummEdits (ECTSum, news),
VitaminC, and the judge alone on public NLI dev sets (MNLI dev-matched, XNLI en/ru/bg).

    .venv/bin/python benchmarks/quality.py                      # everything, 15-25 minutes on 2 cores
    .venv/bin/python benchmarks/quality.py --only cases --modes rules
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

DATASETS = ("cases", "summedits-ectsum", "summedits-news", "vitaminc", "nli")
MODES = ("rules", "judge")
CASES_FILE = ROOT / "corpora" / "cases.yaml"
NLI_SETS = ("mnli-dev-matched", "xnli-en", "xnli-ru", "xnli-bg")
NLI_LIMIT = 2000  # a seeded sample of each set keeps the run short; the model card has the larger samples
REFERENCE = {"GPT-4 (SummEdits, all ten domains)": 0.824, "estimated human (SummEdits)": 0.909}


def pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


# --- datasets -------------------------------------------------------------------------------


def case_list() -> list[dict[str, Any]]:
    """The case corpora and their role: bundled, development (tuned on) or sealed (reported only)."""
    import yaml

    data = yaml.safe_load(CASES_FILE.read_text("utf-8"))
    return [{"name": k, **v} for k, v in data["cases"].items()]


def run_case(case: dict[str, Any], use_judge: bool) -> dict[str, Any]:
    from contradict.evaluate import evaluate
    from contradict.pipeline import ScanConfig, scan

    folder = ROOT / "corpora" / case["name"]
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "case.db"
        t0 = time.perf_counter()
        result = scan(folder, db, ScanConfig(use_judge=use_judge))
        seconds = time.perf_counter() - t0
        summary = evaluate(folder / "gold.yaml", db).summary()
        from contradict.store import count, open_db

        handle = open_db(db, create=False)
        documents, pairs = count(handle, "documents"), count(handle, "pairs")
        handle.close()
    summary.update(
        role=case["role"], findings_total=result.findings_total, findings_by_type=result.findings_by_type,
        claims=result.claims_total, documents=documents, pairs=pairs,
        pairs_per_claim=round(pairs / max(1, result.claims_total), 2),
        findings_per_document=round(result.findings_total / max(1, documents), 2),
        seconds=round(seconds, 1),
    )
    return summary


def run_cases(use_judge: bool) -> dict[str, Any]:
    out = {}
    for case in case_list():
        out[case["name"]] = run_case(case, use_judge)
        s = out[case["name"]]
        print(f"  {case['name']} ({case['role']}): candidate recall {pct(s['candidate_recall'])}, recall "
              f"{pct(s['recall'])}, hard negatives flagged {pct(s['hard_negative_rate'])}; {s['findings']} findings "
              f"in {s['conflicts']} conflicts, {s['findings_per_gold']} findings per gold contradiction, "
              f"over-merged: {', '.join(s['over_merged']) or 'none'}", file=sys.stderr)
    return out


def run_nli(judge: Any, limit: int | None) -> dict[str, Any]:
    """The judge alone, three-way, on public dev sets it was not trained on."""
    from contradict.judge.data import load_eval_set
    from contradict.judge.train import evaluate as judge_eval

    nli = Path(__import__("os").environ.get("CONTRADICT_NLI", ROOT.parent / "shared" / "nli"))
    judge.load()  # pairs/s below is reading, not loading
    out = {}
    for name in NLI_SETS:
        try:
            pairs = load_eval_set(nli, name, limit=limit or NLI_LIMIT)
        except FileNotFoundError:
            continue
        out[name] = judge_eval(judge, pairs)
    return out


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
    return "\n".join(lines)


TARGETS = {"summedits-ectsum": 0.80, "summedits-news": 0.70}
CASE_TARGETS = {"bundled": (0.95, 0.07), "development": (0.85, 0.10), "sealed": (0.70, 0.15)}


def headline(results: dict[str, Any]) -> str:
    """Rules alone against rules + judge, one line per dataset and per case."""
    modes = [m for m in MODES if m in results["modes"]]
    head = " | ".join(m if m == "rules" else "rules + judge" for m in modes)
    lines = [f"# Detection quality — {results['date']}", "",
             f"`{results['command']}` · embedding: {results.get('model') or 'chosen per case'} · "
             f"judge: {results.get('judge') or 'none'}", "",
             "## Public benchmarks (test splits)", "",
             f"| dataset | metric | {head} | target |", "| --- | --- |" + " ---: |" * len(modes) + " ---: |"]
    for name in ("summedits-ectsum", "summedits-news", "vitaminc"):
        cells = []
        for m in modes:
            e = results["modes"][m]["datasets"].get(name, {}).get(TEST_SPLIT)
            cells.append(pct(e["balanced_accuracy"]) if e else "n/a")
        target = pct(TARGETS[name]) if name in TARGETS else "F1 ≥ 60%"
        lines.append(f"| {name} | balanced acc. | {' | '.join(cells)} | {target} |")
        if name == "vitaminc":
            cells = []
            for m in modes:
                e = results["modes"][m]["datasets"].get(name, {}).get(TEST_SPLIT)
                cells.append(pct(e["f1"]) if e else "n/a")
            lines.append(f"| {name} | refutes F1 | {' | '.join(cells)} | 60.0% |")
    lines += ["", "## Case corpora", "",
              "Candidate recall: share of gold contradictions that reached the detectors; recall: "
              "flagged by any detector; HN: hard negatives flagged; AP: average precision of the "
              "score ranking. Sealed cases are scored to report, never tuned on. Findings / conflicts: how "
              "many each; per gold: findings per flagged gold contradiction (pairs marked same_as count as "
              "one); gold share: conflicts holding a gold contradiction; over-merged: gold contradictions in "
              "one conflict with another (target: none).", "",
              "| case | role | mode | cand. recall | recall | HN flagged | findings/doc | pairs/claim | AP | sr recall | sr-en recall | en recall | findings | conflicts | per gold | gold share | over-merged | target |",
              "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |"]
    names = list(results["modes"][modes[0]]["datasets"].get("cases", {}))
    for name in names:
        for m in modes:
            c = results["modes"][m]["datasets"]["cases"][name]
            lang = c["per_language"]
            tr, tn = CASE_TARGETS.get(c["role"], (None, None))
            target = f"≥ {pct(tr)} / ≤ {pct(tn)}" if tr is not None else ""
            lines.append(
                f"| {name} | {c['role']} | {m} | {pct(c['candidate_recall'])} | {pct(c['recall'])} | "
                f"{pct(c['hard_negative_rate'])} | {c['findings_per_document']} | {c['pairs_per_claim']} | "
                f"{c['average_precision'] if c['average_precision'] is not None else 'n/a'} | "
                + " | ".join(pct(lang.get(k, {}).get("recall")) for k in ("sr", "sr-en", "en"))
                + f" | {c.get('findings', 'n/a')} | {c.get('conflicts', 'n/a')} | "
                f"{c.get('findings_per_gold') if c.get('findings_per_gold') is not None else 'n/a'} | "
                f"{pct(c.get('gold_conflict_share'))} | {', '.join(c.get('over_merged') or []) or 'none'}"
                + f" | {target} |")
    nli = results["modes"].get("judge", {}).get("datasets", {}).get("nli")
    if nli:
        lines += ["", "## The judge alone (three-way, dev sets it was not trained on)", "",
                  "| set | n | accuracy | balanced acc. | contradiction F1 | pairs/s |",
                  "| --- | ---: | ---: | ---: | ---: | ---: |"]
        for k, v in nli.items():
            lines.append(f"| {k} | {v['n']} | {pct(v['accuracy'])} | {pct(v['balanced_accuracy'])} | "
                         f"{pct(v['contradiction_f1'])} | {v['pairs_per_s']} |")
        lines.append("\nXNLI Russian and Bulgarian are read as they are (no translation): the judge's "
                     "English vocabulary does not cover them, so these rows show what the judge does with "
                     "text it cannot read.")
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
    ap.add_argument("--limit", type=int, default=None, help="first N items of each split (not for cases)")
    ap.add_argument("--only", default=",".join(DATASETS), help=f"comma-separated subset of {','.join(DATASETS)}")
    ap.add_argument("--modes", default=",".join(MODES), help="rules, judge or both (default)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    ap.add_argument("--sweep", action="store_true",
                    help="print balanced accuracy by minimum finding score on the calibration split")
    ap.add_argument("--model", default=None, help="embedding model for the public sets (default: all-MiniLM-L6-v2)")
    ap.add_argument("--judge", default=None, help="judge folder (default: the shipped models/judge)")
    args = ap.parse_args(argv)
    only = [d.strip() for d in args.only.split(",") if d.strip()]
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    unknown = (set(only) - set(DATASETS)) | (set(modes) - set(MODES))
    if unknown:
        ap.error(f"unknown dataset(s) or mode(s) {', '.join(sorted(unknown))}")

    from contradict.detect import default_detectors, registry

    judge = None
    if "judge" in modes:
        from contradict.judge import get_judge

        judge = get_judge(args.judge)
    bench = bench_dir()
    results: dict[str, Any] = {
        "date": dt.date.today().isoformat(),
        "command": "python benchmarks/quality.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "detectors": list(default_detectors()),
        "model": None,
        "judge": judge.model_id if judge else None,
        "limit": args.limit,
        "bench_dir": str(bench) if bench else None,
        "threshold": {"min_score": 0.0, "tuned_on": None,
                      "note": "no threshold applied; choose one with --sweep on the calibration split"},
        "splits": {"calibration": f"SummEdits '{CALIBRATION_SPLIT}', VitaminC train_*.jsonl",
                   "test": f"SummEdits '{TEST_SPLIT}', VitaminC test.jsonl"},
        "modes": {},
    }
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for mode in modes:
        use_judge = mode == "judge"
        res: dict[str, Any] = {"datasets": {}, "seconds": {},
                               "detectors": [d for d in default_detectors() if use_judge or not registry()[d].needs_judge]}
        results["modes"][mode] = res
        runner: Runner | None = None
        for name in [d for d in DATASETS if d in only]:
            t0 = time.perf_counter()
            print(f"[{mode}] {name} ...", file=sys.stderr)
            if name == "cases":
                res["datasets"][name] = run_cases(use_judge)
            elif name == "nli":
                if judge is not None and use_judge:
                    res["datasets"][name] = run_nli(judge, args.limit)
            elif bench is None:
                print(f"{name}: skipped, benchmark data not found (../shared/bench or $CONTRADICT_BENCH_DIR)",
                      file=sys.stderr)
                continue
            else:
                if runner is None:
                    runner = Runner(args.model, judge=judge if use_judge else None)
                    results["model"] = runner.embedder.model_id
                if name in SUMMEDITS:
                    res["datasets"][name], preds = run_summedits(runner, bench, name, args.limit)
                else:
                    res["datasets"][name], preds = run_vitaminc(runner, bench, args.limit)
                with (args.out / f"predictions-{name}-{mode}.jsonl").open("w", encoding="utf-8") as f:
                    for p in preds:
                        f.write(json.dumps(p.row(), ensure_ascii=False) + "\n")
            res["seconds"][name] = round(time.perf_counter() - t0, 1)
            print(f"[{mode}] {name}: {res['seconds'][name]:.1f} s", file=sys.stderr)
        if runner is not None:
            res["seconds"]["stages"] = {k: round(v, 1) for k, v in runner.timings.items()}
            res["judged_pairs"] = getattr(runner, "judged_pairs", 0)
    results["seconds"] = {"total": round(time.perf_counter() - started, 1)}
    (args.out / "latest.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", "utf-8")
    md = headline(results)
    last = modes[-1]
    detail = {**results, **results["modes"][last], "detectors": results["modes"][last]["detectors"]}
    if any(n in detail["datasets"] for n in (*SUMMEDITS, "vitaminc")):
        md += "\n\n## Details (" + ("rules + judge" if last == "judge" else "rules") + ")\n\n" + \
            markdown(detail).split("\n", 2)[2]
    (args.out / "latest.md").write_text(md + "\n", "utf-8")
    print(md)
    if args.sweep:
        print_sweep(detail)
    print(f"\nwall time {results['seconds']['total']:.0f} s; wrote {args.out}/latest.json, latest.md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
