"""The database schema, created only by numbered migrations.

Never edit a migration once it has landed: add ``m00N_…`` instead. ``store.open_db``
applies whatever is pending.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("contradict")


@migrations()
def m001_initial(db: Database) -> None:
    db.table("runs").create(
        {
            "id": str,
            "started_at": str,
            "finished_at": str,
            "status": str,  # running | completed | failed | interrupted
            "command": str,
            "folder": str,
            "model": str,
            "config": str,  # JSON
            "versions": str,  # JSON: contradict, spacy, sentence-transformers, detectors
            "counts": str,  # JSON
        },
        pk="id",
    )
    db.table("documents").create(
        {
            "id": str,  # sha256 of the file bytes
            "path": str,
            "format": str,
            "title": str,
            "source": str,
            "speaker": str,
            "kind": str,
            "date": str,
            "url": str,
            "language": str,
            "meta": str,  # JSON: every metadata field, extras included
            "text": str,
            "pages": str,  # JSON list of [number, start, end]
            "warnings": str,  # JSON list
            "claims_version": str,  # splitter + feature versions that produced its claims
            "run_id": str,
            "ingested_at": str,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db.table("claims").create(
        {
            "id": str,  # sha256(doc_id:start:end)[:20]
            "doc_id": str,
            "seq": int,
            "page": int,
            "start": int,
            "end": int,
            "text": str,  # exact slice of documents.text
            "text_hash": str,
            "polarity": int,  # 1 affirms, -1 negates or denies
            "cues": str,  # JSON list of polarity / existence cues found
            "frames": str,  # JSON list of frame keys (count:deaths, record:dpia, ...)
            "entities": str,  # JSON list of [label, text]
            "features": str,  # JSON: everything the detectors read
        },
        pk="id",
        foreign_keys=[("doc_id", "documents", "id")],
    )
    db.table("claims").create_index(["doc_id", "seq"])
    db.table("claims").create_index(["text_hash"])
    db.table("quantities").create(
        {
            "id": str,
            "claim_id": str,
            "value": float,
            "low": float,
            "high": float,
            "unit": str,  # the thing counted, lemmatised: deaths, locations, euros, days
            "scope": str,  # subset / phase marker: fixed, mobile, body-worn, pilot, installed, planned ...
            "qualifier": str,  # exact | about | almost | at_least | at_most | more_than | range
            "text": str,
            "start": int,  # offsets in the document text
            "end": int,
        },
        pk="id",
        foreign_keys=[("claim_id", "claims", "id")],
    )
    db.table("quantities").create_index(["claim_id"])
    db.table("quantities").create_index(["unit"])
    db.table("dates").create(
        {
            "id": str,
            "claim_id": str,
            "value": str,  # ISO, as precise as the text
            "granularity": str,  # day | month | year
            "text": str,
            "start": int,
            "end": int,
        },
        pk="id",
        foreign_keys=[("claim_id", "claims", "id")],
    )
    db.table("dates").create_index(["claim_id"])
    db.table("legal_refs").create(
        {
            "id": str,
            "claim_id": str,
            "law": str,  # normalised key, e.g. law:personal_data_protection
            "law_name": str,
            "article": str,
            "paragraph": str,
            "gazette": str,
            "text": str,
            "start": int,
            "end": int,
        },
        pk="id",
        foreign_keys=[("claim_id", "claims", "id")],
    )
    db.table("legal_refs").create_index(["claim_id"])
    db.table("embeddings").create(
        {
            "model": str,
            "text_hash": str,
            "dim": int,
            "vector": bytes,  # little-endian float32
        },
        pk=("model", "text_hash"),
    )
    db.table("pairs").create(
        {
            "id": str,
            "claim_a": str,
            "claim_b": str,
            "cosine": float,
            "lexical": float,  # rapidfuzz token_set_ratio / 100
            "rank": int,  # best rank of either claim among the other's neighbours (null: frame only)
            "shared_frames": str,  # JSON list
            "via": str,  # embedding | frame | embedding+frame
            "detected_with": str,  # detector set signature the pair was last checked with
            "run_id": str,
        },
        pk="id",
        foreign_keys=[("claim_a", "claims", "id"), ("claim_b", "claims", "id")],
    )
    db.table("pairs").create_index(["claim_a"])
    db.table("pairs").create_index(["claim_b"])
    db.table("findings").create(
        {
            "id": str,  # sha256(claim_a:claim_b:detector type) — stable across detector versions
            "pair_id": str,
            "claim_a": str,
            "claim_b": str,
            "type": str,
            "detector": str,  # versioned name, numeric.v1
            "relation": str,  # contradiction | update
            "score": float,
            "explanation": str,
            "topic": str,  # what the finding is about: deaths, dpia, law:...
            "values_json": str,  # JSON of the values compared
            "signals": str,  # JSON of the signals that fired
            "run_id": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[
            ("pair_id", "pairs", "id"),
            ("claim_a", "claims", "id"),
            ("claim_b", "claims", "id"),
        ],
    )
    db.table("findings").create_index(["type"])
    db.table("findings").create_index(["score"])
    db.table("reviews").create(
        {
            "id": int,
            "finding_id": str,  # no foreign key on purpose: a review outlives its finding
            "status": str,  # confirmed | dismissed | update | needs-work
            "note": str,
            "reviewer": str,
            "created_at": str,
        },
        pk="id",
    )
    db.table("reviews").create_index(["finding_id"])
    db.table("errors").create(
        {
            "id": str,
            "run_id": str,
            "path": str,
            "stage": str,  # ingest | claims | embed | align | detect
            "message": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("run_id", "runs", "id")],
    )
    db.table("claims").enable_fts(["text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2")
    db.table("documents").enable_fts(
        ["title", "text"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )
    db.execute(
        """
        CREATE VIEW latest_reviews AS
        SELECT r.finding_id, r.status, r.note, r.reviewer, r.created_at
        FROM reviews r
        WHERE r.id = (SELECT max(id) FROM reviews r2 WHERE r2.finding_id = r.finding_id)
        """
    )
    db.execute(
        """
        CREATE VIEW finding_details AS
        SELECT
          f.id, f.type, f.relation, f.score, f.topic, f.explanation,
          coalesce(lr.status, 'unreviewed') AS status, lr.note AS review_note,
          ca.text AS quote_a, da.title AS title_a, da.source AS source_a, da.speaker AS speaker_a,
          da.kind AS kind_a, da.date AS date_a, ca.page AS page_a, da.url AS url_a,
          cb.text AS quote_b, db_.title AS title_b, db_.source AS source_b, db_.speaker AS speaker_b,
          db_.kind AS kind_b, db_.date AS date_b, cb.page AS page_b, db_.url AS url_b,
          f.values_json, f.signals, f.detector,
          f.claim_a, f.claim_b, ca.doc_id AS doc_a, cb.doc_id AS doc_b,
          da.path AS path_a, db_.path AS path_b,
          ca.start AS start_a, ca."end" AS end_a, cb.start AS start_b, cb."end" AS end_b,
          f.run_id
        FROM findings f
        JOIN claims ca ON ca.id = f.claim_a
        JOIN claims cb ON cb.id = f.claim_b
        JOIN documents da ON da.id = ca.doc_id
        JOIN documents db_ ON db_.id = cb.doc_id
        LEFT JOIN latest_reviews lr ON lr.finding_id = f.id
        """
    )
    db.execute(
        """
        CREATE VIEW orphaned_reviews AS
        SELECT r.* FROM reviews r
        WHERE r.finding_id NOT IN (SELECT id FROM findings)
        """
    )


@migrations()
def m002_claims_text_latin(db: Database) -> None:
    """Serbian claims in Latin script beside the original (Cyrillic transliterated), and
    full-text search over both, so that "kamera" finds "камера"."""
    db.table("claims").add_column("text_latin", str)
    db.table("claims").disable_fts()
    db.table("claims").enable_fts(
        ["text", "text_latin"], create_triggers=True, tokenize="unicode61 remove_diacritics 2"
    )


@migrations()
def m003_documents_encoding(db: Database) -> None:
    """How a text or HTML file's bytes were decoded: the codec used (utf-8, cp1250,
    iso-8859-2, utf-16 ...) and the detector's confidence in it (1.0 when the file or the
    manifest declared it, or it was valid UTF-8; null for PDF and DOCX, which carry their own)."""
    db.table("documents").add_column("encoding", str)
    db.table("documents").add_column("encoding_confidence", float)


@migrations()
def m004_english_form_and_judge(db: Database) -> None:
    """The English form of Serbian claims (Apertium), and the contradiction judge's reading of
    each candidate pair: P(contradiction) averaged over both orders, P(entailment) of the more
    entailing order, the six raw probabilities, and which judge produced them."""
    db.table("claims").add_column("text_en", str)
    pairs = db.table("pairs")
    pairs.add_column("p_contradiction", float)
    pairs.add_column("p_entailment", float)
    pairs.add_column("judge", str)  # JSON: {"ab": [e, n, c], "ba": [e, n, c]}
    pairs.add_column("judged_with", str)  # judge model id (hash of its weights), null: not judged
    pairs.create_index(["p_contradiction"])


@migrations()
def m005_conflicts(db: Database) -> None:
    """Conflicts: findings that are the same contradiction (the same two statements in two
    languages or outlets, one figure repeated in several sentences of a document) grouped under
    one id (see ``contradict/conflicts.py``). Each finding belongs to exactly one conflict, so
    the link is a column of ``findings``, not a table of its own. A conflict's review status is
    never stored: it is read from its members' reviews (``conflict_details``), so reviews stay
    where they were (on findings) and survive a re-scan that regroups."""
    db.table("conflicts").create(
        {
            "id": str,  # sha256 of the sorted member finding ids, 16 hex digits
            "type": str,
            "relation": str,
            "topic": str,
            "score": float,  # the strongest member's
            "headline": str,  # the strongest member's explanation
            "strongest_finding": str,
            "findings": int,  # how many findings
            "documents": int,  # how many documents their claims come from
            "claims": int,
            "also_in": str,  # JSON: titles of the documents beyond the strongest pair's two
            "members": str,  # JSON: the member finding ids, strongest first
            "run_id": str,
        },
        pk="id",
    )
    db.table("conflicts").create_index(["score"])
    db.table("findings").add_column("conflict_id", str)
    db.table("findings").create_index(["conflict_id"])
    db.execute("DROP VIEW IF EXISTS finding_details")
    db.execute(
        """
        CREATE VIEW finding_details AS
        SELECT
          f.id, f.type, f.relation, f.score, f.topic, f.explanation,
          coalesce(lr.status, 'unreviewed') AS status, lr.note AS review_note,
          ca.text AS quote_a, da.title AS title_a, da.source AS source_a, da.speaker AS speaker_a,
          da.kind AS kind_a, da.date AS date_a, ca.page AS page_a, da.url AS url_a,
          cb.text AS quote_b, db_.title AS title_b, db_.source AS source_b, db_.speaker AS speaker_b,
          db_.kind AS kind_b, db_.date AS date_b, cb.page AS page_b, db_.url AS url_b,
          f.values_json, f.signals, f.detector,
          f.claim_a, f.claim_b, ca.doc_id AS doc_a, cb.doc_id AS doc_b,
          da.path AS path_a, db_.path AS path_b,
          ca.start AS start_a, ca."end" AS end_a, cb.start AS start_b, cb."end" AS end_b,
          f.run_id, f.conflict_id
        FROM findings f
        JOIN claims ca ON ca.id = f.claim_a
        JOIN claims cb ON cb.id = f.claim_b
        JOIN documents da ON da.id = ca.doc_id
        JOIN documents db_ ON db_.id = cb.doc_id
        LEFT JOIN latest_reviews lr ON lr.finding_id = f.id
        """
    )
    db.execute(
        """
        CREATE VIEW conflict_details AS
        SELECT
          c.id,
          CASE
            WHEN s.reviewed = 0 THEN 'unreviewed'
            WHEN s.reviewed = c.findings AND s.statuses = 1 THEN s.one_status
            ELSE 'mixed'
          END AS status,
          c.type, c.relation, c.topic, c.score, c.headline,
          c.findings, c.documents, s.reviewed, s.confirmed,
          fd.quote_a, fd.source_a, fd.speaker_a, fd.title_a, fd.date_a,
          fd.quote_b, fd.source_b, fd.speaker_b, fd.title_b, fd.date_b,
          c.also_in, c.strongest_finding, c.members
        FROM conflicts c
        JOIN (
          SELECT f.conflict_id,
                 count(lr.status) AS reviewed,
                 count(DISTINCT lr.status) AS statuses,
                 max(lr.status) AS one_status,
                 coalesce(sum(lr.status = 'confirmed'), 0) AS confirmed
          FROM findings f LEFT JOIN latest_reviews lr ON lr.finding_id = f.id
          GROUP BY f.conflict_id
        ) s ON s.conflict_id = c.id
        LEFT JOIN finding_details fd ON fd.id = c.strongest_finding
        """
    )


@migrations()
def m006_findings_by_pair(db: Database) -> None:
    """Indexes for the writes a scan makes per batch of pairs: replacing a pair's findings
    (``delete from findings where pair_id in …``) scanned the whole table, once per 400 pairs,
    which made checking quadratic in the number of findings (10,000 claims: 104,000 findings).
    ``claim_a`` / ``claim_b``: the same for a changed document's claims."""
    findings = db.table("findings")
    findings.create_index(["pair_id"], if_not_exists=True)
    findings.create_index(["claim_a"], if_not_exists=True)
    findings.create_index(["claim_b"], if_not_exists=True)


