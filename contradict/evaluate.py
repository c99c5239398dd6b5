"""Score findings against a gold file of labelled pairs: recall on contradictions, share of
hard negatives flagged, per type and per language, and candidate recall (gold pairs that
reached the detectors at all)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import store
from .errors import ContradictError, UsageError


@dataclass
class GoldPair:
    id: str
    label: str  # contradiction | hard_negative
    type: str | None
    relation: str | None
    a: dict
    b: dict
    lang: str | None = None
    note: str | None = None
    same_as: str | None = None  # another gold pair that is the same contradiction (a translation, a second outlet)


@dataclass
class PairOutcome:
    gold: GoldPair
    located: bool  # both quotes were found in claims of the database
    candidate: bool  # the aligner paired them
    flagged: bool  # a finding links them
    typed: bool  # ... of the gold type
    finding_types: list[str] = field(default_factory=list)
    problem: str | None = None
    finding_ids: list[str] = field(default_factory=list)  # the findings that link the pair
    conflict_ids: list[str] = field(default_factory=list)  # ... and the conflicts they are in


@dataclass
class EvalReport:
    outcomes: list[PairOutcome]
    ranked: list[bool] = field(default_factory=list)  # findings by score: does each match a gold contradiction?
    conflicts: int = 0  # conflicts in the database

    def average_precision(self) -> float | None:
        """How well the score ranks gold contradictions above everything else (1.0: all first)."""
        hits, total = 0, 0.0
        for i, positive in enumerate(self.ranked, start=1):
            if positive:
                hits += 1
                total += hits / i
        return round(total / hits, 3) if hits else None

    def _rate(self, label: str, attr: str, key: Any = None) -> tuple[int, int]:
        items = [o for o in self.outcomes if o.gold.label == label and (key is None or key(o))]
        return sum(bool(getattr(o, attr)) for o in items), len(items)

    def summary(self) -> dict[str, Any]:
        def ratio(x: tuple[int, int]) -> float | None:
            return round(x[0] / x[1], 3) if x[1] else None

        out: dict[str, Any] = {
            "contradictions": self._rate("contradiction", "flagged")[1],
            "hard_negatives": self._rate("hard_negative", "flagged")[1],
            "recall": ratio(self._rate("contradiction", "flagged")),
            "typed_recall": ratio(self._rate("contradiction", "typed")),
            "candidate_recall": ratio(self._rate("contradiction", "candidate")),
            "hard_negative_rate": ratio(self._rate("hard_negative", "flagged")),
            "unlocated": [o.gold.id for o in self.outcomes if not o.located],
            "findings": len(self.ranked),
            "gold_findings": sum(self.ranked),
            "average_precision": self.average_precision(),
            **self.conflict_summary(),
            "per_type": {},
            "per_language": {},
        }
        types = sorted({o.gold.type or "?" for o in self.outcomes})
        for t in types:
            def is_t(o: PairOutcome, t: str = t) -> bool:
                return (o.gold.type or "?") == t
            out["per_type"][t] = {
                "recall": ratio(self._rate("contradiction", "flagged", is_t)),
                "n": self._rate("contradiction", "flagged", is_t)[1],
                "hard_negative_rate": ratio(self._rate("hard_negative", "flagged", is_t)),
                "hard_negatives": self._rate("hard_negative", "flagged", is_t)[1],
            }
        for lang in sorted({o.gold.lang or "en" for o in self.outcomes}):
            def is_l(o: PairOutcome, lang: str = lang) -> bool:
                return (o.gold.lang or "en") == lang
            out["per_language"][lang] = {
                "recall": ratio(self._rate("contradiction", "flagged", is_l)),
                "hard_negative_rate": ratio(self._rate("hard_negative", "flagged", is_l)),
            }
        return out


    def gold_groups(self) -> dict[str, list[PairOutcome]]:
        """Gold contradictions by the contradiction they are (``same_as`` followed to its end)."""
        by_id = {o.gold.id: o for o in self.outcomes if o.gold.label == "contradiction"}

        def root(gid: str) -> str:
            seen = set()
            while gid in by_id and by_id[gid].gold.same_as and gid not in seen:
                seen.add(gid)
                gid = str(by_id[gid].gold.same_as)
            return gid

        groups: dict[str, list[PairOutcome]] = {}
        for gid, o in by_id.items():
            groups.setdefault(root(gid), []).append(o)
        return groups

    def conflict_summary(self) -> dict[str, Any]:
        """What a reviewer who works by conflict meets: how many findings and conflicts each
        flagged gold contradiction comes as, how many conflicts hold one, and which gold
        contradictions were merged with another (over-merging; the target is none)."""
        groups = self.gold_groups()
        flagged = {g: os for g, os in groups.items() if any(o.finding_ids for o in os)}
        holders: dict[str, set[str]] = {}  # conflict id -> gold groups it holds
        for g, os in flagged.items():
            for o in os:
                for c in o.conflict_ids:
                    holders.setdefault(c, set()).add(g)
        over = sorted(o.gold.id for g, os in flagged.items() for o in os
                      if any(len(holders.get(c, ())) > 1 for c in o.conflict_ids))

        def mean(xs: list[int]) -> float | None:
            return round(sum(xs) / len(xs), 2) if xs else None

        return {
            "conflicts": self.conflicts,
            "gold_groups": len(groups),
            "findings_per_gold": mean([len({f for o in os for f in o.finding_ids}) for os in flagged.values()]),
            "conflicts_per_gold": mean([len({c for o in os for c in o.conflict_ids}) for os in flagged.values()]),
            "gold_conflicts": len(holders),
            "gold_conflict_share": round(len(holders) / self.conflicts, 3) if self.conflicts else None,
            "over_merged": over,
        }


def load_gold(path: str | Path) -> list[GoldPair]:
    import yaml

    p = Path(path)
    if not p.exists():
        raise UsageError(f"{p}: gold file does not exist", "give the path to a gold.yaml")
    try:
        data = yaml.safe_load(p.read_text("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ContradictError(f"{p}: not valid YAML ({type(exc).__name__})", "fix the file") from None
    pairs = (data or {}).get("pairs") if isinstance(data, dict) else None
    if not isinstance(pairs, list):
        raise ContradictError(f"{p}: no 'pairs' list", "see docs/evaluation.md for the format")
    out = []
    for i, item in enumerate(pairs):
        try:
            out.append(GoldPair(
                id=str(item.get("id") or f"pair{i + 1}"), label=item["label"], type=item.get("type"),
                relation=item.get("relation"), a=dict(item["a"]), b=dict(item["b"]),
                lang=item.get("lang"), note=item.get("note"),
                same_as=str(item["same_as"]) if item.get("same_as") else None,
            ))
        except (KeyError, TypeError, AttributeError):
            raise ContradictError(f"{p}: pair {i + 1} lacks label, a or b", "see docs/evaluation.md") from None
        if out[-1].label not in ("contradiction", "hard_negative"):
            raise ContradictError(f"{p}: pair {out[-1].id} has label {out[-1].label!r}",
                                  "use contradiction or hard_negative")
    return out


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def _claims_for(db: Any, side: dict) -> tuple[set[str], str | None]:
    """Ids of the claims whose span overlaps the quote in the named document."""
    name = side.get("doc")
    quote = _norm(side.get("quote") or "")
    docs = [d for d in store.documents_with_text(db)
            if d["path"] == name or d["path"].endswith("/" + str(name)) or Path(d["path"]).name == name]
    if not docs:
        return set(), f"document {name} is not in the database"
    for d in docs:
        text = d["text"]
        # map the normalised quote back onto the original text
        norm_text, index = [], []
        prev_space = False
        for i, ch in enumerate(text):
            if ch.isspace():
                if prev_space:
                    continue
                norm_text.append(" ")
                prev_space = True
            else:
                norm_text.append(ch.lower())
                prev_space = False
            index.append(i)
        pos = "".join(norm_text).find(quote)
        if pos < 0:
            continue
        qs, qe = index[pos], index[pos + len(quote) - 1] + 1
        ids = store.claims_overlapping(db, d["id"], qs, qe)
        if ids:
            return ids, None
    return set(), f"quote not found in {name}: {side.get('quote')!r}"


def _pair_language(db: Any, ids_a: set[str], ids_b: set[str]) -> str:
    """en, sr or sr-en, from the languages of the two claims' documents."""
    def lang(ids: set[str]) -> str:
        return store.claims_language(db, sorted(ids)) or "en"

    pair = sorted({lang(ids_a), lang(ids_b)}, reverse=True)
    return "-".join(pair)


