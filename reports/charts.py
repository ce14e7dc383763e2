"""Server-drawn SVG bar charts, the same markup in the page and in the board PDF.

Only rect, line and text (WeasyPrint draws no SVG filters or foreignObject), colours as presentation
attributes (no inline style, for the Content-Security-Policy), role="img" with <title> and <desc>; every
chart is shown next to a data table with the same figures, so no one needs the picture to read them.
"""

from dataclasses import dataclass
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Dark enough for 3:1 against white (WCAG 1.4.11) and told apart by blind-safe hues.
LEVEL_COLOURS = {1: "#1f5fa0", 2: "#b35806", 3: "#1b7a4a", 4: "#7b3294"}
THIS_YEAR_COLOUR = "#1f5fa0"
LAST_YEAR_COLOUR = "#6c757d"

_ids = count(1)


@dataclass(frozen=True)
class Series:
    name: str
    values: list[int | float | None]
    colour: str


def _scale(peak: float, integers: bool) -> tuple[float, int]:
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


def _number(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"


def bar_chart(
    *,
    title: str,
    description: str,
    labels: list[str],
    series: list[Series],
    stacked: bool = False,
    width: int = 640,
    height: int = 240,
) -> SafeString:
    """Vertical bars per label: one bar per series side by side, or stacked when `stacked`."""
    chart_id = f"chart-{next(_ids)}"
    left, right, top, bottom = 48, 8, 28, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    totals = [
        sum((s.values[i] or 0) for s in series)
        if stacked
        else max([(s.values[i] or 0) for s in series] + [0])
        for i in range(len(labels))
    ]
    integers = all(isinstance(v, int) for s in series for v in s.values if v is not None)
    peak, steps = _scale(max(totals + [0]), integers)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title>',
        f'<desc id="{chart_id}-d">{escape(description)}</desc>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
    ]
    for tick in range(steps + 1):
        value = peak * tick / steps
        y = top + plot_h - plot_h * tick / steps
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#d0d5da"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#333">'
            f"{_number(value)}</text>"
        )
    slot = plot_w / max(len(labels), 1)
    bar_w = slot * 0.7 if stacked else slot * 0.8 / max(len(series), 1)
    for i, label in enumerate(labels):
        x0 = left + slot * i + slot * (0.15 if stacked else 0.1)
        base = top + plot_h
        for j, item in enumerate(series):
            value = item.values[i] or 0
            if not value:
                continue
            bar_h = plot_h * value / peak
            x = x0 if stacked else x0 + bar_w * j
            y = base - bar_h
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{bar_h:.1f}" '
                f'fill="{item.colour}"/>'
            )
            if stacked:
                base = y
        parts.append(
            f'<text x="{left + slot * (i + 0.5):.1f}" y="{height - bottom + 16}" text-anchor="middle" '
            f'font-size="11" fill="#333">{escape(label)}</text>'
        )
    parts.append(
        f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#333"/>'
    )
    if len(series) > 1:
        x = left
        for item in series:
            parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{item.colour}"/>')
            parts.append(f'<text x="{x + 16}" y="16" font-size="11" fill="#333">{escape(item.name)}</text>')
            x += 24 + 7 * len(item.name)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped


@dataclass(frozen=True)
class Chart:
    """A chart and the data table that says the same thing in words and numbers."""

    key: str
    title: str
    svg: SafeString
    header: list[str]
    rows: list[list]


def dashboard_charts(dash) -> list[Chart]:
    """The dashboard's four charts, drawn from a `reports.selectors.Dashboard` (also used in the PDF)."""
    from units.levels import PARTNERSHIP_LEVELS

    months = dash.summary.months
    labels = [row.label for row in months]
    year, last = dash.school_year, dash.school_year.previous()
    charts = []

    level_series = [
        Series(
            f"{level.number} {level.name}",
            [row.units_by_level[level.number] for row in months],
            LEVEL_COLOURS[level.number],
        )
        for level in PARTNERSHIP_LEVELS
    ]
    charts.append(
        Chart(
            "units-per-month",
            f"Units supported per month, {year}, by level of partnership",
            bar_chart(
                title=f"Units supported per month, {year}",
                description="Stacked bars: units per month, one colour per level of partnership. "
                "The table below gives the same figures.",
                labels=labels,
                series=level_series,
                stacked=True,
            ),
            ["Month", *[f"Level {level.number}" for level in PARTNERSHIP_LEVELS], "Total"],
            [
                [row.label, *[row.units_by_level[n] for n in range(1, 5)], row.units_supported]
                for row in months
            ],
        )
    )
    by_level = dash.activity.units_by_level
    charts.append(
        Chart(
            "level-distribution",
            f"Distribution of levels of partnership, {year}",
            bar_chart(
                title=f"Distribution of levels of partnership, {year}",
                description="Units of the year at each of the four levels of partnership.",
                labels=[f"Level {level.number}" for level in PARTNERSHIP_LEVELS],
                series=[
                    Series(
                        "Units", [by_level[level.number] for level in PARTNERSHIP_LEVELS], LEVEL_COLOURS[1]
                    )
                ],
                height=200,
            ),
            ["Level", "Units"],
            [[f"{level.number} {level.name}", by_level[level.number]] for level in PARTNERSHIP_LEVELS],
        )
    )
    this_circ = [row.circulation for row in months]
    last_circ = [row.circulation for row in dash.last_year.months]
    charts.append(
        Chart(
            "circulation",
            f"Monthly circulation, {year} against {last}",
            bar_chart(
                title=f"Monthly circulation, {year} against {last}",
                description=f"Side-by-side bars per month: circulation in {year} and in {last}. "
                "Months with nothing entered have no bar.",
                labels=labels,
                series=[
                    Series(str(year), this_circ, THIS_YEAR_COLOUR),
                    Series(str(last), last_circ, LAST_YEAR_COLOUR),
                ],
            ),
            ["Month", str(year), str(last)],
            [[label, this, before] for label, this, before in zip(labels, this_circ, last_circ, strict=True)],
        )
    )
    charts.append(
        Chart(
            "grades",
            f"Grade-level coverage, {year}",
            bar_chart(
                title=f"Grade-level coverage, {year}",
                description="Units of the year per grade level (a unit for several grades counts in each).",
                labels=[item.grade for item in dash.grades],
                series=[Series("Units", [item.units for item in dash.grades], LEVEL_COLOURS[3])],
                height=200,
            ),
            ["Grade", "Units"],
            [[item.grade, item.units] for item in dash.grades],
        )
    )
    return charts


def monthly_chart_data(dash) -> tuple[list[str], list[list]]:
    """The two monthly charts' figures in one table, for the board PDF: every table costs WeasyPrint
    layout time, and one table of months reads as well as two."""
    year, last = dash.school_year, dash.school_year.previous()
    header = ["Month", "Level 1", "Level 2", "Level 3", "Level 4", "Units", f"Circulation {year}", str(last)]
    rows = [
        [
            row.label,
            *[row.units_by_level[n] for n in range(1, 5)],
            row.units_supported,
            row.circulation,
            before.circulation,
        ]
        for row, before in zip(dash.summary.months, dash.last_year.months, strict=True)
    ]
    return header, rows
