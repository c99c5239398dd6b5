"""Dates in claims, normalised to ISO with their granularity ("9 February 2019" -> 2019-02-09/day)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ..lang import fold, to_latin

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_M = "|".join(sorted(MONTHS, key=len, reverse=True))
PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"), "day"),
    (re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_M})\.?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I), "day"),
    (re.compile(rf"\b(?P<mon>{_M})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I), "day"),
    (re.compile(rf"\b(?P<part>early|mid|late|end of|the end of|beginning of|the beginning of|start of)?\s*(?P<mon>{_M})\.?\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b", re.I), "month"),
    (re.compile(r"\b(?P<part>early|mid|late|end of|the end of|end-|beginning of|the beginning of|start of|spring|summer|autumn|fall|winter|first half of|second half of)?\s*(?:in\s+)?(?P<y>(?:19|20)\d\d)\b(?![-/]\d)", re.I), "year"),
]


# Serbian months in every case, Latin with diacritics folded (Cyrillic is transliterated first):
# "februar", "februara", "februaru", "februarom"; "avg.", "sept."
SR_MONTH_STEMS = {
    "januar": 1, "februar": 2, "mart": 3, "april": 4, "maj": 5, "jun": 6, "jul": 7, "avgust": 8,
    "septemb": 9, "oktob": 10, "novemb": 11, "decemb": 12,
}
SR_MONTH_ABBREV = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "avg": 8, "sep": 9, "sept": 9, "okt": 10,
                   "nov": 11, "dec": 12}
_SR_M = (r"(?:januar|februar|mart|april|maj|jun|jul|avgust|septemba?r|oktoba?r|novemba?r|decemba?r)"
         r"(?:a|u|om|i)?|(?:jan|feb|mar|apr|avg|sept?|okt|nov|dec)\.")
_SR_PART = (r"krajem|na kraju|do kraja|kraj|pocetkom|na pocetku|od pocetka|pocetak|sredinom|sredina|"
            r"u prvoj polovini|u drugoj polovini|prve polovine|druge polovine|prvoj polovini|drugoj polovini|"
            r"u prolece|u prolece|tokom proleca|proleca|prolece|leta|leti|u leto|jeseni|na jesen|u jesen|zime|zimi|u zimu")
SR_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"), "day"),
    # 9.2.2019. / 09. 02. 2019.
    (re.compile(r"\b(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>(?:19|20)\d\d)\b"), "day"),
    # 9. februar 2019. / 9. februara 2019. godine
    (re.compile(rf"\b(?P<d>\d{{1,2}})\.?\s+(?P<mon>{_SR_M})\s*(?P<y>(?:19|20)\d\d)\b", re.I), "day"),
    (re.compile(rf"(?:\b(?P<part>{_SR_PART})\s+)?(?P<mon>{_SR_M})\s*(?:meseca\s+)?(?P<y>(?:19|20)\d\d)\b", re.I), "month"),
    (re.compile(rf"(?:\b(?P<part>{_SR_PART})\s+)?(?:u\s+|tokom\s+)?(?P<y>(?:19|20)\d\d)\b(?![-/]\d)", re.I), "year"),
]
SR_PART_KEYS = (("kraj", "end"), ("pocet", "early"), ("sredin", "mid"), ("prv", "first half"),
                ("drug", "second half"), ("prolec", "spring"), ("let", "summer"), ("jesen", "autumn"),
                ("zim", "winter"))


def _sr_month(raw: str) -> int:
    w = raw.lower().rstrip(".")
    if w in SR_MONTH_ABBREV:
        return SR_MONTH_ABBREV[w]
    for stem, number in SR_MONTH_STEMS.items():
        if w.startswith(stem):
            return number
    if w.startswith(("septemba", "oktoba", "novemba", "decemba")):  # "septembar", nominative
        return SR_MONTH_STEMS[w[:-2]]
    return 0


def _sr_part(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.lower()
    return next((key for stem, key in SR_PART_KEYS if stem in raw), None)


@dataclass
class DateRef:
    value: str  # ISO: YYYY-MM-DD, YYYY-MM or YYYY
    granularity: str  # day | month | year
    part: str | None  # early | mid | late | end ...: a coarse position inside the period
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return asdict(self)


def _part(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.lower().strip(" -")
    for key in ("early", "mid", "late", "end", "beginning", "start", "spring", "summer", "autumn", "fall", "winter", "first half", "second half"):
        if key in raw:
            return {"beginning": "early", "start": "early", "fall": "autumn"}.get(key, key)
    return None


def extract_dates(text: str, language: str | None = "en") -> list[DateRef]:
    """Dates in a claim, most precise reading first, no overlapping spans.

    Serbian ("9. фебруара 2019.", "krajem 2020. godine") is read in its Latin form; offsets and
    ``text`` are the original's."""
    if language == "sr":
        lt = to_latin(text)
        found = _extract_sr(fold(lt.text))
        for ref in found:
            ref.start, ref.end = lt.span(ref.start, ref.end)
            ref.text = text[ref.start : ref.end].strip()
        return found
    taken: list[tuple[int, int]] = []
    out: list[DateRef] = []
    for rx, gran in PATTERNS:
        for m in rx.finditer(text):
            s, e = m.start("y") if gran == "year" and not m.group("part") else m.start(), m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            # a year that is really an amount ("2019 cameras") or part of a reference ("87/2018")
            if gran == "year" and (re.match(r"\s*(cameras?|locations?)", text[e:], re.I) or re.search(r"/\s*$", text[max(0, s - 2):s])):
                continue
            y = int(m.group("y"))
            if gran == "day":
                mon = int(m.group("m")) if "m" in m.groupdict() and m.group("m") else MONTHS[m.group("mon").lower().rstrip(".")]
                d = int(m.group("d"))
                if not (1 <= mon <= 12 and 1 <= d <= 31):
                    continue
                value = f"{y:04d}-{mon:02d}-{d:02d}"
                part = None
            elif gran == "month":
                mon = MONTHS[m.group("mon").lower().rstrip(".")]
                value = f"{y:04d}-{mon:02d}"
                part = _part(m.group("part"))
            else:
                value = f"{y:04d}"
                part = _part(m.group("part"))
            taken.append((s, e))
            out.append(DateRef(value, gran, part, text[s:e].strip(), s, e))
    out.sort(key=lambda d: d.start)
    return out


