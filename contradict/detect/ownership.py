"""ownership.v1: two claims give the same act (decided, supervised, owns, installed, is
responsible for) to different actors — one names an actor the other says had no part in it
("local leaders chose it" vs "made by the state's managers rather than by the city's
officials"), or one says someone else did what the other gives to a named actor. The acts and
the words that exclude an actor are in the language packs (``ResponsibilityRules``); the actors
are the pack's actor nouns and the names the claims write with a capital."""

from __future__ import annotations

from ..features.cues import SELF
from .base import ClaimView, Finding, Topic, content_stems, cosine, relation_for

NAME = "ownership.v1"
TYPE = "ownership"
LABEL = "Whose doing?"
ORDER = 56
GENERAL = "responsible"  # the pack's general act: it meets any other kind of act
# how close two claims must be (cosine of their embeddings), or how many content words beyond
# the actors they must share, before each kind of evidence counts
DENIED = (0.35, 2)  # one names the actor the other takes out of it
ELSEWHERE = (0.45, 2)  # one says someone else did it
EXCLUSIVE = (0.4, 1)  # different actors, one claim saying its actor alone did it


# acts that answer one question: whoever installed a thing is taken to own it ("the network is
# ours" against "we did not install that network")
KINDRED = ({"own", "install"},)


def _acts(a: ClaimView, b: ClaimView) -> tuple[list[str], bool]:
    """The acts both claims speak of, and whether they are the same specific act (not only
    the general "is responsible" meeting another)."""
    xa, xb = set(a.cues.get("acts") or []), set(b.cues.get("acts") or [])
    for kin in KINDRED:
        if xa & kin and xb & kin:
            xa, xb = xa | kin, xb | kin
    specific = sorted((xa & xb) - {GENERAL})
    if specific:
        return specific, True
    if xa and xb and (GENERAL in xa or GENERAL in xb):
        return [GENERAL], False
    return [], False


def _actors(c: ClaimView, key: str) -> set[str]:
    """The claim's actors, the first person read as the claim's source ("we" of the Ministry)."""
    me = str(c["source"] or c["speaker"] or "").strip().lower()
    return {(me or SELF) if x == SELF else x for x in c.cues.get(key) or []}


ASKED = {"decide": "who decided", "supervise": "who supervised", "own": "who owns it",
         "install": "who installed it", "responsible": "who is responsible"}


def _names(actors: set[str], c: ClaimView) -> str:
    me = str(c["source"] or c["speaker"] or "").strip().lower()
    return ", ".join("itself" if x in (me, SELF) else x for x in sorted(actors))


def _close(similarity: float, words: frozenset[str], need: tuple[float, int]) -> bool:
    return similarity >= need[0] or len(words) >= need[1]


def check(a: ClaimView, b: ClaimView, pair: dict) -> Finding | None:
    acts, specific = _acts(a, b)
    if not acts:
        return None
    similarity = cosine(pair)
    aff_a, aff_b = _actors(a, "agents"), _actors(b, "agents")
    exc_a, exc_b = _actors(a, "excluded"), _actors(b, "excluded")
    words = (content_stems(a) & content_stems(b)) - aff_a - aff_b - exc_a - exc_b
    act = acts[0]
    if ((aff_a & exc_b) or (aff_b & exc_a)) and _close(similarity, words, DENIED):
        # one names the actor, the other takes that actor out of it
        named, other = (a, b) if aff_a & exc_b else (b, a)
        who = _names((aff_a & exc_b) or (aff_b & exc_a), named)
        score, why = 0.7, f"{named.who()} names {who} ({ASKED.get(act, act)}); {other.who()} says {who} had no part in it."
    elif specific and not aff_a & aff_b and _close(similarity, words, ELSEWHERE) and (
            (a.cues.get("other_agent") and aff_b) or (b.cues.get("other_agent") and aff_a)):
        named, other = (a, b) if b.cues.get("other_agent") else (b, a)
        who = _names(aff_a if named is a else aff_b, named)
        score, why = 0.6, f"{named.who()} names {who} ({ASKED.get(act, act)}); {other.who()} says someone else."
    elif specific and aff_a and aff_b and not aff_a & aff_b and (exc_a or exc_b) \
            and similarity >= EXCLUSIVE[0] and len(words) >= EXCLUSIVE[1]:
        # different actors, and one claim says its actor did it alone ("rather than", "did neither")
        named, other = (a, b) if exc_b else (b, a)
        mine, theirs = (aff_a, aff_b) if named is a else (aff_b, aff_a)
        score = 0.55
        why = (f"{named.who()} names {_names(mine, named)} ({ASKED.get(act, act)}); "
               f"{other.who()} names {_names(theirs, other)}, and says the others had no part in it.")
    else:
        return None
    return Finding.of(
        score=score + 0.25 * max(0.0, similarity),
        relation=relation_for(a, b),
        topic=Topic("who", act),
        explanation=why,
        values={"act": act, "agents_a": sorted(aff_a), "agents_b": sorted(aff_b),
                "excluded_a": sorted(exc_a), "excluded_b": sorted(exc_b)},
        signals={"cosine": similarity, "shared_words": sorted(words)[:8]},
    )
