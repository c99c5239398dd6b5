"""The brief as a Word document (python-docx), for authors who edit in Word or LibreOffice.

The text font is Calibri (it has Cyrillic; LibreOffice substitutes the metric-compatible
Carlito, or DejaVu Sans), set on every style including the headings' theme fonts. The bytes are
deterministic: the core properties carry the date of the latest scan, and the ZIP entries a
fixed timestamp.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from typing import Any

from .brief import Brief, Chart, Entry, Side

FONT = "Calibri"
INK, MUTED = "1D1F22", "5C6470"
SIDE_COLOURS = {"a": ("1F5F99", "F3F6FA"), "b": ("B03A2E", "FBF4F3")}
ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def _set_font(style_or_run: Any, name: str = FONT) -> None:
    """Set a font for Latin, Cyrillic, East Asian and complex scripts, dropping theme fonts."""
    from docx.oxml.ns import qn

    style_or_run.font.name = name
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


PPR_AFTER_BDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
TBLPR_AFTER_BORDERS = (
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)


def _default_font(doc: Any, name: str = FONT) -> None:
    """The document default (docDefaults) font, which otherwise points at the theme's fonts."""
    from docx.oxml.ns import qn

    defaults = doc.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is None:
        return
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)


def _shade(paragraph: Any, fill: str) -> None:
    """A background fill, inserted where the schema wants it (Word rejects misordered XML)."""
    from docx.oxml.ns import qn

    ppr = paragraph._p.get_or_add_pPr()
    shd = ppr.makeelement(
        qn("w:shd"), {qn("w:val"): "clear", qn("w:color"): "auto", qn("w:fill"): fill}
    )
    ppr.insert_element_before(shd, *PPR_AFTER_BDR[1:])


def _quote_style(paragraph: Any, side: str) -> None:
    """A coloured bar on the left and a light fill: the blockquote of the HTML brief."""
    from docx.oxml.ns import qn
    from docx.shared import Pt

    colour, fill = SIDE_COLOURS[side]
    ppr = paragraph._p.get_or_add_pPr()
    bdr = ppr.makeelement(qn("w:pBdr"), {})
    bdr.append(
        bdr.makeelement(
            qn("w:left"),
            {qn("w:val"): "single", qn("w:sz"): "24", qn("w:space"): "6", qn("w:color"): colour},
        )
    )
    ppr.insert_element_before(bdr, *PPR_AFTER_BDR)
    _shade(paragraph, fill)
    paragraph.paragraph_format.left_indent = Pt(9)


def _hyperlink(paragraph: Any, url: str, text: str, size: float = 8.5) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn

    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = paragraph._p.makeelement(qn("w:hyperlink"), {qn("r:id"): r_id})
    run = link.makeelement(qn("w:r"), {})
    rpr = run.makeelement(qn("w:rPr"), {})
    rpr.append(rpr.makeelement(qn("w:color"), {qn("w:val"): "1F5F99"}))
    rpr.append(rpr.makeelement(qn("w:sz"), {qn("w:val"): str(int(size * 2))}))
    rpr.append(rpr.makeelement(qn("w:u"), {qn("w:val"): "single"}))
    run.append(rpr)
    t = run.makeelement(qn("w:t"), {qn("xml:space"): "preserve"})
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _run(
    paragraph: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    colour: str | None = None,
) -> Any:
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    if size:
        run.font.size = Pt(size)
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    return run


def _spacing(paragraph: Any, before: float = 0, after: float = 4, keep: bool = False) -> None:
    from docx.shared import Pt

    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if keep:
        fmt.keep_with_next = True


def _safe_url(url: str | None) -> str | None:
    return url.strip() if url and re.match(r"(?i)^(https?:|mailto:)", url.strip()) else None


def _quote_cell(cell: Any, side: Side, key: str) -> None:
    p = cell.paragraphs[0]
    _run(p, side.text, size=10.5)
    _quote_style(p, key)
    _spacing(p, after=3)
    cap = cell.add_paragraph()
    _spacing(cap, after=0)
    _run(cap, side.who, bold=True, size=8.5, colour=INK).add_break()
    _run(cap, f"{side.when} · ", size=8.5, colour=MUTED)
    url = _safe_url(side.url)
    if url:
        _hyperlink(cap, url, side.doc_title)
    else:
        _run(cap, side.doc_title, size=8.5, colour=MUTED)
    tail = f" · {side.kind_label}" + (f" · p. {side.page}" if side.page else "")
    _run(cap, tail, size=8.5, colour=MUTED)


def _no_borders(table: Any) -> None:
    from docx.oxml.ns import qn

    tblpr = table._tbl.tblPr
    borders = tblpr.makeelement(qn("w:tblBorders"), {})
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(borders.makeelement(qn(f"w:{edge}"), {qn("w:val"): "nil"}))
    tblpr.insert_element_before(borders, *TBLPR_AFTER_BORDERS)


def _widths(table: Any, widths_cm: list[float]) -> None:
    """Column widths in the grid (LibreOffice reads these) and in every cell (Word reads those)."""
    from docx.shared import Cm

    table.autofit = False
    for column, w in zip(table.columns, widths_cm, strict=True):
        column.width = Cm(w)
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm, strict=True):
            cell.width = Cm(w)


def _keep_rows_whole(table: Any) -> None:
    """No row breaks across pages: a quote pair, or a chronology row, stays in one piece."""
    from docx.oxml.ns import qn

    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(tr_pr.makeelement(qn("w:cantSplit"), {}))