@migrations()
def m007_incremental_grouping(db: Database) -> None:
    """What lets a re-scan regroup only the findings it touched. Findings are only ever joined
    inside one hard key (``conflicts._block``), so each finding and each conflict keeps that
    key (``group_key``); a deleted finding puts its conflict on ``regroup_queue`` (a trigger,
    so every path that deletes findings is covered); ``grouping`` holds the signature (grouping
    rules, embedding model, case aliases) under which the stored conflicts were made. A scan
    whose signature matches regroups the keys of new findings and queued conflicts only."""
    db.table("findings").add_column("group_key", str)
    db.table("findings").create_index(["group_key"], if_not_exists=True)
    db.table("findings").create_index(["conflict_id"], if_not_exists=True)
    db.table("conflicts").add_column("group_key", str)
    db.table("conflicts").create_index(["group_key"], if_not_exists=True)
    db.table("regroup_queue").create({"conflict_id": str}, pk="conflict_id")
    db.table("grouping").create({"id": int, "signature": str}, pk="id")
    db.execute(
        """
        CREATE TRIGGER findings_deleted_regroup AFTER DELETE ON findings
        WHEN old.conflict_id IS NOT NULL
        BEGIN
          INSERT OR IGNORE INTO regroup_queue (conflict_id) VALUES (old.conflict_id);
        END
        """
    )


@migrations()
def m008_pairs_to_detect(db: Database) -> None:
    """What lets a re-scan find its few unchecked pairs among millions without reading them all.
    ``pairs_unchecked``: a partial index of the pairs never checked (``detected_with`` null),
    which holds only those; ``detection``: the detector signature of the last completed pass
    over every pair. While it matches the scan's, every other pair was checked with the scan's
    detectors, and only the unchecked ones are read."""
    db.execute("CREATE INDEX IF NOT EXISTS pairs_unchecked ON pairs (id) WHERE detected_with IS NULL")
    db.table("detection").create({"id": int, "signature": str}, pk="id", if_not_exists=True)
