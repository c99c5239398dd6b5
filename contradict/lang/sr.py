"""Serbian, in Cyrillic and Latin: the rules object Serbian claims are read with.

Patterns read the Latin form with diacritics folded (``već`` -> ``vec``, ``đ`` -> ``d``):
Cyrillic is transliterated first, so one pattern covers both scripts and text typed without
diacritics. Only general Serbian lives here; a case's own words go in its ``contradict.yaml``.
"""

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
    "je", "su", "se", "da", "za", "od", "sa", "iz", "kao", "koji", "koja", "koje", "kojem",
    "kojim", "kojih", "što", "sto", "ali", "ili", "nije", "nisu", "biti", "bio", "bila", "bilo",
    "bile", "bili", "će", "ce", "bi", "smo", "ste", "ovaj", "ova", "ovo", "ovih", "taj", "ta",
    "ti", "te", "tog", "kako", "kada", "gde", "gdje", "po", "posle", "prema", "između", "izmedju",
    "već", "vec", "samo", "još", "jos", "takođe", "takodje", "sve", "svi", "svih", "ni", "ne",
    "nema", "nad", "pod", "preko", "kod", "kroz", "nego", "jer", "ako", "li", "pa", "tako", "ima",
    "imaju", "može", "moze", "mogu", "treba", "bez", "u", "na", "o", "radi", "takva",
    "takav", "takvo", "njegov", "njihov", "njihove", "rekao", "rekla", "izjavio", "izjavila",
    "reč", "godine",
    "godina", "zakona", "zakon", "ministarstvo", "ministarstva", "poverenik", "podataka",
    "ličnosti", "licnosti", "čime", "cime", "čemu", "cemu", "čega", "cega",
})

# --- Serbian (Latin, diacritics folded: "već" -> "vec", "đ" -> "d") ---------------------------
_DONE = (r"(?:poznat|uradj?en|izvrsen|sproveden|pripremljen|sacinjen|napravljen|zavrsen|odredj?en|"
         r"izabran|utvrdj?en|analiziran|dostavljen|podnet|usvojen|obavljen|izradj?en|donet)")
