"""The harness itself must be able to fail: a page with known violations is reported with rule and target."""

import pytest

from tests.browser.conftest import check_accessible

pytestmark = pytest.mark.browser


def test_axe_reports_rule_and_element(page):
    page.goto("/about/")
    page.set_content('<html lang="en"><body><main><img id="chart" src="/static/x.png"></main></body></html>')
    with pytest.raises(pytest.fail.Exception) as failure:
        check_accessible(page)
    assert "image-alt" in str(failure.value)
    assert "#chart" in str(failure.value)


def test_login_reaches_the_start_page(page, login, librarian, school):
    login(page, librarian)
    assert "/accounts/login/" not in page.url
    assert page.get_by_role("button", name=f"Log out {librarian.username}").count() == 1


def test_login_with_several_schools_picks_the_named_one(page, login, district, other_school):
    login(page, district, other_school)
    page.goto("/staff/")
    assert other_school.name in page.locator("footer").inner_text()
