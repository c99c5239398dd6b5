"""``scan``: ingest -> claims -> embed -> align -> detect, incremental and resumable.

Every stage writes in transactions and skips work whose inputs have not changed: a document
already stored with the same claims version is not split again, a cached embedding is not
computed again, a pair already checked by the same detectors is not checked again. An
interrupted scan leaves a consistent database; running it again completes it.

The heavy stages (reading and splitting, embedding, judging, rule checks) run as tasks of an
engine (``contradict/engine.py``: this process, local processes, or Dask); this process is the
one writer, committing each task's rows as they come back. Nothing holds every pair: they are
stored as found and judged and checked page by page (docs/scaling.md).
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from . import store
from .align import AlignConfig, iter_candidate_pairs
from .claims import CLAIMS_VERSION
from .detect import (
    default_detectors,
    registry,
    signature,
)
from .engine import BIG_DOCUMENT  # noqa: F401  (re-exported: a bigger document's split gets a bar)
from .errors import ContradictError, IngestError, NothingReadError
from .finding import Finding

Progress = Callable[[str, int], Callable[[int], None]]

#: default judge budget: candidate pairs per claim the judge reads (see ``judge_priority``)
JUDGE_PER_CLAIM = 8
#: files per read-and-split task, texts per embedding task, pairs per judge / detect task
FILES_PER_TASK = 16
TEXTS_PER_TASK = 512
PAIRS_PER_TASK = 512
DETECT_PER_TASK = 2000
PAIRS_PER_WRITE = 50_000  # candidate pairs per transaction


def _no_progress(stage: str, total: int) -> Callable[[int], None]:
    return lambda n: None


@dataclass
class ScanConfig:
    model: str | None = None
    align: AlignConfig = field(default_factory=AlignConfig)
    detectors: tuple[str, ...] | None = None  # None: every registered detector
    realign: bool = False  # recompute candidates for every claim, not only new ones
    use_judge: bool = True  # run the contradiction judge on every candidate pair
    judge: str | None = None  # a local judge folder; default: $CONTRADICT_JUDGE, else models/judge
    translate: bool = True  # give Serbian claims an English form (Apertium) when it is installed
    combine: bool = True  # final scores from the combination fitted for the judge (combine.json)
    # judge budget: the judge reads a candidate pair when it is among the first this many of
    # either claim's candidates, by judge_priority (None: every pair; docs/scaling.md)
    judge_per_claim: int | None = JUDGE_PER_CLAIM
    workers: int = 1  # local processes (engine "processes"), or Dask workers of a LocalCluster
    engine: str = "auto"  # auto, local, processes or dask (contradict/engine.py)
    scheduler: str | None = None  # a Dask scheduler's address: run the tasks on that cluster


@dataclass
class ScanResult:
    run_id: str
    documents_seen: int = 0
    documents_added: int = 0
    documents_skipped: int = 0
    documents_failed: int = 0
    claims_added: int = 0
    claims_total: int = 0
    embedded: int = 0
    translated: int = 0
    pairs_judged: int = 0
    pairs_added: int = 0
    pairs_checked: int = 0
    findings_total: int = 0
    findings_by_type: dict[str, int] = field(default_factory=dict)
    pairs_over_budget: int = 0  # candidate pairs the judge budget left to the rules alone
    conflicts_total: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    model: str | None = None  # the embedding model the scan used
    #: seconds per stage: ingest, split, features, translate, embed, align, judge, detect, store
    timings: dict[str, float] = field(default_factory=dict)

    def counts(self) -> dict[str, Any]:
        d = asdict(self)
        for key in ("run_id", "errors", "warnings", "model", "timings"):
            d.pop(key)
        return d


@contextmanager
def _timed(result: ScanResult, stage: str) -> Iterator[None]:
    t = time.perf_counter()
    try:
        yield
    finally:
        result.timings[stage] = result.timings.get(stage, 0.0) + time.perf_counter() - t


def active_detectors(config: ScanConfig) -> tuple[str, ...]:
    """The detectors this scan runs: those asked for, less the judge's when the judge is off."""
    names = config.detectors if config.detectors is not None else default_detectors()
    reg = registry()
    unknown = [n for n in names if n not in reg]
    if unknown:
        from .errors import UsageError

        raise UsageError(f"unknown detector {unknown[0]!r}", "choose from " + ", ".join(reg))
    return tuple(n for n in names if config.use_judge or not reg[n].needs_judge)


