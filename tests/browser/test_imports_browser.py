"""Import and export in a real browser: every step's page passes axe with the CSP enforced, and the
forms say that work is under way while a large file is read or saved."""

from pathlib import Path

import pytest

from tests.factories import MonthlyStatisticsFactory

pytestmark = pytest.mark.browser

DATA = Path(__file__).resolve().parent.parent / "data"


def test_log_import_pages_are_accessible_and_show_progress(page, login, librarian, school, assert_accessible):
    login(page, librarian, school)
    page.goto("/data/")
    assert page.get_by_role("heading", level=1).inner_text() == "Import and export"
    assert_accessible(page)
    page.get_by_role("link", name="Import a collaboration log").click()
    assert_accessible(page)
    page.get_by_label("Collaboration log").set_input_files(str(DATA / "log_google_sheets.csv"))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and check").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Check the import of log_google_sheets.csv"
    page.get_by_text("Sections of the planning template").click()  # the folded mapping fields too
    assert_accessible(page)

    # Hold the submission to see what the librarian sees while thousands of rows are saved.
    confirm = page.locator("form[data-working-message]")
    confirm.evaluate("form => form.addEventListener('submit', event => event.preventDefault())")
    button = page.get_by_role("button", name="Import 7 units")
    button.click()
    assert confirm.get_by_role("status").inner_text() == "Saving 7 units…"
    assert button.is_disabled()


def test_log_preview_with_problems_is_accessible(page, login, librarian, school, assert_accessible):
    login(page, librarian, school)
    page.goto("/data/log/")
    page.get_by_label("Collaboration log").set_input_files(str(DATA / "log_with_errors.csv"))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and check").click()
    assert page.get_by_text("5 rows have problems").is_visible()
    assert page.get_by_role("button", name="Import").count() == 0
    assert_accessible(page)


def test_circulation_import_pages_are_accessible(page, login, librarian, school, worker, assert_accessible):
    year = school.current_school_year()
    first_year, first_month = year.months()[0]
    MonthlyStatisticsFactory(school=school, year=first_year, month=first_month, circulation=1514)
    login(page, librarian, school)
    page.goto("/data/circulation/")
    assert_accessible(page)
    page.get_by_label("Circulation export").set_input_files(str(DATA / "koha_semicolon.csv"))
    page.get_by_label("School year").select_option(year.name)
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and compare").click()
    assert page.get_by_role("row", name="Same").count() == 1  # September is unchanged
    assert_accessible(page)
    worker()
    with page.expect_navigation():
        page.get_by_role("button", name="Apply 4 changed months").click()
    # The change is saved by the worker; the job's page then offers the year's statistics.
    page.get_by_role("link", name="See the result").wait_for()
    with page.expect_navigation():
        page.get_by_role("link", name="See the result").click()
    assert f"/reports/statistics/{year.name}/" in page.url


def test_principal_sees_only_the_export(page, login, principal, school, assert_accessible):
    login(page, principal, school)
    page.goto("/data/")
    assert page.get_by_role("link", name="Import a collaboration log").count() == 0
    assert page.get_by_role("link", name="Download all data of Riverside Middle School (ZIP)").is_visible()
    assert_accessible(page)
