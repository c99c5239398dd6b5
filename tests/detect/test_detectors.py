from contradict.detect import (
    antonym,
    detect_pair,
    entity,
    existence,
    legal_basis,
    numeric,
    polarity,
    temporal,
)
from contradict.finding import Topic

from .helpers import pair, view

NEAR = pair(0.8, 0.9)  # near duplicates: most words shared


def test_numeric_flags_different_counts_of_the_same_thing():
    a = view("The minister said about 1,000 cameras will be installed.", id="a", source="Government", date="2019-01-31")
    b = view("The impact assessment covers 8,100 cameras in total.", id="b", source="Ministry", kind="dpia", date="2020-06")
    f = numeric.check(a, b, pair())
    assert f.values == {"a": 1000.0, "b": 8100.0, "unit": "cameras", "qualifier_a": "about",
                        "qualifier_b": "exact", "scope_a": "planned", "scope_b": "planned"}
    assert f.relation == "contradiction"
    assert f.explanation == ("Government (2019-01-31) puts the number of cameras at about 1,000; "
                             "the DPIA filing of Ministry (2020-06) gives 8,100.")


def test_numeric_same_source_later_is_an_update():
    a = view("About 1,000 cameras will be installed.", id="a", date="2019-01-31")
    b = view("There will be 2,000 cameras instead.", id="b", date="2019-11")
    assert numeric.check(a, b, pair()).relation == "update"


def test_numeric_respects_rounding_qualifiers():
    a = view("Almost 1,000 cameras will be installed within two years.", id="a")
    b = view("About 1,000 cameras will be installed in the city.", id="b")
    c = view("The plan is for more than 8,000 cameras.", id="c")
    d = view("The plan lists 8,100 cameras.", id="d")
    for x, y in ((a, b), (c, d)):  # compatible figures are compatible whichever is said first
        assert numeric.check(x, y, pair(0.9)) is None and numeric.check(y, x, pair(0.9)) is None
    more = view("About 1,200 cameras will be installed in the city.", id="e")  # beyond any rounding
    assert numeric.check(a, more, pair(0.9)) is not None and numeric.check(more, a, pair(0.9)) is not None


def test_numeric_different_things_parts_and_phases_are_not_compared():
    cams = view("1,000 cameras will be installed at 800 locations.", id="a")
    locs = view("The list covers 1,000 locations.", id="b")
    assert numeric.check(view("There are 61 locations with cameras.", id="c"),
                         view("There are 107 cameras working.", id="d"), pair()) is None
    only_cams = view("1,000 cameras will be installed.", id="i")
    assert numeric.check(only_cams, locs, pair()) is None  # cameras vs locations: not the same thing
    pilot = view("Huawei installed nine test cameras at five locations.", id="e")
    assert numeric.check(pilot, cams, pair()) is None
    part = view("The DPIA lists 2,500 fixed cameras in public places.", id="f")
    assert numeric.check(part, view("The DPIA lists 8,100 cameras in total.", id="g"), pair()) is None
    schedule = view("10 cameras will go up in March, 50 in June and 400 by the end of 2019.", id="h")
    assert numeric.check(schedule, cams, pair()) is None


def test_numeric_installed_counts_may_grow_but_not_shrink():
    early = view("689 cameras have been verified by citizens so far.", id="a", source="CSO", date="2020-07")
    later = view("About 1,000 cameras have already been installed.", id="b", source="Media", date="2021-06")
    assert numeric.check(early, later, pair()) is None
    shrink_a = view("The ministry installed about 800 locations this year.", id="c", date="2020-10")
    shrink_b = view("So far cameras are installed at 661 locations.", id="d", date="2021-05")
    assert numeric.check(shrink_a, shrink_b, pair()).values["b"] == 661


def test_existence_flags_exists_vs_not_contained():
    a = view("All camera locations are already known, the Police Director said.", id="a", date="2019-02-09")
    b = view("Information on camera locations is not contained in any document.", id="b", kind="foi_response", date="2019-04")
    f = existence.check(a, b, pair(0.3))
    assert f.values["records"] == ["camera_locations"] and f.relation == "contradiction"


def test_existence_does_not_fire_on_two_denials_other_records_or_later_events():
    neg = view("An impact assessment has not been carried out.", id="a", date="2019-04")
    assert existence.check(neg, view("No impact assessment exists.", id="b"), pair()) is None
    assert existence.check(neg, view("Camera locations were carried out and known.", id="c", date="2019-02"), pair()) is None
    later = view("The impact assessment was sent to the Commissioner on 23 September 2019.", id="d", date="2019-09-23")
    assert existence.check(neg, later, pair()) is None


