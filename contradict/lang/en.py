"""English: the rules object every English claim (and every Serbian claim's English form) is
read with. Only general English lives here; a case's own words go in its ``contradict.yaml``."""

from __future__ import annotations

import re
from functools import lru_cache

from .pack import (
    CountRules,
    CueRules,
    DateRules,
    LegalRules,
    NumberRules,
    ResponsibilityRules,
    Rules,
    ScopeRules,
    rx,
)

FUNCTION_WORDS = frozenset({
    "the", "of", "and", "in", "is", "are", "was", "were", "that", "for", "with", "as", "by", "it",
    "this", "be", "has", "have", "had", "not", "from", "at", "an", "will", "would", "which", "or",
    "its", "their", "they", "said", "been", "all", "there", "these", "those", "than", "also",
    "into", "about", "after", "before", "between", "can", "could", "should", "may", "must", "who",
    "what", "when", "where", "while", "whether", "does", "did", "he", "she", "his", "her",
    "we", "our", "you", "so", "far", "later", "more", "how", "much", "under", "among", "other",
    "things", "told", "according", "says", "say", "out", "up", "over", "only", "both", "any",
    "each", "most", "such", "ministry", "commissioner", "data", "law",
})

# --- cues -------------------------------------------------------------------------------------
CUES = CueRules(
    negation=rx(r"\bnot\b", r"\bno\b", r"\bnever\b", r"\bnone\b", r"\bneither\b", r"\bnor\b",
                r"n't\b", r"\bcannot\b", r"\bwithout\b", r"\bden(?:y|ies|ied)\b", r"\bno longer\b"),
    idioms=(r"\bnot only\b", r"\bno doubt\b", r"\bno later than\b", r"\bno less than\b", r"\bno fewer than\b", r"\bno more than\b"),
    concord=False,
    existence_neg=rx(
        r"not (?:be )?contained in any",
        r"\bno (?:such |single |written )?(?:document|record|information carrier|analys[ie]s|data|trace|assessment|study)",
        r"(?:has|have|had|was|were|is|are) not (?:yet )?(?:been )?(?:carried out|done|conducted|made|prepared|completed|performed|drafted|produced|written|delivered|submitted|filed|known|held|kept)",
        r"(?:does|do|did) not (?:exist|hold|have|possess|keep)",
        r"not (?:yet )?(?:carried out|conducted|prepared|performed|drafted|delivered)",
        r"\bnever (?:been )?(?:carried out|conducted|drafted|done|prepared|produced)",
        r"not in (?:its |the ministry's |their )?possession",
        r"\bno information\b", r"\bthere (?:is|are|was|were) no\b", r"\bdoes not exist\b",
        r"\bnot available\b", r"\bno (?:impact )?assessment\b",
        r"\b(?:nor|not) (?:does|do|did|is|was) (?:any|there any) (?:single )?(?:document|record|analys[ie]s)",
        r"\bno (?:single )?document\b",
        # Apertium renders Serbian "nije bilo / nisu bili" (there was / were no) word for word
        r"\bnot (?:was|were) (?:\w+ )?(?:works?|\w+s)\b",
    ),
    existence_pos=rx(
        r"\b(?:is|are|was|were|have been|has been|had been) (?:already |all |fully |carefully |also |now |indeed )?(?:known|done|carried out|conducted|prepared|performed|completed|made|drafted|filed|submitted|sent|delivered|adopted|determined|selected|chosen|identified)",
        r"\b(?:carried out|conducted|performed|prepared|filed|submitted|sent|delivered|drafted|completed|produced) (?:a|an|the|its|their)\b",
        r"\b(?:has|have|had) (?:also |now |already )?been (?:carried out|done|conducted|performed|completed|made|built|installed)\b",
        r"\bpreceded\b", r"\bafter (?:a |an |the )?(?:careful |detailed |thorough |extensive )?(?:analys[ie]s|examination|study)",
        r"\bbased on (?:a |an |the )?(?:careful |detailed )?(?:analys[ie]s|study|examination)",
        r"\bexists?\b", r"\b(?:on|with) the basis of (?:a |an )?analys",
        r"\balready (?:known|decided|determined|chosen|selected|defined)\b",
        r"\bdone beforehand\b", r"\bwere analy[sz]ed\b",
    ),
    records={
        "dpia": rx(r"impact assessment", r"\bdpia\b", r"assessment of the impact"),
        "procurement": rx(r"\bprocurement\b", r"\btender\b", r"\bcontract(?:s)?\b(?! law)"),
    },
    legal_neg=rx(
        r"\bno (?:appropriate |adequate |valid |proper |clear |sufficient |specific )?legal (?:basis|ground)",
        r"\black(?:s|ed|ing)? (?:a |any )?(?:appropriate |adequate |valid )?legal (?:basis|ground)",
        r"\bwithout (?:a |any )?(?:appropriate |adequate )?legal basis",
        r"\bunlawful", r"\billegal", r"\bnot (?:in line|compliant|in accordance|lawful|consistent)",
        r"\bno law\b.{0,25}\b(?:gives|allows|authori[sz]es|permits|provides|grants)",
        r"\b(?:must|should|needs? to|has to|have to) (?:first )?(?:adopt|pass|enact|introduce) (?:a|an|the|new|specific)\b.{0,40}\blaw",
        r"\b(?:a|new|specific) law (?:is|was|would be) (?:needed|required|necessary)",
        r"\b(?:would|will|to|that would) (?:give|create|provide|establish|introduce) [^.]{0,60}legal basis",
        r"\bnot (?:permitted|authori[sz]ed|allowed|entitled)",
        r"\b(?:could|would|may) breach", r"\bbreach(?:es|ed)?\b", r"\bviolat(?:e|es|ed|ion)\b",
    ),
    legal_pos=rx(
        r"\b(?:is|are|was|were) (?:fully |duly |legally )?(?:authori[sz]ed|entitled|permitted|allowed|empowered)",
        r"\b(?:has|have|had) (?:the )?(?:right|power|authority|legal basis|authorisation|authorization)\b",
        r"\bin accordance with the law\b", r"(?<!un)\blawful(?:ly)?\b", r"\blegal basis (?:for|exists|is provided)",
        r"\b(?:covered|authori[sz]ed|permitted) (?:by|under)\b", r"\bprovides? (?:a|the) legal basis",
        r"\bon the basis of (?:article|art\.|the law)", r"\b(?:fully )?legal\b",
        r"\bmay (?:lawfully )?(?:monitor|record|collect|process|film|use)\b",
    ),
    disclose_neg=rx(r"\bconfidential\b", r"\bclassified\b", r"\bsecret\b", r"\bwithh(?:e|o)ld", r"\bnot (?:be )?disclosed",
                    r"\brefus(?:ed|es) to (?:disclose|reveal|publish)", r"\bkept from the public"),
    disclose_pos=rx(r"\bpublish(?:ed|es)\b", r"\bpublicly\b", r"\bcase study\b", r"\brevealed\b",
                    r"\bon its (?:own )?(?:web ?site|web page|page)\b", r"\bdisclosed\b(?<!not disclosed)"),
    hedge=rx(r"\bwhether\b", r"\?\s*$", r"\bif (?:the|it|they)\b", r"\b(?:asked|requested|requesting|asks|requests) (?:for|about|whether|to know)\b"),
    connection=rx(r"\bconnect(?:ed|ion)?\b", r"\blink(?:ed)?\b", r"\bmatch(?:ed|ing)? against\b"),
    unchanged=rx(r"\b(?:has|have|had) not (?:changed|grown|risen|increased|fallen|dropped|declined)\b",
                 r"\b(?:held|remained|stayed|stays|remains) (?:roughly |broadly |essentially )?(?:level|steady|stable|flat|unchanged|(?:the )?same)\b",
                 # "were not altered"; Apertium's "not is altered" (Serbian "nije se promenio")
                 r"\bnot (?:is |are |was |were |been )?(?:changed|altered|modified)\b",
                 r"\bno (?:change|increase|rise|growth|decline)\b", r"\bunchanged\b",
                 r"\bcontinu(?:es|ed|ing) (?:unchanged|as before|uninterrupted)\b", r"\bstill (?:in place|satisf\w+|meets?|met)\b",
                 r"\b(?:remained|remains|was left|stayed|stays) (?:\w+ )?(?:intact|untouched|as it was)\b",
                 r"\b(?:did|does|do) not (?:change|grow|rise|increase|fall|drop|decline)\b",
                 r"\b(?:the )?(?:usual|normal|ordinary|typical) (?:seasonal )?(?:pattern|variation|fluctuation)\b"),
    changed=rx(r"\b(?:doubled|tripled|halved|rose|risen|increased|grew|grown|jumped|surged|fell|fallen|dropped|declined|ended|stopped|ceased|replaced|removed|added|cut)\b",
               r"\b(?:twice|three times|half) (?:what|as)\b", r"\bhigher than\b", r"\blower than\b",
               r"\bnew(?:ly)? (?:\w+ )?(?:added|placed|installed|fitted|built)\b", r"\b(?:was|were) not there before\b",
               r"\b(?:more|fewer|less) than (?:before|previously|it was|they were)\b"),
    earlier=rx(r"\bhad (?:also |already |in fact )?(?:been|\w+ed)\b"),
    planned=rx(r"\b(?:will|shall|plan(?:s|ned)?|planning|intends?|to be (?:built|installed|opened|bought|delivered)|is to|are to|should|expected|aim(?:s|ed)? to|target|by the end of|next year|within \w+ years?)\b"),
)

