"""A case's own vocabulary, from the ``aliases`` section of its folder's ``contradict.yaml``:

    aliases:
      canopy: [nadstrešnica*, надстрешниц*]        # Serbian forms -> the English word
      Ministry of Interior: [MUP, Ministarstvo unutrašnjih poslova]

Each key is the name every variant stands for. A variant matches whole words, ignoring case,
in the claim's Latin form (Cyrillic is transliterated first, so one Latin spelling covers both
scripts); a trailing ``*`` matches any ending (Serbian cases: ``nadstrešnic*`` covers
nadstrešnica, nadstrešnice, nadstrešnicu ...). The names are written into the text the
candidate search and the judge read (the English form), never into the stored claim text.

What belongs to one case (its institutions' abbreviations, its named systems and places, its
local law names) lives here, not in ``contradict/``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import MetadataError
from .lang import latin

CASE_FILE = "contradict.yaml"


@dataclass
class Vocabulary:
    aliases: dict[str, list[str]] = field(default_factory=dict)
    tag: str = "q"  # the letter of this vocabulary's placeholders (two vocabularies, two letters)
    _rx: re.Pattern[str] | None = field(default=None, repr=False)
    _names: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        parts = []
        for name, variants in self.aliases.items():
            for v in variants:
                v = latin(v).strip()
                if not v:
                    continue
                stem, wild = (v[:-1], True) if v.endswith("*") else (v, False)
                pattern = re.escape(stem) + (r"\w*" if wild else "")
                parts.append((len(stem), pattern, stem.lower(), wild, name))
        parts.sort(key=lambda p: -p[0])  # longest variant first: "Ministarstvo unutrašnjih poslova" before "MUP"
        if parts:
            self._rx = re.compile(r"(?<!\w)(?:" + "|".join(f"({p[1]})" for p in parts) + r")(?!\w)", re.I)
            self._names = {str(i): p[4] for i, p in enumerate(parts)}

    def __bool__(self) -> bool:
        return self._rx is not None

    def apply(self, text: str) -> str:
        """``text`` with every variant replaced by the name it stands for."""
        if self._rx is None or not text:
            return text
        t = latin(text)
        return self._rx.sub(lambda m: self._names[str(m.lastindex - 1)] if m.lastindex else m.group(0), t)

    def english(self, row: dict) -> str:
        """A claim row's English form (its text when it has none) with the case's names."""
        return self.apply(row.get("text_en") or row["text"])

    def protect(self, text: str) -> str:
        """Like ``apply``, but each name becomes a placeholder word that a translator passes
        through untouched (``restore`` puts the names back): Apertium would otherwise render
        "Novi Sad" as "New Now"."""
        if self._rx is None or not text:
            return text
        return self._rx.sub(lambda m: _placeholder(self.tag, m.lastindex - 1) if m.lastindex else m.group(0),
                            latin(text))

    def restore(self, text: str) -> str:
        rx = re.compile(f"Zz{self.tag}([a-j]+){self.tag}zz")
        return rx.sub(lambda m: self._names.get(str(_index(m.group(1))), m.group(0)), text)

    def digest(self) -> str:
        return hashlib.sha256(repr(sorted((k, tuple(v)) for k, v in self.aliases.items())).encode()).hexdigest()[:12]


def _placeholder(tag: str, i: int) -> str:
    return f"Zz{tag}" + "".join("abcdefghij"[int(d)] for d in str(i)) + f"{tag}zz"


def _index(code: str) -> int:
    return int("".join(str("abcdefghij".index(ch)) for ch in code))


def load_vocabulary(folder: str | Path) -> Vocabulary:
    """The case vocabulary of a folder (empty when it has no ``aliases``); a malformed section
    is a clear error naming the file."""
    import yaml

    folder = Path(folder)
    path = (folder if folder.is_dir() else folder.parent) / CASE_FILE
    if not path.is_file():
        return Vocabulary()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return Vocabulary()  # the manifest reader reports a broken file; nothing to add here
    raw: Any = data.get("aliases") if isinstance(data, dict) else None
    if raw is None:
        return Vocabulary()
    if not isinstance(raw, dict):
        raise MetadataError(str(path), "'aliases' must map a name to a list of its variants",
                            "e.g. aliases: {Ministry of Interior: [MUP, MUP Srbije]}")
    aliases: dict[str, list[str]] = {}
    for name, variants in raw.items():
        if isinstance(variants, str):
            variants = [variants]
        if not isinstance(name, str) or not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise MetadataError(str(path), f"alias {name!r} must be a name with a list of text variants",
                                "e.g. canopy: [nadstrešnica*, надстрешниц*]")
        aliases[name] = variants
    return Vocabulary(aliases)


# --- case rules: what a case adds to the language packs ---------------------------------------
# ``records``, ``operations``, ``subtypes``, ``counted`` and ``modifiers`` in contradict.yaml
# (docs/case-vocabulary.md). Patterns of Serbian (and any latin_folded pack) read the Latin form
# with diacritics folded, as the pack's own patterns do.


@dataclass(frozen=True)
class Operation:
    """A processing operation the case's claims use or deny, and state a legal basis for."""

    name: str
    label: str
    mention: dict[str, re.Pattern[str]]
    deny: dict[str, re.Pattern[str]]
    affirm: dict[str, re.Pattern[str]]
    connected_label: str | None = None  # "connection to biometric data": a link, not the use itself
    weight: float = 0.0  # how much more a conflict about this operation weighs
    general: bool = False  # what a legal-basis claim is about when it names no other operation


