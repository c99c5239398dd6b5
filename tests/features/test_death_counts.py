"""A count of deaths is read the same way in English and Serbian (Latin and Cyrillic): by a verb
of dying before or after a count of persons, by "the number of the dead ... is", or by a noun
phrase that names deaths. Sentences written for these tests, about no case of the corpora."""

import pytest

from contradict.features import extract_quantities


def counted(text, lang):
    return [(q.value, q.unit) for q in extract_quantities(text, lang)]


@pytest.mark.parametrize("text,expected", [
    ("In the floods 38 people died.", [(38, "deaths")]),
    ("The storm killed 12 people in the valley.", [(12, "deaths")]),
    ("The fire killed at least 9 residents.", [(9, "deaths")]),
    ("The outbreak claimed the lives of 21.", [(21, "deaths")]),
    ("By Friday the death toll had risen to 1,240.", [(1240, "deaths")]),
    ("The death toll stands at 57.", [(57, "deaths")]),
    ("There were 7 fatal cases among the miners.", [(7, "deaths")]),
    # a Serbian claim's English form as Apertium writes it
    ("Died 16 people.", [(16, "deaths")]),
    ("Recorded 40 death cases.", [(40, "deaths")]),
])
def test_english_deaths(text, expected):
    assert counted(text, "en") == expected


@pytest.mark.parametrize("text,expected", [
    # a verb of dying before the count of persons, and the count on its own
    ("U poplavama je preminulo 38 osoba.", [(38, "deaths")]),
    ("Umrlo je 12 pacijenata na odeljenju.", [(12, "deaths")]),
    ("U požaru je poginulo 9 ljudi.", [(9, "deaths")]),
    ("Stradalo je najmanje 21 lice.", [(21, "deaths")]),
    ("Od posledica nesreće preminulo je 5.", [(5, "deaths")]),
    # the number of the dead ... is / rose to N
    ("Broj umrlih od posledica gripa iznosi 1.240.", [(1240, "deaths")]),
    ("Broj preminulih porastao je na 57.", [(57, "deaths")]),
    ("Ukupan broj smrtnih slučajeva sada je 310.", [(310, "deaths")]),
    # a noun phrase that names deaths, and the verb after the count
    ("Zabeleženo je 7 smrtnih slučajeva.", [(7, "deaths")]),
    ("Potvrđeno je 45 slučajeva, od kojih 3 smrtna.", [(45, "slucaj"), (3, "deaths")]),
    ("U rudniku je 11 radnika poginulo.", [(11, "deaths")]),
])
def test_serbian_deaths_latin(text, expected):
    assert counted(text, "sr") == expected


@pytest.mark.parametrize("text,expected", [
    ("У поплавама је преминуло 38 особа.", [(38, "deaths")]),
    ("Број умрлих од последица грипа износи 1.240.", [(1240, "deaths")]),
    ("Погинуло је 9 људи.", [(9, "deaths")]),
    ("Забележено је 7 смртних случајева.", [(7, "deaths")]),
])
def test_serbian_deaths_cyrillic(text, expected):
    assert counted(text, "sr") == expected


@pytest.mark.parametrize("text,lang", [
    ("U poplavama je preminulo 38 osoba.", "sr"),
    ("In the floods 38 people died.", "en"),
])
def test_both_languages_name_the_same_unit(text, lang):
    assert counted(text, lang) == [(38, "deaths")]


@pytest.mark.parametrize("text,lang,expected", [
    # the verb governs its own count, not one joined by a conjunction or after a comma
    ("The blast killed 4 and injured 30 people.", "en", [(4, "deaths"), (30, "people")]),
    ("killing six and injuring three", "en", [(6, "deaths"), (3, None)]),
    ("Poginulo je 4 ljudi, a povređeno je 30 osoba.", "sr", [(4, "deaths"), (30, "people")]),
    ("Umrla su 2, a hospitalizovano je 40 pacijenata.", "sr", [(2, "deaths"), (40, "pacijent")]),
    # a count of something other than persons keeps its unit
    ("Preminuo je posle 3 dana u bolnici.", "sr", [(3, "days")]),
    ("He died 2 years later.", "en", [(2, "years")]),
    # persons without a verb of dying stay persons
    ("U bolnici se nalazi 120 pacijenata.", "sr", [(120, "pacijent")]),
    ("Evakuisano je 300 osoba.", "sr", [(300, "people")]),
])
def test_what_is_not_a_death(text, lang, expected):
    assert counted(text, lang) == expected


def test_a_death_adjective_before_another_noun_counts_that_noun():
    # "death sentences" are sentences, as "death certificates" are certificates
    assert counted("Izrečene su 3 smrtne presude.", "sr") == [(3, "presuda")]


@pytest.mark.parametrize("text,lang,expected", [
    # an outcome after "of which" / "od kojih" counts deaths as a total of their own ...
    ("The ward had 30 cases, eight of them fatal.", "en", [(30, "cases", None), (8, "deaths", None)]),
    ("The ward had 30 cases, of which 8 died.", "en", [(30, "cases", None), (8, "deaths", None)]),
    ("Na odeljenju je bilo 30 slučajeva, od kojih 8 smrtnih.", "sr", [(30, "slucaj", None), (8, "deaths", None)]),
    ("one of at least 12 people who died in the blaze", "en", [(12, "deaths", None)]),
    ("među 12 ljudi koji su preminuli u požaru", "sr", [(12, "deaths", None)]),
    # ... while "another" / "još" adds a part to a total named elsewhere
    ("Another 3 people died overnight.", "en", [(3, "deaths", "part")]),
    ("Još 3 osobe su preminule tokom noći.", "sr", [(3, "deaths", "part")]),
])
def test_deaths_among_cases_are_a_total_of_deaths(text, lang, expected):
    assert [(q.value, q.unit, q.scope) for q in extract_quantities(text, lang)] == expected


def test_the_outcome_words_name_the_unit_but_are_not_the_figure():
    (q,) = [q for q in extract_quantities("The ward had 30 cases, eight of them fatal.") if q.unit == "deaths"]
    assert q.text == "eight"  # not "eight of them fatal": "of them" shares out cases, not deaths
