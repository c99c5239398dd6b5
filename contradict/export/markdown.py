"""The brief as Markdown: readable as plain text, pastes into any editor.

Each counted thing's chart becomes a table of the figures each source gave (Markdown cannot
carry an image without a second file); the HTML and DOCX briefs draw it.
"""

from __future__ import annotations

from .brief import Brief, Chart, Entry, Side


def _md(text: str | None) -> str:
    """Text on one line, with the characters that would start Markdown markup escaped."""
    out = " ".join((text or "").split())
    for ch in ("\\", "`", "*", "_", "[", "]", "<", ">", "|"):
        out = out.replace(ch, "\\" + ch)
    return out


def _cell(text: str | None) -> str:
    return _md(text) or "—"


def _cite(side: Side) -> str:
    title = _md(side.doc_title)
    if side.url:
        url = side.url.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        title = f"[{title}]({url})"
    parts = [f"*{title}*", side.kind_label, side.when]
    if side.page:
        parts.append(f"p. {side.page}")
    return f"— {_md(side.who)}, " + ", ".join(parts)


def _entry(e: Entry) -> list[str]:
    lines = [f"#### {_md(e.explanation)}", "", f"*{e.meta()}*", ""]
    for side in (e.a, e.b):
        lines += [f"> {_md(side.text)}", ">", f"> {_cite(side)}", ""]
    note = e.conflict_note()
    if note:
        lines += [f"*{_md(note)}*", ""]
    if e.review_note or e.reviewer:
        by = f" ({_md(e.reviewer)})" if e.reviewer else ""
        lines += [f"**Reviewer's note{by}:** {_md(e.review_note) or '—'}", ""]
    return lines


def _figures(c: Chart) -> list[str]:
    """The chart's data as a table: Markdown carries no image."""
    lines = [
        "*Figures given by each source, by date of the document:*",
        "",
        "| date | source | figure |",
        "| --- | --- | ---: |",
    ]
    lines += [f"| {p.date} | {_cell(p.source)} | {p.label} |" for p in c.points]
    lines += [""]
    if c.undated:
        lines += [f"{c.undated} figure(s) from undated documents are not shown.", ""]
    return lines


def render_markdown(brief: Brief) -> str:
    o = brief.overview
    lines = [f"# {_md(brief.title)}", "", brief.scope, ""]
    lines += [
        "| documents | claims | findings flagged | findings in this brief |",
        "| ---: | ---: | ---: | ---: |",
        f"| {o['documents']:,} | {o['claims']:,} | {o['findings']:,} | {brief.findings_shown:,} |",
        "",
    ]
    if brief.groups:
        lines += ["## Contents", ""]
        lines += [f"- {_md(g.label)} ({g.count})" for g in brief.groups]
        lines += [""]
    lines += ["## Findings", ""]
    if not brief.groups:
        lines += ["No finding matches the filters of this brief.", ""]
    for g in brief.groups:
        lines += [f"### {_md(g.label)}", ""]
        if g.chart:
            lines += _figures(g.chart)
        for s in g.sections:
            if len(g.sections) > 1 or s.label != g.label:
                lines += [f"*{_md(s.label)} ({len(s.entries)})*", ""]
            for e in s.entries:
                lines += _entry(e)
    if brief.chronology:
        lines += [
            "## Chronology of the claims",
            "",
            "| date | who | claim | document | findings |",
            "| --- | --- | --- | --- | ---: |",
        ]
        for r in brief.chronology:
            side = r.side
            doc = _cell(side.doc_title) + (f", p. {side.page}" if side.page else "")
            lines.append(
                f"| {side.when} | {_cell(side.who)} | {_cell(side.text)} | {doc} | {r.findings} |"
            )
        lines += [""]
    lines += ["## Method", ""]
    for para in brief.method:
        lines += [para, ""]
    return "\n".join(lines).rstrip("\n") + "\n"
