"""existence.v1: one claim says a record, analysis or assessment exists or was done, the other
that it does not — about the same record, and the thing was said to exist before it was denied."""

from __future__ import annotations

from typing import Any

from ..features.dates import date_bounds
from .base import ClaimView, clamp

NAME = "existence.v1"
TYPE = "existence"
LABEL = "Does the record exist?"
RECORD_LABELS = {
    "camera_locations": "the camera locations",
    "crime_analysis": "the analysis behind the camera sites",
    "dpia": "a data protection impact assessment",
    "procurement": "the procurement records",
}


def _when(c: ClaimView) -> tuple[str, str] | None:
    """When a claim places the existence of the thing: a date in the claim, else its document's."""
    if c.dates:
        return date_bounds(min(d["value"] for d in c.dates))
    return date_bounds(c["date"])


def check(a: ClaimView, b: ClaimView, pair: dict) -> dict[str, Any] | None:
    ea, eb = a.cues.get("existence", 0), b.cues.get("existence", 0)
    if ea * eb != -1:
        return None  # both affirm, both deny, or one says nothing about existence
    shared = sorted(set(a.cues.get("records") or []) & set(b.cues.get("records") or []))
    if not shared:
        return None  # a denial about one record does not contradict a claim about another
    pos, neg = (a, b) if ea > 0 else (b, a)
    pos_when, neg_when = _when(pos), date_bounds(neg["date"])
    if pos_when and neg_when and pos_when[0] > neg_when[1]:
        return None  # done after it was denied: both can be true
    cosine = pair.get("cosine") or 0.0
    score = clamp(0.75 + 0.1 * (len(shared) - 1) + 0.2 * max(0.0, cosine))
    what = " and ".join(RECORD_LABELS.get(r, r.replace("_", " ")) for r in shared)
    explanation = f"{pos.who()} says {what} exist or were done; {neg.who()} says they do not."
    return {
        "score": score,
        "relation": "contradiction",
        "topic": shared[0],
        "explanation": explanation[0].upper() + explanation[1:],
        "values": {"records": shared, "affirms": pos.id, "denies": neg.id},
        "signals": {"cosine": cosine, "cues_a": a.cues.get("found"), "cues_b": b.cues.get("found")},
    }
