"""Spreadsheet files for the tests of the reader (tests/collabtrack/) and of the imports built on it
(tests/reports/imports/). XLSX files are built with openpyxl here rather than committed, so what they
contain is readable in the test code."""

import io
from pathlib import Path

from openpyxl import Workbook

DATA = Path(__file__).resolve().parent / "data"


def data_file(name: str) -> bytes:
    return (DATA / name).read_bytes()


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
