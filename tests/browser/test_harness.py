"""The harness itself must be able to fail: a page with known violations is reported with rule and target."""

import pytest

from collabtrack.models import Role
from tests.browser.conftest import check_accessible
from tests.factories import PASSWORD, MembershipFactory

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
    toggler = page.get_by_role("button", name="Show navigation")
    if toggler.is_visible():  # below 1400 px the menu is behind its toggle, as a user meets it
        toggler.click()
    assert page.get_by_role("button", name=f"Log out {librarian.username}").is_visible()


def test_login_with_several_schools_picks_the_named_one(page, login, librarian, other_school):
    # A librarian of two schools (a coordinator belongs to the district and needs no chooser).
    MembershipFactory(user=librarian, school=other_school, role=Role.LIBRARIAN)
    login(page, librarian, other_school)
    page.goto("/staff/")
    assert other_school.name in page.locator("footer").inner_text()


def test_the_admin_runs_under_the_strict_csp(page, school):
    """The admin gets no relaxed policy: Django 5.2's admin has no inline script or style, and this proves
    its login, index, list and edit pages raise no CSP violation or script error."""
    from tests.browser.conftest import page_problems
    from tests.factories import UserFactory

    UserFactory(username="root", is_staff=True, is_superuser=True)
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("heading", name="Site administration").wait_for()
    for url in ["/admin/collabtrack/school/", f"/admin/collabtrack/school/{school.pk}/change/"]:
        assert page.goto(url).status == 200
    assert page_problems(page) == []


def test_a_csp_violation_fails_the_check(page):
    page.goto("/about/")
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.ran = 1';"
        " document.body.appendChild(s); }"
    )
    page.wait_for_timeout(200)  # the console message is delivered asynchronously
    assert page.evaluate("() => window.ran") is None, "the inline script ran: the CSP is not enforced"
    with pytest.raises(pytest.fail.Exception) as failure:
        check_accessible(page)
    assert "CSP:" in str(failure.value)
