"""Dates in claims, normalised to ISO with their granularity ("9 February 2019" -> 2019-02-09/day)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

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
    """Dates in a claim, most precise reading first, no overlapping spans."""
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
