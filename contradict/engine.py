"""Where the scan's heavy stages run: in this process, in local worker processes, or on Dask.

The scan hands an engine *tasks*: plain functions of this module applied to a partition
(a batch of files to read and split, a batch of texts to embed, a block of candidate pairs to
judge or to check). Tasks read nothing from the database and write nothing to it: they get
their inputs as arguments and return rows, and the scan's own process, the single writer,
commits what comes back, batch by batch, in the order the batches were given. So a scan gives
the same database whichever engine ran it, and an interrupted one resumes the same way.

- ``local``: tasks run one after the other in this process (the default, ``--workers 1``);
- ``processes``: a pool of N local processes (``--workers N``), each loading its models once;
- ``dask``: a ``dask.distributed`` client, on a ``LocalCluster`` of N workers or on the
  scheduler at ``--scheduler tcp://host:8786`` (see docs/scaling.md).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .errors import UsageError
from .finding import Finding

#: characters: splitting a bigger document gets a progress bar of its own (local engine)
BIG_DOCUMENT = 1_000_000
ENGINES = ("auto", "local", "processes", "dask")
DASK_MISSING = ("--engine dask needs dask.distributed, which is not installed",
                "pip install 'contradict[dask]' (or: pip install 'dask[distributed]')")


class LocalEngine:
    """Tasks in this process, in order."""

    name = "local"
    workers = 1

    def map(self, fn: Callable[..., Any], items: Iterable[tuple]) -> Iterator[Any]:
        for args in items:
            yield fn(*args)

    def close(self) -> None:
        pass


class ProcessEngine:
    """Tasks in a pool of local processes (spawned: no fork of a process that holds torch)."""

    name = "processes"

    def __init__(self, workers: int) -> None:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.workers = workers
        threads = max(1, (os.cpu_count() or 1) // workers)
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                        initializer=_init_worker, initargs=(threads,))

    def map(self, fn: Callable[..., Any], items: Iterable[tuple]) -> Iterator[Any]:
        # at most two tasks per worker in flight: results come back in order, memory stays bounded
        pending: deque[Any] = deque()
        for args in items:
            pending.append(self.pool.submit(fn, *args))
            if len(pending) >= 2 * self.workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskEngine:
    """Tasks on a ``dask.distributed`` cluster: a LocalCluster of N workers, or a scheduler."""

    name = "dask"

    def __init__(self, workers: int, scheduler: str | None = None) -> None:
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError:
            raise UsageError(*DASK_MISSING) from None
        self.cluster = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout="20s")
            except OSError as exc:
                raise UsageError(f"cannot reach the Dask scheduler at {scheduler} ({type(exc).__name__})",
                                 "start it (dask scheduler) or check the address, e.g. tcp://host:8786") from None
        else:
            threads = max(1, (os.cpu_count() or 1) // workers)
            self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=40)
            self.client = Client(self.cluster)
            self.client.run(_init_worker, threads)
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})) or workers)

    def map(self, fn: Callable[..., Any], items: Iterable[tuple]) -> Iterator[Any]:
        pending: deque[Any] = deque()
        for args in items:
            pending.append(self.client.submit(fn, *args, pure=False))
            if len(pending) >= 2 * self.workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def dask_available() -> bool:
    try:
        import dask.distributed  # noqa: F401
    except ImportError:
        return False
    return True


def get_engine(name: str = "auto", workers: int = 1, scheduler: str | None = None) -> Any:
    """The engine for ``--engine`` / ``--workers`` / ``--scheduler``; raises UsageError."""
    if name not in ENGINES:
        raise UsageError(f"unknown engine {name!r}", "choose from " + ", ".join(ENGINES))
    if workers < 1:
        raise UsageError(f"--workers {workers}: must be 1 or more", "give the number of processes, e.g. --workers 2")
    if scheduler and name not in ("auto", "dask"):
        raise UsageError(f"--scheduler is for the dask engine, not {name!r}", "drop --engine, or use --engine dask")
    if name == "auto":
        name = "dask" if scheduler else ("processes" if workers > 1 else "local")
    if name == "dask":
        if not dask_available():
            raise UsageError(*DASK_MISSING)
        return DaskEngine(workers, scheduler)
    if name == "processes" and workers > 1:
        return ProcessEngine(workers)
    return LocalEngine()


def _init_worker(threads: int) -> None:
    """Each worker gets its share of the cores for torch (two processes × all cores thrash)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    os.environ["CONTRADICT_TORCH_THREADS"] = str(threads)


