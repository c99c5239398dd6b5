"""Serbian existence in the forms of "it holds everything" and "it does not contain": sentences
written for these tests, about no case of the corpora."""

from contradict.detect import detect_pair
from contradict.features import extract_cues

from ..detect.helpers import pair, view


def test_does_not_contain_denies_and_holds_everything_affirms():
    c = extract_cues("Arhiva ne sadrži zapisnike sa sednica odbora.", "sr")
    assert c.existence == -1 and "ne sadrži" in c.found
    c = extract_cues("У овом архиву, према речима директора, налази се све што је одбор усвојио.", "sr")
    assert c.existence == 1
    c = extract_cues("Izveštaj sadrži sve zapisnike odbora.", "sr")
    assert c.existence == 1


def test_all_of_it_against_not_all_of_it():
    a = view("U ovih pet fascikli, kako je rekao direktor, nalazi se sve čime raspolaže odbor.", id="a", source="Uprava",
             date="2023-05-02", language="sr", case=None)
    b = view("Novinari saznaju da te fascikle ne sadrže sve čime raspolaže odbor.", id="b", source="Nedeljnik",
             date="2023-05-03", language="sr", case=None)
    (f,) = detect_pair(a, b, pair(0.45, 0.2), ("existence.v2",))
    assert f.values["affirms"] == "a" and "cime" not in f.values["objects"]  # "čime" is a function word
