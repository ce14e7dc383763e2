"""axe-core (WCAG 2.1 A/AA) on every page, for every role that may see it.

The pages come from the authorization matrix (tests/test_authorization_matrix.py): every URL pattern whose
GET answers 200 to a role is opened by that role in Chromium and scanned, with the same objects the matrix
builds. A new page is therefore scanned as soon as its row is in the matrix; nothing to add here. Answers
that are not HTML (PDF, CSV, XLSX, ZIP downloads) are skipped: they are checked by their own tests.
"""

import pytest
from django.urls import reverse

from tests.browser.conftest import check_accessible
from tests.test_authorization_matrix import MATRIX, ROLES, Objects

pytestmark = pytest.mark.browser

# The outsider is a librarian of another school: the librarian's scan covers the same pages.
SCANNED_ROLES = [role for role in ROLES if role != "outsider"]


def pages_for(role: str) -> list[str]:
    index = ROLES.index(role)
    return sorted(name for name, row in MATRIX.items() if 200 in _as_tuple(row.get[index]))


def _as_tuple(status) -> tuple:
    return status if isinstance(status, tuple) else (status,)


@pytest.mark.parametrize("role", SCANNED_ROLES)
def test_every_page_is_accessible(role, request, page, login, school):
    # One login per role, then every page that role may open; all failures are reported together.
    objects = Objects(request)
    for persona in ROLES[1:]:
        request.getfixturevalue(persona)  # the same world as the matrix: every persona exists
    if role != "anonymous":
        login(page, request.getfixturevalue(role), school)
    failures, scanned = [], 0
    for name in pages_for(role):
        row = MATRIX[name]
        url = reverse(name, kwargs=row.kwargs(objects) if row.kwargs else None)
        probe = page.request.get(url, max_redirects=0)
        if not probe.headers.get("content-type", "").startswith("text/html"):
            continue
        response = page.goto(url)
        if response.status != 200:
            failures.append(f"{url}: HTTP {response.status}")
            continue
        scanned += 1
        try:
            check_accessible(page)
        except pytest.fail.Exception as failure:
            failures.append(str(failure))
    assert scanned, f"no page scanned as {role}"
    assert not failures, f"as {role} ({scanned} pages scanned):\n" + "\n".join(failures)


def test_every_page_with_a_form_error_is_accessible(page, assert_accessible):
    # Errors must be announced next to the field: check the failed-login state too.
    page.goto(reverse("login"))
    page.get_by_label("Username").fill("nobody")
    page.get_by_label("Password").fill("wrong-password")
    with page.expect_navigation():
        page.get_by_role("button", name="Log in").click()
    assert page.get_by_text("Please enter a correct username and password").is_visible()
    assert_accessible(page)
