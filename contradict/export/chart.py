"""The timeline chart of a brief: the figures each source gave for one counted thing.

matplotlib is imported here only, inside the function, and drawn through a bare ``Figure`` on
the Agg canvas (pyplot and the global backend are left alone). Output is deterministic: fixed
size and dpi, a fixed ``svg.hashsalt``, and no date or software name in the file's metadata.
"""

from __future__ import annotations

import io
import textwrap
from typing import Any, Literal

from .brief import Chart

WIDTH_IN, HEIGHT_IN = 7.5, 3.9
DPI = 150
HASHSALT = "contradict"
COLOURS = (
    "#1f5f99",
    "#c0392b",
    "#2e8540",
    "#8e44ad",
    "#d35400",
    "#16a085",
    "#7f6000",
    "#5d6d7e",
    "#b03a7a",
    "#34495e",
)
MARKERS = ("o", "s", "D", "^", "v", "P", "X", "h", "<", ">")


def render_chart(chart: Chart, fmt: Literal["png", "svg"] = "png") -> bytes:
    """The chart as PNG or SVG bytes: x is the document date, y the figure; one series per
    source, each point labelled with its figure. Hollow markers: only the year or month of the
    document is known (the point is placed mid-year or mid-month)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, ConciseDateFormatter, date2num
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    rc: dict[str, Any] = {
        "svg.hashsalt": HASHSALT,
        "svg.fonttype": "path",
        "font.family": "DejaVu Sans",
        "font.size": 8.5,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    with matplotlib.rc_context(rc):  # type: ignore[arg-type]
        fig = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
        ax.xaxis_date()
        values = [p.value for p in chart.points]
        positive = min(values) > 0
        if positive and max(values) / min(values) >= 30:
            ax.set_yscale("log")
        for i, source in enumerate(chart.sources):
            pts = [p for p in chart.points if p.source == source]
            colour, marker = COLOURS[i % len(COLOURS)], MARKERS[i % len(MARKERS)]
            exact = [p for p in pts if not p.approximate_date]
            approx = [p for p in pts if p.approximate_date]
            label = textwrap.fill(source, 52)
            for series, hollow in ((exact, False), (approx, True)):
                if not series:
                    continue
                ax.plot(
                    [date2num(p.x) for p in series],
                    [p.value for p in series],
                    linestyle="none",
                    marker=marker,
                    markersize=6,
                    color=colour,
                    label=None if hollow and exact else label,  # one legend entry a source
                    markerfacecolor="white" if hollow else colour,
                )
        _annotate(ax, chart, fig.dpi)
        locator = AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(ConciseDateFormatter(locator))
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
        ax.set_ylabel(chart.unit.replace("_", " "))
        ax.margins(x=0.08, y=0.15)
        ax.grid(axis="y", color="#dddddd", linewidth=0.6)
        ax.set_title(chart.title, loc="left", fontsize=10)
        ax.legend(
            loc="upper left",
            bbox_to_anchor=(0.0, -0.1),
            frameon=False,
            fontsize=7.5,
            ncol=2 if len(chart.sources) > 1 else 1,
            handletextpad=0.3,
            columnspacing=1.5,
        )
        fig.tight_layout()
        buf = io.BytesIO()
        if fmt == "svg":
            fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
        else:
            fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
        return buf.getvalue()


LABEL_PT = 7.5
# where a figure's label may go, in points from its marker: right, then above, below, left
OFFSETS = ((6, 2), (6, 11), (6, -9), (6, 20), (6, -18), (-6, 2), (6, 29), (6, -27))


def _annotate(ax: object, chart: Chart, dpi: float) -> None:
    """Label every point with its figure, moving a label that would overlap one already placed
    (or a marker) to the next free spot, so that close figures stay readable."""
    ax.autoscale_view()  # type: ignore[attr-defined]
    to_px = ax.transData.transform  # type: ignore[attr-defined]
    from matplotlib.dates import date2num

    pt = dpi / 72.0
    index = {src: i for i, src in enumerate(chart.sources)}
    anchors = [tuple(to_px((date2num(p.x), p.value))) for p in chart.points]
    markers = [(x - 4 * pt, y - 4 * pt, x + 4 * pt, y + 4 * pt) for x, y in anchors]
    placed: list[tuple[float, float, float, float]] = []
    for p, (x, y) in zip(chart.points, anchors, strict=True):
        w = (0.62 * LABEL_PT * len(p.label) + 2) * pt
        h = LABEL_PT * 1.15 * pt
        chosen = OFFSETS[0]
        for dx, dy in OFFSETS:
            left = x + dx * pt - (w if dx < 0 else 0)
            box = (left, y + dy * pt, left + w, y + dy * pt + h)
            if not any(_overlap(box, other) for other in placed + markers):
                chosen = (dx, dy)
                break
        dx, dy = chosen
        left = x + dx * pt - (w if dx < 0 else 0)
        placed.append((left, y + dy * pt, left + w, y + dy * pt + h))
        ax.annotate(  # type: ignore[attr-defined]
            p.label,
            (date2num(p.x), p.value),
            textcoords="offset points",
            xytext=(dx, dy),
            ha="right" if dx < 0 else "left",
            va="bottom",
            fontsize=LABEL_PT,
            color=COLOURS[index[p.source] % len(COLOURS)],
        )


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def chart_alt(chart: Chart) -> str:
    """A text description of the chart, for alt text and screen readers."""
    parts = [f"{p.source} {p.label} ({p.date})" for p in chart.points]
    return f"{chart.title}: " + "; ".join(parts) + "."
