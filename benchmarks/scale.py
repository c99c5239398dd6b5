"""Scan throughput, per stage, at growing corpus sizes, against the raw encoder in the same run.

    python benchmarks/scale.py --sizes 1000 10000 100000 [--no-judge] [--workers N] [--profile]

For each size, a seeded generator writes a case of documents of varied length (3 to 60
sentences) built from templates that state figures, dates, laws and denials, in English and
Serbian (Latin and Cyrillic), then:

1. times the raw encoder (the model the scan will choose) on the scan's own sentences;
2. scans the case and prints seconds per stage (ingest, split, features, translate, embed,
   align, judge, detect, store), the rate of each stage (claims/s or pairs/s) and peak RSS;
3. adds one document and re-scans (the incremental case), in this process, then again as a new
   ``contradict scan`` process, and once more with nothing changed (``benchmarks/rescan.py``).

Results go to ``benchmarks/results/scale-<size>.json`` and a Markdown table to
``benchmarks/results/scale.md`` (rows of earlier runs of other sizes are kept).
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import json
import os
import pstats
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

RESULTS = Path(__file__).resolve().parent / "results"

EN = [
    "The {org} said that {n:,} cameras will be installed at {m:,} locations by the end of {y}.",
    "According to the {org}, {n:,} cameras are already working in {city}.",
    "The {org} stated that the analysis behind the camera sites is not contained in any document.",
    "The {org} said that all camera locations in {city} are already known.",
    "The {org} is authorised to process video recordings under Article {art} of the Law on Police.",
    "The {org} found no appropriate legal basis for biometric identification in {city}.",
    "In {month} {y} the {org} published a report on surveillance in {city}.",
    "The procurement documents of the {org} are classified as confidential.",
    "The contract with the vendor was signed on {d} {month} {y} for {n:,} euros.",
    "The {org} denied that any facial recognition software had been bought.",
    "A data protection impact assessment has not been carried out by the {org}.",
    "The {org} confirmed that {p} percent of the {m:,} sites were chosen after a crime analysis.",
    "Under Article {art} of the Law on Personal Data Protection, the processing requires a prior assessment.",
    "The {org} owns the cameras, and the vendor has no access to the recordings.",
    "About {n:,} residents were informed of the installation in {city} before {month} {y}.",
    "The {org} said the system would be switched on in {y}, not earlier.",
]
SR = [
    "{org_sr} je saopštio da će {n} kamera biti postavljeno na {m} lokacija do kraja {y}. godine.",
    "Prema rečima predstavnika {city_sr}, u gradu već radi {n} kamera.",
    "{org_sr} navodi da analiza na osnovu koje su izabrane lokacije ne postoji ni u jednom dokumentu.",
    "Procena uticaja na zaštitu podataka o ličnosti nije sprovedena pre postavljanja kamera.",
    "Ugovor sa dobavljačem potpisan je {d}. {month_sr} {y}. godine na iznos od {n}.000 dinara.",
    "Na osnovu člana {art} Zakona o policiji, policija može da obrađuje video snimke.",
    "{org_sr} je demantovao da je kupljen softver za prepoznavanje lica.",
    "Министарство унутрашњих послова је саопштило да је постављено {n} камера у {y}. години.",
    "Повереник је утврдио да не постоји правни основ за биометријску обраду података.",
    "Sve lokacije kamera u gradu su već poznate, izjavio je direktor policije.",
]
ORGS = ["Ministry of Interior", "Commissioner", "City Council", "Police Directorate", "Government",
        "SHARE Foundation", "Data Protection Authority", "Mayor's Office"]
ORGS_SR = ["Ministarstvo unutrašnjih poslova", "Poverenik", "Gradsko veće", "Uprava policije", "Vlada"]
CITIES = ["Belgrade", "Novi Sad", "Niš", "Kragujevac", "Subotica", "Čačak", "Zrenjanin"]
CITIES_SR = ["Beograda", "Novog Sada", "Niša", "Kragujevca", "Subotice"]
MONTHS = ["January", "March", "June", "September", "November"]
MONTHS_SR = ["januara", "marta", "juna", "septembra", "novembra"]
KINDS = ["statement", "foi_response", "dpia", "media", "filing", "regulator", "cso"]


def sentence(rng: random.Random, lang: str) -> str:
    fields = dict(
        org=rng.choice(ORGS), org_sr=rng.choice(ORGS_SR), n=rng.randrange(10, 9000),
        m=rng.randrange(5, 900), y=rng.randrange(2015, 2025), city=rng.choice(CITIES),
        city_sr=rng.choice(CITIES_SR), month=rng.choice(MONTHS), month_sr=rng.choice(MONTHS_SR),
        d=rng.randrange(1, 28), art=rng.randrange(2, 120), p=rng.randrange(1, 100))
    return rng.choice(SR if lang == "sr" else EN).format(**fields)


def write_case(folder: Path, claims: int, seed: int = 0, sr_share: float = 0.2) -> int:
    """Documents until about ``claims`` sentences are written; returns how many were."""
    rng = random.Random(seed)
    written = d = 0
    while written < claims:
        n = min(claims - written, rng.choice([3, 5, 8, 12, 20, 30, 60]))
        lang = "sr" if rng.random() < sr_share else "en"
        paragraphs, body = [], [sentence(rng, lang) for _ in range(n)]
        while body:
            k = rng.randrange(1, 5)
            paragraphs.append(" ".join(body[:k]))
            body = body[k:]
        (folder / f"doc{d:06d}.md").write_text(
            f"---\ntitle: Document {d}\nsource: {rng.choice(ORGS)}\nkind: {rng.choice(KINDS)}\n"
            f"date: {rng.randrange(2015, 2025)}-{rng.randrange(1, 13):02d}\nlanguage: {lang}\n---\n\n"
            + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        written += n
        d += 1
    return d


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_rss_children_mb() -> float:
    """The largest peak of a finished child process (the --workers, Apertium): not in the scan's own."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def raw_encode(db: Path, model: str, sample: int | None = None) -> tuple[int, float]:
    """Seconds the bare encoder takes on the texts the scan embedded (same model, same run);
    with ``sample``, on that many of them drawn with a fixed seed (the rate per text is what
    is compared, and it needs no 100,000 texts to measure)."""
    import sqlite3

    from contradict.embed import get_embedder

    con = sqlite3.connect(db)
    texts = [r[0] for r in con.execute("select coalesce(text_en, text) from claims")]
    con.close()
    texts = list(dict.fromkeys(texts))
    if sample and len(texts) > sample:
        texts = random.Random(0).sample(texts, sample)
    embedder = get_embedder(model)
    embedder.encode(texts[:64])  # warm up, as the scan's first batch does
    t = time.perf_counter()
    embedder.encode(texts)
    return len(texts), time.perf_counter() - t


