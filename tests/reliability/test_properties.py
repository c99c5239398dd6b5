"""Property tests (hypothesis) over the readers, the claim splitter and the feature extractors:
no exception escapes but IngestError, and every offset slices the text it points into.

Example counts are modest (``max_examples``) so that the default suite stays fast; set
``HYPOTHESIS_PROFILE=thorough`` for a long run.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contradict.claims import _paragraph_spans, _paragraphs, split_claims
from contradict.errors import IngestError
from contradict.features import (
    extract_cues,
    extract_dates,
    extract_legal_refs,
    extract_quantities,
    frames_for,
)
from contradict.ingest.base import normalise_text
from contradict.ingest.docx import read_docx
from contradict.ingest.encoding import decode_bytes
from contradict.ingest.html import read_html
from contradict.ingest.pdf import read_pdf
from contradict.ingest.text import read_markdown, read_text

settings.register_profile("default", max_examples=40, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("thorough", max_examples=2000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# words, figures, dates, legal references and punctuation of the cases, in both scripts
PIECES = [
    "The", "ministry", "said", "police", "cameras", "1,000", "1.000", "8,100", "800", "2019",
    "9 February 2019", "9. februara 2019.", "Art. 55", "član 52. stav 8.", "Zakona o policiji",
    "No.", "Dr.", "e.g.", "„", "“", "”", "\"", "'", "(", ")", "[", "]", ".", ",", ";", ":", "!",
    "?", "…", "-", "—", "%", "€", "$29.9m", "about", "almost", "not", "no", "never", "denied",
    "Министарство", "нема", "документ", "камера", "Ђорђе", "šest", "žalba", "Q3", "½", "\t",
    "\n", "\n\n", "  ", "while", "but", "although", "Sl. glasnik RS", "br. 87/2018", "GDPR",
    "Law on Personal Data Protection", "million", "hiljada", "milion", "thousand", "10 000",
    "1 000 000", "3-4", "between 5 and 10", "up to 20", "više od", "≈", "\u00a0", "\u200b",
]
prose = st.lists(st.sampled_from(PIECES) | st.text(max_size=8), max_size=60).map(" ".join)
languages = st.sampled_from(["en", "sr", "de", ""])


@dataclass
class Doc:
    text: str
    id: str = "property"
    meta: dict = field(default_factory=dict)

    def page_at(self, offset: int) -> int | None:
        return None


def only_ingest_errors(reader, data: bytes) -> None:
    try:
        out = reader(data, "file")
    except IngestError as err:
        assert "\n" not in str(err) or "write it like" in str(err)
        return
    assert out.text == normalise_text(out.text)  # readers hand on normalised text


@given(st.binary(max_size=3000))
def test_every_reader_takes_any_bytes(data: bytes) -> None:
    for reader in (read_text, read_markdown, read_html, read_pdf, read_docx):
        only_ingest_errors(reader, data)


text_characters = st.characters(blacklist_categories=("Cs", "Cc"))  # what a text file holds


@given(st.text(text_characters, max_size=2000), st.sampled_from(["utf-8", "utf-16", "cp1250", "cp1251", "iso-8859-2"]))
def test_decoding_gives_the_text_back_or_refuses_it_as_binary(text: str, codec: str) -> None:
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        return
    try:
        decoded = decode_bytes(data, "file")
    except IngestError as err:
        assert "binary" in str(err) or "byte-order mark" in str(err)
        return
    assert 0.0 <= decoded.confidence <= 1.0
    if codec.startswith("utf"):
        assert decoded.text.lstrip("\ufeff") == text.lstrip("\ufeff")


html_tags = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<b>", "</i>", "<br>", "<table><tr><td>",
                             "<script>", "</script>", "<nav>", "<!--", "-->", "&amp;", "&#1234;", "&bogus;",
                             "<meta charset='cp1250'>", "<title>", "</title>", "<", ">", "<![CDATA["])


@given(st.lists(html_tags | st.sampled_from(PIECES), max_size=80).map("".join))
def test_html_of_any_shape_is_read_or_refused_plainly(page: str) -> None:
    only_ingest_errors(read_html, page.encode("utf-8"))


front = st.dictionaries(st.sampled_from(["title", "date", "kind", "source", "language", "url", "x", "encoding"]),
                        st.sampled_from(["2019-02-09", "2019-13-45", "[1, 2]", "{a: b}", "true", "42", "&a x",
                                         "*a", "statement", "'unclosed", "null", "~", "2019", "utf-8", "klingon"]))


@given(front, prose)
def test_markdown_with_any_front_matter_is_read_or_refused_plainly(fields: dict, body: str) -> None:
    header = "\n".join(f"{key}: {value}" for key, value in fields.items())
    only_ingest_errors(read_markdown, f"---\n{header}\n---\n{body}".encode())


@given(prose, languages)
def test_claims_are_exact_slices_of_their_document(text: str, language: str) -> None:
    doc = Doc(normalise_text(text), meta={"language": language} if language else {})
    claims = split_claims(doc)
    previous_end = 0
    for seq, claim in enumerate(claims):
        assert claim.seq == seq
        assert 0 <= claim.start < claim.end <= len(doc.text)
        assert doc.text[claim.start : claim.end] == claim.text
        assert claim.start >= previous_end  # in order, never overlapping
        previous_end = claim.end
        for rows in (claim.quantity_rows(), claim.date_rows(), claim.legal_rows()):
            for row in rows:
                assert claim.start <= row["start"] <= row["end"] <= claim.end, row
        claim.row()  # serialisable


@given(prose, languages)
def test_feature_extractors_never_raise(text: str, language: str) -> None:
    lang = language or None
    quantities = extract_quantities(text, lang)
    for q in quantities:
        assert 0 <= q.start <= q.end <= len(text) and q.text == text[q.start : q.start + len(q.text)]
    for d in extract_dates(text, lang):
        assert 0 <= d.start <= len(text) and text[d.start : d.start + len(d.text)] == d.text
    refs = extract_legal_refs(text, lang)
    for r in refs:
        assert 0 <= r.start <= len(text) and text[r.start : r.start + len(r.text)] == r.text
    frames_for(extract_cues(text, lang), quantities, refs)


@settings(max_examples=60)
@given(st.text(alphabet=st.sampled_from("ab .\n!?"), max_size=400), st.integers(min_value=2, max_value=40))
def test_paragraph_pieces_cover_the_text_exactly(text: str, limit: int) -> None:
    pieces = list(_paragraphs(text, limit))
    for piece, offset in pieces:
        assert text[offset : offset + len(piece)] == piece and piece.strip()
        assert len(piece) <= limit
    covered = "".join(piece for piece, _ in pieces)
    assert "".join(text.split()) == "".join(covered.split())  # no word is lost


@given(st.text(alphabet=st.sampled_from("ab \n\t\r\x0b\x0c\u00a0\u2028"), max_size=60))
def test_paragraphs_are_what_the_first_splitter_took_them_to_be(text: str) -> None:
    """The first splitter matched paragraphs whole with this pattern, which costs the regex
    engine memory per character; the spans must not change (claim ids derive from them)."""
    first = [m.span() for m in re.finditer(r"(?:[^\n]|\n(?!\s*\n))+", text)]
    assert list(_paragraph_spans(text)) == first


@given(st.text(max_size=500))
def test_normalising_twice_changes_nothing(text: str) -> None:
    assert normalise_text(normalise_text(text)) == normalise_text(text)
