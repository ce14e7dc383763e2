"""The roll-up's downloads: CSV, XLSX and the district board PDF, each an ExportFile rendered from the
same `Rollup` the page shows. The district pages send the spreadsheets with exporters.export_response;
the PDF is laid out by the worker (the job "district_board_pdf", reports/jobs.py) and kept until a school
of the district changes or the district's day ends. They are also registered exporters (for a
coordinator acting in one of the district's schools), so the data page or an e-mail makes them the same
way.
"""

import datetime as dt

from collabtrack import exporters
from collabtrack.exporters import ExportFile
from collabtrack.models import District, Role
from collabtrack.pdf import render_pdf
from collabtrack.schoolyear import SchoolYear
from reports import exports
from reports.district import Rollup, district_rollup, district_today, parse_district_school_year
from reports.district_tables import FIGURE_COLUMNS, rollup_charts, rollup_tables

PDF_MIMETYPE = "application/pdf"


def rollup_spreadsheet(rollup: Rollup, fmt: str) -> ExportFile:
    """The per-school table with the district TOTAL (CSV), plus the data completeness sheet (XLSX)."""
    name = f"district-{rollup.school_year.name}"
    return ExportFile(*exports.render(rollup_tables(rollup), basename=name, fmt=fmt))


def district_board_pdf(rollup: Rollup, *, printed_on: dt.date | None = None) -> ExportFile:
    """Tagged PDF/UA-1: cover, district totals, the per-school table, the charts with their data, and
    half a page per school."""
    context = {
        "rollup": rollup,
        "figure_columns": FIGURE_COLUMNS,
        "charts": rollup_charts(rollup),
        "printed_on": printed_on or district_today(rollup.district),
    }
    pdf = render_pdf("reports/district/pdf/board.html", context)
    return ExportFile(f"district-board-report-{rollup.school_year.name}.pdf", PDF_MIMETYPE, pdf)


def district_pdf_parameters(district: District, school_year_name: str) -> dict[str, str]:
    """What the district board PDF is made of and kept under (with the district's data version): the
    school year, and the district's day, because the cover names it, the current year is held against
    last year up to the same day and the months not yet reported are counted up to it."""
    return {"school_year": school_year_name, "day": district_today(district).isoformat()}


def district_board_pdf_render(district: District, parameters: dict) -> ExportFile:
    """The job's work (reports/jobs.py): the roll-up drawn on the day the person asked for it."""
    day = dt.date.fromisoformat(parameters["day"])
    year = parse_district_school_year(district, parameters["school_year"])
    return district_board_pdf(district_rollup(district, year, today=day), printed_on=day)


class _DistrictExporter(exporters.Exporter):
    """A district file from the registry (collabtrack.exporters): the coordinator acting in one of the
    district's schools (the drill-down) gets the roll-up of that school's district."""

    roles = (Role.DISTRICT,)
    parameters = (exporters.SchoolYearParameter(),)

    def job_owner(self, school) -> District:
        """The district's files are the district's, whichever of its schools the coordinator acts in."""
        if school.district_id is None:
            raise exporters.ExportRefused("This school belongs to no district.")
        return school.district

    def _rollup(self, school, school_year) -> Rollup:
        district = self.job_owner(school)
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

    runs_as_job = True  # the job of the same name, owned by the district: one kept file for every way in

    def kept_parameters(self, school, raw) -> dict[str, str]:
        return district_pdf_parameters(self.job_owner(school), raw["school_year"])

    def render(self, school, *, membership=None, school_year) -> ExportFile:
        return district_board_pdf(self._rollup(school, school_year))


def register_district_exporters() -> None:
    for exporter in (DistrictRollupExporter(), DistrictBoardPdfExporter()):
        exporters.register(exporter)
