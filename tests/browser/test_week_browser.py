"""Issue 14 with the keyboard: the quick log's grade and teacher groups are one Tab stop each, a refused
log focuses its first field in error, and the planning template's "Add another" and AASL chips work."""

import pytest

from tests.factories import StaffMemberFactory, UnitFactory
from units.models import Duty, Unit

pytestmark = pytest.mark.browser

FOCUSED = (
    "() => { const el = document.activeElement;"
    " return el.labels && el.labels[0] ? el.labels[0].textContent.trim() : el.id; }"
)


def _tabs_until(page, predicate_js: str, limit: int = 40) -> int:
    """Tab presses until the focused element satisfies `predicate_js` (over `el`)."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return Boolean({predicate_js}); }})()"
        ):
            return presses
    pytest.fail(f"never reached an element matching {predicate_js}")


def test_quick_log_groups_are_one_tab_stop_and_errors_take_the_focus(
    page, login, librarian, school, assert_accessible
):
    for name in ("Aisha Khan", "Ben Ortiz", "Chloe Park", "Dmitri Volkov", "Marcus Bell", "Nora Quist"):
        StaffMemberFactory(school=school, name=name)
    login(page, librarian)
    page.goto("/units/log/")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'id_title'")
    page.keyboard.type("Data unit")  # the title has the focus on arrival

    assert _tabs_until(page, "el.closest('.grade-checkboxes')") == 1
    for _ in range(8):  # PreK, K, 1 … 7
        page.keyboard.press("ArrowRight")
    assert page.evaluate(FOCUSED) == "7"
    page.keyboard.press("Space")
    assert _tabs_until(page, "el.closest('.teacher-checkboxes')") == 1
    page.keyboard.press("m")  # type-ahead to the first name starting with M
    assert page.evaluate(FOCUSED).startswith("Marcus Bell")
    page.keyboard.press("Space")
    _tabs_until(page, "el.classList.contains('rubric-input')")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert page.locator("#id_level_3").is_checked()
    _tabs_until(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Log the unit'")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # Level 4 without a gap: the rubric (the first field in error) has the focus, every field is marked.
    assert page.evaluate("document.activeElement.id") == "id_level_3"
    for field in ("id_gap_content_area", "id_gap_performance_indicator"):
        box = page.locator(f"#{field}")
        assert box.get_attribute("aria-invalid") == "true"
        message = page.locator(f"#{box.get_attribute('aria-describedby')}").inner_text()
        assert "Level 4 needs" in message
    assert page.locator("#id_grades_8").is_checked()  # grade 7 is kept
    assert_accessible(page)

    page.locator("#id_gap_content_area").fill("Science")
    page.locator("#id_gap_performance_indicator").fill("Evaluates sources")
    with page.expect_navigation():
        page.get_by_role("button", name="Log the unit").click()
    unit = Unit.objects.get(title="Data unit")
    link = page.locator(".messages").get_by_role("link", name="Data unit")
    with page.expect_navigation():
        link.click()
    assert page.url.endswith(f"/units/{unit.pk}/")


def test_plan_add_another_duty_and_aasl_chips_by_keyboard(page, login, librarian, school, assert_accessible):
    unit = UnitFactory(school=school, librarian=librarian, title="Pond study")
    login(page, librarian)
    page.goto(f"/units/{unit.pk}/edit/")
    rows = page.locator("[data-formset=duties] .formset-row")
    assert rows.count() == 2
    page.get_by_role("button", name="Add another duty").focus()
    page.keyboard.press("Enter")
    assert rows.count() == 3
    assert page.evaluate("document.activeElement.name") == "duties-2-owner"  # the new row's first field
    assert "Duty 3 added" in page.locator("[data-formset=duties] .formset-status").inner_text()
    page.keyboard.press("l")  # the focused "who" list: Librarian
    page.locator("#id_duties-2-description").fill("Book the microscopes")

    # AASL: filter, tick 1.1.1 and 1.1.2 by keyboard, remove 1.1.1 through its chip.
    page.get_by_label("Filter by number or heading").fill("1.1.")
    assert page.locator(".aasl-count").inner_text() == "9 of 83 indicators shown"
    assert page.get_by_label("2.1.1", exact=True).is_hidden()
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED) == "1.1.1"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    chips = page.locator(".aasl-chips")
    assert chips.get_by_role("button").count() == 2
    for number in ("1.1.1", "1.1.2"):  # each chip's accessible name says what it does
        assert chips.get_by_role("button", name=f"Remove {number}", exact=True).count() == 1
    chips.get_by_role("button", name="Remove 1.1.1").focus()
    page.keyboard.press("Enter")
    assert not page.get_by_label("1.1.1", exact=True).is_checked()
    assert page.evaluate("document.activeElement.textContent").startswith("Remove 1.1.2")
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Save the plan").click()
    assert "Saved the plan." in page.locator(".messages").inner_text()
    assert list(Duty.objects.filter(unit=unit).values_list("description", flat=True)) == [
        "Book the microscopes"
    ]
    assert [i.number for i in unit.standards_2007.all()] == ["1.1.2"]
