"""The roll-up's columns, its sorting, its exported tables and its charts: all read a `Rollup`
(reports.district), so the page, the CSV/XLSX and the district PDF show the same figures."""

from dataclasses import dataclass
from typing import Any

from collabtrack.charts import Series, bar_chart
from collabtrack.schoolyear import month_label
from reports.charts import LEVEL_COLOURS, Chart
from reports.district import Figures, Rollup, RollupRow
from reports.exports import Table
from units.levels import PARTNERSHIP_LEVELS


@dataclass(frozen=True)
class Column:
    key: str  # the ?sort= value
    label: str
    figure: str = ""  # the Figures attribute; empty for the school's name
    level: int | None = None  # a units-by-level column

    def value(self, figures: Figures) -> Any:
        if self.level:
            return figures.units_by_level[self.level]
        return getattr(figures, self.figure)

    def delta(self, row: RollupRow) -> Any:
        return row.level_delta(self.level) if self.level else row.delta(self.figure)


COLUMNS = [
    Column("school", "School"),
    Column("units", "Units supported", "units_supported"),
    *[
        Column(f"level{level.number}", f"Level {level.number} {level.name}", level=level.number)
        for level in PARTNERSHIP_LEVELS
    ],
    Column("average_level", "Average level", "average_level"),
    Column("share_high", "Share at levels 3–4 (%)", "share_high_levels"),
    Column("teachers", "Teachers reached", "teachers_reached"),
    Column("directory", "Teachers in the directory", "teachers_in_directory"),
    Column("days_open", "Days open", "days_open"),
    Column("circulation", "Circulation", "circulation"),
    Column("average_daily", "Average daily circulation", "average_daily_circulation"),
    Column("classes", "Classes served", "classes_served"),
]
COLUMN_KEYS = {column.key: column for column in COLUMNS}
FIGURE_COLUMNS = COLUMNS[1:]


def parse_sort(value: str | None) -> tuple[str, bool]:
    """(column key, descending) from ?sort= ("units", "-units"); anything unknown sorts by school."""
    value = (value or "")[:40]
    descending = value.startswith("-")
    key = value.lstrip("-")
    if key not in COLUMN_KEYS:
        return "school", False
    return key, descending


def sorted_rows(rows: list[RollupRow], key: str, descending: bool) -> list[RollupRow]:
    """Rows by this year's figure; blanks always last, ties by school name."""
    by_name = sorted(rows, key=lambda row: row.school.name.casefold())
    if key == "school":
        return list(reversed(by_name)) if descending else by_name
    column = COLUMN_KEYS[key]
    present = [row for row in by_name if column.value(row.this) is not None]
    blank = [row for row in by_name if column.value(row.this) is None]
    present.sort(key=lambda row: column.value(row.this), reverse=descending)
    return present + blank


def _cells(row: RollupRow) -> list:
    cells = []
    for column in FIGURE_COLUMNS:
        cells += [column.value(row.this), column.value(row.last), column.delta(row)]
    return cells


def rollup_table(rollup: Rollup) -> Table:
    """One row per school, then the district TOTAL; each figure, last year's and the difference."""
    header = ["School"]
    for column in FIGURE_COLUMNS:
        header += [column.label, f"{column.label}, last year", f"{column.label}, change"]
    rows = [[row.school.name, *_cells(row)] for row in rollup.rows]
    rows.append([f"District TOTAL ({len(rollup.rows)} schools)", *_cells(rollup.total)])
    return Table(f"District {rollup.school_year}", header, rows)


def completeness_table(rollup: Rollup) -> Table:
    rows = [
        [gap.label, "; ".join(gap.without_statistics), "; ".join(gap.without_units)] for gap in rollup.gaps
    ]
    return Table("Data completeness", ["Month", "No statistics entered", "No units logged"], rows)


def rollup_tables(rollup: Rollup) -> list[Table]:
    return [rollup_table(rollup), completeness_table(rollup)]


def month_totals(rollup: Rollup) -> list[tuple[str, dict[int, int]]]:
    """Units per calendar month by level over every school (each over its own months), in order."""
    totals: dict[tuple[int, int], dict[int, int]] = {}
    for row in rollup.rows:
        for month in row.summary.months:
            by_level = totals.setdefault((month.year, month.month), dict.fromkeys(LEVEL_COLOURS, 0))
            for level, count in month.units_by_level.items():
                by_level[level] += count
    return [(f"{month_label(m)} {y}", totals[(y, m)]) for y, m in sorted(totals)]


def rollup_charts(rollup: Rollup) -> list[Chart]:
    """The district's units per month by level, and the level mix of each school."""
    year = rollup.school_year
    months = month_totals(rollup)
    names = [row.school.name for row in rollup.rows]
    level_names = {level.number: f"Level {level.number} {level.name}" for level in PARTNERSHIP_LEVELS}
    specs = [
        (
            "district-units-per-month",
            f"Units supported per month by level of partnership, {rollup.district}, {year}",
            "Stacked bars per month: the district's units at each level of partnership.",
            [label for label, _ in months],
            {n: [by_level[n] for _, by_level in months] for n in LEVEL_COLOURS},
            "Month",
        ),
        (
            "district-level-mix",
            f"Level of partnership mix per school, {year}",
            "Stacked bars per school: its units of the year at each level of partnership.",
            names,
            {n: [row.this.units_by_level[n] for row in rollup.rows] for n in LEVEL_COLOURS},
            "School",
        ),
    ]
    charts = []
    for key, title, description, labels, values, x_title in specs:
        series = [Series(level_names[n], values[n], LEVEL_COLOURS[n]) for n in LEVEL_COLOURS]
        svg = bar_chart(
            key=key,
            title=title,
            description=description,
            labels=labels,
            series=series,
            stacked=True,
            x_title=x_title,
            y_title="Units",
        )
        header = [x_title, *level_names.values(), "Units"]
        rows = [
            [label, *[values[n][i] for n in LEVEL_COLOURS], sum(values[n][i] for n in LEVEL_COLOURS)]
            for i, label in enumerate(labels)
        ]
        charts.append(Chart(key, title, svg, header, rows))
    return charts
