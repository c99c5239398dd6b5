"""One model of a brief's content, built from the database and rendered as Markdown, HTML or DOCX.

:func:`build_brief` reads the findings (with the filters of ``contradict export``), the
overview of the case (documents, claims, runs) and the latest reviews, and returns a
:class:`Brief`. The renderers (:mod:`.markdown`, :mod:`.html`, :mod:`.docx`) only lay it out, so
the three formats always say the same thing. Everything is ordered deterministically: the same
database gives the same brief.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from ..detect.base import fmt_number
from ..detect.existence import RECORD_LABELS
from ..finding import Topic
from ..sides import Side, sides

RELATION_LABELS = {"contradiction": "contradiction", "update": "updated figure"}
QUALIFIER_MARKS = {
    "about": "≈",
    "almost": "<",
    "less_than": "<",
    "at_most": "≤",
    "more_than": ">",
    "at_least": "≥",
}


@dataclass(frozen=True)
class Filters:
    """The filters of ``contradict export``; every brief states the ones it was built with."""

    types: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    min_score: float = 0.0
    source: str | None = None

    def describe(self) -> list[str]:
        out = []
        if self.status:
            out.append("review status " + " or ".join(self.status))
        if self.types:
            out.append("type " + " or ".join(self.types))
        if self.min_score:
            out.append(f"score at least {self.min_score:.2f}")
        if self.source:
            out.append(f"source {self.source}")
        return out


@dataclass
class Entry:
    """One finding: the explanation, both quotes and the review."""

    id: str
    type: str
    relation: str
    score: float
    topic: Topic
    explanation: str
    status: str
    review_note: str | None
    reviewer: str | None
    values: dict[str, Any]
    a: Side
    b: Side
    conflict_id: str | None = None
    # set on the entry that stands for its conflict: the other documents that say the same,
    # and how many findings of the brief the conflict holds (this one included)
    also_in: list[str] = field(default_factory=list)
    members: int = 1

    def conflict_note(self) -> str | None:
        """"Also in: <title> (<who>, <date>); ... · one conflict of 3 findings", or None for a
        conflict of one finding."""
        if self.members <= 1 and not self.also_in:
            return None
        parts = []
        if self.also_in:
            parts.append("Also in: " + "; ".join(self.also_in) + ".")
        if self.members > 1:
            parts.append(f"One conflict of {self.members} findings ({(self.conflict_id or '')[:10]}).")
        return " ".join(parts)

    @property
    def relation_label(self) -> str:
        return RELATION_LABELS.get(self.relation, self.relation)

    def meta(self) -> str:
        """One line: relation, score, review status and short id."""
        return f"{self.relation_label} · score {self.score:.2f} · {self.status} · {self.id[:10]}"


@dataclass
class Section:
    type: str
    label: str
    entries: list[Entry]


@dataclass
class TopicGroup:
    topic: str  # as stored
    label: str
    sections: list[Section]
    chart: Chart | None = None  # the figures each source gave, for a counted thing

    @property
    def count(self) -> int:
        return sum(len(s.entries) for s in self.sections)


@dataclass
class ChronologyRow:
    side: Side
    findings: int  # how many of the brief's findings quote this claim


@dataclass
class Point:
    """A figure one source gave, at its document's date."""

    x: _dt.date
    date: str  # as given: YYYY, YYYY-MM or YYYY-MM-DD
    value: float
    label: str  # "≈1,000"
    source: str
    claim_id: str

    @property
    def approximate_date(self) -> bool:
        return len(self.date) < 10


@dataclass
class Chart:
    """The figures each source gave for one counted thing (a numeric finding's unit)."""

    unit: str
    title: str
    points: list[Point]
    undated: int = 0  # figures left out because their document has no date

    @property
    def sources(self) -> list[str]:
        return list(dict.fromkeys(p.source for p in self.points))


