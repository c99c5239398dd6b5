"""The brief as one self-contained HTML file: printable, readable, no scripts, no external files.

Every piece of document text goes through :func:`html.escape` (a quote containing
``<script>`` shows as text); links are kept only for http(s) and mailto URLs. The charts are
embedded as SVG data URIs, so the file can be mailed or opened offline.
"""

from __future__ import annotations

import base64
import html
import re

from .brief import Brief, Chart, Entry, Side

CSS = """
:root { --ink: #1d1f22; --muted: #5c6470; --rule: #d8dce2; --a: #1f5f99; --b: #b03a2e;
  --a-bg: #f3f6fa; --b-bg: #fbf4f3; }
* { box-sizing: border-box; }
html { font-size: 17px; -webkit-text-size-adjust: 100%; }
body { max-width: 50rem; margin: 2.5rem auto 4rem; padding: 0 1.25rem; color: var(--ink);
  font-family: Charter, "Bitstream Charter", Georgia, "DejaVu Serif", "Noto Serif", serif;
  line-height: 1.55; background: #fff; }
h1, h2, h3, h4, nav, table, figcaption, .meta, .stats, .kicker, .badge, .section-label, footer {
  font-family: system-ui, -apple-system, "Segoe UI", "Helvetica Neue", "DejaVu Sans", Arial, sans-serif; }
h1 { font-size: 2rem; line-height: 1.2; margin: .25rem 0 1rem; letter-spacing: -.01em; }
h2 { font-size: 1.35rem; margin: 3rem 0 1rem; padding-bottom: .3rem; border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.12rem; margin: 2.25rem 0 .5rem; }
h4 { font-size: 1rem; font-weight: 600; line-height: 1.4; margin: 0 0 .3rem; }
a { color: var(--a); }
.kicker { text-transform: uppercase; letter-spacing: .08em; font-size: .75rem; color: var(--muted); margin: 0; }
.scope { font-size: 1.05rem; }
.stats { display: grid; grid-template-columns: repeat(4, 1fr); gap: .75rem; margin: 1.5rem 0; padding: 0; }
.stats div { border-top: 3px solid var(--ink); padding-top: .4rem; }
.stats dt { font-size: .72rem; color: var(--muted); text-transform: uppercase; letter-spacing: .05em; }
.stats dd { margin: 0; font-size: 1.6rem; font-weight: 700; }
nav ol { columns: 2; column-gap: 2rem; padding-left: 1.2rem; font-size: .9rem; }
nav li { break-inside: avoid; margin-bottom: .2rem; }
.count { color: var(--muted); }
.section-label { font-size: .78rem; text-transform: uppercase; letter-spacing: .06em; color: var(--muted); margin: 1.25rem 0 .25rem; }
.finding { border-top: 1px solid var(--rule); padding: 1.1rem 0 1.3rem; break-inside: avoid; }
.meta { font-size: .78rem; color: var(--muted); margin: 0 0 .75rem; }
.badge { display: inline-block; font-size: .7rem; font-weight: 600; padding: .05rem .45rem; border-radius: .6rem;
  background: #eceff3; color: #3c4350; text-transform: uppercase; letter-spacing: .04em; }
.badge.confirmed { background: #e3f2e7; color: #1d6b36; }
.badge.dismissed { background: #f8e3e1; color: #8e2a20; }
.badge.update { background: #e5eef9; color: #1f5f99; }
.badge.needs-work { background: #fff1d6; color: #7a5200; }
.pair { display: grid; grid-template-columns: 1fr; gap: 1rem; }
@media (min-width: 44rem) { .pair { grid-template-columns: 1fr 1fr; } }
figure { margin: 0; }
blockquote { margin: 0; padding: .65rem .9rem; border-left: 4px solid var(--a); background: var(--a-bg);
  font-size: .98rem; overflow-wrap: anywhere; }
.quote.b blockquote { border-left-color: var(--b); background: var(--b-bg); }
figcaption { font-size: .78rem; color: var(--muted); margin-top: .45rem; line-height: 1.45; }
figcaption .who { color: var(--ink); font-weight: 600; }
.also { margin: .6rem 0 0; font-size: .85rem; color: var(--muted); }
.note { margin: .9rem 0 0; padding: .5rem .8rem; border-left: 3px solid #d9a400; background: #fffaea; font-size: .92rem; }
.chart { margin: 1.25rem 0 2rem; }
.chart img { width: 100%; height: auto; display: block; }
table { width: 100%; border-collapse: collapse; font-size: .8rem; line-height: 1.4; }
th, td { text-align: left; vertical-align: top; padding: .4rem .45rem; border-bottom: 1px solid var(--rule); }
th { border-bottom: 2px solid var(--ink); font-weight: 600; }
td.date, .nowrap { white-space: nowrap; }
td.num, th.num { text-align: right; }
.method p { font-size: .95rem; }
footer { margin-top: 3rem; padding-top: .75rem; border-top: 1px solid var(--rule); font-size: .75rem; color: var(--muted); }
@media print {
  html { font-size: 10.5pt; }
  body { max-width: none; margin: 0; padding: 0; }
  h2 { break-after: avoid; } h3, h4 { break-after: avoid; }
  .finding, .chart, tr { break-inside: avoid; }
  .pair { grid-template-columns: 1fr 1fr; }
  a { color: inherit; text-decoration: none; }
}
"""


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _href(url: str | None) -> str | None:
    if url and re.match(r"(?i)^(https?:|mailto:)", url.strip()):
        return url.strip()
    return None


def _nowrap_dates(text: str) -> str:
    return re.sub(r"\b(\d{4}-\d{2}(?:-\d{2})?)\b", r'<span class="nowrap">\1</span>', text)