def _extract_sr(text: str) -> list[DateRef]:
    taken: list[tuple[int, int]] = []
    out: list[DateRef] = []
    for rx, gran in SR_PATTERNS:
        for m in rx.finditer(text):
            part_raw = m.groupdict().get("part")
            s, e = (m.start("y") if gran == "year" and not part_raw else m.start()), m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if gran == "year":
                if re.search(r"/\s*$", text[max(0, s - 2) : s]) or re.match(r"\.?\d", text[e:]):
                    continue  # "br. 87/2018", "2019.000"
                if re.search(r"\b(?:br|broj[a-z]*)\.?\s*$", text[max(0, s - 8) : s], re.I):
                    continue
            y = int(m.group("y"))
            part = None
            if gran == "day":
                gd = m.groupdict()
                mon = int(gd["m"]) if gd.get("m") else _sr_month(gd["mon"])
                d = int(m.group("d"))
                if not (1 <= mon <= 12 and 1 <= d <= 31):
                    continue
                value = f"{y:04d}-{mon:02d}-{d:02d}"
            elif gran == "month":
                mon = _sr_month(m.group("mon"))
                if not mon:
                    continue
                value = f"{y:04d}-{mon:02d}"
                part = _sr_part(part_raw)
            else:
                value = f"{y:04d}"
                part = _sr_part(part_raw)
            # a trailing ordinal stop belongs to the date: "2019." in "9. februara 2019. godine"
            if text[e : e + 1] == "." and gran != "year":
                e += 1
            taken.append((s, e))
            out.append(DateRef(value, gran, part, text[s:e].strip(), s, e))
    out.sort(key=lambda d: d.start)
    return out


def date_bounds(value: str | None) -> tuple[str, str] | None:
    """The first and last day an ISO date of any granularity can mean."""
    if not value:
        return None
    parts = value.split("-")
    if len(parts) == 3:
        return value, value
    if len(parts) == 2:
        return f"{value}-01", f"{value}-31"
    return f"{value}-01-01", f"{value}-12-31"
