"""change.v1 and ownership.v1: sentences from no corpus, in two vocabularies and both packs."""

from contradict.detect import change, detect_pair, ownership
from contradict.features.cues import extract_cues

from .helpers import pair, view


def v(text: str, id: str, source: str, date: str = "2021-06-01", language: str = "en", **kw):
    return view(text, id=id, source=source, date=date, language=language, case=None, **kw)


def test_change_flags_no_change_against_a_change_of_the_same_thing():
    same = v("The fleet has not grown since 2019.", "a", "Transport Office", "2021-03-01")
    grew = v("Twelve vehicles were added to the fleet in 2020.", "b", "Audit Office")
    f = change.check(same, grew, pair(0.6))
    assert f.values["unchanged"] == "a" and f.values["changed"] == "b"
    assert f.values["unchanged_words"] == "has not grown" and "fleet" in f.values["shared"]
    assert change.check(grew, same, pair(0.6)).values["unchanged"] == "a"  # either order


def test_change_does_not_fire_on_other_things_later_changes_or_two_changes():
    same = v("The fleet has not grown since 2019.", "a", "Transport Office", "2021-03-01")
    other = v("Ticket prices were cut in 2020.", "b", "Audit Office")
    assert change.check(same, other, pair(0.6)) is None  # nothing in common but the change
    later = v("Twelve vehicles were added to the fleet in May 2022.", "c", "Audit Office", "2022-06-01")
    assert change.check(same, later, pair(0.6)) is None  # a change after the claim that there was none
    grew = v("Twelve vehicles were added to the fleet in 2020.", "d", "Audit Office")
    also = v("The fleet grew by a third in 2020.", "e", "Media")
    assert change.check(grew, also, pair(0.6)) is None
    assert change.check(same, grew, pair(0.1)) is None  # too far apart to be one thing


def test_change_reads_serbian_from_its_pack():
    same = v("Broj respiratora u bolnici ostao je isti od 2019.", "a", "Bolnica", "2021-03-01", "sr")
    grew = v("Bolnica je 2020. dobila 30 novih respiratora, pa se broj respiratora udvostručio.", "b",
             "Ministarstvo", language="sr")
    assert same.cues["change"] == -1 and grew.cues["change"] == 1
    assert change.check(same, grew, pair(0.5)).values["changed"] == "b"


def test_serbian_no_change_and_change_in_their_usual_forms():
    for text in ("Cene karata nisu promenjene od 2019.", "Broj članova se nije promenio.",
                 "Cene su ostale iste.", "Потрошња је остала на истом нивоу.", "Nije bilo promena u broju članova.",
                 "Broj članova ne raste.", "Pogon i dalje ispunjava sve propise."):
        assert extract_cues(text, "sr").change == -1, text
    for text in ("Broj članova je opao za petinu.", "Subvencija je ukinuta.", "Prevoz je prestao da radi u maju."):
        assert extract_cues(text, "sr").change == 1, text
    assert extract_cues("Most je opasan za pešake.", "sr").change == 0  # "opasan" (dangerous) is no fall


def test_scope_words_come_from_the_packs():
    assert extract_cues("Outside the district, bus fares did not change.").scopes == ["outside:district"]
    assert extract_cues("Across the whole district, bus fares doubled.").scopes == ["across:district"]
    assert extract_cues("Van okruga cene karata nisu promenjene.", "sr").scopes == ["outside:okrug"]
    assert extract_cues("Осим школа, потрошња струје остала је иста.", "sr").scopes == ["outside:skola"]
    assert extract_cues("Širom okruga cene karata su se udvostručile.", "sr").scopes == ["across:okrug"]
    # "besides" and "out of force" name no scope
    assert extract_cues("Osim toga, cene karata su porasle.", "sr").scopes == []
    assert extract_cues("Stari cenovnik je stavljen van snage.", "sr").scopes == []


def test_change_does_not_fire_across_different_scopes():
    outside = v("Outside the district, bus fares did not change in 2020.", "a", "Transport Office", "2021-03-01")
    across = v("Across the district, bus fares doubled in 2020.", "b", "Audit Office")
    plain = v("Bus fares doubled in 2020.", "c", "Audit Office")
    assert change.check(outside, across, pair(0.7)) is None  # a part taken out vs the whole
    assert change.check(across, outside, pair(0.7)) is None
    assert change.check(outside, plain, pair(0.7)) is None  # one restricts, the other does not
    county = v("Across the county, bus fares have not changed since 2019.", "d", "Transport Office", "2021-03-01")
    assert change.check(county, across, pair(0.7)) is None  # two different wholes
    same = v("Across the district, bus fares have not changed since 2019.", "e", "Transport Office", "2021-03-01")
    assert change.check(same, across, pair(0.7)) is not None  # the same scope on both sides
    unplaced = v("Bus fares have not changed since 2019.", "f", "Transport Office", "2021-03-01")
    assert change.check(unplaced, across, pair(0.7)) is not None  # naming the whole restricts nothing


