"""Numbers as written in English and Serbian text: digits with either separator, and number words."""

from __future__ import annotations

import re

from ..lang import fold

# English number words
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


def parse_words(text: str, language: str | None = "en") -> float | None:
    """Parse number words: ``two thousand``, ``one hundred and seven``, ``a thousand``; in
    Serbian (Latin form) ``dve hiljade``, ``hiljadu dvesta``, ``dvema``, ``osam hiljada sto``."""
    units, scales, joiner = (SR_UNITS, SR_SCALES, "i") if language == "sr" else (UNITS, SCALES, "and")
    total = 0
    current = 0
    seen = False
    for w in re.split(r"[\s-]+", fold(text.lower()) if language == "sr" else text.lower()):
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


# Serbian number words in the Latin form with diacritics folded (``četiri`` -> ``cetiri``), in
# the cases a counted noun puts them in (``dve``, ``dveju``, ``dvema``; ``hiljadu``, ``hiljade``)
_SR_BASE = {
    ("jedan", "jedna", "jedno", "jednu", "jednog", "jednoj", "jednom", "jednim"): 1,
    ("dva", "dve", "dvije", "dveju", "dvema", "dvaju", "dvama"): 2,
    ("tri", "triju", "trima"): 3,
    ("cetiri", "cetiriju", "cetirima"): 4,
    ("pet",): 5, ("sest",): 6, ("sedam",): 7, ("osam",): 8, ("devet",): 9, ("deset",): 10,
    ("jedanaest",): 11, ("dvanaest",): 12, ("trinaest",): 13, ("cetrnaest",): 14,
    ("petnaest",): 15, ("sesnaest",): 16, ("sedamnaest",): 17, ("osamnaest",): 18,
    ("devetnaest",): 19, ("dvadeset",): 20, ("trideset",): 30, ("cetrdeset",): 40,
    ("pedeset",): 50, ("sezdeset",): 60, ("sedamdeset",): 70, ("osamdeset",): 80,
    ("devedeset",): 90,
    ("sto", "stotinu", "stotine", "stotina"): 100, ("dvesta", "dvesto", "dvjesto"): 200,
    ("trista", "tristo"): 300, ("cetiristo", "cetiri stotine"): 400, ("petsto",): 500,
    ("sesto", "seststo"): 600, ("sedamsto",): 700, ("osamsto",): 800, ("devetsto",): 900,
}
SR_UNITS = {w: v for forms, v in _SR_BASE.items() for w in forms if " " not in w}
SR_SCALES = {
    **dict.fromkeys(("hiljada", "hiljadu", "hiljade", "hiljadi", "hiljadama", "tisuca", "tisucu", "tisuce"), 1_000),
    **dict.fromkeys(("milion", "miliona", "milioni", "milionu", "milione", "milionima", "mil"), 1_000_000),
    **dict.fromkeys(("milijarda", "milijarde", "milijardi", "milijardu", "milijardama", "mlrd"), 1_000_000_000),
}
# "jedan", "jedna" ... count only with a scale word ("jedan milion"): alone they are articles
SR_WEAK = {w for w, v in SR_UNITS.items() if v == 1}
_SR_ALL = "|".join(sorted(list(SR_UNITS) + list(SR_SCALES), key=len, reverse=True))
SR_WORD_RE = re.compile(rf"\b(?:(?:{_SR_ALL})(?:[\s-]+(?:i[\s-]+)?(?:{_SR_ALL}))*)\b", re.IGNORECASE)
# a scale word after digits: "13 miliona", "1,6 milijardi", "8 hiljada", "13 mil."
SR_SCALE_TAIL = re.compile(
    r"\s*(milijard[aeiu]?|milijardama|mlrd\.?|milion[aeiu]?|milionima|mil\.|hiljad[aeiu]|hiljadama)(?!\w)", re.IGNORECASE)


def sr_scale(word: str) -> int:
    w = fold(word.lower()).rstrip(".")
    return SR_SCALES.get(w, 0)
