"""The one chart engine (collabtrack.charts): geometry read back from the SVG it draws."""

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from collabtrack import charts
from collabtrack.charts import NARROW, WIDE, Series, bar_chart, line_chart, text_width, visible_labels

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = ["Sept", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "June", "July", "Aug"]


def _drawings(chart):
    # Our own output, not untrusted input.
    return {name: ET.fromstring(str(getattr(chart, name))) for name in ("wide", "narrow")}  # noqa: S314


def _axis_labels(svg, y_min):
    """The x-axis labels: texts below the plot, as (x, text)."""
    return [
        (float(t.get("x")), t.text)
        for t in svg.iter(f"{SVG}text")
        if float(t.get("y")) > y_min and not t.get("transform") and t.get("text-anchor") == "middle"
    ]


def _assert_no_overlap(labels, font):
    for (x1, a), (x2, b) in zip(labels, labels[1:], strict=False):
        assert x1 + text_width(a, font) / 2 < x2 - text_width(b, font) / 2, (a, b)


def _year_chart(labels):
    return bar_chart(
        key="test",
        title="Units <per> month",
        description="A & B",
        labels=labels,
        series=[
            Series("Level 1", [1] * len(labels), "#000000"),
            Series("Level 2", [2] * len(labels), "#111111"),
        ],
        stacked=True,
        x_title="Month",
        y_title="Units",
    )


def test_svg_scales_to_its_container_and_is_labelled():
    chart = _year_chart(MONTHS[:10])
    for name, svg in _drawings(chart).items():
        geometry = WIDE if name == "wide" else NARROW
        assert svg.get("viewBox") == f"0 0 {geometry.width} {geometry.height}"
        assert svg.get("width") is None and svg.get("height") is None  # CSS sets the width: 100%
        assert svg.get("role") == "img"
        assert svg.find(f"{SVG}title").text == "Units <per> month"  # escaped in the markup, read back whole
        assert svg.find(f"{SVG}desc").text == "A & B"
        sizes = {float(t.get("font-size")) for t in svg.iter(f"{SVG}text")}
        assert sizes == {geometry.font}
        texts = [t.text for t in svg.iter(f"{SVG}text")]
        assert "Month" in texts and "Units" in texts  # axis titles
    assert str(chart).count("<svg") == 2
    assert chart.standalone().startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg')


def test_readable_sizes_on_a_phone_a_desktop_and_paper():
    # The narrow drawing fills the 296 px a 320 px phone leaves; the wide one is shown from a 528 px (33rem)
    # container (collabtrack.css) and printed 18 cm (510 pt) wide.
    assert NARROW.font * 296 / NARROW.width >= 12
    assert WIDE.font * 528 / WIDE.width >= 12
    assert WIDE.font * 510 / WIDE.width >= 8


@pytest.mark.parametrize("count", [1, 4, 10, 12])
def test_month_labels_never_overlap(count):
    chart = _year_chart(MONTHS[:count])
    for name, svg in _drawings(chart).items():
        geometry = WIDE if name == "wide" else NARROW
        labels = _axis_labels(svg, geometry.height * 0.7)
        labels = [label for label in labels if label[1] in MONTHS]
        assert labels and labels[0][1] == "Sept"
        _assert_no_overlap(labels, geometry.font)
    wide_labels = [t for _, t in _axis_labels(_drawings(chart)["wide"], WIDE.height * 0.7) if t in MONTHS]
    assert wide_labels == MONTHS[:count] or count == 12  # the wide drawing has room for ten months


def test_visible_labels_thin_when_crowded_and_drop_repeats():
    assert [label for _, label in visible_labels([0, 100, 200], ["Oct", "Nov", "Dec"], 14)] == [
        "Oct",
        "Nov",
        "Dec",
    ]
    crowded = visible_labels([0, 20, 40, 60], ["Oct 2026", "Nov 2026", "Dec 2026", "Jan 2027"], 14)
    assert len(crowded) < 4 and crowded[0] == (0, "Oct 2026")
    assert visible_labels([0, 200], ["Oct 2026", "Oct 2026"], 14) == [(0, "Oct 2026")]