# --- numbers ----------------------------------------------------------------------------------
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
_ALL = "|".join(sorted(list(UNITS) + list(SCALES), key=len, reverse=True))
NUMBERS = NumberRules(
    thousands=",", decimal=".", units=UNITS, scales=SCALES, joiner="and",
    weak=frozenset({"a", "an", "one"}),
    word_re=re.compile(rf"\b(?:(?:{_ALL})(?:[\s-]+(?:and[\s-]+)?(?:{_ALL}))*)\b", re.IGNORECASE),
    scale_tail=re.compile(r"\s*(million|billion|thousand|bn|mn|m|k)\b", re.IGNORECASE),
    scale_of=lambda w: SCALE_ABBREV.get(w.lower(), 0),
)

# --- what a number counts ---------------------------------------------------------------------
# general units with their synonyms (lower case); any other noun is counted by its own lemma
UNIT_FORMS: dict[str, tuple[str, ...]] = {
    "locations": ("location", "locations", "site", "sites", "position", "positions", "place",
                  "places", "spot", "spots", "junction", "junctions", "intersection",
                  "intersections", "crossroads", "points"),
    "cities": ("city", "cities", "town", "towns"),
    "people": ("people", "persons", "person", "citizens", "residents", "individuals"),
    "deaths": ("death", "deaths", "fatality", "fatalities"),
    "requests": ("request", "requests"),
    "days": ("day", "days"),
    "hours": ("hour", "hours", "h"),
    "weeks": ("week", "weeks"),
    "months": ("month", "months"),
    "years": ("year", "years"),
    "pages": ("page", "pages"),
    "articles": ("article", "articles"),
    "euros": ("euro", "euros", "eur", "€"),
    "dinars": ("dinar", "dinars", "rsd"),
    "dollars": ("dollar", "dollars", "usd", "$"),
    "pounds": ("pound", "pounds", "gbp", "£"),
    "percent": ("percent", "per cent", "%", "percentage points"),
    "ppb": ("ppb", "µg/l", "μg/l"),
    "ppm": ("ppm", "mg/l"),
    "meetings": ("meeting", "meetings"),
    "opinions": ("opinion", "opinions"),
}
FORM_TO_UNIT = {f: u for u, forms in UNIT_FORMS.items() for f in forms}

