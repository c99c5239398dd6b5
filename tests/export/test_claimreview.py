"""ClaimReview JSON-LD, validated against tests/fixtures/claimreview.schema.json."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from contradict.export import export
from contradict.export.brief import Entry, Side
from contradict.export.claimreview import claim_author, verdict

from .conftest import EXISTENCE_QUOTES, SCRIPT_QUOTE

SCHEMA = json.loads(
    (Path(__file__).resolve().parent.parent / "fixtures" / "claimreview.schema.json").read_text(
        "utf-8"
    )
)


def reviews(db: Path, **options: object) -> list[dict]:
    text = export(db, "claimreview", **options)  # type: ignore[arg-type]
    assert isinstance(text, str)
    data = json.loads(text)
    jsonschema.validate(data, SCHEMA, format_checker=jsonschema.FormatChecker())
    return data


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_all_findings_validate(brief_db: Path, scan_dates: list[str]) -> None:
    data = reviews(brief_db)
    assert len(data) == 7
    for r in data:
        assert r["author"] == {"@type": "Organization", "name": "contradict"}
        assert r["datePublished"] == scan_dates[-1]
        rating = r["reviewRating"]
        assert rating["worstRating"] <= rating["ratingValue"] <= rating["bestRating"]
    texts = [r["claimReviewed"] for r in data]
    assert SCRIPT_QUOTE in texts  # verbatim: JSON needs no HTML escaping


def test_status_confirmed_restricts_and_reviews_the_statement(brief_db: Path) -> None:
    data = reviews(brief_db, status=["confirmed"], author="Citizens Watch")
    assert len(data) == 1
    (r,) = data
    assert r["author"] == {"@type": "Organization", "name": "Citizens Watch"}
    # the minister's statement is contradicted by the ministry's own FOI answer, which came later:
    # the statement is what is reviewed
    assert r["claimReviewed"] == EXISTENCE_QUOTES[0]
    assert r["reviewRating"]["alternateName"] == "Contradicted by own filing"
    assert r["reviewRating"]["ratingValue"] == 1
    item = r["itemReviewed"]
    assert item["author"] == {
        "@type": "Person",
        "name": "Petar Petrović",
        "jobTitle": "Minister of Interior",
        "affiliation": {"@type": "Organization", "name": "Ministry of Interior"},
    }
    assert item["datePublished"] == "2019-01-31"
    assert item["appearance"] == {
        "@type": "CreativeWork",
        "headline": "Minister: 1,000 cameras for the city",
        "url": "https://example.org/minister-1000-cameras",
        "datePublished": "2019-01-31",
    }
    assert "confirmed" in r["reviewRating"]["ratingExplanation"]


def test_update_and_other_source(brief_db: Path) -> None:
    data = reviews(brief_db, types=["numeric"])
    names = {r["reviewRating"]["alternateName"] for r in data}
    assert names == {"Updated figure", "Contradicted by another source"}
    update = next(r for r in data if r["reviewRating"]["alternateName"] == "Updated figure")
    assert update["claimReviewed"].endswith("8,100 surveillance cameras.")  # the later figure
    assert update["itemReviewed"]["author"] == {
        "@type": "Organization",
        "name": "Ministry of Interior",
    }


def test_output_follows_the_data_not_the_storage_order_nor_the_clock(
    brief_db: Path, tmp_path: Path
) -> None:
    import shutil
    import sqlite3

    copy = tmp_path / "copy.db"
    shutil.copy(brief_db, copy)
    with sqlite3.connect(copy) as conn:  # the same findings, stored in the opposite order
        conn.execute("create temp table f as select * from findings order by rowid desc")
        conn.execute("delete from findings")
        conn.execute("insert into findings select * from temp.f")
    assert export(copy, "claimreview") == export(brief_db, "claimreview")
    with sqlite3.connect(copy) as conn:  # the date published is the last scan's, not today's
        conn.execute("update runs set finished_at = '2001-02-03T04:05:06+00:00' where status = 'completed'")
    assert {r["datePublished"] for r in reviews(copy)} == {"2001-02-03"}


def _side(source: str, kind: str, date: str, speaker: str | None = None) -> Side:
    return Side(
        f"c-{kind}-{date}",
        f"text {kind}",
        speaker,
        source,
        kind,
        date,
        "T",
        "t.md",
        None,
        None,
        0,
        4,
    )


def _entry(a: Side, b: Side, relation: str = "contradiction") -> Entry:
    return Entry(
        "f" * 20, "polarity", relation, 0.8, "disclosure", "x", "unreviewed", None, None, {}, a, b
    )


@pytest.mark.parametrize(
    ("a", "b", "reviewed", "name"),
    [
        (("M", "statement", "2019"), ("M", "filing", "2020"), "a", "Contradicted by own filing"),
        (("M", "dpia", "2019"), ("M", "statement", "2020"), "b", "Contradicted by own filing"),
        # a regulator's finding is a filed record, in either order (it was rated a statement)
        (("M", "statement", "2019"), ("M", "regulator", "2020"), "a", "Contradicted by own filing"),
        (("M", "regulator", "2019"), ("M", "statement", "2020"), "b", "Contradicted by own filing"),
        (
            ("M", "statement", "2019"),
            ("M", "statement", "2019"),
            "b",
            "Contradicted by own statement",
        ),
        (
            ("M", "statement", "2019"),
            ("N", "filing", "2020"),
            "b",
            "Contradicted by another source",
        ),
    ],
)
def test_verdict(a: tuple, b: tuple, reviewed: str, name: str) -> None:
    sa, sb = _side(*a), _side(*b)
    got, other, _value, label = verdict(_entry(sa, sb))
    assert label == name
    assert got is (sa if reviewed == "a" else sb)
    assert other is (sb if reviewed == "a" else sa)


def test_claim_author_without_speaker_or_source() -> None:
    assert claim_author(_side("", "statement", "2019")) == {
        "@type": "Organization",
        "name": "Unknown source",
    }
    assert claim_author(_side("", "statement", "2019", speaker="Ana")) == {
        "@type": "Person",
        "name": "Ana",
    }
