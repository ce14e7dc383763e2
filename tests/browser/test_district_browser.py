"""The district coordinator's journey: log in -> roll-up -> sort -> drill into a school -> back ->
download the district board PDF (read back with pypdf). The axe scan runs on each page on the way."""

import datetime as dt
import re

import pytest
from pypdf import PdfReader

from reports.district import district_school_year
from tests.factories import MonthlyStatisticsFactory, UnitFactory

pytestmark = pytest.mark.browser


def test_coordinator_journey(page, login, district, school, other_school, assert_accessible):
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

    with page.expect_download() as download_info:
        page.get_by_role("link", name="District board report (PDF)").click()
    download = download_info.value
    assert download.suggested_filename == f"district-board-report-{year.name}.pdf"
    reader = PdfReader(download.path())
    text = " ".join(p.extract_text() for p in reader.pages)
    assert "Test District" in text and school.name in text and other_school.name in text
    assert re.search(r"District\s+TOTAL\s+\(2\s+schools\)", text)
