"""numeric.v2: both claims count the same thing in the same scope and the figures disagree
beyond what their qualifiers ("about", "almost", "more than") and rounding allow."""

from __future__ import annotations

import re

from .base import ClaimView, Finding, Topic, cosine, fmt_number, lexical, relation_for

NAME = "numeric.v2"
TYPE = "numeric"
LABEL = "Conflicting figures"
ORDER = 10
# scopes that say when or how much of a total a figure is; any other scope (a pilot, or a
# subtype a case names in its contradict.yaml: "fixed", "mobile") is a part of its own kind
PHASES = {None, "installed", "planned", "schedule", "part"}
# money and shares measure many things (revenue, costs, margins), and so does a count of people
# (killed, charged, injured, employed): two such figures are the same measure only when the
# claims around them are close to each other
MEASURES = {"euros", "dinars", "dollars", "pounds", "percent", "ppb", "ppm", "people"}
MEASURE_MIN_LEXICAL = 0.6
MEASURE_MIN_COSINE = 0.7
MIN_COSINE = 0.2  # two figures about unrelated matters are not a conflict


def scope(q: dict, claim: ClaimView) -> str | None:
    key = ("scope", q.get("start"), q.get("end"))
    if key not in claim.memo:
        claim.memo[key] = _scope(q, claim)
    return claim.memo[key]


def _scope(q: dict, claim: ClaimView) -> str | None:
    """The scope of a figure, completed from its claim and document: a DPIA plans, a published
    list or map counts what exists, "should be in place" is a target, "four of these" a part."""
    text = claim.latin
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


CONTRAST = re.compile(
    r"(?:instead of|rather than|up from|down from|compared (?:with|to)|versus|vs\.?|than|umesto|a ne)\s*(?:the\s+)?(?:some\s+|about\s+|around\s+)?$",
    re.I)


# a claim that recalls what was said before ("had announced", "spoke of") reports an old
# figure; it neither endorses it nor contradicts it
RECALLED = re.compile(
    r"\bhad (?:announced|said|promised|spoken|stated|planned)\b|\bspoke of\b|\b(?:originally|initially|previously) (?:announced|said|planned|promised)\b",
    re.I)


def superseded(q: dict, claim: ClaimView) -> bool:
    key = ("superseded", q.get("start"), q.get("end"))
    if key not in claim.memo:
        claim.memo[key] = _superseded(q, claim)
    return claim.memo[key]


def _superseded(q: dict, claim: ClaimView) -> bool:
    """"2,000 cameras instead of 1,000": the 1,000 is named only to be replaced."""
    text = claim["text"] or ""
    if RECALLED.search(text):
        return True
    start = q.get("start")
    if not isinstance(start, int):
        return False
    return bool(CONTRAST.search(text[max(0, start - 30) : start]))


def comparable(sa: str | None, sb: str | None) -> bool:
    if "schedule" in (sa, sb) or "part" in (sa, sb):
        return False  # a rollout schedule lists milestones, "another 1,500" is a part: not totals
    if sa not in PHASES or sb not in PHASES:
        return sa == sb  # a part (fixed cameras, a pilot) is compared only with the same part
    if "installed" in (sa, sb):
        return sa == sb  # what exists at a date is compared only with what exists at another
    return True


def _bounds(q: dict) -> tuple[float, float]:
    low = q.get("low")
    high = q.get("high")
    return (float(low) if low is not None else 0.0, float(high) if high is not None else float("inf"))


def _figures_around(claim: ClaimView) -> list[tuple[dict, ClaimView, bool]]:
    """The figures a claim's side offers for comparison: its own (True), then those stated
    elsewhere in its document (False); none that is named only to be replaced. Once per claim:
    a claim meets many partners."""
    key = ("numeric.figures_around", id(claim.siblings))  # siblings linked later: a new list
    if key not in claim.memo:
        claim.memo[key] = [(o, claim, True) for o in claim.quantities if not superseded(o, claim)] + [
            (o, sib, False) for sib in claim.siblings if sib.id != claim.id
            for o in sib.quantities if not superseded(o, sib)]
    return claim.memo[key]


