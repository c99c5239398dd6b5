"""Where the scan's heavy stages run: in this process, in local worker processes, or on Dask.

The scan hands an engine *tasks*: plain functions of this module applied to a partition
(a batch of files to read and split, a batch of texts to embed, a block of candidate pairs to
judge or to check). Tasks write nothing to the database: they get their inputs as arguments
(workers on this machine read the claims of the pairs they check from the store, read-only)
and return rows, and the scan's own process, the single writer,
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
    reads_store = True  # the workers run on this machine: they can open the store read-only

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
        # a LocalCluster's workers share this machine's disk; a scheduler's may not
        self.reads_store = self.cluster is not None

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


#: claims whose detector views one worker keeps between tasks of a scan (about 10 kB each)
DETECT_CACHE_CLAIMS = 60_000
#: claims per block of documents when a cluster's workers are sent the claims with the pairs:
#: a task carries the claims of at most two blocks (pairs come block pair by block pair)
SHIPPED_BLOCK_CLAIMS = 2_000


class StoreViews:
    """A worker's read-only view of the store for one scan: documents' claims read on demand
    and kept as detector views, the least recently used documents dropped past
    ``DETECT_CACHE_CLAIMS`` claims. Only the scan's own process writes the store."""

    def __init__(self, path: str, key: str) -> None:
        import sqlite3

        from sqlite_utils import Database

        self.key = key
        con = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
        con.execute("PRAGMA busy_timeout=30000")
        self.db = Database(con)
        self.docs: dict[str, list[Any]] = {}  # doc id -> its views, least recently used first
        self.views: dict[str, Any] = {}
        self.size = 0

    def ensure(self, docs: list[str], case: Any, vocabulary: Any) -> None:
        from . import store
        from .detect import document_views

        for d in docs:  # most recently used last
            if d in self.docs:
                self.docs[d] = self.docs.pop(d)
        missing = [d for d in docs if d not in self.docs]
        for doc, rows in store.load_claims_of(self.db, missing).items():
            if vocabulary:
                for r in rows:
                    r["text_en"] = vocabulary.english(r)
            doc_views = document_views(rows, case)
            self.docs[doc] = doc_views
            self.views.update((v.id, v) for v in doc_views)
            self.size += len(doc_views)
        needed = set(docs)
        for d in list(self.docs):
            if self.size <= DETECT_CACHE_CLAIMS:
                break
            if d not in needed:
                for v in self.docs.pop(d):
                    self.views.pop(v.id, None)
                    self.size -= 1

    def close(self) -> None:
        self.db.conn.close()


_STORE_VIEWS: list[StoreViews] = []  # at most one: this worker's current scan


def detect_in_store(names: tuple[str, ...], combine: dict | None, store_path: str, scan_key: str,
                    docs: list[str], pairs: list[dict], case: Any = None, vocabulary: Any = None) -> list[Finding]:
    """Findings of a block of pairs, for a worker that can open the store (the same machine):
    it reads the documents the pairs touch itself, read-only, and keeps their views for the
    scan's next tasks, so a task carries pair rows only (``detect`` carries the claims)."""

    if not _STORE_VIEWS or _STORE_VIEWS[0].key != scan_key:
        while _STORE_VIEWS:
            _STORE_VIEWS.pop().close()
        _STORE_VIEWS.append(StoreViews(store_path, scan_key))
    return detect_with(_STORE_VIEWS[0], names, combine, docs, pairs, case, vocabulary)


def detect_with(cache: StoreViews, names: tuple[str, ...], combine: dict | None, docs: list[str],
                pairs: list[dict], case: Any = None, vocabulary: Any = None) -> list[Finding]:
    """Findings of a block of pairs whose documents ``cache`` reads (see :func:`detect_in_store`)."""
    from .detect import detect_pair

    cache.ensure(docs, case, vocabulary)
    out: list[Finding] = []
    for p in pairs:
        out.extend(detect_pair(cache.views[p["claim_a"]], cache.views[p["claim_b"]], p, names, combine))
    return out


def detect(names: tuple[str, ...], combine: dict | None, rows: list[dict], pairs: list[dict],
           case: Any = None) -> list[Finding]:
    """Findings of a block of pairs. ``rows``: every claim of the documents the pairs touch (the
    detectors read a claim's siblings in its document); ``case``: the case's own rules."""
    from .detect import detect_pair, document_views

    views = {v.id: v for v in document_views(rows, case)}
    out: list[Finding] = []
    for p in pairs:
        out.extend(detect_pair(views[p["claim_a"]], views[p["claim_b"]], p, names, combine))
    return out
