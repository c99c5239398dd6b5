"""The timeline chart: deterministic PNG and SVG, no pyplot, no global backend change."""

from __future__ import annotations

import datetime as dt

import pytest

from contradict.export.brief import Chart, Point, charts, parse_date
from contradict.export.chart import chart_alt, render_chart


def make_chart() -> Chart:
    pts = [
        Point(dt.date(2019, 1, 31), "2019-01-31", 1000, "≈1,000", "Ministry", "c1"),
        Point(dt.date(2019, 2, 9), "2019-02-09", 1000, "1,000", "Ministry", "c2"),
        Point(dt.date(2019, 2, 9), "2019-02-09", 800, "800", "Ministry", "c3"),
        Point(dt.date(2019, 11, 15), "2019-11", 2000, "2,000", "Политика", "c4"),
        Point(dt.date(2020, 7, 1), "2020", 8100, "8,100", "Commissioner", "c5"),
    ]
    return Chart("cameras", "Number of cameras: figures given by each source", pts)


@pytest.mark.parametrize("fmt", ["png", "svg"])
def test_render_is_deterministic(fmt: str) -> None:
    a = render_chart(make_chart(), fmt)  # type: ignore[arg-type]
    b = render_chart(make_chart(), fmt)  # type: ignore[arg-type]
    assert a == b
    if fmt == "png":
        assert a.startswith(b"\x89PNG")
        assert b"Software" not in a and b"Matplotlib" not in a
    else:
        assert b"<svg" in a
        assert b"<dc:date>" not in a and b"Matplotlib v" not in a


def test_backend_left_alone() -> None:
    import matplotlib

    before = matplotlib.get_backend()
    render_chart(make_chart(), "png")
    assert matplotlib.get_backend() == before


def test_alt_text_lists_every_figure() -> None:
    alt = chart_alt(make_chart())
    assert alt.startswith("Number of cameras: figures given by each source: ")
    assert "Политика 2,000 (2019-11)" in alt and "Commissioner 8,100 (2020)" in alt


def test_parse_date_places_partial_dates() -> None:
    assert parse_date("2020") == dt.date(2020, 7, 1)
    assert parse_date("2019-04") == dt.date(2019, 4, 15)
    assert parse_date("2019-04-02") == dt.date(2019, 4, 2)
    assert parse_date(None) is None
    assert parse_date("spring") is None


def test_chart_points_from_numeric_findings(brief_db) -> None:  # type: ignore[no-untyped-def]
    from contradict.export.brief import Filters, build_brief
    from contradict.store import open_db

    db = open_db(brief_db, create=False)
    try:
        brief = build_brief(db, Filters())
    finally:
        db.close()
    assert [c.unit for c in brief.charts] == ["cameras"]
    (chart,) = brief.charts
    assert [(p.date, p.value, p.source) for p in chart.points] == [
        ("2019-01-31", 1000.0, "Ministry of Interior"),
        ("2019-11-06", 2000.0, "Политика"),
        ("2020", 8100.0, "Ministry of Interior"),
        ("2020-07", 689.0, "Citizens Watch"),
    ]
    assert [p.approximate_date for p in chart.points] == [False, False, True, True]
    assert charts([]) == []


def test_undated_figures_are_counted_not_drawn() -> None:
    from contradict.export.brief import Entry, Side

    def side(cid: str, date: str | None, source: str) -> Side:
        return Side(cid, "t", None, source, "statement", date, "T", "t.md", None, None, 0, 1)

    values = {
        "a": 1000.0,
        "b": 8100.0,
        "unit": "cameras",
        "qualifier_a": "about",
        "qualifier_b": "exact",
    }
    e = Entry(
        "f" * 20,
        "numeric",
        "contradiction",
        0.9,
        "cameras",
        "x",
        "unreviewed",
        None,
        None,
        values,
        side("c1", "2019-02", "A"),
        side("c2", None, "B"),
    )
    (chart,) = charts([e])
    assert [(p.label, p.source) for p in chart.points] == [("≈1,000", "A")]
    assert chart.undated == 1
