"""axe-core (WCAG 2.1 A/AA) on every page, for every role that may see it.

To add your pages: append (URL name, kwargs builder or None, roles) to PAGES. The kwargs builder gets the
`objects` fixture (a dict of the acting school's objects, see `objects` below) and returns the URL kwargs.
Roles are the persona names: "anonymous", "librarian", "teacher", "principal", "district".
Pages a role may not see are covered by the authorization matrix, not here.
"""

import pytest
from django.urls import reverse

from tests.browser.conftest import check_accessible
from tests.factories import StaffMemberFactory

pytestmark = pytest.mark.browser

STAFF = ("librarian", "teacher", "principal", "district")
EVERYONE = ("anonymous", *STAFF)

PAGES = [
    ("login", None, ("anonymous",)),
    ("password_reset", None, ("anonymous",)),
    ("password_reset_done", None, ("anonymous",)),
    ("password_reset_complete", None, ("anonymous",)),
    ("password_change", None, STAFF),
    ("password_change_done", None, STAFF),
    ("home", None, STAFF),
    ("choose_school", None, STAFF),
    ("staff_list", None, STAFF),
    ("staff_create", None, ("librarian",)),
    ("staff_edit", lambda objects: {"pk": objects["staff_member"].pk}, ("librarian",)),
    ("taxonomy:rubric", None, STAFF),
    ("about", None, EVERYONE),
]


ROLES = ("anonymous", "librarian", "teacher", "principal", "district")


@pytest.fixture
def objects(school):
    return {"staff_member": StaffMemberFactory(school=school, name="Rosa Reader")}


@pytest.mark.parametrize("role", ROLES)
def test_every_page_is_accessible(role, request, page, login, school, objects):
    # One login per role, then every page that role may open; all failures are reported together.
    if role != "anonymous":
        login(page, request.getfixturevalue(role), school)
    failures = []
    for name, kwargs, roles in PAGES:
        if role not in roles:
            continue
        url = reverse(name, kwargs=kwargs(objects) if kwargs else None)
        response = page.goto(url)
        if response.status != 200:
            failures.append(f"{url}: HTTP {response.status}")
            continue
        try:
            check_accessible(page)
        except pytest.fail.Exception as failure:
            failures.append(str(failure))
    assert not failures, f"as {role}:\n" + "\n".join(failures)


def test_every_page_with_a_form_error_is_accessible(page, assert_accessible):
    # Errors must be announced next to the field: check the failed-login state too.
    page.goto(reverse("login"))
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("wrong-password")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert page.get_by_text("Please enter a correct username and password").is_visible()
    assert_accessible(page)
