"""Serbian (Latin and Cyrillic): numbers, counted nouns, dates, cues, legal references, and
offsets that stay valid for the original text although the features are found in Latin."""

import pytest

from contradict.case import load_case_rules
from contradict.features import extract_cues, extract_dates, extract_legal_refs, extract_quantities
from contradict.features.numbers import parse_digits, parse_words
from contradict.lang import rules, to_latin

# the bundled case's own words (cameras, their subtypes, biometric identification) come from
# its contradict.yaml, as a scan reads them
BELGRADE = load_case_rules("corpora/belgrade-surveillance")


def lemma_sr(word):
    return BELGRADE.unit_of(word, "sr") or rules("sr").counts.lexicon(word)


def qs(text):
    return [(q.value, q.unit, q.qualifier, q.scope) for q in extract_quantities(text, "sr", BELGRADE)]


# --- numbers ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text,value", [
    ("1.000", 1000), ("8.100", 8100), ("2,5", 2.5), ("1.500.000", 1_500_000), ("13", 13),
])
def test_serbian_digits(text, value):
    assert parse_digits(text, "sr") == value


@pytest.mark.parametrize("words,value", [
    ("hiljadu", 1000), ("dve hiljade", 2000), ("dvesta", 200), ("devet", 9), ("pet", 5),
    ("dvema", 2), ("dveju", 2), ("osam hiljada sto", 8100), ("hiljadu i dvesta", 1200),
    ("četiri", 4), ("cetiri", 4), ("jedan milion", 1_000_000), ("tri miliona", 3_000_000),
])
def test_serbian_number_words(words, value):
    assert parse_words(words, "sr") == value


def test_number_words_and_digits_in_claims_latin_and_cyrillic():
    assert qs("Za dve hiljade kamera država plaća 13 miliona evra.") == [
        (2000, "cameras", "exact", None), (13_000_000, "euros", "exact", None)]
    assert qs("За хиљаду камера") == [(1000, "cameras", "exact", None)]
    assert qs("Budžet je 1,6 milijardi dinara.") == [(1_600_000_000, "dinars", "exact", None)]


def test_articles_and_what_are_not_numbers():
    assert qs("Informacija nije sadržana ni u jednom dokumentu.") == []
    assert qs("Što se tiče kamera, to nije poznato.") == []  # "što" folds to "sto" (100)


# --- counted nouns -----------------------------------------------------------------------------

@pytest.mark.parametrize("form,lemma", [
    ("kamera", "cameras"), ("kamere", "cameras"), ("kamerama", "cameras"), ("kameru", "cameras"),
    ("lokacija", "locations"), ("lokacije", "locations"), ("lokacijama", "locations"),
    ("lokaciji", "locations"), ("mesta", "locations"), ("tačaka", "locations"),
    ("gradova", "cities"), ("gradovima", "cities"), ("evra", "euros"), ("dinara", "dinars"),
    ("dana", "days"), ("godina", "years"), ("zahteva", "requests"), ("građana", "people"),
    ("Kamera", "cameras"), ("video-kamere", "cameras"), ("камера", None),
])
def test_lemmas_match_the_english_units(form, lemma):
    assert lemma_sr(form) == lemma


@pytest.mark.parametrize("word", ["kamion", "lokal", "je", ""])
def test_other_words_are_not_in_the_general_list(word):
    assert rules("sr").counts.lexicon(word) is None


@pytest.mark.parametrize("word,unit", [
    ("kamiona", "kamion"), ("slučajeva", "slucaj"), ("respiratora", "respirator"), ("je", None), ("umrlo", None),
])
def test_any_noun_counts_itself_by_its_lemma(word, unit):
    # a noun outside the list counts by its own (folded) lemma; function words and verbs never
    assert rules("sr").counts.unit_of(word) == unit


def test_inflected_nouns_after_modifiers():
    assert qs("Trenutno na 61 lokaciji radi 107 unapređenih kamera.") == [
        (61, "locations", "exact", "installed"), (107, "cameras", "exact", "installed")]
    assert qs("u pet gradova i na dvema lokacijama") == [
        (5, "cities", "exact", None), (2, "locations", "exact", None)]


# --- qualifiers and scopes -----------------------------------------------------------------------

