"""``scan``: ingest -> claims -> embed -> align -> detect, incremental and resumable.

Every stage writes in transactions and skips work whose inputs have not changed: a document
already stored with the same claims version is not split again, a cached embedding is not
computed again, a pair already checked by the same detectors is not checked again. An
interrupted scan leaves a consistent database; running it again completes it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from . import store
from .align import AlignConfig, candidate_pairs
from .claims import CLAIMS_VERSION, split_claims
from .detect import DEFAULT_DETECTORS, ClaimView, detect_pair, link_siblings, signature
from .errors import ContradictError, EmptyCorpusError, IngestError

Progress = Callable[[str, int], Callable[[int], None]]


def _no_progress(stage: str, total: int) -> Callable[[int], None]:
    return lambda n: None


@dataclass
class ScanConfig:
    model: str | None = None
    align: AlignConfig = field(default_factory=AlignConfig)
    detectors: tuple[str, ...] = DEFAULT_DETECTORS
    realign: bool = False  # recompute candidates for every claim, not only new ones


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
    pairs_added: int = 0
    pairs_checked: int = 0
    findings_total: int = 0
    findings_by_type: dict[str, int] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("run_id")
        d.pop("errors")
        d.pop("warnings")
        return d


def versions(config: ScanConfig) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"claims": CLAIMS_VERSION, "detectors": signature(config.detectors)}
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
    from .ingest import discover, load_manifest, read_document

    cfg = config or ScanConfig()
    folder = Path(folder)
    files = discover(folder)  # raises for a missing path or an empty folder
    root = folder if folder.is_dir() else folder.parent
    manifest = load_manifest(root)
    # no model named: chosen by the corpus's languages once its documents are read
    auto = cfg.model is None and not os.environ.get("CONTRADICT_MODEL")
    embedder = None if auto else get_embedder(cfg.model)  # fail on a bad model before touching the database
    db = store.open_db(db_path)
    run_id = store.start_run(
        db, command="scan", folder=str(folder), model=embedder.model_id if embedder else "auto",
        config={"align": asdict(cfg.align), "detectors": list(cfg.detectors), "realign": cfg.realign},
        versions=versions(cfg),
    )
    result = ScanResult(run_id=run_id)
    try:
        with _run(db, result):
            new_docs = _ingest(db, files, root, manifest, read_document, result, progress)
            if not store.count(db, "documents"):
                raise EmptyCorpusError(f"{folder}: no document could be read", "see the errors above")
            if embedder is None:
                languages = {r["language"] for r in db.query("select distinct language from documents")}
                embedder = get_embedder(choose_model(languages))
                if store.last_run_model(db, run_id) not in (None, embedder.model_id):
                    cfg = replace(cfg, realign=True)  # the corpus changed model: pair every claim anew
                store.set_run_model(db, run_id, embedder.model_id)
            claims = store.load_claims(db)
            result.claims_total = len(claims)
            vectors = _embed(db, embedder, claims, result, progress)
            _align(db, claims, vectors, new_docs, cfg, result, progress)
            _detect(db, claims, cfg, result, progress)
    finally:
        db.close()
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


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _ingest(db: Any, files: list[Path], root: Path, manifest: dict, read_document: Any,
            result: ScanResult, progress: Progress) -> set[str]:
    state = store.document_state(db)
    new_docs: set[str] = set()
    advance = progress("Reading documents", len(files))
    for path in files:
        result.documents_seen += 1
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        try:
            if state.get(_sha256(path)) == CLAIMS_VERSION:
                result.documents_skipped += 1
                advance(1)
                continue
            doc = read_document(path, root=root, manifest=manifest)
            claims = split_claims(doc)
        except IngestError as exc:
            result.documents_failed += 1
            result.errors.append(str(exc))
            store.record_error(db, result.run_id, rel, "ingest", str(exc))
            advance(1)
            continue
        except OSError as exc:
            msg = f"{rel}: cannot be read ({exc.strerror or type(exc).__name__})"
            result.documents_failed += 1
            result.errors.append(msg)
            store.record_error(db, result.run_id, rel, "ingest", msg)
            advance(1)
            continue
        for w in doc.warnings:
            result.warnings.append(f"{rel}: {w}")
            store.record_error(db, result.run_id, rel, "ingest-warning", w)
        store.save_document(db, doc, claims, claims_version=CLAIMS_VERSION, run_id=result.run_id)
        new_docs.add(doc.id)
        result.documents_added += 1
        result.claims_added += len(claims)
        advance(1)
    return new_docs


def _embed(db: Any, embedder: Any, claims: list[dict], result: ScanResult,
           progress: Progress) -> np.ndarray:
    hashes = [c["text_hash"] for c in claims]
    cached = store.cached_vectors(db, embedder.model_id, hashes)
    todo: dict[str, str] = {}
    for c in claims:
        if c["text_hash"] not in cached:
            todo.setdefault(c["text_hash"], c["text"])
    advance = progress("Embedding claims", len(todo))
    items = list(todo.items())
    chunk = 512  # committed chunk by chunk, so an interrupted run keeps what it computed
    for i in range(0, len(items), chunk):
        part = items[i : i + chunk]
        vecs = embedder.encode([t for _, t in part], progress=advance)
        fresh = {h: vecs[k] for k, (h, _) in enumerate(part)}
        store.save_vectors(db, embedder.model_id, fresh)
        cached.update(fresh)
        result.embedded += len(part)
    if not claims:
        return np.zeros((0, embedder.dim), dtype="float32")
    from .embed import normalise

    return normalise(np.vstack([cached[h] for h in hashes]))


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
    pairs = candidate_pairs(claims, vectors, queries, cfg.align, progress=advance)
    result.pairs_added = store.save_pairs(db, pairs, result.run_id)


def _detect(db: Any, claims: list[dict], cfg: ScanConfig, result: ScanResult,
            progress: Progress) -> None:
    sig = signature(cfg.detectors)
    by_id = {c["id"]: c for c in claims}
    views = {c["id"]: ClaimView.from_row(c) for c in claims}
    link_siblings(list(views.values()))
    pairs = list(store.pairs_to_detect(db, sig))
    advance = progress("Checking pairs", len(pairs))
    for i in range(0, len(pairs), 2000):
        chunk = pairs[i : i + 2000]
        batch = []
        for p in chunk:
            if p["claim_a"] in by_id and p["claim_b"] in by_id:
                batch.extend(detect_pair(views[p["claim_a"]], views[p["claim_b"]], p, cfg.detectors))
        store.save_findings(db, [p["id"] for p in chunk], batch, sig, result.run_id)
        result.pairs_checked += len(chunk)
        advance(len(chunk))
    result.findings_by_type = store.findings_by_type(db)
    result.findings_total = sum(result.findings_by_type.values())


__all__ = ["ContradictError", "ScanConfig", "ScanResult", "scan"]