CUES = CueRules(
    negation=rx(r"\bne\b", r"\bnije\b", r"\bnisu\b", r"\bnisam\b", r"\bnismo\b", r"\bniste\b",
                 r"\bnema\b", r"\bnemaju\b", r"\bnemamo\b", r"\bnece\b", r"\bnecemo\b", r"\bnikada?\b",
                 r"\bbez\b", r"\bnijed(?:an|n\w*)\b", r"\bnista\b", r"\bniko\b", r"\bnikakv\w*",
                 r"\bporic\w*", r"\bporek\w*", r"\bdemantova\w*", r"\bni\b"),
    idioms=(r"\bne samo\b", r"\bnije samo\b", r"\bne manje od\b", r"\bne vise od\b", r"\bne kasnije od\b"),
    concord=True,
    existence_neg=rx(
        r"\b(?:nije|nisu) (?:bila |bio |bilo |bile )?sadrz\w*",
        r"\bni u jednom (?:dokumentu|aktu|zapisu|spisu|dokumentom)",
        r"\bne nalaz\w* se\b", r"\bne sadrz\w*",
        r"\b(?:nije|nisu|nije bila|nisu bile|nije bio|nije bilo) (?:jos |ni )?(?:jos )?" + _DONE + r"\w*",
        r"\bne postoj\w*",
        r"\bnema (?:takv\w+ |nikakv\w+ |pisan\w+ )?(?:dokument|zapis|evidencij|analiz|podat|informacij|procen|studij|trag)\w*",
        r"\b(?:ne|nije) raspolaz\w*", r"\bne poseduj\w*", r"\bnije u posedu\b",
        r"\bnijed(?:an|n\w*) (?:dokument|zapis|analiz|procen)\w*",
        r"\bnikada (?:nije |nisu )?(?:bil\w+ )?" + _DONE + r"\w*",
        r"\b(?:nije|nisu|nismo) (?:jos |ni )?(?:izvrsil|uradil|sprovel|sacinil|izradil|podnel|dostavil|pripremil|napravil|obavil)\w*",
        r"\b(?:nije bilo|nisu bili|nisu bile|nije bila|nema vise)\b",  # "there was no ..."
    ),
    existence_pos=rx(
        r"\b(?:je|su|bile su|bila je|bio je|bilo je)\s+(?:vec |sve |unapred |detaljno |pazljivo )?" + _DONE + r"\w*",
        r"\b" + _DONE + r"\w*\s+(?:je|su)\b",
        r"\b(?:uradj?en|izvrsen|sproveden|obavljen)\w*\s+(?:su\s+)?(?:\w+\s+)?analiz",
        r"\b(?:na osnovu|nakon|posle|posto su)\s+(?:\w+\s+)?analiz\w*",
        r"\bvec (?:poznat|odlucen|odredj?en|izabran|utvrdj?en)\w*",
        r"\bpostoj\w*",
        r"\b(?:podnel|podneo|dostavil|dostavio|sprovel|sproveo|izvrsil|izvrsio|uradil|uradio|sacinil|sacinio|izradil|izradio)\w*\b",
        r"\bunapred\b",
        r"\b(?:nalazi|nalaze) se sve\b", r"\bsadrz\w* sve\b",  # "everything is in it", "it holds everything"
    ),
    records={
        "dpia": rx(r"\bprocen\w* uticaja", r"\bdpia\b"),
        "procurement": rx(r"\bnabavk\w*", r"\btender\w*", r"\bugovor\w*"),
    },
    legal_neg=rx(
        r"\bnema (?:\w+ ){0,2}pravn\w+ osnov\w*",
        r"\b(?:ne postoji|nedostaje|nedostatak|bez) (?:\w+ ){0,2}pravn\w+ osnov\w*",
        r"\bnije obezbe\w+ (?:\w+ ){0,2}pravn\w+ osnov\w*", r"\bpravni osnov (?:ne postoji|nije)\b",
        r"\bnezakonit\w*", r"\bprotivzakonit\w*",
        r"\b(?:protivustavn|neustavn)\w*",
        r"\b(?:nije|nisu) u skladu sa? (?:zakon|ustav|propis)\w*", r"\bmimo zakona\b",
        r"\bpovred\w* (?:\w+ )?(?:zakon|prava|ustav)\w*", r"\bkrs(?:enj|i|e)\w*",
        r"\b(?:mora|moraju|treba|trebalo bi)\s+(?:prvo |najpre |pre toga )?(?:da )?(?:se )?don\w+ (?:\w+ )?zakon",
        r"\b(?:potreban|neophodan) (?:je )?(?:\w+ )?zakon",
        r"\b(?:nije|nisu) (?:ovlascen|dozvoljen|zakonit|dopusten)\w*", r"\bne sme\w*",
        r"\b(?:dao|dala|dalo|dati|daje|dace|stvorio|stvorila|stvorilo|stvoriti|stvara|uspostavi\w*|pruzi\w*|obezbedi\w*)\b[^.]{0,60}pravn\w+ osnov",
    ),
    legal_pos=rx(
        r"\bovlascen\w*", r"\bu skladu sa? (?:zakonom|zakonima|propisima|clanom|ustavom)",
        r"\bzakonit\w*", r"\bima(?:ju)? (?:pravo|ovlascenj\w*|pravni osnov)",
        r"\bpravni osnov (?:postoji|je obezbe\w+|je propisan)", r"\bna osnovu (?:clana|zakona)\b",
        r"\b(?:dozvoljen|dopusten)\w*", r"\bsme\w* da (?:snima|prati|prikuplja|obradj?uje|koristi)",
    ),
    disclose_neg=rx(
        r"\bpoverljiv\w*", r"\btajn\w*", r"\bstepen\w* tajnosti", r"\boznak\w* tajnosti",
        r"\b(?:nije|nisu) (?:javno )?(?:objavljen|dostupn|predstavljen|otkriven|saopsten)\w*",
        r"\buskrac\w*", r"\bodbi\w* (?:da )?(?:objav|otkri|dostav)\w*",
        r"\bne (?:moze|mogu)(?: da)? (?:se )?(?:objav|otkri)\w*", r"\bskriv\w* od javnosti", r"\bnedostupn\w*",
    ),
    disclose_pos=rx(
        r"\bobjavi\w*", r"\bobjavlj\w*", r"\bjavno\b", r"\bjavno dostupn\w*",
        r"\bna (?:svom |svojoj )?(?:sajtu|internet stranici|veb sajtu)", r"\bstudij\w* slucaja", r"\botkri\w*",
    ),
    hedge=rx(r"\bda li\b", r"\?\s*$", r"\bukoliko\b", r"\bako (?:je|su|se|bi)\b"),
    connection=rx(r"\bpovez\w*", r"\buporedj?\w*"),
    unchanged=rx(r"\b(?:nije|nisu|nece) (?:se )?(?:promen|izmen|poras|povec|smanj|pa[lo]|opa[old]|rast|menja)\w*",
                 r"\bne (?:menja|raste|opada|smanjuje|povecava)\w*",
                 r"\b(?:bez|nema|nije bilo|nisu zabelezen\w*) (?:ikakv\w* |nikakv\w* |bitn\w* |znacajn\w* )?(?:promen|porast|povecanj|pad)\w*",
                 r"\bnepromenjen\w*",
                 r"\b(?:ostao|ostala|ostalo|ostali|ostale|ostaje|ostaju) (?:je |su )?(?:(?:i dalje|otprilike|uglavnom|gotovo|prakticno) )?"
                 r"(?:isti|ista|isto|iste|istom|nepromenjen\w*|stabiln\w*|na (?:istom|slicnom|priblizno istom) nivou)",
                 r"\b(?:zadrza\w*) (?:je |su )?(?:isti|isto|istu|stabiln\w*)\b", r"\bna (?:istom|priblizno istom) nivou\b",
                 r"\bi dalje (?:vazi|traje|postoji|ispunjava|zadovoljava|je u skladu)\w*",
                 r"\b(?:ostao|ostala|ostalo|ostali|ostale|ostaje|ostaju) (?:je |su )?(?:netaknut|neostecen|neizmenjen|nedirnut)\w*",
                 r"\buobicajen\w* (?:sezonsk\w* )?(?:obraz\w*|kretanj\w*|oscilacij\w*)"),
    changed=rx(r"\b(?:udvostru|utrostru|prepolov|poras|povec|smanj|opa(?:o|l[aoie]|d)|zamenj|uklonj|dodat|prekinut|obustavljen|"
               r"ukinut|zaustavljen|skocil|skocio|prestal|prestao|prestanak)\w*",
               r"\b(?:dva|tri) puta (?:vise|manje)\b", r"\bvisi od\b", r"\bnizi od\b",
               r"\bnov\w* (?:\w+ )?(?:element|delov|panel|konstrukcij)\w*", r"\bkojih (?:ranije |pre \w+ )?nije bilo\b",
               r"\bpreraspodel\w*", r"\bizmenjen\w*", r"\bpromenjen\w*"),
    planned=rx(r"\b(?:ce|cemo|cete|bice|planira\w*|planiran\w*|treba da|predvid\w*|namerava\w*|u narednih|do kraja)\b"),
)

