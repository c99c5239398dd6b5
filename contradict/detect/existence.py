"""existence.v2: one claim says a record, analysis or assessment exists or was done, the other
that it does not — about the same record, and the thing was said to exist before it was denied."""

from __future__ import annotations

from ..features.dates import date_bounds
from .base import ClaimView, Finding, Topic, cosine

NAME = "existence.v2"
TYPE = "existence"
LABEL = "Does the record exist?"
ORDER = 30
# how explanations name the language packs' generic records; a case names its own in its
# contradict.yaml (``records: <name>: {label: ...}``), carried in each claim's cues
MIN_COSINE_OBJECTS = 0.45  # sharing one word is weak evidence of sharing a topic: the claims must be close too
RECORD_LABELS = {
    "dpia": "a data protection impact assessment",
    "procurement": "the procurement records",
}


def record_label(c: ClaimView, record: str) -> str:
    return (c.cues.get("labels") or {}).get(f"record:{record}") or RECORD_LABELS.get(record, record.replace("_", " "))


def _when(c: ClaimView) -> tuple[str, str] | None:
    """When a claim places the existence of the thing: a date in the claim, else its document's."""
    if c.dates:
        return date_bounds(min(d["value"] for d in c.dates))
    return date_bounds(c["date"])


def check(a: ClaimView, b: ClaimView, pair: dict) -> Finding | None:
    ea, eb = a.cues.get("existence", 0), b.cues.get("existence", 0)
    if ea * eb != -1:
        return None  # both affirm, both deny, or one says nothing about existence
    shared = sorted(set(a.cues.get("records") or []) & set(b.cues.get("records") or []))
    objects: list[str] = []
    if not shared:
        # no named record on both sides: the same thing, read off the words around the cues
        oa, ob = a.cues.get("objects") or {}, b.cues.get("objects") or {}
        objects = [o for o in oa if o in ob]  # in the order the first claim says them
        if not objects or (len(objects) < 2 and cosine(pair) < MIN_COSINE_OBJECTS):
            return None  # a denial about one record does not contradict a claim about another
    pos, neg = (a, b) if ea > 0 else (b, a)
    pos_when, neg_when = _when(pos), date_bounds(neg["date"])
    if pos_when and neg_when and pos_when[0] > neg_when[1] and not pos.cues.get("earlier"):
        return None  # done after it was denied: both can be true (not "had been done" before)
    if shared:
        score = 0.75 + 0.1 * (len(shared) - 1) + 0.2 * max(0.0, cosine(pair))
        what = " and ".join(record_label(a, r) for r in shared)
        topic = Topic("record", shared[0])
    else:  # weaker evidence than a named record: a lower score
        score = 0.55 + 0.05 * (len(objects) - 1) + 0.2 * max(0.0, cosine(pair))
        what = "the " + " and ".join(dict.fromkeys((pos.cues.get("objects") or {})[o].lower() for o in objects[:2]))
        topic = Topic("thing", objects[0])
        shared = [str(topic)]
    if objects:  # what exists is only known by the words around the cues
        explanation = f"{pos.who()} says it exists or was done, {neg.who()} that it does not: {what}."
    else:
        explanation = f"{pos.who()} says {what} exist or were done; {neg.who()} says they do not."
    return Finding.of(
        score=score,
        relation="contradiction",
        topic=topic,
        explanation=explanation,
        values={"records": shared, "objects": objects, "what": what if objects else record_label(a, shared[0]), "affirms": pos.id, "denies": neg.id},
        signals={"cosine": cosine(pair), "cues_a": a.cues.get("found"), "cues_b": b.cues.get("found")},
    )
