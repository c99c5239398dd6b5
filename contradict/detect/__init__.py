"""Typed detectors, each registered under a versioned name (``numeric.v2``).

A detector is a module (or any object) with ``NAME`` (``type.vN``), ``TYPE``, ``LABEL`` (the
heading a brief and Datasette show for its findings) and ``check(a, b, pair) -> Finding | None``
(:class:`~contradict.finding.Finding`, built with ``Finding.of``; a plugin's plain dict of the
same fields is accepted too); optional ``DATA``: names of files in ``contradict/data`` whose
contents it depends on; ``ORDER``: where it runs among the built-in ones (lower first, 100 when
unset); ``NEEDS_JUDGE``: it reads the judge's probabilities, runs after the rules and only on a
pair no rule flagged.

The built-in detectors are the modules of this package that define ``NAME``, ``TYPE`` and
``check``: adding one is adding its module, nothing else. A third-party package adds one through
the entry-point group ``contradict.detectors`` (``mydet = "my_pkg.my_detector"``), loaded once,
after the built-in ones.

Each detector has a *fingerprint*: the hash of its source and data files. The scan stores the
fingerprints of the detectors a pair was checked with, so a changed detector re-checks every
pair (its stale findings are replaced), and ``tests/detect/test_registry.py`` fails when a
detector's fingerprint changes without a new version name (``detect/versions.json``).
"""

from __future__ import annotations

import hashlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import import_module, resources
from types import ModuleType
from typing import Any

from ..finding import Finding
from ..kinds import said_against_filed
from .base import ClaimView, cross_language, document_views, english_view, finding_id, link_siblings

FILED_BONUS = 0.05  # the mission: what was said in public against what was filed
ENTRY_POINT_GROUP = "contradict.detectors"
DEFAULT_ORDER = 100

Check = Callable[[ClaimView, ClaimView, dict], "Finding | dict[str, Any] | None"]


@dataclass(frozen=True)
class Detector:
    name: str  # versioned: numeric.v2
    type: str
    label: str
    check: Check
    fingerprint: str  # sha256 of the source and data the detector depends on
    needs_judge: bool = False


def _fingerprint(module: Any) -> str:
    h = hashlib.sha256()
    try:
        h.update(inspect.getsource(module).encode())
    except (OSError, TypeError):
        h.update(repr(module).encode())
    for name in getattr(module, "DATA", ()):
        h.update(resources.files("contradict").joinpath("data", name).read_bytes())
    return h.hexdigest()


def as_detector(module: Any) -> Detector:
    name, type_ = str(module.NAME), str(module.TYPE)
    if not name.startswith(f"{type_}.v"):
        raise ValueError(f"detector {name!r}: its name must be '{type_}.vN'")
    return Detector(name, type_, str(getattr(module, "LABEL", type_.replace("_", " ").capitalize())),
                    module.check, _fingerprint(module), bool(getattr(module, "NEEDS_JUDGE", False)))


def is_detector(module: Any) -> bool:
    return all(hasattr(module, attr) for attr in ("NAME", "TYPE")) and callable(getattr(module, "check", None))


@lru_cache(maxsize=1)
def builtin_modules() -> tuple[ModuleType, ...]:
    """The detector modules of this package, in the order they run: by ``ORDER``, the ones that
    need the judge last."""
    found = [import_module(f"{__name__}.{m.name}") for m in pkgutil.iter_modules(__path__) if not m.ispkg]
    mods = [m for m in found if is_detector(m)]
    return tuple(sorted(mods, key=lambda m: (bool(getattr(m, "NEEDS_JUDGE", False)),
                                             getattr(m, "ORDER", DEFAULT_ORDER), m.__name__)))


def _entry_point_modules() -> list[ModuleType]:
    from importlib.metadata import entry_points

    out = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            out.append(ep.load())
        except Exception as exc:  # a broken plugin must not stop the scan; say which one
            import sys

            print(f"Warning: detector plugin {ep.name!r} failed to load ({type(exc).__name__}: {exc})",
                  file=sys.stderr)
    return out


