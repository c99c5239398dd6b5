"""Accuracy of language detection (sr vs en) on the bundled corpus, per sentence and on the
first five words of each sentence; compares py3langid when it is importable.

    python benchmarks/lang_detect.py [CORPUS]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from contradict.lang import detect_language

ROOT = Path(__file__).resolve().parent.parent


def sentences(corpus: Path) -> list[tuple[str, str]]:
    out = []
    for path in sorted(corpus.glob("*.md")):
        if path.name == "MANIFEST.md":
            continue
        raw = path.read_text("utf-8")
        m = re.match(r"---\n(.*?)\n---\n", raw, re.S)
        lang = "en"
        if m:
            lm = re.search(r"^language:\s*(\w+)", m.group(1), re.M)
            lang = lm.group(1) if lm else "en"
            raw = raw[m.end():]
        for s in re.split(r"(?<=[.!?])\s+(?=[A-ZА-ЯЉЊЏЂЋЧŠŽČĆĐ])", raw):
            s = " ".join(s.split())
            if len(s.split()) >= 4:
                out.append((lang, s))
    return out


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "corpora" / "belgrade-surveillance"
    data = sentences(corpus)
    try:
        import py3langid  # type: ignore[import-not-found]

        def other(t: str) -> str | None:
            lang, _ = py3langid.classify(t)
            return "sr" if lang in ("sr", "hr", "bs") else lang
    except ImportError:
        other = None  # type: ignore[assignment]
    for label, cut in (("sentence", None), ("first 5 words", 5)):
        texts = [(lang, " ".join(s.split()[:cut]) if cut else s) for lang, s in data]
        ours = sum(detect_language(t) == lang for lang, t in texts)
        line = f"{label:14} n={len(texts)}  rules {ours / len(texts):.1%}"
        if other:
            raw = sum(py3langid.classify(t)[0] == lang for lang, t in texts)
            merged = sum(other(t) == lang for lang, t in texts)
            line += f"  py3langid {raw / len(texts):.1%} (sr/hr/bs merged: {merged / len(texts):.1%})"
        print(line)
        for lang, t in texts:
            if detect_language(t) != lang:
                print(f"   rules wrong ({lang}): {t[:80]}")


if __name__ == "__main__":
    main()