def test_legal_basis_same_operation_opposite_stance():
    yes = view("The Ministry is authorised to process biometric data to identify persons.", id="a", source="Commissioner", date="2019-03")
    no = view("No appropriate legal basis exists for biometric identification.", id="b", source="Commissioner", date="2020")
    assert legal_basis.check(yes, no, pair()).values["operation"] == "biometric"
    record = view("The police may record public places.", id="c")
    assert legal_basis.check(record, no, pair()) is None


def test_polarity_confidential_vs_published_and_biometric_denial():
    secret = view("All procurement documents for the camera system are classified as confidential.", id="a")
    public = view("Huawei published a case study describing the system on its website.", id="b", source="Huawei", kind="vendor")
    assert polarity.check(secret, public, pair(0.3)).topic == Topic("disclosure")
    sites = view("The ministry published a list of the places where cameras stand.", id="g", date="2021")
    assert polarity.check(secret, sites, pair(0.5)) is None  # what was published is not what was withheld
    deny = view("The system will not be connected to collections of biometric data.", id="c")
    plan = view("Identification of persons is to be carried out in certain situations.", id="d", kind="dpia")
    assert polarity.check(deny, plan, pair(0.2)).topic == Topic("use", "biometric")
    assert polarity.check(plan, view("Identification of persons is to be carried out daily.", id="e"), pair(0.9)) is None


def test_temporal_same_event_different_dates_and_different_acts():
    a = view("The agreement was signed in February 2017.", id="a", source="CSO")
    b = view("The agreement was signed in December 2016.", id="b", source="Media")
    assert temporal.check(a, b, pair(0.9)).values == {"a": "2017-02", "b": "2016-12", "event": "signed"}
    c = view("The government gave its consent in December 2016.", id="c")
    assert temporal.check(a, c, pair(0.9)) is None


def test_temporal_reads_serbian_events_from_its_language_pack():
    a = view("Ugovor je potpisan u februaru 2017.", id="a", source="CSO", language="sr")
    b = view("Ugovor je potpisan u decembru 2016.", id="b", source="Media", language="sr")
    assert temporal.check(a, b, pair(0.9)).values["event"] == "signed"
    c = view("Vlada je dala saglasnost u decembru 2016.", id="c", language="sr")
    assert temporal.check(a, c, pair(0.9)) is None  # consent is not the signature


def test_a_pair_in_two_languages_is_also_compared_on_its_english_forms():
    from contradict.detect import english_view

    # no case file: the Serbian side's own rules count "slucaj", the English side "cases";
    # only the Serbian claim's English form lets the English rules compare the figures
    sr = view("Ministarstvo je saopštilo da je potvrđeno 45 slučajeva.", id="s", language="sr",
              date="2020-04", case=None)
    sr.row["text_en"] = "The ministry said that 45 cases were confirmed."
    en = view("The health institute recorded 310 confirmed cases in the same week.", id="e",
              source="Institute", date="2020-04", case=None)
    plain = detect_pair(sr, en, pair(0.7), ("numeric.v2",))
    sr.en, en.en = english_view(sr), english_view(en)
    assert en.en is en and sr.en is not sr
    (f,) = detect_pair(sr, en, pair(0.7), ("numeric.v2",))
    assert not plain and f.values["unit"] == "cases" and f.signals["english_forms"]
    assert (f.claim_a, f.claim_b) == ("s", "e")  # the finding keeps the claims' own ids


def test_finding_ids_are_the_pair_and_type_in_either_order_and_never_the_version():
    import hashlib

    from contradict.detect.base import finding_id

    a = view("About 1,000 cameras will be installed.", id="a", date="2019-01")
    b = view("The assessment covers 8,100 cameras.", id="b", source="DPIA", date="2020")
    (f,) = detect_pair(a, b, pair())
    (g,) = detect_pair(b, a, pair())  # the same pair the other way round: the same finding
    assert f.id == g.id == hashlib.sha256(b"a:b:numeric").hexdigest()[:20]
    assert f.detector.startswith("numeric.v")  # reviews survive a new version: it is not in the id
    assert finding_id("a", "b", "existence") != f.id != finding_id("a", "c", "numeric")


def test_said_against_filed_raises_the_score_by_the_bonus_in_either_order():
    from contradict.detect import FILED_BONUS

    said = view("About 1,000 cameras will be installed.", id="a", date="2019-01")
    also_said = view("The assessment covers 8,100 cameras.", id="b", source="DPIA", date="2020")
    filed = view("The assessment covers 8,100 cameras.", id="b", source="DPIA", kind="dpia", date="2020")
    (plain,) = detect_pair(said, also_said, pair())
    (bonus,) = detect_pair(said, filed, pair())
    (reverse,) = detect_pair(filed, said, pair())
    assert "said_vs_filed" not in plain.signals
    assert bonus.signals["said_vs_filed"] is True and reverse.signals["said_vs_filed"] is True
    base = numeric.check(said, filed, pair()).score
    assert bonus.score == round(min(1.0, base + FILED_BONUS), 3) > base


