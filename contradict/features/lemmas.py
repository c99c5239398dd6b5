"""A small rule-based lemmatiser for the Serbian nouns that quantities count.

spaCy's Serbian lookup tables are Cyrillic-only and a blank pipeline has none, so the nouns
that matter to a case (cameras, locations, euros ...) are listed here as stems with their
declension endings, and each maps to the same unit lemma as its English counterpart:
``kamera``, ``kamere``, ``kamerama`` -> ``cameras``; ``gradova`` -> ``cities``.

Words are compared in the Latin form with diacritics folded (``tačaka`` = ``tacaka``), so
Cyrillic text (after transliteration) and text typed without diacritics match too.
"""

from __future__ import annotations

from functools import lru_cache

from ..lang import fold

# declension endings by pattern (folded Latin)
FEMININE_A = ("a", "e", "i", "u", "o", "om", "ama")  # kamera, lokacija, osoba
MASCULINE = ("", "a", "u", "om", "e", "i", "ima", "ovi", "ova", "ove", "ovima", "em", "evi", "eva")
NEUTER = ("o", "a", "u", "om", "ima", "e")

# unit lemma (as in quantities.UNIT_FORMS) -> (stem, endings) pairs and irregular forms
NOUNS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "cameras": (("kamer", FEMININE_A), ("videokamer", FEMININE_A), ("video-kamer", FEMININE_A),
                ("bodikamer", FEMININE_A)),
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
    "ljudi": "people", "ljudima": "people", "lica": "people", "licima": "people",
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


def lemma_sr(word: str) -> str | None:
    """The unit lemma of a Serbian noun form (Latin, any case, diacritics optional), or None."""
    w = fold(word.lower()).strip(".,;:")
    if not w:
        return None
    forms = _forms()
    if w in forms:
        return forms[w]
    if "-" in w:  # "video-kamera", "HD-kamere": the last part is the noun
        return forms.get(w.rsplit("-", 1)[1])
    return None
