"""The roll-up's downloads: CSV, XLSX and the district board PDF, each an ExportFile rendered from the
same `Rollup` the page shows. The district pages send them with exporters.export_response; they are
also registered exporters (for a coordinator acting in one of the district's schools), so a job or an
e-mail can make them the same way."""

from collabtrack import exporters
from collabtrack.exporters import ExportFile
from collabtrack.models import Role
from collabtrack.pdf import render_pdf
from collabtrack.schoolyear import SchoolYear
from reports import exports
from reports.district import Rollup, district_rollup, district_today
from reports.district_tables import FIGURE_COLUMNS, rollup_charts, rollup_tables

PDF_MIMETYPE = "application/pdf"


def rollup_spreadsheet(rollup: Rollup, fmt: str) -> ExportFile:
    """The per-school table with the district TOTAL (CSV), plus the data completeness sheet (XLSX)."""
    name = f"district-{rollup.school_year.name}"
    return ExportFile(*exports.render(rollup_tables(rollup), basename=name, fmt=fmt))


def district_board_pdf(rollup: Rollup, *, request=None) -> ExportFile:
    """Tagged PDF/UA-1: cover, district totals, the per-school table, the charts with their data, and
    half a page per school."""
    context = {
        "rollup": rollup,
        "figure_columns": FIGURE_COLUMNS,
        "charts": rollup_charts(rollup),
        "printed_on": district_today(rollup.district),
    }
    pdf = render_pdf("reports/district/pdf/board.html", context, request=request)
    return ExportFile(f"district-board-report-{rollup.school_year.name}.pdf", PDF_MIMETYPE, pdf)


class _DistrictExporter(exporters.Exporter):
    """A district file from the registry (collabtrack.exporters): the coordinator acting in one of the
    district's schools (the drill-down) gets the roll-up of that school's district."""

    roles = (Role.DISTRICT,)
    parameters = (exporters.SchoolYearParameter(),)

    def _rollup(self, school, school_year) -> Rollup:
        if school.district_id is None:
            raise exporters.ExportRefused("This school belongs to no district.")
        district = school.district
        year = SchoolYear(school_year.start_year, district.first_month, district.last_month)
        return district_rollup(district, year)


class DistrictRollupExporter(_DistrictExporter):
    identifier = "district_rollup"
    position = 80
    verbose_name = "District roll-up"
    description = "One row per school of the district and the district TOTAL, each beside last year's."
    parameters = (exporters.SchoolYearParameter(), exporters.FormatParameter(formats=("csv", "xlsx")))

    def render(self, school, *, membership=None, school_year, fmt) -> ExportFile:
        return rollup_spreadsheet(self._rollup(school, school_year), fmt)


class DistrictBoardPdfExporter(_DistrictExporter):
    identifier = "district_board_pdf"
    position = 81
    verbose_name = "District board report (PDF)"
    description = "Cover, district totals, the per-school table, the charts and half a page per school."

    def render(self, school, *, membership=None, school_year) -> ExportFile:
        return district_board_pdf(self._rollup(school, school_year))


def register_district_exporters() -> None:
    for exporter in (DistrictRollupExporter(), DistrictBoardPdfExporter()):
        exporters.register(exporter)