# --- numbers ---
# Serbian number words in the Latin form with diacritics folded (``četiri`` -> ``cetiri``), in
# the cases a counted noun puts them in (``dve``, ``dveju``, ``dvema``; ``hiljadu``, ``hiljade``)
_BASE = {
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
UNITS = {w: v for forms, v in _BASE.items() for w in forms if " " not in w}
SCALES = {
    **dict.fromkeys(("hiljada", "hiljadu", "hiljade", "hiljadi", "hiljadama", "tisuca", "tisucu", "tisuce"), 1_000),
    **dict.fromkeys(("milion", "miliona", "milioni", "milionu", "milione", "milionima", "mil"), 1_000_000),
    **dict.fromkeys(("milijarda", "milijarde", "milijardi", "milijardu", "milijardama", "mlrd"), 1_000_000_000),
}
# "jedan", "jedna" ... count only with a scale word ("jedan milion"): alone they are articles
WEAK = {w for w, v in UNITS.items() if v == 1}
_ALL = "|".join(sorted(list(UNITS) + list(SCALES), key=len, reverse=True))
WORD_RE = re.compile(rf"\b(?:(?:{_ALL})(?:[\s-]+(?:i[\s-]+)?(?:{_ALL}))*)\b", re.IGNORECASE)
# a scale word after digits: "13 miliona", "1,6 milijardi", "8 hiljada", "13 mil."
SCALE_TAIL = re.compile(
    r"\s*(milijard[aeiu]?|milijardama|mlrd\.?|milion[aeiu]?|milionima|mil\.|hiljad[aeiu]|hiljadama)(?!\w)", re.IGNORECASE)



# --- counted nouns ---
# declension endings by pattern (folded Latin)
FEMININE_A = ("a", "e", "i", "u", "o", "om", "ama")  # kamera, lokacija, osoba
MASCULINE = ("", "a", "u", "om", "e", "i", "ima", "ovi", "ova", "ove", "ovima", "em", "evi", "eva")
NEUTER = ("o", "a", "u", "om", "ima", "e")

# unit lemma (as in the English pack's UNIT_FORMS) -> (stem, endings) pairs and irregular forms
NOUNS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
        "locations": (("lokacij", FEMININE_A), ("mest", NEUTER), ("mjest", NEUTER),
                  ("raskrsnic", FEMININE_A), ("lokalitet", MASCULINE), ("tack", FEMININE_A),
                  ("pozicij", FEMININE_A)),
    "cities": (("grad", MASCULINE),),
    "people": (("osob", FEMININE_A), ("gradjan", ("a", "i", "ima", "e")), ("gradan", ("a", "i", "ima", "e")),
               ("stanovnik", ("a", "e", "u", "om")), ("stanovnic", ("i", "ima"))),
    "requests": (("zahtev", MASCULINE), ("zahtjev", MASCULINE)),
    "days": (("dan", ("", "a", "u", "om", "i", "ima")),),
    "hours": (("sat", ("", "a", "i", "u", "om", "ima")),),
    "months": (("mesec", ("", "a", "u", "om", "i", "ima", "e")), ("mjesec", ("", "a", "u", "om", "i", "ima", "e"))),
    "years": (("godin", FEMININE_A),),
    "pages": (("stran", FEMININE_A), ("stranic", FEMININE_A)),
    "euros": (("evr", ("o", "a", "u", "om", "i", "ima")), ("eur", ("", "a")), ("euro", ("",))),
    "dinars": (("dinar", MASCULINE),),
    "dollars": (("dolar", MASCULINE),),
    "percent": (("procen", ("at", "ta", "ata", "tu", "tom", "ti", "tima")), ("posto", ("",))),
    "meetings": (("sastan", ("ak", "ka", "ku", "kom", "ci", "cima", "aka")),),
    "opinions": (("misljenj", NEUTER),),
}
IRREGULAR: dict[str, str] = {
    "ljudi": "people", "ljudima": "people", "lice": "people", "lica": "people", "licima": "people",
    "tacaka": "locations", "dana": "days", "godine": "years", "god": "years", "rsd": "dinars",
    "eur": "euros", "€": "euros", "%": "percent", "usd": "dollars", "$": "dollars",
}





