"""change.v1: one claim says a thing has not changed (held level, remained intact, the usual
pattern), the other that it changed (doubled, ended, new parts added) — about the same thing,
the change is not placed after the claim that denies it, and both speak of the same scope (not
"outside the city" against "across the city"). The words of change and of no change, and of
scope, are in the language packs (``CueRules.unchanged`` / ``changed``, ``ScopeRules``)."""

from __future__ import annotations

import re

from ..features.dates import date_bounds
from ..lang import fold, rules
from .base import ClaimView, Finding, Topic, content_stems, cosine, relation_for

NAME = "change.v1"
TYPE = "change"
LABEL = "Changed or not?"
ORDER = 53
MIN_COSINE = 0.3  # below it the two claims are not evidently about one thing
MIN_SHARED = 2  # content words both claims use, beyond the words of change themselves
MIN_COSINE_ONE_WORD = 0.4  # ... or one such word, when the claims are this close


def _phrase(c: ClaimView, pattern: re.Pattern[str]) -> str:
    """The words of (no) change as the claim writes them, for the explanation."""
    pack = rules(c.language)
    text = fold(c.latin) if pack.latin_folded else c.latin
    m = pattern.search(text)
    return c.latin[m.start():m.end()] if m and len(text) == len(c.latin) else (m.group(0) if m else "")


def _other_scope(a: ClaimView, b: ClaimView) -> bool:
    """The two claims place what they say in different scopes (the pack's ``ScopeRules``, read
    into ``cues["scopes"]``): one takes a part out ("outside the city", "van grada") and the
    other does not, or they name different ones ("across the county" / "across the city")."""
    sa, sb = set(a.cues.get("scopes") or ()), set(b.cues.get("scopes") or ())
    out_a = {s for s in sa if s.startswith("outside:")}
    out_b = {s for s in sb if s.startswith("outside:")}
    if out_a != out_b:
        return True
    return bool(sa and sb and not sa & sb)


def check(a: ClaimView, b: ClaimView, pair: dict) -> Finding | None:
    ca, cb = a.cues.get("change", 0), b.cues.get("change", 0)
    if ca * cb != -1:
        return None  # both say it changed, both that it did not, or one says nothing of change
    if cosine(pair) < MIN_COSINE:
        return None
    if _other_scope(a, b):
        return None  # no change outside the city and a change across it both hold
    same, changed = (a, b) if ca < 0 else (b, a)
    shared = sorted(content_stems(same) & content_stems(changed))
    if len(shared) < MIN_SHARED and not (shared and cosine(pair) >= MIN_COSINE_ONE_WORD):
        return None  # a change of one thing does not contradict the stability of another
    said = date_bounds(same["date"])
    if said and changed.dates:
        first = date_bounds(min(d["value"] for d in changed.dates))
        if first and first[0] > said[1]:
            return None  # the change came after the claim that nothing had changed: both can be true
    unchanged_words = _phrase(same, rules(same.language).cues.unchanged)
    changed_words = _phrase(changed, rules(changed.language).cues.changed)
    return Finding.of(
        score=0.45 + 0.35 * cosine(pair) + 0.03 * min(len(shared), 5),
        relation=relation_for(a, b),
        topic=Topic("change", shared[0]),
        explanation=(f"{same.who()} says it has not changed (\u201c{unchanged_words}\u201d); "
                     f"{changed.who()} says it did (\u201c{changed_words}\u201d)."),
        values={"unchanged": same.id, "changed": changed.id, "shared": shared[:8],
                "unchanged_words": unchanged_words, "changed_words": changed_words},
        signals={"cosine": cosine(pair)},
    )
