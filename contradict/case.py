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