def test_bars_stack_to_their_total_and_the_axis_is_never_fractional_for_counts():
    chart = bar_chart(
        key="k",
        title="t",
        description="d",
        labels=["A"],
        series=[Series("x", [3], "#000"), Series("y", [4], "#111")],
        stacked=True,
    )
    svg = _drawings(chart)["wide"]
    bars = [
        r for r in svg.iter(f"{SVG}rect") if r.get("fill") in ("#000", "#111") and float(r.get("height")) > 30
    ]
    assert len(bars) == 2
    low, high = sorted(bars, key=lambda r: -float(r.get("y")))
    assert float(high.get("y")) + float(high.get("height")) == pytest.approx(float(low.get("y")), abs=0.2)
    assert charts.nice_scale(7, integers=True) == (8.0, 4)
    assert charts.nice_scale(0, integers=True) == (1.0, 1)
    assert charts.nice_scale(18406, integers=True)[0] >= 18406
    assert charts.number_label(18000) == "18,000"


def _points(svg):
    return [(float(c.get("cx")), float(c.get("cy"))) for c in svg.iter(f"{SVG}circle")]


def test_line_chart_oldest_left_newest_right_proportional_to_time():
    # Moved from tests/taxonomy/test_selectors.py with the same intent: the level over time chart.
    days = [(dt.date(2024, 10, 1), 4), (dt.date(2025, 10, 1), 6), (dt.date(2025, 4, 1), 5)]
    chart = line_chart(key="l", title="t", description="d", points=days, y_range=(1, 10), colour="#1d4e6b")
    svg = _drawings(chart)["wide"]
    first, middle, last = _points(svg)
    assert first[0] < middle[0] < last[0]
    share = (dt.date(2025, 4, 1) - dt.date(2024, 10, 1)).days / 365
    assert (middle[0] - first[0]) / (last[0] - first[0]) == pytest.approx(share, abs=0.01)
    gridlines = sorted({float(line.get("y1")) for line in svg.iter(f"{SVG}line")})
    assert len(gridlines) == 10  # one per level
    bottom, top = gridlines[-1], gridlines[0]
    assert first[1] == pytest.approx(bottom - (bottom - top) * 3 / 9, abs=0.1)  # level 4
    assert last[1] == pytest.approx(bottom - (bottom - top) * 5 / 9, abs=0.1)  # level 6


def test_line_chart_of_one_point_is_centred_and_none_without_points():
    chart = line_chart(
        key="l",
        title="t",
        description="d",
        points=[(dt.date(2025, 10, 1), 10)],
        y_range=(1, 10),
        colour="#000",
    )
    for svg in _drawings(chart).values():
        (point,) = _points(svg)
        gridlines = list(svg.iter(f"{SVG}line"))
        left, right = float(gridlines[0].get("x1")), float(gridlines[0].get("x2"))
        assert point[0] == pytest.approx((left + right) / 2, abs=0.1)
        assert point[1] == pytest.approx(min(float(line.get("y1")) for line in gridlines), abs=0.1)
    assert line_chart(key="l", title="t", description="d", points=[], y_range=(1, 10), colour="#000") is None


def test_month_labels_of_close_self_assessments_do_not_overlap():
    # Issue 14: "Oct 2026" printed over "Nov 2026" on the timeline and in the portfolio PDF.
    days = [
        (dt.date(2026, 10, 1), 3),
        (dt.date(2026, 11, 2), 4),
        (dt.date(2026, 11, 20), 5),
        (dt.date(2027, 9, 1), 6),
    ]
    chart = line_chart(key="l", title="t", description="d", points=days, y_range=(1, 10), colour="#000")
    for name, svg in _drawings(chart).items():
        geometry = WIDE if name == "wide" else NARROW
        labels = _axis_labels(svg, geometry.height * 0.7)
        labels = [label for label in labels if label[1][-4:].isdigit()]
        _assert_no_overlap(labels, geometry.font)
        assert [t for _, t in labels].count("Nov 2026") <= 1
        assert labels[0][1] == "Oct 2026"
        assert all(
            x - text_width(t, geometry.font) / 2 >= 0
            and x + text_width(t, geometry.font) / 2 <= geometry.width
            for x, t in labels
        )
