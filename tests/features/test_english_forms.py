"""Serbian claims read in English (the Apertium form, with the glossary's words): deaths, change
and scope come out as they do from the Serbian pack. Sentences written for these tests."""

import pytest

from contradict import translate
from contradict.features import extract_cues, extract_quantities

needs_apertium = pytest.mark.skipif(not translate.available(), reason="apertium-hbs-eng not installed")


@pytest.mark.parametrize("english,expected", [
    # English forms as Apertium writes them
    ("died is 38 person.", [(38, "deaths")]),
    ("Number died takes out 1,240.", [(1240, "deaths")]),
    ("Number died rose is on 57.", [(57, "deaths")]),
    ("Recorded 7 death cases.", [(7, "deaths")]),
])
def test_deaths_in_english_forms(english, expected):
    assert [(q.value, q.unit) for q in extract_quantities(english, "en")] == expected


@pytest.mark.parametrize("english,change,scopes", [
    ("outside district fares not altered.", -1, ["outside:district"]),
    ("Out of the district fares stayed same.", -1, ["outside:district"]),
    ("except schools, consumption stayed same.", -1, ["outside:school"]),
    ("Throughout district fares doubled.", 1, ["across:district"]),
    ("The old tariff was put out of force.", 0, []),  # a state, not a scope
])
def test_change_and_scope_in_english_forms(english, change, scopes):
    c = extract_cues(english, "en")
    assert (c.change, c.scopes) == (change, scopes)


@needs_apertium
def test_serbian_and_its_english_form_agree():
    sr = ["U poplavama je umrlo 38 osoba.", "Broj umrlih iznosi 1.240.", "Van okruga cene karata nisu promenjene.",
          "Širom okruga cene karata su se udvostručile."]
    en = translate.to_english(sr)
    for s, e in zip(sr[:2], en[:2], strict=True):
        assert [q.unit for q in extract_quantities(s, "sr")] == [q.unit for q in extract_quantities(e, "en")] == ["deaths"]
    for s, e in zip(sr[2:], en[2:], strict=True):
        a, b = extract_cues(s, "sr"), extract_cues(e, "en")
        assert a.change == b.change and [x.split(":")[0] for x in a.scopes] == [x.split(":")[0] for x in b.scopes]