@lru_cache(maxsize=1)
def _forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for lemma, entries in NOUNS.items():
        for stem, endings in entries:
            for ending in endings:
                forms.setdefault(stem + ending, lemma)
    forms.update(IRREGULAR)
    return forms


def _fold(text: str) -> str:
    from . import fold

    return fold(text)


def lexicon(word: str) -> str | None:
    """The unit of a Serbian noun form in the general list above (Latin, any case, diacritics
    optional): the same unit name as the English pack's ("kamerama" is not here: a case word)."""
    w = _fold(word.lower()).strip(".,;:")
    if not w:
        return None
    forms = _forms()
    if w in forms:
        return forms[w]
    if "-" in w:  # "HD-dinara": the last part is the noun
        return forms.get(w.rsplit("-", 1)[1])
    return None


NOT_COUNTED = frozenset({"puta", "put", "posto", "odsto", "procenta"})  # "četiri puta više": times, not a thing


@lru_cache(maxsize=20000)
def unit_of(word: str) -> str | None:
    """The counted noun a word names: a unit of the list above, else any noun the lemmatiser
    knows, by its folded lemma ("45 slučajeva" counts "slucaj"). Needs the word with its
    diacritics (the claim's Latin form); verbs (an infinitive lemma) count nothing."""
    unit = lexicon(word)
    if unit or len(word) < 3 or not word.replace("-", "").isalpha():
        return unit
    import simplemma

    w = word.lower()
    if w in FUNCTION_WORDS or w in NOT_COUNTED:
        return None
    if not simplemma.is_known(w, lang="hbs"):
        # a noun the dictionary lacks, in the genitive a number governs ("50 registratora"):
        # its stem, the same in every mention
        return _fold(re.sub(r"(?:ova|eva|a)$", "", w)) if len(w) > 5 and w.endswith("a") else None
    lemma = simplemma.lemmatize(w, lang="hbs")
    if lemma.endswith(("ti", "ći", "ci")) or lemma in FUNCTION_WORDS:
        return None
    return _fold(lemma)


def scale_of(word: str) -> float:
    return SCALES.get(_fold(word.lower()).rstrip("."), 0)


NUMBERS = NumberRules(
    thousands=".", decimal=",", units=UNITS, scales=SCALES, joiner="i", weak=frozenset(WEAK),
    word_re=WORD_RE, scale_tail=SCALE_TAIL, scale_of=scale_of,
)