@dataclass
class Brief:
    title: str
    filters: Filters
    overview: dict[str, Any]
    findings_shown: int
    groups: list[TopicGroup]  # one entry per conflict  # each counted thing's chart is also on its group
    chronology: list[ChronologyRow]
    charts: list[Chart]
    method: list[str] = field(default_factory=list)
    conflicts_shown: int | None = None  # None: as many as findings
    entries: list[Entry] = field(default_factory=list)  # every finding of the brief, strongest first

    @property
    def scope(self) -> str:
        """One paragraph: what was examined, when, and what this brief shows."""
        o = self.overview
        dates = ""
        if o.get("first_date"):
            dates = f" dated {o['first_date']} to {o['last_date']}"
            if o.get("undated"):
                dates += f" ({o['undated']} undated)"
        scanned = ""
        if o.get("last_scan"):
            scanned = (
                f" on {o['last_scan']}"
                if o.get("first_scan") in (None, o["last_scan"])
                else f" between {o['first_scan']} and {o['last_scan']}"
            )
        text = (
            f"{_n(o['documents'], 'document')}{dates} were split into {_n(o['claims'], 'claim')} "
            f"and checked{scanned}; {_n(o['findings'], 'candidate finding')} were flagged."
        )
        shown = f" This brief presents {_n(self.findings_shown, 'finding')}"
        if self.conflicts_shown is not None and self.conflicts_shown != self.findings_shown:
            shown += f" in {_n(self.conflicts_shown, 'conflict')}"
        described = self.filters.describe()
        shown += f" ({'; '.join(described)})." if described else ", all of them."
        return text + shown


def _n(k: int, word: str) -> str:
    return f"{k:,} {word}{'' if k == 1 else 's'}"


# --- labels --------------------------------------------------------------------------------------


def _detector_topic_label(topic: str, type_: str) -> str | None:
    """The heading a detector gives its own topic: its module's optional
    ``topic_label(topic) -> str | None`` (the topic as stored), so a new detector (a plugin's
    too) needs no edit here."""
    import inspect

    from ..detect import registry

    for det in registry().values():
        if det.type == type_:
            label = getattr(inspect.getmodule(det.check), "topic_label", None)
            return label(topic) if callable(label) else None
    return None


KIND_LABELS = {
    "disclosure": "Disclosure of information",
    "entity": "Who or what is named",
    "negation": "The same sentence, negated",
}


def topic_label(topic: Topic | str | None, type_: str, values: dict | None = None) -> str:
    """A heading for what a finding is about: "Number of cameras", "Legal basis for ...". A
    finding's ``values["what"]`` names its operation or record as the case's contradict.yaml does."""
    t = topic if isinstance(topic, Topic) else Topic.parse(topic, type_)
    stored = str(t)
    own = _detector_topic_label(stored, type_) if stored else None
    if own:
        return own
    what = (values or {}).get("what")
    if t.kind == "unit" and t.key:
        return f"Number of {t.words()}"
    if t.kind == "legal":
        return f"Legal basis for {what or t.words()}"
    if t.kind == "use":
        return f"Use of {what or t.words()}"
    if t.kind == "event":
        return f"When it was {t.words()}"
    if t.kind in KIND_LABELS and not t.key:
        return KIND_LABELS[t.kind]
    if t.kind == "antonym":
        a, b = (t.key.split(":") + ["", ""])[:2]
        return f"“{a}” versus “{b}”"
    if (t.kind == "record" and (what or t.key in RECORD_LABELS)) or (t.kind == "thing" and what):
        label = what or RECORD_LABELS[t.key]
        return "Records of " + (label[4:] if label.startswith("the ") else label)
    if not stored:
        return "Other findings"
    return stored.replace("_", " ").replace(":", ": ").capitalize()


def value_label(value: float, qualifier: str | None) -> str:
    return QUALIFIER_MARKS.get(qualifier or "", "") + fmt_number(value)


def parse_date(value: str | None) -> _dt.date | None:
    """A point in time for a document date: a year is placed mid-year, a month mid-month."""
    if not value:
        return None
    try:
        if len(value) == 4:
            return _dt.date(int(value), 7, 1)
        if len(value) == 7:
            return _dt.date(int(value[:4]), int(value[5:7]), 15)
        return _dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