def test_numeric_scope_from_document_and_wording():
    dpia = view("The assessment covers 8,100 cameras in total.", id="a", kind="dpia", date="2020")
    verified = view("So far 689 cameras have been verified on the map.", id="b", source="CSO", date="2020-07")
    assert numeric.check(dpia, verified, pair()) is None  # planned total vs what exists now
    part = view("At four of these locations the cameras also measure speed.", id="c", date="2021")
    assert numeric.check(view("Cameras will go up at 800 locations.", id="d"), part, pair()) is None
    listed = view("The published list covers 661 locations in the capital.", id="e", date="2021-05")
    installed = view("The ministry installed cameras at about 800 locations this year.", id="f", date="2020-10")
    assert numeric.check(installed, listed, pair()).values["scope_b"] == "installed"


def test_antonym_and_negation_edits():
    a = view("Revenue increased by 5% in the third quarter, the company said.", id="a", source="Company")
    b = view("Revenue decreased by 5% in the third quarter, the company said.", id="b", source="Summary")
    assert antonym.check(a, b, NEAR).values == {"a": "increased", "b": "decreased", "edit": "antonym"}
    c = view("The company does expect growth next year.", id="c", source="Company")
    d = view("The company does not expect growth next year.", id="d", source="Summary")
    assert antonym.check(c, d, NEAR).values["edit"] == "negation"
    e = view("The company expects growth next year, and hires.", id="e", source="Summary")
    assert antonym.check(c, view("Completely different words about another matter entirely here.", id="f"), NEAR) is None
    assert antonym.check(c, e, NEAR) is None  # no antonym, no negation


def test_entity_swap():
    a = view("Tim Cook said iPhone sales were strong in China.", id="a", source="Company")
    b = view("Satya Nadella said iPhone sales were strong in China.", id="b", source="Summary")
    assert entity.check(a, b, NEAR).values == {"a": "Tim Cook", "b": "Satya Nadella"}
    assert entity.check(a, view("Tim Cook said iPhone sales were strong in China.", id="c"), NEAR) is None


def test_numeric_support_elsewhere_in_the_document_and_superseded_figures():
    from contradict.detect import link_siblings

    a = view("Earnings per share were $5.52 against a loss of $1.46 a year earlier.", id="a", source="Company")
    b = view("The company reported earnings per share of $5.52 this quarter.", id="b", source="Summary")
    assert numeric.check(a, b, pair(0.8, 0.7)) is None  # the summary leaves a figure out: no conflict
    c = view("Revenue per share came in at $3.13 for the quarter.", id="c", source="Company")
    d = view("Revenue per share came in at $3.40 for the quarter.", id="d", source="Summary")
    assert numeric.check(c, d, pair(0.9, 0.9)).values["b"] == 3.40
    other = view("In a later section the company repeats that revenue per share was $3.40.", id="e", source="Company")
    for v, doc in ((c, "doc1"), (other, "doc1"), (d, "doc2")):
        v.row["doc_id"] = doc
    link_siblings([c, other, d])
    assert numeric.check(c, d, pair(0.9, 0.9)) is None  # $3.40 is stated elsewhere in the source
    old = view("About 1,000 cameras will be installed.", id="f", date="2019-01")
    new = view("The minister said 2,000 cameras would be installed instead of 1,000.", id="g", date="2019-11")
    assert numeric.check(old, new, pair()).values["b"] == 2000  # "instead of 1,000" is not support


def test_paraphrased_figure_change_and_antonym_against_the_whole_document():
    from contradict.detect import link_siblings

    src = view("Quarterly revenue grew to 4.2 billion, the chief executive told analysts on the call.", id="a", source="Company")
    summ = view("On the call, the chief executive told analysts quarterly revenue grew to 4.7 billion.", id="b", source="Summary")
    for v, doc in ((src, "d1"), (summ, "d2")):
        v.row["doc_id"] = doc
    link_siblings([src, summ])
    near = pair(0.9, 0.5)
    near["rank"] = 1
    assert entity.check(src, summ, near).values["edit"] == "paraphrase"
    up = view("Operating margin increased in every region this quarter, management said.", id="c", source="Company")
    down = view("Management said the operating margin decreased across regions in the quarter.", id="d", source="Summary")
    assert antonym.check(up, down, near).values == {"a": "increased", "b": "decreased", "edit": "antonym-paraphrase"}
    far = dict(near, rank=3)
    assert antonym.check(up, down, far) is None  # only the nearest partner is compared this way
