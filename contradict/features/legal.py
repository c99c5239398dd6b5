"""Legal references: which law, which article and paragraph, which gazette number.

Law names are normalised to a key (``law:personal_data_protection``) so that "the Law on
Personal Data Protection", "the data protection law" and "ZZPL" match: a case lists its
jurisdiction's laws and their names in its contradict.yaml (``laws``); the language packs know
how any law, article and gazette is named, and the few laws known beyond one country.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import lru_cache

from ..case import NO_RULES, CaseRules
from ..lang import fold, rules, to_latin


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


@lru_cache(maxsize=64)
def _named(code: str, case: CaseRules) -> list[tuple[re.Pattern[str], str]]:
    """Name patterns of laws known to the pack and the case, longest first."""
    pack = rules(code)
    named = [(p, key) for key, ps in pack.legal.laws.items() for p in ps]
    named += [(p, key) for key, by_lang in case.laws.items() for p in by_lang.get(code, ())]
    out = [(re.compile(r"\b(?:" + p.replace(" ", r"\s+") + r")\b", re.I), key) for p, key in named]
    return sorted(out, key=lambda item: -len(item[0].pattern))


def extract_legal_refs(text: str, language: str | None = "en", case: CaseRules = NO_RULES) -> list[LegalRef]:
    """Legal references with offsets into ``text``. Laws a case names in its contradict.yaml
    (``laws``) get the case's key in every language ("Zakona o policiji" and "the Law on
    Police" -> ``police``); any other law is keyed by its own name."""
    pack = rules(language)
    legal = pack.legal
    lt = to_latin(text) if pack.latin_folded else None
    work = fold(lt.text) if lt is not None else text
    laws: list[tuple[int, int, str, str]] = []
    for rx, key in _named(pack.code, case):
        for m in rx.finditer(work):
            if not any(m.start() < e and s < m.end() for s, e, _, _ in laws):
                laws.append((m.start(), m.end(), key, m.group(0)))
    for m in legal.generic_law.finditer(work):
        if any(m.start() < e and s < m.end() for s, e, _, _ in laws):
            continue
        words = []
        for w in m.group(2).split():
            if w in legal.name_stop:
                break
            words.append(w)
        if not words:
            continue
        end = m.start(2) + len(" ".join(words))
        kind = legal.kinds.get(m.group(1).lower(), m.group(1))
        connector = work[m.end(1) : m.start(2)].split()[-1]
        laws.append((m.start(), end, _slug(f"{kind} {connector} {' '.join(words)}"), work[m.start(1) : end]))
    refs = _refs(work, laws, legal.article, legal.gazette)
    if lt is None:
        return refs
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
