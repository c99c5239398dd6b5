"""Legal references: which law, which article and paragraph, which gazette number.

Law names are normalised to a key (``law:personal_data_protection``) so that "the Law on
Personal Data Protection", "the data protection law" and "ZZPL" match.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from ..lang import fold, to_latin

# key -> aliases (lower case, matched as whole phrases)
LAWS: dict[str, tuple[str, ...]] = {
    "personal_data_protection": (
        "law on personal data protection", "personal data protection law", "data protection law",
        "law on the protection of personal data", "zzpl", "zakon o zaštiti podataka o ličnosti",
    ),
    "police": ("law on police", "police law", "law on the police", "zakon o policiji"),
    "records_internal_affairs": (
        "law on records and data processing in internal affairs",
        "law on records and data processing in the field of internal affairs",
        "law on records and processing of data in internal affairs",
        "zakon o evidencijama i obradi podataka u oblasti unutrašnjih poslova",
    ),
    "internal_affairs": ("law on internal affairs", "draft law on internal affairs", "zakon o unutrašnjim poslovima"),
    "free_access_information": (
        "law on free access to information of public importance", "freedom of information law",
        "foi law", "zakon o slobodnom pristupu informacijama od javnog značaja",
    ),
    "criminal_procedure": ("criminal procedure code", "code of criminal procedure", "zakonik o krivičnom postupku"),
    "echr": ("european convention on human rights", "echr"),
    "gdpr": ("general data protection regulation", "gdpr"),
    "constitution": ("constitution of serbia", "serbian constitution", "constitution"),
    "public_procurement": ("law on public procurement", "public procurement law", "zakon o javnim nabavkama"),
    "rulebook_recording": ("rulebook on recording", "rulebook on video surveillance", "rulebook"),
}
ALIAS_TO_LAW = {a: k for k, aliases in LAWS.items() for a in aliases}
ALIAS_RE = re.compile(r"\b(" + "|".join(re.escape(a) for a in sorted(ALIAS_TO_LAW, key=len, reverse=True)) + r")\b", re.I)
GENERIC_LAW_RE = re.compile(r"\b(?:the\s+)?(Law|Act|Code|Decree|Rulebook) on ((?:[A-Z][\w-]*|and|of|the|in|to|for|on)(?:\s+(?:[A-Z][\w-]*|and|of|the|in|to|for|on))*)")
ARTICLE_RE = re.compile(
    r"\b(?:Art(?:icle)?s?\.?|Articles|član(?:a|om)?|čl\.)\s*(?P<art>\d+)(?:\s*\((?P<par>\d+)\)|\s*(?:,\s*)?(?:paragraph|para\.?|stav)\s*(?P<par2>\d+))?",
    re.I,
)
GAZETTE_RE = re.compile(r"(?:Official Gazette|Sl(?:užbeni)?\.?\s*glasnik)[^0-9]{0,25}?(?P<no>\d+/\d{2,4})", re.I)


# Serbian names of the same laws, in the Latin form with diacritics folded; "zakon" takes any
# case ("Zakona o policiji", "Zakonom o zaštiti podataka o ličnosti")
_Z = r"zakon(?:a|u|om|e|i)?"
_ZK = r"zakonik(?:a|u|om)?"
SR_LAWS: dict[str, tuple[str, ...]] = {
    "personal_data_protection": (rf"{_Z} o zastiti podataka o licnosti", r"zzpl"),
    "police": (rf"{_Z} o policiji",),
    "records_internal_affairs": (rf"{_Z} o evidencijama i obradi podataka u oblasti unutrasnjih poslova",),
    "internal_affairs": (rf"(?:nacrt(?:a|u|om)? )?{_Z} o unutrasnjim poslovima",),
    "free_access_information": (rf"{_Z} o slobodnom pristupu informacijama od javnog znacaja",),
    "criminal_procedure": (rf"{_ZK} o krivicnom postupku",),
    "echr": (r"evropsk[a-z]* konvencij[a-z]* o (?:zastiti )?ljudsk[a-z]* prav[a-z]*(?: i osnovnih sloboda)?",),
    "gdpr": (r"opst[a-z]* uredb[a-z]* o zastiti podataka(?: o licnosti)?", r"gdpr"),
    "constitution": (r"ustav(?:a|u|om)?(?: republike)? srbije", r"ustav(?:a|u|om)?"),
    "public_procurement": (rf"{_Z} o javnim nabavkama",),
    "rulebook_recording": (r"pravilnik(?:a|u|om)?(?: o [a-z -]+?(?=[,.;]|\s(?:je|su|se|koji|kojim)\b))?",),
}
SR_LAW_RES = sorted(
    ((re.compile(r"\b" + rx.replace(" ", r"\s+") + r"\b", re.I), key) for key, rxs in SR_LAWS.items() for rx in rxs),
    key=lambda item: -len(item[0].pattern),
)
_SR_NAME_STOP = {"je", "su", "se", "da", "koji", "koja", "koje", "kojim", "kojem", "kojih", "nije", "nisu",
                 "ne", "bi", "ce", "za", "sa", "kao", "po", "pa", "ali", "ili", "jer", "sto", "biti", "mora"}
SR_GENERIC_LAW_RE = re.compile(r"\b(Zakon|Zakonik|Pravilnik|Uredb)[a-z]*\s+o\s+((?:[a-z-]+)(?:\s+[a-z-]+){0,7})")
SR_ARTICLE_RE = re.compile(
    r"\b(?:clan(?:a|u|om|ovi|ova|ovima)?|cl\.)\s*(?P<art>\d+)\.?(?:\s*\((?P<par>\d+)\)|\s*(?:,\s*)?(?:stav(?:a|u|om)?|st\.)\s*(?P<par2>\d+)\.?)?",
    re.I,
)
SR_GAZETTE_RE = re.compile(r"(?:Sl(?:uzben[a-z]*)?\.?\s*(?:glasnik[a-z]*|gl\.))[^0-9]{0,25}?(?P<no>\d+/\d{2,4})", re.I)


@dataclass
class LegalRef:
    law: str | None  # normalised key or None when only an article is named
    law_name: str | None
    article: str | None
    paragraph: str | None
    gazette: str | None
    text: str
    start: int
    end: int

    def to_dict(self) -> dict:
        return asdict(self)


def _slug(name: str) -> str:
    name = re.sub(r"^(the|draft)\s+", "", name.lower())
    return re.sub(r"[^\w]+", "_", name).strip("_")


def extract_legal_refs(text: str, language: str | None = "en") -> list[LegalRef]:
    """Legal references with offsets into ``text``. Serbian is read in its Latin form, and its
    law names get the same keys as the English ones ("Zakona o policiji" -> ``police``)."""
    if language != "sr":
        laws: list[tuple[int, int, str, str]] = []
        for m in ALIAS_RE.finditer(text):
            laws.append((m.start(), m.end(), ALIAS_TO_LAW[m.group(1).lower()], m.group(1)))
        for m in GENERIC_LAW_RE.finditer(text):
            if any(s <= m.start() < e or m.start() <= s < m.end() for s, e, _, _ in laws):
                continue
            name = f"{m.group(1)} on {m.group(2)}".strip()
            laws.append((m.start(), m.end(), _slug(name), name))
        return _refs(text, laws, ARTICLE_RE, GAZETTE_RE)
    lt = to_latin(text)
    work = fold(lt.text)
    laws = []
    for rx, key in SR_LAW_RES:
        for m in rx.finditer(work):
            if not any(m.start() < e and s < m.end() for s, e, _, _ in laws):
                laws.append((m.start(), m.end(), key, ""))
    for m in SR_GENERIC_LAW_RE.finditer(work):
        if any(m.start() < e and s < m.end() for s, e, _, _ in laws):
            continue
        words = []
        for w in m.group(2).split():
            if w in _SR_NAME_STOP:
                break
            words.append(w)
        if not words:
            continue
        end = m.start(2) + len(" ".join(words))
        kind = {"zakonik": "zakonik", "pravilnik": "pravilnik", "uredb": "uredba"}.get(m.group(1).lower(), "zakon")
        laws.append((m.start(), end, _slug(f"{kind} o {' '.join(words)}"), ""))
    refs = _refs(work, laws, SR_ARTICLE_RE, SR_GAZETTE_RE)
    for r in refs:
        r.start, r.end = lt.span(r.start, r.end)
        r.text = text[r.start : r.end]
    # the law's name as written (Cyrillic stays Cyrillic)
    spans = [lt.span(s, e) for s, e, _, _ in laws]
    for r in refs:
        if r.law:
            for start, end in spans:
                if r.start <= start and end <= r.end:
                    r.law_name = text[start:end]
    return refs


def _refs(text: str, laws: list[tuple[int, int, str, str]], article_re: re.Pattern[str],
          gazette_re: re.Pattern[str]) -> list[LegalRef]:
    laws.sort()
    refs: list[LegalRef] = []
    gazettes = [(m.start(), m.group("no")) for m in gazette_re.finditer(text)]
    used_laws: set[int] = set()
    for m in article_re.finditer(text):
        # the article belongs to the nearest law named after it ("Article 52 of the Law on Police")
        # or, failing that, before it ("ZZPL, Article 55")
        after = [i for i, law in enumerate(laws) if 0 <= law[0] - m.end() <= 40]
        before = [i for i, law in enumerate(laws) if 0 <= m.start() - law[1] <= 30]
        idx = after[0] if after else (before[-1] if before else None)
        law = laws[idx] if idx is not None else None
        if idx is not None:
            used_laws.add(idx)
        gaz = next((g for pos, g in gazettes if law and 0 <= pos - law[1] <= 40), None)
        refs.append(
            LegalRef(
                law=law[2] if law else None,
                law_name=law[3] if law else None,
                article=m.group("art"),
                paragraph=m.group("par") or m.group("par2"),
                gazette=gaz,
                text=text[m.start() : max(m.end(), law[1]) if law else m.end()],
                start=m.start(),
                end=max(m.end(), law[1]) if law else m.end(),
            )
        )
    for i, (s, e, key, name) in enumerate(laws):
        if i in used_laws:
            continue
        gaz = next((g for pos, g in gazettes if 0 <= pos - e <= 40), None)
        refs.append(LegalRef(law=key, law_name=name, article=None, paragraph=None, gazette=gaz,
                             text=text[s:e], start=s, end=e))
    refs.sort(key=lambda r: r.start)
    return refs
