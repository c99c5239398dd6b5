"""End to end on the bundled Belgrade case with the real shipped model."""

import sqlite3

import pytest

from contradict.evaluate import evaluate

from .conftest import CORPUS

pytestmark = pytest.mark.slow


def q(db, sql):
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


def test_flagship_existence_pair_is_found(bundled_db):
    hits = q(bundled_db, """select explanation from finding_details where type = 'existence'
        and source_a = 'Ministry of Interior' and kind_b = 'foi_response'
        and quote_b like '%not contained in any document%' and speaker_a like '%Rebić%'""")
    assert hits, "the Police Director vs FOI answer pair must be flagged"


def test_one_thousand_vs_eight_thousand_one_hundred(bundled_db):
    hits = q(bundled_db, """select relation from finding_details where type = 'numeric'
        and json_extract(values_json, '$.unit') = 'cameras'
        and json_extract(values_json, '$.a') = 1000 and json_extract(values_json, '$.b') = 8100""")
    assert hits


def test_almost_vs_about_one_thousand_is_not_flagged(bundled_db):
    hits = q(bundled_db, """select id from finding_details where type = 'numeric'
        and ((quote_a like '%almost 1,000%' and quote_b like '%about 1,000%')
          or (quote_a like '%about 1,000%' and quote_b like '%almost 1,000%'))""")
    assert hits == []


# Floors a little under what the detectors reach (2026-11-28: recall 21/21, 0/16 hard
# negatives flagged): one more miss or one flagged hard negative passes, two fail. The
# pipeline issue's own bar (recall >= 0.8, <= 20% flagged) is far below.
RECALL_FLOOR = 0.95
HARD_NEGATIVE_CEILING = 0.07


def test_gold_floors(bundled_db):
    s = evaluate(CORPUS / "gold.yaml", bundled_db).summary()
    assert s["unlocated"] == []
    assert s["recall"] >= RECALL_FLOOR, s
    assert s["hard_negative_rate"] <= HARD_NEGATIVE_CEILING, s


def test_serbian_recall_within_a_tenth_of_english(bundled_db):
    report = evaluate(CORPUS / "gold.yaml", bundled_db)
    contradictions = [o for o in report.outcomes if o.gold.label == "contradiction"]
    en = [o.flagged for o in contradictions if (o.gold.lang or "en") == "en"]
    sr = [o.flagged for o in contradictions if (o.gold.lang or "en") != "en"]
    assert en and sr
    assert abs(sum(sr) / len(sr) - sum(en) / len(en)) <= 0.1


def test_serbian_pairs_floors(bundled_db):
    """Pairs with a Serbian side (Latin and Cyrillic, and against English) keep a floor too."""
    s = evaluate(CORPUS / "gold.yaml", bundled_db).summary()
    langs = s["per_language"]
    assert langs["sr"]["recall"] >= 0.8 and langs["sr-en"]["recall"] >= 0.6, langs
    assert langs["sr"]["hard_negative_rate"] <= 0.2 and langs["sr-en"]["hard_negative_rate"] <= 0.2, langs


def test_cyrillic_foi_answer_against_latin_statement(bundled_db):
    hits = q(bundled_db, """select id from finding_details where type = 'existence'
        and quote_a like '%već su poznate%' and quote_b like '%није садржана ни у једном документу%'""")
    assert hits


def test_the_police_director_against_the_foi_answer_is_one_conflict(bundled_db):
    """The issue's example: the interview against the FOI answer, in English, in Serbian and
    across the two, is one conflict; and no two different gold contradictions share one."""
    report = evaluate(CORPUS / "gold.yaml", bundled_db)
    by_id = {o.gold.id: o for o in report.outcomes}
    conflicts = {c for gid in ("g01", "s01", "s05") for c in by_id[gid].conflict_ids}
    assert len(conflicts) == 1, conflicts
    s = report.summary()
    assert s["over_merged"] == [], s["over_merged"]
    assert s["conflicts"] < s["findings"]
    [row] = q(bundled_db, f"select findings, documents from conflicts where id = '{conflicts.pop()}'")
    assert row[0] >= 3 and row[1] >= 4
