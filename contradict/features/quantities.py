"""Quantities: a value, the thing counted, a qualifier and an interval the text commits to.

"about 1,000 cameras at 800 locations" gives two quantities: (1000, cameras, about, [900, 1100])
and (800, locations, exact, [800, 800]). Detectors compare intervals of quantities that count
the same thing in the same scope.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ..lang import fold, to_latin
from .lemmas import lemma_sr
from .numbers import (
    DIGITS_RE,
    SCALE_ABBREV,
    SR_SCALE_TAIL,
    SR_WEAK,
    SR_WORD_RE,
    WORD_RE,
    parse_digits,
    parse_words,
    sr_scale,
)

# lemma of the thing counted -> surface forms (lower case). Order matters only for readability.
UNIT_FORMS: dict[str, tuple[str, ...]] = {
    "cameras": ("camera", "cameras", "cctv", "cctvs"),
    "locations": ("location", "locations", "site", "sites", "position", "positions", "place",
                  "places", "spot", "spots", "junction", "junctions", "intersection",
                  "intersections", "crossroads", "points"),
    "cities": ("city", "cities", "town", "towns"),
    "people": ("people", "persons", "person", "citizens", "residents"),
    "requests": ("request", "requests"),
    "days": ("day", "days"),
    "hours": ("hour", "hours", "h"),
    "months": ("month", "months"),
    "years": ("year", "years"),
    "pages": ("page", "pages"),
    "articles": ("article", "articles"),
    "euros": ("euro", "euros", "eur", "€"),
    "dinars": ("dinar", "dinars", "rsd"),
    "dollars": ("dollar", "dollars", "usd", "$"),
    "percent": ("percent", "per cent", "%", "percentage points"),
    "meetings": ("meeting", "meetings"),
    "opinions": ("opinion", "opinions"),
}
FORM_TO_UNIT = {f: u for u, forms in UNIT_FORMS.items() for f in forms}
CURRENCY_PREFIX = {"€": "euros", "eur": "euros", "$": "dollars", "usd": "dollars", "rsd": "dinars"}

# words allowed between a number and the noun it counts
MODIFIERS = {
    "new", "more", "additional", "further", "extra", "smart", "stationary", "fixed", "mobile",
    "body-worn", "body", "worn", "vehicle", "vehicle-mounted", "police", "surveillance", "video",
    "cctv", "huawei", "hd", "upgraded", "test", "pilot", "trial", "high-resolution", "verified",
    "working", "installed", "public", "planned", "different", "separate", "chinese", "intelligent",
    "other", "such", "of", "the", "its", "these", "those", "security", "traffic", "face",
    "facial", "recognition", "biometric", "capable", "camera", "existing", "belgrade", "serbian",
    "safe", "city", "are", "were", "is", "freedom", "information", "foi", "access", "official", "million", "billion",
    "thousand", "hundred", "odd", "or", "so", "in", "all", "total", "strong",
}

SCOPE_CUES: dict[str, tuple[str, ...]] = {
    "fixed": ("fixed", "stationary", "public places", "public spaces", "street"),
    "mobile": ("mobile",),
    "body-worn": ("body-worn", "body worn", "body cameras", "bodycams", "worn by", "worn on"),
    "vehicle": ("vehicle", "vehicle-mounted", "patrol car", "in cars"),
    "pilot": ("test", "pilot", "trial", "first installed", "testing phase", "test phase"),
    "installed": ("already", "currently", "so far", "now working", "are working", "in place",
                  "installed", "verified", "mapped", "put up", "this year", "have been"),
    "planned": ("will", "plan", "planned", "plans", "within", "by the end", "envisaged",
                "foresees", "intends", "to be", "would", "next", "over the next", "target"),
}

QUALIFIERS: list[tuple[str, str]] = [
    # (regex before the number, qualifier)
    (r"(?:about|around|approximately|approx\.?|roughly|some|an estimated|estimated|circa|ca\.|~)", "about"),
    (r"(?:almost|nearly|close to|just under|not quite|nigh on)", "almost"),
    (r"(?:more than|over|upwards of|in excess of|above|beyond)", "more_than"),
    (r"(?:at least|no fewer than|no less than|a minimum of|minimum of)", "at_least"),
    (r"(?:up to|at most|no more than|a maximum of|maximum of|as many as)", "at_most"),
    (r"(?:fewer than|less than|under|below)", "less_than"),
]
QUALIFIER_RE = [(re.compile(r"\b" + rx + r"\s*$", re.IGNORECASE), q) for rx, q in QUALIFIERS]
AFTER_QUALIFIER_RE = re.compile(r"^\s*(?:or more|or so|and more|plus|\+)", re.IGNORECASE)

# Serbian rules read the Latin form with diacritics folded ("već" -> "vec"): one rule covers
# Cyrillic, Latin and text typed without diacritics.
SR_MODIFIER_STEMS = (
    "nov", "dodatn", "pametn", "fiksn", "stacionarn", "mobiln", "nosiv", "policijsk", "nadzorn",
    "video", "sigurnosn", "bezbednosn", "saobracajn", "hd", "huawei", "unapredjen", "unapreden",
    "postojec", "instaliran", "postavljen", "ugradjen", "ugraden", "test", "probn", "pilot",
    "planiran", "javn", "razlicit", "kinesk", "inteligentn", "biometrijsk", "verifikovan",
    "mapiran", "ukupn", "takv", "ovih", "tih", "svih", "tih", "nadzor", "digitaln", "modern",
    "aktivn", "radn", "ispravn", "savremen", "skup", "visok", "rezolucij", "tzv", "specijaln",
)
SR_QUALIFIERS: list[tuple[str, str]] = [
    (r"(?:oko|otprilike|priblizno|cirka|ca\.|nekih|procenjenih|nekakvih)", "about"),
    (r"(?:skoro|gotovo|blizu|nepunih|bezmalo|umalo|jedva)", "almost"),
    (r"(?:vise od|preko|iznad|vise nego)", "more_than"),
    (r"(?:najmanje|bar|barem|minimum|minimalno|ne manje od)", "at_least"),
    (r"(?:do|najvise|maksimalno|ne vise od|cak)", "at_most"),
    (r"(?:manje od|ispod)", "less_than"),
]
SR_QUALIFIER_RE = [(re.compile(r"\b" + rx + r"\s*$", re.IGNORECASE), q) for rx, q in SR_QUALIFIERS]
SR_AFTER_QUALIFIER_RE = re.compile(r"^\s*(?:i vise|ili vise|plus|\+)", re.IGNORECASE)
SR_SCOPE_CUES: dict[str, tuple[str, ...]] = {
    "fixed": ("fiksn", "stacionarn", "javnim mestima", "javnim povrsinama", "na ulicama"),
    "mobile": ("mobiln",),
    "body-worn": ("nosiv", "na telu", "koje nose", "koje nosi", "bodi kamer", "bodikamer"),
    "vehicle": ("u vozilima", "na vozilima", "vozil", "patrolnim kolima"),
    "pilot": ("test", "pilot", "probn", "prvo postavljen", "u probnom"),
    "installed": ("vec", "trenutno", "do sada", "dosad", "postavljen", "postavil", "instalira", "ugradjen", "ugraden", "ugradil",
                  "u funkciji", "radi", "rade", "verifikovan", "mapiran", "ove godine", "sada"),
    "planned": ("bice", "ce", "bi", "planir", "u narednih", "u naredne", "naredn", "predvidj",
                "predvid", "namerav", "do kraja", "treba da", "cilj", "uvodice", "dobice"),
}
SR_PART_RE = re.compile(r"\b(?:jos|od toga|od kojih|medj?u kojima|medj?u njima|ukljucujuci)\s*,?\s*$", re.I)
SR_PILOT_RE = re.compile(r"\b(?:test\w*|pilot\w*|probn\w*)\b", re.I)
SR_MONTHS = r"(?:jan|feb|mart|apr|maj|jun|jul|avg|sep|okt|nov|dec)[a-z]*"
SR_TIMED = re.compile(
    r"\s*(?:\w+\s+){0,4}?(?:u|do|tokom|krajem|pocetkom|sredinom|od|pre|posle)\s+(?:kraja\s+|pocetka\s+|sredine\s+)?(?:"
    + SR_MONTHS + r"|prolec|let[ou]|jesen|zim|godin|(?:19|20)\d\d)", re.IGNORECASE)


@dataclass
class Quantity:
    value: float
    unit: str | None
    qualifier: str
    low: float
    high: float
    scope: str | None
    text: str
    start: int  # offset in the claim text
    end: int

    def to_dict(self) -> dict:
        return asdict(self)


def interval(value: float, qualifier: str, round_number: bool) -> tuple[float, float]:
    """The interval of values a statement commits to.

    A round figure ("1,000 cameras") is read as rounded: 5% either way. "about" allows 10%,
    "almost" up to 10% below, "more than" any value above.
    """
    if qualifier == "about":
        return value * 0.9, value * 1.1
    if qualifier == "almost":
        return value * 0.9, value
    if qualifier in ("more_than", "at_least"):
        return value, float("inf")
    if qualifier in ("at_most", "less_than"):
        return 0.0, value
    if round_number:
        return value * 0.95, value * 1.05
    return value, value


def is_round(value: float) -> bool:
    v = int(value)
    return v == value and v >= 100 and v % 100 == 0


def _number_spans(text: str, language: str | None, raw: str | None = None) -> list[tuple[int, int, float]]:
    spans: list[tuple[int, int, float]] = []
    for m in DIGITS_RE.finditer(text):
        v = parse_digits(m.group(), language)
        if v is None:
            continue
        end = m.end()
        # "13 million", "1.6 bn"; "13 miliona", "1,6 milijardi"
        if language == "sr":
            tail = SR_SCALE_TAIL.match(text[end:])
            if tail:
                v *= sr_scale(tail.group(1))
                end += tail.end()
        else:
            tail = re.match(r"\s*(million|billion|thousand|bn|mn|m|k)\b", text[end:], re.IGNORECASE)
            if tail:
                v *= SCALE_ABBREV[tail.group(1).lower()]
                end += tail.end()
        spans.append((m.start(), end, v))
    if language == "sr":
        for m in SR_WORD_RE.finditer(text):
            word = m.group().lower()
            if word in SR_WEAK:
                continue  # "jedan", "jednom" alone is an article, not a count
            if raw is not None and "š" in raw[m.start() : m.end()].lower():
                continue  # "što" (what), folded to "sto", is not a hundred
            v = parse_words(word, "sr")
            if v is None or any(s <= m.start() < e for s, e, _ in spans):
                continue
            spans.append((m.start(), m.end(), v))
        spans.sort()
        return spans
    for m in WORD_RE.finditer(text):
        word = m.group()
        if word.lower() in ("a", "an", "one"):
            # "a"/"an"/"one" count only when followed by a scale word ("a thousand")
            continue
        v = parse_words(word)
        if v is None:
            continue
        if any(s <= m.start() < e for s, e, _ in spans):
            continue
        spans.append((m.start(), m.end(), v))
    spans.sort()
    return spans


def _looks_like_year(text: str, start: int, end: int, value: float, language: str | None = "en") -> bool:
    token = text[start:end]
    if not re.fullmatch(r"(19|20)\d\d", token):
        return False
    before = text[max(0, start - 12) : start].lower()
    after = text[end : end + 12].lower()
    # "2,000 cameras" never reaches here (separator); "2019 cameras" is rare: treat as year
    # unless a counted noun follows immediately
    nxt = re.match(r"\s*([\w€%-]+)", after)
    if language == "sr":
        return not (nxt and lemma_sr(nxt.group(1)) and not re.search(r"(u|od|do|tokom|iz)\s*$", before))
    return not (nxt and nxt.group(1) in FORM_TO_UNIT and not re.search(r"(in|since|by|of|from)\s*$", before))


SR_REFERENCE_RE = re.compile(
    r"(\bclan[a-z]*|\bcl\.|\bstav[a-z]*|\bst\.|\btack[a-z]*|\btac\.|\bbr\.|\bbroj[a-z]*|\balineja|glasnik[a-z]*(?:\s+rs)?,?)"
    r"\s*(\d+\.?\s*(\(\d+\))?\s*(,|i|ili)\s*)*$")


def _is_reference(text: str, start: int, language: str | None = "en") -> bool:
    """Numbers that are identifiers, not amounts: articles, gazette numbers, ref numbers, dates."""
    before = text[max(0, start - 24) : start].lower()
    if language == "sr" and (SR_REFERENCE_RE.search(before) or re.match(r"\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d\d", text[start:])):
        return True  # "član 52. stav 8.", "br. 87/2018", "9.2.2019."
    return bool(
        re.search(r"(art\.|article|articles|para\.|paragraph|no\.|nos\.|number|gazette|ref\.|br\.|čl\.|member|section|§)\s*(\d+\s*(\(\d+\))?\s*(,|and|or)\s*)*$", before)
        or re.search(r"\d+\s*/\s*$", before)
        or re.search(r"\d+\s*\(\s*$", before)
        or re.match(r"\d+/", text[start:])
    )


def _sr_modifier(word: str) -> bool:
    return any(word.startswith(stem) and len(word) - len(stem) <= 5 for stem in SR_MODIFIER_STEMS)


def _unit_after(text: str, end: int, language: str | None = "en") -> tuple[str | None, int]:
    """The counted noun after a number, skipping modifiers ("1,000 new smart cameras")."""
    pos = end
    if language == "sr":
        for _ in range(4):
            m = re.match(r"\s*(?:\(|,\s)?\s*([A-Za-z€%$][\w%€$-]*)", text[pos:])
            if not m:
                return None, end
            word = m.group(1).lower()
            unit = lemma_sr(word)
            if unit:
                return unit, pos + m.end()
            if not _sr_modifier(word):
                return None, end
            pos += m.end()
        return None, end
    for _ in range(5):
        m = re.match(r"\s*(?:\(|,\s)?\s*([A-Za-z€%$][\w%€$-]*)", text[pos:])
        if not m:
            return None, end
        word = m.group(1).lower()
        if word in FORM_TO_UNIT:
            return FORM_TO_UNIT[word], pos + m.end()
        if word.rstrip("s") in FORM_TO_UNIT:
            return FORM_TO_UNIT[word.rstrip("s")], pos + m.end()
        if word == "per" and re.match(r"\s*cent", text[pos + m.end():]):
            return "percent", pos + m.end() + 5
        if word not in MODIFIERS:
            return None, end
        pos += m.end()
    return None, end


def _unit_before(text: str, start: int) -> str | None:
    m = re.search(r"([€$]|\b(?:eur|usd|rsd))\s*$", text[max(0, start - 5) : start], re.IGNORECASE)
    if m:
        return CURRENCY_PREFIX[m.group(1).lower()]
    return None


def _scope(text: str, start: int, end: int, unit_end: int, language: str | None = "en") -> str | None:
    # subtype words sit between the number and the noun ("2,500 fixed cameras") or just after
    # it ("600 mounted on vehicles", "cameras in public places")
    sr = language == "sr"
    cues = SR_SCOPE_CUES if sr else SCOPE_CUES
    after = re.split(r"[,;:()]|\d" if sr else r"[,;:()]", text[unit_end : unit_end + 24])[0]
    near = (text[max(0, start - 12) : start] + " " + text[end:unit_end] + after).lower()
    for scope in ("body-worn", "vehicle", "mobile", "fixed", "pilot"):
        if any(cue in near for cue in cues[scope]):
            return scope
    part = SR_PART_RE if sr else re.compile(r"\b(?:another|of these|of them|of which|among them|including)\s*,?\s*$", re.I)
    if part.search(text[max(0, start - 20) : start]):
        return "part"  # a part of a total named elsewhere
    wide = text[max(0, start - 60) : min(len(text), unit_end + 60)].lower()
    # "will be installed" is planned: the future wins over the verb
    for scope in ("planned", "installed"):
        if sr and any(re.search(r"\b" + re.escape(cue), wide) for cue in cues[scope] if len(cue) > 3):
            return scope
        if any(re.search(r"\b" + re.escape(cue) + r"\b", wide) for cue in cues[scope]):
            return scope
    return None


def extract_quantities(text: str, language: str | None = "en") -> list[Quantity]:
    """Quantities in one claim, with offsets relative to ``text``.

    Serbian is read in its Latin form with diacritics folded ("хиљаду камера" -> "hiljadu
    kamera"); offsets and ``text`` of each quantity are mapped back to the original."""
    if language != "sr":
        return _extract(text, language)
    lt = to_latin(text)
    out = _extract(fold(lt.text), "sr", raw=lt.text)
    for q in out:
        q.start, q.end = lt.span(q.start, q.end)
        q.text = text[q.start : q.end]
    return out


def _extract(text: str, language: str | None, raw: str | None = None) -> list[Quantity]:
    sr = language == "sr"
    out: list[Quantity] = []
    for start, end, value in _number_spans(text, language, raw):
        if _looks_like_year(text, start, end, value, language) or _is_reference(text, start, language):
            continue
        # a day of month: "9 February", "February 9"; "9. februara"
        if sr:
            if re.match(r"\.?\s*" + SR_MONTHS + r"\b", text[end:], re.IGNORECASE) and value <= 31:
                continue
        elif re.match(r"\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b", text[end:], re.IGNORECASE) and value <= 31:
            continue
        if not sr and re.search(r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s*$", text[max(0, start - 12):start], re.IGNORECASE) and value <= 31:
            continue
        unit, unit_end = _unit_after(text, end, language)
        if unit is None:
            unit = _unit_before(text, start)
            unit_end = end
        qualifier = "exact"
        before = text[max(0, start - 30) : start]
        for rx, q in SR_QUALIFIER_RE if sr else QUALIFIER_RE:
            if rx.search(before):
                qualifier = q
                break
        if (SR_AFTER_QUALIFIER_RE if sr else AFTER_QUALIFIER_RE).match(text[end:]):
            qualifier = "at_least"
        low, high = interval(value, qualifier, is_round(value))
        out.append(
            Quantity(
                value=value,
                unit=unit,
                qualifier=qualifier,
                low=low,
                high=high,
                scope=_scope(text, start, end, unit_end, language),
                text=text[start:unit_end] if unit_end > end else text[start:end],
                start=start,
                end=max(unit_end, end),
            )
        )
    _resolve_ranges(text, out, language)
    _inherit_units(text, out, language)
    # a test or pilot phase is said once for the whole claim ("9 test cameras at 5 locations")
    pilot = SR_PILOT_RE if sr else re.compile(r"\b(?:test|pilot|trial)\b", re.I)
    if any(q.scope == "pilot" for q in out) or pilot.search(text):
        for item in out:
            if item.scope in (None, "installed", "planned"):
                item.scope = "pilot"
    return out


def _resolve_ranges(text: str, qs: list[Quantity], language: str | None = "en") -> None:
    """"between 600 and 700 cameras", "600–700 cameras": one range quantity."""
    words, opener = (r"do|i", r"izmedj?u\s*$|od\s*$") if language == "sr" else (r"to|and", r"between\s*$|from\s*$")
    i = 0
    while i < len(qs) - 1:
        a, b = qs[i], qs[i + 1]
        gap = text[a.end if a.unit is None else a.start + len(str(a.text)) : b.start]
        joined = re.fullmatch(r"\s*(?:-|–|—|" + words + r")\s*", text[a.start + len(text[a.start:a.end].split()[0]) if a.unit else a.end : b.start])
        if a.unit is None and joined and re.search(opener, text[max(0, a.start - 10):a.start]) or (a.unit is None and re.fullmatch(r"\s*[-–—]\s*", gap)):
            b.low, b.high, b.qualifier = min(a.value, b.value), max(a.value, b.value), "range"
            b.start = a.start
            b.text = text[a.start : b.end]
            del qs[i]
            continue
        i += 1


def _inherit_units(text: str, qs: list[Quantity], language: str | None = "en") -> None:
    """"10 cameras in March, 50 in June, 200 in September": the later figures count cameras too,
    and together they are a schedule, not totals."""
    timed = SR_TIMED if language == "sr" else re.compile(r"\s*(?:\w+\s+){0,4}?(?:in|by|during|until|before|at the end|from)\s+(?:the\s+)?(?:end|beginning|start|early|mid|late|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|winter|(?:19|20)\d\d)", re.IGNORECASE)
    prev: Quantity | None = None
    for q in qs:
        if q.unit is None and prev is not None and prev.unit:
            gap = text[prev.end : q.start]
            joiner = r"\s*(?:,|i|, i|, a|a|;)\s*" if language == "sr" else r"\s*(?:,|and|, and|;)\s*"
            if timed.match(text[q.end :]) or re.fullmatch(joiner, gap):
                q.unit = prev.unit
                q.text = text[q.start : q.end]
        prev = q
    by_unit: dict[str, list[Quantity]] = {}
    for q in qs:
        if q.unit and timed.match(text[q.end :]):
            by_unit.setdefault(q.unit, []).append(q)
    for items in by_unit.values():
        if len(items) >= 2:
            for q in items:
                q.scope = "schedule"
