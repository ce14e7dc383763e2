"""Spreadsheet files for the import tests (built by tests/spreadsheet_files.py, shared with the reader's
tests in tests/collabtrack/)."""

import datetime as dt

import pytest

from tests.spreadsheet_files import data_file, xlsx_bytes  # noqa: F401 - the import tests import them here


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