# --- building ------------------------------------------------------------------------------------


def entry(r: dict, review: dict | None = None) -> Entry:
    """A row of ``finding_details`` (as returned by ``store.query_findings``) as an Entry."""
    a, b = sides(r)
    return Entry(
        id=r["id"],
        type=r["type"],
        relation=r["relation"],
        score=float(r["score"] or 0.0),
        topic=Topic.parse(r["topic"], r["type"]),
        explanation=r["explanation"] or "",
        status=r["status"],
        review_note=r.get("review_note"),
        reviewer=(review or {}).get("reviewer"),
        values=r.get("values") or {},
        a=a,
        b=b,
        conflict_id=r.get("conflict_id"),
    )


def by_conflict(entries: list[Entry]) -> list[Entry]:
    """One entry per conflict: its strongest finding, naming the documents of the other
    findings that say the same ("also in") and how many findings the conflict holds. Findings
    without a conflict (a database not yet grouped) stand alone."""
    groups: dict[str, list[Entry]] = {}
    out = []
    for e in sorted(entries, key=lambda e: (-e.score, e.id)):
        if e.conflict_id is None:
            out.append(e)
            continue
        if e.conflict_id not in groups:
            groups[e.conflict_id] = []
            out.append(e)
        groups[e.conflict_id].append(e)
    for e in out:
        members = groups.get(e.conflict_id or "", [e])
        shown = {e.a.path, e.b.path}
        also: list[str] = []
        for m in members[1:]:
            for side in (m.a, m.b):
                if side.path in shown:
                    continue
                shown.add(side.path)
                also.append(f"{side.doc_title} ({side.who}, {side.when})")
        e.also_in = also
        e.members = len(members)
    return out


def group(entries: list[Entry]) -> list[TopicGroup]:
    """Findings by topic (strongest topic first), then by type, highest score first."""
    by_topic: dict[str, dict[str, list[Entry]]] = {}
    for e in entries:  # by the stored topic: "cameras" is one heading whatever type says it
        by_topic.setdefault(str(e.topic), {}).setdefault(e.type, []).append(e)
    from ..detect import type_labels, types

    labels, order = type_labels(), types()
    groups = []
    for topic, by_type in by_topic.items():
        sections = []
        for type_ in sorted(by_type, key=lambda t: (order.index(t) if t in order else 99, t)):
            items = sorted(by_type[type_], key=lambda e: (-e.score, e.id))
            sections.append(Section(type_, labels.get(type_, type_.replace("_", " ")), items))
        first_type = sections[0].type
        first = sections[0].entries[0]
        groups.append(TopicGroup(topic, topic_label(first.topic, first_type, first.values), sections))
    groups.sort(
        key=lambda g: (-max(e.score for s in g.sections for e in s.entries), g.label, g.topic)
    )
    return groups


def chronology(entries: list[Entry]) -> list[ChronologyRow]:
    """Every claim quoted in the brief once, ordered by its document's date (undated last)."""
    seen: dict[str, ChronologyRow] = {}
    for e in entries:
        for side in (e.a, e.b):
            if side.claim_id in seen:
                seen[side.claim_id].findings += 1
            else:
                seen[side.claim_id] = ChronologyRow(side, 1)

    def key(r: ChronologyRow) -> tuple:
        x = parse_date(r.side.date)
        return (
            x is None,
            x or _dt.date.min,
            r.side.date or "",
            r.side.path or "",
            r.side.start or 0,
        )

    return sorted(seen.values(), key=key)


