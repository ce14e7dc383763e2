"""End-to-end journeys that cross apps (the single-app ones live next to their pages):

- librarian logs a unit with the keyboard (rubric included): test_units_browser.py; here the same unit's
  plan is completed and the unit is found in the monthly report;
- librarian enters a month's statistics and sees the annual summary change: test_reports_browser.py;
- principal opens the dashboard and downloads the board PDF (a real PDF): test_reports_browser.py;
- a teacher edits a unit they partner on and cannot edit another: here.
"""

import pytest
from django.utils import timezone

from tests.browser.test_units_browser import _tab_to
from tests.factories import StaffMemberFactory, UnitFactory
from units.models import Unit

pytestmark = pytest.mark.browser

PLAN_TEXT = {
    "#id_overview": "Students research a local food web and present it to grade 4.",
    "#id_content_standards": "SCI.6.2 Food webs",
    "#id_learning_product": "A poster and a two-minute talk",
    "#id_assessment_what": "Accuracy of the web, use of two sources",
    "#id_assessment_who": "Teacher and librarian together",
    "#id_assessment_how": "Shared rubric",
    "#id_adaptations_challenged": "Partner reading",
    "#id_adaptations_gifted": "Add a decomposer chain",
    "#id_adaptations_ell": "Picture glossary",
    "#id_adaptations_learning_styles": "Poster, talk or model",
}


def test_librarian_logs_completes_and_reports_a_unit(page, login, librarian, school, assert_accessible):
    StaffMemberFactory(school=school, name="Marcus Bell", title="Grade 6 science teacher")
    login(page, librarian)
    page.goto("/units/log/")
    # Keyboard only: the title has the focus, the teacher is a checkbox, the rubric one Tab stop. Typing
    # waits for that focus (on a loaded machine a first key pressed before it went nowhere: "ood webs").
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_title'")
    page.keyboard.type("Food webs")
    _tab_to(page, "el.type === 'checkbox' && el.labels[0].textContent.includes('Marcus')")
    page.keyboard.press("Space")
    _tab_to(page, "el.classList.contains('rubric-input')")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    _tab_to(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Log the unit'")
    page.keyboard.press("Enter")
    page.get_by_text("Logged “Food webs”.").wait_for()  # the redirect has landed, the unit is saved
    unit = Unit.objects.get(title="Food webs")
    assert unit.level == 3

    page.goto(f"/units/{unit.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Edit the plan").click()
    assert_accessible(page)
    for selector, text in PLAN_TEXT.items():
        page.locator(selector).fill(text)
    page.locator("#id_status").select_option("completed")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the plan").click()
    assert "Saved the plan." in page.locator(".messages").inner_text()
    unit.refresh_from_db()
    assert unit.status == "completed"
    assert unit.learning_product == PLAN_TEXT["#id_learning_product"]

    start = unit.start_date
    page.goto(f"/reports/{start.year}/{start.month}/")
    assert (
        page.get_by_role("cell", name="Food webs").count()
        + page.get_by_role("link", name="Food webs").count()
    )
    assert_accessible(page)


def test_teacher_edits_a_partner_unit_but_not_another(page, login, teacher, teacher_staff, school):
    mine = UnitFactory(school=school, title="Tides", start_date=timezone.localdate())
    mine.teachers.add(teacher_staff)
    theirs = UnitFactory(school=school, title="Volcanoes", start_date=timezone.localdate())
    login(page, teacher)

    page.goto(f"/units/{mine.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Edit the plan").click()
    page.locator("#id_overview").fill("Measuring the tide at the harbour twice a day.")
    with page.expect_navigation():
        page.get_by_role("button", name="Save the plan").click()
    assert "Saved the plan." in page.locator(".messages").inner_text()
    mine.refresh_from_db()
    assert mine.overview == "Measuring the tide at the harbour twice a day."

    page.goto(f"/units/{theirs.pk}/")
    assert page.get_by_role("link", name="Edit the plan").count() == 0
    response = page.goto(f"/units/{theirs.pk}/edit/")
    assert response.status == 403
    theirs.refresh_from_db()
    assert theirs.overview == ""