# words allowed between a number and the noun it counts, as stems (folded Latin)
MODIFIER_STEMS = (
    "nov", "dodatn", "unapredjen", "unapreden", "postojec", "instaliran", "postavljen", "ugradjen",
    "ugraden", "test", "probn", "pilot", "planiran", "javn", "razlicit", "verifikovan", "mapiran",
    "ukupn", "takv", "ovih", "tih", "svih", "digitaln", "modern", "aktivn", "radn", "ispravn",
    "savremen", "skup", "visok", "tzv", "specijaln", "potvrdj", "potvrden", "prijavljen",
    "registrovan", "evidentiran", "zabelezen", "umrl", "preminul", "smrtn",
)


def is_modifier(word: str) -> bool:
    # listed stems, and any adjective or participle in the genitive plural a number governs
    # ("osam velikih registratora", "45 potvrđenih slučajeva")
    return (any(word.startswith(stem) and len(word) - len(stem) <= 5 for stem in MODIFIER_STEMS)
            or (len(word) > 4 and word.endswith("ih")))


# the verbs and participles of dying (folded Latin): "preminulo", "umrlih", "poginuli", "stradalo"
_DIED = r"(?:preminul|umrl|poginul|stradal|nastradal|ubijen)"
# up to three words between a verb and the number it governs, none a conjunction ("poginulo je najmanje 14")
_FEW = r"(?:(?!(?:i|a|ali|ili|dok)\b)[a-z]+\s+){0,3}"
MONTHS = r"(?:jan|feb|mart|apr|maj|jun|jul|avg|sep|okt|nov|dec)[a-z]*"
COUNTS = CountRules(
    unit_of=unit_of,
    lexicon=lexicon,
    is_modifier=is_modifier,
    qualifiers=[(re.compile(r"\b" + p + r"\s*$", re.IGNORECASE), q) for p, q in [
        (r"(?:oko|otprilike|priblizno|cirka|ca\.|nekih|procenjenih|nekakvih)", "about"),
        (r"(?:skoro|gotovo|blizu|nepunih|bezmalo|umalo|jedva)", "almost"),
        (r"(?:vise od|preko|iznad|vise nego)", "more_than"),
        (r"(?:najmanje|bar|barem|minimum|minimalno|ne manje od)", "at_least"),
        (r"(?:do|najvise|maksimalno|ne vise od|cak)", "at_most"),
        (r"(?:manje od|ispod)", "less_than"),
    ]],
    after_qualifier=re.compile(r"^\s*(?:i vise|ili vise|plus|\+)", re.IGNORECASE),
    scope_cues={
        "pilot": ("test", "pilot", "probn", "prvo postavljen", "u probnom"),
        "installed": ("vec", "trenutno", "do sada", "dosad", "postavljen", "postavil", "instalira", "ugradjen", "ugraden", "ugradil",
                      "u funkciji", "radi", "rade", "verifikovan", "mapiran", "ove godine", "sada"),
        "planned": ("bice", "ce", "bi", "planir", "u narednih", "u naredne", "naredn", "predvidj",
                    "predvid", "namerav", "do kraja", "treba da", "cilj", "uvodice", "dobice"),
    },
    stem_cues=True,
    split_after=re.compile(r"[,;:()]|\d"),
    part=re.compile(r"\b(?:jos|od toga|od kojih|medj?u kojima|medj?u njima|ukljucujuci)\s*,?\s*$", re.I),
    share=re.compile(r"\b(?:od toga|od kojih|od njih|medj?u kojima|medj?u njima)\s*,?\s*$", re.I),
    pilot=re.compile(r"\b(?:test\w*|pilot\w*|probn\w*)\b", re.I),
    timed=re.compile(
        r"\s*(?:\w+\s+){0,4}?(?:u|do|tokom|krajem|pocetkom|sredinom|od|pre|posle)\s+(?:kraja\s+|pocetka\s+|sredine\s+)?(?:"
        + MONTHS + r"|prolec|let[ou]|jesen|zim|godin|(?:19|20)\d\d)", re.IGNORECASE),
    joiner=r"\s*(?:,|i|, i|, a|a|;)\s*",
    range_words=r"do|i",
    range_opener=r"izmedj?u\s*$|od\s*$",
    day_after=re.compile(r"\.?\s*" + MONTHS + r"\b", re.IGNORECASE),
    day_before=None,
    reference_before=re.compile(
        r"(\bclan[a-z]*|\bcl\.|\bstav[a-z]*|\bst\.|\btack[a-z]*|\btac\.|\bbr\.|\bbroj(?:a|u|em|evi|eva)?\b|\balineja|glasnik[a-z]*(?:\s+rs)?,?)"
        r"\s*(\d+\.?\s*(\(\d+\))?\s*(,|i|ili)\s*)*$"),
    reference_at=re.compile(r"\d{1,2}\.\s?\d{1,2}\.\s?(?:19|20)\d\d"),  # "9.2.2019."
    year_context=re.compile(r"(u|od|do|tokom|iz)\s*$"),
    outcome_after={
        "deaths": re.compile(r"^\s*(?:(?:od (?:njih|toga|kojih)|\w+)\s+)?(?:koj\w+ )?(?:je |su )?(?:(?:umrl|preminul|smrtno|stradal|nastradal|poginul|ubijen)\w*|smrtn\w*(?=\s*(?:[.,;:)]|$)))"
                             r"|^\s*(?:\w+\s+)?smrtn\w*\s+(?:slucaj|ishod)\w*", re.I),  # "od kojih 3 smrtna", "40 smrtnih slučajeva"
    },
    outcome_before={
        # "preminulo je 528 osoba", "poginulo je 16 ljudi", "stradalo je najmanje 14": a verb of
        # dying before a count of persons; "broj umrlih (od virusa) iznosi / je porastao na 2.730"
        "deaths": rx(
            r"\b" + _DIED + r"\w*\s+" + _FEW + r"$",
            r"\bbroj\w*\s+(?:\w+\s+)?(?:" + _DIED + r"|smrtn\w*\s+(?:slucaj|ishod))\w*\b[^.;:\d]{0,50}?"
            r"\b(?:iznosi|iznosio|je|su|na|sada|dostigao|dostigla|dostigne)\s+" + _FEW + r"$",
        ),
    },
    persons=frozenset({"people", "pacijent", "deca", "dete", "muskarac", "zena", "radnik", "putnik", "zrtva"}),
    unit_before=None,
    currency_prefix={"€": "euros", "eur": "euros", "$": "dollars", "usd": "dollars", "rsd": "dinars"},
)

