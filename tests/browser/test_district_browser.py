"""The district coordinator's journey: log in -> roll-up -> sort -> drill into a school -> back ->
the district board PDF queued -> made by the worker -> downloaded (read back with pypdf) -> downloaded
again from the kept file. The axe scan runs on each page on the way.

The worker is Huey's consumer in a thread of this process (tests/browser/conftest.py explains why)."""

import datetime as dt
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from collabtrack.models import Job, KeptFile
from reports.district import district_school_year
from tests.factories import MonthlyStatisticsFactory, UnitFactory

pytestmark = pytest.mark.browser


def test_coordinator_journey(page, login, district, school, other_school, worker, assert_accessible):
    year = district_school_year(school.district)
    first = year.start_date
    UnitFactory(school=school, title="Food webs", start_date=first + dt.timedelta(days=10), level=3)
    UnitFactory.create_batch(3, school=other_school, start_date=first + dt.timedelta(days=12), level=2)
    MonthlyStatisticsFactory(school=school, year=first.year, month=first.month, days_open=18, circulation=900)

    login(page, district)
    assert page.url.endswith("/district/"), page.url  # the coordinator's start page, no school chooser
    assert page.get_by_role("heading", level=1).inner_text() == f"Test District: {year}"
    assert_accessible(page)

    # Sort by units supported with the keyboard: focus the column heading's link and press Enter.
    page.get_by_role("link", name="Units supported").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "sort=units" in page.url
    header = page.locator("th[aria-sort]")
    assert header.get_attribute("aria-sort") == "ascending" and "Units supported" in header.inner_text()
    names = page.locator("table.rollup-table tbody th > a").all_inner_texts()
    assert names[:2] == [school.name, other_school.name]  # 1 unit, then 3
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("link", name=other_school.name, exact=True).click()
    assert f"/reports/dashboard/{year.name}/" in page.url
    assert "read-only as a district coordinator" in page.locator(".district-banner").inner_text()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Back to the district roll-up").click()
    assert page.url.endswith("/district/")

    # The PDF is laid out by the worker: the link opens the job's page, which follows the job.
    with page.expect_navigation():
        page.get_by_role("link", name="District board report (PDF)").click()
    assert re.search(r"/jobs/[0-9a-f-]{36}/$", page.url)
    assert page.get_by_role("heading", level=1).inner_text() == "Making the district board report (PDF)"
    assert page.get_by_role("status").filter(has_text="Waiting for the worker").is_visible()
    worker()
    filename = f"district-board-report-{year.name}.pdf"
    download_link = page.get_by_role("link", name=f"Download {filename}")
    download_link.wait_for()
    assert_accessible(page)
    with page.expect_download() as first:
        download_link.click()
    assert first.value.suggested_filename == filename
    data = Path(first.value.path()).read_bytes()
    text = " ".join(p.extract_text() for p in PdfReader(first.value.path()).pages)
    assert "Test District" in text and school.name in text and other_school.name in text
    assert re.search(r"District\s+TOTAL\s+\(2\s+schools\)", text)

    # Back on the roll-up, nothing changed: the same link now downloads the kept file, with no second job.
    with page.expect_navigation():
        page.get_by_role("link", name="Back to the roll-up").click()
    assert f"/district/{year.name}/" in page.url
    with page.expect_download() as second:
        page.get_by_role("link", name="District board report (PDF)").click()
    assert second.value.suggested_filename == filename
    assert Path(second.value.path()).read_bytes() == data
    assert Job.objects.count() == 1 and KeptFile.objects.filter(district=school.district).count() == 1
