"""temporal.v2: the same event (signed, filed, completed ...) of the same thing is dated
differently. Different acts (consent vs signature) are different events; the kinds of event
and their words are in the language packs (``contradict/lang/<code>.py``, ``events``)."""

from __future__ import annotations

from ..features.dates import date_bounds
from ..lang import fold, rules
from .base import ClaimView, Finding, Topic, cosine, lexical, relation_for

NAME = "temporal.v2"
TYPE = "temporal"
LABEL = "Conflicting dates"
ORDER = 20
MIN_COSINE = 0.45


def events(c: ClaimView) -> set[str]:
    """The kinds of event the claim dates, by its language pack (``Rules.events``)."""
    pack = rules(c.language)
    text = fold(c.latin) if pack.latin_folded else c.latin
    return {k for k, rx in pack.events.items() if rx.search(text)}


def check(a: ClaimView, b: ClaimView, pair: dict) -> Finding | None:
    if not a.dates or not b.dates:
        return None
    shared = events(a) & events(b)
    if not shared:
        return None
    if cosine(pair) < MIN_COSINE and lexical(pair) < 0.6:
        return None  # same kind of event, but not evidently the same event
    if len(a.dates) > 1 or len(b.dates) > 1:
        return None  # several dates: cannot tell which one dates the event
    da, db = a.dates[0], b.dates[0]
    ba, bb = date_bounds(da["value"]), date_bounds(db["value"])
    if not ba or not bb or (ba[0] <= bb[1] and bb[0] <= ba[1]):
        return None
    event = sorted(shared)[0]
    return Finding.of(
        score=0.5 + 0.4 * cosine(pair),
        relation=relation_for(a, b),
        topic=Topic("event", event),
        explanation=f"{a.who()} dates it ({event}) to {da['text']}; {b.who()} to {db['text']}.",
        values={"a": da["value"], "b": db["value"], "event": event},
        signals={"cosine": cosine(pair), "lexical": pair.get("lexical")},
    )
