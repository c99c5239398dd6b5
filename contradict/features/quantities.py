"""Quantities: a value, the thing counted, a qualifier and an interval the text commits to.

"about 1,000 cameras at 800 locations" gives two quantities: (1000, cameras, about, [900, 1100])
and (800, locations, exact, [800, 800]). Detectors compare intervals of quantities that count
the same thing in the same scope.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ..case import NO_RULES, CaseRules
from ..lang import fold, rules, to_latin
from ..lang.pack import Rules
from .numbers import DIGITS_RE, parse_digits, parse_words

# the scopes a count can have besides a case's subtypes; "pilot" is a part of its own kind
SCOPES = ("pilot",)


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


def _number_spans(text: str, pack: Rules, raw: str | None = None) -> list[tuple[int, int, float]]:
    nums = pack.numbers
    spans: list[tuple[int, int, float]] = []
    for m in DIGITS_RE.finditer(text):
        v = parse_digits(m.group(), pack.code)
        if v is None:
            continue
        end = m.end()
        tail = nums.scale_tail.match(text[end:])  # "13 million", "1.6 bn"; "13 miliona"
        if tail:
            v *= nums.scale_of(tail.group(1))
            end += tail.end()
        spans.append((m.start(), end, v))
    for m in nums.word_re.finditer(text):
        word = m.group()
        if re.search(r"\bper\s*$", text[max(0, m.start() - 5) : m.start()], re.I):
            continue  # "parts per billion", "per thousand": a ratio's base, not an amount
        if word.lower() in nums.weak:
            continue  # "a", "one", "jedan" alone are articles, not counts
        if raw is not None and "š" in raw[m.start() : m.end()].lower():
            continue  # "što" (what), folded to "sto", is not a hundred
        v = parse_words(word, pack.code)
        if v is None or any(s <= m.start() < e for s, e, _ in spans):
            continue
        spans.append((m.start(), m.end(), v))
    spans.sort()
    return spans


def _looks_like_year(text: str, start: int, end: int, pack: Rules, case: CaseRules) -> bool:
    token = text[start:end]
    if not re.fullmatch(r"(19|20)\d\d", token):
        return False
    before = text[max(0, start - 12) : start].lower()
    # "2,000 cameras" never reaches here (separator); "2019 cameras" is rare: treat as year
    # unless a counted noun follows immediately
    nxt = re.match(r"\s*([\w€%-]+)", text[end : end + 12].lower())
    counted = nxt and (case.unit_of(nxt.group(1), pack.code) or pack.counts.lexicon(nxt.group(1)))
    return not (counted and not pack.counts.year_context.search(before))


def _known_unit(word: str, pack: Rules, case: CaseRules) -> str | None:
    return case.unit_of(word, pack.code) or pack.counts.unit_of(word)


def _is_reference(text: str, start: int, pack: Rules) -> bool:
    """Numbers that are identifiers, not amounts: articles, gazette numbers, ref numbers, dates."""
    before = text[max(0, start - 24) : start].lower()
    c = pack.counts
    if c.reference_at is not None and c.reference_at.match(text[start:]):
        return True  # "9.2.2019."
    return bool(
        c.reference_before.search(before)
        or rules("en").counts.reference_before.search(before)  # "Art. 52" quoted in any language
        or re.search(r"\d+\s*/\s*$", before)
        or re.search(r"\d+\s*\(\s*$", before)
        or re.match(r"\d+/", text[start:])
    )


def _outcome_after(text: str, end: int, pack: Rules) -> tuple[str, int] | None:
    """An outcome after a number names what it counts: "seven of them fatal", "three of those
    patients died" count deaths, not cases or patients."""
    for outcome_unit, outcome in pack.counts.outcome_after.items():
        o = outcome.match(text[end : end + 60])
        if o:
            return outcome_unit, end + o.end()
    return None


