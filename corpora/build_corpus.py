"""Build the PDF and DOCX documents of the bundled corpora from their Markdown sources.

Sources live in ``corpora/sources/<case>/*.md``: YAML front matter (the same fields as the
corpus's Markdown documents) and a plain-text body. Paragraphs are separated by blank lines;
a line ``## Heading`` is set in bold, and ``<!-- pagebreak -->`` starts a new PDF page.

For every source listed in ``OUTPUTS`` the script writes the rendered file into
``corpora/<case>/`` and the source's front matter into that folder's manifest
``contradict.yaml`` (PDF and DOCX files cannot carry front matter themselves).

The output is deterministic: fixed creation dates in the PDF and DOCX metadata and fixed
timestamps inside the DOCX zip, so a re-run gives byte-identical files.

Run:  .venv/bin/python corpora/build_corpus.py
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import yaml

CORPORA = Path(__file__).resolve().parent
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_REGULAR = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"

# case -> {source stem: output format}
OUTPUTS: dict[str, dict[str, str]] = {
    "belgrade-surveillance": {
        "2019-04-mup-foi-procurement-confidential": "docx",
        "2019-09-23-mup-dpia-filing": "pdf",
        "2020-mup-dpia-safe-society-summary": "pdf",
    },
}

PAGEBREAK = "<!-- pagebreak -->"
MANIFEST_HEADER = "# metadata for files that cannot carry front matter\n"


def read_source(path: Path) -> tuple[dict, str]:
    """Split a Markdown source into (front matter, body)."""
    text = path.read_text(encoding="utf-8")
    match = re.match(r"^---\n(.*?)\n---\n(.*)$", text, re.S)
    if not match:
        raise SystemExit(f"{path}: missing YAML front matter")
    meta = yaml.safe_load(match.group(1))
    return meta, match.group(2)


def blocks(body: str) -> list[tuple[str, str]]:
    """The body as a list of (kind, text): kind is 'para', 'heading' or 'pagebreak'."""
    out: list[tuple[str, str]] = []
    for chunk in re.split(r"\n\s*\n", body.strip()):
        chunk = " ".join(line.strip() for line in chunk.splitlines()).strip()
        if not chunk:
            continue
        if chunk == PAGEBREAK:
            out.append(("pagebreak", ""))
        elif chunk.startswith("## "):
            out.append(("heading", chunk[3:].strip()))
        else:
            out.append(("para", chunk))
    return out


def fixed_datetime(date: object) -> dt.datetime:
    """A fixed timestamp for the file metadata, taken from the document's date (YYYY[-MM[-DD]])."""
    parts = [int(p) for p in str(date).split("-")] + [1, 1]
    year, month, day = parts[:3]
    return dt.datetime(year, month, day, 9, 0, 0, tzinfo=dt.UTC)


def render_pdf(meta: dict, body: str, target: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(fixed_datetime(meta["date"]))
    pdf.set_title(str(meta["title"]))
    pdf.set_author(str(meta["source"]))
    pdf.set_lang("en")
    pdf.add_font("DejaVu", "", str(FONT_REGULAR))
    pdf.add_font("DejaVu", "B", str(FONT_BOLD))
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(True, margin=25)
    pdf.add_page()
    for kind, text in blocks(body):
        if kind == "pagebreak":
            pdf.add_page()
        elif kind == "heading":
            pdf.set_font("DejaVu", "B", 13)
            pdf.multi_cell(0, 7, text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        else:
            pdf.set_font("DejaVu", "", 11)
            pdf.multi_cell(0, 6, text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(3)
    target.write_bytes(bytes(pdf.output()))


def render_docx(meta: dict, body: str, target: Path) -> None:
    from docx import Document

    doc = Document()
    for kind, text in blocks(body):
        if kind == "heading":
            doc.add_heading(text, level=2)
        elif kind == "para":
            doc.add_paragraph(text)
    stamp = fixed_datetime(meta["date"]).replace(tzinfo=None)
    props = doc.core_properties
    props.title = str(meta["title"])
    props.author = str(meta["source"])
    props.last_modified_by = str(meta["source"])
    props.comments = ""
    props.language = str(meta.get("language", "en"))
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp
    raw = io.BytesIO()
    doc.save(raw)
    target.write_bytes(_fixed_zip(raw.getvalue(), stamp))


def _fixed_zip(data: bytes, stamp: dt.datetime) -> bytes:
    """Rewrite a zip so every member carries the same timestamp (python-docx uses 'now')."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            dst.writestr(member, src.read(info.filename))
    return out.getvalue()


def extract_text(path: Path) -> str:
    """Text of a built file, as a reader would get it (used by the self-check)."""
    if path.suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)
    from docx import Document

    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def check(body: str, target: Path) -> None:
    """Every paragraph of the source must come back out of the built file."""
    got = _squash(extract_text(target))
    for kind, text in blocks(body):
        if kind != "pagebreak" and _squash(text) not in got:
            raise SystemExit(f"{target.name}: text not extractable as written: {text[:60]!r}")


def build_case(case: str, outputs: dict[str, str]) -> None:
    src_dir = CORPORA / "sources" / case
    out_dir = CORPORA / case
    out_dir.mkdir(parents=True, exist_ok=True)
    documents: dict[str, dict] = {}
    for stem, fmt in sorted(outputs.items()):
        meta, body = read_source(src_dir / f"{stem}.md")
        target = out_dir / f"{stem}.{fmt}"
        if fmt == "pdf":
            render_pdf(meta, body, target)
        elif fmt == "docx":
            render_docx(meta, body, target)
        else:
            raise SystemExit(f"{stem}: unknown output format {fmt!r}")
        check(body, target)
        documents[target.name] = meta
        print(f"wrote {target.relative_to(CORPORA.parent)}", file=sys.stderr)
    manifest = out_dir / "contradict.yaml"
    manifest.write_text(
        MANIFEST_HEADER
        + yaml.safe_dump({"documents": documents}, sort_keys=False, allow_unicode=True, width=1000),
        encoding="utf-8",
    )
    print(f"wrote {manifest.relative_to(CORPORA.parent)}", file=sys.stderr)


def main() -> None:
    for case, outputs in OUTPUTS.items():
        build_case(case, outputs)


if __name__ == "__main__":
    main()
