"""The exported tables of each report, built from the same selector objects the pages render.

Cells stay exact (Decimal, dates as dates) here; the CSV/XLSX writers show them with
`collabtrack.formatting.display`, the same rounding as the page, and the XLSX keeps numbers and dates typed.
Each table carries the school's name and the period for the XLSX sheet's name and title."""

from collabtrack.models import School
from collabtrack.schoolyear import SchoolYear
from reports.exports import Table
from reports.selectors import AnnualSummary, MonthlyReport, UnitLine
from units.levels import level_label

ANNUAL_HEADER = [
    "Month",
    "Days open",
    "Monthly circulation",
    "Average daily circulation",
    "Number of classes served",
    "Number of units supported",
    "Average level of partnership",
]
UNITS_HEADER = ["Date", "Name or topic of unit", "Grade level", "Teacher partners", "Level of collaboration"]


def annual_rows(summary: AnnualSummary) -> list[list]:
    rows = []
    for row in [*summary.months, summary.total]:
        label = f"{row.label} {row.year}" if row.year else row.label
        rows.append(
            [
                label,
                row.days_open,
                row.circulation,
                row.average_daily_circulation,
                row.classes_served,
                row.units_supported,
                row.average_level,
            ]
        )
    return rows


def annual_tables(summary: AnnualSummary, school: School) -> list[Table]:
    year = summary.school_year
    title = f"Annual summary {year}"
    return [Table(title, ANNUAL_HEADER, annual_rows(summary), school=school.name, period=year.name)]


def _unit_row(line: UnitLine) -> list:
    # The date stays a date: the CSV writes it as YYYY-MM-DD, the XLSX as a date a spreadsheet can sort.
    level = level_label(line.level)
    return [line.date, line.title, line.grades, line.teachers, level]


def units_table(lines: list[UnitLine], school_year: SchoolYear, school: School) -> Table:
    rows = [_unit_row(line) for line in lines]
    return Table(f"Units {school_year}", UNITS_HEADER, rows, school=school.name, period=school_year.name)


def monthly_tables(report: MonthlyReport, school: School) -> list[Table]:
    """The month's units, then its two figures (in the CSV as trailing rows, in the XLSX as well)."""
    rows = [_unit_row(line) for line in report.units]
    rows.append(["Units supported", report.activity.units_total, "", "", ""])
    rows.append(["Average level of partnership", report.activity.average_level, "", "", ""])
    period = f"{report.year}-{report.month:02d}"
    return [Table(f"Units {period}", UNITS_HEADER, rows, school=school.name, period=period)]
