"""numeric.v1: both claims count the same thing in the same scope and the figures disagree
beyond what their qualifiers ("about", "almost", "more than") and rounding allow."""

from __future__ import annotations

from typing import Any

from .base import ClaimView, clamp, fmt_number, relation_for

NAME = "numeric.v1"
TYPE = "numeric"
SUBTYPES = {"fixed", "mobile", "body-worn", "vehicle", "pilot"}
MIN_COSINE = 0.2  # two figures about unrelated matters are not a conflict


def comparable(qa: dict, qb: dict) -> bool:
    if not qa.get("unit") or qa.get("unit") != qb.get("unit"):
        return False
    sa, sb = qa.get("scope"), qb.get("scope")
    if "schedule" in (sa, sb) or "part" in (sa, sb):
        return False  # a rollout schedule lists milestones, "another 1,500" is a part: not totals
    if sa in SUBTYPES or sb in SUBTYPES:
        return sa == sb  # a part (fixed cameras, a pilot) is compared only with the same part
    return {sa, sb} != {"installed", "planned"}  # what is installed is not what is planned


def _bounds(q: dict) -> tuple[float, float]:
    low = q.get("low")
    high = q.get("high")
    return (float(low) if low is not None else 0.0, float(high) if high is not None else float("inf"))


def check(a: ClaimView, b: ClaimView, pair: dict) -> dict[str, Any] | None:
    if (pair.get("cosine") or 0) < MIN_COSINE and not (a.frames & b.frames - {"count:years"}):
        return None
    best: tuple[float, dict, dict] | None = None
    for qa in a.quantities:
        for qb in b.quantities:
            if not comparable(qa, qb):
                continue
            la, ha = _bounds(qa)
            lb, hb = _bounds(qb)
            if la <= hb and lb <= ha:
                continue  # the intervals overlap: consistent
            grows = qb["value"] >= qa["value"] and (b["date"] or "") > (a["date"] or "")
            if qa.get("scope") == qb.get("scope") == "installed" and grows:
                continue  # a later count of what is installed may grow; only a drop is a conflict
            gap = (max(la, lb) - min(ha, hb)) / max(qa["value"], qb["value"], 1.0)
            if best is None or gap > best[0]:
                best = (gap, qa, qb)
    if best is None:
        return None
    gap, qa, qb = best
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
                   "scope_a": qa.get("scope"), "scope_b": qb.get("scope")},
        "signals": {"gap": round(gap, 3), "cosine": cosine, "lexical": pair.get("lexical")},
    }


def _phrase(q: dict) -> str:
    words = {"about": "about ", "almost": "almost ", "more_than": "more than ", "at_least": "at least ",
             "at_most": "up to ", "less_than": "fewer than ", "exact": "", "range": ""}
    if q["qualifier"] == "range":
        return f"{fmt_number(q['low'])}–{fmt_number(q['high'])}"
    return f"{words.get(q['qualifier'], '')}{fmt_number(q['value'])}"
