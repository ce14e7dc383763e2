"""One SVG chart engine for every chart CollabTrack draws: the dashboard, the board PDF, the reflection
timeline and the portfolio PDF.

The server draws the SVG, so the page, the PDF and the download show the same picture without JavaScript.
Only rect, line, polyline, circle and text (WeasyPrint draws no filters or foreignObject); colours are
presentation attributes (no inline style, for the Content-Security-Policy); each SVG has role="img" with
<title> and <desc>, and every chart is shown beside a table or text that says the same thing.

Sizing. The SVGs have a viewBox and no width or height: CSS makes them as wide as their container, and
their text scales with them. One drawing cannot keep its text at 12 CSS px or more from a 320 px phone to a
desktop without growing huge on the desktop, so each chart is drawn twice: `wide` (640 units across, text
15 units: 12 px and more from a 528 px container up, 12 pt when printed 18 cm wide) and `narrow`
(360 units, text 15 units: 12.3 px in the 296 px a 320 px phone leaves). static/css/collabtrack.css shows
the one that fits its container (a container query); the PDFs print the wide one at the full text width.

Axis labels never overlap: a label is left out when it would touch the one before it (its width estimated
from the font size), so a year of months on a phone shows every other month, and two self-assessments in
the same month show one month label.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

TEXT = "#333333"
GRID = "#d0d5da"
AXIS = "#333333"
# An average glyph of DejaVu Sans (the PDFs' font) and of the usual system sans-serif fonts is at most
# about 0.62 em wide for the digits and capitals these labels are made of.
GLYPH_EM = 0.62


@dataclass(frozen=True)
class Geometry:
    """One drawing of a chart: its viewBox size and its text size (user units)."""

    name: str
    width: int
    height: int
    font: int


WIDE = Geometry("wide", 640, 300, 15)
NARROW = Geometry("narrow", 360, 300, 15)


@dataclass(frozen=True)
class Series:
    name: str
    values: list[int | float | None]
    colour: str


@dataclass(frozen=True)
class ChartSvg:
    """The two drawings of one chart; in a template it prints both (CSS shows one of them)."""

    wide: SafeString
    narrow: SafeString

    def __html__(self) -> str:
        return self.wide + self.narrow

    def __str__(self) -> str:
        return self.__html__()

    def standalone(self) -> bytes:
        """The wide drawing as an SVG file (for the download beside the chart)."""
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{self.wide}\n'.encode()


def text_width(text: str, font: float) -> float:
    return len(text) * font * GLYPH_EM


def visible_labels(positions: list[float], labels: list[str], font: float) -> list[tuple[float, str]]:
    """The (x, label) pairs to draw: a label is dropped when it would come closer than half a font size
    to the last one drawn, or repeats it (two points in the same month)."""
    kept: list[tuple[float, str]] = []
    right_edge = float("-inf")
    for x, label in zip(positions, labels, strict=True):
        half = text_width(label, font) / 2
        if kept and (label == kept[-1][1] or x - half < right_edge + font / 2):
            continue
        kept.append((x, label))
        right_edge = x + half
    return kept


def nice_scale(peak: float, integers: bool) -> tuple[float, int]:
    """(top of the axis, number of gridline steps): steps of 1, 2 or 5 × 10^n, at most five of them,
    and never fractional for counts."""
    step = 1.0 if integers else 0.1
    while True:
        for multiple in (1, 2, 5):
            candidate = step * multiple
            if peak <= candidate * 5:
                steps = max(1, -(-peak // candidate)) if peak else 1
                return candidate * steps, int(steps)
        step *= 10


def number_label(value: float) -> str:
    """Tick text with thousands separators; one decimal only where the scale has fractions."""
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


class _Canvas:
    """Collects SVG elements; every text is escaped here."""

    def __init__(self, key: str, geometry: Geometry, title: str, description: str):
        self.geometry = geometry
        ident = f"{key}-{geometry.name}"
        width, height = geometry.width, geometry.height
        self.parts = [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{geometry.name}" role="img" '
            f'viewBox="0 0 {width} {height}" preserveAspectRatio="xMidYMid meet" '
            f'font-family="DejaVu Sans, sans-serif" aria-labelledby="{ident}-t {ident}-d">',
            f'<title id="{ident}-t">{escape(title)}</title>',
            f'<desc id="{ident}-d">{escape(description)}</desc>',
            f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        ]

    def line(self, x1, y1, x2, y2, colour=GRID, width=1):
        self.parts.append(
            f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
            f'stroke-width="{width}"/>'
        )

    def rect(self, x, y, width, height, colour):
        self.parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{colour}"/>'
        )

    def text(self, x, y, content, *, anchor="middle", rotate=False, weight=""):
        font = self.geometry.font
        transform = f' transform="rotate(-90 {x:.1f} {y:.1f})"' if rotate else ""
        bold = ' font-weight="bold"' if weight else ""
        self.parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{font}" fill="{TEXT}"'
            f"{bold}{transform}>{escape(content)}</text>"
        )

    def raw(self, element: str):
        self.parts.append(element)

    def svg(self) -> SafeString:
        return mark_safe("".join([*self.parts, "</svg>"]))  # noqa: S308 — every text is escaped above


@dataclass(frozen=True)
class _Plot:
    left: float
    right: float
    top: float
    bottom: float


def _frame(canvas: _Canvas, *, tick_labels: list[str], y_title: str, x_title: str, legend_rows: int) -> _Plot:
    """The plot area inside the margins that the axis titles, tick labels and legend need."""
    g = canvas.geometry
    tick_w = max(text_width(label, g.font) for label in tick_labels) if tick_labels else 0
    left = (g.font * 1.6 if y_title else 4) + tick_w + g.font * 0.6
    top = g.font * 0.8 + legend_rows * g.font * 1.6
    bottom = g.height - g.font * 1.8 - (g.font * 1.6 if x_title else 0)
    return _Plot(left=left, right=g.width - g.font * 0.8, top=top, bottom=bottom)


def _axis_titles(canvas: _Canvas, plot: _Plot, *, y_title: str, x_title: str) -> None:
    g = canvas.geometry
    if y_title:
        canvas.text(g.font, (plot.top + plot.bottom) / 2, y_title, rotate=True)
    if x_title:
        canvas.text((plot.left + plot.right) / 2, g.height - g.font * 0.5, x_title)


def _legend(canvas: _Canvas, series: list[Series]) -> int:
    """Swatches and names across the top, wrapping to more rows when needed; returns the rows used."""
    g = canvas.geometry
    if len(series) < 2:
        return 0
    x, row = g.font * 0.6, 0
    for item in series:
        item_w = g.font * 1.4 + text_width(item.name, g.font) + g.font
        if x + item_w > g.width and x > g.font:
            x, row = g.font * 0.6, row + 1
        y = g.font * 0.4 + row * g.font * 1.6
        canvas.rect(x, y, g.font, g.font, item.colour)
        canvas.text(x + g.font * 1.4, y + g.font * 0.85, item.name, anchor="start")
        x += item_w
    return row + 1


def _legend_rows(geometry: Geometry, series: list[Series]) -> int:
    probe = _Canvas("probe", geometry, "", "")
    return _legend(probe, series)


def bar_chart(
    *,
    key: str,
    title: str,
    description: str,
    labels: list[str],
    series: list[Series],
    stacked: bool = False,
    x_title: str = "",
    y_title: str = "",
) -> ChartSvg:
    """Vertical bars per label: one bar per series side by side, or stacked when `stacked`."""
    drawings = [
        _bar_drawing(key, g, title, description, labels, series, stacked, x_title, y_title)
        for g in (WIDE, NARROW)
    ]
    return ChartSvg(*drawings)


def _bar_drawing(key, g, title, description, labels, series, stacked, x_title, y_title) -> SafeString:
    canvas = _Canvas(key, g, title, description)
    totals = [
        sum((s.values[i] or 0) for s in series)
        if stacked
        else max([(s.values[i] or 0) for s in series] + [0])
        for i in range(len(labels))
    ]
    integers = all(isinstance(v, int) for s in series for v in s.values if v is not None)
    peak, steps = nice_scale(max(totals + [0]), integers)
    ticks = [peak * tick / steps for tick in range(steps + 1)]
    plot = _frame(
        canvas,
        tick_labels=[number_label(t) for t in ticks],
        y_title=y_title,
        x_title=x_title,
        legend_rows=_legend_rows(g, series),
    )
    _legend(canvas, series)
    height = plot.bottom - plot.top
    for value in ticks:
        y = plot.bottom - height * value / peak
        canvas.line(plot.left, y, plot.right, y)
        canvas.text(plot.left - g.font * 0.4, y + g.font * 0.35, number_label(value), anchor="end")
    slot = (plot.right - plot.left) / max(len(labels), 1)
    bar_w = slot * 0.7 if stacked else slot * 0.8 / max(len(series), 1)
    for i in range(len(labels)):
        x0 = plot.left + slot * i + slot * (0.15 if stacked else 0.1)
        base = plot.bottom
        for j, item in enumerate(series):
            value = item.values[i] or 0
            if not value:
                continue
            bar_h = height * value / peak
            x = x0 if stacked else x0 + bar_w * j
            canvas.rect(x, base - bar_h, bar_w, bar_h, item.colour)
            if stacked:
                base -= bar_h
    centres = [plot.left + slot * (i + 0.5) for i in range(len(labels))]
    for x, label in visible_labels(centres, labels, g.font):
        canvas.text(x, plot.bottom + g.font * 1.3, label)
    canvas.line(plot.left, plot.bottom, plot.right, plot.bottom, colour=AXIS)
    _axis_titles(canvas, plot, y_title=y_title, x_title=x_title)
    return canvas.svg()


def line_chart(
    *,
    key: str,
    title: str,
    description: str,
    points: list[tuple[dt.date, int]],
    y_range: tuple[int, int],
    colour: str,
    x_title: str = "",
    y_title: str = "",
) -> ChartSvg | None:
    """Whole-number values (y, from y_range's low at the bottom to its high at the top, one gridline per
    value) against dates (x, proportional to time; one point alone is centred); None without points."""
    if not points:
        return None
    drawings = [
        _line_drawing(key, g, title, description, sorted(points), y_range, colour, x_title, y_title)
        for g in (WIDE, NARROW)
    ]
    return ChartSvg(*drawings)


def time_positions(days: list[dt.date], left: float, right: float) -> list[float]:
    """x of each date, oldest at `left`, newest at `right`, proportional to time; one date alone centred."""
    first, last = min(days), max(days)
    span = (last - first).days
    if span == 0:
        return [(left + right) / 2 for _ in days]
    return [left + (right - left) * (day - first).days / span for day in days]


def _line_drawing(key, g, title, description, points, y_range, colour, x_title, y_title) -> SafeString:
    canvas = _Canvas(key, g, title, description)
    low, high = y_range
    plot = _frame(canvas, tick_labels=[str(high)], y_title=y_title, x_title=x_title, legend_rows=0)
    # Room for half a month label at either end, so the oldest and newest labels stay inside.
    inset = text_width("Mmm 2000", g.font) / 2
    xs = time_positions([day for day, _ in points], plot.left + inset, plot.right - inset)

    def y_of(value: int) -> float:
        return plot.bottom - (plot.bottom - plot.top) * (value - low) / max(high - low, 1)

    for value in range(low, high + 1):
        canvas.line(plot.left, y_of(value), plot.right, y_of(value))
        canvas.text(plot.left - g.font * 0.4, y_of(value) + g.font * 0.35, str(value), anchor="end")
    coordinates = [(x, y_of(value)) for x, (_, value) in zip(xs, points, strict=True)]
    canvas.raw(
        f'<polyline points="{" ".join(f"{x:.1f},{y:.1f}" for x, y in coordinates)}" fill="none" '
        f'stroke="{colour}" stroke-width="3"/>'
    )
    for x, y in coordinates:
        canvas.raw(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="6" fill="{colour}" stroke="#ffffff" stroke-width="2"/>'
        )
    labels = [f"{day:%b %Y}" for day, _ in points]
    for x, label in visible_labels(xs, labels, g.font):
        canvas.text(x, plot.bottom + g.font * 1.3, label)
    _axis_titles(canvas, plot, y_title=y_title, x_title=x_title)
    return canvas.svg()
