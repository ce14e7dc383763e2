"""The reports' downloads as exporters (collabtrack.exporters), registered by ReportsConfig.ready().

Each renders the same selector object its page shows: the monthly report, the annual summary, the year's
units, the board report (reports.board) and the school export (reports.imports.school_export).
"""

from dataclasses import dataclass

from django.utils import timezone

from collabtrack import exporters
from collabtrack.access import STAFF_ROLES
from collabtrack.exporters import (
    Exporter,
    ExportFile,
    ExportRefused,
    FormatParameter,
    MonthParameter,
    Parameter,
    SchoolYearParameter,
)
from collabtrack.models import Role, School
from collabtrack.pdf import render_pdf
from collabtrack.schoolyear import SchoolYear
from reports import exports, tables
from reports.board import BoardReport, board_report
from reports.charts import CHART_KEYS, dashboard_charts, monthly_chart_data
from reports.dashboard_cache import dashboard_figures
from reports.exports import CSV_MIMETYPE, safe_csv_bytes
from reports.imports.school_export import school_export
from reports.selectors import MonthlyReport, annual_summary, monthly_report, unit_lines
from units.activity import units_in_period
from units.levels import PARTNERSHIP_LEVELS

PDF_MIMETYPE = "application/pdf"


def monthly_report_pdf(report: MonthlyReport, school: School) -> ExportFile:
    """The monthly report's PDF from its selector object: the page's download and the monthly e-mail."""
    context = {"report": report, "levels": PARTNERSHIP_LEVELS, "school": school}
    pdf = render_pdf("reports/pdf/monthly.html", context)
    return ExportFile(f"units-supported-{report.year}-{report.month:02d}.pdf", PDF_MIMETYPE, pdf)


class MonthlyReportExporter(Exporter):
    identifier = "monthly_report"
    position = 10
    verbose_name = "Monthly report of units supported"
    description = "The month's units with their partnership levels, how many and the average level."
    roles = STAFF_ROLES
    parameters = (MonthParameter(), FormatParameter(formats=("pdf", "csv", "xlsx")))

    def render(self, school, *, membership=None, month: tuple[int, int], fmt: str) -> ExportFile:
        report = monthly_report(school, *month)
        if fmt == "pdf":
            return monthly_report_pdf(report, school)
        basename = f"units-supported-{report.year}-{report.month:02d}"
        return ExportFile(*exports.render(tables.monthly_tables(report, school), basename=basename, fmt=fmt))


class AnnualSummaryExporter(Exporter):
    identifier = "annual_summary"
    position = 20
    verbose_name = "Annual summary"
    description = "Days open, circulation, classes served, units supported and average level, month by month."
    roles = STAFF_ROLES
    parameters = (SchoolYearParameter(), FormatParameter(formats=("csv", "xlsx")))

    def render(self, school, *, membership=None, school_year: SchoolYear, fmt: str) -> ExportFile:
        summary = annual_summary(school, school_year)
        basename = f"annual-summary-{school_year.name}"
        return ExportFile(*exports.render(tables.annual_tables(summary, school), basename=basename, fmt=fmt))


class YearUnitsExporter(Exporter):
    identifier = "year_units"
    position = 30
    verbose_name = "Units of the school year"
    description = "Every unit of the year: date, title, grades, teacher partners and level."
    roles = STAFF_ROLES
    parameters = (SchoolYearParameter(), FormatParameter(formats=("csv", "xlsx")))

    def render(self, school, *, membership=None, school_year: SchoolYear, fmt: str) -> ExportFile:
        lines = unit_lines(units_in_period(school, school_year.start_date, school_year.end_date))
        table = tables.units_table(lines, school_year, school)
        return ExportFile(*exports.render([table], basename=f"units-{school_year.name}", fmt=fmt))


