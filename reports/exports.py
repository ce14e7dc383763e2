"""CSV and XLSX exports behind one interface: render(...) -> (filename, mimetype, bytes).

`safe_csv_bytes` and `xlsx_bytes` are public so other exports (import/export) write files the same safe
way. A table is a header plus rows of cells; a cell is text, a whole number, a Decimal or None, and
both formats show it as `collabtrack.formatting.display` does on the page.
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from collabtrack.formatting import display, rounded

CSV_MIMETYPE = "text/csv; charset=utf-8"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is read as a formula by spreadsheet programs (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


# Column widths in characters: wide enough for a date or a short figure, never wider than a screen.
MIN_WIDTH, MAX_WIDTH = 8, 60
# Characters Excel refuses in a sheet name.
_SHEET_NAME_REFUSED = re.compile(r"[\\/?*\[\]:]")


@dataclass(frozen=True)
class Table:
    title: str  # what the table is ("Annual summary 2025-26"); the sheet name when no school is given
    header: Sequence[str]
    rows: Sequence[Sequence]
    school: str = ""  # the school's name: with `period`, the XLSX sheet's name and the workbook's title
    period: str = ""  # the school year or month the table covers ("2025-26", "2025-10")

    @property
    def sheet_name(self) -> str:
        """At most 31 characters, as Excel allows: the school (shortened if need be) and the period."""
        if not self.school:
            name = self.title
        else:
            room = 31 - len(self.period) - 1
            name = f"{self.school[:room].rstrip()} {self.period}"
        return _SHEET_NAME_REFUSED.sub("-", name)[:31]

    @property
    def full_title(self) -> str:
        return f"{self.title} — {self.school}" if self.school else self.title


def safe_cell(value) -> str:
    """The CSV text of a cell; text that a spreadsheet would run as a formula is prefixed with a quote.

    Numbers are written by `display` and never start with a formula character, except negatives, which
    no report figure is; those are text-escaped too rather than trusted."""
    text = display(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def safe_csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """UTF-8 CSV (with a BOM so Excel reads accents), every cell neutralised against formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _xlsx_value(value):
    """Numbers stay numbers and dates dates (a spreadsheet can sum and sort them); text is made safe."""
    if isinstance(value, str):
        return safe_cell(value)
    if isinstance(value, Decimal | float):
        return float(rounded(value))
    return value


def _number_format(value) -> str | None:
    if isinstance(value, float):
        return "0.0"  # the page's one decimal
    if isinstance(value, dt.date):
        return "yyyy-mm-dd"
    if isinstance(value, int):
        return "#,##0"
    return None


def _width(value) -> int:
    if isinstance(value, dt.date):
        return 10
    return max((len(line) for line in display(value).splitlines()), default=0)


def _write_sheet(workbook, table: Table) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = workbook.create_sheet(title=table.sheet_name)
    sheet.append([safe_cell(cell) for cell in table.header])
    widths = {index: _width(cell) for index, cell in enumerate(table.header, start=1)}
    for row in table.rows:
        values = [_xlsx_value(cell) for cell in row]
        sheet.append(values)
        for index, value in enumerate(values, start=1):
            widths[index] = max(widths.get(index, 0), _width(value))
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            number_format = _number_format(cell.value)
            if number_format:
                cell.number_format = number_format
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, MIN_WIDTH), MAX_WIDTH)
    # The header stays in view while scrolling, and is printed on every page with the title above it.
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.oddHeader.center.text = table.full_title.replace("&", "&&")


def xlsx_bytes(sheets: Sequence[Table]) -> bytes:
    """An XLSX workbook with one sheet per table: a bold, frozen header row, columns as wide as their
    text (within limits), numbers and dates as real numbers and dates, averages as the page's rounded
    figure, and the school and period in the sheet's name and the workbook's title.

    Text is written as text cells (openpyxl stores a string starting with "=" as a formula, so such
    strings are given the same quote prefix as in the CSV)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in sheets:
        _write_sheet(workbook, table)
    if sheets:
        workbook.properties.title = sheets[0].full_title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def render(tables: Sequence[Table], *, basename: str, fmt: str) -> tuple[str, str, bytes]:
    """(filename, mimetype, bytes) of `tables` as "csv" (the first table) or "xlsx" (all of them)."""
    if fmt == "csv":
        table = tables[0]
        return f"{basename}.csv", CSV_MIMETYPE, safe_csv_bytes(table.header, table.rows)
    if fmt == "xlsx":
        return f"{basename}.xlsx", XLSX_MIMETYPE, xlsx_bytes(tables)
    raise ValueError(f"Unknown export format {fmt!r}.")
