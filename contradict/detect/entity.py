"""entity.v1: two near-identical claims that name a different person, organisation, place or
figure in the same position ("the ministry installed ..." / "the contractor installed ...")."""

from __future__ import annotations

import re

from .base import ClaimView, Finding, Topic, cosine, relation_for
from .edits import is_name, is_number, near_duplicate, nearest_paraphrase

NAME = "entity.v1"
TYPE = "entity"
LABEL = "A different name or figure"
ORDER = 60




def paraphrase_swap(a: ClaimView, b: ClaimView, pair: dict) -> Finding | None:
    """Nearest partners that paraphrase each other, where each gives a figure the other's whole
    document never mentions: a figure was changed on the way."""
    if not nearest_paraphrase(pair):
        return None
    # figures only: independent documents name different people and bodies all the time
    # (names here gave 14 noisy findings on the bundled case for +3.7 points on SummEdits news)
    ma, mb = a.figures, b.figures
    doc_a, doc_b = a.doc_figures, b.doc_figures
    new_in_b = sorted(w for w in mb - doc_a if not re.fullmatch(r"(?:19|20)\d\d", w))
    gone_from_a = sorted(w for w in ma - doc_b if not re.fullmatch(r"(?:19|20)\d\d", w))
    if not new_in_b or not gone_from_a:
        return None
    old, new = ", ".join(gone_from_a[:3]), ", ".join(new_in_b[:3])
    return Finding.of(
        score=0.35 + 0.4 * cosine(pair),
        relation="contradiction",
        topic=Topic("entity"),
        explanation=f"{a.who()} mentions {old} where {b.who()}, saying much the same, mentions {new}.",
        values={"a": old, "b": new, "edit": "paraphrase"},
        signals={"cosine": cosine(pair), "rank": pair.get("rank")},
    )


def check(a: ClaimView, b: ClaimView, pair: dict) -> Finding | None:
    found = near_duplicate(a.latin, b.latin, pair)
    if not found:
        return paraphrase_swap(a, b, pair)
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
        if any(new.lower() in sib.latin.lower() for sib in a.siblings if sib.id != a.id) or any(
                old.lower() in sib.latin.lower() for sib in b.siblings if sib.id != b.id):
            continue  # the name is stated elsewhere in the other document
        return Finding.of(
            score=0.45 + 0.5 * ratio,
            relation=relation_for(a, b),
            topic=Topic("entity"),
            explanation=f"{a.who()} and {b.who()} say nearly the same thing, but “{old}” becomes “{new}”.",
            values={"a": old, "b": new},
            signals={"ratio": round(ratio, 3), "cosine": pair.get("cosine")},
        )
    return None