def _unit_after(text: str, end: int, pack: Rules, case: CaseRules, raw: str | None = None) -> tuple[str | None, int]:
    """The counted noun after a number, skipping modifiers ("1,000 new smart cameras", "45
    confirmed cases"); an outcome word after it (:func:`_outcome_after`) is read first, by the caller."""
    pos = end
    for _ in range(5):
        m = re.match(r"\s*(?:\(|,\s)?\s*([A-Za-z€%$£][\w%€$£-]*)", text[pos:])
        if not m:
            break
        word = m.group(1).lower()
        # the word as written (a folded pack's text has lost its diacritics, one character
        # for one, so the offsets agree): the lemmatiser needs "slučajeva", not "slucajeva"
        written = raw[pos + m.start(1) : pos + m.end(1)] if raw is not None else word
        ratio = re.match(r"\s+per\s+(billion|million)\b", text[pos + m.end():]) if word == "parts" else None
        if ratio:  # a concentration, not a count of parts
            return ("ppb" if ratio.group(1).lower() == "billion" else "ppm"), pos + m.end() + ratio.end()
        own = case.unit_of(word, pack.code)
        listed = own or pack.counts.lexicon(written)
        modifier = pack.counts.is_modifier(word) or case.is_modifier(word, pack.code, pack.latin_folded)
        unit = listed or (None if modifier else pack.counts.unit_of(written))
        if unit:
            # a compound names its last noun: "2,300 death certificates" count certificates
            nxt = re.match(r"\s+([A-Za-z][\w-]*)", text[pos + m.end():])
            if not own and nxt and not word.endswith("s"):
                last = pack.counts.unit_of(nxt.group(1)) if raw is None else None
                if last and last != unit and nxt.group(1).lower().endswith("s"):
                    return last, pos + m.end() + nxt.end()
            return unit, pos + m.end()
        if word == "per" and re.match(r"\s*cent", text[pos + m.end():]):
            return "percent", pos + m.end() + 5
        if not modifier:
            # the first noun of a compound ("1,000 surveillance cameras", "40 bus depots")
            nxt = re.match(r"\s+([A-Za-z][\w-]*)", text[pos + m.end():])
            if raw is not None or not nxt or not word.isalpha() or word in rules("en").function_words:
                break
            if not pack.counts.unit_of(nxt.group(1)) or not nxt.group(1).lower().endswith("s"):
                break
        pos += m.end()
    return None, end


def _unit_before(text: str, start: int, pack: Rules) -> str | None:
    m = re.search(r"([€$£]|\b(?:eur|usd|rsd|gbp))\s*$", text[max(0, start - 5) : start], re.IGNORECASE)
    if m:
        return pack.counts.currency_prefix.get(m.group(1).lower())
    ub = pack.counts.unit_before
    if ub is not None:
        m = ub.search(text[max(0, start - 60) : start])
        if m:
            return pack.counts.unit_of(m.group("noun"))
    return None


def _outcome_before(text: str, start: int, unit: str | None, pack: Rules) -> str | None:
    """What a count of persons (or a bare number) counts by the words before it: "killed 16
    people", "preminulo je 528 osoba", "broj umrlih iznosi 2.730" count deaths."""
    c = pack.counts
    if unit is not None and unit not in c.persons:
        return unit
    before = text[max(0, start - 80) : start]
    return next((outcome for outcome, rx in c.outcome_before.items() if rx.search(before)), unit)


def _scope(text: str, start: int, end: int, unit_end: int, pack: Rules, case: CaseRules,
           outcome: bool = False) -> str | None:
    # subtype words sit between the number and the noun ("2,500 fixed cameras") or just after
    # it ("600 mounted on vehicles", "cameras in public places")
    c = pack.counts
    after = c.split_after.split(text[unit_end : unit_end + 24])[0]
    near = (text[max(0, start - 12) : start] + " " + text[end:unit_end] + after).lower()
    subtypes = {name: by_lang.get(pack.code, ()) for name, by_lang in case.subtypes.items()}
    subtypes["pilot"] = c.scope_cues.get("pilot", ())
    for scope, cues in subtypes.items():
        if any(cue in near for cue in cues):
            return scope
    before = text[max(0, start - 20) : start]
    if c.part.search(before) and not (outcome and c.share is not None and c.share.search(before)):
        return "part"  # a part of a total named elsewhere; "of which 3 died" is a count of deaths
    wide = text[max(0, start - 60) : min(len(text), unit_end + 60)].lower()
    # "will be installed" is planned: the future wins over the verb
    for scope in ("planned", "installed"):
        cues = c.scope_cues.get(scope, ())
        if c.stem_cues and any(re.search(r"\b" + re.escape(cue), wide) for cue in cues if len(cue) > 3):
            return scope
        if any(re.search(r"\b" + re.escape(cue) + r"\b", wide) for cue in cues):
            return scope
    return None


