"""Polarity, existence, legal-stance and disclosure cues, and the frames a claim speaks about.

A *frame* is what two claims must share before a detector compares them: the thing counted
(``count:cameras``), a record or analysis (``record:camera_locations``), a processing
operation under a legal basis (``legal:biometric``), a disclosure question, a law.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from ..lang import fold, to_latin


def _rx(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


NEGATION = _rx(r"\bnot\b", r"\bno\b", r"\bnever\b", r"\bnone\b", r"\bneither\b", r"\bnor\b",
               r"n't\b", r"\bcannot\b", r"\bwithout\b", r"\bden(?:y|ies|ied)\b", r"\bno longer\b")

EXISTENCE_NEG = _rx(
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
)
EXISTENCE_POS = _rx(
    r"\b(?:is|are|was|were|have been|has been|had been) (?:already |all |fully |carefully )?(?:known|done|carried out|conducted|prepared|performed|completed|made|drafted|filed|submitted|sent|delivered|adopted|determined|selected|chosen|identified)",
    r"\b(?:carried out|conducted|performed|prepared|filed|submitted|sent|delivered|drafted|completed|produced) (?:a|an|the|its|their)\b",
    r"\bpreceded\b", r"\bafter (?:a |an |the )?(?:careful |detailed |thorough |extensive )?(?:analys[ie]s|examination|study)",
    r"\bbased on (?:a |an |the )?(?:careful |detailed )?(?:analys[ie]s|study|examination)",
    r"\bexists?\b", r"\b(?:on|with) the basis of (?:a |an )?analys",
    r"\balready (?:known|decided|determined|chosen|selected|defined)\b",
    r"\bdone beforehand\b", r"\bwere analy[sz]ed\b",
)

RECORDS: dict[str, re.Pattern[str]] = {
    "camera_locations": _rx(r"\blocations?\b(?!\s+(?:data|information) of persons)", r"\bsites? (?:of|for) (?:the )?cameras\b", r"where (?:the )?(?:new )?cameras"),
    "crime_analysis": _rx(r"\banaly[sz](?:is|es|ed)\b(?!.{0,20}impact)", r"\bexamination of\b", r"\bstudy of (?:crime|offences|events)"),
    "dpia": _rx(r"impact assessment", r"\bdpia\b", r"assessment of the impact"),
    "procurement": _rx(r"\bprocurement\b", r"\btender\b", r"\bcontract(?:s)?\b(?! law)"),
}

LEGAL_NEG = _rx(
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
)
LEGAL_POS = _rx(
    r"\b(?:is|are|was|were) (?:fully |duly |legally )?(?:authori[sz]ed|entitled|permitted|allowed|empowered)",
    r"\b(?:has|have|had) (?:the )?(?:right|power|authority|legal basis|authorisation|authorization)\b",
    r"\bin accordance with the law\b", r"(?<!un)\blawful(?:ly)?\b", r"\blegal basis (?:for|exists|is provided)",
    r"\b(?:covered|authori[sz]ed|permitted) (?:by|under)\b", r"\bprovides? (?:a|the) legal basis",
    r"\bon the basis of (?:article|art\.|the law)", r"\b(?:fully )?legal\b",
    r"\bmay (?:lawfully )?(?:monitor|record|collect|process|film|use)\b",
)

DISCLOSE_NEG = _rx(r"\bconfidential\b", r"\bclassified\b", r"\bsecret\b", r"\bwithh(?:e|o)ld", r"\bnot (?:be )?disclosed",
                   r"\brefus(?:ed|es) to (?:disclose|reveal|publish)", r"\bkept from the public", r"\bpoverljivo\b")
DISCLOSE_POS = _rx(r"\bpublish(?:ed|es)\b", r"\bpublicly\b", r"\bcase study\b", r"\brevealed\b",
                   r"\bon its (?:own )?(?:web ?site|web page|page)\b", r"\bdisclosed\b(?<!not disclosed)")

OPERATIONS: dict[str, re.Pattern[str]] = {
    "biometric": _rx(r"\bbiometric", r"\b(?:smart|intelligent) (?:video surveillance|cameras?)", r"\bfac(?:e|ial) (?:recognition|detection|matching)", r"\bidentif(?:y|ying|ication|ied)\b",
                     r"\brecogni[sz](?:e|ing|tion) (?:of )?(?:faces|persons|people|individuals)", r"\bfaces?\b"),
    "recording": _rx(r"\brecord(?:s|ed|ing)?\b", r"\bmonitor(?:s|ed|ing)?\b", r"\bfilm(?:s|ed|ing)?\b", r"\bvideo surveillance\b", r"\bfootage\b"),
}
HEDGE = _rx(r"\bwhether\b", r"\?\s*$", r"\bif (?:the|it|they)\b", r"\b(?:asked|requested|requesting|asks|requests) (?:for|about|whether|to know)\b")
BIOMETRIC_DENY = _rx(
    r"\b(?:not|never)\s+(?:be\s+|been\s+)?(?:connected|linked|used|use|include[sd]?|have|has|capable|able|applied|apply|perform(?:ed)?|recogni[sz]e|identify)\b[^.]{0,60}\b(?:biometric|fac(?:e|ial)|identif|recogni)",
    r"\bno (?:fac(?:e|ial) recognition|biometric (?:identification|processing|data processing))",
    r"\bwithout (?:fac(?:e|ial) recognition|biometric)",
    r"\b(?:fac(?:e|ial) recognition|biometric identification|identification)\b[^.]{0,30}\b(?:is|are|was|were|will) not (?:be )?(?:used|applied|carried out|in use|enabled|active)",
)
BIOMETRIC_AFFIRM = _rx(
    r"\b(?:identification|recognition|face detection|facial detection|biometric)\b[^.]{0,40}\b(?:is|are|will be|to be|was|were|being)\s+(?:\w+\s+)?(?:carried out|added|used|introduced|enabled|switched on|in use|performed|prepared|tested|processed|collected|extracted)",
    r"\b(?:capable of|can|could|able to|will|would)\s+(?:\w+\s+)?(?:recogni[sz]e|identify|detect) (?:faces|persons|people|individuals|anyone)",
    r"\benabl(?:e|es|ing) (?:automatic )?(?:face|facial|biometric|identification)",
    r"\b(?:with|has|have|had|include[sd]?|offer(?:s|ed)?) (?:automatic )?(?:face|facial) (?:recognition|detection)",
    r"\bfac(?:e|ial) recognition (?:software|cameras?|system|functions?|capabilit)",
)
CONNECTION = _rx(r"\bconnect(?:ed|ion)?\b", r"\blink(?:ed)?\b", r"\bmatch(?:ed|ing)? against\b")


@dataclass
class Cues:
    polarity: int  # 1 affirms, -1 negates (odd number of negations)
    negations: list[str] = field(default_factory=list)
    existence: int = 0  # +1 a record/analysis exists or was done; -1 it does not
    records: list[str] = field(default_factory=list)
    legal_stance: int = 0  # +1 lawful / authorised; -1 no legal basis
    disclosure: int = 0  # +1 made public; -1 confidential / withheld
    operations: list[str] = field(default_factory=list)
    connection: bool = False
    biometric_use: int = 0  # +1 biometric identification is used / planned; -1 explicitly denied
    found: list[str] = field(default_factory=list)  # every cue phrase that fired, for explanations

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class CueRules:
    """The patterns of one language; Serbian ones read the Latin form with diacritics folded."""

    negation: re.Pattern[str]
    idioms: tuple[str, ...]
    concord: bool  # negative concord: "ni ... ne ... ni" is one negation, not three
    existence_neg: re.Pattern[str]
    existence_pos: re.Pattern[str]
    records: dict[str, re.Pattern[str]]
    legal_neg: re.Pattern[str]
    legal_pos: re.Pattern[str]
    disclose_neg: re.Pattern[str]
    disclose_pos: re.Pattern[str]
    operations: dict[str, re.Pattern[str]]
    hedge: re.Pattern[str]
    biometric_deny: re.Pattern[str]
    biometric_affirm: re.Pattern[str]
    connection: re.Pattern[str]


EN_RULES = CueRules(
    negation=NEGATION,
    idioms=(r"\bnot only\b", r"\bno doubt\b", r"\bno later than\b", r"\bno less than\b", r"\bno fewer than\b", r"\bno more than\b"),
    concord=False, existence_neg=EXISTENCE_NEG, existence_pos=EXISTENCE_POS, records=RECORDS,
    legal_neg=LEGAL_NEG, legal_pos=LEGAL_POS, disclose_neg=DISCLOSE_NEG, disclose_pos=DISCLOSE_POS,
    operations=OPERATIONS, hedge=HEDGE, biometric_deny=BIOMETRIC_DENY,
    biometric_affirm=BIOMETRIC_AFFIRM, connection=CONNECTION,
)

# --- Serbian (Latin, diacritics folded: "već" -> "vec", "đ" -> "d") ---------------------------
_DONE = (r"(?:poznat|uradj?en|izvrsen|sproveden|pripremljen|sacinjen|napravljen|zavrsen|odredj?en|"
         r"izabran|utvrdj?en|analiziran|dostavljen|podnet|usvojen|obavljen|izradj?en|donet)")
SR_RULES = CueRules(
    negation=_rx(r"\bne\b", r"\bnije\b", r"\bnisu\b", r"\bnisam\b", r"\bnismo\b", r"\bniste\b",
                 r"\bnema\b", r"\bnemaju\b", r"\bnemamo\b", r"\bnece\b", r"\bnecemo\b", r"\bnikada?\b",
                 r"\bbez\b", r"\bnijed(?:an|n\w*)\b", r"\bnista\b", r"\bniko\b", r"\bnikakv\w*",
                 r"\bporic\w*", r"\bporek\w*", r"\bdemantova\w*", r"\bni\b"),
    idioms=(r"\bne samo\b", r"\bnije samo\b", r"\bne manje od\b", r"\bne vise od\b", r"\bne kasnije od\b"),
    concord=True,
    existence_neg=_rx(
        r"\b(?:nije|nisu) (?:bila |bio |bilo |bile )?sadrz\w*",
        r"\bni u jednom (?:dokumentu|aktu|zapisu|spisu|dokumentom)",
        r"\bne nalaz\w* se\b",
        r"\b(?:nije|nisu|nije bila|nisu bile|nije bio|nije bilo) (?:jos |ni )?(?:jos )?" + _DONE + r"\w*",
        r"\bne postoj\w*",
        r"\bnema (?:takv\w+ |nikakv\w+ |pisan\w+ )?(?:dokument|zapis|evidencij|analiz|podat|informacij|procen|studij|trag)\w*",
        r"\b(?:ne|nije) raspolaz\w*", r"\bne poseduj\w*", r"\bnije u posedu\b",
        r"\bnijed(?:an|n\w*) (?:dokument|zapis|analiz|procen)\w*",
        r"\bnikada (?:nije |nisu )?(?:bil\w+ )?" + _DONE + r"\w*",
        r"\b(?:nije|nisu|nismo) (?:jos |ni )?(?:izvrsil|uradil|sprovel|sacinil|izradil|podnel|dostavil|pripremil|napravil|obavil)\w*",
    ),
    existence_pos=_rx(
        r"\b(?:je|su|bile su|bila je|bio je|bilo je)\s+(?:vec |sve |unapred |detaljno |pazljivo )?" + _DONE + r"\w*",
        r"\b" + _DONE + r"\w*\s+(?:je|su)\b",
        r"\b(?:uradj?en|izvrsen|sproveden|obavljen)\w*\s+(?:su\s+)?(?:\w+\s+)?analiz",
        r"\b(?:na osnovu|nakon|posle|posto su)\s+(?:\w+\s+)?analiz\w*",
        r"\bvec (?:poznat|odlucen|odredj?en|izabran|utvrdj?en)\w*",
        r"\bpostoj\w*",
        r"\b(?:podnel|podneo|dostavil|dostavio|sprovel|sproveo|izvrsil|izvrsio|uradil|uradio|sacinil|sacinio|izradil|izradio)\w*\b",
        r"\bunapred\b",
    ),
    records={
        "camera_locations": _rx(r"\blokacij\w*", r"\bmest\w* (?:za|postavljanja) kamer", r"\bgde (?:ce )?(?:biti )?(?:\w+ )?(?:nove )?kamer"),
        "crime_analysis": _rx(r"\banaliz\w*(?!.{0,20}uticaj)", r"\bproucavanj\w* (?:kriminal|krivicn)"),
        "dpia": _rx(r"\bprocen\w* uticaja", r"\bdpia\b"),
        "procurement": _rx(r"\bnabavk\w*", r"\btender\w*", r"\bugovor\w*"),
    },
    legal_neg=_rx(
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
    legal_pos=_rx(
        r"\bovlascen\w*", r"\bu skladu sa? (?:zakonom|zakonima|propisima|clanom|ustavom)",
        r"\bzakonit\w*", r"\bima(?:ju)? (?:pravo|ovlascenj\w*|pravni osnov)",
        r"\bpravni osnov (?:postoji|je obezbe\w+|je propisan)", r"\bna osnovu (?:clana|zakona)\b",
        r"\b(?:dozvoljen|dopusten)\w*", r"\bsme\w* da (?:snima|prati|prikuplja|obradj?uje|koristi)",
    ),
    disclose_neg=_rx(
        r"\bpoverljiv\w*", r"\btajn\w*", r"\bstepen\w* tajnosti", r"\boznak\w* tajnosti",
        r"\b(?:nije|nisu) (?:javno )?(?:objavljen|dostupn|predstavljen|otkriven|saopsten)\w*",
        r"\buskrac\w*", r"\bodbi\w* (?:da )?(?:objav|otkri|dostav)\w*",
        r"\bne (?:moze|mogu)(?: da)? (?:se )?(?:objav|otkri)\w*", r"\bskriv\w* od javnosti", r"\bnedostupn\w*",
    ),
    disclose_pos=_rx(
        r"\bobjavi\w*", r"\bobjavlj\w*", r"\bjavno\b", r"\bjavno dostupn\w*",
        r"\bna (?:svom |svojoj )?(?:sajtu|internet stranici|veb sajtu)", r"\bstudij\w* slucaja", r"\botkri\w*",
    ),
    operations={
        "biometric": _rx(r"\bbiometrij\w*", r"\b(?:pametn|inteligentn)\w* (?:video[- ]?nadzor|kamer)\w*",
                         r"\b(?:prepoznavanj|detekcij|detektovanj)\w* lica\b", r"\bidentifik\w*",
                         r"\bprepozna\w* (?:lica|osob|ljud|gradj?an)\w*"),
        "recording": _rx(r"\bsnim\w*", r"\bnadzir\w*", r"\bpracenj\w*", r"\bvideo[- ]?nadzor\w*"),
    },
    hedge=_rx(r"\bda li\b", r"\?\s*$", r"\bukoliko\b", r"\bako (?:je|su|se|bi)\b"),
    biometric_deny=_rx(
        r"\b(?:nece|nije|nisu|ne) (?:biti |bilo |bio |bile )?(?:povezan|povezivan|koriscen|koristi|koristen|primenjen|primenjuje|ukljucen|sposobn|moc|moguc|prepozna|identifik|obradj?)\w*[^.]{0,60}(?:biometrij|lica|identifik|prepozna)",
        r"\bbez (?:prepoznavanj\w+ lica|biometrij\w*|identifikacij\w*)",
        r"\b(?:prepoznavanj\w* lica|biometrijsk\w* identifikacij\w*|identifikacij\w*)\b[^.]{0,30}\b(?:se )?(?:nece|ne|nije|nisu) (?:biti )?(?:koristi|koriscen|primenjuje|primenjen|sprovodi|sproveden|ukljucen|aktivn)\w*",
    ),
    biometric_affirm=_rx(
        r"\b(?:identifikacij|prepoznavanj|detekcij|biometrij)\w*[^.]{0,40}\b(?:je|su|ce biti|bice|biti|se|bili|bila)\s+(?:\w+\s+)?(?:sprovod|dodat|dodaj|koristi|koristen|koriscen|uvod|uveden|ukljuc|primenj|testira|priprema|obradj?|prikuplj|izdvaj|u zavrsnoj fazi)\w*",
        r"\b(?:mogu|moze|moci|ce moci|bi mogle|bi mogla|sposobn\w*)\s+(?:da\s+)?(?:\w+\s+)?(?:prepozna|identifik|detekt)\w*",
        r"\bomogu\w* (?:automatsk\w+ )?(?:prepoznavanj|identifikacij|detekcij)\w*",
        r"\b(?:sa|ima|imaju|imace|poseduj\w*) (?:funkcij\w+ )?(?:automatsk\w+ )?(?:prepoznavanj\w* lica|detekcij\w* lica|biometrijsk\w* funkcij\w*)",
        r"\b(?:kamer\w*|softver\w*|sistem\w*|funkcij\w*) (?:za |sa )?(?:prepoznavanj\w* lica|biometrijsk\w*)",
    ),
    connection=_rx(r"\bpovez\w*", r"\buporedj?\w*"),
)


def extract_cues(text: str, language: str | None = "en") -> Cues:
    """Cues of one claim. Serbian is read in its Latin form with diacritics folded; the cue
    phrases in ``found`` are quoted from the original text."""
    if language == "sr":
        lt = to_latin(text)
        return _cues(fold(lt.text), SR_RULES, lambda m: text[slice(*lt.span(m.start(), m.end()))])
    return _cues(text, EN_RULES, lambda m: m.group(0))


def _cues(text: str, rules: CueRules, quote: Callable[[re.Match[str]], str]) -> Cues:
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

    cues.records = [k for k, rx in rules.records.items() if rx.search(text)]
    record_at = [m.start() for rx in rules.records.values() for m in rx.finditer(text)]

    def near_record(m: re.Match[str], window: int = 60) -> bool:
        # "the statement was made" is not about a record: the cue must sit near one
        return any(m.start() - window <= pos <= m.end() + window for pos in record_at)

    neg_ex = [quote(m) for m in rules.existence_neg.finditer(text) if near_record(m, 90)]
    pos_ex = [quote(m) for m in rules.existence_pos.finditer(text) if near_record(m)]
    if neg_ex:
        cues.existence = -1
        found += neg_ex
    elif pos_ex and cues.polarity > 0:
        cues.existence = 1
        found += pos_ex

    neg_legal = [quote(m) for m in rules.legal_neg.finditer(text)]
    pos_legal = [quote(m) for m in rules.legal_pos.finditer(text)]
    if neg_legal:
        cues.legal_stance = -1
        found += neg_legal
    elif pos_legal:
        cues.legal_stance = 1 if cues.polarity > 0 else -1
        found += pos_legal

    neg_dis = [quote(m) for m in rules.disclose_neg.finditer(text)]
    pos_dis = [quote(m) for m in rules.disclose_pos.finditer(text)]
    if neg_dis:
        cues.disclosure = -1
        found += neg_dis
    elif pos_dis and cues.polarity > 0:
        cues.disclosure = 1
        found += pos_dis

    if rules.hedge.search(text):
        # "questioned whether the police could lawfully ..." asserts neither way
        cues.legal_stance = 0 if not neg_legal else cues.legal_stance
        cues.existence = 0 if not neg_ex else cues.existence
    cues.operations = [k for k, rx in rules.operations.items() if rx.search(text)]
    cues.connection = bool(rules.connection.search(text))
    deny = [quote(m) for m in rules.biometric_deny.finditer(text)]
    if deny:
        cues.biometric_use = -1
        found += deny
    elif "biometric" in cues.operations and cues.polarity > 0 and rules.biometric_affirm.search(text):
        cues.biometric_use = 1
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
        op = "biometric" if "biometric" in cues.operations else "recording"
        frames.add(f"legal:{op}")
    for ref in legal_refs:
        if ref.law:
            frames.add(f"law:{ref.law}")
    if cues.biometric_use:
        frames.add("use:biometric")
    if cues.disclosure:
        frames.add("disclosure")
    return sorted(frames)