@lru_cache(maxsize=1)
def registry() -> dict[str, Detector]:
    """Every detector by versioned name: the built-in ones, then plugins'."""
    out: dict[str, Detector] = {}
    for mod in [*builtin_modules(), *_entry_point_modules()]:
        d = as_detector(mod)
        if d.name in out:
            raise ValueError(f"two detectors are registered as {d.name!r}")
        out[d.name] = d
    return out


def builtin() -> tuple[str, ...]:
    """The versioned names of the built-in detectors, in the order they run."""
    return tuple(str(m.NAME) for m in builtin_modules())


def default_detectors() -> tuple[str, ...]:
    return tuple(registry())


def types() -> tuple[str, ...]:
    return tuple(dict.fromkeys(d.type for d in registry().values()))


def type_labels() -> dict[str, str]:
    return {d.type: d.label for d in registry().values()}


PAIRING = 2


def signature(names: tuple[str, ...] | None = None) -> str:
    """What a pair was checked with: every detector's name and fingerprint."""
    reg = registry()
    names = default_detectors() if names is None else names
    # PAIRING: how detect_pair feeds the detectors (2: pairs in two languages also on their English forms)
    return ",".join(sorted(f"{n}@{reg[n].fingerprint[:12]}" for n in names)) + f";pairing{PAIRING}"


def detect_pair(a: ClaimView, b: ClaimView, pair: dict, names: tuple[str, ...] | None = None,
                combine: dict[str, Any] | None = None) -> list[Finding]:
    """Findings for one pair (claim_a is the earlier statement). ``combine``: the fitted
    combination of a detector's score with the judge's reading (``detect/combine.py``), applied
    when the pair was read by the judge it was fitted for."""
    from .combine import combined

    reg = registry()
    out: list[Finding] = []
    # claims in two languages are read by each one's own pack first; what those rules cannot
    # compare is then compared on the English forms by the English rules (the Serbian claim's
    # translation against the English claim as it is)
    english = cross_language(a, b) and any(v.en is not None and v.en is not v for v in (a, b))
    ea, eb = (a.en or a, b.en or b) if english else (a, b)
    judge_p = pair.get("p_contradiction")
    use_combine = combine is not None and judge_p is not None and pair.get("judged_with") == combine.get("judge")
    for name in default_detectors() if names is None else names:
        det = reg[name]
        if det.needs_judge and out:
            continue  # a rule already explains this pair: the judge's finding would repeat it
        # the judge read the English forms: its rules (what is counted, plan or fact) read them too
        result = det.check(ea, eb, pair) if det.needs_judge else det.check(a, b, pair)
        english_forms = False
        if result is None and english and not det.needs_judge:
            result = det.check(ea, eb, pair)
            english_forms = result is not None
        if result is None:
            continue
        f = Finding.coerce(result).placed(
            id=finding_id(a.id, b.id, det.type), pair_id=pair["id"], claim_a=a.id, claim_b=b.id,
            type=det.type, detector=name,
        )
        signals: dict[str, Any] = {"english_forms": True} if english_forms else {}
        score = f.score
        if judge_p is not None:
            signals["judge"] = judge_p
        if use_combine:
            assert combine is not None
            signals["rule_score"] = score
            score = combined(combine, score, pair, det.type)
        if said_against_filed(a["kind"], b["kind"]):
            score = round(min(1.0, score + FILED_BONUS), 3)
            signals["said_vs_filed"] = True
        out.append(replace(f, score=score, signals={**f.signals, **signals}))
    return out


def __getattr__(name: str) -> Any:  # the registry is built on first use, not on import
    if name == "DEFAULT_DETECTORS":
        return default_detectors()
    if name == "TYPES":
        return types()
    if name == "REGISTRY":
        return {n: (d.type, d.check) for n, d in registry().items()}
    raise AttributeError(name)


__all__ = ["ClaimView", "Detector", "Finding", "builtin", "builtin_modules", "default_detectors", "detect_pair",
           "document_views", "english_view", "link_siblings", "registry", "signature", "type_labels", "types"]
