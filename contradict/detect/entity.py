"""entity.v1: two near-identical claims that name a different person, organisation, place or
figure in the same position ("Huawei installed ..." / "ZTE installed ...")."""

from __future__ import annotations

from typing import Any

from .base import ClaimView, clamp, relation_for
from .edits import MIN_LEXICAL, is_name, is_number, small_edits

NAME = "entity.v1"
TYPE = "entity"


def check(a: ClaimView, b: ClaimView, pair: dict) -> dict[str, Any] | None:
    if (pair.get("lexical") or 0) < MIN_LEXICAL:
        return None  # cheap filter: near duplicates share most words
    found = small_edits(a["text"] or "", b["text"] or "")
    if not found:
        return None
    ratio, edits = found
    for e in edits:
        if e.op != "replace" or not e.a or not e.b:
            continue
        names_a = [w for w in e.a if is_name(w) or is_number(w)]
        names_b = [w for w in e.b if is_name(w) or is_number(w)]
        if not names_a or not names_b:
            continue
        if [w.lower() for w in names_a] == [w.lower() for w in names_b]:
            continue
        if a.quantities and b.quantities and all(is_number(w) for w in names_a + names_b):
            continue  # figures with units are numeric's to judge, with their qualifiers
        old, new = " ".join(e.a), " ".join(e.b)
        if any(new.lower() in (sib["text"] or "").lower() for sib in a.siblings if sib.id != a.id) or any(
                old.lower() in (sib["text"] or "").lower() for sib in b.siblings if sib.id != b.id):
            continue  # the name is stated elsewhere in the other document

        explanation = f"{a.who()} and {b.who()} say nearly the same thing, but “{old}” becomes “{new}”."
        return {
            "score": clamp(0.45 + 0.5 * ratio),
            "relation": relation_for(a, b),
            "topic": "entity",
            "explanation": explanation[0].upper() + explanation[1:],
            "values": {"a": old, "b": new},
            "signals": {"ratio": round(ratio, 3), "cosine": pair.get("cosine")},
        }
    return None