@pytest.mark.parametrize("text,qualifier,low,high", [
    ("oko 1.000 kamera", "about", 900, 1100),
    ("skoro 1.000 kamera", "almost", 900, 1000),
    ("gotovo 1.000 kamera", "almost", 900, 1000),
    ("blizu 1.000 kamera", "almost", 900, 1000),
    ("više od 8.000 kamera", "more_than", 8000, float("inf")),
    ("najmanje 500 kamera", "at_least", 500, float("inf")),
    ("do 2.000 kamera", "at_most", 0, 2000),
    ("između 600 i 700 kamera", "range", 600, 700),
])
def test_serbian_qualifiers(text, qualifier, low, high):
    (q,) = extract_quantities(text, "sr")
    assert (q.qualifier, q.low, q.high) == (qualifier, pytest.approx(low), pytest.approx(high))


def test_serbian_scopes_of_a_breakdown():
    text = ("Planirano je 8.100 kamera: 2.500 fiksnih kamera, 3.500 mobilnih kamera, "
            "1.500 nosivih kamera i 600 kamera u vozilima.")
    assert [(q.value, q.scope) for q in extract_quantities(text, "sr", BELGRADE)] == [
        (8100, "planned"), (2500, "fixed"), (3500, "mobile"), (1500, "body-worn"), (600, "vehicle")]


@pytest.mark.parametrize("text,scope", [
    ("U Beogradu će biti postavljeno 1.000 kamera.", "planned"),
    ("Biće postavljeno 1.000 kamera.", "planned"),
    ("Ministarstvo planira 1.000 kamera.", "planned"),
    ("Već je postavljeno 1.000 kamera.", "installed"),
    ("Trenutno radi 107 kamera.", "installed"),
    ("Huawei je postavio devet probnih kamera na pet lokacija.", "pilot"),
    ("У пилот фази постављено је девет камера.", "pilot"),
])
def test_serbian_installed_planned_and_pilot(text, scope):
    assert extract_quantities(text, "sr")[0].scope == scope


def test_a_serbian_schedule_is_not_a_set_of_totals():
    found = extract_quantities("10 kamera u martu, 50 u junu, 200 u septembru i 400 do kraja godine.", "sr", BELGRADE)
    assert {q.scope for q in found} == {"schedule"} and {q.unit for q in found} == {"cameras"}


def test_references_and_dates_are_not_amounts():
    text = "Prema članu 52. stav 8. Zakona o policiji (Službeni glasnik RS, br. 87/2018), 9. februara 2019. godine."
    assert extract_quantities(text, "sr") == []


# --- dates -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,value,gran,part", [
    ("9. februar 2019.", "2019-02-09", "day", None),
    ("9. februara 2019. godine", "2019-02-09", "day", None),
    ("9. фебруара 2019. године", "2019-02-09", "day", None),
    ("23. septembra 2019", "2019-09-23", "day", None),
    ("9.2.2019.", "2019-02-09", "day", None),
    ("u decembru 2020. godine", "2020-12", "month", None),
    ("krajem novembra 2019.", "2019-11", "month", "end"),
    ("у августу 2021", "2021-08", "month", None),
    ("krajem 2020. godine", "2020", "year", "end"),
    ("do kraja 2021. године", "2021", "year", "end"),
    ("početkom 2019.", "2019", "year", "early"),
    ("sredinom 2020.", "2020", "year", "mid"),
])
def test_serbian_dates(text, value, gran, part):
    (d,) = extract_dates(text, "sr")
    assert (d.value, d.granularity, d.part) == (value, gran, part)
    assert text[d.start : d.end] == d.text


@pytest.mark.parametrize("month,number", [
    ("januar", 1), ("januara", 1), ("februaru", 2), ("marta", 3), ("aprilom", 4), ("maja", 5),
    ("juna", 6), ("jula", 7), ("avgusta", 8), ("septembar", 9), ("oktobra", 10), ("novembru", 11),
    ("decembar", 12), ("децембра", 12),
])
def test_month_names_in_every_case(month, number):
    (d,) = extract_dates(f"1. {month} 2020.", "sr")
    assert d.value == f"2020-{number:02d}-01"


def test_gazette_numbers_are_not_years():
    assert extract_dates("Službeni glasnik RS, br. 87/2018", "sr") == []


# --- cues --------------------------------------------------------------------------------------

def cue(text):
    c = extract_cues(text, "sr", BELGRADE)
    return c


