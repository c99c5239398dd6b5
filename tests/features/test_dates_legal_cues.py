from contradict.case import load_case_rules
from contradict.features import extract_cues, extract_dates, extract_legal_refs, frames_for

# the bundled case's own words (cameras and their subtypes, camera locations, biometric
# identification) come from its contradict.yaml, as a scan reads them
BELGRADE = load_case_rules("corpora/belgrade-surveillance")


def test_dates_with_granularity():
    dates = extract_dates("Signed on 9 February 2019, sent 23 Sep 2019, done by the end of 2020, in December 2014.")
    assert [(d.value, d.granularity, d.part) for d in dates] == [
        ("2019-02-09", "day", None), ("2019-09-23", "day", None), ("2020", "year", "end"),
        ("2014-12", "month", None)]


def test_gazette_numbers_are_not_years():
    assert [d.value for d in extract_dates("Official Gazette 87/2018")] == []


def test_legal_refs_are_normalised():
    refs = extract_legal_refs("issued under Article 52(8) of the Law on Police and Art. 55 ZZPL", "en", BELGRADE)
    assert [(r.law, r.article, r.paragraph) for r in refs] == [
        ("police", "52", "8"), ("personal_data_protection", "55", None)]
    (r,) = extract_legal_refs("the Law on Personal Data Protection (Official Gazette 87/2018)", "en", BELGRADE)
    assert (r.law, r.gazette) == ("personal_data_protection", "87/2018")


def test_a_law_no_case_names_is_keyed_by_its_own_name():
    (r,) = extract_legal_refs("under Article 12 of the Law on Planning and Construction")
    assert (r.law, r.article) == ("law_on_planning_and_construction", "12")
    (g,) = extract_legal_refs("in breach of the GDPR")
    assert g.law == "gdpr"


def test_existence_cues_both_ways():
    pos = extract_cues("All camera locations are already known and analyses of crimes were done beforehand.", "en", BELGRADE)
    neg = extract_cues("Information on camera locations and the analysis behind them is not contained in any document.", "en", BELGRADE)
    assert (pos.existence, neg.existence) == (1, -1)
    assert set(pos.records) == set(neg.records) == {"camera_locations", "crime_analysis"}


def test_legal_stance_and_operation():
    yes = extract_cues("The Ministry is authorised to process video for the identification of persons.", "en", BELGRADE)
    no = extract_cues("No appropriate legal basis has been secured for biometric identification.", "en", BELGRADE)
    rec = extract_cues("The police may record public places.", "en", BELGRADE)
    assert (yes.legal_stance, no.legal_stance, rec.legal_stance) == (1, -1, 1)
    assert "biometric" in yes.operations and "biometric" not in rec.operations


def test_a_question_asserts_nothing():
    c = extract_cues("They asked whether the police could lawfully use face recognition.")
    assert c.legal_stance == 0


def test_disclosure():
    assert extract_cues("All procurement documents are classified as confidential.").disclosure == -1
    assert extract_cues("Huawei published a case study on its website.").disclosure == 1


def test_frames():
    from contradict.features import extract_quantities

    text = "All 1,000 camera locations are already known."
    cues = extract_cues(text, "en", BELGRADE)
    assert frames_for(cues, extract_quantities(text, "en", BELGRADE), []) == ["count:cameras", "record:camera_locations"]


def test_a_request_asserts_nothing_exists():
    c = extract_cues("The applicant asked for the locations of the cameras and the analysis on the basis of which they were determined.")
    assert c.existence == 0


def test_a_day_and_month_without_a_year_take_the_documents_year():
    (d,) = extract_dates("Vesić submitted his resignation on Monday, 4 November, after the collapse.", "en", "2024-11-05")
    assert (d.value, d.granularity) == ("2024-11-04", "day")
    (late,) = extract_dates("on 29 December the agency said", "en", "2025-01-05")
    assert late.value == "2024-12-29"  # a month after the document's: the year before
    (sr,) = extract_dates("u ponedeljak, 4. novembra, podneo je ostavku", "sr", "2024-11")
    assert sr.value == "2024-11-04"
    assert extract_dates("on Monday, 4 November", "en") == []  # no document date: no guess
