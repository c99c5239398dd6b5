"""Numbers as written: digits with either separator, and number words (the words, scales and
separators of each language are in its pack, ``contradict/lang/<code>.py``)."""

from __future__ import annotations

import re

from ..lang import fold, rules

# 1,000 / 8,100 / 1.000 / 2.5 / 2,5 / 13 / 1 200
# a number may carry a glued scale ("$29.9m", "1.6bn", "5k"): the suffix is read by the caller
_END = r"(?=(?:bn|mn|m|k)\b|[^\w]|$)"
DIGITS_RE = re.compile(
    r"(?<![\w.,])\d{1,3}(?:[.,\u202f\u00a0 ]\d{3})+(?:[.,]\d+)?" + _END + r"|(?<![\w.,])\d+(?:[.,]\d+)?" + _END
)


def parse_digits(text: str, language: str | None = "en") -> float | None:
    """Parse a run of digits with separators: ``1,000`` (en), ``1.000`` (sr), ``2,5`` (sr)."""
    s = text.strip().replace("\u202f", " ").replace("\u00a0", " ")
    if " " in s:
        s = s.replace(" ", "")
    pack = rules(language)
    thousands, decimal = pack.numbers.thousands, pack.numbers.decimal
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


def parse_words(text: str, language: str | None = "en") -> float | None:
    """Parse number words: ``two thousand``, ``one hundred and seven``, ``a thousand``; in
    Serbian (Latin form) ``dve hiljade``, ``hiljadu dvesta``, ``dvema``, ``osam hiljada sto``."""
    pack = rules(language)
    units, scales, joiner = pack.numbers.units, pack.numbers.scales, pack.numbers.joiner
    total = 0
    current = 0
    seen = False
    for w in re.split(r"[\s-]+", fold(text.lower()) if pack.latin_folded else text.lower()):
        if w == joiner or not w:
            continue
        if w in units:
            current += units[w]
            seen = True
        elif w in scales:
            scale = scales[w]
            current = max(current, 1) * scale
            if scale >= 1000:
                total += current
                current = 0
            seen = True
        else:
            return None
    return float(total + current) if seen else None


