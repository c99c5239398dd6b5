"""The only module that writes SQL. Everything the product knows lives in one SQLite file."""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
from sqlite_utils import Database

from .errors import DatabaseError
from .finding import Finding
from .migrations import migrations

REVIEW_STATUSES = ("confirmed", "dismissed", "update", "needs-work")


def now() -> str:
    return _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")


def short_hash(*parts: object, n: int = 20) -> str:
    return hashlib.sha256(":".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:n]


def open_db(path: str | Path, *, create: bool = True) -> Database:
    """Open (or create) a contradict database and apply pending migrations."""
    p = Path(path)
    if not create and not p.exists():
        raise DatabaseError(f"{p}: no such database", "run `contradict scan FOLDER --db " f"{p}` first")
    if p.exists() and p.is_dir():
        raise DatabaseError(f"{p}: is a directory", "give a file name such as case.db")
    if not p.parent.exists():
        raise DatabaseError(f"{p}: folder {p.parent} does not exist", "create it or choose another path")
    try:
        db = Database(p)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA busy_timeout=30000")  # a review during a scan waits for its write
        migrations.apply(db)
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"{p}: not a SQLite database ({exc})", "choose another --db file name"
        ) from None
    return db


def db_path(db: Database) -> str:
    """The file the database was opened from (absolute)."""
    return str(Path(db.conn.execute("pragma database_list").fetchone()[2]).resolve())


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


# --- runs and errors -------------------------------------------------------------------------


_SCAN_LOCKS: dict[str, Any] = {}  # run id -> the open lock file of a running scan


def _lock_scan(db: Database, run_id: str) -> None:
    """One scan writes to a database at a time: a second one stops with a clear message
    (serve, review and other readers are not affected). The lock is the operating system's
    (flock on ``<db>-scan.lock``), so a scan that is killed leaves no stale lock behind."""
    try:
        import fcntl
    except ImportError:  # Windows: SQLite's own locking still keeps the file consistent
        return
    path = next((r["file"] for r in db.query("PRAGMA database_list") if r["name"] == "main"), "")
    if not path:
        return  # an in-memory database
    handle = open(f"{path}-scan.lock", "a+", encoding="utf-8")  # noqa: SIM115 (held until finish_run)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.seek(0)
        holder = handle.read().strip() or "unknown"
        handle.close()
        raise DatabaseError(
            f"{path}: another scan (process {holder}) is writing to this database",
            "wait for it to finish, or scan into another --db",
        ) from None
    handle.seek(0)
    handle.truncate()
    handle.write(str(os.getpid()))
    handle.flush()
    _SCAN_LOCKS[run_id] = handle


def start_run(db: Database, *, command: str, folder: str | None, model: str | None,
              config: dict, versions: dict) -> str:
    """Record a run; a scan also takes the database's scan lock until :func:`finish_run`."""
    run_id = uuid.uuid4().hex[:16]  # a run is an event, not content: two scans in one second differ
    if command == "scan":
        _lock_scan(db, run_id)
    db.table("runs").insert(
        {
            "id": run_id,
            "started_at": now(),
            "status": "running",
            "command": command,
            "folder": folder,
            "model": model,
            "config": _json(config),
            "versions": _json(versions),
            "counts": "{}",
        }
    )
    return run_id


def finish_run(db: Database, run_id: str, status: str, counts: dict) -> None:
    try:
        db.table("runs").update(run_id, {"finished_at": now(), "status": status, "counts": _json(counts)})
    finally:
        lock = _SCAN_LOCKS.pop(run_id, None)
        if lock is not None:
            lock.close()  # closing the file releases the flock


def set_run_model(db: Database, run_id: str, model: str) -> None:
    """The model a scan chose once it knew the corpus's languages."""
    db.table("runs").update(run_id, {"model": model})


def last_run_model(db: Database, run_id: str) -> str | None:
    """The model of the latest completed scan before ``run_id``, if any."""
    rows = list(db.query(
        "select model from runs where id != ? and status = 'completed' and command = 'scan'"
        " order by started_at desc limit 1", [run_id]))
    return rows[0]["model"] if rows else None


def record_error(db: Database, run_id: str, path: str, stage: str, message: str) -> None:
    db.table("errors").upsert(
        {
            "id": short_hash(run_id, path, stage, message),  # each of a file's warnings kept
            "run_id": run_id,
            "path": path,
            "stage": stage,
            "message": message,
            "created_at": now(),
        },
        pk="id",
    )


# --- documents and claims --------------------------------------------------------------------


def unfinished_documents(db: Database) -> set[str]:
    """Documents stored by scans that never completed (killed, interrupted, failed) since the
    last one that did: their claims may never have been aligned, and a re-run, which finds
    them unchanged, must align them."""
    return {r["id"] for r in db.query(
        "select d.id from documents d join runs r on r.id = d.run_id where r.status != 'completed'"
        " and r.started_at >= coalesce((select max(started_at) from runs"
        " where status = 'completed' and command = 'scan'), '')")}


def document_state(db: Database) -> dict[str, str | None]:
    """doc id -> claims_version of every stored document."""
    return {r["id"]: r["claims_version"] for r in db.query("select id, claims_version from documents")}


