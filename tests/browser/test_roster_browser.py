"""The staff roster import in a real browser: the upload page, the preview of the OneRoster sample and of a
file with problems, and a refused file pass axe with the CSP enforced and do not scroll sideways at 320 px."""

import pytest

from tests.browser.test_accessibility import layout_problems
from tests.reports.imports.roster_files import oneroster_zip, sample_text

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def upload(page, name: str, content: bytes, mime: str = "application/zip") -> None:
    page.get_by_label("Staff roster").set_input_files({"name": name, "mimeType": mime, "buffer": content})
    with page.expect_navigation():
        page.get_by_role("button", name="Upload and check").click()


def test_roster_import_pages_are_accessible(page, login, librarian, school, assert_accessible):
    login(page, librarian, school)
    page.goto("/data/")
    page.get_by_role("link", name="Import a staff roster").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Import a staff roster"
    assert_accessible(page)

    upload(page, "oneroster.zip", oneroster_zip())
    assert page.get_by_role("heading", level=1).inner_text() == "Check the roster oneroster.zip"
    assert page.get_by_text("3 student rows were refused").is_visible()
    assert page.get_by_role("button", name="Update the staff directory").is_visible()
    page.get_by_label("Invite the people added to sign in").check()  # reachable by its label
    assert_accessible(page)
    assert layout_problems(page) == []

    header = sample_text("users.csv").splitlines()[0]
    bad = f"{header}\nt-1,active,,true,org-rms,teacher,,,,,,,not-an-address,,,,Year 7,\n"
    page.goto("/data/roster/")
    upload(page, "users.csv", bad.encode(), "text/csv")
    assert page.get_by_text("1 row has problems").is_visible()
    assert page.get_by_role("button", name="Update the staff directory").count() == 0
    assert_accessible(page)
    assert layout_problems(page) == []

    page.goto("/data/roster/")
    upload(page, "staff.csv", b"Who,Mail\nA,a@b.example\n", "text/csv")
    assert page.get_by_text("No column is headed").is_visible()
    assert_accessible(page)
