"""antonym.v1: two near-identical claims where one word is swapped for its opposite
("revenue increased" / "revenue decreased") or a negation is inserted or removed."""

from __future__ import annotations

from .base import ClaimView, Finding, Topic, cosine, relation_for
from .edits import NEGATIONS, antonyms, near_duplicate, nearest_paraphrase

NAME = "antonym.v1"
TYPE = "antonym"
LABEL = "Opposite wording"
ORDER = 70




def paraphrase_swap(a: ClaimView, b: ClaimView, pair: dict) -> Finding | None:
    """Nearest partners that are paraphrases, not near duplicates: one uses a word, the other its
    opposite, and the other's document never uses that opposite word."""
    if not nearest_paraphrase(pair):
        return None
    table = antonyms()
    wa, wb, doc_a = a.word_set, b.word_set, a.doc_word_set
    for w in sorted(wb - wa):
        for x in sorted(table.get(w, set()) & wa):
            if x in wb or w in doc_a:
                continue
            return Finding.of(
                score=0.4 + 0.4 * cosine(pair),
                relation="contradiction",
                topic=Topic("antonym", f"{x}:{w}"),
                explanation=f"{a.who()} says “{x}” where {b.who()}, saying much the same, says “{w}”.",
                values={"a": x, "b": w, "edit": "antonym-paraphrase"},
                signals={"cosine": cosine(pair), "rank": pair.get("rank")},
            )
    return None


def check(a: ClaimView, b: ClaimView, pair: dict) -> Finding | None:
    found = near_duplicate(a.latin, b.latin, pair)
    if not found:
        return paraphrase_swap(a, b, pair)
    ratio, edits = found
    table = antonyms()
    for e in edits:
        la, lb = [w.lower() for w in e.a], [w.lower() for w in e.b]
        if e.op == "replace" and len(la) == len(lb) == 1 and lb[0] in table.get(la[0], set()):
            what, values = f"“{e.a[0]}” becomes “{e.b[0]}”", {"a": e.a[0], "b": e.b[0], "edit": "antonym"}
            break
        negs = [w for w in (la + lb) if w in NEGATIONS]
        if negs and (e.op in ("insert", "delete") or (e.op == "replace" and bool(set(la) & NEGATIONS) != bool(set(lb) & NEGATIONS))):
            what, values = f"a negation (“{negs[0]}”) is {'added' if e.op != 'delete' and set(lb) & NEGATIONS else 'removed'}", {"a": " ".join(e.a), "b": " ".join(e.b), "edit": "negation"}
            break
    else:
        return None
    negation = values["edit"] == "negation"
    return Finding.of(
        score=0.5 + 0.5 * ratio,
        relation="contradiction" if negation else relation_for(a, b),
        topic=Topic("negation") if negation else Topic("antonym", f"{values['a'].lower()}:{values['b'].lower()}"),
        explanation=f"{a.who()} and {b.who()} say nearly the same thing, but {what}.",
        values=values,
        signals={"ratio": round(ratio, 3), "cosine": pair.get("cosine")},
    )