def save_document(db: Database, doc: Any, claims: list[Any], *, claims_version: str, run_id: str) -> None:
    """Write one document with its claims and features in one transaction.

    A document row is only present once all its claims are, so an interrupted scan
    leaves either nothing or everything of a document.
    """
    meta = doc.meta
    with db.atomic():
        old = [r["id"] for r in db.query("select id from claims where doc_id = ?", [doc.id])]
        if old:
            _delete_claims(db, old)
        db.table("documents").upsert(
            {
                "id": doc.id,
                "path": doc.path,
                "format": doc.format,
                "title": meta.get("title"),
                "source": meta.get("source"),
                "speaker": meta.get("speaker"),
                "kind": meta.get("kind"),
                "date": meta.get("date"),
                "url": meta.get("url"),
                "language": meta.get("language"),
                "meta": _json(meta),
                "text": doc.text,
                "pages": _json([[p.number, p.start, p.end] for p in doc.pages]),
                "warnings": _json(list(doc.warnings)),
                "encoding": getattr(doc, "encoding", None),
                "encoding_confidence": getattr(doc, "encoding_confidence", None),
                "claims_version": claims_version,
                "run_id": run_id,
                "ingested_at": now(),
            },
            pk="id",
        )
        db.table("claims").insert_all((c.row() for c in claims), pk="id", replace=True)
        db.table("quantities").insert_all(
            (q for c in claims for q in c.quantity_rows()), pk="id", replace=True
        )
        db.table("dates").insert_all((d for c in claims for d in c.date_rows()), pk="id", replace=True)
        db.table("legal_refs").insert_all(
            (r for c in claims for r in c.legal_rows()), pk="id", replace=True
        )


def _delete_claims(db: Database, claim_ids: list[str]) -> None:
    marks = ",".join("?" * len(claim_ids))
    for table in ("quantities", "dates", "legal_refs"):
        db.execute(f"delete from {table} where claim_id in ({marks})", claim_ids)
    db.execute(f"delete from findings where claim_a in ({marks}) or claim_b in ({marks})", claim_ids * 2)
    db.execute(f"delete from pairs where claim_a in ({marks}) or claim_b in ({marks})", claim_ids * 2)
    db.execute(f"delete from claims where id in ({marks})", claim_ids)


_CLAIM_ROWS = """
    select c.id, c.doc_id, c.seq, c.page, c.start, c."end", c.text, c.text_hash, c.polarity,
           c.cues, c.frames, c.entities, c.features, c.text_en,
           d.title, d.source, d.speaker, d.kind, d.date, d.url, d.language, d.path
    from claims c join documents d on d.id = c.doc_id
"""


def _claim_rows(db: Database, where: str = "", params: list | None = None) -> Iterator[dict]:
    """Claims with their documents' fields, the JSON columns parsed (``where``: SQL after
    the join, with its ``params``)."""
    for r in db.query(_CLAIM_ROWS + where, params or []):
        for key in ("cues", "frames", "entities", "features"):
            r[key] = json.loads(r[key] or "null")
        yield r


def load_claims(db: Database, ids: Iterable[str] | None = None) -> list[dict]:
    """Every claim with the document fields the aligner and detectors need, in a stable order;
    with ``ids``, only those claims (in no particular order)."""
    if ids is None:
        return list(_claim_rows(db, " order by d.path, c.seq"))
    wanted = sorted(ids)
    rows: list[dict] = []
    for i in range(0, len(wanted), 400):
        chunk = wanted[i : i + 400]
        rows.extend(_claim_rows(db, f" where c.id in ({','.join('?' * len(chunk))})", chunk))
    return rows


def load_claim_index(db: Database) -> list[dict]:
    """Every claim as the aligner reads it, in :func:`load_claims`'s order, without the parsed
    features, cues and entities (a fifth of the memory at 100,000 claims): id, document,
    offsets, text and its English and Latin forms, frames, and the document's date and path.
    ``features`` holds only ``text_latin``."""
    sql = """
        select c.id, c.doc_id, c.seq, c.start, c."end", c.text, c.text_en, c.text_latin, c.frames,
               d.date, d.path, d.language
        from claims c join documents d on d.id = c.doc_id
        order by d.path, c.seq
    """
    rows = []
    for r in db.query(sql):
        r["frames"] = json.loads(r["frames"] or "null")
        r["features"] = {"text_latin": r.pop("text_latin")}
        rows.append(r)
    return rows


def load_claims_of(db: Database, doc_ids: Iterable[str]) -> dict[str, list[dict]]:
    """doc id -> its claims as :func:`load_claims` gives them (same columns, same order)."""
    ids = list(dict.fromkeys(doc_ids))
    out: dict[str, list[dict]] = {d: [] for d in ids}
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        for r in _claim_rows(db, f" where c.doc_id in ({','.join('?' * len(chunk))}) order by d.path, c.seq", chunk):
            out[r["doc_id"]].append(r)
    return out


def claims_needing_english(db: Database) -> list[dict]:
    """Serbian claims (they have a Latin form) that have no English form yet."""
    return list(db.query("select id, text from claims where text_latin is not null and text_en is null order by id"))


def all_have_english(db: Database) -> bool:
    """Every Serbian claim has an English form (true, too, when there is no Serbian claim)."""
    return not list(db.query("select 1 from claims where text_latin is not null and text_en is null limit 1"))


def save_english(db: Database, forms: dict[str, str]) -> None:
    with db.atomic():
        for claim_id, text_en in forms.items():
            db.execute("update claims set text_en = ? where id = ?", [text_en, claim_id])


def count(db: Database, table: str) -> int:
    return db.table(table).count


# --- embeddings ------------------------------------------------------------------------------


