"""numeric.v1: both claims count the same thing in the same scope and the figures disagree
beyond what their qualifiers ("about", "almost", "more than") and rounding allow."""

from __future__ import annotations

import re
from typing import Any

from .base import ClaimView, clamp, fmt_number, relation_for

NAME = "numeric.v1"
TYPE = "numeric"
SUBTYPES = {"fixed", "mobile", "body-worn", "vehicle", "pilot"}
# money and shares measure many things (revenue, costs, margins): two such figures are the same
# measure only when the claims around them are close to each other
MEASURES = {"euros", "dinars", "dollars", "percent"}
MEASURE_MIN_LEXICAL = 0.6
MEASURE_MIN_COSINE = 0.7
MIN_COSINE = 0.2  # two figures about unrelated matters are not a conflict


def scope(q: dict, claim: ClaimView) -> str | None:
    """The scope of a figure, completed from its claim and document: a DPIA plans, a published
    list or map counts what exists, "should be in place" is a target, "four of these" a part."""
    text = claim["text"] or ""
    s = q.get("scope")
    if re.search(r"\bof (?:these|them|which|those)\b", q.get("text") or "", re.I):
        return "part"
    if s == "installed" and re.search(r"\b(?:should|shall|is to|are to)\b", text, re.I):
        return "planned"
    if s is None:
        if re.search(r"\b(?:list|map|register)\b", text, re.I):
            return "installed"
        if claim["kind"] == "dpia":
            return "planned"
    return s


def comparable(sa: str | None, sb: str | None) -> bool:
    if "schedule" in (sa, sb) or "part" in (sa, sb):
        return False  # a rollout schedule lists milestones, "another 1,500" is a part: not totals
    if sa in SUBTYPES or sb in SUBTYPES:
        return sa == sb  # a part (fixed cameras, a pilot) is compared only with the same part
    if "installed" in (sa, sb):
        return sa == sb  # what exists at a date is compared only with what exists at another
    return True


def _bounds(q: dict) -> tuple[float, float]:
    low = q.get("low")
    high = q.get("high")
    return (float(low) if low is not None else 0.0, float(high) if high is not None else float("inf"))


def check(a: ClaimView, b: ClaimView, pair: dict) -> dict[str, Any] | None:
    if (pair.get("cosine") or 0) < MIN_COSINE and not (a.frames & b.frames - {"count:years"}):
        return None
    best: tuple[float, dict, dict, str | None, str | None] | None = None
    close = (pair.get("lexical") or 0) >= MEASURE_MIN_LEXICAL or (pair.get("cosine") or 0) >= MEASURE_MIN_COSINE
    # a figure conflicts only when no comparable figure on the other side agrees with it:
    # "$3.1 billion or $6.78 per share" does not conflict with "$6.86 per share" through $3.1bn
    for mine, theirs, flipped in (
        (b.quantities, a.quantities, False), (a.quantities, b.quantities, True)):
        for q in mine:
            nearest: tuple[float, dict, str | None, str | None] | None = None
            agreed = False
            for o in theirs:
                qa, qb = (q, o) if flipped else (o, q)
                if not qa.get("unit") or qa.get("unit") != qb.get("unit"):
                    continue
                if qa["unit"] in MEASURES and not close:
                    continue
                sa, sb = scope(qa, a), scope(qb, b)
                if not comparable(sa, sb):
                    continue
                la, ha = _bounds(qa)
                lb, hb = _bounds(qb)
                grows = qb["value"] >= qa["value"] and (b["date"] or "") > (a["date"] or "")
                if (la <= hb and lb <= ha) or (sa == sb == "installed" and grows):
                    agreed = True  # overlapping intervals, or a count of what exists that grew
                    break
                gap = (max(la, lb) - min(ha, hb)) / max(qa["value"], qb["value"], 1.0)
                if nearest is None or gap < nearest[0]:
                    nearest = (gap, o, sa, sb)
            if agreed or nearest is None:
                continue
            gap, o, sa, sb = nearest
            qa, qb = (q, o) if flipped else (o, q)
            if best is None or gap > best[0]:
                best = (gap, qa, qb, sa, sb)
    if best is None:
        return None
    gap, qa, qb = best[:3]
    unit = qa["unit"]
    cosine = pair.get("cosine") or 0.0
    score = clamp(0.55 + 0.25 * min(1.0, gap) + 0.2 * max(0.0, cosine))
    relation = relation_for(a, b)
    verb = "later gives" if relation == "update" else "gives"
    explanation = (
        f"{a.who()} puts the number of {unit} at {_phrase(qa)}; "
        f"{b.who()} {verb} {_phrase(qb)}."
    )
    return {
        "score": score,
        "relation": relation,
        "topic": unit,
        "explanation": explanation[0].upper() + explanation[1:],
        "values": {"a": qa["value"], "b": qb["value"], "unit": unit,
                   "qualifier_a": qa["qualifier"], "qualifier_b": qb["qualifier"],
                   "scope_a": best[3], "scope_b": best[4]},
        "signals": {"gap": round(gap, 3), "cosine": cosine, "lexical": pair.get("lexical")},
    }


def _phrase(q: dict) -> str:
    words = {"about": "about ", "almost": "almost ", "more_than": "more than ", "at_least": "at least ",
             "at_most": "up to ", "less_than": "fewer than ", "exact": "", "range": ""}
    if q["qualifier"] == "range":
        return f"{fmt_number(q['low'])}–{fmt_number(q['high'])}"
    return f"{words.get(q['qualifier'], '')}{fmt_number(q['value'])}"