def versions(config: ScanConfig) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"claims": CLAIMS_VERSION, "detectors": signature(active_detectors(config))}
    for pkg in ("contradict", "spacy", "sentence-transformers", "sqlite-utils", "rapidfuzz"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "unknown"
    return out


def scan(folder: str | Path, db_path: str | Path, config: ScanConfig | None = None,
         progress: Progress = _no_progress) -> ScanResult:
    """Scan a case folder (or one file) into the database at ``db_path``."""
    from .embed import choose_model, get_embedder
    from .engine import get_engine
    from .ingest import discover, load_manifest

    cfg = config or ScanConfig()
    if cfg.judge_per_claim is not None and cfg.judge_per_claim < 1:
        from .errors import UsageError

        raise UsageError(f"judge budget {cfg.judge_per_claim}: must be 1 or more pairs per claim",
                         "give --judge-per-claim N, or --judge-per-claim all to judge every pair")
    folder = Path(folder)
    files = discover(folder)  # raises for a missing path or an empty folder
    root = folder if folder.is_dir() else folder.parent
    manifest = load_manifest(root)
    from .case import load_case_rules, load_vocabulary

    vocabulary = load_vocabulary(root)  # the case's aliases (contradict.yaml)
    case_rules = load_case_rules(root)  # the case's records, operations, subtypes, counted nouns
    # no model named: chosen by the corpus's languages once its documents are read
    model_spec = cfg.model or os.environ.get("CONTRADICT_MODEL") or None
    auto = model_spec is None
    embedder = None if auto else get_embedder(cfg.model)  # fail on a bad model before touching the database
    judge, judge_note = _load_judge(cfg)  # likewise a bad --judge
    engine = get_engine(cfg.engine, cfg.workers, cfg.scheduler)  # and a bad engine or scheduler
    try:
        db = store.open_db(db_path)
        run_id = store.start_run(
            db, command="scan", folder=str(folder), model=embedder.model_id if embedder else "auto",
            config={"align": asdict(cfg.align), "detectors": list(active_detectors(cfg)), "realign": cfg.realign,
                    "judge": judge.model_id if judge else None, "judge_per_claim": cfg.judge_per_claim,
                    "engine": engine.name, "workers": engine.workers},
            versions=versions(cfg),
        )
    except BaseException:  # another scan holds the database, say: the cluster must not linger
        engine.close()
        raise
    result = ScanResult(run_id=run_id)
    if judge_note:
        result.warnings.append(judge_note)
    try:
        with _run(db, result):
            new_docs = _ingest(db, files, root, manifest, engine, result, progress, case_rules)
            if not store.count(db, "documents"):
                raise NothingReadError(f"{folder}: no document could be read", "see the errors above",
                                       errors=result.errors)
            if cfg.translate:
                with _timed(result, "translate"):
                    _translate(db, result, progress, vocabulary)
            if embedder is None:
                model_spec = choose_model(store.document_languages(db), english_forms=store.all_have_english(db))
                embedder = get_embedder(model_spec)
                if store.last_run_model(db, run_id) not in (None, embedder.model_id):
                    cfg = replace(cfg, realign=True)  # the corpus changed model: pair every claim anew
                store.set_run_model(db, run_id, embedder.model_id)
            result.model = model_spec or embedder.model_id
            with _timed(result, "store"):
                claims = store.load_claim_index(db)  # the detectors' full rows: per document, when needed
            if vocabulary:  # what the candidate search and the judge read: the case's names
                for c in claims:
                    c["text_en"] = vocabulary.english(c)
            result.claims_total = len(claims)
            vectors = _embed(db, embedder, model_spec, claims, engine, result, progress)
            _align(db, claims, vectors, new_docs, cfg, result, progress)
            if judge is not None:
                _judge(db, claims, judge, cfg, engine, result, progress)
            weights = None
            if judge is not None and cfg.combine:
                from .detect.combine import load as load_combine

                weights = load_combine(str(judge.path))
            _detect(db, claims, cfg, engine, result, progress, weights, vocabulary, case_rules)
            _group(db, claims, vectors, vocabulary, result, embedder.model_id)
    finally:
        db.close()
        engine.close()
    return result


@contextmanager
def _run(db: Any, result: ScanResult) -> Iterator[None]:
    try:
        yield
    except KeyboardInterrupt:
        store.finish_run(db, result.run_id, "interrupted", result.counts())
        raise
    except BaseException:
        store.finish_run(db, result.run_id, "failed", result.counts())
        raise
    store.finish_run(db, result.run_id, "completed", result.counts())




def _ingest(db: Any, files: list[Path], root: Path, manifest: dict, engine: Any,
            result: ScanResult, progress: Progress, case: Any = None) -> set[str]:
    """Read, split and store each file, each in its own transaction. Whatever goes wrong with
    one file (unreadable, corrupt, binary, a reader's own bug) is recorded in ``errors`` with
    the file, the stage and a plain message, and the scan goes on with the next file.

    Files are read and split by the engine's tasks, a batch at a time, while this process
    stores what comes back: nothing of the corpus is held beyond the batches in flight."""
    from .engine import read_and_split
    from .ingest.reader import content_id

    state = store.document_state(db)
    # a change to the case's own rules (contradict.yaml) re-reads its claims' features
    version = CLAIMS_VERSION + (f"+case{case.digest()}" if case else "")
    new_docs: set[str] = set()
    first_read: dict[str, str] = {}  # doc id -> the file it was read from in this run
    advance = progress("Reading documents", len(files))
    jobs: list[tuple[str, str, str]] = []
    for path in files:
        result.documents_seen += 1
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        try:
            doc_id = content_id(path, root)
        except IngestError as exc:
            _fail(db, result, rel, "ingest", str(exc))
            advance(1)
            continue
        except Exception as exc:  # our bug: one file must not stop a scan
            _fail(db, result, rel, "ingest", f"{rel}: failed while reading ({type(exc).__name__})"
                  " — a bug in contradict: please report it with the file's format; the other files were scanned")
            advance(1)
            continue
        if doc_id in first_read:
            _warn(db, result, rel, f"has the same bytes as {first_read[doc_id]}, which is stored once")
            result.documents_skipped += 1
            advance(1)
            continue
        first_read[doc_id] = rel
        if state.get(doc_id) == version:
            result.documents_skipped += 1
            advance(1)
            continue
        jobs.append((str(path), rel, doc_id))
    del state
    if engine.name == "local":  # one file per task, with a bar of its own for a big one
        tasks: Iterator[tuple] = ((read_and_split, [job], str(root), manifest, case, progress) for job in jobs)
        outcomes = engine.map(_call, tasks)
    else:
        batches = [jobs[i : i + FILES_PER_TASK] for i in range(0, len(jobs), FILES_PER_TASK)]
        outcomes = engine.map(read_and_split, ((b, str(root), manifest, case) for b in batches))
    for batch in outcomes:
        for out in batch:
            rel = out["rel"]
            if "error" in out:
                _fail(db, result, rel, out["stage"], out["error"])
                advance(1)
                continue
            for stage, seconds in out["timings"].items():
                result.timings[stage] = result.timings.get(stage, 0.0) + seconds
            doc, claims = out["doc"], out["claims"]
            for w in doc.warnings:
                _warn(db, result, rel, w)
            with _timed(result, "store"):
                store.save_document(db, doc, claims, claims_version=version, run_id=result.run_id)
            new_docs.add(doc.id)
            result.documents_added += 1
            result.claims_added += len(claims)
            advance(1)
    # a scan killed after storing documents left them unaligned; this run finds them unchanged
    return new_docs | store.unfinished_documents(db)


def _with_inputs(engine: Any, fn: Callable[..., Any], chunks: Iterator[list[dict]],
                 args: Callable[[list[dict]], tuple]) -> Iterator[tuple[list[dict], Any]]:
    """(chunk, fn(*args(chunk))) for each chunk, run by the engine; chunks are read lazily,
    as the engine takes them, so only the chunks in flight are in memory."""
    from collections import deque

    given: deque[list[dict]] = deque()

    def inputs() -> Iterator[tuple]:
        for chunk in chunks:
            given.append(chunk)
            yield args(chunk)

    for out in engine.map(fn, inputs()):
        yield given.popleft(), out


def _call(fn: Callable[..., Any], *args: Any) -> Any:
    return fn(*args)


def _fail(db: Any, result: ScanResult, rel: str, stage: str, message: str) -> None:
    result.documents_failed += 1
    result.errors.append(message)
    store.record_error(db, result.run_id, rel, stage, message)


def _warn(db: Any, result: ScanResult, rel: str, message: str) -> None:
    result.warnings.append(f"{rel}: {message}")
    store.record_error(db, result.run_id, rel, "ingest-warning", message)


def _embed(db: Any, embedder: Any, model_spec: str | None, claims: list[dict], engine: Any,
           result: ScanResult, progress: Progress) -> np.ndarray:
    """Vectors of what each claim says in the embedder's reading: the English form (with the
    case's names) for an English-only model, the original text for a multilingual one.

    Texts not in the cache are encoded in tasks of ``TEXTS_PER_TASK`` and each task's vectors
    are committed as it comes back, so an interrupted run keeps what it computed."""
    from .claims import text_hash
    from .engine import encode

    multilingual = bool(getattr(embedder, "multilingual", False))
    hashes = []
    todo: dict[str, str] = {}
    with _timed(result, "store"):
        for c in claims:
            t = c["text"] if multilingual else english(c)
            h = text_hash(t)
            hashes.append(h)
            todo.setdefault(h, t)
        have = store.cached_hashes(db, embedder.model_id, todo)
    for h in have:
        todo.pop(h, None)
    advance = progress("Embedding claims", len(todo))
    items = list(todo.items())
    del todo
    parts = [items[i : i + TEXTS_PER_TASK] for i in range(0, len(items), TEXTS_PER_TASK)]
    if engine.name == "local":
        vectors: Iterator[np.ndarray] = (embedder.encode([t for _, t in part]) for part in parts)
    else:
        vectors = engine.map(encode, ((model_spec, [t for _, t in part]) for part in parts))
    t0 = time.perf_counter()
    for part, vecs in zip(parts, vectors, strict=True):
        result.timings["embed"] = result.timings.get("embed", 0.0) + time.perf_counter() - t0
        with _timed(result, "store"):
            store.save_vectors(db, embedder.model_id, {h: vecs[k] for k, (h, _) in enumerate(part)})
        result.embedded += len(part)
        advance(len(part))
        t0 = time.perf_counter()
    if not claims:
        return np.zeros((0, embedder.dim), dtype="float32")
    from .embed import normalise

    with _timed(result, "store"):
        matrix = store.vector_matrix(db, embedder.model_id, hashes, embedder.dim)
    return normalise(matrix)


def _align(db: Any, claims: list[dict], vectors: np.ndarray, new_docs: set[str], cfg: ScanConfig,
           result: ScanResult, progress: Progress) -> None:
    if cfg.realign or not store.count(db, "pairs"):
        queries = None
    else:
        queries = [i for i, c in enumerate(claims) if c["doc_id"] in new_docs]
        if not queries:
            return
    total = len(claims) if queries is None else len(queries)
    advance = progress("Aligning claims", total)
    found = iter_candidate_pairs(claims, vectors, queries, cfg.align, progress=advance)
    while True:  # stored in batches as they are made: never a list of every pair
        with _timed(result, "align"):
            batch = list(itertools.islice(found, PAIRS_PER_WRITE))
        if not batch:
            break
        with _timed(result, "store"):
            result.pairs_added += store.save_pairs(db, batch, result.run_id)


def _load_judge(cfg: ScanConfig) -> tuple[Any, str | None]:
    """The judge to use, or None with a one-line note when the default one is not there."""
    if not cfg.use_judge:
        return None, None
    from .judge import get_judge, resolve_judge_path

    path = resolve_judge_path(cfg.judge)
    explicit = cfg.judge is not None or bool(os.environ.get("CONTRADICT_JUDGE"))
    if not explicit and not (path / "config.json").exists():
        return None, f"no judge model at {path}: pairs are checked by the rules alone (see models/judge/README.md)"
    return get_judge(path), None


def _translate(db: Any, result: ScanResult, progress: Progress, vocabulary: Any = None) -> None:
    from . import translate

    todo = store.claims_needing_english(db)
    if not todo:
        return
    if not translate.available():
        result.warnings.append(
            "Apertium (apertium-hbs-eng) is not installed: Serbian claims get no English form, and "
            "Serbian–English pairs are checked on the Serbian rules alone"
        )
        return
    advance = progress("Translating Serbian claims", len(todo))
    for i in range(0, len(todo), 2000):
        part = todo[i : i + 2000]
        forms = translate.to_english([t["text"] for t in part], vocabulary)
        store.save_english(db, {t["id"]: f for t, f in zip(part, forms, strict=True) if f})
        result.translated += sum(1 for f in forms if f)
        advance(len(part))


def english(claim: dict) -> str:
    """The text English-only models read: the claim's English form, else the claim itself."""
    return claim.get("text_en") or claim["text"]


def judge_rows(judge: Any, pairs: list[dict], by_id: dict[str, dict]) -> list[dict]:
    """The judge's reading of each candidate pair (both orders, English forms)."""
    from .judge.model import read_pairs

    texts = [(english(by_id[p["claim_a"]]), english(by_id[p["claim_b"]])) for p in pairs]
    return [{"id": p["id"], **r} for p, r in zip(pairs, read_pairs(judge, texts), strict=True)]


def judge_priority(pair: dict) -> float:
    """Which of a claim's candidates the judge reads first when the budget is short: the most
    similar by embedding (``pairs.cosine``). Measured on the development cases against the
    lexical score, shared frames, the embedding rank and sums of them: at 8 pairs per claim the
    cosine alone puts the judge on 82% and 65% of the gold contradictions of flint-water and
    novi-sad-canopy, cosine + lexical + frame on 82% and 30% (benchmarks/judge_budget.py)."""
    return float(pair.get("cosine") or 0.0)


def within_budget(pairs: list[dict], per_claim: int | None) -> tuple[list[dict], list[dict]]:
    """(pairs the judge reads, pairs left to the rules): a pair is read when it is among the
    ``per_claim`` first candidates of either of its claims by :func:`judge_priority` (ties by
    pair id, so the choice is the same on every run). ``None``: every pair is read."""
    if per_claim is None:
        return pairs, []
    ranked: dict[str, list[tuple[float, str, int]]] = {}
    for k, p in enumerate(pairs):
        key = (-judge_priority(p), p["id"], k)
        ranked.setdefault(p["claim_a"], []).append(key)
        ranked.setdefault(p["claim_b"], []).append(key)
    keep: set[int] = set()
    for keys in ranked.values():
        if len(keys) > per_claim:
            keys.sort()
        keep.update(k for _, _, k in keys[:per_claim])
    read = [p for k, p in enumerate(pairs) if k in keep]
    left = [p for k, p in enumerate(pairs) if k not in keep]
    return read, left


def _judge(db: Any, claims: list[dict], judge: Any, cfg: ScanConfig, engine: Any, result: ScanResult,
           progress: Progress) -> None:
    """The judge's reading of the candidate pairs within the budget, committed task by task (an
    interrupted run keeps them); the pairs beyond it are marked as such, so that a re-scan with
    the same budget does not weigh them again."""
    from .engine import judge as judge_task

    by_id = {c["id"]: c for c in claims}
    skipped = store.over_budget_mark(judge.model_id, cfg.judge_per_claim)
    with _timed(result, "store"):
        before = store.count_unjudged(db, judge.model_id, skipped)
        todo = store.choose_for_judge(db, judge.model_id, skipped, cfg.judge_per_claim)
    result.pairs_over_budget = before - todo
    if not todo:
        return
    advance = progress("Judging pairs", todo)

    def chunks() -> Iterator[list[dict]]:
        after = ""
        while True:
            page = store.judge_todo_page(db, after, PAIRS_PER_TASK)
            if not page:
                return
            after = page[-1]["id"]
            yield [p for p in page if p["claim_a"] in by_id and p["claim_b"] in by_id]

    def texts(chunk: list[dict]) -> list[tuple[str, str]]:
        return [(english(by_id[p["claim_a"]]), english(by_id[p["claim_b"]])) for p in chunk]

    if engine.name == "local":
        from .judge.model import read_pairs

        pairs_and_readings: Iterator[tuple[list[dict], list[dict]]] = (
            (chunk, read_pairs(judge, texts(chunk))) for chunk in chunks())
    else:
        pairs_and_readings = _with_inputs(engine, judge_task, chunks(), lambda c: (str(judge.path), texts(c)))
    t0 = time.perf_counter()
    for chunk, rows in pairs_and_readings:
        result.timings["judge"] = result.timings.get("judge", 0.0) + time.perf_counter() - t0
        with _timed(result, "store"):
            store.save_judgements(db, [{"id": p["id"], **r} for p, r in zip(chunk, rows, strict=True)],
                                  judge.model_id)
        result.pairs_judged += len(chunk)
        advance(len(chunk))
        t0 = time.perf_counter()


def _detect(db: Any, claims: list[dict], cfg: ScanConfig, engine: Any, result: ScanResult,
            progress: Progress, combine: dict | None = None, vocabulary: Any = None,
            case: Any = None) -> None:
    """Check the pairs not yet checked with these detectors, page by page. The detectors read
    a claim's full row and its document's other claims: those are loaded per document, the
    first time a pair touches it (a one-document re-scan loads a few documents, not all)."""
    from .engine import DETECT_CACHE_CLAIMS, SHIPPED_BLOCK_CLAIMS
    from .engine import detect as detect_task

    names = active_detectors(cfg)
    sig = signature(names) + (f";combine@{combine['judge']}:{combine['bias']}" if combine else "")
    by_id = {c["id"]: c for c in claims}
    with _timed(result, "store"):
        # the last completed pass used these detectors: only the pairs never checked are left
        unchecked_only = store.detection_signature(db) == sig
        if not unchecked_only:
            store.set_detection_signature(db, None)  # until this pass completes
        total = store.count_pairs_to_detect(db, sig, unchecked_only)
    advance = progress("Checking pairs", total)

    def chunks() -> Iterator[list[dict]]:  # page by page: the pairs are never all in memory
        # in blocks of documents: two fill a cache where the claims are read from the store, and
        # a task sent to a cluster carries the claims of no more than two small ones
        reads = engine.name == "local" or getattr(engine, "reads_store", False)
        block = DETECT_CACHE_CLAIMS // 2 if reads else SHIPPED_BLOCK_CLAIMS
        pages = store.pages_to_detect(db, sig, DETECT_PER_TASK, unchecked_only, block)
        while True:
            with _timed(result, "store"):
                page = next(pages, None)
            if not page:
                return
            yield page

    rows_of: dict[str, list[dict]] = {}  # doc id -> its claims' full rows, for the documents of one task

    def of_chunk(chunk: list[dict]) -> tuple[list[str], list[dict]]:
        """The documents the chunk's pairs touch, and its pairs whose claims exist."""
        known = [p for p in chunk if p["claim_a"] in by_id and p["claim_b"] in by_id]
        return list(dict.fromkeys(by_id[p[side]]["doc_id"] for p in known for side in ("claim_a", "claim_b"))), known

    def load(chunk: list[dict]) -> tuple[list[str], list[dict]]:
        """:func:`of_chunk`, with the rows of those documents in ``rows_of`` (those of the task
        before kept when they are needed again: pages come block pair by block pair)."""
        docs, known = of_chunk(chunk)
        for d in [d for d in rows_of if d not in docs]:
            del rows_of[d]
        missing = [d for d in docs if d not in rows_of]
        if missing:
            with _timed(result, "store"):
                fresh = store.load_claims_of(db, missing)
            for doc_rows in fresh.values():
                if vocabulary:
                    for c in doc_rows:
                        c["text_en"] = vocabulary.english(c)
            rows_of.update(fresh)
        return docs, known

    closing: list[Callable[[], None]] = []
    local = engine.name == "local"
    if local or getattr(engine, "reads_store", False):  # the claims are read from the store, per document
        from .engine import StoreViews, detect_in_store, detect_with

        path = store.db_path(db)
        scan_key = f"{path}|{result.run_id}|{sig}"

        def task_in_store(chunk: list[dict]) -> tuple:
            return names, combine, path, scan_key, *of_chunk(chunk), case, vocabulary

        if local:  # in this process, with a worker's bounded cache of documents
            cache = StoreViews(path, scan_key)
            closing.append(cache.close)

            def here(chunk: list[dict]) -> tuple[list[dict], list[Finding]]:
                return chunk, detect_with(cache, names, combine, *of_chunk(chunk), case, vocabulary)

            found: Iterator[tuple[list[dict], list[Finding]]] = (here(c) for c in chunks())
        else:
            found = _with_inputs(engine, detect_in_store, chunks(), task_in_store)
    else:  # a cluster's workers get the claims with the pairs
        def task(chunk: list[dict]) -> tuple:
            docs, known = load(chunk)
            return names, combine, [c for d in docs for c in rows_of[d]], known, case

        found = _with_inputs(engine, detect_task, chunks(), task)
    t0 = time.perf_counter()
    try:
        for chunk, batch in found:
            result.timings["detect"] = result.timings.get("detect", 0.0) + time.perf_counter() - t0
            with _timed(result, "store"):
                store.save_findings(db, [p["id"] for p in chunk], batch, sig, result.run_id)
            result.pairs_checked += len(chunk)
            advance(len(chunk))
            t0 = time.perf_counter()
    finally:
        for close in closing:
            close()
    if not unchecked_only:
        store.set_detection_signature(db, sig)  # every pair is checked with these detectors now
    with _timed(result, "store"):
        result.findings_by_type = store.findings_by_type(db)
    result.findings_total = sum(result.findings_by_type.values())


def _group(db: Any, claims: list[dict], vectors: np.ndarray, vocabulary: Any, result: ScanResult,
           model: str) -> None:
    """Findings that are the same contradiction, grouped into conflicts (see conflicts.py): after
    the first scan, only those the new or changed findings can touch."""
    from .conflicts import assign

    by_id = {c["id"]: vectors[i] for i, c in enumerate(claims)} if len(vectors) == len(claims) else {}
    with _timed(result, "group"):  # reads the full rows of the claims its findings name, only
        assign(db, None, by_id, vocabulary=vocabulary, run_id=result.run_id, model=model)
    result.conflicts_total = store.count_conflicts(db)


__all__ = ["ContradictError", "ScanConfig", "ScanResult", "scan"]
