"""Reports in a real browser: the librarian's statistics reach the annual summary; the principal's
dashboard is accessible and its board PDF is a real PDF."""

import datetime as dt

import pytest

from tests.factories import UnitFactory

pytestmark = pytest.mark.browser


def test_librarian_enters_statistics_and_sees_the_annual_summary_change(page, login, librarian, school):
    login(page, librarian)
    page.goto("/reports/statistics/2025-26/")
    page.get_by_label("Days open, Oct 2025").fill("20")
    page.get_by_label("Monthly circulation, Oct 2025").fill("1234")
    page.get_by_role("button", name="Save the statistics").click()
    page.get_by_text("1 month(s) changed").wait_for()
    page.goto("/reports/annual/2025-26/")
    october = page.get_by_role("row", name="Oct 2025")
    assert october.get_by_role("cell").all_inner_texts()[:3] == ["20", "1,234", "61.7"]  # 1234 / 20 = 61.7


def test_statistics_error_is_shown_next_to_the_field(page, login, librarian, school, assert_accessible):
    login(page, librarian)
    page.goto("/reports/statistics/2025-26/")
    page.get_by_label("Days open, Feb 2026").fill("29")  # 2026 is not a leap year
    page.get_by_role("button", name="Save the statistics").click()
    field = page.get_by_label("Days open, Feb 2026")
    assert field.get_attribute("aria-invalid") == "true"
    assert "At most the 28 days" in page.locator("#id_m2026-02-days_open-error").inner_text()
    assert_accessible(page)


def test_principal_dashboard(page, login, principal, school, assert_accessible):
    UnitFactory(school=school, title="Food webs", start_date=dt.date(2025, 10, 6), level=3)
    login(page, principal)
    page.goto("/reports/dashboard/2025-26/")
    assert (
        page.get_by_role("heading", level=1).inner_text() == f"Library partnerships at {school.name}: 2025-26"
    )
    assert page.get_by_role("img").count() == 4
    assert_accessible(page)
    # The board PDF is made by a job and kept: that journey is in test_jobs_browser.py.
