"""The shape of a language pack: one ``Rules`` object per language, exported as ``RULES`` by
``contradict/lang/<code>.py`` (in the manner of spaCy's ``spacy/lang/<code>/``).

Features and detectors never branch on a language code: they ask ``rules(code)`` for the
patterns and word lists of the claim's language. A third language is one new file.

Patterns of a pack read the form the pack asks for: ``latin_folded`` packs (Serbian) read the
Latin transliteration with diacritics folded (``već`` -> ``vec``), so one pattern covers Cyrillic,
Latin and text typed without diacritics; offsets are mapped back to the original text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field


def rx(*patterns: str) -> re.Pattern[str]:
    """One case-insensitive pattern that matches any of ``patterns``."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


@dataclass(frozen=True)
class CueRules:
    """Negation, existence, legal stance, disclosure and hedging of one language."""

    negation: re.Pattern[str]
    idioms: tuple[str, ...]  # "not only", "no later than": negative words that do not negate
    concord: bool  # negative concord: "ni ... ne ... ni" is one negation, not three
    existence_neg: re.Pattern[str]
    existence_pos: re.Pattern[str]
    # generic records and documents a claim can say exist or do not ("an impact assessment",
    # "a contract"); a case adds its own in its contradict.yaml
    records: dict[str, re.Pattern[str]]
    legal_neg: re.Pattern[str]
    legal_pos: re.Pattern[str]
    disclose_neg: re.Pattern[str]
    disclose_pos: re.Pattern[str]
    hedge: re.Pattern[str]
    connection: re.Pattern[str]
    # change: "has not changed", "held level" vs "doubled", "were added", "replaced"
    unchanged: re.Pattern[str]
    changed: re.Pattern[str]
    # plan vs fact: "will", "plans to", "is to be"
    planned: re.Pattern[str]
    # a thing said to have existed or been done before an earlier time ("had been carried out")
    earlier: re.Pattern[str] | None = None


@dataclass(frozen=True)
class NumberRules:
    """How the language writes numbers: separators and number words."""

    thousands: str
    decimal: str
    units: dict[str, int]  # number words (folded form for latin_folded packs)
    scales: dict[str, int]
    joiner: str  # "and" in "one hundred and seven"
    weak: frozenset[str]  # words that count only with a scale word ("a", "jedan")
    word_re: re.Pattern[str]
    scale_tail: re.Pattern[str]  # a scale word after digits: "13 million", "13 miliona"
    scale_of: Callable[[str], float]


@dataclass(frozen=True)
class CountRules:
    """What an amount counts: counted nouns, their modifiers, qualifiers and scopes."""

    unit_of: Callable[[str], str | None]  # the counted noun a word names (lemma), if any
    lexicon: Callable[[str], str | None]  # only the pack's listed units (a year is read as such unless one follows)
    is_modifier: Callable[[str], bool]  # a word allowed between a number and its noun
    qualifiers: list[tuple[re.Pattern[str], str]]  # matched against the text before a number
    after_qualifier: re.Pattern[str]  # "or more", "i više"
    scope_cues: dict[str, tuple[str, ...]]
    stem_cues: bool  # scope cues are stems (match at a word start) rather than whole words
    split_after: re.Pattern[str]  # where the words that follow a counted noun stop
    part: re.Pattern[str]  # "of these", "od toga": a part of a total named elsewhere
    pilot: re.Pattern[str]
    timed: re.Pattern[str]  # "in March", "u martu": a milestone of a schedule
    joiner: str  # between figures of one list
    range_words: str
    range_opener: str
    day_after: re.Pattern[str]  # "9 February": the number is a day
    day_before: re.Pattern[str] | None  # "February 9"
    reference_before: re.Pattern[str]  # "article 52", "član 52. stav 8."
    reference_at: re.Pattern[str] | None  # "9.2.2019." at the number
    year_context: re.Pattern[str]  # "in 2019 ...": a year, not an amount
    # outcomes that name the thing counted after the number ("seven of them fatal", "three of
    # those patients died": deaths) and nouns that name it before ("the count of deaths is now four")
    outcome_after: dict[str, re.Pattern[str]] = field(default_factory=dict)
    unit_before: re.Pattern[str] | None = None
    # words before a number that name what it counts when it counts persons or nothing
    # ("killed 16 people", "poginulo je 16 ljudi", "broj umrlih iznosi 2.730": deaths), matched
    # against the text that ends at the number; ``persons`` are the units that count persons
    outcome_before: dict[str, re.Pattern[str]] = field(default_factory=dict)
    persons: frozenset[str] = frozenset()
    # "of which", "od kojih": the words of ``part`` that share out a total named before; a count
    # an outcome names after them ("of which 3 died", "od kojih 3 smrtna") is a total of its own
    share: re.Pattern[str] | None = None
    currency_prefix: dict[str, str] = field(default_factory=dict)
    skip_articles: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LegalRules:
    """How the language names laws, articles and gazettes."""

    laws: dict[str, tuple[str, ...]]  # key -> name patterns of laws known beyond one case (GDPR, ECHR)
    generic_law: re.Pattern[str]  # "the Law on X", "Zakon o X": any law by its own name
    name_stop: frozenset[str]  # where a generic law's name stops ("je", "su" ...); empty: the pattern decides
    kinds: dict[str, str]  # the first word of a generic law -> the kind in its key ("Zakonik" -> "zakonik")
    article: re.Pattern[str]
    gazette: re.Pattern[str]


