"""``scan``: ingest -> claims -> embed -> align -> detect, incremental and resumable.

Every stage writes in transactions and skips work whose inputs have not changed: a document
already stored with the same claims version is not split again, a cached embedding is not
computed again, a pair already checked by the same detectors is not checked again. An
interrupted scan leaves a consistent database; running it again completes it.
"""

from __future__ import annotations

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
from .detect import (
    ClaimView,
    default_detectors,
    detect_pair,
    english_view,
    link_siblings,
    registry,
    signature,
)
from .errors import ContradictError, IngestError, NothingReadError

Progress = Callable[[str, int], Callable[[int], None]]


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
    conflicts_total: int = 0
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("run_id")
        d.pop("errors")
        d.pop("warnings")
        return d


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
    from .ingest import discover, load_manifest, read_document

    cfg = config or ScanConfig()
    folder = Path(folder)
    files = discover(folder)  # raises for a missing path or an empty folder
    root = folder if folder.is_dir() else folder.parent
    manifest = load_manifest(root)
    from .case import load_case_rules, load_vocabulary

    vocabulary = load_vocabulary(root)  # the case's aliases (contradict.yaml)
    case_rules = load_case_rules(root)  # the case's records, operations, subtypes, counted nouns
    # no model named: chosen by the corpus's languages once its documents are read
    auto = cfg.model is None and not os.environ.get("CONTRADICT_MODEL")
    embedder = None if auto else get_embedder(cfg.model)  # fail on a bad model before touching the database
    judge, judge_note = _load_judge(cfg)  # likewise a bad --judge
    db = store.open_db(db_path)
    run_id = store.start_run(
        db, command="scan", folder=str(folder), model=embedder.model_id if embedder else "auto",
        config={"align": asdict(cfg.align), "detectors": list(active_detectors(cfg)), "realign": cfg.realign,
                "judge": judge.model_id if judge else None},
        versions=versions(cfg),
    )
    result = ScanResult(run_id=run_id)
    if judge_note:
        result.warnings.append(judge_note)
    try:
        with _run(db, result):
            new_docs = _ingest(db, files, root, manifest, read_document, result, progress, case_rules)
            if not store.count(db, "documents"):
                raise NothingReadError(f"{folder}: no document could be read", "see the errors above",
                                       errors=result.errors)
            if cfg.translate:
                _translate(db, result, progress, vocabulary)
            if embedder is None:
                languages = {r["language"] for r in db.query("select distinct language from documents")}
                embedder = get_embedder(choose_model(languages, english_forms=store.all_have_english(db)))
                if store.last_run_model(db, run_id) not in (None, embedder.model_id):
                    cfg = replace(cfg, realign=True)  # the corpus changed model: pair every claim anew
                store.set_run_model(db, run_id, embedder.model_id)
            claims = store.load_claims(db)
            if vocabulary:  # what the candidate search and the judge read: the case's names
                for c in claims:
                    c["text_en"] = vocabulary.apply(c.get("text_en") or c["text"])
            result.claims_total = len(claims)
            vectors = _embed(db, embedder, claims, result, progress)
            _align(db, claims, vectors, new_docs, cfg, result, progress)
            if judge is not None:
                _judge(db, claims, judge, result, progress)
            weights = None
            if judge is not None and cfg.combine:
                from .detect.combine import load as load_combine

                weights = load_combine(str(judge.path))
            _detect(db, claims, cfg, result, progress, weights, case_rules)
            _group(db, claims, vectors, vocabulary, result)
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


#: characters: splitting a bigger document gets a progress bar of its own
BIG_DOCUMENT = 1_000_000