@pytest.mark.parametrize("text", [
    "Informacija o lokacijama kamera nije sadržana ni u jednom dokumentu.",
    "Информација о локацијама камера није садржана ни у једном документу.",
    "Analiza na osnovu koje su izabrane lokacije ne postoji.",
    "Procena uticaja obrade nije izvršena.",
    "Procena uticaja nije sprovedena.",
    "Ministarstvo nije izvršilo procenu uticaja.",
])
def test_serbian_existence_denied(text):
    assert cue(text).existence == -1


@pytest.mark.parametrize("text", [
    "Sve lokacije na kojima će biti nove kamere već su poznate.",
    "Pre izbora lokacija urađene su analize krivičnih dela.",
    "Izvršene su analize, a urađena je i procena uticaja.",
])
def test_serbian_existence_affirmed(text):
    assert cue(text).existence == 1


def test_records_are_the_english_keys():
    assert set(cue("Ni analiza ni lokacije kamera nisu sadržane ni u jednom dokumentu.").records) == {
        "crime_analysis", "camera_locations"}
    assert cue("Procena uticaja na zaštitu podataka nije urađena.").records == ["dpia"]


def test_negative_concord_is_one_negation():
    # "Ni ... ne ... ni" negates once: English-style parity would make it affirm
    assert cue("Ni analiza ne nalazi se ni u jednom dokumentu.").polarity == -1
    assert cue("Lokacije su poznate.").polarity == 1
    assert cue("Ne samo da su lokacije poznate.").polarity == 1


@pytest.mark.parametrize("text,stance", [
    ("Nema pravnog osnova za obradu biometrijskih podataka.", -1),
    ("Nema odgovarajućeg pravnog osnova za nameravanu obradu.", -1),
    ("Takva obrada bila bi povreda Zakona o zaštiti podataka o ličnosti.", -1),
    ("Pre uvođenja mora da se donese zakon o obradi biometrijskih podataka.", -1),
    ("Ministarstvo je ovlašćeno da prikuplja video snimke.", 1),
    ("Obrada je u skladu sa zakonom.", 1),
    ("Ministarstvo nije ovlašćeno za biometrijsku obradu.", -1),
    ("Da li je policija ovlašćena da koristi prepoznavanje lica?", 0),
])
def test_serbian_legal_stance(text, stance):
    assert cue(text).legal_stance == stance


@pytest.mark.parametrize("text,disclosure", [
    ("Dokumenti o nabavci su poverljivi.", -1),
    ("Ugovor je označen kao državna tajna.", -1),
    ("Lokacije kamera nisu objavljene.", -1),
    ("Huawei je objavio studiju slučaja na svom sajtu.", 1),
])
def test_serbian_disclosure(text, disclosure):
    assert cue(text).disclosure == disclosure


def test_serbian_processing_operations_and_biometric_use():
    c = cue("Kamere za prepoznavanje lica omogućavaju identifikaciju građana.")
    assert "biometric" in c.operations and c.uses["biometric"] == 1
    d = cue("Sistem neće biti povezan sa zbirkama biometrijskih podataka.")
    assert d.uses["biometric"] == -1 and d.connection
    assert "biometric" not in cue("Policija snima javna mesta video-nadzorom.").operations


def test_cue_phrases_are_quoted_from_the_original_script():
    c = cue("Информација о локацијама није садржана ни у једном документу.")
    assert "није садржана" in c.found


# --- legal references --------------------------------------------------------------------------

def test_serbian_and_english_names_of_a_law_share_a_key():
    # the case names its jurisdiction's laws once (contradict.yaml ``laws``), in both languages
    en = {r.law for r in extract_legal_refs("the Law on Personal Data Protection and the Law on Police", "en", BELGRADE)}
    for text in ("Zakon o zaštiti podataka o ličnosti i Zakon o policiji",
                 "Zakona o zaštiti podataka o ličnosti i Zakona o policiji",
                 "Zakonom o zaštiti podataka o ličnosti i Zakonu o policiji",
                 "Законом о заштити података о личности и Законом о полицији"):
        assert {r.law for r in extract_legal_refs(text, "sr", BELGRADE)} == en


def test_serbian_article_paragraph_and_gazette():
    text = "Prema članu 52. stav 8. Zakona o policiji (Službeni glasnik RS, br. 87/2018)"
    (r,) = extract_legal_refs(text, "sr", BELGRADE)
    assert (r.law, r.article, r.paragraph, r.gazette) == ("police", "52", "8", "87/2018")
    assert text[r.start : r.end] == r.text == "članu 52. stav 8. Zakona o policiji"
    (c,) = extract_legal_refs("чл. 55 Закона о заштити података о личности", "sr", BELGRADE)
    assert (c.law, c.article, c.law_name) == ("personal_data_protection", "55", "Закона о заштити података о личности")


