"""Numbers as written in English and Serbian text: digits with either separator, and number words."""

from __future__ import annotations

import re

# English number words; Serbian ones join in features for Serbian (issue: Serbian support).
UNITS = {
    "zero": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SCALE_ABBREV = {"k": 1_000, "m": 1_000_000, "mn": 1_000_000, "bn": 1_000_000_000, "million": 1_000_000,
                "billion": 1_000_000_000, "thousand": 1_000}

WORD_RE = re.compile(
    r"\b(?:(?:{})(?:[\s-]+(?:and[\s-]+)?(?:{}))*)\b".format("|".join(sorted(list(UNITS) + list(SCALES), key=len, reverse=True)),
       "|".join(sorted(list(UNITS) + list(SCALES), key=len, reverse=True))),
    re.IGNORECASE,
)

# 1,000 / 8,100 / 1.000 / 2.5 / 2,5 / 13 / 1 200
DIGITS_RE = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,\u202f\u00a0 ]\d{3})+(?:[.,]\d+)?(?![\w])|(?<![\w.,])\d+(?:[.,]\d+)?(?![\w])")


def parse_digits(text: str, language: str | None = "en") -> float | None:
    """Parse a run of digits with separators: ``1,000`` (en), ``1.000`` (sr), ``2,5`` (sr)."""
    s = text.strip().replace("\u202f", " ").replace("\u00a0", " ")
    if " " in s:
        s = s.replace(" ", "")
    if language == "sr":
        thousands, decimal = ".", ","
    else:
        thousands, decimal = ",", "."
    # a lone other-style separator followed by exactly three digits is a thousands separator
    # in either language ("1.000" in an English-tagged quote of a Serbian source)
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", s) and (thousands in s or s.count(decimal) > 1):
        s = s.replace(thousands, "").replace(decimal, "")
    else:
        s = s.replace(thousands, "")
        s = s.replace(decimal, ".")
    try:
        return float(s)
    except ValueError:
        return None


def parse_words(text: str) -> float | None:
    """Parse English number words: ``two thousand``, ``one hundred and seven``, ``a thousand``."""
    total = 0
    current = 0
    seen = False
    for w in re.split(r"[\s-]+", text.lower()):
        if w == "and" or not w:
            continue
        if w in UNITS:
            current += UNITS[w]
            seen = True
        elif w in SCALES:
            scale = SCALES[w]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return float(total + current) if seen else None
