"""judge.v2: our own cross-encoder (``contradict.judge``) reads the two claims — the English
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

from ..lang import fold, rules
from .base import ClaimView, Finding, Topic, cosine, relation_for

NAME = "judge.v2"
TYPE = "judge"
NEEDS_JUDGE = True  # reads the judge stage's probabilities; off with --no-judge
LABEL = "Statements that cannot both be true"
ORDER = 90
THRESHOLD = 0.8  # P(contradiction) from which the judge alone raises a finding (0.6 flooded the bundled case: 178 findings for 2 more gold pairs)
MAX_ENTAILMENT = 0.25  # either order entailing the other says the two agree



def english(c: ClaimView) -> str:
    return c.row.get("text_en") or c.row.get("text") or ""


_FIGURE = re.compile(r"(?<![\w.,])\d[\d,.]*(?:\s+(?:million|thousand|billion|hundred))?\s+([^\W\d][^\d]{0,40})")
_WORD = re.compile(r"[^\W\d_][\w-]*|[.,;:!?()]")
_STOP = frozenset(["in", "at", "of", "on", "for", "by", "to", "from", "with", "were", "was", "are", "is", "be", "been", "have", "has", "had", "will", "would", "and", "or", "but", "that", "which", "who", "than", "as", "per", "each", "a", "an", "the", "this", "these", "those", "its", "their", "it", "so", "across", "over", "under"])
_NOT_THINGS = frozenset(["years", "year", "months", "month", "days", "day", "weeks", "week", "percent", "per", "cent", "times"])


def counted_things(c: ClaimView) -> set[str]:
    """The head noun counted by each figure of the claim's English form ("40 bus depots in the
    city" -> "depot"): the last word before a function word, by its lemma."""
    if c.quantities and all(q.get("unit") for q in c.quantities):
        return {rules("en").stem(str(q["unit"])) for q in c.quantities}
    out = set()
    for m in _FIGURE.finditer(english(c)):
        words = []
        for w in _WORD.findall(m.group(1))[:4]:
            if w.lower() in _STOP or not w[0].isalpha():
                break
            words.append(w.lower())
        if words and words[-1] not in _NOT_THINGS:
            out.add(rules("en").stem(words[-1]))  # the English pack's lemma: "depots" -> "depot"
    return out


def explained_away(a: ClaimView, b: ClaimView) -> str | None:
    """Why the pair is not a contradiction although the judge says so, or None."""
    ua, ub = counted_things(a), counted_things(b)
    if ua and ub and not (ua & ub) and a.cues.get("polarity", 1) == b.cues.get("polarity", 1):
        return "different things counted"
    if any(q.get("scope") == "part" for q in a.quantities + b.quantities):
        return "part and whole"
    fa, fb = _is_plan(a), _is_plan(b)
    if fa != fb:
        return "plan and fact"
    return None


def _is_plan(c: ClaimView) -> bool:
    scopes = {q.get("scope") for q in c.quantities}
    if "planned" in scopes and "installed" not in scopes:
        return True
    # a plan in the English form, or in the claim's own language (its pack's modality words)
    pack = rules(c.language)
    own = fold(c.latin) if pack.latin_folded else c.latin
    return bool(rules("en").future.search(english(c)) or pack.future.search(own))


def _short(text: str, n: int = 160) -> str:
    text = " ".join(text.split()).rstrip(".")
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def check(a: ClaimView, b: ClaimView, pair: dict) -> Finding | None:
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
    return Finding.of(
        score=p,
        relation=relation,
        topic=Topic("judge"),
        explanation=explanation,
        values={"p_contradiction": p, "p_entailment": pair.get("p_entailment")},
        signals={"judge": p, "cosine": cosine(pair)},
    )
