"""Decoding text files whose encoding nobody wrote down.

Serbian institutions still publish plain text and HTML in Windows-1250 or ISO-8859-2 (Latin)
and Windows-1251 (Cyrillic), and Word exports "Unicode text" as UTF-16. The order:

1. the encoding the manifest (or the page) gives;
2. a byte-order mark (UTF-8, UTF-16, UTF-32);
3. UTF-8, when the bytes are valid UTF-8;
4. UTF-16 without a mark, when the NUL bytes say so;
5. otherwise charset-normalizer proposes the single-byte codecs that decode the bytes without
   chaos, and they are ranked by how many of their non-ASCII characters are letters of the
   Serbian alphabets, Western European letters or typographic punctuation. charset-normalizer's
   own first choice reads ISO-8859-2 Serbian as Windows-1250 or -1257 in a third of documents
   (``benchmarks/encodings.py``): š and ž are the bytes the two codecs disagree on;
6. a text that fits none of them is read with charset-normalizer's unrestricted guess.

What is refused is binary data: NUL bytes that are not UTF-16, or control characters no text
file has. The guess and its confidence are stored in ``documents.encoding`` and
``documents.encoding_confidence``.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass

from contradict.errors import IngestError

#: single-byte codecs offered to charset-normalizer, in the order ties are broken
CANDIDATES = ("cp1250", "iso8859_2", "cp1251", "iso8859_5", "koi8_r", "cp1252", "iso8859_15", "cp852")

_SERBIAN = set("čćđšžČĆĐŠŽ") | set(
    "абвгдђежзијклљмнњопрстћуфхцчџшАБВГДЂЕЖЗИЈКЛЉМНЊОПРСТЋУФХЦЧЏШ"
)
_WESTERN = set("àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝŸ")
_PUNCTUATION = set("„“”‘’‚«»‹›–—…•·€£°§©®™±×÷¶\u00a0\u00ad")
_TEXT_CONTROLS = set(b"\t\n\r\f\v\x1a\x1b")  # \x1a: DOS end of file; \x1b: terminal colours
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
BINARY_HINT = "it is not a text file: give it the extension of its real format, or remove it"


@dataclass
class Decoded:
    text: str
    encoding: str  # Python's name of the codec: utf-8, cp1250, iso8859-2, utf-16 ...
    confidence: float  # 1.0: declared, marked or valid UTF-8; else the share of plausible characters


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> Decoded:
    """Text of ``data``; ``declared`` is the manifest's encoding, tried alone. Raises
    :class:`IngestError` for binary data or bytes that are not valid in the declared codec."""
    if declared:
        return _declared(data, name, declared)
    marked = [codec for bom, codec in BOMS if data.startswith(bom)]
    for codec in marked:  # FF FE 00 00 opens UTF-32 and UTF-16 alike: the one that decodes
        try:
            return Decoded(data.decode(codec), _name(codec.removesuffix("-sig")), 1.0)
        except UnicodeDecodeError:
            continue
    if marked:
        codec = _name(marked[-1].removesuffix("-sig"))
        raise IngestError(
            name, f"starts with a {codec} byte-order mark but is not valid {codec}",
            "the file is damaged or not text: open it and save it again as UTF-8",
        )
    if b"\x00" in data:  # valid UTF-8, but no text file has NUL characters
        return _utf16(data, name)
    if _controls(data) > max(2, len(data) // 200):  # valid UTF-8 too, but not text
        raise IngestError(name, "is binary data, not text", BINARY_HINT)
    try:
        return Decoded(data.decode("utf-8"), "utf-8", 1.0)
    except UnicodeDecodeError:
        return _single_byte(data, name)


def _declared(data: bytes, name: str, declared: str) -> Decoded:
    codec = "utf-8-sig" if _name(declared) == "utf-8" else declared
    try:
        return Decoded(data.decode(codec), _name(declared), 1.0)
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise IngestError(
            name,
            f"is not valid {declared} text (line {line})",
            "check the encoding given in the manifest, or remove it to let contradict detect it",
        ) from None


def _name(codec: str) -> str:
    try:
        return codecs.lookup(codec).name
    except LookupError:
        return codec.lower()


def _controls(data: bytes) -> int:
    """How many bytes are C0 control characters a text file does not contain."""
    return sum(data.count(bytes([b])) for b in range(32) if b not in _TEXT_CONTROLS)


def _utf16(data: bytes, name: str) -> Decoded:
    """UTF-16 or UTF-32 without a byte-order mark, or binary data."""
    best: tuple[float, str, str] | None = None
    for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        share = _plausible_share(text)
        if best is None or share > best[0]:
            best = (share, codec, text)
    if best is None or best[0] < 0.9:
        raise IngestError(name, "is binary data, not text (it has NUL bytes)", BINARY_HINT)
    share, codec, text = best
    return Decoded(text, codec, round(share, 3))


def _plausible_share(text: str) -> float:
    """Share of characters that a text in a European language has: printable ASCII, line
    breaks, letters of Latin, Cyrillic or Greek script, common punctuation."""
    if not text:
        return 0.0
    sample = text[:200_000]
    good = sum(1 for ch in sample if _plausible(ch))
    return good / len(sample)


def _plausible(ch: str) -> bool:
    if " " <= ch <= "~" or ch in "\t\n\r" or ch in _PUNCTUATION:
        return True
    if ch.isalpha():
        return unicodedata.name(ch, "").startswith(("LATIN", "CYRILLIC", "GREEK"))
    return unicodedata.category(ch) in ("Zs", "Pd", "Pi", "Pf", "Po", "Sc")


def _single_byte(data: bytes, name: str) -> Decoded:
    from charset_normalizer import from_bytes

    proposed = [m.encoding for m in from_bytes(data, cp_isolation=list(CANDIDATES))]
    order = [c for c in CANDIDATES if c in proposed] + [c for c in CANDIDATES if c not in proposed]
    histogram = _high_bytes(data)
    latin = _in_latin_words(data)
    best: tuple[float, float, str] | None = None
    for codec in order:
        fit = _fit(histogram, codec, latin)
        if fit is not None and (best is None or fit[0] > best[0]):
            best = (*fit, codec)
    if best is not None and best[1] >= 0.6:
        _, share, codec = best
        return Decoded(data.decode(codec), _name(codec), round(share, 3))
    guess = from_bytes(data).best()  # not Serbian or Western: charset-normalizer's own pick
    if guess is not None:
        return Decoded(str(guess), _name(guess.encoding), round(max(0.0, 1.0 - guess.chaos), 3))
    if best is not None:
        _, share, codec = best
        return Decoded(data.decode(codec), _name(codec), round(share, 3))
    raise IngestError(name, "is binary data, not text", BINARY_HINT)


def _high_bytes(data: bytes) -> dict[int, int]:
    """How often each byte value >= 0x80 occurs."""
    import numpy as np

    counts = np.bincount(np.frombuffer(data, dtype=np.uint8), minlength=256)
    return {b: int(counts[b]) for b in range(128, 256) if counts[b]}


def _in_latin_words(data: bytes) -> bool:
    """Whether most non-ASCII bytes stand alone or in pairs, as accented letters inside Latin
    words do ("unutrašnjih", "£1.2 million"), rather than in runs, as the letters of words
    written wholly in another script (Windows-1251 Cyrillic) do."""
    import numpy as np

    high = np.frombuffer(data, dtype=np.uint8) >= 0x80
    total = int(high.sum())
    if not total:
        return True
    padded = np.concatenate(([False], high, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    lengths = edges[1::2] - edges[::2]
    return int(lengths[lengths >= 3].sum()) * 2 < total


def _fit(histogram: dict[int, int], codec: str, latin: bool) -> tuple[float, float] | None:
    """How well ``codec`` reads these bytes: (rank, share). A non-ASCII character it makes
    weighs 2 when it is a letter of a Serbian alphabet (a Cyrillic one only outside Latin
    words), 1 when a Western European letter or typographic punctuation, 0 when another letter,
    -3 when a control character; ``rank`` is the mean weight, ``share`` the share of characters
    weighing 1 or more. None when a byte is undefined in the codec."""
    total = weight = plausible = 0
    for byte, n in histogram.items():
        try:
            ch = bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            return None
        total += n
        if latin and ch.isalpha() and not ch.isascii() and unicodedata.name(ch, "").startswith("CYRILLIC"):
            continue
        if ch in _SERBIAN:
            weight += 2 * n
            plausible += n
        elif ch in _WESTERN or ch in _PUNCTUATION:
            weight += n
            plausible += n
        elif unicodedata.category(ch) == "Cc":
            weight -= 3 * n
    if not total:
        return 1.0, 1.0
    return weight / total, plausible / total