# --- transliteration and offsets -------------------------------------------------------------------

def test_transliteration_maps_every_offset_back():
    original = "Љубљана, Њиве, џак: хиљаду камера на 800 локација."
    lt = to_latin(original)
    assert lt.text == "Ljubljana, Njive, džak: hiljadu kamera na 800 lokacija."
    for word in ("Ljubljana", "Njive", "džak", "hiljadu kamera", "800 lokacija"):
        s = lt.text.index(word)
        os_, oe = lt.span(s, s + len(word))
        assert to_latin(original[os_:oe]).text == word


def test_all_caps_digraphs():
    assert to_latin("ЉУБАВ и ЏАК").text == "LJUBAV i DŽAK"


def test_feature_offsets_are_valid_for_the_cyrillic_original():
    text = "Њихових 8.100 камера и хиљаду камера на 661 локацији, према члану 52. Закона о полицији, 9. фебруара 2019."
    for q in extract_quantities(text, "sr", BELGRADE):
        assert text[q.start : q.end] == q.text
    assert [q.text for q in extract_quantities(text, "sr", BELGRADE)] == ["8.100 камера", "хиљаду камера", "661 локацији"]
    for d in extract_dates(text, "sr"):
        assert text[d.start : d.end].strip() == d.text
    for r in extract_legal_refs(text, "sr", BELGRADE):
        assert text[r.start : r.end] == r.text


def test_claims_keep_the_original_and_carry_the_latin_form():
    from contradict.claims import split_claims
    from contradict.ingest.base import Document

    text = "Министарство је 9. фебруара 2019. године, према чл. 5. Закона о полицији, објавило 8.100 камера. Све локације су познате."
    doc = Document(id="d", path="d.md", format="md", text=text, meta={"language": "sr"})
    claims = split_claims(doc, case=BELGRADE)
    assert [c.text for c in claims] == [
        "Министарство је 9. фебруара 2019. године, према чл. 5. Закона о полицији, објавило 8.100 камера.",
        "Све локације су познате."]
    first = claims[0]
    assert text[first.start : first.end] == first.text
    assert first.features()["text_latin"] == first.row()["text_latin"] == (
        "Ministarstvo je 9. februara 2019. godine, prema čl. 5. Zakona o policiji, objavilo 8.100 kamera.")
    q = first.quantity_rows()[0]
    assert text[q["start"] : q["end"]] == "8.100 камера"


def test_serbian_ordinals_and_abbreviations_do_not_split_sentences():
    from contradict.claims import split_claims
    from contradict.ingest.base import Document

    text = ("Prema članu 52. stav 8. Zakona o policiji, tzv. pametne kamere rade od 9. februara 2019. "
            "godine, br. 87/2018 i čl. 5. Novi stav počinje ovde i ima dovoljno reči.")
    doc = Document(id="d", path="d.md", format="md", text=text, meta={"language": "sr"})
    assert [c.text for c in split_claims(doc)] == [
        "Prema članu 52. stav 8. Zakona o policiji, tzv. pametne kamere rade od 9. februara 2019. godine, br. 87/2018 i čl. 5.",
        "Novi stav počinje ovde i ima dovoljno reči."]


def test_english_rules_are_untouched_by_serbian_ones():
    # an English claim is read with the English rules only
    assert [(q.value, q.unit) for q in extract_quantities("about 1,000 new cameras", "en")] == [(1000, "cameras")]
    assert extract_cues("No document contains the camera locations.", "en", BELGRADE).existence == -1


def test_without_a_case_file_a_serbian_law_is_keyed_by_its_own_name():
    (r,) = extract_legal_refs("prema članu 8. Zakona o planiranju i izgradnji", "sr")
    assert (r.law, r.article) == ("zakon_o_planiranju_i_izgradnji", "8")


def test_serbian_counted_nouns_without_a_case_file():
    # an adjective in the genitive plural is skipped; a noun the dictionary lacks counts by its
    # stem; "broji" (counts) is not "broj" (number); "četiri puta više" counts no thing
    qs = extract_quantities("Документација броји 195 докумената сложених у осам великих регистратора.", "sr")
    assert [(q.value, q.unit) for q in qs] == [(195, "dokument"), (8, "registrator")]
    assert [q.unit for q in extract_quantities("ima oko četiri puta više dokumenata", "sr")] == [None]