@dataclass(frozen=True, eq=False)  # compared and hashed by identity: one object per scan
class CaseRules:
    records: dict[str, dict[str, re.Pattern[str]]] = field(default_factory=dict)  # name -> language -> pattern
    record_labels: dict[str, str] = field(default_factory=dict)
    operations: tuple[Operation, ...] = ()  # most specific first
    subtypes: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # name -> language -> cues
    counted: dict[str, dict[str, re.Pattern[str]]] = field(default_factory=dict)  # unit -> language -> forms
    modifiers: dict[str, tuple[str, ...]] = field(default_factory=dict)  # language -> words (stems for folded packs)
    laws: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # key -> language -> name patterns
    entities: tuple[tuple[str, str, str], ...] = ()  # (label, pattern, id) for the entity ruler
    source: str = ""  # the YAML text the rules came from, for the digest

    def __bool__(self) -> bool:
        return bool(self.records or self.operations or self.subtypes or self.counted or self.modifiers or self.laws
                    or self.entities)

    def digest(self) -> str:
        return hashlib.sha256(self.source.encode()).hexdigest()[:12] if self else ""

    def is_general(self, name: str) -> bool:
        return any(op.general for op in self.operations if op.name == name)

    def operation(self, name: str) -> Operation | None:
        return next((op for op in self.operations if op.name == name), None)

    def unit_of(self, word: str, language: str) -> str | None:
        w = word.lower()
        for unit, by_lang in self.counted.items():
            rx = by_lang.get(language)
            if rx is not None and rx.fullmatch(w):
                return unit
        return None

    def is_modifier(self, word: str, language: str, stems: bool) -> bool:
        words = self.modifiers.get(language, ())
        w = word.lower()
        return any(w.startswith(m) and len(w) - len(m) <= 5 for m in words) if stems else w in words


NO_RULES = CaseRules()
_SECTIONS = ("records", "operations", "subtypes", "counted", "modifiers", "laws", "entities")