@dataclass(frozen=True)
class DateRules:
    """How the language writes dates. Each pattern names its groups ``y``, ``m`` (a number),
    ``mon`` (a month word), ``d`` and ``part``; a pattern without ``y`` (a day and month) is read
    with the year of the claim's document."""

    patterns: list[tuple[re.Pattern[str], str]]  # (pattern, granularity), most precise first
    month_of: Callable[[str], int]  # a month word -> 1..12 (0: not a month)
    part_of: Callable[[str | None], str | None]  # "early", "end", "spring" ... of a period
    not_a_year: Callable[[str, int, int], bool]  # a four-digit number that is no year here
    ordinal_dot: bool  # "9. februara 2019." : the stop after a date belongs to it


@dataclass(frozen=True)
class ResponsibilityRules:
    """Who did, decided, supervised or owns a thing: the acts, and the words that take an
    actor out of it ("rather than by the council", "local leaders did neither", "some other
    member of the consortium")."""

    # kinds of act (language-independent keys: decide, supervise, own, install, responsible)
    # -> the words of the act; ``responsible`` is the general one and meets any other kind
    acts: dict[str, re.Pattern[str]]
    excluded_after: re.Pattern[str]  # the actors named after it are excluded: "rather than", "not of"
    excluded_before: re.Pattern[str]  # the actors named before it are excluded: "did neither"
    other: re.Pattern[str]  # "some other", "someone else": the act was another actor's
    # stems of nouns that name an actor (council, ministry, company); capitalised names count too
    actors: frozenset[str]
    # the speaker as the actor: "we", "ours" (read as the claim's own source)
    first_person: re.Pattern[str] | None = None
    # actors that act for another ("the minister" for "the ministry" he heads): read as that one
    acts_for: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ScopeRules:
    """Where a claim places what it says: ``outside`` takes a part out ("outside the city",
    "except the schools", "van grada", "osim škola"), ``across`` names a whole ("across the
    city", "širom grada"). Each pattern names the scope's noun in a group ``noun``; two claims
    of change and no change about different scopes both hold."""

    outside: re.Pattern[str]
    across: re.Pattern[str]


@dataclass(frozen=True)
class Rules:
    code: str
    name: str
    latin_folded: bool
    function_words: frozenset[str]  # for telling languages apart
    cues: CueRules
    numbers: NumberRules
    counts: CountRules
    legal: LegalRules
    dates: DateRules
    # modality words a plan is stated with, for the judge's plan-vs-fact rule
    future: re.Pattern[str]
    # the stem two claims must share to speak of the same thing ("locations" = "location")
    stem: Callable[[str], str]
    # words too vague to name what a claim says exists ("information", "document")
    vague: frozenset[str]
    # kinds of dated events (signed, filed, launched ...): two claims date the same kind of event
    events: dict[str, re.Pattern[str]] = field(default_factory=dict)
    responsibility: ResponsibilityRules | None = None
    scope: ScopeRules | None = None
    extra: dict = field(default_factory=dict)
