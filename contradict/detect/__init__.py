"""Typed detectors, each registered under a versioned name whose behaviour never changes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import antonym, entity, existence, legal_basis, numeric, polarity, temporal
from .base import ClaimView, finding_id, link_siblings

SAID = {"statement", "media", "vendor"}
FILED = {"foi_response", "dpia", "filing", "regulator", "law"}
FILED_BONUS = 0.05  # the mission: what was said in public against what was filed

Check = Callable[[ClaimView, ClaimView, dict], "dict[str, Any] | None"]

REGISTRY: dict[str, tuple[str, Check]] = {
    m.NAME: (m.TYPE, m.check) for m in (numeric, temporal, existence, legal_basis, polarity, entity, antonym)
}
DEFAULT_DETECTORS = tuple(REGISTRY)
TYPES = tuple(dict.fromkeys(t for t, _ in REGISTRY.values()))


def signature(names: tuple[str, ...] = DEFAULT_DETECTORS) -> str:
    return ",".join(sorted(names))


def detect_pair(a: ClaimView, b: ClaimView, pair: dict, names: tuple[str, ...] = DEFAULT_DETECTORS) -> list[dict]:
    """Findings for one pair (claim_a is the earlier statement)."""
    out = []
    for name in names:
        type_, check = REGISTRY[name]
        result = check(a, b, pair)
        if result is None:
            continue
        result.update(
            id=finding_id(a.id, b.id, type_), pair_id=pair["id"], claim_a=a.id, claim_b=b.id,
            type=type_, detector=name,
        )
        if {a["kind"], b["kind"]} & SAID and {a["kind"], b["kind"]} & FILED:
            result["score"] = round(min(1.0, result["score"] + FILED_BONUS), 3)
            result.setdefault("signals", {})["said_vs_filed"] = True
        out.append(result)
    return out


__all__ = ["DEFAULT_DETECTORS", "REGISTRY", "TYPES", "ClaimView", "detect_pair", "link_siblings", "signature"]
