"""Time and memory of scanning one big plain-text register (one paragraph: no blank line),
stage by stage, with the hash embedder and no judge.

    python benchmarks/big_files.py [SIZE_MB ...]     (default: 12.8 50)

Each size runs in its own process, so that the peaks do not add up. The register is the one
``tests/reliability/test_big_files.py`` scans: street, state and notes, a claim every 40 lines.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def rss_mb() -> int:
    status = Path("/proc/self/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) // 1024


def peak_mb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def one(size_mb: float) -> None:
    sys.path.insert(0, str(ROOT))
    import contradict.store as store
    from contradict.pipeline import ScanConfig, scan
    from tests.reliability.test_big_files import annex

    with tempfile.TemporaryDirectory() as tmp:
        case = Path(tmp) / "case"
        case.mkdir()
        (case / "register.txt").write_text(annex(int(size_mb * 1_000_000), seed=8), encoding="utf-8")
        (case / "statement.md").write_text("The minister said 1,000 cameras were installed in 2019.\n",
                                           encoding="utf-8")
        start = time.monotonic()
        marks: list[tuple[str, float, int, int]] = []

        def mark(what: str) -> None:
            marks.append((what, time.monotonic() - start, rss_mb(), peak_mb()))

        def progress(stage: str, total: int):
            mark(f"start {stage.split(' ')[0].lower()}")
            return lambda n: None

        save = store.save_document

        def saving(*args, **kwargs):
            out = save(*args, **kwargs)
            mark("document stored")
            return out

        store.save_document = saving  # type: ignore[assignment]
        result = scan(case, Path(tmp) / "c.db", ScanConfig(model="hash", use_judge=False), progress=progress)
        mark("done")
    print(f"{size_mb} MB register: {result.claims_total} claims")
    for what, seconds, rss, peak in marks:
        print(f"  {seconds:7.1f} s  {what:<24} resident {rss:5d} MB, peak so far {peak:5d} MB")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        one(float(sys.argv[2]))
        return
    for size in sys.argv[1:] or ["12.8", "50"]:
        subprocess.run([sys.executable, __file__, "--one", size], check=True)


if __name__ == "__main__":
    main()
