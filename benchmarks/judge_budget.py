"""What the judge budget costs on the development cases.

    python benchmarks/judge_budget.py [--cases flint-water novi-sad-canopy] [--budgets 1 2 4 8 16]

Each case is scanned once with the judge reading every candidate pair. Then, for each budget
(candidate pairs per claim the judge reads, ``ScanConfig.judge_per_claim``), the pairs the
budget leaves out lose their reading and are checked again by the rules alone, on a copy of
that database: the same database a scan with that budget would give, without judging again.
Printed per budget: the pairs the judge reads, the share of gold contradictions that reached
the detectors (candidate recall: the budget does not change it), the share whose pair the judge
read, and ``contradict eval``'s recall and hard negatives flagged.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEALED = {"serbia-covid-deaths", "post-office-horizon"}  # never opened here


def judged_recall(db: Path, gold: Path) -> float | None:
    """Share of gold contradictions with a pair the judge read (judged_with is the judge's id)."""
    from contradict.evaluate import _claims_for, load_gold
    from contradict.store import open_db

    database = open_db(db, create=False)
    read = {frozenset((r["claim_a"], r["claim_b"])) for r in database.query(
        "select claim_a, claim_b from pairs where judged_with like 'judge:%'")}  # read by a judge
    hits = n = 0
    for g in load_gold(gold):
        if g.label != "contradiction":
            continue
        ids_a, err_a = _claims_for(database, g.a)
        ids_b, err_b = _claims_for(database, g.b)
        n += 1
        if not (err_a or err_b) and any(frozenset((x, y)) in read for x in ids_a for y in ids_b if x != y):
            hits += 1
    database.close()
    return hits / n if n else None


def main() -> None:
    from contradict import store
    from contradict.evaluate import evaluate
    from contradict.pipeline import ScanConfig, scan, within_budget

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", nargs="+", default=["flint-water", "novi-sad-canopy"])
    ap.add_argument("--budgets", type=int, nargs="+", default=[1, 2, 4, 8, 16, 32])
    ap.add_argument("--eval-budgets", type=int, nargs="*", default=[],
                    help="also scan with the judge at these budgets and report contradict eval (slow)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "judge-budget.json")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for case in args.cases:
            if case in SEALED:
                raise SystemExit(f"{case} is a sealed case: it is scored to report, never tuned on")
            folder, gold = ROOT / "corpora" / case, ROOT / "corpora" / case / "gold.yaml"
            rules = Path(tmp) / f"{case}.db"
            result = scan(folder, rules, ScanConfig(use_judge=False))  # the same pairs as with the judge
            base = evaluate(gold, rules).summary()
            database = store.open_db(rules)
            pairs = store.pairs_for_judge(database, "none", "none")  # every candidate pair
            for budget in [*args.budgets, None]:
                read, _ = within_budget(pairs, budget)
                database.execute("drop table if exists temp._read")
                database.execute("create temp table _read (id text primary key)")
                with database.atomic():
                    database.conn.executemany("insert into _read values (?)", [(p["id"],) for p in read])
                    database.execute("update pairs set judged_with = case when id in (select id from _read)"
                                     " then 'judge:budget' else null end")
                row = {"case": case, "judge_per_claim": budget if budget is not None else "all",
                       "claims": result.claims_total, "pairs": len(pairs), "pairs_judged": len(read),
                       "candidate_recall": base["candidate_recall"], "judged_recall": judged_recall(rules, gold),
                       "rules_recall": base["recall"]}
                rows.append(row)
                print(json.dumps(row), flush=True)
            database.execute("update pairs set judged_with = null")
            database.close()
            for budget in args.eval_budgets:
                db = Path(tmp) / f"{case}-{budget}.db"
                shutil.copy(rules, db)
                t = time.perf_counter()
                scan(folder, db, ScanConfig(judge_per_claim=budget))
                s = evaluate(gold, db).summary()
                row = {"case": case, "judge_per_claim": budget, "eval": True, "recall": s["recall"],
                       "candidate_recall": s["candidate_recall"], "hard_negatives_flagged": s["hard_negative_rate"],
                       "findings": s["findings"], "judge_scan_s": round(time.perf_counter() - t, 1)}
                rows.append(row)
                print(json.dumps(row), flush=True)
    args.out.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")

    def pct(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.0%}"

    print("| case | judge pairs per claim | pairs judged / candidates | candidate recall | judged recall |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for r in rows:
        if not r.get("eval"):
            print(f"| {r['case']} | {r['judge_per_claim']} | {r['pairs_judged']:,} / {r['pairs']:,} | "
                  f"{pct(r['candidate_recall'])} | {pct(r['judged_recall'])} |")
    for r in rows:
        if r.get("eval"):
            print(f"{r['case']} at {r['judge_per_claim']} pairs per claim: recall {pct(r['recall'])}, hard negatives "
                  f"flagged {pct(r['hard_negatives_flagged'])}, {r['findings']} findings ({r['judge_scan_s']} s)")


if __name__ == "__main__":
    main()
