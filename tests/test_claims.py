from dataclasses import dataclass, field

from contradict.claims import split_claims


@dataclass
class Doc:
    text: str
    id: str = "doc1"
    meta: dict = field(default_factory=lambda: {"language": "en"})

    def page_at(self, offset):
        return None


def texts(text):
    return [c.text for c in split_claims(Doc(text))]


def test_abbreviations_do_not_end_sentences():
    assert texts("Under Art. 55 of the law, ref. No. 072/2 was sent to Dr. Marinović. It arrived on 26 Sep. 2019 in the morning.") == [
        "Under Art. 55 of the law, ref. No. 072/2 was sent to Dr. Marinović.",
        "It arrived on 26 Sep. 2019 in the morning."]


def test_claims_are_exact_slices_with_offsets():
    doc = Doc("First paragraph says one thing here.\n\nSecond paragraph, with 1,000 cameras at 800 locations, says another.")
    claims = split_claims(doc)
    assert [doc.text[c.start:c.end] for c in claims] == [c.text for c in claims]
    assert len(claims) == 2 and claims[1].frames == ["count:cameras", "count:locations"]


def test_clause_split_on_while():
    assert texts("The ministry says all sites are known to the police, while the commissioner says no document holds them.") == [
        "The ministry says all sites are known to the police",
        "while the commissioner says no document holds them."]


def test_quotes_and_headings():
    assert texts('Impact Assessment Summary\nThe Minister said: "There will be 2,000 cameras." Then he left the room.') == [
        'The Minister said: "There will be 2,000 cameras."', "Then he left the room."]


def test_claim_ids_are_stable():
    a = split_claims(Doc("One claim about the cameras is here."))
    b = split_claims(Doc("One claim about the cameras is here."))
    assert a[0].id == b[0].id