# --- dates (Latin, folded) ----------------------------------------------------------------------
# Serbian months in every case, Latin with diacritics folded (Cyrillic is transliterated first):
# "februar", "februara", "februaru", "februarom"; "avg.", "sept."
MONTH_STEMS = {
    "januar": 1, "februar": 2, "mart": 3, "april": 4, "maj": 5, "jun": 6, "jul": 7, "avgust": 8,
    "septemb": 9, "oktob": 10, "novemb": 11, "decemb": 12,
}
MONTH_ABBREV = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "avg": 8, "sep": 9, "sept": 9, "okt": 10,
                   "nov": 11, "dec": 12}
_M = (r"(?:januar|februar|mart|april|maj|jun|jul|avgust|septemba?r|oktoba?r|novemba?r|decemba?r)"
         r"(?:a|u|om|i)?|(?:jan|feb|mar|apr|avg|sept?|okt|nov|dec)\.")
_PART = (r"krajem|na kraju|do kraja|kraj|pocetkom|na pocetku|od pocetka|pocetak|sredinom|sredina|"
            r"u prvoj polovini|u drugoj polovini|prve polovine|druge polovine|prvoj polovini|drugoj polovini|"
            r"u prolece|u prolece|tokom proleca|proleca|prolece|leta|leti|u leto|jeseni|na jesen|u jesen|zime|zimi|u zimu")
_DATE_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"), "day"),
    # 9.2.2019. / 09. 02. 2019.
    (re.compile(r"\b(?P<d>\d{1,2})\.\s?(?P<m>\d{1,2})\.\s?(?P<y>(?:19|20)\d\d)\b"), "day"),
    # 9. februar 2019. / 9. februara 2019. godine
    (re.compile(rf"\b(?P<d>\d{{1,2}})\.?\s+(?P<mon>{_M})\s*(?P<y>(?:19|20)\d\d)\b", re.I), "day"),
    (re.compile(rf"(?:\b(?P<part>{_PART})\s+)?(?P<mon>{_M})\s*(?:meseca\s+)?(?P<y>(?:19|20)\d\d)\b", re.I), "month"),
    (re.compile(rf"(?:\b(?P<part>{_PART})\s+)?(?:u\s+|tokom\s+)?(?P<y>(?:19|20)\d\d)\b(?![-/]\d)", re.I), "year"),
    # "4. novembra", "u ponedeljak, 4. novembra": the year is the document's
    (re.compile(rf"\b(?P<d>\d{{1,2}})\.\s*(?P<mon>{_M})\b(?!\s*(?:19|20)\d\d)", re.I), "day"),
]
PART_KEYS = (("kraj", "end"), ("pocet", "early"), ("sredin", "mid"), ("prv", "first half"),
                ("drug", "second half"), ("prolec", "spring"), ("let", "summer"), ("jesen", "autumn"),
                ("zim", "winter"))


