"""Near-duplicate claims that differ by one small edit: the shape of a misreported figure,
a swapped name, an antonym or an inserted negation."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources

from .base import cosine, lexical

WORD_RE = re.compile(r"[\w][\w'’.,%$€-]*[\w%]|[\w$€%]")
NEGATIONS = {"not", "no", "never", "n't", "none", "nor", "neither", "cannot", "without", "nije", "nisu", "ne", "nema"}
MIN_RATIO = 0.6  # share of words the two claims have in common, in order
MAX_EDIT_WORDS = 4
MIN_LEXICAL = 0.55  # rapidfuzz token-set ratio below which two claims cannot be near duplicates
PARAPHRASE_MIN_COSINE = 0.6  # nearest partners at least this close are read as paraphrases


@dataclass
class Edit:
    op: str  # replace | insert | delete
    a: list[str]
    b: list[str]


def words(text: str) -> list[str]:
    out = []
    for w in WORD_RE.findall(text):
        w = w.rstrip(".,")
        if w.lower().endswith("n't"):
            out += [w[:-3], "n't"]
        elif w:
            out.append(w)
    return out


@lru_cache(maxsize=4096)
def small_edits(a: str, b: str) -> tuple[float, list[Edit]] | None:
    """The edits turning ``a`` into ``b`` when the two are near duplicates, else None."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return None
    la, lb = [w.lower() for w in wa], [w.lower() for w in wb]
    # exact bounds first, from the words the two share (as a multiset): the matcher can match
    # no more words than that, and each edit weighs at least half the words it leaves unmatched
    common = sum((Counter(la) & Counter(lb)).values())
    if 2 * common / (len(la) + len(lb)) < MIN_RATIO or (len(la) + len(lb) - 2 * common) / 2 > MAX_EDIT_WORDS * 2:
        return None
    sm = SequenceMatcher(a=la, b=lb, autojunk=False)
    ratio = sm.ratio()
    if ratio < MIN_RATIO:
        return None
    edits = [Edit(op, wa[i1:i2], wb[j1:j2]) for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"]
    if not edits or sum(max(len(e.a), len(e.b)) for e in edits) > MAX_EDIT_WORDS * 2:
        return None
    return ratio, edits


def near_duplicate(a: str, b: str, pair: dict) -> tuple[float, list[Edit]] | None:
    """The small edits between two claims of a pair, when they are near duplicates."""
    if lexical(pair) < MIN_LEXICAL:
        return None  # cheap filter: near duplicates share most words
    return small_edits(a, b)


def nearest_paraphrase(pair: dict) -> bool:
    """Each claim is the other's nearest partner and they say much the same."""
    return (pair.get("rank") or 99) <= 1 and cosine(pair) >= PARAPHRASE_MIN_COSINE


@lru_cache(maxsize=1)
def antonyms() -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    text = resources.files("contradict").joinpath("data/antonyms.txt").read_text("utf-8")
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        x, y = line.split()
        table.setdefault(x, set()).add(y)
        table.setdefault(y, set()).add(x)
    return table


# capitalised words that are not names (sentence starts)
FUNCTION_WORDS = {
    "the", "a", "an", "our", "we", "it", "its", "this", "that", "these", "those", "in", "on", "at",
    "for", "and", "but", "or", "as", "he", "she", "they", "their", "his", "her", "i", "you", "with",
    "by", "from", "to", "of", "there", "also", "however", "meanwhile", "overall", "total", "net",
}


def is_name(word: str) -> bool:
    if word.lower() in FUNCTION_WORDS:
        return False
    return word[:1].isupper() and not word.isupper() or (word.isupper() and len(word) > 1)


def is_number(word: str) -> bool:
    """A figure ("1,000", "$29.9m", "13%"), not a label with a digit in it ("Q3", "H1", "FY2021")."""
    return bool(re.match(r"[$€£]?\d", word))
