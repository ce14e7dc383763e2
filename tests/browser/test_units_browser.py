"""The quick log with the keyboard alone, the rubric's arrow keys, and the unit pages under axe-core."""

import pytest

from tests import factories
from tests.factories import DutyFactory, StaffMemberFactory, UnitFactory
from units.models import Unit

pytestmark = pytest.mark.browser


def _tab_to(page, predicate_js: str, limit: int = 60) -> None:
    """Press Tab until the focused element satisfies `predicate_js` (a JS expression over `el`)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return Boolean({predicate_js}); }})()"
        ):
            return
    pytest.fail(f"never reached an element matching {predicate_js}")


def test_a_unit_is_logged_with_the_keyboard_alone(page, login, librarian, school, assert_accessible):
    StaffMemberFactory(school=school, name="Marcus Bell", title="Grade 6 ELA teacher")
    login(page, librarian)
    page.goto("/units/log/")
    assert page.get_by_role("heading", level=1).inner_text() == "Log a unit"
    assert_accessible(page)

    # The title has the focus on arrival.
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_title'")
    page.keyboard.type("Poetry café")
    _tab_to(
        page,
        "el.type === 'checkbox' && el.closest('.teacher-checkboxes') "
        "&& el.labels[0].textContent.includes('Marcus')",
    )
    page.keyboard.press("Space")
    # The rubric is one Tab stop; the arrow keys move between the levels and select them.
    _tab_to(page, "el.classList.contains('rubric-input')")
    first = page.locator("#id_level_0")
    assert first.evaluate("el => el === document.activeElement")
    assert first.evaluate("el => el.matches(':focus-visible')")
    outline = page.locator("label[for=id_level_0]").evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "solid"  # the focused card shows it
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert page.locator("#id_level_2").is_checked()
    assert "is-selected" in page.locator("label[for=id_level_2]").get_attribute("class")
    page.keyboard.press("ArrowLeft")
    assert page.locator("#id_level_1").is_checked() and not page.locator("#id_level_2").is_checked()
    page.keyboard.press("ArrowRight")
    _tab_to(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Log the unit'")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert "Logged “Poetry café”." in page.locator(".messages").inner_text()
    unit = Unit.objects.get(title="Poetry café")
    assert unit.level == 3
    assert [t.name for t in unit.teachers.all()] == ["Marcus Bell"]


def test_level_4_without_a_gap_says_what_to_add_beside_the_rubric(page, login, librarian, assert_accessible):
    login(page, librarian)
    page.goto("/units/log/")
    page.get_by_label("Title or topic").fill("Data unit")
    page.locator("label[for=id_level_3]").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Log the unit").click()
    error = page.locator("#id_level_error")
    assert "gap in test data" in error.inner_text()
    assert page.locator("fieldset.rubric").get_attribute("aria-describedby") == "id_level_error"
    assert page.locator("#id_level_3").is_checked()  # the choice is kept
    assert_accessible(page)


def test_unit_page_and_planning_template_are_accessible(page, login, librarian, school, assert_accessible):
    unit = UnitFactory(school=school, title="Ecosystems field guide", level=4, overview="A field guide.")
    factories.TestDataGapFactory(unit=unit)
    DutyFactory(unit=unit, description="Teach source evaluation", addresses_gap=True)
    login(page, librarian)
    page.goto(f"/units/{unit.pk}/")
    assert page.get_by_role("heading", level=1).inner_text() == "Ecosystems field guide"
    assert page.locator("li mark.gap-duty").count() == 1
    assert_accessible(page)
    page.goto(f"/units/{unit.pk}/edit/")
    counter = page.locator("#overview-count")
    assert counter.inner_text() == "3 of 100 words"
    page.get_by_label("Unit overview").fill(" ".join(["word"] * 101))
    assert "1 too many" in counter.inner_text()
    assert_accessible(page)
    page.goto("/units/")
    assert_accessible(page)