def load_case_rules(folder: str | Path) -> CaseRules:
    """The case rules of a folder's contradict.yaml (none when it has no such sections); a
    malformed section or pattern is a clear error naming the file."""
    import yaml

    folder = Path(folder)
    path = (folder if folder.is_dir() else folder.parent) / CASE_FILE
    if not path.is_file():
        return NO_RULES
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return NO_RULES
    if not isinstance(data, dict) or not any(k in data for k in _SECTIONS):
        return NO_RULES
    where = str(path)

    def patterns(value: Any, what: str) -> re.Pattern[str]:
        items = [value] if isinstance(value, str) else value
        if not isinstance(items, list) or not items or not all(isinstance(p, str) for p in items):
            raise MetadataError(where, f"{what} must be a list of regular expressions",
                                "see docs/case-vocabulary.md")
        try:
            return re.compile("|".join(f"(?:{p})" for p in items), re.IGNORECASE)
        except re.error as exc:
            raise MetadataError(where, f"{what}: bad regular expression ({exc})",
                                "see docs/case-vocabulary.md") from None

    def by_language(value: Any, what: str) -> dict[str, Any]:
        if not isinstance(value, dict) or not value:
            raise MetadataError(where, f"{what} must map a language code (en, sr) to its entries",
                                "see docs/case-vocabulary.md")
        return value

    records: dict[str, dict[str, re.Pattern[str]]] = {}
    labels: dict[str, str] = {}
    for name, spec in (data.get("records") or {}).items():
        spec = dict(by_language(spec, f"records.{name}"))
        label = spec.pop("label", None)
        if label:
            labels[str(name)] = str(label)
        records[str(name)] = {lang: patterns(p, f"records.{name}.{lang}") for lang, p in spec.items()}
    operations = []
    for name, spec in (data.get("operations") or {}).items():
        spec = dict(by_language(spec, f"operations.{name}"))
        label = str(spec.pop("label", str(name).replace("_", " ")))
        connected = spec.pop("connected_label", None)
        weight = float(spec.pop("weight", 0.0))
        general = bool(spec.pop("general", False))
        parts: dict[str, dict[str, re.Pattern[str]]] = {"mention": {}, "deny": {}, "affirm": {}}
        for lang, kinds in spec.items():
            for kind, p in by_language(kinds, f"operations.{name}.{lang}").items():
                if kind not in parts:
                    raise MetadataError(where, f"operations.{name}.{lang}.{kind}: expected mention, deny or affirm",
                                        "see docs/case-vocabulary.md")
                parts[kind][lang] = patterns(p, f"operations.{name}.{lang}.{kind}")
        operations.append(Operation(str(name), label, parts["mention"], parts["deny"], parts["affirm"],
                                    connected, weight, general))
    subtypes = {str(name): {lang: tuple(str(w).lower() for w in words) for lang, words in
                            by_language(spec, f"subtypes.{name}").items()}
                for name, spec in (data.get("subtypes") or {}).items()}
    counted: dict[str, dict[str, re.Pattern[str]]] = {}
    for unit, spec in (data.get("counted") or {}).items():
        counted[str(unit)] = {}
        for lang, forms in by_language(spec, f"counted.{unit}").items():
            if not isinstance(forms, list) or not all(isinstance(f, str) for f in forms):
                raise MetadataError(where, f"counted.{unit}.{lang} must be a list of word forms",
                                    "e.g. cameras: {en: [camera, cameras], sr: [kamer*]}")
            alts = [re.escape(f.lower()[:-1]) + r"\w*" if f.endswith("*") else re.escape(f.lower()) for f in forms]
            counted[str(unit)][lang] = re.compile("|".join(alts))
    mods_raw = data.get("modifiers") or {}
    modifiers = {lang: tuple(str(w).lower() for w in words)
                 for lang, words in by_language(mods_raw, "modifiers").items()} if mods_raw else {}
    laws: dict[str, dict[str, tuple[str, ...]]] = {}
    for key, spec in (data.get("laws") or {}).items():
        laws[str(key)] = {}
        for lang, names in by_language(spec, f"laws.{key}").items():
            patterns(names, f"laws.{key}.{lang}")  # fails on a bad pattern, naming it
            laws[str(key)][lang] = tuple([names] if isinstance(names, str) else names)
    entities: list[tuple[str, str, str]] = []
    for label, named in (data.get("entities") or {}).items():
        for ent_id, variants in by_language(named, f"entities.{label}").items():
            if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
                raise MetadataError(where, f"entities.{label}.{ent_id} must be a list of names",
                                    "e.g. entities: {ORG: {moi: [Ministry of Interior, MUP]}}")
            entities += [(str(label), v, str(ent_id)) for v in variants]
    source = yaml.safe_dump({k: data.get(k) for k in _SECTIONS}, sort_keys=True, allow_unicode=True)
    return CaseRules(records, labels, tuple(operations), subtypes, counted, modifiers, laws,
                     tuple(entities), source)
