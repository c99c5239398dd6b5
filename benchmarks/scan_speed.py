"""End-to-end scan throughput against raw embedding throughput of the same model.

    python benchmarks/scan_speed.py [--claims 5000] [--model MODEL]

Writes a synthetic case (documents of template sentences with varying figures, actors and
dates) to a temporary folder, times the raw model on the same sentences, then times
``contradict scan`` on the folder, a re-scan, and a re-scan after adding one document.
The design target is a scan at least 0.7x the raw embedding throughput. For seconds per
stage, peak memory and sizes up to 100,000 claims, see ``benchmarks/scale.py``.
"""

from __future__ import annotations

import argparse
import random
import resource
import tempfile
import time
from pathlib import Path

TEMPLATES = [
    "The {org} said that {n:,} cameras will be installed at {m:,} locations by the end of {y}.",
    "According to the {org}, {n:,} cameras are already working in {city}.",
    "The {org} stated that the analysis behind the camera sites is not contained in any document.",
    "The {org} said that all camera locations in {city} are already known.",
    "The {org} is authorised to process video recordings for the identification of persons.",
    "The {org} found no appropriate legal basis for biometric identification in {city}.",
    "In {month} {y} the {org} published a report on surveillance in {city}.",
    "The procurement documents of the {org} are classified as confidential.",
]
ORGS = ["Ministry of Interior", "Commissioner", "City Council", "Police Directorate", "Government", "SHARE Foundation"]
CITIES = ["Belgrade", "Novi Sad", "Niš", "Kragujevac", "Subotica"]
MONTHS = ["January", "March", "June", "September", "November"]


def sentence(rng: random.Random) -> str:
    return rng.choice(TEMPLATES).format(
        org=rng.choice(ORGS), n=rng.randrange(10, 9000), m=rng.randrange(5, 900),
        y=rng.randrange(2015, 2024), city=rng.choice(CITIES), month=rng.choice(MONTHS))


def write_case(folder: Path, claims: int, per_doc: int, seed: int = 0) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for d in range(max(1, claims // per_doc)):
        body = [sentence(rng) for _ in range(per_doc)]
        texts += body
        kind = rng.choice(["statement", "foi_response", "dpia", "media"])
        (folder / f"doc{d:05d}.md").write_text(
            f"---\ntitle: Document {d}\nsource: {rng.choice(ORGS)}\nkind: {kind}\ndate: {rng.randrange(2015, 2024)}\n---\n\n"
            + "\n\n".join(body) + "\n", encoding="utf-8")
    return texts


def main() -> None:
    from contradict.embed import get_embedder
    from contradict.pipeline import ScanConfig, scan

    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, default=5000)
    ap.add_argument("--per-doc", type=int, default=20)
    ap.add_argument("--model", default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        case = Path(tmp) / "case"
        case.mkdir()
        texts = write_case(case, args.claims, args.per_doc)
        embedder = get_embedder(args.model)
        t = time.perf_counter()
        embedder.encode(list(dict.fromkeys(texts)))
        raw = time.perf_counter() - t
        unique = len(set(texts))
        db = Path(tmp) / "bench.db"
        t = time.perf_counter()
        result = scan(case, db, ScanConfig(model=args.model))
        full = time.perf_counter() - t
        t = time.perf_counter()
        scan(case, db, ScanConfig(model=args.model))
        again = time.perf_counter() - t
        (case / "zz-new.md").write_text("---\nkind: statement\ndate: 2024\n---\n\n" + " ".join(texts[:5]) + "\n", encoding="utf-8")
        t = time.perf_counter()
        scan(case, db, ScanConfig(model=args.model))
        added = time.perf_counter() - t
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"claims: {result.claims_total} ({unique} distinct texts) in {result.documents_added} documents")
    print(f"raw embedding: {unique / raw:,.0f} sentences/s ({raw:.1f} s)")
    print(f"scan end to end: {result.claims_total / full:,.0f} claims/s ({full:.1f} s) = {unique / full / (unique / raw):.2f}x raw embedding")
    print(f"pairs: {result.pairs_added:,}, findings: {result.findings_total:,}")
    print(f"re-scan unchanged: {again:.1f} s; re-scan after adding one document: {added:.1f} s")
    print(f"peak memory (RSS): {peak:,.0f} MB")


if __name__ == "__main__":
    main()