def charts(entries: list[Entry]) -> list[Chart]:
    """For each counted thing with conflicting figures, the figures each source gave over time."""
    by_unit: dict[str, dict[tuple[str, str, float], Point]] = {}
    undated: dict[str, set[tuple[str, float]]] = {}
    for e in entries:
        if e.type != "numeric" or not e.values.get("unit"):
            continue
        unit = e.values["unit"]
        for key, side in (("a", e.a), ("b", e.b)):
            value = e.values.get(key)
            if value is None:
                continue
            source = side.source or side.speaker or "Unknown source"
            x = parse_date(side.date)
            if x is None:
                undated.setdefault(unit, set()).add((side.claim_id, float(value)))
                continue
            # one point per source, date and figure: the same figure said twice that day is one
            ident = (source, side.date or "", float(value))
            if ident in by_unit.get(unit, {}):
                continue
            by_unit.setdefault(unit, {})[ident] = Point(
                x=x,
                date=side.date or "",
                value=float(value),
                label=value_label(float(value), e.values.get(f"qualifier_{key}")),
                source=source,
                claim_id=side.claim_id,
            )
    out = []
    for unit in sorted(set(by_unit) | set(undated)):
        points = sorted(
            by_unit.get(unit, {}).values(), key=lambda p: (p.x, p.source, p.value, p.claim_id)
        )
        if not points:
            continue
        title = f"{topic_label(Topic('unit', unit), 'numeric')}: figures given by each source"
        out.append(Chart(unit, title, points, len(undated.get(unit, set()))))
    return out


def method(overview: dict[str, Any]) -> list[str]:
    """The short method section: what the tool checks and what it cannot."""
    model = overview.get("model") or "a sentence-embedding model"
    detectors = ", ".join(d.split("@")[0] for d in (overview.get("detectors") or "").split(",") if d) or "the default detectors"
    return [
        "Each document was split into claims: sentences, or clauses where one sentence asserts two "
        "checkable things. Every quote in this brief is an exact slice of its document's text, "
        "with its page where the document has pages.",
        f"Claims were paired across documents by meaning ({model} embeddings) and by shared "
        "frames: the same thing counted, the same record or analysis, the same legal basis or "
        f"processing operation. Typed detectors ({detectors}) then flagged pairs whose figures, "
        "dates, statements about a record's existence, legal bases or yes/no statements disagree. "
        "When the same source changed its own figure over time the finding is marked as an "
        "updated figure, not a contradiction.",
        "The tool flags candidates; a person confirms them. A score is the detector's confidence, "
        "not a probability that the claim is false. Each finding's review status says whether "
        "someone has checked it.",
        "What it cannot do: it reads only the documents in the case, so a missing document means "
        "a missed contradiction; two sides of a real contradiction worded very differently may "
        "never be paired (embedding similarity finds look-alikes more easily than "
        "contradictions); figures are compared only when both sides count the same thing in the "
        "same words (cameras, locations), so a subset or a different phase can look like a "
        "conflict; irony, hypotheticals and reported speech are read literally.",
    ]


def default_title(overview: dict[str, Any]) -> str:
    folder = (overview.get("folder") or "").rstrip("/").replace("\\", "/").rsplit("/", 1)[-1]
    case = folder.replace("-", " ").replace("_", " ").strip()
    return (
        f"Inconsistencies in the record: {case.capitalize()}"
        if case
        else "Inconsistencies in the record"
    )


def build_brief(db: Database, filters: Filters | None = None, *, title: str | None = None) -> Brief:
    """Read the findings that pass ``filters`` and everything a brief says about them."""
    from ..store import brief_overview, latest_review_details, query_findings

    f = filters or Filters()
    rows = query_findings(
        db,
        types=list(f.types) or None,
        status=list(f.status) or None,
        min_score=f.min_score,
        source=f.source,
    )
    reviews = latest_review_details(db)
    entries = [entry(r, reviews.get(r["id"])) for r in rows]
    overview = brief_overview(db)
    conflicts = by_conflict(entries)
    groups = group(conflicts)
    figures = charts(entries)
    by_unit = {c.unit: c for c in figures}
    for g in groups:
        if any(s.type == "numeric" for s in g.sections):
            g.chart = by_unit.get(g.topic)
    return Brief(
        title=title or default_title(overview),
        filters=f,
        overview=overview,
        findings_shown=len(entries),
        conflicts_shown=len(conflicts),
        entries=sorted(entries, key=lambda e: (-e.score, e.id)),
        groups=groups,
        chronology=chronology(entries),
        charts=figures,
        method=method(overview),
    )
