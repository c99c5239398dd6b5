"""polarity.v2: the same proposition with opposite truth value — kept confidential vs made
public; a processing operation of the case (its contradict.yaml) denied vs described — when the two claims are about the same
matter (similar wording or a shared frame beyond the proposition itself)."""

from __future__ import annotations

import re

from .base import ClaimView, Finding, Topic, cosine, lexical

NAME = "polarity.v2"
TYPE = "polarity"
LABEL = "Opposite statements"
ORDER = 50
MIN_COSINE = 0.3
MIN_LEXICAL = 0.5


# what was withheld must be what was made public: procurement records are not a list of sites
DISCLOSED_OBJECTS = {
    "procurement": re.compile(r"\b(?:procurement|contracts?|tender|prices?|costs?)\b", re.I),
    "system": re.compile(r"\b(?:system|systems|equipment|technology|solutions?|software|components?)\b", re.I),
    "locations": re.compile(r"\b(?:locations?|sites?|places|positions)\b", re.I),
    "law": re.compile(r"\b(?:law|draft|bill|regulation)\b", re.I),
}


def disclosed_objects(text: str) -> set[str]:
    return {k for k, rx in DISCLOSED_OBJECTS.items() if rx.search(text)}


def _related(a: ClaimView, b: ClaimView, pair: dict, proposition: str, min_cosine: float = MIN_COSINE) -> bool:
    others = (a.frames & b.frames) - {proposition}
    return bool(others) or cosine(pair) >= min_cosine or lexical(pair) >= MIN_LEXICAL


def check(a: ClaimView, b: ClaimView, pair: dict) -> Finding | None:
    da, db = a.cues.get("disclosure", 0), b.cues.get("disclosure", 0)
    if da * db == -1 and disclosed_objects(a.latin) & disclosed_objects(b.latin):
        pub, sec = (a, b) if da > 0 else (b, a)
        return _finding(
            Topic("disclosure"), 0.6 + 0.3 * max(0.0, cosine(pair)),
            f"{sec.who()} treats the information as confidential; {pub.who()} made it public.",
            {"public": pub.id, "confidential": sec.id}, pair,
        )
    ua_all, ub_all = a.cues.get("uses") or {}, b.cues.get("uses") or {}
    for op in sorted(set(ua_all) & set(ub_all)):
        if ua_all[op] * ub_all[op] != -1:
            continue
        if a.cues.get("legal_stance") or b.cues.get("legal_stance"):
            return None  # a claim about the legal basis is legal_basis's to judge
        pos, neg = (a, b) if ua_all[op] > 0 else (b, a)
        labels = {**(b.cues.get("labels") or {}), **(a.cues.get("labels") or {})}
        link = labels.get(f"operation:{op}") or op.replace("_", " ")
        if (a.cues.get("connection") or b.cues.get("connection")) and labels.get(f"connected:{op}"):
            link = labels[f"connected:{op}"]
        return _finding(
            Topic("use", op), 0.55 + 0.35 * max(0.0, cosine(pair)),
            f"{neg.who()} denies {link}; {pos.who()} describes it.",
            {"affirms": pos.id, "denies": neg.id, "what": labels.get(f"operation:{op}") or op.replace("_", " ")}, pair,
        )
    return None


def _finding(topic: Topic, score: float, explanation: str, values: dict, pair: dict) -> Finding:
    return Finding.of(score=score, relation="contradiction", topic=topic, explanation=explanation,
                      values=values, signals={"cosine": cosine(pair)})
