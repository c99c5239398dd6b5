import pytest

from contradict.case import load_case_rules
from contradict.features.quantities import extract_quantities

# the bundled case's own words (cameras and their subtypes, camera locations, biometric
# identification) come from its contradict.yaml, as a scan reads them
BELGRADE = load_case_rules("corpora/belgrade-surveillance")


def one(text, lang="en"):
    qs = extract_quantities(text, lang)
    return [(q.value, q.unit, q.qualifier, q.scope) for q in qs]


def test_counts_keep_the_thing_counted_and_qualifier():
    assert one("about 1,000 new cameras at 800 locations") == [
        (1000.0, "cameras", "about", None), (800.0, "locations", "exact", None)]


@pytest.mark.parametrize("text,qualifier,low,high", [
    ("almost 1,000 cameras", "almost", 900, 1000),
    ("about 1,000 cameras", "about", 900, 1100),
    ("more than 8,000 cameras", "more_than", 8000, float("inf")),
    ("up to 2,000 cameras", "at_most", 0, 2000),
    ("1,000 cameras", "exact", 950, 1050),  # a round figure is read as rounded
    ("107 cameras", "exact", 107, 107),
])
def test_qualifiers_give_intervals(text, qualifier, low, high):
    (q,) = extract_quantities(text)
    assert (q.qualifier, q.low, q.high) == (qualifier, pytest.approx(low), pytest.approx(high))


def test_between_is_a_range():
    (q,) = extract_quantities("between 600 and 700 cameras")
    assert (q.qualifier, q.low, q.high, q.unit) == ("range", 600, 700, "cameras")


def test_number_words_and_money():
    assert one("For two thousand cameras we pay €13 million.") == [
        (2000.0, "cameras", "exact", None), (13_000_000.0, "euros", "exact", None)]


def test_serbian_thousands_separator():
    (q,) = extract_quantities("8.100 kamera", "sr")
    assert q.value == 8100


def test_references_years_and_days_are_not_amounts():
    text = "Under Article 52(8) of the Law on Police (Official Gazette 87/2018), on 9 February 2019."
    assert extract_quantities(text) == []


def test_subtypes_of_a_breakdown():
    text = ("The DPIA lists 8,100 cameras: 2,500 fixed cameras in public places, 3,500 mobile cameras, "
            "1,500 body-worn cameras and 600 mounted on vehicles.")
    assert [(q.value, q.scope) for q in extract_quantities(text, "en", BELGRADE)] == [
        (8100, None), (2500, "fixed"), (3500, "mobile"), (1500, "body-worn"), (600, "vehicle")]


def test_a_rollout_schedule_is_not_a_set_of_totals():
    qs = extract_quantities("10 cameras in March, 50 in June, 200 in September and 400 by the end of 2019.")
    assert {q.scope for q in qs} == {"schedule"} and {q.unit for q in qs} == {"cameras"}


def test_pilot_scope_covers_the_claim():
    qs = extract_quantities("Huawei said nine test cameras were first installed at five locations.")
    assert [(q.value, q.unit, q.scope) for q in qs] == [(9, "cameras", "pilot"), (5, "locations", "pilot")]


# --- counted nouns read off the claim itself (no list of topics, no case file) -----------------

@pytest.mark.parametrize("text,expected", [
    ("Between June 2014 and March 2015 the county had 45 confirmed cases, seven of them fatal.",
     [(45, "cases"), (7, "deaths")]),
    ("with 45 confirmed cases in the county and five deaths", [(45, "cases"), (5, "deaths")]),
    ("three of those patients died", [(3, "deaths")]),
    ("The hospital received 120 new ventilators in April.", [(120, "ventilators")]),
    ("The registry issued 2,300 death certificates.", [(2300, "certificates")]),
    ("and with further case information the count of deaths is now four", [(4, "deaths")]),
])
def test_the_counted_noun_comes_from_the_claims_own_words(text, expected):
    assert [(q.value, q.unit) for q in extract_quantities(text, "en")] == expected


def test_a_year_is_not_counted_by_a_noun_that_follows_it():
    assert [q.unit for q in extract_quantities("In 2019 reports showed 40 new cases.")] == ["cases"]


def test_a_concentration_is_a_measure_not_a_count_of_parts():
    qs = extract_quantities("the 90th percentile reached 25 parts per billion, beyond the 15 ppb action level")
    assert [(q.value, q.unit) for q in qs] == [(25, "ppb"), (15, "ppb")]  # "billion" is no amount here
