"""A case's own vocabulary lives in its folder's contradict.yaml, not in the code."""

import pytest

from contradict.case import Vocabulary, load_vocabulary
from contradict.errors import MetadataError


def test_variants_match_whole_words_in_either_script_and_any_ending():
    v = Vocabulary({"canopy": ["nadstrešnic*"], "Ministry of Interior": ["MUP", "Ministarstvo unutrašnjih poslova"]})
    assert v.apply("Радови нису обухватили надстрешницу, каже МУП.") == \
        "Radovi nisu obuhvatili canopy, kaže Ministry of Interior."
    assert v.apply("Ministarstvo unutrašnjih poslova") == "Ministry of Interior"  # the longer variant wins
    assert v.apply("MUPovi i SMUP") == "MUPovi i SMUP"  # not inside other words


def test_names_survive_translation_as_placeholders():
    v = Vocabulary({"Novi Sad": ["Novi Sad", "Novog Sada"]})
    protected = v.protect("Stanica Novog Sada")
    assert "Novog" not in protected and "Novi" not in protected
    assert v.restore(protected.replace("Stanica", "Station")) == "Station Novi Sad"
    other = Vocabulary({"canopy": ["nadstrešnic*"]}, tag="x")
    assert other.restore(protected) == protected  # another vocabulary's placeholders are left alone


def test_a_folder_without_aliases_has_an_empty_vocabulary(tmp_path):
    assert not load_vocabulary(tmp_path)
    (tmp_path / "contradict.yaml").write_text("documents: {}\n", encoding="utf-8")
    assert not load_vocabulary(tmp_path)


def test_malformed_aliases_are_one_clear_error_naming_the_file(tmp_path):
    (tmp_path / "contradict.yaml").write_text("aliases: [MUP, Ministry]\n", encoding="utf-8")
    with pytest.raises(MetadataError, match=r"contradict.yaml: 'aliases' must map a name"):
        load_vocabulary(tmp_path)
    (tmp_path / "contradict.yaml").write_text("aliases: {MUP: {x: 1}}\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="must be a name with a list"):
        load_vocabulary(tmp_path)


def test_aliases_bring_a_serbian_claim_and_its_english_counterpart_together(tmp_path):
    """With the alias, the English form of the Serbian claim names the thing the English claim
    names, so the candidate search pairs them."""
    from contradict import translate
    from contradict.pipeline import ScanConfig, scan
    from contradict.store import open_db

    if not translate.available():
        pytest.skip("apertium-hbs-eng not installed")
    case = tmp_path / "case"
    case.mkdir()
    (case / "a.md").write_text("---\nlanguage: sr\nsource: Železnice\n---\n\n"
                               "Radovi na stanici nisu obuhvatili nadstrešnicu iznad ulaza.\n", encoding="utf-8")
    (case / "b.md").write_text("---\nlanguage: en\nsource: Prosecutor\n---\n\n"
                               "The design documents show works on the canopy over the entrance.\n", encoding="utf-8")
    (case / "contradict.yaml").write_text("aliases:\n  canopy: [nadstrešnic*]\n", encoding="utf-8")
    scan(case, tmp_path / "v.db", ScanConfig(model="hash", use_judge=False))
    db = open_db(tmp_path / "v.db", create=False)
    (text_en,) = [r["text_en"] for r in db.query("select text_en from claims where text_en is not null")]
    assert "canopy" in text_en