# --- tasks: module-level functions, so that any engine can pickle them --------------------------


_EMBEDDERS: dict[str | None, Any] = {}


def _threads() -> None:
    n = os.environ.get("CONTRADICT_TORCH_THREADS")
    if n:
        import torch

        if torch.get_num_threads() != int(n):
            torch.set_num_threads(int(n))


def read_and_split(jobs: list[tuple[str, str, str]], root: str, manifest: dict, case: Any = None,
                   progress: Any = None) -> list[dict]:
    """Read and split each (path, relative name, doc id) file: a list of outcomes, in order,
    each ``{"rel", "doc", "claims", "timings"}`` or ``{"rel", "stage", "error"}``. A failure
    of one file is its outcome; it never stops the batch. ``case``: the case's own rules
    (``case.load_case_rules``). ``progress`` (in-process only): the
    scan's bars, for a document bigger than ``BIG_DOCUMENT``."""
    import time

    from .claims import split_claims
    from .errors import IngestError
    from .ingest import read_document

    out: list[dict] = []
    for path, rel, _doc_id in jobs:
        timings: dict[str, float] = {}
        stage = "ingest"
        try:
            t = time.perf_counter()
            doc = read_document(Path(path), root=Path(root), manifest=manifest)
            timings["ingest"] = time.perf_counter() - t
            stage = "claims"
            t = time.perf_counter()
            big = progress is not None and len(doc.text) > BIG_DOCUMENT
            split = progress(f"Splitting {rel}", len(doc.text)) if big else None
            claims = split_claims(doc, progress=split, case=case, timings=timings)
            timings["split"] = time.perf_counter() - t - timings.get("features", 0.0)
        except IngestError as exc:
            out.append({"rel": rel, "stage": stage, "error": str(exc)})
            continue
        except MemoryError:
            out.append({"rel": rel, "stage": stage, "error": f"{rel}: is too big to read in the memory this"
                        " machine has — split it into smaller files, or scan it on a machine with more memory"})
            continue
        except Exception as exc:  # a reader's or the splitter's bug: one file must not stop a scan
            what = "reading" if stage == "ingest" else "splitting into claims"
            out.append({"rel": rel, "stage": stage, "error": f"{rel}: failed while {what} ({type(exc).__name__})"
                        " — a bug in contradict: please report it with the file's format; the other files were scanned"})
            continue
        out.append({"rel": rel, "doc": doc, "claims": claims, "timings": timings})
    return out


def encode(model: str | None, texts: list[str]) -> Any:
    """Vectors of ``texts`` with the embedder for ``model`` (loaded once per worker)."""
    _threads()
    if model not in _EMBEDDERS:
        from .embed import get_embedder

        _EMBEDDERS[model] = get_embedder(model)
    return _EMBEDDERS[model].encode(texts)


def judge(judge_path: str, texts: list[tuple[str, str]]) -> list[dict]:
    """The judge's reading of each (a, b) text pair, both orders (``judge.model.read_pairs``)."""
    _threads()
    import transformers

    transformers.logging.disable_progress_bar()  # a worker's stderr is the user's terminal
    from .judge import get_judge
    from .judge.model import read_pairs

    return read_pairs(get_judge(judge_path), texts)


def detect(names: tuple[str, ...], combine: dict | None, rows: list[dict], pairs: list[dict],
           case: Any = None) -> list[Finding]:
    """Findings of a block of pairs. ``rows``: every claim of the documents the pairs touch (the
    detectors read a claim's siblings in its document); ``case``: the case's own rules."""
    from .detect import ClaimView, detect_pair, english_view, link_siblings

    views = {r["id"]: ClaimView.from_row(r) for r in rows}
    for v in views.values():
        v.en = english_view(v, case)
    link_siblings(list(views.values()))
    out: list[Finding] = []
    for p in pairs:
        out.extend(detect_pair(views[p["claim_a"]], views[p["claim_b"]], p, names, combine))
    return out
