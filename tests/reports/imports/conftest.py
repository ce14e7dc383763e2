"""Spreadsheet files for the import tests. XLSX files are built with openpyxl here rather than committed,
so what they contain is readable in the test code."""

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import Workbook

DATA = Path(__file__).resolve().parents[2] / "data"


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


@pytest.fixture
def excel_log_xlsx() -> bytes:
    """A log as Excel saves it: real date cells, numbers as numbers, an empty row in the middle."""
    return xlsx_bytes(
        [
            ["Start date", "End date", "Unit title", "Grade level", "Teacher partners", "Level"],
            [
                dt.datetime(2025, 9, 10),
                dt.datetime(2025, 9, 24),
                "Ecosystems field guide",
                7,
                "Priya Shah",
                3,
            ],
            [None, None, None, None, None, None],
            [dt.date(2025, 10, 1), None, "Local government and elections", "8", "Jordan Lee", "Coordination"],
        ]
    )


@pytest.fixture
def destiny_xlsx() -> bytes:
    """A Destiny-style circulation report: title rows, then a header with the month and count columns
    among others, then a total row."""
    return xlsx_bytes(
        [
            ["Library Circulation Statistics"],
            ["Riverbend Middle School", None, None],
            ["Date range: 08/01/2025 - 06/30/2026"],
            [],
            ["Site", "Month", "Patrons", "Checkouts", "Renewals"],
            ["Riverbend MS", dt.datetime(2025, 9, 1), 310, 1204, 40],
            ["Riverbend MS", "Oct 2025", 322, 1388.0, 51],
            ["Riverbend MS", "November 2025", 300, "1,120", 38],
            ["Total", None, None, 3712, 129],
        ]
    )


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Staged imports and attachments go to a throw-away folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