def _slug(text: str, i: int) -> str:
    return f"t{i}-" + (re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "topic")


def _quote(side: Side, cls: str) -> str:
    href = _href(side.url)
    title = esc(side.doc_title)
    title = f'<a href="{esc(href)}">{title}</a>' if href else title
    bits = [
        f'<span class="who">{esc(side.who)}</span>',
        f'<span class="nowrap">{esc(side.when)}</span>',
        title,
        esc(side.kind_label),
    ]
    if side.page:
        bits.append(f"p.&nbsp;{side.page}")
    return (
        f'<figure class="quote {cls}"><blockquote>{esc(side.text)}</blockquote>'
        f"<figcaption>{' · '.join(bits)}</figcaption></figure>"
    )


def _entry(e: Entry) -> str:
    status = esc(e.status)
    parts = [
        f'<article class="finding" id="f-{esc(e.id)}">',
        f"<h4>{esc(e.explanation)}</h4>",
        f'<p class="meta"><span class="badge {status}">{status}</span> '
        f"{esc(e.relation_label)} · score {e.score:.2f} · <code>{esc(e.id[:10])}</code></p>",
        f'<div class="pair">{_quote(e.a, "a")}{_quote(e.b, "b")}</div>',
    ]
    note = e.conflict_note()
    if note:
        parts.append(f'<p class="also">{esc(note)}</p>')
    if e.review_note or e.reviewer:
        by = f" ({esc(e.reviewer)})" if e.reviewer else ""
        parts.append(
            f'<p class="note"><strong>Reviewer’s note{by}:</strong> {esc(e.review_note or "—")}</p>'
        )
    parts.append("</article>")
    return "\n".join(parts)


def _chart(c: Chart) -> str:
    from .chart import chart_alt, render_chart

    data = base64.b64encode(render_chart(c, "svg")).decode("ascii")
    note = (
        "Each marker is a figure one source gave, at the date of its document; hollow markers: "
        "only the month or year of the document is known."
    )
    if c.undated:
        note += f" {c.undated} figure(s) from undated documents are not shown."
    return (
        f'<figure class="chart"><img src="data:image/svg+xml;base64,{data}" alt="{esc(chart_alt(c))}">'
        f"<figcaption>{esc(note)}</figcaption></figure>"
    )


def render_html(brief: Brief) -> str:
    o = brief.overview
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="contradict">',
        f"<title>{esc(brief.title)}</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        '<p class="kicker">Brief</p>',
        f"<h1>{esc(brief.title)}</h1>",
        f'<p class="scope">{_nowrap_dates(esc(brief.scope))}</p>',
        '<dl class="stats">',
        f"<div><dt>Documents</dt><dd>{o['documents']:,}</dd></div>",
        f"<div><dt>Claims</dt><dd>{o['claims']:,}</dd></div>",
        f"<div><dt>Flagged</dt><dd>{o['findings']:,}</dd></div>",
        f"<div><dt>In this brief</dt><dd>{brief.findings_shown:,}</dd></div>",
        "</dl>",
        "</header>",
    ]
    slugs = [_slug(g.topic, i) for i, g in enumerate(brief.groups, 1)]
    if brief.groups:
        out.append('<nav aria-label="Contents"><ol>')
        out += [
            f'<li><a href="#{s}">{esc(g.label)}</a> <span class="count">({g.count})</span></li>'
            for s, g in zip(slugs, brief.groups, strict=True)
        ]
        if brief.chronology:
            out.append('<li><a href="#chronology">Chronology of the claims</a></li>')
        out.append('<li><a href="#method">Method</a></li>')
        out.append("</ol></nav>")
    out.append("<main>")
    out.append('<section id="findings"><h2>Findings</h2>')
    if not brief.groups:
        out.append("<p>No finding matches the filters of this brief.</p>")
    for s, g in zip(slugs, brief.groups, strict=True):
        out.append(f'<section id="{s}"><h3>{esc(g.label)}</h3>')
        if g.chart:
            out.append(_chart(g.chart))
        for sec in g.sections:
            out.append(f'<p class="section-label">{esc(sec.label)} · {len(sec.entries)}</p>')
            out += [_entry(e) for e in sec.entries]
        out.append("</section>")
    out.append("</section>")
    if brief.chronology:
        out += [
            '<section id="chronology"><h2>Chronology of the claims</h2>',
            '<table class="chronology"><colgroup><col style="width:7.5rem"><col style="width:22%">'
            '<col><col style="width:24%"><col style="width:4.5rem"></colgroup>'
            "<thead><tr><th>Date</th><th>Who</th><th>Claim</th><th>Document</th>"
            '<th class="num">Findings</th></tr></thead><tbody>',
        ]
        for r in brief.chronology:
            side = r.side
            href = _href(side.url)
            doc = esc(side.doc_title)
            doc = f'<a href="{esc(href)}">{doc}</a>' if href else doc
            if side.page:
                doc += f", p.&nbsp;{side.page}"
            out.append(
                f'<tr><td class="date">{esc(side.when)}</td><td>{esc(side.who)}</td>'
                f'<td>{esc(side.text)}</td><td>{doc}</td><td class="num">{r.findings}</td></tr>'
            )
        out.append("</tbody></table></section>")
    out.append('<section id="method" class="method"><h2>Method</h2>')
    out += [f"<p>{esc(p)}</p>" for p in brief.method]
    out.append("</section>")
    out.append("</main>")
    out.append(
        "<footer>Made with contradict from the case database. Findings are candidates flagged by "
        "software; each one's review status says whether a person has checked it.</footer>"
    )
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
