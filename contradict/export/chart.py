"""The timeline chart of a brief: the figures each source gave for one counted thing.

matplotlib is imported here only, inside the function, and drawn through a bare ``Figure`` on
the Agg canvas (pyplot and the global backend are left alone). Output is deterministic: fixed
size and dpi, a fixed ``svg.hashsalt``, and no date or software name in the file's metadata.
"""

from __future__ import annotations

import io
from typing import Literal

from .brief import Chart

WIDTH_IN, HEIGHT_IN = 7.5, 3.9
DPI = 150
HASHSALT = "contradict"
COLOURS = ("#1f5f99", "#c0392b", "#2e8540", "#8e44ad", "#d35400", "#16a085", "#7f6000",
           "#5d6d7e", "#b03a7a", "#34495e")
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "h", "<", ">")


def render_chart(chart: Chart, fmt: Literal["png", "svg"] = "png") -> bytes:
    """The chart as PNG or SVG bytes: x is the document date, y the figure; one series per
    source, each point labelled with its figure. Hollow markers: only the year or month of the
    document is known (the point is placed mid-year or mid-month)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    rc = {
        "svg.hashsalt": HASHSALT,
        "svg.fonttype": "path",
        "font.family": "DejaVu Sans",
        "font.size": 8.5,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    with matplotlib.rc_context(rc):
        fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
        values = [p.value for p in chart.points]
        positive = min(values) > 0
        if positive and max(values) / min(values) >= 30:
            ax.set_yscale("log")
        for i, source in enumerate(chart.sources):
            pts = [p for p in chart.points if p.source == source]
            colour, marker = COLOURS[i % len(COLOURS)], MARKERS[i % len(MARKERS)]
            exact = [p for p in pts if not p.approximate_date]
            approx = [p for p in pts if p.approximate_date]
            label = source if len(source) <= 48 else source[:46] + "…"
            ax.plot([p.x for p in exact], [p.value for p in exact], linestyle="none",
                    marker=marker, markersize=6, color=colour, label=label)
            ax.plot([p.x for p in approx], [p.value for p in approx], linestyle="none",
                    marker=marker, markersize=6, markerfacecolor="white", color=colour,
                    label=None if exact else label)
            for p in pts:
                ax.annotate(p.label, (p.x, p.value), textcoords="offset points", xytext=(6, 3),
                            fontsize=7.5, color=colour)
        locator = AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
        ax.set_ylabel(chart.unit.replace("_", " "))
        ax.margins(x=0.08, y=0.15)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_title(chart.title, loc="left", fontsize=10)
        ncol = 1 if len(chart.sources) <= 4 else 2
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=7.5,
                  ncol=ncol)
        fig.tight_layout()
        buf = io.BytesIO()
        if fmt == "svg":
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
        else:
            fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
        return buf.getvalue()


def chart_alt(chart: Chart) -> str:
    """A text description of the chart, for alt text and screen readers."""
    parts = [f"{p.source} {p.label} ({p.date})" for p in chart.points]
    return f"{chart.title}: " + "; ".join(parts) + "."
