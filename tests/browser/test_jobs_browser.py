"""Journeys through the background jobs in a real browser: a log import queued -> running -> done, and the
board PDF queued -> downloaded -> downloaded again from the kept file. The job page follows the job with
static/js/job-status.js under the enforced CSP.

The worker here is Huey's own consumer running in a thread of this process, on a queue in memory: the live
server's test database is SQLite in memory (or a PostgreSQL test database), which a thread reaches and a
separate process could not. tests/jobs/ proves the same jobs with a real `run_huey` process.
"""

import datetime as dt
import re
from pathlib import Path

import pytest

from collabtrack.models import Job, KeptFile
from tests.factories import UnitFactory
from units.models import Unit

pytestmark = pytest.mark.browser

ROWS = 300


def log_file(tmp_path) -> Path:
    lines = ["Date,Unit,Grades,Teachers,Level"]
    lines += [
        f"2025-10-{n % 28 + 1:02d},Browser unit {n},6,Teacher {n % 10},{n % 3 + 1}" for n in range(ROWS)
    ]
    path = tmp_path / "big-log.csv"
    path.write_text("\n".join(lines) + "\n")
    return path


def test_a_log_import_is_queued_then_done(
    page, login, librarian, school, worker, tmp_path, assert_accessible
):
    login(page, librarian, school)
    page.goto("/data/log/")
    page.get_by_label("Collaboration log").set_input_files(str(log_file(tmp_path)))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and check").click()
    with page.expect_navigation():
        page.get_by_role("button", name=f"Import {ROWS} units").click()

    # No worker yet: the job waits, and the page says so.
    assert re.search(r"/jobs/[0-9a-f-]{36}/$", page.url)
    assert page.get_by_role("heading", level=1).inner_text() == "Importing the collaboration log"
    assert page.get_by_role("status").filter(has_text="Waiting for the worker").is_visible()
    assert page.get_by_role("link", name="Refresh").is_visible()
    assert_accessible(page)
    assert Unit.objects.count() == 0

    worker()  # the page follows the job by itself (status.json), then shows the result
    page.get_by_text(f"Imported {ROWS} units from big-log.csv").wait_for()
    assert page.get_by_text("Status: Done").is_visible()
    assert Unit.objects.filter(school=school).count() == ROWS
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="See the result").click()
    assert page.url.endswith("/units/")


def test_the_board_pdf_is_made_once_then_downloaded_from_the_kept_file(
    page, login, principal, school, worker, assert_accessible
):
    from pypdf import PdfReader

    UnitFactory(school=school, title="Food webs", start_date=dt.date(2025, 10, 6), level=3)
    worker()
    login(page, principal)
    page.goto("/reports/board/2025-26/")
    with page.expect_navigation():
        page.get_by_role("link", name="Download the board report (PDF)").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Making the board report (PDF)"
    download_link = page.get_by_role("link", name="Download board-report-2025-26.pdf")
    download_link.wait_for()
    assert_accessible(page)
    with page.expect_download() as first:
        download_link.click()
    data = Path(first.value.path()).read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(first.value.path()).pages)
    assert data[:4] == b"%PDF" and "Food webs" in text and school.name in text

    # Unchanged data: the same link now downloads the kept file at once, with no second job.
    page.goto("/reports/board/2025-26/")
    with page.expect_download() as second:
        page.get_by_role("link", name="Download the board report (PDF)").click()
    assert second.value.suggested_filename == "board-report-2025-26.pdf"
    assert Path(second.value.path()).read_bytes() == data
    assert Job.objects.count() == 1 and KeptFile.objects.count() == 1
