"""An English form of Serbian claims, offline, through Apertium (Debian: ``apertium`` and
``apertium-hbs-eng``; rule-based, no model, no network).

Before translation, Cyrillic is transliterated to Latin and Serbian number notation is written
the English way (``1.000`` -> ``1,000``, ``2,5`` -> ``2.5``), so English rules and English-only
models read the figures right. Unknown words pass through unmarked (``apertium -u``).

Without Apertium the scan goes on: ``available()`` is false, claims keep no English form and
the caller says once that Serbian–English pairs are checked on the Serbian side alone.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from .lang import latin

PAIR = "hbs-eng"
ENGINE = f"apertium:{PAIR}"
_SR_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d{1,2}(?!\d)|\d+,\d{4,})(?![\d])")
_LINE = 2000  # lines per Apertium call


def sr_numbers_to_en(text: str) -> str:
    """``1.000`` -> ``1,000``, ``1.234,5`` -> ``1,234.5``, ``2,5`` -> ``2.5``; dates are left alone."""
    def fix(m: re.Match[str]) -> str:
        s = m.group(1)
        whole, _, frac = s.partition(",")
        whole = whole.replace(".", ",")
        return f"{whole}.{frac}" if frac else whole

    return _SR_NUMBER.sub(fix, text)


@lru_cache(maxsize=1)
def available() -> bool:
    """Apertium and its Serbo-Croatian–English pair are installed."""
    if not shutil.which("apertium"):
        return False
    try:
        out = subprocess.run(["apertium", "-u", PAIR], input="Grad.\n", capture_output=True,
                             text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return out.returncode == 0 and bool(out.stdout.strip())


@lru_cache(maxsize=1)
def glossary() -> Any:
    """General Serbian words Apertium lacks (``contradict/data/glossary-sr-en.tsv``)."""
    from importlib import resources

    from .case import Vocabulary

    aliases: dict[str, list[str]] = {}
    text = resources.files("contradict").joinpath("data", "glossary-sr-en.tsv").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            variant, english = line.split("\t")
            aliases.setdefault(english.strip(), []).append(variant.strip())
    return Vocabulary(aliases, tag="x")


_SE = re.compile(r"(?<!\w)se(?!\w)")  # the reflexive particle: Apertium leaves it as a stray word


def prepare(text: str, vocabulary: Any = None) -> str:
    """What is fed to Apertium: Latin script, English number notation, the case's names and
    the glossary's words as placeholders (see ``Vocabulary.protect``), one line."""
    t = sr_numbers_to_en(latin(text))
    if vocabulary:
        t = vocabulary.protect(t)
    t = glossary().protect(t)
    return re.sub(r"\s+", " ", _SE.sub("", t)).strip()


def to_english(texts: Sequence[str], vocabulary: Any = None) -> list[str | None]:
    """English forms of Serbian sentences, in order; ``None`` for each when Apertium is absent
    or fails on a batch (the caller falls back to the Serbian text)."""
    if not texts:
        return []
    if not available():
        return [None] * len(texts)
    out: list[str | None] = []
    for i in range(0, len(texts), _LINE):
        chunk = [prepare(t, vocabulary) or "." for t in texts[i : i + _LINE]]
        try:
            res = subprocess.run(["apertium", "-u", PAIR], input="\n".join(chunk) + "\n",
                                 capture_output=True, text=True, timeout=600, check=False)
        except (OSError, subprocess.SubprocessError):
            out.extend([None] * len(chunk))
            continue
        lines = res.stdout.split("\n")
        if res.returncode != 0 or len(lines) < len(chunk):
            out.extend([None] * len(chunk))
            continue
        for line in lines[: len(chunk)]:
            line = glossary().restore(line)
            out.append(_tidy(vocabulary.restore(line) if vocabulary else line) or None)
    return out


def _tidy(line: str) -> str:
    line = re.sub(r"\s+", " ", line).strip()
    return re.sub(r"\.\.+$", ".", line)