# words allowed between a number and the noun it counts: articles, determiners and the
# adjectives and participles records put there ("45 confirmed cases", "1,000 new cameras")
MODIFIERS = frozenset({
    "new", "more", "additional", "further", "extra", "of", "the", "its", "these", "those", "such",
    "other", "existing", "working", "installed", "public", "planned", "different", "separate",
    "official", "million", "billion", "thousand", "hundred", "odd", "or", "so", "in", "all",
    "total", "strong", "are", "were", "is", "confirmed", "suspected", "reported", "recorded",
    "registered", "known", "probable", "possible", "likely", "estimated", "verified", "test",
    "pilot", "trial", "full-time", "part-time", "former", "current", "active", "young",
    "elderly", "adult", "local", "federal", "national", "state", "municipal", "private",
    "individual", "distinct", "documented", "excess",
})
NOT_COUNTED = frozenset({
    "times", "per", "cent", "and", "or", "to", "than", "a", "an", "the", "of", "in", "on", "at", "by",
    "for", "with", "from", "as", "is", "are", "was", "were", "be", "been", "have", "has", "had",
    "that", "which", "who", "it", "they", "he", "she", "we", "this", "these", "those", "its",
    "their", "his", "her", "our", "them", "there", "more", "less", "fewer", "most", "over", "under",
    "about", "around", "up", "down", "out", "each", "percentage", "point", "points",
})
_ADJECTIVE_END = re.compile(r"(?:ed|al|ic|ive|ous|ary|ful|ent|ant|able|ible|ish|less|ing)$")