def _month(raw: str) -> int:
    w = raw.lower().rstrip(".")
    if w in MONTH_ABBREV:
        return MONTH_ABBREV[w]
    for stem, number in MONTH_STEMS.items():
        if w.startswith(stem):
            return number
    if w.startswith(("septemba", "oktoba", "novemba", "decemba")):  # "septembar", nominative
        return MONTH_STEMS[w[:-2]]
    return 0


def _date_part(raw: str | None) -> str | None:
    if not raw:
        return None
    raw = raw.lower()
    return next((key for stem, key in PART_KEYS if stem in raw), None)




def _not_a_year(text: str, s: int, e: int) -> bool:
    return bool(re.search(r"/\s*$", text[max(0, s - 2) : s]) or re.match(r"\.?\d", text[e:])  # "87/2018", "2019.000"
                or re.search(r"\b(?:br|broj(?:a|u)?)\.?\s*$", text[max(0, s - 8) : s], re.I))


DATES = DateRules(patterns=_DATE_PATTERNS, month_of=_month, part_of=_date_part,
                  not_a_year=_not_a_year, ordinal_dot=True)

# --- laws (Latin, folded) -----------------------------------------------------------------------
LEGAL = LegalRules(
    laws={
        "echr": (r"evropsk[a-z]* konvencij[a-z]* o (?:zastiti )?ljudsk[a-z]* prav[a-z]*(?: i osnovnih sloboda)?",),
        "gdpr": (r"opst[a-z]* uredb[a-z]* o zastiti podataka(?: o licnosti)?", r"gdpr"),
        "constitution": (r"ustav(?:a|u|om)?(?: republike)? srbije", r"ustav(?:a|u|om)?"),
    },
    generic_law=re.compile(r"\b(Zakon|Zakonik|Pravilnik|Uredb)[a-z]*\s+o\s+((?:[a-z-]+)(?:\s+[a-z-]+){0,7})"),
    name_stop=frozenset({"je", "su", "se", "da", "koji", "koja", "koje", "kojim", "kojem", "kojih", "nije", "nisu",
                         "ne", "bi", "ce", "za", "sa", "kao", "po", "pa", "ali", "ili", "jer", "sto", "biti", "mora"}),
    kinds={"zakonik": "zakonik", "pravilnik": "pravilnik", "uredb": "uredba", "zakon": "zakon"},
    article=re.compile(
        r"\b(?:clan(?:a|u|om|ovi|ova|ovima)?|cl\.)\s*(?P<art>\d+)\.?(?:\s*\((?P<par>\d+)\)|\s*(?:,\s*)?(?:stav(?:a|u|om)?|st\.)\s*(?P<par2>\d+)\.?)?",
        re.I),
    gazette=re.compile(r"(?:Sl(?:uzben[a-z]*)?\.?\s*(?:glasnik[a-z]*|gl\.))[^0-9]{0,25}?(?P<no>\d+/\d{2,4})", re.I),
)

VAGUE = frozenset({
    "informacij", "dokument", "podatak", "podaci", "podata", "zapis", "evidenc", "stvar", "pitanj",
    "odgovo", "zahtev", "izjava", "pismo", "godin", "posedu", "osnov", "jednom", "nijedn", "nikakv",
    "takodj", "takode", "vec", "jos", "koji", "koja", "koje", "kojih", "kojim", "sadrza", "nalaz",
    "postoj", "raspol", "poseduj",
})


EVENTS = {
    "signed": rx(r"\bpotpis\w*"),
    "consented": rx(r"\b(?:saglasnost\w*|odobr\w*)"),
    "filed": rx(r"\b(?:poslat\w*|poslal\w*|podnet\w*|podnel\w*|podneo|dostavljen\w*|dostavil\w*|dostavio)"),
    "received": rx(r"\bprimljen\w*|\bprimil\w*|\bprimio\b"),
    "completed": rx(r"\b(?:zavrsen\w*|zavrsil\w*|zavrsio|okoncan\w*|u potpunosti (?:postavljen|u funkciji))"),
    "launched": rx(r"\b(?:pokrenut\w*|pokrenul\w*|poceo|pocela|pocelo|poceli|zapocet\w*|uveden\w*)"),
    "withdrawn": rx(r"\bpovucen\w*|\bpovukl\w*|\bpovukao\b"),
    "published": rx(r"\bobjavljen\w*|\bobjavil\w*|\bobjavio\b"),
    "applied": rx(r"\bstup\w* na snagu|\bprimenjuje se\b|\bna snazi\b"),
    "learned": rx(r"\b(?:saznao|saznala|saznali|obavesten\w*|obavestil\w*|obavestio|znao|znala)\b"),
    "occurred": rx(r"\b(?:srusi\w*|srusen\w*|urusi\w*|dogodi\w*|desi\w*|izbi\w*|eksplodira\w*|poginul\w*|stradal\w*)"),
}


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    """A folded stem of a word's lemma: "lokacijama", "lokacije" -> "lokaci"."""
    import simplemma

    return _fold(simplemma.lemmatize(word.lower(), lang="hbs"))[:6]


