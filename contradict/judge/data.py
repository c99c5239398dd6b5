"""Training and evaluation pairs for the judge: readers for the public NLI sets in
``../shared/nli`` and a generator of contrast pairs in the vocabulary of public records.

Labels are integers: 0 entailment, 1 neutral, 2 contradiction (``LABELS``).

Only sets whose licence lets an Apache-2.0 project ship a model trained on them are in
``TRAIN_SETS`` (see ``shared/nli/MANIFEST.md``); evaluation-only sets are in ``EVAL_SETS`` and
are never mixed into training. The dev/test files we report on are evaluation sets too.
"""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

LABELS = ("entailment", "neutral", "contradiction")
ENT, NEU, CON = 0, 1, 2

_NAMES = {
    "entailment": ENT, "e": ENT, "entails": ENT, "0": ENT,
    "neutral": NEU, "n": NEU, "1": NEU,
    "contradiction": CON, "c": CON, "2": CON,
}


@dataclass(frozen=True)
class Pair:
    premise: str
    hypothesis: str
    label: int
    source: str


@dataclass(frozen=True)
class NLISet:
    name: str
    files: tuple[str, ...]
    reader: str
    licence: str
    note: str = ""


# Shippable (MANIFEST: "may train a model we ship"). SNLI test, MNLI dev-matched and the XNLI
# dev files are reported on and therefore kept out.
TRAIN_SETS: tuple[NLISet, ...] = (
    NLISet("snli-validation", ("SNLI/snli_validation.BECEL.tsv",), "becel", "CC BY-SA 4.0 (SNLI)"),
    NLISet("cad-snli", ("CAD-SNLI/train.tsv",), "cad", "CC BY-SA 4.0 (SNLI text), Apache-2.0 (repository)"),
    NLISet("oie-snli-mnli", ("OIE-NLI-SNLI-MNLI-subset/oie-train.csv", "OIE-NLI-SNLI-MNLI-subset/oie-devin.csv",
                             "OIE-NLI-SNLI-MNLI-subset/oie-testin.csv"), "oie",
           "CC BY-SA 4.0 (SNLI part), OANC and other MultiNLI licences (MNLI part)"),
    NLISet("conjnli-train", ("ConjNLI/adversarial_train_15k.tsv",), "conj", "MIT (code); text from MNLI and Wikipedia"),
    NLISet("breaking-nli", ("BreakingNLI/breaking_nli_dataset.zip",), "breaking", "CC BY-SA 4.0",
           "one-word swaps, contradiction-heavy: auxiliary, subsampled"),
    NLISet("scitail", ("SciTail/scitail_dev.answers.jsonl", "SciTail/scitail_test.answers.jsonl"), "scitail",
           "Apache-2.0", "two-way (entails / neutral)"),
    NLISet("tracie", ("TRACIE/train_iid.jsonl",), "tracie", "Apache-2.0", "temporal order of events"),
    NLISet("wanli-sample", ("WANLI/train_sample.jsonl",), "wanli", "CC BY 4.0"),
)

EVAL_SETS: dict[str, tuple[str, str]] = {
    # name: (file, reader)
    "mnli-dev-matched": ("MNLI/mnli_dev_matched_from_hans_repo.txt", "mnli_dev"),
    "snli-test": ("SNLI/snli_test.BECEL.tsv", "becel"),
    "cad-snli-dev": ("CAD-SNLI/dev.tsv", "cad"),
    "xnli-en": ("XNLI/dev-en.tsv", "xnli"),
    "xnli-ru": ("XNLI/dev-ru.tsv", "xnli"),
    "xnli-bg": ("XNLI/dev-bg.tsv", "xnli"),
    "conjnli-dev": ("ConjNLI/conj_dev.tsv", "conj"),
    "anli-r1-dev": ("ANLI/ANLI_analysis_r1_dev.csv", "anli"),
}