def extract_quantities(text: str, language: str | None = "en", case: CaseRules = NO_RULES) -> list[Quantity]:
    """Quantities in one claim, with offsets relative to ``text``.

    A ``latin_folded`` pack (Serbian) reads the Latin form with diacritics folded ("хиљаду
    камера" -> "hiljadu kamera"); offsets and ``text`` of each quantity are mapped back to the
    original."""
    pack = rules(language)
    if not pack.latin_folded:
        return _extract(text, pack, case)
    lt = to_latin(text)
    out = _extract(fold(lt.text), pack, case, raw=lt.text)
    for q in out:
        q.start, q.end = lt.span(q.start, q.end)
        q.text = text[q.start : q.end]
    return out


def _extract(text: str, pack: Rules, case: CaseRules, raw: str | None = None) -> list[Quantity]:
    c = pack.counts
    out: list[Quantity] = []
    for start, end, value in _number_spans(text, pack, raw):
        if _looks_like_year(text, start, end, pack, case) or _is_reference(text, start, pack):
            continue
        # a day of month: "9 February", "February 9"; "9. februara"
        if value <= 31 and (c.day_after.match(text[end:]) or (
                c.day_before is not None and c.day_before.search(text[max(0, start - 12):start]))):
            continue
        # "seven of them fatal" is a total of deaths, not a part: its text is the figure alone,
        # the outcome words only name the unit
        after = _outcome_after(text, end, pack)
        unit, unit_end = after or _unit_after(text, end, pack, case, raw)
        outcome = after is not None
        shown = end if outcome else unit_end
        if unit is None:
            unit = _unit_before(text, start, pack)
            unit_end = end
        named = _outcome_before(text, start, unit, pack)
        outcome = outcome or named != unit
        unit = named
        qualifier = "exact"
        before = text[max(0, start - 30) : start]
        for rx, q in c.qualifiers:
            if rx.search(before):
                qualifier = q
                break
        if c.after_qualifier.match(text[end:]):
            qualifier = "at_least"
        low, high = interval(value, qualifier, is_round(value))
        out.append(
            Quantity(
                value=value,
                unit=unit,
                qualifier=qualifier,
                low=low,
                high=high,
                scope=_scope(text, start, end, unit_end, pack, case, outcome),
                text=text[start:shown] if shown > end else text[start:end],
                start=start,
                end=max(unit_end, end),
            )
        )
    _resolve_ranges(text, out, pack)
    _inherit_units(text, out, pack)
    # a test or pilot phase is said once for the whole claim ("9 test cameras at 5 locations")
    if any(q.scope == "pilot" for q in out) or c.pilot.search(text):
        for item in out:
            if item.scope in (None, "installed", "planned"):
                item.scope = "pilot"
    return out


def _resolve_ranges(text: str, qs: list[Quantity], pack: Rules) -> None:
    """"between 600 and 700 cameras", "600–700 cameras": one range quantity."""
    words, opener = pack.counts.range_words, pack.counts.range_opener
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


def _inherit_units(text: str, qs: list[Quantity], pack: Rules) -> None:
    """"10 cameras in March, 50 in June, 200 in September": the later figures count cameras too,
    and together they are a schedule, not totals."""
    timed = pack.counts.timed
    prev: Quantity | None = None
    for q in qs:
        if q.unit is None and prev is not None and prev.unit:
            gap = text[prev.end : q.start]
            if timed.match(text[q.end :]) or re.fullmatch(pack.counts.joiner, gap):
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