@lru_cache(maxsize=20000)
def _lemma(word: str) -> str:
    import simplemma

    return simplemma.lemmatize(word, lang="en")


def unit_of(word: str) -> str | None:
    """The counted noun a word names: a known unit, or any plural noun by its own name
    ("cases", "ventilators", "certificates"), so new cases need no list of topics."""
    w = word.lower().strip("-")
    if w in FORM_TO_UNIT:
        return FORM_TO_UNIT[w]
    if w.rstrip("s") in FORM_TO_UNIT:
        return FORM_TO_UNIT[w.rstrip("s")]
    if w in NOT_COUNTED or len(w) < 3 or not w.isalpha() and "-" not in w:
        return None
    lemma = _lemma(w)
    if w.endswith("s") and lemma != w and not w.endswith("ss"):
        return FORM_TO_UNIT.get(lemma, w)  # a plural noun counts itself: "cases", "homes"
    if w in ("people", "children", "men", "women", "staff", "police", "personnel"):
        return w
    return None


def is_modifier(word: str) -> bool:
    w = word.lower()
    return w in MODIFIERS or (bool(_ADJECTIVE_END.search(w)) and w not in NOT_COUNTED and not w.endswith("s"))


# up to three words between a verb and the number it governs, none a conjunction ("killed at least 16")
_FEW = r"(?:(?!(?:and|or|but|while)\b)[a-z]+\s+){0,3}"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
COUNTS = CountRules(
    unit_of=unit_of,
    lexicon=lambda w: FORM_TO_UNIT.get(w.lower()),
    is_modifier=is_modifier,
    qualifiers=[(re.compile(r"\b" + p + r"\s*$", re.IGNORECASE), q) for p, q in [
        (r"(?:about|around|approximately|approx\.?|roughly|some|an estimated|estimated|circa|ca\.|~)", "about"),
        (r"(?:almost|nearly|close to|just under|not quite|nigh on)", "almost"),
        (r"(?:more than|over|upwards of|in excess of|above|beyond)", "more_than"),
        (r"(?:at least|no fewer than|no less than|a minimum of|minimum of)", "at_least"),
        (r"(?:up to|at most|no more than|a maximum of|maximum of|as many as)", "at_most"),
        (r"(?:fewer than|less than|under|below)", "less_than"),
    ]],
    after_qualifier=re.compile(r"^\s*(?:or more|or so|and more|plus|\+)", re.IGNORECASE),
    scope_cues={
        "pilot": ("test", "pilot", "trial", "first installed", "testing phase", "test phase"),
        "installed": ("already", "currently", "so far", "now working", "are working", "in place",
                      "installed", "verified", "mapped", "put up", "this year", "have been"),
        "planned": ("will", "plan", "planned", "plans", "within", "by the end", "envisaged",
                    "foresees", "intends", "to be", "would", "next", "over the next", "target"),
    },
    stem_cues=False,
    split_after=re.compile(r"[,;:()]"),
    part=re.compile(r"\b(?:another|of these|of them|of which|among them|including)\s*,?\s*$", re.I),
    share=re.compile(r"\b(?:of these|of them|of which|of whom|among them)\s*,?\s*$", re.I),
    pilot=re.compile(r"\b(?:test|pilot|trial)\b", re.I),
    timed=re.compile(r"\s*(?:\w+\s+){0,4}?(?:in|by|during|until|before|at the end|from)\s+(?:the\s+)?(?:end|beginning|start|early|mid|late|"
                     r"jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|spring|summer|autumn|winter|(?:19|20)\d\d)", re.IGNORECASE),
    joiner=r"\s*(?:,|and|, and|;)\s*",
    range_words=r"to|and",
    range_opener=r"between\s*$|from\s*$",
    day_after=re.compile(r"\s*" + _MONTH + r"\b", re.IGNORECASE),
    day_before=re.compile(_MONTH + r"\.?\s*$", re.IGNORECASE),
    reference_before=re.compile(r"(art\.|article|articles|para\.|paragraph|no\.|nos\.|number|gazette|ref\.|br\.|čl\.|member|section|§)\s*(\d+\s*(\(\d+\))?\s*(,|and|or)\s*)*$"),
    reference_at=None,
    year_context=re.compile(r"(in|since|by|of|from)\s*$"),
    outcome_after={
        # "seven of them fatal", "three of those patients died", "two were killed"
        "deaths": re.compile(r"^\s*(?:(?:of (?:them|those|these|whom)|of the \w+|of (?:those|these|the) \w+|\w+)\s+)?(?:who |that )?(?:were |was |have |had )?(?:fatal|died|dead|killed|lost their lives|death cases)\b", re.I),
    },
    outcome_before={
        # "killed 16 people", "claimed the lives of 14", "died 16 people" (a Serbian claim's
        # English form), "the death toll rose to 2,730": a few words may stand between, a
        # conjunction or a figure may not ("killing 14 and injuring three")
        "deaths": rx(
            r"\b(?:killed|killing|kills|died|deceased|perished|(?:claimed|took|cost) the lives of)\s+" + _FEW + r"$",
            r"\bdeath toll\b[^.;:\d]{0,40}?\b(?:is|was|stands at|stood at|to|reached|at|of|now)\s+" + _FEW + r"$",
        ),
    },
    persons=frozenset({"people", "patients", "children", "men", "women", "workers", "passengers", "victims"}),
    unit_before=re.compile(r"\b(?:number|count|total|toll|tally) of (?P<noun>[a-z-]+)\s+(?:\w+\s+){0,3}?(?:is|was|stands at|stood at|rose to|reached|now|of|to|at)\s*(?:now\s+)?$", re.I),
    currency_prefix={"€": "euros", "eur": "euros", "$": "dollars", "usd": "dollars", "rsd": "dinars", "£": "pounds", "gbp": "pounds"},
    skip_articles=frozenset({"a", "an", "one"}),
)

