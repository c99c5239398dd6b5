"""Re-scans as a user runs them: a fresh ``contradict scan`` process on a database that already
holds a case, timed from process start to exit (imports and model loading included).

    python benchmarks/rescan.py CASE_FOLDER DB [--no-judge]

1. adds one generated document to the case folder and re-scans (the one-document re-scan);
2. re-scans again with nothing changed (what a scheduled job does most days).

Prints one JSON line: seconds and peak RSS of each run. ``benchmarks/scale.py`` runs it after its
in-process re-scan; ``--keep`` there leaves a case and database to run it on again.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))


def _run(case: Path, db: Path, judge: bool) -> dict:
    cmd = [sys.executable, "-m", "contradict", "scan", str(case), "--db", str(db), "--quiet"]
    if not judge:
        cmd.append("--no-judge")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    seconds = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"contradict scan failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return {"s": round(seconds, 2), "cpu_s": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 2),
            # ru_maxrss of children is the largest child so far, in kB
            "peak_rss_mb_so_far": round(after.ru_maxrss / 1024)}


def cold_rescans(case: Path, db: Path, judge: bool = False, seed: int = 101) -> dict:
    from scale import sentence

    name = f"zz-cold-{seed}.md"
    (case / name).write_text(
        f"---\ntitle: Added {seed}\nsource: Ministry of Interior\nkind: statement\ndate: 2025-02\n---\n\n"
        + " ".join(sentence(random.Random(seed), "en") for _ in range(10)) + "\n", encoding="utf-8")
    one_doc = _run(case, db, judge)
    unchanged = _run(case, db, judge)
    return {"cold_one_document_s": one_doc["s"], "cold_one_document_cpu_s": one_doc["cpu_s"],
            "cold_unchanged_s": unchanged["s"], "cold_unchanged_cpu_s": unchanged["cpu_s"],
            "cold_peak_rss_mb": unchanged["peak_rss_mb_so_far"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("case", type=Path)
    ap.add_argument("db", type=Path)
    ap.add_argument("--no-judge", action="store_true")
    ap.add_argument("--seed", type=int, default=101, help="seed of the added document (a new one each time)")
    args = ap.parse_args()
    if not args.db.exists():
        raise SystemExit(f"{args.db}: no database here — scan the case first (benchmarks/scale.py --keep DIR)")
    print(json.dumps({"case": str(args.case), **cold_rescans(args.case, args.db, not args.no_judge, args.seed)}))


if __name__ == "__main__":
    main()
