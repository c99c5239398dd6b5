"""Language detection (sr vs en) per document and per claim, and where it is stored."""

import json
import sqlite3

import pytest

from contradict.claims import split_claims
from contradict.ingest.base import Document
from contradict.lang import claim_language, detect_language, fold, guess_language

from .conftest import write_doc


@pytest.mark.parametrize("text,lang", [
    ("Direktor policije izjavio je da će u Beogradu biti postavljeno 1.000 kamera.", "sr"),
    ("Информација о локацијама није садржана ни у једном документу.", "sr"),
    ("Nema odgovarajuceg pravnog osnova za obradu", "sr"),  # without diacritics
    ("The Police Director said that all the locations are already known.", "en"),
    ("Interior Minister Nebojša Stefanović announced that Belgrade will get new cameras.", "en"),
    ("Serbia is paying 13 million euros for two thousand cameras.", "en"),
])
def test_sentences(text, lang):
    assert detect_language(text) == lang


def test_too_little_text_gives_the_default():
    assert detect_language("8.100", default="en") == "en"
    assert guess_language("").language is None


def test_a_claim_keeps_its_documents_language_unless_clearly_other():
    assert claim_language("Rebić, 2019.", "en") == "en"  # a name is not Serbian
    assert claim_language("Ministarstvo je saopštilo da su sve lokacije poznate.", "en") == "sr"
    assert claim_language("Министарство", "en") == "sr"  # Cyrillic is always Serbian here
    assert claim_language("The Ministry said that all the locations were known.", "sr") == "en"


def test_fold_keeps_length():
    assert fold("Čačak, Đurđevo, šuma, žena") == "Cacak, Durdevo, suma, zena"


def doc(text, **meta):
    return Document(id="d", path="d.md", format="md", text=text, meta=dict(meta))


def test_front_matter_language_wins():
    d = doc("The Ministry said that all the locations are already known.", language="sr")
    claims = split_claims(d)
    assert d.meta["language"] == "sr"
    # the claim itself is clearly English: it is read with the English rules
    assert claims[0].language == "en"


def test_detected_language_is_recorded_on_the_document():
    d = doc("Ministarstvo je saopštilo da su sve lokacije kamera već poznate. "
            "The Ministry later said no document contains the camera locations.")
    claims = split_claims(d)
    assert d.meta["language"] == "sr" and d.meta["language_detected"] is True
    assert [c.language for c in claims] == ["sr", "en"]
    assert [c.features()["language"] for c in claims] == ["sr", "en"]
    assert claims[0].features()["text_latin"] == claims[0].text and claims[1].features()["text_latin"] is None


def test_scan_stores_languages_and_searches_cyrillic_in_latin(tmp_path):
    from contradict.pipeline import ScanConfig, scan

    case = tmp_path / "case"
    case.mkdir()
    write_doc(case, "a.md", "Министарство је саопштило да информација о локацијама камера није садржана ни у једном документу.",
              title="FOI", source="MUP", kind="foi_response", date="2019-04")
    write_doc(case, "b.md", "The director said that all camera locations are already known and documented.",
              title="Interview", source="MUP", kind="statement", date="2019-02-09", language="en")
    # the record this case is about is the case's own word, in its contradict.yaml
    (case / "contradict.yaml").write_text(
        "records:\n  camera_locations:\n    en: ['\\blocations?\\b']\n    sr: ['\\blokacij\\w*']\n", encoding="utf-8")
    db = tmp_path / "case.db"
    scan(case, db, ScanConfig(model="hash"))
    with sqlite3.connect(db) as conn:
        langs = dict(conn.execute("select path, language from documents"))
        assert langs == {"a.md": "sr", "b.md": "en"}
        (latin_text,) = conn.execute("select text_latin from claims where text_latin is not null").fetchone()
        assert latin_text.startswith("Ministarstvo je saopštilo")
        hits = conn.execute("select c.text from claims c join claims_fts f on f.rowid = c.rowid "
                            "where claims_fts match 'lokacijama'").fetchall()
        assert [h[0][:12] for h in hits] == ["Министарство"]
        features = json.loads(conn.execute("select features from claims where text_latin is not null").fetchone()[0])
        assert features["language"] == "sr" and features["cues"]["existence"] == -1


def test_choice_of_model_by_the_corpus_languages():
    from contradict.embed import DEFAULT_MODEL, MULTILINGUAL_MODEL, choose_model

    assert choose_model({"en"}) == DEFAULT_MODEL
    assert choose_model({"en", None}) == DEFAULT_MODEL
    assert choose_model({"en", "sr"}) == MULTILINGUAL_MODEL
    assert choose_model({"sr"}) == MULTILINGUAL_MODEL
