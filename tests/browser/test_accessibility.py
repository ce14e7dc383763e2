"""axe-core (WCAG 2.2 A/AA) on every page, for every role that may see it, and in the same visit what
axe cannot see: reflow at 320 CSS px (WCAG 1.4.10: no sideways scrolling of the page; a wide table
scrolls inside its own container), also at 1280 px, and chart text of at least 12 CSS px at 320 px and
at 1280 px.

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

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 320, "height": 640}
# The page's own width against the viewport's, and the smallest rendered size of any visible chart text
# (font size in user units times the SVG's scale on screen).
MEASURE = """() => {
  const root = document.documentElement;
  let smallest = null;
  for (const text of document.querySelectorAll("svg.chart text")) {
    const svg = text.ownerSVGElement;
    if (!svg || svg.getBoundingClientRect().width === 0) continue;
    const size = parseFloat(text.getAttribute("font-size")) * svg.getScreenCTM().a;
    smallest = smallest === null ? size : Math.min(smallest, size);
  }
  return {scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, smallestChartText: smallest};
}"""


def layout_problems(page) -> list[str]:
    """Reflow and chart text at 320 px and at 1280 px; the viewport is left at 1280 px."""
    problems = []
    for viewport in (PHONE, DESKTOP):
        page.set_viewport_size(viewport)
        found = page.evaluate(MEASURE)
        # At 1280 px too: a laptop-wide menu that does not fit made every librarian page 1,468 px wide.
        if found["scrollWidth"] > found["clientWidth"]:
            problems.append(
                f"scrolls sideways at {viewport['width']} px: the page is {found['scrollWidth']} px wide"
            )
        if found["smallestChartText"] is not None and found["smallestChartText"] < 12:
            problems.append(
                f"chart text {found['smallestChartText']:.1f} px at {viewport['width']} px (at least 12)"
            )
    return problems


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
    if role == "district":  # the coordinator acts in the school through the drill-down, as in the matrix
        page.goto(reverse("district:open_school", args=[school.pk, "dashboard", "2025-26"]))
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
        failures.extend(f"{url}: {problem}" for problem in layout_problems(page))
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