def distinct_texts(db: Path) -> int:
    """Distinct texts the scan embedded."""
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return int(con.execute("select count(distinct coalesce(text_en, text)) from claims").fetchone()[0])
    finally:
        con.close()


def run_size(size: int, args: argparse.Namespace) -> dict:
    from contradict.pipeline import ScanConfig, scan

    keep = Path(args.keep) / str(size) if args.keep else None
    if keep:
        shutil.rmtree(keep, ignore_errors=True)
        keep.mkdir(parents=True)
    with contextlib.nullcontext(str(keep)) if keep else tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        case = Path(tmp) / "case"
        case.mkdir()
        docs = write_case(case, size, seed=args.seed)
        db = Path(tmp) / "scale.db"
        cfg = ScanConfig(use_judge=not args.no_judge, workers=args.workers, engine=args.engine,
                         judge_per_claim=args.judge_per_claim)
        prof = cProfile.Profile() if args.profile else None
        cpu = _cpu()
        t = time.perf_counter()
        if prof:
            prof.enable()
        result = scan(case, db, cfg, progress=_bars(args.quiet))
        if prof:
            prof.disable()
        total = time.perf_counter() - t
        cpu = _cpu() - cpu
        peak = peak_rss_mb()
        model = result.model or "all-MiniLM-L6-v2"
        n_distinct = distinct_texts(db)
        n_texts, raw = raw_encode(db, model, args.raw_sample)
        (case / "zz-added.md").write_text(
            "---\ntitle: Added\nsource: Ministry of Interior\nkind: statement\ndate: 2025-01\n---\n\n"
            + " ".join(sentence(random.Random(99), "en") for _ in range(10)) + "\n", encoding="utf-8")
        t = time.perf_counter()
        again = scan(case, db, ScanConfig(use_judge=not args.no_judge, judge_per_claim=args.judge_per_claim))
        incremental = time.perf_counter() - t
        from rescan import cold_rescans

        cold = cold_rescans(case, db, judge=not args.no_judge)
        if prof:
            out = args.results / f"scale-{size}{args.tag}.prof.txt"
            with out.open("w") as f:
                pstats.Stats(prof, stream=f).sort_stats("cumulative").print_stats(60)
                pstats.Stats(prof, stream=f).sort_stats("tottime").print_stats(40)
    raw_rate = n_texts / raw if raw else 0.0
    rate = result.claims_total / total if total else 0.0
    row = {
        "size": size, "documents": docs, "claims": result.claims_total, "distinct_texts": n_distinct,
        "raw_encode_texts": n_texts,
        "judge": not args.no_judge, "workers": args.workers, "engine": args.engine,
        "judge_per_claim": args.judge_per_claim, "total_s": round(total, 2),
        # CPU seconds of the scanning process (this machine's two cores are shared: wall-clock
        # seconds grow with the load of other work, CPU seconds much less)
        "cpu_s": round(cpu, 1), "load_average": round(os.getloadavg()[0], 1),
        "claims_per_s": round(rate, 1), "raw_encode_per_s": round(raw_rate, 1),
        "ratio_to_raw": round(rate / raw_rate, 3) if raw_rate else None,
        # the stricter reading: distinct texts per second of scan against the raw encoder
        "ratio_distinct_to_raw": round(n_distinct / total / raw_rate, 3) if raw_rate and total else None,
        "stages_s": {k: round(v, 2) for k, v in result.timings.items()},
        "pairs": result.pairs_added, "pairs_judged": result.pairs_judged,
        "judge_pairs_per_s": round(result.pairs_judged / result.timings["judge"], 1)
        if result.timings.get("judge") else None,
        "pairs_checked": result.pairs_checked, "findings": result.findings_total,
        "peak_rss_mb": round(peak), "peak_rss_worker_mb": round(peak_rss_children_mb()), "incremental_s": round(incremental, 2),
        "incremental_stages_s": {k: round(v, 2) for k, v in again.timings.items()},
        # the same as a user runs it: a new `contradict scan` process (imports and models included)
        **cold,
        "model": model, "cpus": os.cpu_count(),
        "commit": _commit(), "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    return row


def _commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
                              cwd=Path(__file__).parent, check=False).stdout.strip()
    except OSError:
        return "unknown"


