"""OCR for PDF pages without a text layer, with the Tesseract command-line tool.

Pages are rendered with ``pdftoppm`` (poppler-utils) at 300 dpi, or, without it, the page's
largest embedded image is taken with pypdf. Tesseract reads them with every installed language
of the case (Serbian Cyrillic ``srp``, Serbian Latin ``srp_latn``, English ``eng``) and reports
a confidence per word; a page's confidence is the mean over its words (0-100).

Debian packages: tesseract-ocr tesseract-ocr-srp tesseract-ocr-srp-latn tesseract-ocr-eng
(and poppler-utils for rendering). Nothing is downloaded.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

WANTED_LANGUAGES = ("srp", "srp_latn", "eng")
APT_PACKAGES = "tesseract-ocr tesseract-ocr-srp tesseract-ocr-srp-latn tesseract-ocr-eng"
DPI = 300
TIMEOUT_S = 120


@dataclass
class OcrPage:
    number: int
    text: str
    confidence: float | None  # mean word confidence, 0-100; None when no word was read
    words: int


def tesseract_path() -> str | None:
    return shutil.which("tesseract")


@lru_cache(maxsize=1)
def languages() -> tuple[str, ...]:
    """The wanted languages that the installed Tesseract has (in the order wanted)."""
    exe = tesseract_path()
    if not exe:
        return ()
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    have = {line.strip() for line in out.splitlines()[1:]}
    return tuple(lang for lang in WANTED_LANGUAGES if lang in have)


def available() -> bool:
    return bool(tesseract_path() and languages())


def describe() -> str:
    return f"tesseract {'+'.join(languages())}"


def ocr_pages(data: bytes, reader: Any, numbers: list[int]) -> dict[int, OcrPage]:
    """OCR the given 1-based pages of a PDF; pages that cannot be rendered are left out."""
    out: dict[int, OcrPage] = {}
    if not numbers or not available():
        return out
    with tempfile.TemporaryDirectory(prefix="contradict-ocr-") as tmp:
        folder = Path(tmp)
        pdf = folder / "in.pdf"
        pdf.write_bytes(data)
        for number in numbers:
            image = _render(pdf, reader, number, folder)
            if image is None:
                continue
            page = _tesseract(image, number)
            if page is not None:
                out[number] = page
    return out


def _render(pdf: Path, reader: Any, number: int, folder: Path) -> Path | None:
    target = folder / f"page-{number}"
    exe = shutil.which("pdftoppm")
    if exe:
        try:
            subprocess.run(
                [exe, "-r", str(DPI), "-f", str(number), "-l", str(number), "-png", "-gray",
                 "-singlefile", str(pdf), str(target)],
                capture_output=True, timeout=TIMEOUT_S, check=True,
            )
            png = target.with_suffix(".png")
            if png.exists():
                return png
        except (OSError, subprocess.SubprocessError):
            pass
    try:  # no poppler: the page's largest image as it is embedded
        images = list(reader.pages[number - 1].images)
        if not images:
            return None
        best = max(images, key=lambda im: len(im.data))
        png = target.with_suffix(".png")
        best.image.save(png)
        return png
    except Exception:  # pypdf or Pillow cannot decode this image
        return None


def _tesseract(image: Path, number: int) -> OcrPage | None:
    exe = tesseract_path()
    if not exe:
        return None
    try:
        proc = subprocess.run(
            [exe, str(image), "stdout", "-l", "+".join(languages()), "--psm", "3", "tsv"],
            capture_output=True, text=True, timeout=TIMEOUT_S,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if proc.returncode != 0:
        return None
    return parse_tsv(proc.stdout, number)


def parse_tsv(tsv: str, number: int) -> OcrPage:
    """Text (a line per OCR line, a blank line between paragraphs) and mean word confidence."""
    lines: dict[tuple[int, int, int], list[str]] = {}
    confs: list[float] = []
    for row in csv.DictReader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE):
        word = (row.get("text") or "").strip()
        if row.get("level") != "5" or not word:
            continue
        key = (int(row["block_num"]), int(row["par_num"]), int(row["line_num"]))
        lines.setdefault(key, []).append(word)
        try:
            conf = float(row.get("conf") or -1)
        except ValueError:
            conf = -1
        if conf >= 0:
            confs.append(conf)
    parts: list[str] = []
    last_par: tuple[int, int] | None = None
    for (block, par, _), words in sorted(lines.items()):
        if last_par is not None and (block, par) != last_par:
            parts.append("")
        parts.append(" ".join(words))
        last_par = (block, par)
    text = "\n".join(parts)
    mean = round(sum(confs) / len(confs), 1) if confs else None
    return OcrPage(number=number, text=text, confidence=mean, words=len(confs))