def check(a: ClaimView, b: ClaimView, pair: dict) -> Finding | None:
    if cosine(pair) < MIN_COSINE and not (a.frames & b.frames - {"count:years"}):
        return None
    best: tuple[float, dict, dict, str | None, str | None] | None = None
    close = lexical(pair) >= MEASURE_MIN_LEXICAL or cosine(pair) >= MEASURE_MIN_COSINE
    # a figure conflicts only when no comparable figure on the other side agrees with it, in
    # the other claim or elsewhere in its document: "$3.1 billion or $6.78 per share" does not
    # conflict with "$6.86 per share" through the $3.1bn
    unmatched: dict[str, set[str]] = {"a": set(), "b": set()}
    for mine_claim, other in ((b, a), (a, b)):
        if not any(q.get("unit") for q in mine_claim.quantities):
            continue
        theirs = _figures_around(other)
        for q in mine_claim.quantities:
            if not q.get("unit") or superseded(q, mine_claim):
                continue
            sq = scope(q, mine_claim)
            nearest: tuple[float, dict, str | None] | None = None
            agreed = False
            for o, holder, own in theirs:
                if o.get("unit") != q["unit"] or (own and q["unit"] in MEASURES and not close):
                    continue
                so = scope(o, holder)
                if not comparable(sq, so):
                    continue
                lq, hq = _bounds(q)
                lo, ho = _bounds(o)
                later_q = (mine_claim["date"] or "") > (holder["date"] or "")
                grew = (q["value"] >= o["value"]) if later_q else (o["value"] >= q["value"])
                if (lq <= ho and lo <= hq) or (sq == so == "installed" and grew):
                    agreed = True  # overlapping intervals, or a count of what exists that grew
                    break
                if own:
                    gap = (max(lq, lo) - min(hq, ho)) / max(q["value"], o["value"], 1.0)
                    if nearest is None or gap < nearest[0]:
                        nearest = (gap, o, so)
            if agreed or nearest is None:
                continue
            gap, o, so = nearest
            unmatched["b" if mine_claim is b else "a"].add(q["unit"])
            cand = (gap, o, q, so, sq) if mine_claim is b else (gap, q, o, sq, so)
            if best is None or gap > best[0]:
                best = cand
    # both sides must state a figure the other cannot account for: a summary that leaves out
    # one of its source's figures does not contradict it
    if best is None or not unmatched["a"] & unmatched["b"]:
        return None
    gap, qa, qb = best[:3]
    unit = qa["unit"]
    relation = relation_for(a, b)
    verb = "later gives" if relation == "update" else "gives"
    return Finding.of(
        score=0.55 + 0.25 * min(1.0, gap) + 0.2 * max(0.0, cosine(pair)),
        relation=relation,
        topic=Topic("unit", unit),
        explanation=f"{a.who()} puts the number of {unit} at {_phrase(qa)}; {b.who()} {verb} {_phrase(qb)}.",
        values={"a": qa["value"], "b": qb["value"], "unit": unit,
                "qualifier_a": qa["qualifier"], "qualifier_b": qb["qualifier"],
                "scope_a": best[3], "scope_b": best[4]},
        signals={"gap": round(gap, 3), "cosine": cosine(pair), "lexical": pair.get("lexical")},
    )


def _phrase(q: dict) -> str:
    words = {"about": "about ", "almost": "almost ", "more_than": "more than ", "at_least": "at least ",
             "at_most": "up to ", "less_than": "fewer than ", "exact": "", "range": ""}
    if q["qualifier"] == "range":
        return f"{fmt_number(q['low'])}–{fmt_number(q['high'])}"
    return f"{words.get(q['qualifier'], '')}{fmt_number(q['value'])}"
