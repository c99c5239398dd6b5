"""temporal.v2: the same event (signed, filed, completed ...) of the same thing is dated
differently. Different acts (consent vs signature) are different events; the kinds of event
and their words are in the language packs (``contradict/lang/<code>.py``, ``events``)."""

from __future__ import annotations

from typing import Any

from ..features.dates import date_bounds
from ..lang import fold, rules
from .base import ClaimView, clamp, relation_for

NAME = "temporal.v2"
TYPE = "temporal"
LABEL = "Conflicting dates"
MIN_COSINE = 0.45


def events(c: ClaimView) -> set[str]:
    """The kinds of event the claim dates, by its language pack (``Rules.events``)."""
    pack = rules(c.language)
    text = fold(c.latin) if pack.latin_folded else c.latin
    return {k for k, rx in pack.events.items() if rx.search(text)}


def check(a: ClaimView, b: ClaimView, pair: dict) -> dict[str, Any] | None:
    if not a.dates or not b.dates:
        return None
    shared = events(a) & events(b)
    if not shared:
        return None
    cosine = pair.get("cosine") or 0.0
    if cosine < MIN_COSINE and (pair.get("lexical") or 0) < 0.6:
        return None  # same kind of event, but not evidently the same event
    if len(a.dates) > 1 or len(b.dates) > 1:
        return None  # several dates: cannot tell which one dates the event
    da, db = a.dates[0], b.dates[0]
    ba, bb = date_bounds(da["value"]), date_bounds(db["value"])
    if not ba or not bb or (ba[0] <= bb[1] and bb[0] <= ba[1]):
        return None
    event = sorted(shared)[0]
    relation = relation_for(a, b)
    score = clamp(0.5 + 0.4 * cosine)
    explanation = f"{a.who()} dates it ({event}) to {da['text']}; {b.who()} to {db['text']}."
    return {
        "score": score,
        "relation": relation,
        "topic": f"event:{event}",
        "explanation": explanation[0].upper() + explanation[1:],
        "values": {"a": da["value"], "b": db["value"], "event": event},
        "signals": {"cosine": cosine, "lexical": pair.get("lexical")},
    }