def _bars(quiet: bool):  # type: ignore[no-untyped-def]
    from contradict.cli.progress import text_progress

    return text_progress(sys.stderr, quiet=quiet, extra=lambda: f"peak RSS {peak_rss_mb():,.0f} MB")


STAGES = ["ingest", "split", "features", "translate", "embed", "align", "judge", "detect", "store", "group"]


def table(rows: list[dict]) -> str:
    head = ("| claims | docs | judge | total s | claims/s | raw encode/s | ratio | "
            + " | ".join(f"{s} s" for s in STAGES)
            + " | pairs | judged | judge pairs/s | peak RSS MB | +1 doc re-scan s | same, new process s"
            " | unchanged re-scan, new process s |")
    lines = [head, "|" + " ---: |" * (head.count("|") - 1)]
    for r in rows:
        st = r["stages_s"]
        lines.append(
            f"| {r['claims']:,} | {r['documents']:,} | {'on' if r['judge'] else 'off'} | {r['total_s']:.1f} | "
            f"{r['claims_per_s']:.0f} | {r['raw_encode_per_s']:.0f} | {r['ratio_to_raw']:.2f} | "
            + " | ".join(f"{st.get(s, 0):.1f}" for s in STAGES)
            + f" | {r['pairs']:,} | {r['pairs_judged']:,} | {r['judge_pairs_per_s'] or '–'} | "
            f"{r['peak_rss_mb']:,} | {r['incremental_s']:.1f} | {r.get('cold_one_document_s', '–')} | "
            f"{r.get('cold_unchanged_s', '–')} |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--no-judge", action="store_true")
    ap.add_argument("--judge-per-claim", type=int, default=None,
                    help="judge budget: candidate pairs per claim (default: the scan's default)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--engine", default="auto", choices=["auto", "local", "processes", "dask"])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--raw-sample", type=int, default=None,
                    help="time the raw encoder on this many of the scan's distinct texts (default: all)")
    ap.add_argument("--profile", action="store_true", help="cProfile the scan (results/scale-N.prof.txt)")
    ap.add_argument("--tmp", default=None, help="folder for the generated case and database")
    ap.add_argument("--keep", default=None,
                    help="keep each size's generated case and database under this folder (KEEP/SIZE/)")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--tag", default="", help="suffix of the result file names")
    ap.add_argument("--results", type=Path, default=RESULTS, help="folder of the results")
    args = ap.parse_args()
    if args.judge_per_claim is None:
        from contradict.pipeline import ScanConfig

        args.judge_per_claim = ScanConfig().judge_per_claim
    results = args.results
    results.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in args.sizes:
        row = run_size(size, args)
        rows.append(row)
        name = f"scale-{size}{'-nojudge' if args.no_judge else ''}{args.tag}.json"
        (results / name).write_text(json.dumps(row, indent=2) + "\n", encoding="utf-8")
        print(json.dumps(row), flush=True)
    print(table(rows))
    with (results / "scale.md").open("a", encoding="utf-8") as f:
        f.write(f"\n`python benchmarks/scale.py --sizes {' '.join(map(str, args.sizes))}"
                f"{' --no-judge' if args.no_judge else ''} --workers {args.workers}` · {rows[0]['date']} · "
                f"commit {rows[0]['commit']} · {rows[0]['model']} · {os.cpu_count()} CPUs\n\n{table(rows)}\n")


if __name__ == "__main__":
    main()
