"""judge.v1: our own cross-encoder (``contradict.judge``) reads the two claims — the English
form where a side is Serbian — as a contradiction, and no rule explains the pair away:

- different things counted (both state figures, of no common unit, and nothing else differs);
- a part against its whole (a figure scoped as "of these", "of which");
- a plan against a fact (one side speaks of the future, the other of what is);
- the same source at a later date: kept, as an ``update``.

The pair's judge probabilities come from the scan's judge stage (``pairs.p_contradiction``,
mean of both orders). The score is the probability, mapped through the combination fitted on
the development cases (``models/judge/combine.json``) when present.
"""

from __future__ import annotations

import re
from typing import Any

from .base import ClaimView, clamp, relation_for

NAME = "judge.v1"
TYPE = "judge"
NEEDS_JUDGE = True  # reads the judge stage's probabilities; off with --no-judge
LABEL = "Statements that cannot both be true"
THRESHOLD = 0.6  # P(contradiction) from which the judge alone raises a finding
MAX_ENTAILMENT = 0.25  # either order entailing the other says the two agree

_FUTURE = re.compile(
    r"\b(?:will|shall|plan(?:s|ned)?|planning|intends?|to be (?:built|installed|opened|bought|delivered)|"
    r"is to|are to|should|expected|aim(?:s|ed)? to|target|by the end of|next year|within \w+ years?|"
    r"ce|će|planira|planirano|biće|bice|treba da)\b",
    re.I,
)


def english(c: ClaimView) -> str:
    return c.row.get("text_en") or c.row.get("text") or ""


def _units(c: ClaimView) -> set[str]:
    return {str(q["unit"]) for q in c.quantities if q.get("unit")}


def explained_away(a: ClaimView, b: ClaimView) -> str | None:
    """Why the pair is not a contradiction although the judge says so, or None."""
    ua, ub = _units(a), _units(b)
    if ua and ub and not (ua & ub) and a.cues.get("polarity", 1) == b.cues.get("polarity", 1):
        return "different things counted"
    if any(q.get("scope") == "part" for q in a.quantities + b.quantities):
        return "part and whole"
    fa, fb = bool(_FUTURE.search(english(a))), bool(_FUTURE.search(english(b)))
    if fa != fb:
        return "plan and fact"
    return None


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def check(a: ClaimView, b: ClaimView, pair: dict) -> dict[str, Any] | None:
    p = pair.get("p_contradiction")
    if p is None or p < THRESHOLD or (pair.get("p_entailment") or 0.0) > MAX_ENTAILMENT:
        return None
    if explained_away(a, b):
        return None
    relation = relation_for(a, b)
    verb = "changed its account" if relation == "update" else "cannot both be right"
    explanation = (
        f"Read together, the two statements {verb}: {a.who()} says \u201c{_short(a['text'])}\u201d, "
        f"while {b.who()} says \u201c{_short(b['text'])}\u201d."
    )
    if relation == "update":
        explanation = (
            f"The same source {verb}: {a.who()} said \u201c{_short(a['text'])}\u201d; "
            f"later, {b.who()} says \u201c{_short(b['text'])}\u201d."
        )
    return {
        "score": clamp(p),
        "relation": relation,
        "topic": "judge",
        "explanation": explanation,
        "values": {"p_contradiction": p, "p_entailment": pair.get("p_entailment")},
        "signals": {"judge": p, "cosine": pair.get("cosine") or 0.0},
    }