# --- ko je to uradio (folded Latin: č, ć -> c, š -> s, ž -> z, đ -> dj) ----------------------------
RESPONSIBILITY = ResponsibilityRules(
    acts={
        "decide": rx(r"\b(?:odlucil|odluk|izabra|odobri|odobren|potpisa|naloži|nalozi|inicira)\w*"),
        "supervise": rx(r"\bnadz(?:or|ira)\w*", r"\bnadgleda\w*"),
        "own": rx(r"\b(?:vlasni\w*|pripada\w*|u vlasnistvu|nase|nije nase|nisu nase)\b"),
        "install": rx(r"\b(?:postavi|postavlj|ugradi|ugradj|instalir|izgradi|izgradj)\w*"),
        "responsible": rx(r"\bodgovor(?:an|na|no|ni|nost)\w*", r"\bkriv(?:ic|ac|i|a)\w*", r"\bduz(?:an|na|no|ni)\b", r"\b(?:nije|nisu) (?:imal[oaie]?|imao) (?:nikakv\w* )?(?:uticaj|ulog)\w*"),
    },
    excluded_after=rx(r"\b(?:umesto|a ne)\b", r"\bne (?:od strane|od)\b"),
    excluded_before=rx(r"\b(?:nije|nisu) (?:imal[oaie]?|imao) (?:nikakv\w* )?(?:uticaj|ulog)\w*",
                       r"\b(?:nije|nisu) (?:bio|bila|bilo|bili) (?:ukljucen|odgovor)\w*", r"\bnisu ucestvoval\w*"),
    other=rx(r"\b(?:neka|neki|neko|jedna|druga) (?:druga|drugi|drugo)\b", r"\bneko drugi\b", r"\bdrug[aio] (?:clanic|firm|preduzec|kompanij)\w*"),
    actors=frozenset({
        "ministarstv", "ministar", "vlad", "grad", "gradonacelni", "firm", "preduzec", "kompanij", "konzorcij",
        "agencij", "direkcij", "izvodjac", "investitor", "inspekcij", "inspektor", "clanic", "partner",
        "skupstin", "opstin", "uprav", "sluzb", "projektant", "zavod", "drzav", "direktor",
    }),
    first_person=rx(r"\b(?:mi|nas|nase|nasa|nasi|nismo|smo)\b"),
    acts_for={"ministar": "ministarstv"},
)

# --- gde to važi (folded Latin) -----------------------------------------------------------------
_DETS = r"tog|te|tih|ovog|ove|ovih|svih|samog|same|celog|cele|celokupn\w*"
_DET = rf"(?:(?:{_DETS})\s+)*"
_NOUN = rf"(?!(?:{_DETS})\b)(?P<noun>[a-z][a-z-]+)"  # the first word after the determiners
SCOPE = ScopeRules(
    # "van grada", "izvan škola", "osim bolnica"; not a state ("van snage", "van funkcije") nor
    # "besides" ("osim toga", "osim što", "osim ako")
    outside=rx(r"\b(?:van|izvan|osim|izuzev|sem|mimo)\s+" + _DET
               + r"(?!(?:toga|sto|ako|kad|kada|da)\b)(?!(?:snag|funkcij|upotreb|pogon|kontrol)\w*)" + _NOUN),
    across=rx(r"\b(?:sirom|unutar|(?:u|na|po) cel(?:om|oj|ome)|na (?:teritoriji|podrucju))\s+" + _DET + _NOUN),
)

RULES = Rules(
    code="sr", name="Serbian", latin_folded=True, function_words=FUNCTION_WORDS,
    cues=CUES, numbers=NUMBERS, counts=COUNTS, legal=LEGAL, dates=DATES, future=CUES.planned, stem=stem, vague=VAGUE,
    events=EVENTS, responsibility=RESPONSIBILITY, scope=SCOPE,
)
