"""contradict.kinds: the one list of document kinds, and everything that reads it."""

from __future__ import annotations

import pytest

from contradict import kinds
from contradict.errors import MetadataError
from contradict.ingest.metadata import validate_metadata


def test_every_kind_has_a_label_and_said_and_filed_are_kinds_apart() -> None:
    assert set(kinds.LABELS) == set(kinds.KINDS)
    assert set(kinds.KINDS) >= kinds.SAID | kinds.FILED and not kinds.SAID & kinds.FILED
    assert kinds.label("regulator") == "regulator's finding" and kinds.label(None) == "document"


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("statement", "foi_response", True), ("media", "regulator", True), ("vendor", "law", True),
    ("statement", "media", False), ("dpia", "filing", False), ("other", "dpia", False), (None, "law", False),
])
def test_said_against_filed_is_symmetric(a: str | None, b: str | None, expected: bool) -> None:
    assert kinds.said_against_filed(a, b) is expected and kinds.said_against_filed(b, a) is expected


def test_the_manifest_accepts_exactly_the_kinds() -> None:
    for kind in kinds.KINDS:
        assert validate_metadata({"kind": kind.upper()}, "a.md", "front matter")["kind"] == kind
    with pytest.raises(MetadataError, match="use one of: " + ", ".join(kinds.KINDS)):
        validate_metadata({"kind": "press_release"}, "a.md", "front matter")
