"""The roll-up's downloads: CSV, XLSX and the district board PDF, each an ExportFile rendered from the
same `Rollup` the page shows (collabtrack.exporters' ExportFile; the registry there is school-centred,
so these district-wide files are rendered here and sent with exporters.export_response)."""

from collabtrack.exporters import ExportFile
from collabtrack.pdf import render_pdf
from reports import exports
from reports.district import Rollup, district_today
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
