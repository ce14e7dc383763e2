"""The dashboard's charts, built from a `reports.selectors.Dashboard`; collabtrack.charts draws them.

The same charts appear on the dashboard, in the board PDF and in the downloads beside each chart (the SVG,
and its data table as CSV).
"""

from dataclasses import dataclass

from collabtrack.charts import ChartSvg, Series, bar_chart

# Dark enough for 3:1 against white (WCAG 1.4.11) and told apart by blind-safe hues.
LEVEL_COLOURS = {1: "#1f5fa0", 2: "#b35806", 3: "#1b7a4a", 4: "#7b3294"}
THIS_YEAR_COLOUR = "#1f5fa0"
LAST_YEAR_COLOUR = "#6c757d"


@dataclass(frozen=True)
class Chart:
    """A chart and the data table that says the same thing in words and numbers."""

    key: str
    title: str
    svg: ChartSvg
    header: list[str]
    rows: list[list]


def dashboard_charts(dash) -> list[Chart]:
    """The dashboard's four charts, drawn from a `reports.selectors.Dashboard` (also used in the PDF)."""
    from units.levels import PARTNERSHIP_LEVELS, level_label

    months = dash.summary.months
    labels = [row.label for row in months]
    year, last = dash.school_year, dash.school_year.previous()
    by_level = dash.activity.units_by_level
    this_circ = [row.circulation for row in months]
    last_circ = [row.circulation for row in dash.last_year.months]
    specs = [
        (
            "units-per-month",
            f"Units supported per month, {year}, by level of partnership",
            "Stacked bars: units per month, one colour per level of partnership. "
            "The table below gives the same figures.",
            {
                "labels": labels,
                "series": [
                    Series(
                        level_label(level.number),
                        [row.units_by_level[level.number] for row in months],
                        LEVEL_COLOURS[level.number],
                    )
                    for level in PARTNERSHIP_LEVELS
                ],
                "stacked": True,
                "x_title": "Month",
                "y_title": "Units",
            },
            ["Month", *[f"Level {level.number}" for level in PARTNERSHIP_LEVELS], "Total"],
            [
                [row.label, *[row.units_by_level[n] for n in range(1, 5)], row.units_supported]
                for row in months
            ],
        ),
        (
            "level-distribution",
            f"Distribution of levels of partnership, {year}",
            "Units of the year at each of the four levels of partnership.",
            {
                "labels": [f"Level {level.number}" for level in PARTNERSHIP_LEVELS],
                "series": [
                    Series(
                        "Units", [by_level[level.number] for level in PARTNERSHIP_LEVELS], LEVEL_COLOURS[1]
                    )
                ],
                "x_title": "Level of partnership",
                "y_title": "Units",
            },
            ["Level", "Units"],
            [[level_label(level.number), by_level[level.number]] for level in PARTNERSHIP_LEVELS],
        ),
        (
            "circulation",
            f"Monthly circulation, {year} against {last}",
            f"Side-by-side bars per month: circulation in {year} and in {last}. "
            "Months with nothing entered have no bar.",
            {
                "labels": labels,
                "series": [
                    Series(str(year), this_circ, THIS_YEAR_COLOUR),
                    Series(str(last), last_circ, LAST_YEAR_COLOUR),
                ],
                "x_title": "Month",
                "y_title": "Items checked out",
            },
            ["Month", str(year), str(last)],
            [[label, this, before] for label, this, before in zip(labels, this_circ, last_circ, strict=True)],
        ),
        (
            "grades",
            f"Grade-level coverage, {year}",
            "Units of the year per grade level (a unit for several grades counts in each).",
            {
                "labels": [item.grade for item in dash.grades],
                "series": [Series("Units", [item.units for item in dash.grades], LEVEL_COLOURS[3])],
                "x_title": "Grade level",
                "y_title": "Units",
            },
            ["Grade", "Units"],
            [[item.grade, item.units] for item in dash.grades],
        ),
    ]
    return [
        Chart(key, title, bar_chart(key=key, title=title, description=description, **drawing), header, rows)
        for key, title, description, drawing, header, rows in specs
    ]


CHART_KEYS = ("units-per-month", "level-distribution", "circulation", "grades")


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