# --- dates ------------------------------------------------------------------------------------
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_M = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"


def _month(raw: str) -> int:
    return MONTHS.get(raw.lower().rstrip("."), 0)


def _date_part(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.lower().strip(" -")
    for key in ("early", "mid", "late", "end", "beginning", "start", "spring", "summer", "autumn", "fall", "winter", "first half", "second half"):
        if key in raw:
            return {"beginning": "early", "start": "early", "fall": "autumn"}.get(key, key)
    return None


def _not_a_year(text: str, s: int, e: int) -> bool:
    # an amount ("2019 locations") or part of a reference ("87/2018")
    nxt = re.match(r"\s*([a-z]+)", text[e:], re.I)
    return bool(nxt and FORM_TO_UNIT.get(nxt.group(1).lower())) or bool(re.search(r"/\s*$", text[max(0, s - 2):s]))


DATES = DateRules(
    patterns=[
        (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"), "day"),
        (re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_M})\.?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I), "day"),
        (re.compile(rf"\b(?P<mon>{_M})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I), "day"),
        (re.compile(rf"\b(?P<part>early|mid|late|end of|the end of|beginning of|the beginning of|start of)?\s*(?P<mon>{_M})\.?\s+(?:of\s+)?(?P<y>(?:19|20)\d\d)\b", re.I), "month"),
        (re.compile(r"\b(?P<part>early|mid|late|end of|the end of|end-|beginning of|the beginning of|start of|spring|summer|autumn|fall|winter|first half of|second half of)?\s*(?:in\s+)?(?P<y>(?:19|20)\d\d)\b(?![-/]\d)", re.I), "year"),
        # "on Monday, 4 November", "on November 4": the year is the document's
        (re.compile(rf"\bon\s+{_WEEKDAY}(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_M})\b(?!\.?,?\s+(?:19|20)\d\d)", re.I), "day"),
        (re.compile(rf"\bon\s+{_WEEKDAY}(?P<mon>{_M})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+(?:19|20)\d\d)", re.I), "day"),
    ],
    month_of=_month, part_of=_date_part, not_a_year=_not_a_year, ordinal_dot=False,
)

# --- laws -------------------------------------------------------------------------------------
LEGAL = LegalRules(
    laws={
        "echr": (r"european convention on human rights", r"echr"),
        "gdpr": (r"general data protection regulation", r"gdpr"),
        "constitution": (r"constitution",),
    },
    generic_law=re.compile(r"\b(?:the\s+)?(Law|Act|Code|Decree|Rulebook) on ((?:[A-Z][\w-]*|and|of|the|in|to|for|on)(?:\s+(?:[A-Z][\w-]*|and|of|the|in|to|for|on))*)"),
    name_stop=frozenset(),
    kinds={},
    article=re.compile(
        r"\b(?:Art(?:icle)?s?\.?|Articles|član(?:a|om)?|čl\.)\s*(?P<art>\d+)(?:\s*\((?P<par>\d+)\)|\s*(?:,\s*)?(?:paragraph|para\.?|stav)\s*(?P<par2>\d+))?",
        re.I),
    gazette=re.compile(r"(?:Official Gazette|Sl(?:užbeni)?\.?\s*glasnik)[^0-9]{0,25}?(?P<no>\d+/\d{2,4})", re.I),
)

VAGUE = frozenset({
    "information", "document", "documents", "record", "records", "data", "thing", "things",
    "matter", "issue", "fact", "time", "year", "years", "part", "way", "case", "question",
    "answer", "request", "statement", "letter", "reply", "response", "public", "possession",
    "basis", "held", "made", "done", "known", "kept", "said", "told", "being", "already", "also",
    "still", "ever", "never", "there", "which", "whom", "whose", "them", "then", "than", "been",
    "have", "were", "does", "with", "from", "into", "onto", "upon", "this", "that", "these",
    "those", "such", "some", "every", "single", "written", "carried", "conducted", "prepared",
})


EVENTS = {
    "signed": rx(r"\bsign(?:ed|ing|ature)\b"),
    "consented": rx(r"\b(?:consent(?:ed)?|approv(?:ed|al)|endors(?:ed|ement))\b"),
    "filed": rx(r"\b(?:sent|submitted|filed|delivered)\b"),
    "received": rx(r"\breceived\b"),
    "completed": rx(r"\b(?:complet(?:ed|ion)|finish(?:ed)?|realis(?:ed|ation)|realiz(?:ed|ation)|fully (?:installed|operational)|in place)\b"),
    "launched": rx(r"\b(?:launch(?:ed)?|start(?:ed)?|began|introduced)\b"),
    "withdrawn": rx(r"\bwithdr[ae]wn?\b"),
    "published": rx(r"\bpublish(?:ed)?\b"),
    "applied": rx(r"\b(?:appl(?:ied|ies|y) from|in force|entered into force|came into force)\b"),
    "occurred": rx(r"\b(?:collaps(?:ed|e)|occurred|happened|took place|broke out|exploded|crashed|died|were killed)\b"),
    "learned": rx(r"\b(?:learn(?:ed|t)|informed|notified|briefed|alerted|made aware|found out|knew)\b"),
}


def stem(word: str) -> str:
    return _lemma(word.lower())


# --- who did it -------------------------------------------------------------------------------
RESPONSIBILITY = ResponsibilityRules(
    acts={
        "decide": rx(r"\b(?:chose|chosen|choose|choice|decided|decision|decide|signed off|approved|initiated|pushed for|ordered)\b",
                     r"\bstarted and signed\b"),
        "supervise": rx(r"\bsupervis\w+", r"\boversaw\b", r"\boversight\b", r"\binspected\b"),
        "own": rx(r"(?<!-)\b(?:owns|owned|belongs? to|property of|is ours|are ours|not ours|our own)\b"),
        "install": rx(r"\b(?:installed|install|built|put up|fitted|set up)\b"),
        "responsible": rx(r"\bresponsib\w+", r"\b(?:is|was) (?:the )?business of\b", r"\b\w+'s doing\b", r"\bto blame\b",
                          r"\bblamed?\b", r"\bfault\b", r"\b(?:had|has|have) no (?:influence|role|say|part)\b",
                          r"\b(?:obliged|required|had a duty|duty) to\b", r"\bin charge of\b"),
    },
    excluded_after=rx(r"\brather than(?: by)?\b", r"\binstead of\b", r"\bnot (?:by|of|from)\b", r"\bnor\b",
                      # "beyond his ministry's influence", "outside the control of the council"
                      r"\b(?:beyond|outside)(?= (?:(?:his|her|its|their|the) )?[\w-]+'s (?:influence|control|remit|reach)\b)",
                      r"\b(?:beyond|outside) (?:the )?(?:influence|control|remit|reach) of\b"),
    excluded_before=rx(r"\bdid neither\b", r"\b(?:had|has|have) no (?:influence|role|say|part)\b",
                       r"\b(?:was|were|is|are) not (?:involved|responsible)\b", r"\bplayed no part\b"),
    # "so other": Apertium's rendering of Serbian "neka druga" (some other)
    other=rx(r"\b(?:some other|so other|another|a different) (?:\w+ )?(?:member|company|firm|body|agency|party|contractor)\b",
             r"\bsomeone else\b", r"\bsomebody else\b"),
    actors=frozenset({
        "council", "mayor", "minister", "ministry", "manager", "government", "state", "city", "company", "firm",
        "consortium", "agency", "department", "official", "leader", "resident", "contractor", "regulator",
        "police", "governor", "director", "staff", "authority", "municipality", "office", "board", "commission",
        "administration", "operator", "owner", "investor", "supplier", "vendor", "inspector", "inspectorate",
        "engineer", "designer", "member", "partner", "subcontractor",
    }),
    first_person=rx(r"\b(?:we|our|ours|us)\b"),
    acts_for={"minister": "ministry"},
)

# --- where it holds ---------------------------------------------------------------------------
_DETS = r"the|a|an|its|their|this|that|these|those|all|whole|entire"
_DET = rf"(?:(?:{_DETS})\s+)*"
_NOUN = rf"(?!(?:{_DETS})\b)(?P<noun>[a-z][a-z-]+)"  # the first word after the determiners
SCOPE = ScopeRules(
    outside=rx(r"\b(?:outside(?:\s+of)?|out of|beyond|except(?:\s+(?:for|in|at))?|apart from|other than|excluding|"
               r"with the exception of)\s+" + _DET
               + r"(?!(?:force|strength|power|service|order|use|control|operation|function|date|stock|business|reach|work|hand)\b)" + _NOUN),
    across=rx(r"\b(?:across|throughout|all over|inside|(?:in|on|for) (?:the )?(?:whole|entire))\s+" + _DET + _NOUN),
)

RULES = Rules(
    code="en", name="English", latin_folded=False, function_words=FUNCTION_WORDS,
    cues=CUES, numbers=NUMBERS, counts=COUNTS, legal=LEGAL, dates=DATES, future=CUES.planned, stem=stem, vague=VAGUE,
    events=EVENTS, responsibility=RESPONSIBILITY, scope=SCOPE,
)
