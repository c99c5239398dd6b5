"""Polarity, existence, legal-stance and disclosure cues, and the frames a claim speaks about.

A *frame* is what two claims must share before a detector compares them: the thing counted
(``count:deaths``), a record or analysis (``record:dpia``), a processing operation under a
legal basis (``legal:<operation>``), a disclosure question, a law. The patterns come from the
claim's language pack (``contradict/lang/<code>.py``); a case adds its own records and
operations in its ``contradict.yaml`` (``contradict.case.CaseRules``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from ..case import NO_RULES, CaseRules
from ..lang import fold, rules, to_latin
from ..lang.pack import CueRules, Rules


@dataclass
class Cues:
    polarity: int  # 1 affirms, -1 negates (odd number of negations)
    negations: list[str] = field(default_factory=list)
    existence: int = 0  # +1 a record/analysis exists or was done; -1 it does not
    records: list[str] = field(default_factory=list)
    legal_stance: int = 0  # +1 lawful / authorised; -1 no legal basis
    disclosure: int = 0  # +1 made public; -1 confidential / withheld
    operations: list[str] = field(default_factory=list)  # the case's operations the claim mentions, most specific first
    connection: bool = False
    uses: dict[str, int] = field(default_factory=dict)  # operation -> +1 used / planned, -1 explicitly denied
    weights: dict[str, float] = field(default_factory=dict)  # operation -> the case's extra weight for it
    earlier: bool = False  # the existence it affirms is placed before an earlier time ("had been done")
    legal_operation: str = ""  # the operation a legal-basis claim is about ("" without case operations)
    change: int = 0  # +1 something changed (rose, ended, was added); -1 it did not
    labels: dict[str, str] = field(default_factory=dict)  # how explanations name the case's records and operations
    # what an existence cue is about when no named record is near: the stems of the content
    # words around it, with the word as written ("locations" -> {"location": "locations"})
    objects: dict[str, str] = field(default_factory=dict)
    found: list[str] = field(default_factory=list)  # every cue phrase that fired, for explanations
    # who did it: the kinds of act the claim attributes (decide, supervise, own ...), the actors
    # it names as doing it, those it takes out of it ("rather than by the council"), and whether
    # it gives the act to someone else ("some other member")
    acts: list[str] = field(default_factory=list)
    agents: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    other_agent: bool = False
    # where the claim places what it says: "outside:<stem>" ("outside the city", "van grada")
    # takes a part out, "across:<stem>" ("across the city", "širom grada") names a whole
    scopes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def extract_cues(text: str, language: str | None = "en", case: CaseRules = NO_RULES) -> Cues:
    """Cues of one claim. A ``latin_folded`` pack (Serbian) reads the Latin form with
    diacritics folded; the cue phrases in ``found`` are quoted from the original text."""
    pack = rules(language)
    if pack.latin_folded:
        lt = to_latin(text)
        folded = fold(lt.text)
        cues = _cues(folded, pack.cues, lambda m: text[slice(*lt.span(m.start(), m.end()))], pack.code, case)
    else:
        folded = text
        cues = _cues(text, pack.cues, lambda m: m.group(0), pack.code, case)
    _responsibility(folded, pack, cues)
    _scopes(folded, pack, cues)
    return cues


def _scopes(text: str, pack: Rules, cues: Cues) -> None:
    if pack.scope is None:
        return
    for kind, pattern in (("outside", pack.scope.outside), ("across", pack.scope.across)):
        for m in pattern.finditer(text):
            key = f"{kind}:{pack.stem(m.group('noun'))}"
            if key not in cues.scopes:
                cues.scopes.append(key)


SELF = "@self"  # the actor a claim names in the first person ("we", "ours")
_CLAUSE_END = re.compile(r"[,;:.()\u2013\u2014]| and | but | i | ali | a ")


def _actors(text: str, pack: Rules, start: int = 0) -> list[str]:
    """The actors a stretch of text names: nouns of the pack's actor list (by lemma, or by
    stem prefix in a folded pack) and capitalised names not opening the sentence."""
    assert pack.responsibility is not None
    listed = pack.responsibility.actors
    out: list[str] = []
    for m in _WORD.finditer(text):
        w = m.group()
        low = w.lower()
        if len(low) < 3:
            continue
        st = pack.stem(low)
        # a folded pack lists stems: the word is the stem and an ending of up to three letters
        hit = st if not pack.latin_folded else next((a for a in listed if low.startswith(a) and len(low) - len(a) <= 3), None)
        if hit in listed:
            out.append(pack.responsibility.acts_for.get(hit, hit))
        elif low in pack.function_words or pack.dates.month_of(low):
            continue
        elif w[0].isupper() and start + m.start() > 0 and not re.search(r"[.!?]\s*$", text[: m.start()]) \
                and low not in pack.vague and len(low) >= 3:
            out.append(low)
    return out


def _responsibility(text: str, pack: Rules, cues: Cues) -> None:
    """Who the claim says did (decided, supervised, owns ...) the thing, and who it says did not."""
    r = pack.responsibility
    if r is None:
        return
    cues.acts = [k for k, p in r.acts.items() if p.search(text)]
    if not cues.acts:
        return
    excluded: list[str] = []
    for m in r.excluded_after.finditer(text):
        tail = text[m.end(): m.end() + 60]
        cut = _CLAUSE_END.search(tail)
        excluded += _actors(tail[: cut.start()] if cut else tail, pack, m.end())
    for m in r.excluded_before.finditer(text):
        head = text[max(0, m.start() - 60): m.start()]
        cuts = list(_CLAUSE_END.finditer(head))
        excluded += _actors(head[cuts[-1].end():] if cuts else head, pack, max(1, m.start() - 60))
    named = _actors(text, pack)
    for m in r.other.finditer(text):
        # "some other member of the consortium" names who did not do it only by kind
        tail = text[m.start(): m.end() + 40]
        cut = _CLAUSE_END.search(tail, m.end() - m.start())
        for x in _actors(tail[: cut.start()] if cut else tail, pack, m.start()):
            if x in named:
                named.remove(x)
    if r.first_person is not None and r.first_person.search(text):
        named.append(SELF)  # the speaker: the detector reads it as the claim's source
    if cues.polarity < 0 and not excluded:
        excluded, named = named, []  # "we did not install it": the actors it names did not
    cues.excluded = sorted(set(excluded))
    cues.agents = sorted(set(named) - set(excluded))
    cues.other_agent = bool(r.other.search(text))


_WORD = re.compile(r"[^\W\d_][\w-]*")


def _vague(word: str, pack: Rules) -> bool:
    # a folded pack's vague words are stems ("informacij" covers every case ending)
    return word in pack.vague or (pack.latin_folded and any(word.startswith(v) for v in pack.vague))


def content_words(text: str, pack: Rules, start: int = 0, end: int | None = None,
                  skip: tuple[int, int] = (0, 0)) -> dict[str, str]:
    """Stems of the content words of ``text[start:end]`` (no function words, no vague words,
    nothing under four letters; not the words inside ``skip``), each with the word as written."""
    out: dict[str, str] = {}
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        if skip[0] <= m.start() < skip[1]:
            continue
        w = m.group().lower()
        if len(w) < 4 or w in pack.function_words or _vague(w, pack):
            continue
        st = pack.stem(w)
        if st and not _vague(st, pack) and len(st) >= 3:
            out.setdefault(st, m.group())
    return out


def _objects(text: str, spans: list[tuple[int, int]], code: str, window: int = 60) -> dict[str, str]:
    """Stems of the content words near the given cue spans (not the cue's own words)."""
    pack = rules(code)
    out: dict[str, str] = {}
    for s, e in spans:
        for st, word in content_words(text, pack, max(0, s - window), min(len(text), e + window), (s, e)).items():
            out.setdefault(st, word)
    return out


def _cues(text: str, rules: CueRules, quote: Callable[[re.Match[str]], str], code: str = "en",
          case: CaseRules = NO_RULES) -> Cues:
    negs = [quote(m) for m in rules.negation.finditer(text)]
    # "not only", "no doubt", "no later than" do not negate the claim
    negs = [n for n in negs if n]
    for idiom in rules.idioms:
        negs = negs[: len(negs) - len(re.findall(idiom, text, re.I))]
    # Serbian negates once however many negative words agree ("ni ... ne ... ni"); English
    # counts parity ("not without")
    negated = bool(negs) if rules.concord else bool(len(negs) % 2)
    cues = Cues(polarity=-1 if negated else 1, negations=negs)
    found: list[str] = []

    record_rx = dict(rules.records)
    for name, by_lang in case.records.items():
        if code in by_lang:
            record_rx[name] = by_lang[code]
    cues.records = [k for k, rx in record_rx.items() if rx.search(text)]
    cues.labels = {f"record:{k}": case.record_labels[k] for k in cues.records if k in case.record_labels}
    record_at = [m.start() for rx in record_rx.values() for m in rx.finditer(text)]

    def near_record(m: re.Match[str], window: int = 60) -> bool:
        # "the statement was made" is not about a record: the cue must sit near one
        return any(m.start() - window <= pos <= m.end() + window for pos in record_at)

    neg_m = list(rules.existence_neg.finditer(text))
    pos_m = list(rules.existence_pos.finditer(text))
    neg_ex = [quote(m) for m in neg_m if near_record(m, 90)]
    pos_ex = [quote(m) for m in pos_m if near_record(m)]
    if not neg_ex and not pos_ex:
        # no named record near the cue: what exists or not is read off the words around it
        objects_neg = _objects(text, [m.span() for m in neg_m], code)
        objects_pos = _objects(text, [m.span() for m in pos_m], code) if cues.polarity > 0 else {}
        if objects_neg:
            neg_ex, cues.objects = [quote(m) for m in neg_m], objects_neg
        elif objects_pos:
            pos_ex, cues.objects = [quote(m) for m in pos_m], objects_pos
    def stance(neg: list[str], pos: list[str], negated_pos: int) -> int:
        """-1 on a negative cue; +1 on a positive one in an affirmed claim, ``negated_pos``
        when the claim is negated; the phrases that decided go to ``found``."""
        if neg:
            found.extend(neg)
            return -1
        if pos and (cues.polarity > 0 or negated_pos):
            found.extend(pos)
            return 1 if cues.polarity > 0 else negated_pos
        return 0

    cues.existence = stance(neg_ex, pos_ex, 0)
    cues.earlier = cues.existence > 0 and rules.earlier is not None and bool(rules.earlier.search(text))
    neg_legal = [quote(m) for m in rules.legal_neg.finditer(text)]
    # "is not authorised" negates the positive cue itself: a denial of the legal basis
    cues.legal_stance = stance(neg_legal, [quote(m) for m in rules.legal_pos.finditer(text)], -1)
    cues.disclosure = stance([quote(m) for m in rules.disclose_neg.finditer(text)],
                             [quote(m) for m in rules.disclose_pos.finditer(text)], 0)

    if rules.hedge.search(text):
        # "questioned whether the police could lawfully ..." asserts neither way
        cues.legal_stance = 0 if not neg_legal else cues.legal_stance
        cues.existence = 0 if not neg_ex else cues.existence
    cues.connection = bool(rules.connection.search(text))
    for op in case.operations:
        mention = op.mention.get(code)
        if mention is not None and mention.search(text):
            cues.operations.append(op.name)
            cues.labels[f"operation:{op.name}"] = op.label
            if op.weight:
                cues.weights[op.name] = op.weight
            if op.connected_label:
                cues.labels[f"connected:{op.name}"] = op.connected_label
        deny_rx, affirm_rx = op.deny.get(code), op.affirm.get(code)
        deny = [quote(m) for m in deny_rx.finditer(text)] if deny_rx is not None else []
        if deny:
            cues.uses[op.name] = -1
            cues.labels[f"operation:{op.name}"] = op.label
            found += deny
        elif (op.name in cues.operations and cues.polarity > 0 and affirm_rx is not None
              and affirm_rx.search(text)):
            cues.uses[op.name] = 1
    # a legal-basis claim is about its most specific operation, else the case's general one
    specific = [n for n in cues.operations if not case.is_general(n)]
    general = next((op.name for op in case.operations if op.general), "")
    cues.legal_operation = specific[0] if specific else general
    if rules.unchanged.search(text):
        cues.change = -1
    elif rules.changed.search(text):
        cues.change = 1
    cues.found = found + negs
    return cues


def frames_for(cues: Cues, quantities: list, legal_refs: list) -> list[str]:
    """Frame keys a claim speaks about; two claims sharing one become a candidate pair."""
    frames: set[str] = set()
    for q in quantities:
        if q.unit and q.scope != "schedule":
            frames.add(f"count:{q.unit}")
    if cues.existence:
        for r in cues.records:
            frames.add(f"record:{r}")
    if cues.legal_stance:
        frames.add(f"legal:{cues.legal_operation or 'processing'}")
    for ref in legal_refs:
        if ref.law:
            frames.add(f"law:{ref.law}")
    for op in cues.uses:
        frames.add(f"use:{op}")
    if cues.disclosure:
        frames.add("disclosure")
    if cues.agents or cues.excluded or cues.other_agent:
        frames.update(f"who:{act}" for act in cues.acts)
    return sorted(frames)