def _entry(doc: Any, e: Entry) -> None:
    p = doc.add_paragraph()
    _spacing(p, before=10, after=1, keep=True)
    _run(p, e.explanation, bold=True, size=11)
    meta = doc.add_paragraph()
    _spacing(meta, after=4, keep=True)
    _run(
        meta,
        e.status.upper(),
        bold=True,
        size=8,
        colour="1D6B36" if e.status == "confirmed" else MUTED,
    )
    _run(meta, f" · {e.relation_label} · score {e.score:.2f} · {e.id[:10]}", size=8, colour=MUTED)
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [8.3, 8.3])
    _keep_rows_whole(table)
    _quote_cell(table.rows[0].cells[0], e.a, "a")
    _quote_cell(table.rows[0].cells[1], e.b, "b")
    note_text = e.conflict_note()
    if note_text:
        also = doc.add_paragraph()
        _spacing(also, before=3, after=2)
        _run(also, note_text, size=9, colour=MUTED)
    if e.review_note or e.reviewer:
        note = doc.add_paragraph()
        _shade(note, "FFFAEA")
        _spacing(note, before=4, after=2)
        by = f" ({e.reviewer})" if e.reviewer else ""
        _run(note, f"Reviewer’s note{by}: ", bold=True, size=9.5)
        _run(note, e.review_note or "—", size=9.5)


def _chart(doc: Any, c: Chart) -> None:
    from docx.shared import Cm

    from .chart import render_chart

    doc.add_picture(io.BytesIO(render_chart(c, "png")), width=Cm(15.5))
    doc.paragraphs[-1].paragraph_format.keep_with_next = True
    cap = doc.add_paragraph()
    _spacing(cap, after=6)
    note = (
        "Each marker is a figure one source gave, at the date of its document; hollow "
        "markers: only the month or year of the document is known."
    )
    if c.undated:
        note += f" {c.undated} figure(s) from undated documents are not shown."
    _run(cap, note, italic=True, size=8.5, colour=MUTED)


def _heading(doc: Any, text: str, level: int) -> None:
    from docx.shared import RGBColor

    h = doc.add_heading(text, level=level)
    for run in h.runs:
        run.font.color.rgb = RGBColor.from_string(INK)


def render_docx(brief: Brief) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    _default_font(doc)
    for style in doc.styles:
        if style.type == 1 or style.name == "Normal Table":  # paragraph styles
            try:
                _set_font(style)
            except AttributeError:
                continue
    doc.styles["Normal"].font.size = Pt(10.5)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for margin in ("left_margin", "right_margin"):
        setattr(section, margin, Cm(2.2))
    section.top_margin = section.bottom_margin = Cm(2.0)

    o = brief.overview
    kicker = doc.add_paragraph()
    _run(kicker, "BRIEF", bold=True, size=8.5, colour=MUTED)
    _spacing(kicker, after=0)
    doc.add_heading(brief.title, level=0)
    scope = doc.add_paragraph()
    _run(scope, brief.scope, size=11)
    stats = doc.add_paragraph()
    _spacing(stats, before=2, after=10)
    for i, (label, value) in enumerate(
        (
            ("documents", o["documents"]),
            ("claims", o["claims"]),
            ("flagged", o["findings"]),
            ("in this brief", brief.findings_shown),
        )
    ):
        if i:
            _run(stats, "    ", size=10)
        _run(stats, f"{value:,}", bold=True, size=14)
        _run(stats, f" {label}", size=9, colour=MUTED)

    _heading(doc, "Findings", 1)
    if not brief.groups:
        doc.add_paragraph("No finding matches the filters of this brief.")
    for g in brief.groups:
        _heading(doc, g.label, 2)
        if g.chart:
            _chart(doc, g.chart)
        for sec in g.sections:
            type_label = doc.add_paragraph()
            _spacing(type_label, before=4, after=0, keep=True)
            _run(
                type_label,
                f"{sec.label.upper()} · {len(sec.entries)}",
                bold=True,
                size=8,
                colour=MUTED,
            )
            for e in sec.entries:
                _entry(doc, e)

    if brief.chronology:
        _heading(doc, "Chronology of the claims", 1)
        table = doc.add_table(rows=1, cols=5)
        table.style = doc.styles["Light List Accent 1"]
        header = ("Date", "Who", "Claim", "Document", "Findings")
        for cell, text in zip(table.rows[0].cells, header, strict=True):
            _run(cell.paragraphs[0], text, bold=True, size=8.5)
        for r in brief.chronology:
            s = r.side
            doc_cell = s.doc_title + (f", p. {s.page}" if s.page else "")
            cells = table.add_row().cells
            for cell, text in zip(
                cells, (s.when, s.who, s.text, doc_cell, str(r.findings)), strict=True
            ):
                _run(cell.paragraphs[0], text, size=8.5)
        _widths(table, [2.0, 3.3, 6.2, 3.4, 1.7])
        _keep_rows_whole(table)
        header_pr = table.rows[0]._tr.get_or_add_trPr()
        header_pr.append(header_pr.makeelement(qn("w:tblHeader"), {}))  # repeated on each page

    _heading(doc, "Method", 1)
    for para in brief.method:
        doc.add_paragraph(para)

    props = doc.core_properties
    stamp = _stamp(o.get("last_scan"))
    props.title = brief.title
    props.author = "contradict"
    props.last_modified_by = "contradict"
    props.comments = ""
    props.revision = 1
    props.created = props.modified = stamp
    props.last_printed = stamp
    buf = io.BytesIO()
    doc.save(buf)
    return _stable_zip(buf.getvalue())


def _stamp(day: str | None) -> _dt.datetime:
    try:
        return _dt.datetime.fromisoformat((day or "")[:10]).replace(tzinfo=None)
    except ValueError:
        return _dt.datetime(2000, 1, 1)


def _stable_zip(data: bytes) -> bytes:
    """The same ZIP with every entry's timestamp fixed, so equal documents are equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()
