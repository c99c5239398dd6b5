"""How often a legacy-encoded Serbian text is decoded back exactly: charset-normalizer's own
first choice against contradict's decoder (charset-normalizer's candidates ranked by Serbian and
Western letters, ``contradict/ingest/encoding.py``).

Every Serbian sentence (4 words or more) and every whole Serbian document of the bundled
corpora is encoded in Windows-1250, ISO-8859-2, UTF-16 (with and without a byte-order mark) and
UTF-8 when it is in Latin script, in Windows-1251, UTF-16 and UTF-8 when it is in Cyrillic; a
text a codec cannot encode („quotes“ in ISO-8859-2) is left out of that codec. English texts
with non-ASCII characters, in Windows-1252, are the control: the Serbian preference must not
mangle them. A decode counts when its text equals the original (Windows-1250 and ISO-8859-2
read most texts identically; what matters is the text).

    python benchmarks/encodings.py [CORPORA_FOLDER]
"""

from __future__ import annotations

import re
import sys
import time
from collections import defaultdict
from pathlib import Path

from charset_normalizer import from_bytes

from contradict.errors import IngestError
from contradict.ingest.encoding import decode_bytes
from contradict.lang import has_cyrillic

ROOT = Path(__file__).resolve().parent.parent
FRONT = re.compile(r"---\n(.*?)\n---\n", re.S)
UNICODE = ("utf-8", "utf-16", "utf-16-le")  # every Serbian text; utf-16-le has no byte-order mark
LEGACY = {"cp1250": False, "iso-8859-2": False, "cp1251": True}  # codec -> for Cyrillic texts
CONTROL = ("cp1252",)


def texts(corpora: Path) -> dict[str, list[str]]:
    """Serbian sentences and documents, and English documents with non-ASCII characters."""
    out: dict[str, list[str]] = defaultdict(list)
    for path in sorted(corpora.glob("*/*.md")):
        if path.name in ("MANIFEST.md", "README.md"):
            continue
        raw = path.read_text("utf-8")
        match = FRONT.match(raw)
        header = match.group(1) if match else ""
        body = raw[match.end():] if match else raw
        if re.search(r"^language:\s*sr", header, re.M):
            out["sr document"].append(body)
            for sentence in re.split(r"(?<=[.!?])\s+", body):
                sentence = " ".join(sentence.split())
                if len(sentence.split()) >= 4:
                    out["sr sentence"].append(sentence)
        elif re.search(r"[^\x00-\x7f]", body):
            out["en document"].append(body)
    return out


def charset_normalizer(data: bytes) -> str | None:
    best = from_bytes(data).best()
    return str(best) if best is not None else None


def contradict(data: bytes) -> str | None:
    try:
        return decode_bytes(data, "benchmark").text
    except IngestError:
        return None


def main() -> None:
    corpora = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "corpora"
    data = texts(corpora)
    print(f"{'texts':<12} {'encoding':<11} {'n':>4}  {'charset-normalizer':>18}  {'contradict':>10}")
    totals = {"charset-normalizer": [0, 0], "contradict": [0, 0]}
    seconds = {"charset-normalizer": 0.0, "contradict": 0.0}
    for kind in ("sr sentence", "sr document", "en document"):
        items = data.get(kind, [])
        for codec in CONTROL if kind.startswith("en") else (*UNICODE, *LEGACY):
            pool = [t for t in items if LEGACY.get(codec, has_cyrillic(t)) == has_cyrillic(t)]
            encoded = []
            for text in pool:
                try:
                    encoded.append((text, text.encode(codec)))
                except UnicodeEncodeError:
                    continue
            if not encoded:
                continue
            row = []
            for name, method in (("charset-normalizer", charset_normalizer), ("contradict", contradict)):
                start = time.perf_counter()
                right = sum(method(raw) == text for text, raw in encoded)
                seconds[name] += time.perf_counter() - start
                totals[name][0] += right
                totals[name][1] += len(encoded)
                row.append(f"{right / len(encoded):.1%}")
            print(f"{kind:<12} {codec:<11} {len(encoded):>4}  {row[0]:>18}  {row[1]:>10}")
    for name, (right, n) in totals.items():
        print(f"all: {name} {right}/{n} = {right / n:.1%} in {seconds[name]:.2f} s")


if __name__ == "__main__":
    main()
