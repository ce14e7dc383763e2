"""CSV and XLSX exports behind one interface: render(...) -> (filename, mimetype, bytes).

`safe_csv_bytes` and `xlsx_bytes` are public so other exports (import/export) write files the same safe
way. A table is a header plus rows of cells; a cell is text, a whole number, a Decimal or None, and
both formats show it as `collabtrack.formatting.display` does on the page.
"""

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from collabtrack.formatting import display, rounded

CSV_MIMETYPE = "text/csv; charset=utf-8"
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is read as a formula by spreadsheet programs (OWASP "CSV injection").
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class Table:
    title: str  # the XLSX sheet name
    header: Sequence[str]
    rows: Sequence[Sequence]


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
    if isinstance(value, Decimal | float):
        return float(rounded(value))
    return value


def xlsx_bytes(sheets: Sequence[Table]) -> bytes:
    """An XLSX workbook with one sheet per table; averages carry the page's rounded figure as a number.

    Text is written as text cells (openpyxl stores a string starting with "=" as a formula, so such
    strings are given the same quote prefix as in the CSV)."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for table in sheets:
        sheet = workbook.create_sheet(title=table.title[:31])
        sheet.append(list(table.header))
        for row in table.rows:
            sheet.append([safe_cell(cell) if isinstance(cell, str) else _xlsx_value(cell) for cell in row])
        for cells in sheet.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, float):
                    cell.number_format = "0.0"
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
