"""Dates in claims, normalised to ISO with their granularity ("9 February 2019" -> 2019-02-09/day).

How each language writes dates is in its pack (``contradict/lang/<code>.py``, ``DateRules``).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ..lang import fold, rules, to_latin
from ..lang.pack import DateRules


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


def extract_dates(text: str, language: str | None = "en", doc_date: str | None = None) -> list[DateRef]:
    """Dates in a claim, most precise reading first, no overlapping spans. ``doc_date``: the
    date of the claim's document (ISO, any precision), for a day and month written without a
    year ("on Monday, 4 November"): the document's year, or the year before when the month comes
    after the document's (a report of 5 January on "29 December").

    A ``latin_folded`` pack (Serbian: "9. фебруара 2019.", "krajem 2020. godine") reads the Latin
    form; offsets and ``text`` are the original's."""
    pack = rules(language)
    if not pack.latin_folded:
        return _extract(text, pack.dates, doc_date)
    lt = to_latin(text)
    found = _extract(fold(lt.text), pack.dates, doc_date)
    for ref in found:
        ref.start, ref.end = lt.span(ref.start, ref.end)
        ref.text = text[ref.start : ref.end].strip()
    return found


def _extract(text: str, dr: DateRules, doc_date: str | None) -> list[DateRef]:
    taken: list[tuple[int, int]] = []
    out: list[DateRef] = []
    for rx, gran in dr.patterns:
        groups = rx.groupindex
        if "y" not in groups and _year_of(doc_date, 1) is None:
            continue
        for m in rx.finditer(text):
            part_raw = m.group("part") if "part" in groups else None
            s, e = (m.start("y") if gran == "year" and not part_raw else m.start()), m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if gran == "year" and dr.not_a_year(text, s, e):
                continue
            part = None
            if gran == "day":
                mon = int(m.group("m")) if "m" in groups and m.group("m") else dr.month_of(m.group("mon"))
                d = int(m.group("d"))
                if not (1 <= mon <= 12 and 1 <= d <= 31):
                    continue
                y = int(m.group("y")) if "y" in groups else _year_of(doc_date, mon)
                if y is None:
                    continue
                value = f"{y:04d}-{mon:02d}-{d:02d}"
            elif gran == "month":
                mon = dr.month_of(m.group("mon"))
                if not mon:
                    continue
                value = f"{int(m.group('y')):04d}-{mon:02d}"
                part = dr.part_of(part_raw)
            else:
                value = f"{int(m.group('y')):04d}"
                part = dr.part_of(part_raw)
            # a trailing ordinal stop belongs to the date: "2019." in "9. februara 2019. godine"
            if dr.ordinal_dot and text[e : e + 1] == "." and gran != "year":
                e += 1
            taken.append((s, e))
            out.append(DateRef(value, gran, part, text[s:e].strip(), s, e))
    out.sort(key=lambda d: d.start)
    return out


def _year_of(doc_date: str | None, month: int) -> int | None:
    m = re.match(r"((?:19|20)\d\d)(?:-(\d\d))?", doc_date or "")
    if not m:
        return None
    year = int(m.group(1))
    return year - 1 if m.group(2) and month > int(m.group(2)) else year


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
