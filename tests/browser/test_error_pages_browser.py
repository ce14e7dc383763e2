"""Refused and missing pages in a real browser: the site's layout, the reason, a way on, accessible and
readable at 320 px (issue 14: Django's bare "403 Forbidden" dropped the reason)."""

import pytest
from django.utils import timezone

from tests.factories import UnitFactory

pytestmark = pytest.mark.browser


def test_a_refused_edit_and_a_missing_page_keep_the_layout(page, login, teacher, school, assert_accessible):
    theirs = UnitFactory(school=school, title="Volcanoes", start_date=timezone.localdate())
    login(page, teacher)

    response = page.goto(f"/units/{theirs.pk}/edit/")
    assert response.status == 403
    assert page.get_by_role("heading", level=1).inner_text() == "You cannot do this here"
    assert page.get_by_text("You can read this but not change it.").is_visible()
    assert page.get_by_role("navigation", name="Main").count() == 1
    assert page.get_by_role("link", name="Go to your start page").is_visible()
    assert_accessible(page)

    page.set_viewport_size({"width": 320, "height": 700})
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")

    response = page.goto("/units/999999/")
    assert response.status == 404
    assert page.get_by_role("heading", level=1).inner_text() == "Page not found"
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Go to your start page").click()
    assert page.url.endswith("/units/")