def board_pdf(report: BoardReport) -> ExportFile:
    dash = report.dashboard
    context = {
        "report": report,
        "school": report.school,
        "dash": dash,
        "charts": dashboard_charts(dash),
        "highlights": report.highlights,
        "levels": PARTNERSHIP_LEVELS,
        "units": report.units,
    }
    context["monthly_header"], context["monthly_rows"] = monthly_chart_data(dash)
    pdf = render_pdf("reports/pdf/board.html", context)
    return ExportFile(f"board-report-{report.school_year.name}.pdf", PDF_MIMETYPE, pdf)


class BoardReportExporter(Exporter):
    # The job kind of the same name (reports/jobs.py) makes and keeps this file.
    identifier = "board_pdf"
    position = 40
    verbose_name = "Board report (PDF)"
    description = "The year's figures, charts, teacher reach, standards and units, with the highlights."
    roles = STAFF_ROLES
    parameters = (SchoolYearParameter(),)
    runs_as_job = True

    def kept_parameters(self, school, raw):
        # The cover names the day the figures were drawn, the current year is compared with last year up
        # to the same day, and units dated after today are shown apart: a new day is a new file.
        return {**raw, "day": timezone.localdate().isoformat()}

    def render(self, school, *, membership=None, school_year: SchoolYear) -> ExportFile:
        return board_pdf(board_report(school, school_year))


class SchoolZipExporter(Exporter):
    identifier = "school_zip"
    position = 50
    verbose_name = "All data of the school (ZIP)"
    description = (
        "A CSV file for each kind of record (units with every section of the plan, duties, resources, "
        "standards cited, test-data gaps, monthly statistics, staff, shared reflections), the unit "
        "attachments, and a README that explains every column. The units file can be imported back."
    )
    roles = (Role.LIBRARIAN, Role.PRINCIPAL)
    runs_as_job = True
    button_label = "Download all data of {school} (ZIP)"

    def render(self, school, *, membership=None) -> ExportFile:
        return school_export(school)


CHART_NAMES = {
    "units-per-month": "Units supported per month",
    "level-distribution": "Units by level of partnership",
    "circulation": "Monthly circulation",
    "grades": "Units by grade level",
}


@dataclass(frozen=True, kw_only=True)
class ChartParameter(Parameter):
    """One of the dashboard's charts (reports.charts.CHART_KEYS)."""

    name: str = "chart"
    label: str = "Chart"

    def choices(self, school):
        return [(key, CHART_NAMES.get(key, key)) for key in CHART_KEYS]

    def default(self, school):
        return CHART_KEYS[0]

    def clean(self, school, raw) -> str:
        if raw not in CHART_KEYS:
            raise ExportRefused("No such chart.")
        return raw


class DashboardChartExporter(Exporter):
    identifier = "dashboard_chart"
    position = 45
    verbose_name = "A dashboard chart"
    description = "One chart of the principal's dashboard, as a picture (SVG) or as its figures (CSV)."
    roles = STAFF_ROLES
    parameters = (SchoolYearParameter(), ChartParameter(), FormatParameter(formats=("svg", "csv")))

    def render(self, school, *, membership=None, school_year: SchoolYear, chart: str, fmt: str) -> ExportFile:
        # The figures as the dashboard page keeps them (reports/dashboard_cache.py): no query while unchanged.
        drawn = next(c for c in dashboard_charts(dashboard_figures(school, school_year)) if c.key == chart)
        filename = f"{chart}-{school_year.name}.{fmt}"
        if fmt == "svg":
            return ExportFile(filename, "image/svg+xml", drawn.svg.standalone())
        return ExportFile(filename, CSV_MIMETYPE, safe_csv_bytes(drawn.header, drawn.rows))


def register_exporters() -> None:
    for exporter in (
        MonthlyReportExporter(),
        AnnualSummaryExporter(),
        YearUnitsExporter(),
        BoardReportExporter(),
        DashboardChartExporter(),
        SchoolZipExporter(),
    ):
        exporters.register(exporter)
