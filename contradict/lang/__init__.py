"""Language and script: English vs Serbian, Serbian Cyrillic read as Latin, and the language
packs (``contradict/lang/en.py``, ``contradict/lang/sr.py``) whose rules the features read.

Detection is a measured rule, not a model: Cyrillic letters mean Serbian (the only Cyrillic
language of the cases we handle); otherwise function words and the Serbian diacritics
(č ć š ž đ) are counted for each language. On the bundled corpus it labels every sentence
correctly (docs/serbian.md); general detectors confuse Serbian Latin with Croatian and Bosnian.

Transliteration keeps a map from every character of the Latin form back to the original, so
features found in the Latin form (``хиљаду камера`` -> ``hiljadu kamera``) get offsets into the
original text although ``љ``, ``њ``, ``џ`` become two letters.
"""

from __future__ import annotations

import importlib
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .pack import Rules

LANGUAGES = ("en", "sr")

SR_LETTERS = re.compile(r"[čćšžđČĆŠŽĐ]")
CYRILLIC = re.compile(r"[\u0400-\u04FF]")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")

# Latin letters with a diacritic folded to their base letter, one character for one, so that
# offsets survive ("čl." and "cl.", "tačaka" and "tacaka" match the same rule)
_FOLD = str.maketrans("čćšžđČĆŠŽĐ", "ccszdCCSZD")


@dataclass(frozen=True)
class LanguageGuess:
    language: str | None  # "en", "sr" or None when the text says too little
    confidence: float  # 0..1: share of the evidence for the winner
    script: str  # "cyrillic", "latin" or "none"


def detect_language(text: str, default: str | None = None) -> str | None:
    """``"sr"`` or ``"en"``; ``default`` when the text is too short to tell."""
    guess = guess_language(text)
    return guess.language or default


def guess_language(text: str) -> LanguageGuess:
    letters = sum(ch.isalpha() for ch in text)
    if not letters:
        return LanguageGuess(None, 0.0, "none")
    cyr = len(CYRILLIC.findall(text))
    if cyr / letters > 0.3:
        return LanguageGuess("sr", 1.0, "cyrillic")
    words = [w.lower() for w in WORD.findall(text)]
    # a diacritic in a lower-case word is Serbian; in a name ("Stefanović told") it is not
    sr_words, en_words = rules("sr").function_words, rules("en").function_words
    sr = sum(w in sr_words for w in words) + 2 * sum(
        bool(SR_LETTERS.search(w)) for w in WORD.findall(text) if not w[:1].isupper())
    en = sum(w in en_words for w in words)
    total = sr + en
    if total < 1:
        return LanguageGuess(None, 0.0, "latin")
    if sr == en:
        return LanguageGuess(None, 0.5, "latin")
    return LanguageGuess("sr" if sr > en else "en", max(sr, en) / total, "latin")


def claim_language(text: str, document_language: str) -> str:
    """A claim's language: its document's, unless the claim itself clearly says otherwise (a
    Cyrillic sentence, or strong evidence over at least four cue words)."""
    guess = guess_language(text)
    if guess.language is None or guess.language == document_language:
        return document_language
    if guess.script == "cyrillic":
        return guess.language
    words = len(WORD.findall(text))
    evidence = guess.confidence >= 0.8 and words >= 6
    return guess.language if evidence and _cue_words(text) >= 4 else document_language


def _cue_words(text: str) -> int:
    words = [w.lower() for w in WORD.findall(text)]
    known = rules("sr").function_words | rules("en").function_words
    return sum(w in known for w in words) + len(SR_LETTERS.findall(text))


def has_cyrillic(text: str) -> bool:
    return bool(CYRILLIC.search(text))


def fold(text: str) -> str:
    """Diacritics removed, one character for one: ``tačaka`` -> ``tacaka``."""
    return text.translate(_FOLD)


@lru_cache(maxsize=1)
def _cyr_map() -> dict[str, str]:
    import cyrtranslit

    table: dict[str, str] = {}
    for code in range(0x0400, 0x0500):
        ch = chr(code)
        out = cyrtranslit.to_latin(ch, "sr")
        if out != ch:
            table[ch] = out
    return table


@dataclass(frozen=True)
class LatinText:
    """The Latin form of a text and, for every character of it, the original offset."""

    original: str
    text: str
    index: tuple[int, ...]  # len(text) + 1 entries; index[len(text)] == len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) of the Latin [start, end)."""
        start = max(0, min(start, len(self.text)))
        end = max(start, min(end, len(self.text)))
        if end == start:
            return self.index[start], self.index[start]
        return self.index[start], self.index[end - 1] + 1

    @property
    def identical(self) -> bool:
        return self.text == self.original


def to_latin(text: str) -> LatinText:
    """Serbian Cyrillic transliterated to Latin (with cyrtranslit's table), other characters
    kept; an upper-case ``Љ`` in an all-caps word becomes ``LJ``, not ``Lj``."""
    if not CYRILLIC.search(text):
        return LatinText(text, text, tuple(range(len(text) + 1)))
    table = _cyr_map()
    parts: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        out = table.get(ch, ch)
        if len(out) > 1 and ch.isupper():
            nxt = text[i + 1 : i + 2]
            prev = text[i - 1 : i] if i else ""
            if (nxt.isalpha() and nxt.isupper()) or (prev.isalpha() and prev.isupper() and not nxt.isalpha()):
                out = out.upper()
        parts.append(out)
        index.extend([i] * len(out))
    index.append(len(text))
    return LatinText(text, "".join(parts), tuple(index))


def latin(text: str) -> str:
    """Just the Latin form."""
    return to_latin(text).text


@cache
def rules(language: str | None) -> Rules:
    """The rules object of a language pack (``contradict.lang.<code>.RULES``); English for a
    language without a pack, so an unknown language is read as well as it can be."""
    code = (language or "en").lower()
    try:
        module = importlib.import_module(f"{__name__}.{code}")
    except ModuleNotFoundError:
        module = importlib.import_module(f"{__name__}.en")
    return module.RULES
