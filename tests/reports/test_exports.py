"""The shared safe CSV writer and the XLSX writer (their rounding: tests/collabtrack/test_formatting.py)."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from reports.exports import Table, render, safe_csv_bytes, xlsx_bytes


def _parse(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


@pytest.mark.parametrize("dangerous", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("x")'])
def test_csv_neutralises_formula_cells(dangerous):
    rows = _parse(safe_csv_bytes(["title"], [[dangerous]]))
    assert rows[1][0] == "'" + dangerous


def test_csv_keeps_ordinary_cells_and_blanks():
    rows = _parse(safe_csv_bytes(["a", "b", "c", "d"], [["Plain, with comma", 12, Decimal("1.25"), None]]))
    assert rows == [["a", "b", "c", "d"], ["Plain, with comma", "12", "1.3", ""]]


def test_xlsx_round_trip():
    table = Table(
        "Units", ["unit", "units", "average"], [["=cmd()", 3, Decimal(5) / Decimal(3)], ["x", 0, None]]
    )
    sheet = load_workbook(io.BytesIO(xlsx_bytes([table])))["Units"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert rows == [["unit", "units", "average"], ["'=cmd()", 3, 1.7], ["x", 0, None]]


def test_render_interface():
    table = Table("T", ["a"], [[1]])
    assert render([table], basename="r", fmt="csv")[:2] == ("r.csv", "text/csv; charset=utf-8")
    filename, mimetype, data = render([table], basename="r", fmt="xlsx")
    assert filename == "r.xlsx" and mimetype.endswith("spreadsheetml.sheet") and data[:2] == b"PK"
    with pytest.raises(ValueError):
        render([table], basename="r", fmt="pdf")


def test_xlsx_reads_as_a_spreadsheet():
    """Bold frozen header, real dates and numbers, sensible widths, the school and period in the titles."""
    long_title = "A unit with a long title " * 6
    table = Table(
        "Units 2025-26",
        ["Date", "Name or topic of unit", "Units", "Average"],
        [
            [dt.date(2025, 10, 6), long_title, 1200, Decimal("2.25")],
            [dt.date(2025, 11, 3), "Poetry", 3, None],
        ],
        school="Riverside Middle School of the Arts and Sciences",
        period="2025-26",
    )
    workbook = load_workbook(io.BytesIO(xlsx_bytes([table])))
    sheet = workbook.active
    assert sheet.title == "Riverside Middle School 2025-26"  # 31 characters at most, the year kept whole
    assert workbook.properties.title == "Units 2025-26 — Riverside Middle School of the Arts and Sciences"
    assert "Riverside Middle School of the Arts" in sheet.oddHeader.center.text
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in sheet[1]) and not sheet["A2"].font.bold
    date, title, units, average = (cell.value for cell in sheet[2])
    assert date == dt.datetime(2025, 10, 6) and sheet["A2"].number_format == "yyyy-mm-dd"
    assert (units, average) == (1200, 2.3) and sheet["D2"].number_format == "0.0"
    assert sheet["C2"].data_type == "n" and sheet["A2"].is_date
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCD"}
    assert 10 <= widths["A"] <= 16 and widths["B"] == 60 and 8 <= widths["C"] <= 10


def test_xlsx_sheet_names_drop_what_excel_refuses():
    table = Table("T", ["a"], [[1]], school="St. Mary's: K/8 [North]", period="2025-10")
    assert load_workbook(io.BytesIO(xlsx_bytes([table]))).active.title == "St. Mary's- K-8 -North- 2025-10"