def _ingest(db: Any, files: list[Path], root: Path, manifest: dict, read_document: Any,
            result: ScanResult, progress: Progress, case: Any = None) -> set[str]:
    """Read, split and store each file, each in its own transaction. Whatever goes wrong with
    one file (unreadable, corrupt, binary, a reader's own bug) is recorded in ``errors`` with
    the file, the stage and a plain message, and the scan goes on with the next file."""
    from .ingest.reader import content_id

    state = store.document_state(db)
    # a change to the case's own rules (contradict.yaml) re-reads its claims' features
    version = CLAIMS_VERSION + (f"+case{case.digest()}" if case else "")
    new_docs: set[str] = set()
    first_read: dict[str, str] = {}  # doc id -> the file it was read from in this run
    advance = progress("Reading documents", len(files))
    for path in files:
        result.documents_seen += 1
        rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
        stage = "ingest"
        try:
            doc_id = content_id(path, root)
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
            doc = read_document(path, root=root, manifest=manifest)
            stage = "claims"
            split = progress(f"Splitting {rel}", len(doc.text)) if len(doc.text) > BIG_DOCUMENT else None
            claims = split_claims(doc, progress=split, case=case)
        except IngestError as exc:
            _fail(db, result, rel, stage, str(exc))
            advance(1)
            continue
        except MemoryError:
            _fail(db, result, rel, stage, f"{rel}: is too big to read in the memory this machine has"
                  " — split it into smaller files, or scan it on a machine with more memory")
            advance(1)
            continue
        except Exception as exc:  # a reader's or the splitter's bug: one file must not stop a scan
            what = "reading" if stage == "ingest" else "splitting into claims"
            _fail(db, result, rel, stage, f"{rel}: failed while {what} ({type(exc).__name__})"
                  " — a bug in contradict: please report it with the file's format; the other files were scanned")
            advance(1)
            continue
        for w in doc.warnings:
            _warn(db, result, rel, w)
        store.save_document(db, doc, claims, claims_version=version, run_id=result.run_id)
        new_docs.add(doc.id)
        result.documents_added += 1
        result.claims_added += len(claims)
        advance(1)
    # a scan killed after storing documents left them unaligned; this run finds them unchanged
    return new_docs | store.unfinished_documents(db)


def _fail(db: Any, result: ScanResult, rel: str, stage: str, message: str) -> None:
    result.documents_failed += 1
    result.errors.append(message)
    store.record_error(db, result.run_id, rel, stage, message)


def _warn(db: Any, result: ScanResult, rel: str, message: str) -> None:
    result.warnings.append(f"{rel}: {message}")
    store.record_error(db, result.run_id, rel, "ingest-warning", message)


def _embed(db: Any, embedder: Any, claims: list[dict], result: ScanResult,
           progress: Progress) -> np.ndarray:
    """Vectors of what each claim says in the embedder's reading: the English form (with the
    case's names) for an English-only model, the original text for a multilingual one."""
    from .claims import text_hash

    multilingual = bool(getattr(embedder, "multilingual", False))
    texts = [c["text"] if multilingual else english(c) for c in claims]
    hashes = [text_hash(t) for t in texts]
    cached = store.cached_vectors(db, embedder.model_id, hashes)
    todo: dict[str, str] = {}
    for h, t in zip(hashes, texts, strict=True):
        if h not in cached:
            todo.setdefault(h, t)
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


def _judge(db: Any, claims: list[dict], judge: Any, result: ScanResult, progress: Progress) -> None:
    by_id = {c["id"]: c for c in claims}
    pairs = [p for p in store.pairs_to_judge(db, judge.model_id) if p["claim_a"] in by_id and p["claim_b"] in by_id]
    if not pairs:
        return
    advance = progress("Judging pairs", len(pairs))
    for i in range(0, len(pairs), 512):  # committed chunk by chunk: an interrupted run keeps them
        chunk = pairs[i : i + 512]
        store.save_judgements(db, judge_rows(judge, chunk, by_id), judge.model_id)
        result.pairs_judged += len(chunk)
        advance(len(chunk))


def _detect(db: Any, claims: list[dict], cfg: ScanConfig, result: ScanResult,
            progress: Progress, combine: dict | None = None, case: Any = None) -> None:
    names = active_detectors(cfg)
    sig = signature(names) + (f";combine@{combine['judge']}:{combine['bias']}" if combine else "")
    by_id = {c["id"]: c for c in claims}
    views = {c["id"]: ClaimView.from_row(c) for c in claims}
    for v in views.values():
        v.en = english_view(v, case)
    link_siblings(list(views.values()))
    pairs = list(store.pairs_to_detect(db, sig))
    advance = progress("Checking pairs", len(pairs))
    for i in range(0, len(pairs), 2000):
        chunk = pairs[i : i + 2000]
        batch = []
        for p in chunk:
            if p["claim_a"] in by_id and p["claim_b"] in by_id:
                batch.extend(detect_pair(views[p["claim_a"]], views[p["claim_b"]], p, names, combine))
        store.save_findings(db, [p["id"] for p in chunk], batch, sig, result.run_id)
        result.pairs_checked += len(chunk)
        advance(len(chunk))
    result.findings_by_type = store.findings_by_type(db)
    result.findings_total = sum(result.findings_by_type.values())


def _group(db: Any, claims: list[dict], vectors: np.ndarray, vocabulary: Any, result: ScanResult) -> None:
    """Findings that are the same contradiction, grouped into conflicts (see conflicts.py)."""
    from .conflicts import assign

    result.conflicts_total = len(assign(db, claims, vectors, vocabulary=vocabulary, run_id=result.run_id))


__all__ = ["ContradictError", "ScanConfig", "ScanResult", "scan"]