def cached_vectors(db: Database, model: str, text_hashes: Iterable[str]) -> dict[str, np.ndarray]:
    hashes = list(dict.fromkeys(text_hashes))
    found: dict[str, np.ndarray] = {}
    for i in range(0, len(hashes), 500):
        chunk = hashes[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for row in db.query(
            f"select text_hash, dim, vector from embeddings where model = ? and text_hash in ({marks})",
            [model, *chunk],
        ):
            found[row["text_hash"]] = np.frombuffer(row["vector"], dtype="<f4", count=row["dim"])
    return found


def cached_hashes(db: Database, model: str, text_hashes: Iterable[str]) -> set[str]:
    """Which of these texts already have a vector of ``model`` (without reading the vectors)."""
    hashes = list(dict.fromkeys(text_hashes))
    found: set[str] = set()
    for i in range(0, len(hashes), 500):
        chunk = hashes[i : i + 500]
        marks = ",".join("?" * len(chunk))
        found.update(r[0] for r in db.execute(
            f"select text_hash from embeddings where model = ? and text_hash in ({marks})", [model, *chunk]))
    return found


def vector_matrix(db: Database, model: str, text_hashes: list[str], dim: int) -> np.ndarray:
    """One float32 row per text hash, in order (a text that recurs shares its row's vector);
    read straight into one matrix, never as a dict of arrays. Raises KeyError for a hash
    without a vector."""
    index: dict[str, list[int]] = {}
    for k, h in enumerate(text_hashes):
        index.setdefault(h, []).append(k)
    out = np.empty((len(text_hashes), dim), dtype="float32")
    seen = 0
    keys = list(index)
    for i in range(0, len(keys), 500):
        chunk = keys[i : i + 500]
        marks = ",".join("?" * len(chunk))
        for h, vec in db.execute(
            f"select text_hash, vector from embeddings where model = ? and text_hash in ({marks})", [model, *chunk]
        ):
            out[index[h]] = np.frombuffer(vec, dtype="<f4", count=dim)
            seen += 1
    if seen != len(keys):
        raise KeyError(f"{len(keys) - seen} texts have no {model} vector")
    return out


def save_vectors(db: Database, model: str, vectors: dict[str, np.ndarray]) -> None:
    with db.atomic():
        db.table("embeddings").insert_all(
            (
                {
                    "model": model,
                    "text_hash": h,
                    "dim": int(v.shape[0]),
                    "vector": np.asarray(v, dtype="<f4").tobytes(),
                }
                for h, v in vectors.items()
            ),
            pk=("model", "text_hash"),
            replace=True,
        )


# --- pairs and findings ----------------------------------------------------------------------


def _write_rows(db: Database, table: str, rows: list[dict], *, upsert: str | None = None) -> bool:
    """Write rows that share one set of scalar columns, all of which the table has, with one
    ``executemany``: ``insert or replace``, or with ``upsert`` (the key) an upsert that leaves
    the columns it is not given alone. False, writing nothing, for any other rows (the caller
    uses sqlite-utils then, whose per-value work costs more than the write itself)."""
    cols = list(rows[0])
    if not set(cols) <= set(db.table(table).columns_dict):
        return False
    try:
        values = [tuple(r[c] for c in cols) for r in rows if len(r) == len(cols)]
    except KeyError:
        return False
    if len(values) != len(rows) or any(isinstance(v, (dict, list, tuple)) for v in values[0]):
        return False
    names = ", ".join(f"[{c}]" for c in cols)
    marks = ", ".join("?" * len(cols))
    if upsert:
        sets = ", ".join(f"[{c}] = excluded.[{c}]" for c in cols if c != upsert)
        sql = f"insert into [{table}] ({names}) values ({marks}) on conflict([{upsert}]) do update set {sets}"
    else:
        sql = f"insert or replace into [{table}] ({names}) values ({marks})"
    db.conn.executemany(sql, values)
    return True


def save_pairs(db: Database, pairs: Iterable[dict], run_id: str) -> int:
    rows = []
    for p in pairs:
        row = dict(p)
        row["shared_frames"] = _json(row.get("shared_frames", []))
        row["run_id"] = run_id
        rows.append(row)
    if not rows:
        return 0
    with db.atomic():
        # keep detected_with of existing pairs: upsert leaves columns we do not pass alone
        if not _write_rows(db, "pairs", rows, upsert="id"):
            db.table("pairs").upsert_all(rows, pk="id")
    return len(rows)


def pairs_to_judge(db: Database, judge_id: str) -> list[dict]:
    return list(db.query(
        "select id, claim_a, claim_b from pairs where judged_with is null or judged_with != ? order by id",
        [judge_id],
    ))


def over_budget_mark(judge_id: str, per_claim: int | None) -> str:
    """What ``pairs.judged_with`` says of a pair the judge budget left to the rules alone."""
    return f"over-budget:{per_claim}:{judge_id}"


def pairs_for_judge(db: Database, judge_id: str, over_budget: str) -> list[dict]:
    """Pairs not yet read by this judge, nor left out under this budget, with what the budget
    ranks them by."""
    rows = []
    for r in db.query(
        "select id, claim_a, claim_b, cosine, lexical, shared_frames from pairs"
        " where judged_with is null or (judged_with != ? and judged_with != ?) order by id",
        [judge_id, over_budget],
    ):
        r["shared_frames"] = json.loads(r["shared_frames"] or "[]")
        rows.append(r)
    return rows


def mark_judged(db: Database, pair_ids: list[str], mark: str) -> None:
    """Mark pairs as seen by the judge stage without a reading (the budget left them out):
    probabilities cleared, their detectors to run again."""
    with db.atomic():
        for i in range(0, len(pair_ids), 500):
            chunk = pair_ids[i : i + 500]
            marks = ",".join("?" * len(chunk))
            db.execute(
                "update pairs set p_contradiction = null, p_entailment = null, judge = null, judged_with = ?,"
                f" detected_with = null where id in ({marks})", [mark, *chunk])


_UNJUDGED = "(judged_with is null or (judged_with != :judge and judged_with != :skip))"


def choose_for_judge(db: Database, judge_id: str, over_budget: str, per_claim: int | None) -> int:
    """Put the pairs the judge reads in this scan in the temporary table ``_judge_todo`` and
    mark those the budget leaves out; returns how many it reads.

    The *open* pairs are those not yet read by this judge nor left out under this budget.
    Each claim with an open pair has all its pairs, read or not, ranked by cosine (ties by
    id: ``pipeline.judge_priority``); an open pair is read when it is among the
    first ``per_claim`` of either of its claims (None: every open pair). On a fresh database
    this is ``pipeline.within_budget``; on a re-scan a new pair is read only when it ranks
    among its claims' first, next to the pairs read before."""
    args = {"judge": judge_id, "skip": over_budget, "k": per_claim if per_claim is not None else -1}
    db.execute("drop table if exists temp._judge_todo")
    db.execute("create temp table _judge_todo (id text primary key)")
    if per_claim is None:
        db.execute(f"insert into _judge_todo select id from pairs where {_UNJUDGED}", args)
    else:
        db.execute(
            f"""insert or ignore into _judge_todo
            with touched as (
                select claim_a as claim from pairs where {_UNJUDGED}
                union select claim_b from pairs where {_UNJUDGED}
            ), cand as (
                select id, claim_a, claim_b, {_UNJUDGED} as open, coalesce(cosine, 0.0) as pr from pairs where claim_a in touched or claim_b in touched
            ), sides as (
                select id, claim_a as claim, pr, open from cand union all select id, claim_b, pr, open from cand
            ), ranked as (
                select id, open, row_number() over (partition by claim order by pr desc, id) as n from sides
            )
            select id from ranked where n <= :k and open""", args)
        with db.atomic():
            db.execute(
                "update pairs set p_contradiction = null, p_entailment = null, judge = null, judged_with = :skip,"
                f" detected_with = null where {_UNJUDGED} and id not in (select id from _judge_todo)", args)
    return next(db.execute("select count(*) from _judge_todo"))[0]


def count_unjudged(db: Database, judge_id: str, over_budget: str) -> int:
    return next(db.execute(f"select count(*) from pairs where {_UNJUDGED}", {"judge": judge_id, "skip": over_budget}))[0]


def judge_todo_page(db: Database, after: str, limit: int) -> list[dict]:
    """The next pairs of ``_judge_todo`` after pair id ``after``, by id."""
    return list(db.query(
        "select p.id, p.claim_a, p.claim_b from _judge_todo t join pairs p on p.id = t.id"
        " where t.id > ? order by t.id limit ?", [after, limit]))


def detection_signature(db: Database) -> str | None:
    """The detector signature of the last completed pass over every pair (see m008), or None."""
    rows = list(db.query("select signature from detection where id = 1"))
    return rows[0]["signature"] if rows else None


def set_detection_signature(db: Database, signature: str | None) -> None:
    """Record that every pair was checked with ``signature`` (None: a pass under another one has
    begun, and pairs of both may be stored until it completes)."""
    with db.atomic():
        db.execute("delete from detection where id = 1")
        if signature is not None:
            db.execute("insert into detection (id, signature) values (1, ?)", [signature])


# the pairs to check: those never checked (the partial index pairs_unchecked finds them), and,
# unless every other pair is known to carry the scan's signature, those checked with another
_UNCHECKED = "detected_with is null"
_STALE = "detected_with is null or detected_with != ?"


def count_pairs_to_detect(db: Database, signature: str, unchecked_only: bool = False) -> int:
    if unchecked_only:
        return next(db.execute(f"select count(*) from pairs where {_UNCHECKED}"))[0]
    return next(db.execute(f"select count(*) from pairs where {_STALE}", [signature]))[0]


def _pair_rows(rows: list[dict]) -> list[dict]:
    for r in rows:
        r["shared_frames"] = json.loads(r["shared_frames"] or "[]")
        r["judge"] = json.loads(r["judge"]) if r.get("judge") else None
    return rows


def pairs_to_detect_page(db: Database, signature: str, after: str, limit: int,
                         unchecked_only: bool = False) -> list[dict]:
    """The next pairs not checked with ``signature`` after pair id ``after``, by id: a scan
    reads them page by page, never all at once. ``unchecked_only``: only those never checked,
    read through their own index (a re-scan's few among millions)."""
    if unchecked_only:
        sql, args = f"select * from pairs where {_UNCHECKED} and id > ? order by id limit ?", [after, limit]
    else:
        sql, args = f"select * from pairs where ({_STALE}) and id > ? order by id limit ?", [signature, after, limit]
    return _pair_rows(list(db.query(sql, args)))


def pages_to_detect(db: Database, signature: str, limit: int, unchecked_only: bool = False,
                    block_claims: int | None = None) -> Iterator[list[dict]]:
    """The pairs to check, ``limit`` at a time. With ``block_claims``, in an order a bounded
    cache of claims can follow: the documents are cut into blocks of about that many claims,
    in path order, and the pairs come block pair by block pair ((0, 0), (0, 1), … (1, 1), …),
    so a reader holding two blocks reads each document about as many times as there are
    blocks, where pairs in id order would have it read a document for most pairs once the
    corpus outgrows the cache. Without it (or when every claim fits in one block), by id."""
    n_claims = next(db.execute("select count(*) from claims"))[0]
    if not block_claims or n_claims <= block_claims:
        after = ""
        while page := pairs_to_detect_page(db, signature, after, limit, unchecked_only):
            after = page[-1]["id"]
            yield page
        return
    con = db.conn
    # statement by statement, not executescript: that would commit whatever the caller has open
    _drop_detect_order(con)
    con.execute("create temp table detect_blocks (doc_id text primary key, block integer not null)")
    con.execute("create temp table detect_order (bi integer, bj integer, id text, primary key (bi, bj, id)) without rowid")
    try:
        blocks, block, size = [], 0, 0
        for doc_id, n in con.execute(
                "select d.id, count(c.id) from documents d join claims c on c.doc_id = d.id group by d.id order by d.path"):
            if size and size + n > block_claims:
                block, size = block + 1, 0
            blocks.append((doc_id, block))
            size += n
        con.executemany("insert into temp.detect_blocks values (?, ?)", blocks)
        where, args = (_UNCHECKED, []) if unchecked_only else (f"({_STALE})", [signature])
        con.execute(
            "insert into temp.detect_order select min(ba.block, bb.block), max(ba.block, bb.block), p.id"
            " from pairs p join claims ca on ca.id = p.claim_a join claims cb on cb.id = p.claim_b"
            " join temp.detect_blocks ba on ba.doc_id = ca.doc_id join temp.detect_blocks bb on bb.doc_id = cb.doc_id"
            f" where {where}", args)  # only pairs has a detected_with column
        key: tuple = (-1, -1, "")
        while True:
            page = _pair_rows(list(db.query(
                "select o.bi as _bi, o.bj as _bj, p.* from temp.detect_order o join pairs p on p.id = o.id"
                " where (o.bi, o.bj, o.id) > (?, ?, ?) order by o.bi, o.bj, o.id limit ?", [*key, limit])))
            if not page:
                return
            key = (page[-1]["_bi"], page[-1]["_bj"], page[-1]["id"])
            for r in page:
                del r["_bi"], r["_bj"]
            yield page
    finally:
        _drop_detect_order(con)


def _drop_detect_order(con: Any) -> None:
    con.execute("drop table if exists temp.detect_blocks")
    con.execute("drop table if exists temp.detect_order")


def document_languages(db: Database) -> set[str | None]:
    return {r["language"] for r in db.query("select distinct language from documents")}


def save_judgements(db: Database, rows: list[dict], judge_id: str) -> None:
    """Store the judge's reading of these pairs; their detectors run again on the next pass."""
    with db.atomic():
        for r in rows:
            db.execute(
                "update pairs set p_contradiction = ?, p_entailment = ?, judge = ?, judged_with = ?, "
                "detected_with = null where id = ?",
                [r["p_contradiction"], r["p_entailment"], _json(r["judge"]), judge_id, r["id"]],
            )


def save_findings(db: Database, pair_ids: list[str], findings: list[Finding], signature: str,
                  run_id: str) -> None:
    """Replace the findings of these pairs and mark the pairs as checked, atomically."""
    with db.atomic():
        for i in range(0, len(pair_ids), 400):
            chunk = pair_ids[i : i + 400]
            marks = ",".join("?" * len(chunk))
            db.execute(f"delete from findings where pair_id in ({marks})", chunk)
            db.execute(
                f"update pairs set detected_with = ? where id in ({marks})", [signature, *chunk]
            )
        rows = [{**f.to_row(), "run_id": run_id, "created_at": now()} for f in findings]
        if rows and not _write_rows(db, "findings", rows):
            db.table("findings").insert_all(rows, pk="id", replace=True)


def findings_by_type(db: Database) -> dict[str, int]:
    return {r["type"]: r["n"] for r in db.query("select type, count(*) as n from findings group by type order by type")}


# --- reading findings ------------------------------------------------------------------------


def _score_type_status(min_score: float, types: list[str] | None,
                       status: list[str] | None) -> tuple[list[str], list[Any]]:
    """The where-clauses and parameters findings and conflicts are both filtered by."""
    where = ["score >= ?"]
    params: list[Any] = [min_score]
    for column, values in (("type", types), ("status", status)):
        if values:
            where.append(f"{column} in ({','.join('?' * len(values))})")
            params.extend(values)
    return where, params


def query_findings(
    db: Database,
    *,
    types: list[str] | None = None,
    status: list[str] | None = None,
    min_score: float = 0.0,
    source: str | None = None,
    relation: str | None = None,
    limit: int | None = None,
) -> list[dict]:
    where, params = _score_type_status(min_score, types, status)
    if source:
        where.append("(source_a = ? or source_b = ?)")
        params.extend([source, source])
    if relation:
        where.append("relation = ?")
        params.append(relation)
    sql = "select * from finding_details where " + " and ".join(where)
    sql += " order by score desc, id"
    if limit:
        sql += f" limit {int(limit)}"
    rows = list(db.query(sql, params))
    for r in rows:
        r["values"] = json.loads(r.pop("values_json") or "{}")
        r["signals"] = json.loads(r["signals"] or "{}")
    return rows


def add_review(db: Database, finding_id: str, status: str, note: str | None, reviewer: str | None) -> dict:
    row = {
        "finding_id": finding_id,
        "status": status,
        "note": note,
        "reviewer": reviewer,
        "created_at": now(),
    }
    db.table("reviews").insert(row)
    return row


def finding_exists(db: Database, finding_id: str) -> bool:
    return bool(list(db.query("select 1 from findings where id = ?", [finding_id])))


def resolve_finding_id(db: Database, prefix: str) -> list[str]:
    return [r["id"] for r in db.query("select id from findings where id like ? limit 2", [prefix + "%"])]


def review_history(db: Database, finding_id: str | None = None) -> list[dict]:
    """Reviews, newest first, each with ``orphaned`` = 1 when its finding is gone."""
    sql = (
        "select r.id, r.finding_id, r.status, r.note, r.reviewer, r.created_at, "
        "(r.finding_id not in (select id from findings)) as orphaned from reviews r"
    )
    params: list[Any] = []
    if finding_id is not None:
        sql += " where r.finding_id = ?"
        params.append(finding_id)
    return list(db.query(sql + " order by r.id desc", params))


def get_finding(db: Database, finding_id: str) -> dict | None:
    """One row of the finding_details view, values and signals parsed; None when absent."""
    rows = list(db.query("select * from finding_details where id = ?", [finding_id]))
    if not rows:
        return None
    row = rows[0]
    row["values"] = json.loads(row.pop("values_json") or "{}")
    row["signals"] = json.loads(row["signals"] or "{}")
    return row


def document_texts(db: Database, doc_ids: Iterable[str]) -> dict[str, str]:
    ids = list(dict.fromkeys(doc_ids))
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {
        r["id"]: r["text"] or ""
        for r in db.query(f"select id, text from documents where id in ({marks})", ids)
    }


def next_unreviewed(db: Database, exclude: str | None = None) -> str | None:
    """The id of the highest-scoring unreviewed finding other than ``exclude``."""
    rows = list(
        db.query(
            "select id from finding_details where status = 'unreviewed' and id != ? "
            "order by score desc, id limit 1",
            [exclude or ""],
        )
    )
    return rows[0]["id"] if rows else None


def last_scanned_folder(db: Database) -> str | None:
    rows = list(
        db.query(
            "select folder from runs where folder is not null order by started_at desc limit 1"
        )
    )
    return rows[0]["folder"] if rows else None


# --- briefs ----------------------------------------------------------------------------------


def brief_overview(db: Database) -> dict[str, Any]:
    """What a brief says about the case as a whole: how much was examined, and when.

    ``first_scan`` / ``last_scan`` are the dates (YYYY-MM-DD) of the first completed run's
    start and the latest completed run's end; ``model`` and ``detectors`` come from that run.
    """
    counts = next(
        db.query(
            "select (select count(*) from documents) as documents,"
            " (select count(*) from claims) as claims,"
            " (select count(*) from findings) as findings,"
            " (select min(date) from documents where date is not null and date != '') as first_date,"
            " (select max(date) from documents where date is not null and date != '') as last_date,"
            " (select count(*) from documents where date is null or date = '') as undated"
        )
    )
    runs = list(
        db.query(
            "select started_at, finished_at, folder, model, versions from runs"
            " where status = 'completed' and finished_at is not null order by finished_at, id"
        )
    )
    latest = runs[-1] if runs else {}
    versions = json.loads(latest.get("versions") or "{}")
    return {
        **counts,
        "runs": len(runs),
        "first_scan": (runs[0]["started_at"] or "")[:10] if runs else None,
        "last_scan": (latest.get("finished_at") or "")[:10] or None,
        "folder": latest.get("folder"),
        "model": latest.get("model"),
        "detectors": versions.get("detectors"),
    }


def latest_review_details(db: Database) -> dict[str, dict]:
    """finding id -> its latest review (status, note, reviewer, created_at)."""
    return {
        r["finding_id"]: r
        for r in db.query("select finding_id, status, note, reviewer, created_at from latest_reviews")
    }


# --- evaluation against a gold file ------------------------------------------------------------


def documents_with_text(db: Database) -> list[dict]:
    """Every document's id, path and text, in the order they were stored."""
    return list(db.query("select id, path, text from documents order by rowid"))


def claims_overlapping(db: Database, doc_id: str, start: int, end: int) -> set[str]:
    """Ids of the document's claims whose span overlaps ``[start, end)``."""
    return {
        r["id"]
        for r in db.query(
            'select id from claims where doc_id = ? and start < ? and "end" > ?', [doc_id, end, start]
        )
    }


def claims_language(db: Database, claim_ids: Iterable[str]) -> str | None:
    """The language of the document of one of the claims (None when unknown)."""
    ids = list(dict.fromkeys(claim_ids))
    if not ids:
        return None
    marks = ",".join("?" * len(ids))
    rows = list(
        db.query(
            f"select d.language from claims c join documents d on d.id = c.doc_id "
            f"where c.id in ({marks}) limit 1",
            ids,
        )
    )
    return rows[0]["language"] if rows else None


def findings_by_score(db: Database) -> list[dict]:
    """Every finding's id, two claims, type and conflict, highest score first (ties by id)."""
    return list(db.query("select id, claim_a, claim_b, type, conflict_id from findings order by score desc, id"))


def paired_claims(db: Database) -> set[frozenset[str]]:
    """The two claims of every candidate pair, unordered."""
    return {frozenset((p["claim_a"], p["claim_b"])) for p in db.query("select claim_a, claim_b from pairs")}


# --- tables for notebooks ----------------------------------------------------------------------


def claim_details(db: Database) -> list[dict]:
    """Every claim with its document and how many findings quote it (``confirmed``: of them,
    those whose latest review confirmed them), in document path and position order."""
    rows = list(
        db.query(
            """
            with quoted as (
              select f.claim_a as claim_id, lr.status from findings f
                left join latest_reviews lr on lr.finding_id = f.id
              union all
              select f.claim_b, lr.status from findings f
                left join latest_reviews lr on lr.finding_id = f.id
            ), counts as (
              select claim_id, count(*) as findings, sum(status = 'confirmed') as confirmed
              from quoted group by claim_id
            )
            select c.id as claim_id, c.text, c.text_en, c.page, c.start, c."end", c.polarity,
                   c.frames, d.id as doc_id, d.path as doc_path, d.title as doc_title, d.source,
                   d.speaker, d.kind, d.date, d.url, d.language,
                   coalesce(k.findings, 0) as findings, coalesce(k.confirmed, 0) as confirmed
            from claims c join documents d on d.id = c.doc_id
            left join counts k on k.claim_id = c.id
            order by d.path, c.start, c.id
            """
        )
    )
    for r in rows:
        r["frames"] = json.loads(r["frames"] or "[]")
    return rows


# --- conflicts -------------------------------------------------------------------------------


_GROUPING_COLS = "f.id, f.claim_a, f.claim_b, f.type, f.relation, f.topic, f.score, f.explanation, f.values_json"


def grouping_state(db: Database) -> tuple[str | None, set[str], bool]:
    """The signature the stored conflicts were grouped under, the group keys of the conflicts
    that lost a finding since, and whether every stored conflict has its key."""
    rows = list(db.query("select signature from grouping where id = 1"))
    queued = {r["group_key"] for r in db.query(
        "select c.group_key from regroup_queue q join conflicts c on c.id = q.conflict_id")}
    keyless = bool(list(db.query("select 1 from conflicts where group_key is null limit 1")))
    return (rows[0]["signature"] if rows else None), {k for k in queued if k}, not keyless


class Regrouping:
    """One grouping of findings into conflicts, staged in temporary tables so that neither the
    findings nor the conflicts are ever all in memory, then swapped in with one transaction:

    1. :meth:`findings` pages through the findings to key (all, or those no conflict holds) and
       :meth:`add_keys` stages each one's group key;
    2. :meth:`widen` adds, for an incremental regroup, the blocks of conflicts that lost a
       finding and the grouped findings of every block being regrouped;
    3. :meth:`blocks` gives the staged findings whole blocks at a time, :meth:`add_conflicts`
       stages the conflicts made of them;
    4. :meth:`commit` replaces every conflict (or only those of the regrouped blocks and those
       that lost a finding) and sets the findings' ``conflict_id`` and ``group_key``.

    Until the commit the stored conflicts are untouched; temporary tables need no write lock
    on the database, so a review made meanwhile does not wait."""

    _TABLES = ("grouping_keys", "grouping_blocks", "grouping_conflicts", "grouping_members")

    def __init__(self, db: Database, *, incremental: bool) -> None:
        self.db = db
        self.incremental = incremental
        self._drop()
        db.conn.executescript(
            """
            create temp table grouping_keys (finding_id text primary key, group_key text not null);
            create index temp.grouping_keys_by_key on grouping_keys (group_key, finding_id);
            create temp table grouping_blocks (group_key text primary key);
            create temp table grouping_members (finding_id text primary key, conflict_id text, group_key text);
            """
        )
        db.conn.execute("create temp table grouping_conflicts as select * from main.conflicts where 0")

    def findings(self, page: int) -> Iterator[list[Finding]]:
        """The findings to key, ``page`` at a time, by id."""
        where = " and (f.conflict_id is null or f.group_key is null)" if self.incremental else ""
        after = ""
        while True:
            rows = list(self.db.query(
                f"select {_GROUPING_COLS} from findings f where f.id > ?{where} order by f.id limit ?",
                [after, page]))
            if not rows:
                return
            after = rows[-1]["id"]
            yield [Finding.from_row(r) for r in rows]

    def add_keys(self, keys: Iterable[tuple[str, str]]) -> None:
        self.db.conn.executemany("insert or replace into temp.grouping_keys values (?, ?)", keys)

    def widen(self, queued: Iterable[str]) -> None:
        """Blocks to regroup: those of the keyed findings and ``queued`` (keys of conflicts that
        lost a finding), with every finding stored in them."""
        con = self.db.conn
        con.execute("insert or ignore into temp.grouping_blocks select distinct group_key from temp.grouping_keys")
        con.executemany("insert or ignore into temp.grouping_blocks values (?)", [(k,) for k in queued])
        con.execute("insert or ignore into temp.grouping_keys select f.id, f.group_key from findings f"
                    " where f.group_key in (select group_key from temp.grouping_blocks)")

    def blocks(self, size: int) -> Iterator[tuple[list[Finding], dict[str, str]]]:
        """The staged findings in whole blocks, about ``size`` findings at a time (more when one
        block is bigger), with each one's key."""
        after_key, after_id = "", ""
        carry: list[dict] = []
        while True:
            rows = list(self.db.query(
                f"select {_GROUPING_COLS}, k.group_key from temp.grouping_keys k"
                " join findings f on f.id = k.finding_id"
                " where k.group_key > ? or (k.group_key = ? and k.finding_id > ?)"
                " order by k.group_key, k.finding_id limit ?",
                [after_key, after_key, after_id, size]))
            if rows:
                after_key, after_id = rows[-1]["group_key"], rows[-1]["id"]
            batch = carry + rows
            if not rows:
                if batch:
                    yield [Finding.from_row(r) for r in batch], {r["id"]: r["group_key"] for r in batch}
                return
            last = batch[-1]["group_key"]
            cut = next(i for i, r in enumerate(batch) if r["group_key"] == last)
            carry = batch[cut:]  # the last block may go on in the next page
            if cut:
                done = batch[:cut]
                yield [Finding.from_row(r) for r in done], {r["id"]: r["group_key"] for r in done}

    def add_conflicts(self, rows: list[dict], members: Iterable[tuple[str, str, str]]) -> None:
        """Conflict rows and (finding id, conflict id, group key) of their members."""
        if rows:
            cols = list(rows[0])
            self.db.conn.executemany(
                f"insert into temp.grouping_conflicts ({', '.join(f'[{c}]' for c in cols)})"
                f" values ({', '.join('?' * len(cols))})", [tuple(r[c] for c in cols) for r in rows])
        self.db.conn.executemany("insert or replace into temp.grouping_members values (?, ?, ?)", members)

    def commit(self, signature: str | None) -> None:
        """Swap the staged conflicts in, atomically; the signature they were made under is kept
        (``None``: none, so the next scan regroups in full)."""
        db = self.db
        db.conn.commit()  # the staging wrote only temporary tables
        cols = ", ".join(f"[{c}]" for c in db.table("conflicts").columns_dict)
        with db.atomic():
            if self.incremental:
                db.execute("delete from conflicts where id in (select conflict_id from regroup_queue)")
                db.execute("delete from conflicts where group_key in (select group_key from temp.grouping_blocks)")
            else:
                db.execute("delete from conflicts")
                db.execute("update findings set conflict_id = null where conflict_id is not null")
            db.execute(f"insert or replace into conflicts ({cols}) select {cols} from temp.grouping_conflicts")
            db.execute("update findings set conflict_id = m.conflict_id, group_key = m.group_key"
                       " from temp.grouping_members m where findings.id = m.finding_id")
            db.execute("delete from regroup_queue")
            if signature is None:
                db.execute("delete from grouping")
            else:
                db.execute("insert or replace into grouping (id, signature) values (1, ?)", [signature])
        self.close()

    def close(self) -> None:
        self.db.conn.rollback()  # nothing of the staging is kept when it did not commit
        self._drop()

    def _drop(self) -> None:
        self.db.conn.executescript("".join(f"drop table if exists temp.{t};" for t in self._TABLES))


def clear_conflicts(db: Database) -> None:
    """Every conflict gone and every finding ungrouped (reviews are untouched: they belong to
    findings); the next scan groups all findings again."""
    with db.atomic():
        db.execute("delete from conflicts")
        db.execute("update findings set conflict_id = null, group_key = null")
        db.execute("delete from regroup_queue")
        db.execute("delete from grouping")


def query_conflicts(
    db: Database,
    *,
    types: list[str] | None = None,
    status: list[str] | None = None,
    min_score: float = 0.0,
    limit: int | None = None,
) -> list[dict]:
    """Rows of ``conflict_details``, strongest first; ``also_in`` and ``members`` parsed."""
    where, params = _score_type_status(min_score, types, status)
    sql = "select * from conflict_details where " + " and ".join(where) + " order by score desc, id"
    if limit:
        sql += f" limit {int(limit)}"
    rows = list(db.query(sql, params))
    for r in rows:
        r["also_in"] = json.loads(r["also_in"] or "[]")
        r["members"] = json.loads(r["members"] or "[]")
    return rows


def get_conflict(db: Database, conflict_id: str) -> dict | None:
    rows = list(db.query("select * from conflict_details where id = ?", [conflict_id]))
    if not rows:
        return None
    row = rows[0]
    row["also_in"] = json.loads(row["also_in"] or "[]")
    row["members"] = json.loads(row["members"] or "[]")
    return row


def conflict_findings(db: Database, conflict_id: str) -> list[dict]:
    """The member findings of a conflict (``finding_details`` rows), strongest first."""
    rows = list(db.query(
        "select * from finding_details where conflict_id = ? order by score desc, id", [conflict_id]))
    for r in rows:
        r["values"] = json.loads(r.pop("values_json") or "{}")
        r["signals"] = json.loads(r["signals"] or "{}")
    return rows


def resolve_conflict_id(db: Database, prefix: str) -> list[str]:
    return [r["id"] for r in db.query("select id from conflicts where id like ? limit 2", [prefix + "%"])]


def finding_conflicts(db: Database) -> dict[str, str]:
    """finding id -> conflict id, for every grouped finding."""
    return {r["id"]: r["conflict_id"] for r in db.query(
        "select id, conflict_id from findings where conflict_id is not null")}


def add_reviews(db: Database, finding_ids: list[str], status: str, note: str | None,
                reviewer: str | None) -> list[dict]:
    """The same review of several findings (a conflict's members), in one transaction."""
    with db.atomic():
        return [add_review(db, f, status, note, reviewer) for f in finding_ids]


def count_conflicts(db: Database) -> int:
    return db.table("conflicts").count