def evaluate(gold_path: str | Path, db_path: str | Path) -> EvalReport:
    gold = load_gold(gold_path)
    db = store.open_db(db_path, create=False)
    findings: dict[frozenset, list[str]] = defaultdict(list)
    linked: dict[frozenset, list[tuple[str, str | None]]] = defaultdict(list)
    by_score = store.findings_by_score(db)
    for f in by_score:
        findings[frozenset((f["claim_a"], f["claim_b"]))].append(f["type"])
        linked[frozenset((f["claim_a"], f["claim_b"]))].append((f["id"], f["conflict_id"]))
    n_conflicts = store.count_conflicts(db)
    pairs = store.paired_claims(db)
    outcomes = []
    gold_keys: set[frozenset] = set()
    for g in gold:
        ids_a, err_a = _claims_for(db, g.a)
        ids_b, err_b = _claims_for(db, g.b)
        if err_a or err_b:
            outcomes.append(PairOutcome(g, False, False, False, False, problem=err_a or err_b))
            continue
        if g.lang is None:
            g.lang = _pair_language(db, ids_a, ids_b)
        keys = [frozenset((x, y)) for x in ids_a for y in ids_b if x != y]
        if g.label == "contradiction":
            gold_keys.update(keys)
        types = sorted({t for k in keys for t in findings.get(k, [])})
        links = [x for k in keys for x in linked.get(k, [])]
        outcomes.append(PairOutcome(
            g, True, any(k in pairs for k in keys), bool(types), (g.type in types), types,
            finding_ids=sorted({f for f, _ in links}), conflict_ids=sorted({c for _, c in links if c})))
    db.close()
    ranked = [frozenset((f["claim_a"], f["claim_b"])) in gold_keys for f in by_score]
    return EvalReport(outcomes, ranked, conflicts=n_conflicts)
