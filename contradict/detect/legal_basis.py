"""legal_basis.v2: for the same processing operation, one claim asserts a legal basis and the
other denies it (or they name different laws as its basis). Different operations (a case's
``operations`` in its contradict.yaml: say, ordinary recording and biometric identification)
are never compared."""

from __future__ import annotations

import re
from typing import Any

from .base import ClaimView, Finding, Topic, cosine

NAME = "legal_basis.v2"
TYPE = "legal_basis"
LABEL = "Legal basis"
ORDER = 40


# both claims must speak about law, not merely contain "legal" or "covered by"
LAW_TALK = re.compile(
    r"\blegal (?:basis|ground|grounds)\b|\blaws?\b|\blawful|\bunlawful|\bauthori[sz]|\bentitled\b|"
    r"\bpermit|\billegal|\bbreach|\bin accordance with\b|\bright to\b|\blegislation\b|\barticles?\b|"
    r"\bmay (?:lawfully )?(?:monitor|record|collect|process)|\bzakon|\bpravn",
    re.I,
)


def operation(c: ClaimView) -> str:
    return c.cues.get("legal_operation") or "processing"


def label(c: ClaimView, op: str) -> str:
    return (c.cues.get("labels") or {}).get(f"operation:{op}") or (
        "the processing" if op == "processing" else op.replace("_", " "))


def check(a: ClaimView, b: ClaimView, pair: dict) -> Finding | None:
    sa, sb = a.cues.get("legal_stance", 0), b.cues.get("legal_stance", 0)
    if not sa or not sb or not LAW_TALK.search(a.latin) or not LAW_TALK.search(b.latin):
        return None
    op = operation(a)
    if op != operation(b):
        return None
    laws_a = {r["law"] for r in a.legal_refs if r.get("law")}
    laws_b = {r["law"] for r in b.legal_refs if r.get("law")}
    what = label(a, op)
    if sa * sb == -1:
        pos, neg = (a, b) if sa > 0 else (b, a)
        weight = (a.cues.get("weights") or {}).get(op, 0.0)
        score = 0.65 + weight + 0.2 * max(0.0, cosine(pair))
        explanation = f"{pos.who()} says there is a legal basis for {what}; {neg.who()} says there is none."
        values: dict[str, Any] = {"operation": op, "what": what, "affirms": pos.id, "denies": neg.id,
                                  "laws_a": sorted(laws_a), "laws_b": sorted(laws_b)}
    elif sa > 0 and laws_a and laws_b and not laws_a & laws_b:
        score = 0.45 + 0.2 * max(0.0, cosine(pair))
        explanation = (f"{a.who()} and {b.who()} give different laws as the basis for {what}: "
                       f"{', '.join(sorted(laws_a))} vs {', '.join(sorted(laws_b))}.")
        values = {"operation": op, "what": what, "laws_a": sorted(laws_a), "laws_b": sorted(laws_b)}
    else:
        return None
    return Finding.of(
        score=score,
        relation="contradiction",
        topic=Topic("legal", op),
        explanation=explanation,
        values=values,
        signals={"cosine": cosine(pair), "cues_a": a.cues.get("found"), "cues_b": b.cues.get("found")},
    )