def test_change_scope_guard_in_serbian_latin_and_cyrillic():
    van = v("Van okruga cene karata nisu promenjene 2020. godine.", "a", "Uprava", "2021-03-01", "sr")
    sirom = v("Широм округа цене карата су се удвостручиле 2020. године.", "b", "Revizija", language="sr")
    assert change.check(van, sirom, pair(0.7)) is None
    isto = v("Cene karata u okrugu nisu promenjene od 2019. godine.", "c", "Uprava", "2021-03-01", "sr")
    assert change.check(isto, sirom, pair(0.7)) is not None


def test_responsibility_cues_name_the_act_the_actors_and_who_is_left_out():
    c = extract_cues("The route was chosen by the transport agency rather than by the city council.")
    assert c.acts == ["decide"] and c.agents == ["agency"] and c.excluded == ["city", "council"]
    c = extract_cues("Nadzor nad gradilištem obavljala je neka druga firma.", "sr")
    assert c.acts == ["supervise"] and c.other_agent and not c.agents  # "another firm" names no one
    c = extract_cues("Министарство није имало утицаја на избор извођача.", "sr")
    assert c.excluded == ["ministarstv"] and not c.agents
    c = extract_cues("We did not install that network.")
    assert c.acts == ["install"] and c.excluded == ["@self"]


def test_ownership_flags_an_actor_named_by_one_and_excluded_by_the_other():
    named = v("The route was chosen by the city council in March.", "a", "Mayor's Office", "2021-03-01")
    denied = v("The route was chosen by the transport agency, not by the city council.", "b", "Court of Audit")
    f = ownership.check(named, denied, pair(0.6))
    assert str(f.topic) == "who:decide" and "council" in f.explanation
    assert ownership.check(denied, named, pair(0.6)).values["act"] == "decide"
    # the same actor named on both sides: no contradiction
    same = v("The city council chose the route after a public hearing.", "c", "Media")
    assert ownership.check(named, same, pair(0.6)) is None


def test_ownership_first_person_reads_as_the_source_and_installing_answers_owning():
    ours = v("The camera network is ours.", "a", "Water Utility", "2021-03-01")
    not_us = v("We did not install that camera network.", "b", "Water Utility")
    f = ownership.check(ours, not_us, pair(0.6))
    assert f.relation == "update" and "itself" in f.explanation  # the same source, later
    other = v("We did not install that camera network.", "c", "Police")
    assert ownership.check(ours, other, pair(0.6)) is None  # the police's "we" is not the utility


def test_ownership_someone_else_across_languages_and_nothing_without_a_shared_act():
    named = v("The works on the bridge were supervised by Geoplan, a consulting firm.", "a", "Contractor")
    other = v("Nadzor nad radovima na mostu obavljala je neka druga firma iz konzorcijuma.", "b", "Consortium",
              language="sr")
    other.row["text_en"] = "The supervision over the works on the bridge was done by some other firm of the consortium."
    from contradict.detect import english_view

    named.en, other.en = named, english_view(other)
    (f,) = detect_pair(named, other, pair(0.3), ("ownership.v1",))  # close only in English words
    assert f.type == "ownership" and f.signals["english_forms"]
    paid = v("Geoplan was paid 40 million euros for the design.", "c", "Media")
    assert ownership.check(paid, other, pair(0.5)) is None


def test_someone_else_in_a_serbian_claims_english_form():
    # Apertium writes "neka druga firma" as "so other firm": the English pack reads it as "some other"
    c = extract_cues("Supervision over works on the bridge, for denial, did so other member consortium.")
    assert c.acts == ["supervise"] and c.other_agent and "member" not in c.agents


def test_a_minister_acts_for_his_ministry():
    # the head and the body he runs are one actor to the responsibility rules, in both packs
    assert extract_cues("The ministry had no role in the choice of the contractor.").excluded == ["ministry"]
    assert extract_cues("The minister was responsible for the choice of the route.").agents == ["ministry"]
    assert extract_cues("Ministar je bio odgovoran za izbor trase.", "sr").agents == ["ministarstv"]
    excluded = v("Министарство није имало утицаја на избор извођача и надзор.", "a", "Vlada", language="sr")
    duty = v("Prema sudu, ministar je bio dužan da proveri izbor izvođača.", "b", "Sud", language="sr")
    f = ownership.check(excluded, duty, pair(0.45))
    assert f is not None and f.values["act"] == "responsible"


def test_beyond_an_actors_influence_takes_the_actor_out():
    c = extract_cues("The mayor said the supervision of the works had been beyond his council's influence.")
    assert c.acts == ["supervise"] and c.excluded == ["council"] and "council" not in c.agents
    c = extract_cues("The choice of the route was outside the control of the agency.")
    assert c.acts == ["decide"] and c.excluded == ["agency"]
