"""A finding, typed from the detector that raises it to the row the store writes.

A detector returns ``Finding.of(score=..., relation=..., topic=Topic(...), explanation=...,
values=..., signals=...)``: the factory clamps the score to [0, 1] (three decimals) and
capitalises the explanation, once for every detector. :func:`contradict.detect.detect_pair`
then places it on its pair (:meth:`Finding.placed`: id, pair, claims, type, detector name), and
the store writes :meth:`Finding.to_row`. Reading back, :meth:`Finding.from_row` turns a stored
row into a Finding again, and :meth:`Topic.parse` a stored topic into its parts.

A topic says what a finding is about, as a kind and a key: ``Topic("legal", "biometric")`` is
stored as ``legal:biometric``, ``Topic("disclosure")`` as ``disclosure``. Two kinds are stored
bare, as they always were: a numeric finding's counted thing (``Topic("unit", "cameras")`` is
``cameras``) and an existence finding's named record (``Topic("record", "dpia")`` is ``dpia``);
:meth:`Topic.parse` needs the finding's type to read those back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Any

# the kinds stored as their key alone, and the finding type they belong to; the other kinds
# that type stores with a prefix ("thing:..." for existence)
BARE_KINDS = {"numeric": ("unit", ()), "existence": ("record", ("thing",))}
_BARE = frozenset(kind for kind, _ in BARE_KINDS.values())


@dataclass(frozen=True, order=True)
class Topic:
    """What a finding is about: ``kind`` (unit, record, thing, event, legal, use, disclosure,
    entity, negation, antonym, judge, or a plugin's own) and an optional ``key``."""

    kind: str
    key: str = ""

    def __str__(self) -> str:
        if self.kind in _BARE:
            return self.key
        return f"{self.kind}:{self.key}" if self.key else self.kind

    @classmethod
    def parse(cls, text: str | None, type_: str = "") -> Topic:
        """The topic a finding of ``type_`` stored as ``text``; ``str()`` of it is ``text`` again."""
        t = text or ""
        if not t:
            return cls("")
        kind, sep, key = t.partition(":")
        if type_ in BARE_KINDS:
            bare, prefixed = BARE_KINDS[type_]
            return cls(kind, key) if sep and kind in prefixed else cls(bare, t)
        if sep and key and kind not in _BARE:
            return cls(kind, key)
        return cls(t)  # a kind without a key, or a text that only reads as itself

    def column(self) -> str | None:
        """The value of a ``topic`` column: the stored string, NULL for no topic."""
        return str(self) or None

    def words(self) -> str:
        """The key as words: ``biometric_identification`` -> ``biometric identification``."""
        return self.key.replace("_", " ")


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


def clamp(x: float) -> float:
    """A score in [0, 1], rounded to three decimals."""
    return round(max(0.0, min(1.0, x)), 3)


@dataclass(frozen=True)
class Finding:
    """One finding: what a detector says about a pair of claims (``claim_a`` the earlier)."""

    score: float
    relation: str  # contradiction, or update: the same source changed its own figure later
    topic: Topic
    explanation: str
    values: dict[str, Any] = field(default_factory=dict)
    signals: dict[str, Any] = field(default_factory=dict)
    # set when detect_pair places the finding on its pair
    id: str = ""
    pair_id: str = ""
    claim_a: str = ""
    claim_b: str = ""
    type: str = ""
    detector: str = ""

    @classmethod
    def of(cls, *, score: float, relation: str, topic: Topic | str, explanation: str,
           values: dict[str, Any] | None = None, signals: dict[str, Any] | None = None) -> Finding:
        """What a detector returns: the score clamped, the explanation capitalised."""
        return cls(score=clamp(score), relation=relation,
                   topic=topic if isinstance(topic, Topic) else Topic.parse(topic),
                   explanation=capitalised(explanation), values=dict(values or {}),
                   signals=dict(signals or {}))

    @classmethod
    def coerce(cls, result: Finding | dict[str, Any]) -> Finding:
        """A detector's result as a Finding: a plugin may still return the plain dict
        (``score``, ``relation``, ``topic``, ``explanation``, ``values``, ``signals``)."""
        if isinstance(result, Finding):
            return result
        return cls.of(score=result["score"], relation=result.get("relation") or "contradiction",
                      topic=str(result.get("topic") or ""), explanation=result.get("explanation") or "",
                      values=result.get("values"), signals=result.get("signals"))

    def placed(self, *, id: str, pair_id: str, claim_a: str, claim_b: str, type: str,
               detector: str) -> Finding:
        """The finding on its pair, its topic read as its type reads it (as it will be read back)."""
        return replace(self, id=id, pair_id=pair_id, claim_a=claim_a, claim_b=claim_b, type=type,
                       detector=detector, topic=Topic.parse(str(self.topic), type))

    def with_signals(self, **signals: Any) -> Finding:
        return replace(self, signals={**self.signals, **signals})

    def to_row(self) -> dict[str, Any]:
        """The ``findings`` columns the detector decides (the store adds run and time)."""
        from .store import _json

        return {"id": self.id, "pair_id": self.pair_id, "claim_a": self.claim_a,
                "claim_b": self.claim_b, "type": self.type, "detector": self.detector,
                "relation": self.relation, "score": self.score, "explanation": self.explanation,
                "topic": self.topic.column(), "values_json": _json(self.values),
                "signals": _json(self.signals)}

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Finding:
        """A stored finding (a ``findings`` or ``finding_details`` row; values as ``values`` or
        ``values_json``, signals as a dict or its JSON) as a Finding."""
        values = row.get("values")
        if values is None:
            values = json.loads(row.get("values_json") or "{}")
        signals = row.get("signals")
        if isinstance(signals, str):
            signals = json.loads(signals or "{}")
        type_ = row.get("type") or ""
        return cls(score=float(row.get("score") or 0.0), relation=row.get("relation") or "",
                   topic=Topic.parse(row.get("topic"), type_), explanation=row.get("explanation") or "",
                   values=values or {}, signals=signals or {}, id=row.get("id") or "",
                   pair_id=row.get("pair_id") or "", claim_a=row.get("claim_a") or "",
                   claim_b=row.get("claim_b") or "", type=type_, detector=row.get("detector") or "")


__all__ = ["Finding", "Topic", "capitalised", "clamp"]
