"""The brief model: grouping, labels, citations, scope; and the Markdown renderer's escaping."""

from __future__ import annotations

from pathlib import Path

from contradict.export.brief import Filters, Side, build_brief, topic_label
from contradict.export.markdown import render_markdown
from contradict.store import open_db


def load(db_path: Path, **filters: object):  # type: ignore[no-untyped-def]
    db = open_db(db_path, create=False)
    try:
        return build_brief(db, Filters(**filters))  # type: ignore[arg-type]
    finally:
        db.close()


def test_groups_by_topic_then_type(brief_db: Path) -> None:
    brief = load(brief_db)
    assert [(g.topic, g.label, g.count) for g in brief.groups] == [
        ("cameras", "Number of cameras", 6),
        ("thing:camera", "Records of cameras and locations", 1),
    ]
    entries = brief.groups[0].sections[0].entries
    assert [e.score for e in entries] == sorted((e.score for e in entries), reverse=True)
    assert brief.groups[0].chart is brief.charts[0] and brief.groups[1].chart is None
    existence = brief.groups[1].sections[0].entries[0]
    assert (existence.status, existence.reviewer) == ("confirmed", "Ana")
    assert existence.a.who == "Petar Petrović, Minister of Interior (Ministry of Interior)"


def test_scope_counts_and_filters(brief_db: Path, scan_dates: list[str]) -> None:
    brief = load(brief_db, status=("confirmed", "dismissed"), min_score=0.1)
    assert brief.findings_shown == 2
    assert brief.scope == (
        "5 documents dated 2019-01-31 to 2020-07 were split into 6 claims and checked on "
        f"{scan_dates[-1]}; 7 candidate findings were flagged. This brief presents 2 findings "
        "(review status confirmed or dismissed; score at least 0.10)."
    )
    assert brief.overview["model"] == "hash-256"


def test_source_filter(brief_db: Path) -> None:
    brief = load(brief_db, source="Политика")
    assert brief.findings_shown == 3
    assert all(
        "Политика" in (e.a.source, e.b.source)
        for g in brief.groups
        for s in g.sections
        for e in s.entries
    )


def test_topic_labels() -> None:
    assert topic_label("cameras", "numeric") == "Number of cameras"
    # a case's operations and records are named as its contradict.yaml names them, carried in
    # the finding's values; without a name the topic's own words are used
    what = {"what": "biometric identification"}
    assert topic_label("legal:biometric", "legal_basis", what) == "Legal basis for biometric identification"
    assert topic_label("legal:biometric", "legal_basis") == "Legal basis for biometric"
    assert topic_label("use:biometric", "polarity", what) == "Use of biometric identification"
    assert topic_label("event:launched", "temporal") == "When it was launched"
    assert topic_label("camera_locations", "existence", {"what": "the camera locations"}) == "Records of camera locations"
    assert topic_label("dpia", "existence") == "Records of a data protection impact assessment"
    assert topic_label("", "nli") == "Other findings"


def test_citation_with_page_and_unknowns() -> None:
    side = Side("c", "q", None, None, "dpia", None, None, "x.pdf", 3, None, 0, 1)
    assert side.citation() == "x.pdf, DPIA filing, undated, p. 3"
    assert side.who == "Unknown source"


def test_markdown_escapes_markup(brief_db: Path) -> None:
    md = render_markdown(load(brief_db, types=("numeric",)))
    assert '\\<script\\>alert("x")\\</script\\>' in md
    assert "<script>" not in md
    assert md.endswith("\n") and not md.endswith("\n\n")
    assert "*Figures given by each source, by date of the document:*" in md
    assert "| 2020-07 | Citizens Watch | 689 |" in md