def _label(x: str) -> int | None:
    return _NAMES.get(str(x).strip().lower())


def _tsv(path: Path, header: bool = True) -> Iterator[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        if header:
            next(rows, None)
        yield from rows


def _read_first3(path: Path) -> Iterator[tuple[str, str, str]]:
    """TSV with a header: premise, hypothesis, label in the first three columns (SNLI BECEL,
    CAD-SNLI, ConjNLI)."""
    for r in _tsv(path):
        if len(r) >= 3:
            yield r[0], r[1], r[2]


def _read_mnli_dev(path: Path) -> Iterator[tuple[str, str, str]]:
    for r in _tsv(path):
        if len(r) >= 4:
            yield r[1], r[2], r[3]


def _read_xnli(path: Path) -> Iterator[tuple[str, str, str]]:
    for r in _tsv(path, header=False):
        if len(r) >= 3:
            yield r[0], r[1], r[2]


def _read_oie(path: Path) -> Iterator[tuple[str, str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            yield r["Premise"], r["Hypothesis"], r["GoldLabel"]


def _read_anli(path: Path) -> Iterator[tuple[str, str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            yield r["context"], r["statement"], r["gold_label"]


def _jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def _read_scitail(path: Path) -> Iterator[tuple[str, str, str]]:
    for r in _jsonl(path):
        yield r["sentence1"], r["sentence2"], r["gold_label"]


def _read_tracie(path: Path) -> Iterator[tuple[str, str, str]]:
    for r in _jsonl(path):
        query = str(r["query"]).removeprefix("event: ").strip()
        yield r["story"], query[:1].upper() + query[1:] + ".", r["gold_label"]


def _read_wanli(path: Path) -> Iterator[tuple[str, str, str]]:
    for r in _jsonl(path):
        yield r["premise"], r["hypothesis"], r["gold"]


def _read_breaking(path: Path) -> Iterator[tuple[str, str, str]]:
    with zipfile.ZipFile(path) as z, z.open("data/dataset.jsonl") as raw:
        for line in io.TextIOWrapper(raw, encoding="utf-8"):
            if line.strip():
                r = json.loads(line)
                yield r["sentence1"], r["sentence2"], r["gold_label"]


READERS: dict[str, Callable[[Path], Iterator[tuple[str, str, str]]]] = {
    "becel": _read_first3, "cad": _read_first3, "conj": _read_first3, "mnli_dev": _read_mnli_dev,
    "xnli": _read_xnli, "oie": _read_oie, "anli": _read_anli, "scitail": _read_scitail,
    "tracie": _read_tracie, "wanli": _read_wanli, "breaking": _read_breaking,
}


def read_pairs(path: Path, reader: str, source: str) -> list[Pair]:
    out = []
    for premise, hypothesis, label in READERS[reader](path):
        y = _label(label)
        if y is None or not premise.strip() or not hypothesis.strip():
            continue
        out.append(Pair(premise.strip(), hypothesis.strip(), y, source))
    return out


def load_train_sets(nli_dir: Path, caps: dict[str, int] | None = None, seed: int = 13) -> list[Pair]:
    """Every shippable set, each capped at ``caps[name]`` pairs (a seeded sample)."""
    caps = caps or {}
    rng = random.Random(seed)
    eval_texts = _eval_premise_pairs(nli_dir)
    out: list[Pair] = []
    for s in TRAIN_SETS:
        pairs: list[Pair] = []
        for f in s.files:
            pairs.extend(read_pairs(nli_dir / f, s.reader, s.name))
        pairs = [p for p in pairs if (p.premise, p.hypothesis) not in eval_texts]  # CAD repeats SNLI test
        rng.shuffle(pairs)
        cap = caps.get(s.name)
        out.extend(pairs[:cap] if cap is not None else pairs)
    return out


def _eval_premise_pairs(nli_dir: Path) -> set[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    for file, reader in EVAL_SETS.values():
        path = nli_dir / file
        if path.exists() and reader in ("becel", "cad", "mnli_dev"):
            seen.update((p.premise, p.hypothesis) for p in read_pairs(path, reader, "eval"))
    return seen


def load_eval_set(nli_dir: Path, name: str, limit: int | None = None, seed: int = 13) -> list[Pair]:
    file, reader = EVAL_SETS[name]
    pairs = read_pairs(nli_dir / file, reader, name)
    if limit is not None and len(pairs) > limit:
        pairs = random.Random(seed).sample(pairs, limit)
    return pairs


# ---- contrast pairs ---------------------------------------------------------------------------
# Generic vocabulary of public records (no case's own words): what is counted, who acts, what
# exists, what is owned, which law. Each generator returns (premise, hypothesis, label, kind).

COUNTED = [
    ("hospital beds", "beds"), ("ventilators", "ventilators"), ("inspectors", "inspectors"),
    ("schools", "schools"), ("buses", "buses"), ("building permits", "permits"),
    ("complaints", "complaints"), ("employees", "employees"), ("patients", "patients"),
    ("laboratory tests", "tests"), ("trains", "trains"), ("contracts", "contracts"),
    ("stations", "stations"), ("wells", "wells"), ("apartments", "apartments"),
    ("households", "households"), ("flights", "flights"), ("vehicles", "vehicles"),
    ("kilometres of track", "kilometres"), ("sensors", "sensors"), ("clinics", "clinics"),
    ("teachers", "teachers"), ("licences", "licences"), ("bridges", "bridges"),
    ("water samples", "samples"), ("asylum requests", "requests"), ("doctors", "doctors"),
    ("polling stations", "polling stations"), ("turbines", "turbines"), ("drones", "drones"),
]
OTHER_COUNTED = {  # a different thing counted in the same breath
    "beds": "rooms", "ventilators": "oxygen tanks", "inspectors": "inspections", "schools": "classrooms",
    "buses": "bus lines", "permits": "applications", "complaints": "investigations", "employees": "vacancies",
    "patients": "hospitals", "tests": "laboratories", "trains": "routes", "contracts": "tenders",
    "stations": "platforms", "wells": "villages", "apartments": "buildings", "households": "towns",
    "flights": "airports", "vehicles": "depots", "kilometres": "stations", "sensors": "sites",
    "clinics": "districts", "teachers": "pupils", "licences": "companies", "bridges": "roads",
    "samples": "homes", "requests": "decisions", "doctors": "nurses", "polling stations": "municipalities",
    "turbines": "wind farms", "drones": "pilots",
}
ACTORS = [
    "the ministry", "the city council", "the national agency", "the regional government",
    "the state company", "the health department", "the regulator", "the mayor's office",
    "the railway operator", "the water utility", "the environment agency", "the port authority",
]
OTHER_ACTOR = {a: ACTORS[(i + 5) % len(ACTORS)] for i, a in enumerate(ACTORS)}
PLACES = ["the capital", "the northern region", "the port city", "the province", "three districts",
          "the county", "the old town", "the industrial zone"]
RECORDS = [
    ("an impact assessment", "the impact assessment"), ("a risk analysis", "the risk analysis"),
    ("a feasibility study", "the feasibility study"), ("a safety inspection", "the safety inspection"),
    ("a cost estimate", "the cost estimate"), ("a technical review", "the technical review"),
    ("an environmental permit", "the environmental permit"), ("a written contract", "the contract"),
    ("a list of the sites", "the list of sites"), ("minutes of the meeting", "the minutes"),
    ("a register of the devices", "the register"), ("an audit of the accounts", "the audit"),
]
OWNED = ["the network", "the pipeline", "the software", "the database", "the equipment",
         "the building", "the fleet", "the server room", "the monitoring system", "the depot"]
VERBS_DONE = ["installed", "built", "bought", "ordered", "delivered", "commissioned"]
LAWS = ["the Law on Public Procurement", "the Data Protection Act", "the Law on Planning and Construction",
        "the Health Care Act", "the Law on Local Self-Government", "the Water Act",
        "the Public Order Act", "the Energy Law"]
OPERATIONS = ["processing of the data", "the expropriation of the land", "the emergency purchase",
              "the closure of the road", "the sharing of the records", "the collection of samples"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
EVENTS = ["the station reopened", "the contract was signed", "the plant was switched off",
          "the tender was announced", "the works began", "the report was delivered",
          "the permit was issued", "the line was closed"]
ANTONYMS = [("rose", "fell"), ("increased", "decreased"), ("approved", "rejected"), ("opened", "closed"),
            ("expanded", "reduced"), ("accepted", "refused"), ("complete", "unfinished"),
            ("safe", "unsafe"), ("legal", "illegal"), ("public", "secret")]
ABOUT = ["about", "around", "roughly", "some", "approximately", "nearly", "almost"]


def _num(rng: random.Random) -> int:
    return rng.choice([rng.randint(3, 40), rng.randint(40, 400), rng.randint(100, 9000)])


def _fmt(n: int) -> str:
    return f"{n:,}"


def _far(n: int, rng: random.Random) -> int:
    """A figure well outside any rounding of ``n``."""
    factor = rng.choice([0.3, 0.45, 0.6, 1.6, 2.0, 3.0, 8.0])
    m = max(1, int(round(n * factor)))
    return m if abs(m - n) > max(2, n * 0.15) else n * 3 + 7


def _near(n: int, rng: random.Random) -> int:
    return max(1, n + rng.choice([-1, 1]) * max(1, int(n * rng.uniform(0.01, 0.04))))


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _year(rng: random.Random) -> int:
    return rng.randint(2008, 2025)


def contrast_pairs(n: int, seed: int = 13) -> list[Pair]:
    """``n`` generated pairs, balanced over kinds of contrast and labels."""
    rng = random.Random(seed)
    gens = list(_GENERATORS)
    out: list[Pair] = []
    while len(out) < n:
        gen = gens[len(out) % len(gens)]
        premise, hypothesis, label, kind = gen(rng)
        if rng.random() < 0.5 and kind not in _DIRECTED:
            premise, hypothesis = hypothesis, premise
        out.append(Pair(premise, hypothesis, label, f"contrast:{kind}"))
    return out


_DIRECTED = {"part_whole", "plan_fact"}


def _g_figure(rng: random.Random) -> tuple[str, str, int, str]:
    thing, short = rng.choice(COUNTED)
    actor, place, n = rng.choice(ACTORS), rng.choice(PLACES), _num(rng)
    year = _year(rng)
    a = f"{_cap(actor)} said that {_fmt(n)} {thing} are in use in {place}."
    if rng.random() < 0.5:
        b = f"According to the records, {place} has {_fmt(_far(n, rng))} {short}."
        return a, b, CON, "figure_changed"
    q = rng.choice(ABOUT)
    b = f"{_cap(place)} has {q} {_fmt(_near(n, rng))} {short} in use, {actor} reported in {year}."
    return a, b, ENT, "figure_within_qualifier"


def _g_other_counted(rng: random.Random) -> tuple[str, str, int, str]:
    thing, short = rng.choice(COUNTED)
    place, n = rng.choice(PLACES), _num(rng)
    other = OTHER_COUNTED[short]
    a = f"There are {_fmt(n)} {thing} in {place}."
    b = f"There are {_fmt(_far(n, rng))} {other} in {place}."
    return a, b, NEU, "other_thing_counted"


def _g_part_whole(rng: random.Random) -> tuple[str, str, int, str]:
    thing, short = rng.choice(COUNTED)
    whole = _num(rng) + 20
    part = max(1, whole // rng.randint(3, 9))
    place = rng.choice(PLACES)
    a = f"{_cap(place)} has {_fmt(whole)} {thing} in total."
    b = f"{_fmt(part)} of the {short} in {place} were added last year."
    if rng.random() < 0.5:
        return b, a, NEU, "part_whole"
    return a, f"Only {_fmt(part)} of them are new.", NEU, "part_whole"


def _g_negation(rng: random.Random) -> tuple[str, str, int, str]:
    rec, the_rec = rng.choice(RECORDS)
    actor = rng.choice(ACTORS)
    a = f"{_cap(actor)} carried out {rec} before the decision."
    forms = [
        f"{_cap(the_rec)} is not contained in any document held by {actor}.",
        f"No {rec.split(' ', 1)[1]} was ever made before the decision.",
        f"{_cap(actor)} has no record of {rec}.",
        f"{_cap(the_rec)} does not exist.",
    ]
    if rng.random() < 0.7:
        return a, rng.choice(forms), CON, "existence_flip"
    return rng.choice(forms), f"There is no {rec.split(' ', 1)[1]} on file.", ENT, "both_deny"


def _g_ownership(rng: random.Random) -> tuple[str, str, int, str]:
    actor, obj = rng.choice(ACTORS), rng.choice(OWNED)
    verb = rng.choice(VERBS_DONE)
    other = OTHER_ACTOR[actor]
    a = rng.choice([f"{_cap(obj)} belongs to {actor}.", f"{_cap(obj)} is owned by {actor}.",
                    f"{_cap(actor)} says {obj} is its own.", f"{_cap(actor)} {verb} {obj}."])
    r = rng.random()
    if r < 0.4:
        b = rng.choice([f"{_cap(actor)} did not install {obj} and does not own it.",
                        f"{_cap(obj)} is not the property of {actor}.",
                        f"{_cap(actor)} had nothing to do with {obj}."])
        return a, b, CON, "ownership_flip"
    if r < 0.7:
        b = rng.choice([f"{_cap(obj)} was {verb} and is owned by {other}, not {actor}.",
                        f"{_cap(other)} alone is responsible for {obj}."])
        return a, b, CON, "ownership_other"
    b = rng.choice([f"{_cap(actor)} is responsible for {obj}.", f"{_cap(obj)} is run by {actor}."])
    return a, b, ENT, "ownership_same"


def _g_change(rng: random.Random) -> tuple[str, str, int, str]:
    thing, short = rng.choice(COUNTED)
    actor, year = rng.choice(ACTORS), _year(rng)
    n = rng.randint(2, 60)
    a = rng.choice([f"The number of {thing} has not changed since {year}.",
                    f"{_cap(actor)} has not added any {short} since {year}.",
                    f"The {short} are the same as in {year}."])
    if rng.random() < 0.65:
        b = rng.choice([f"{_fmt(n)} {short} were added in {year + 1}.",
                        f"{_cap(actor)} bought {_fmt(n)} new {short} in {year + 2}.",
                        f"{_fmt(n)} of the {short} were replaced in {year + 1}."])
        return a, b, CON, "no_change_vs_change"
    b = f"{_fmt(n)} {short} were added in {year - 2}."
    return a, b, NEU, "change_before_period"


def _g_plan_fact(rng: random.Random) -> tuple[str, str, int, str]:
    thing, short = rng.choice(COUNTED)
    actor, n = rng.choice(ACTORS), _num(rng) + 30
    done = max(1, n // rng.randint(3, 10))
    a = f"{_cap(actor)} plans to have {_fmt(n)} {thing} by {_year(rng) + 3}."
    b = f"So far {_fmt(done)} {short} have been delivered."
    return a, b, NEU, "plan_fact"


def _g_date(rng: random.Random) -> tuple[str, str, int, str]:
    event, year = rng.choice(EVENTS), _year(rng)
    month = rng.randrange(12)
    day = rng.randint(1, 28)
    a = f"{_cap(event)} on {day} {MONTHS[month]} {year}."
    r = rng.random()
    if r < 0.55:
        other_year = year + rng.choice([-1, 1, 2])
        b = rng.choice([f"{_cap(event)} in {MONTHS[month]} {other_year}.",
                        f"{_cap(event)} on {day} {MONTHS[month]} {other_year}, the records show."])
        return a, b, CON, "date_changed"
    if r < 0.8:
        return a, f"{_cap(event)} in {MONTHS[month]} {year}.", ENT, "date_same"
    other_event = rng.choice([e for e in EVENTS if e != event])
    return a, f"{_cap(other_event)} on {rng.randint(1, 28)} {MONTHS[(month + 3) % 12]} {year + 1}.", NEU, "other_event"


def _g_antonym(rng: random.Random) -> tuple[str, str, int, str]:
    x, y = rng.choice(ANTONYMS)
    subj = rng.choice(["the budget", "the request", "the plan", "the number of cases", "the report",
                       "the project", "the procedure", "the tender", "the site"])
    if x in ("rose", "increased", "expanded", "fell", "decreased", "reduced"):
        a, b = f"{_cap(subj)} {x} in {_year(rng)}.", None
        b = a.replace(f" {x} ", f" {y} ")
    elif x in ("approved", "rejected", "opened", "closed", "accepted", "refused"):
        a = f"{_cap(subj)} was {x} by {rng.choice(ACTORS)}."
        b = a.replace(f" {x} ", f" {y} ")
    else:
        a = f"{_cap(subj)} is {x}."
        b = f"{_cap(subj)} is {y}."
    return a, b, CON, "antonym"


def _g_entity(rng: random.Random) -> tuple[str, str, int, str]:
    actor = rng.choice(ACTORS)
    other = OTHER_ACTOR[actor]
    rec, the_rec = rng.choice(RECORDS)
    year = _year(rng)
    a = f"{_cap(the_rec)} was signed by {actor} in {year}."
    if rng.random() < 0.6:
        return a, f"{_cap(the_rec)} was signed by {other} in {year}.", CON, "entity_swapped"
    return a, f"{_cap(actor)} signed {the_rec}.", ENT, "entity_same"


def _g_legal(rng: random.Random) -> tuple[str, str, int, str]:
    law, op = rng.choice(LAWS), rng.choice(OPERATIONS)
    art = rng.randint(2, 120)
    a = f"The legal basis for {op} is Article {art} of {law}."
    r = rng.random()
    if r < 0.45:
        b = rng.choice([f"There is no legal basis for {op}.",
                        f"{_cap(law)} does not allow {op}.",
                        f"No law provides for {op}."])
        return a, b, CON, "legal_basis_denied"
    if r < 0.7:
        return a, f"{_cap(op)} rests on {law}.", ENT, "legal_basis_same"
    other_op = rng.choice([o for o in OPERATIONS if o != op])
    return a, f"There is no legal basis for {other_op}.", NEU, "legal_basis_other_operation"


def _g_rewrite(rng: random.Random) -> tuple[str, str, int, str]:
    thing, short = rng.choice(COUNTED)
    actor, place, n, year = rng.choice(ACTORS), rng.choice(PLACES), _num(rng), _year(rng)
    forms = [
        f"In {year}, {actor} opened {_fmt(n)} new {thing} in {place}.",
        f"{_fmt(n)} new {thing} were opened in {place} by {actor} in {year}.",
        f"{_cap(actor)} opened {_fmt(n)} {short} in {place} in {year}.",
    ]
    a, b = rng.sample(forms, 2)
    return a, b, ENT, "rewrite"


_GENERATORS = (_g_figure, _g_other_counted, _g_part_whole, _g_negation, _g_ownership, _g_change,
               _g_plan_fact, _g_date, _g_antonym, _g_entity, _g_legal, _g_rewrite)
