"""The English form of Serbian claims: numbers rewritten, Apertium when installed, a clear
fallback when not."""

import pytest

from contradict import translate
from contradict.translate import sr_numbers_to_en

needs_apertium = pytest.mark.skipif(not translate.available(), reason="apertium-hbs-eng not installed")


@pytest.mark.parametrize("sr, en", [
    ("postavljeno je 1.000 kamera", "postavljeno je 1,000 kamera"),
    ("ukupno 8.100 kamera i 1.234,5 evra", "ukupno 8,100 kamera i 1,234.5 evra"),
    ("2,5 miliona evra", "2.5 miliona evra"),
    ("1.11.2024. i 2019. godine", "1.11.2024. i 2019. godine"),  # dates and years stay
    ("1.000.000 dinara", "1,000,000 dinara"),
])
def test_serbian_numbers_are_written_the_english_way(sr, en):
    assert sr_numbers_to_en(sr) == en


@needs_apertium
def test_cyrillic_and_latin_get_the_same_english_form_with_english_figures():
    cyr, lat = translate.to_english(["Министарство је купило 8.100 камера.", "Ministarstvo je kupilo 8.100 kamera."])
    assert cyr == lat
    assert "8,100" in cyr and "Ministry" in cyr


@needs_apertium
def test_many_sentences_keep_their_order():
    texts = [f"Grad je kupio {i}.000 kamera." for i in range(1, 60)]
    out = translate.to_english(texts)
    assert [f"{i},000" in o for i, o in enumerate(out, start=1)] == [True] * 59


def test_without_apertium_the_scan_says_so_once_and_goes_on(tmp_path, monkeypatch):
    from contradict.pipeline import ScanConfig, scan

    monkeypatch.setattr(translate, "available", lambda: False)
    case = tmp_path / "case"
    case.mkdir()
    (case / "a.md").write_text("---\nlanguage: sr\n---\n\nMinistarstvo je kupilo 1.000 kamera za grad.\n", encoding="utf-8")
    (case / "b.md").write_text("---\nlanguage: en\n---\n\nThe ministry bought 8,100 cameras for the city.\n", encoding="utf-8")
    result = scan(case, tmp_path / "t.db", ScanConfig(model="hash", use_judge=False))
    notes = [w for w in result.warnings if "Apertium" in w]
    assert len(notes) == 1 and "Serbian rules alone" in notes[0]
    assert result.claims_total == 2 and result.translated == 0
