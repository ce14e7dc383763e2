"""The log import's date reading and row fixes in a real browser (issue 14), keyboard-operable and passing
axe on every step; the school restore's upload page likewise."""

import datetime as dt

import pytest

from reports.imports.school_export import school_export
from tests.factories import SchoolFactory, UnitFactory

pytestmark = pytest.mark.browser

LOG = (
    "Date,Unit,Teacher\n"
    "25/09/2025,Cells and microscopes,Priya Shah\n"
    "14/10/2025,Poetry cafe,Priya Shah\n"
    "03/11/2025,,Priya Shah\n"
    "10/02/2025,Food webs,Priya Shah\n"
)


def test_choose_the_date_reading_and_fix_a_row(page, login, librarian, school, assert_accessible, tmp_path):
    log = tmp_path / "day-first.csv"
    log.write_text(LOG, encoding="utf-8")
    login(page, librarian, school)
    page.goto("/data/log/")
    page.get_by_label("Collaboration log").set_input_files(str(log))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and check").click()
    day_first = page.get_by_role("radio", name="Day first (03/11/2025 is 3 November 2025)")
    assert day_first.is_checked()
    assert "“25/09/2025” is 25 September 2025" in page.locator("#date-reading").inner_text()
    assert page.get_by_role("row", name="Food webs").get_by_text("2024-25", exact=True).is_visible()
    assert_accessible(page)

    # Month first: 25/09/2025 cannot be read, and the page says so.
    page.get_by_role("radio", name="Month first (03/11/2025 is 11 March 2025)").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Use these columns").click()
    assert page.get_by_text("“25/09/2025” is not a date.").is_visible()
    day_first.check()
    with page.expect_navigation():
        page.get_by_role("button", name="Use these columns").click()
    assert page.get_by_text("1 row has problems").is_visible()

    # The row without a title is corrected with the keyboard, in the preview.
    page.get_by_text("Correct line 4 or leave it out").focus()
    page.keyboard.press("Enter")
    title = page.get_by_label("Unit or topic", exact=True).last
    title.fill("Local elections")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Save the correction").click()
    assert page.get_by_role("button", name="Import 4 units").is_visible()
    assert page.get_by_role("row", name="Local elections").get_by_text("3 November 2025").is_visible()


def test_the_restore_pages_are_accessible(page, login, librarian, school, assert_accessible, tmp_path):
    source = SchoolFactory(name="Old server")
    UnitFactory(school=source, title="Cells and microscopes", start_date=dt.date(2025, 9, 15))
    export = tmp_path / "export.zip"
    export.write_bytes(school_export(source).content.read())
    login(page, librarian, school)
    page.goto("/data/")
    page.get_by_role("link", name="Restore a school export").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Restore a school export"
    assert_accessible(page)
    page.get_by_label("School export (ZIP)").set_input_files(str(export))
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and check").click()
    assert page.get_by_role("row", name="Units 1").is_visible()
    assert page.get_by_role("button", name="Restore everything").is_visible()
    assert_accessible(page)
