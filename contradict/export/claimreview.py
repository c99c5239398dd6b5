"""Findings as schema.org ClaimReview (JSON-LD), one review per finding, in a JSON array.

Which claim is reviewed: the later one (the finding's claim_b; the detectors put the earlier
statement first), except when one side is a body's own record (a filing, FOI answer, DPIA or
legal text) and the other a public statement by the same body: then the statement is reviewed
and its rating is "Contradicted by own filing", whichever came first.

The rating is on a 1-5 scale of how far the record contradicts the claim, not a verdict that
the claim is false (the tool flags candidates; the review status says whether a person checked):

=====  ====================================  ============================================
value  alternateName                         when
=====  ====================================  ============================================
1      Contradicted by own filing            same source; the other side is its record
2      Contradicted by own statement         same source; both are statements
2      Contradicted by another source        different sources
3      Updated figure / Updated statement    relation ``update``: the source changed it
=====  ====================================  ============================================
"""

from __future__ import annotations

import json
from typing import Any

from ..kinds import is_filed
from .brief import Entry, Side

BEST, WORST = 5, 1
CONTEXT = "https://schema.org"


def _norm(x: str | None) -> str:
    return (x or "").strip().lower()


def same_voice(a: Side, b: Side) -> bool:
    if _norm(a.source) and _norm(a.source) == _norm(b.source):
        return True
    return bool(_norm(a.speaker)) and _norm(a.speaker) == _norm(b.speaker)


def verdict(e: Entry) -> tuple[Side, Side, int, str]:
    """(reviewed claim, the claim that contradicts it, rating value, alternateName)."""
    if e.relation == "update":
        return e.b, e.a, 3, "Updated figure" if e.type == "numeric" else "Updated statement"
    if same_voice(e.a, e.b):
        a_record, b_record = is_filed(e.a.kind), is_filed(e.b.kind)
        if a_record != b_record:
            statement, record = (e.b, e.a) if a_record else (e.a, e.b)
            return statement, record, 1, "Contradicted by own filing"
        return e.b, e.a, 2, "Contradicted by own statement"
    return e.b, e.a, 2, "Contradicted by another source"


def claim_author(side: Side) -> dict[str, Any]:
    """The Person who spoke ("Name, Role" gives name and jobTitle), else the Organization."""
    org = {"@type": "Organization", "name": side.source} if side.source else None
    if side.speaker:
        name, _, role = side.speaker.partition(",")
        person: dict[str, Any] = {"@type": "Person", "name": name.strip()}
        if role.strip():
            person["jobTitle"] = role.strip()
        if org:
            person["affiliation"] = org
        return person
    return org or {"@type": "Organization", "name": "Unknown source"}


def claim_review(e: Entry, *, author: str, date_published: str | None) -> dict[str, Any]:
    reviewed, _other, value, name = verdict(e)
    appearance: dict[str, Any] = {"@type": "CreativeWork", "headline": reviewed.doc_title}
    if reviewed.url:
        appearance["url"] = reviewed.url
    if reviewed.date:
        appearance["datePublished"] = reviewed.date
    item: dict[str, Any] = {"@type": "Claim", "author": claim_author(reviewed)}
    if reviewed.date:
        item["datePublished"] = reviewed.date
    item["appearance"] = appearance
    review: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "ClaimReview",
        "identifier": e.id,
        "claimReviewed": reviewed.text,
        "author": {"@type": "Organization", "name": author},
    }
    if date_published:
        review["datePublished"] = date_published
    review["reviewBody"] = e.explanation
    review["itemReviewed"] = item
    review["reviewRating"] = {
        "@type": "Rating",
        "ratingValue": value,
        "bestRating": BEST,
        "worstRating": WORST,
        "alternateName": name,
        "ratingExplanation": f"Flagged by the {e.type} detector ({e.relation_label}); "
        f"review status: {e.status}.",
    }
    return review


def to_claimreview(
    entries: list[Entry], *, author: str = "contradict", date_published: str | None = None
) -> str:
    """A JSON array of ClaimReview objects, in the order of ``entries``."""
    items = [claim_review(e, author=author, date_published=date_published) for e in entries]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
