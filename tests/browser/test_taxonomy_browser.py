"""The taxonomy self-assessment in a real browser: the ten-level rubric widget is operated with the keyboard
alone, its error sits beside it, and the reflection pages pass axe-core (WCAG 2.1 AA) under the CSP."""

import datetime as dt

import pytest

from tests.factories import (
    RoadblockFactory,
    RoadblocksReflectionFactory,
    TaxonomyReflectionFactory,
    UnitFactory,
)

pytestmark = pytest.mark.browser

NEW = "/taxonomy/reflections/taxonomy/new/"


def checked_level(page) -> str | None:
    checked = page.locator("input[name=level]:checked")
    return checked.get_attribute("value") if checked.count() else None


def test_self_assessment_with_the_keyboard_only(page, login, librarian, school, assert_accessible):
    login(page, librarian)
    page.goto(NEW)
    assert_accessible(page)
    page.get_by_label("Date of the reflection").fill(dt.date.today().isoformat())
    page.get_by_label("Date of the reflection").focus()
    # The date input has three segments (month/day/year) in Chromium; Tab leaves the field after the last.
    for _ in range(6):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "level":
            break
    assert page.evaluate("document.activeElement.name") == "level"
    assert page.evaluate("document.activeElement.value") == "1"  # no choice yet: Tab lands on the first card
    # The focused card shows a visible focus ring.
    outline = page.evaluate("getComputedStyle(document.activeElement.closest('.rubric-card')).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Space")
    assert checked_level(page) == "1"
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    assert checked_level(page) == "7"
    page.keyboard.press("ArrowLeft")
    assert checked_level(page) == "6"
    assert page.locator(".rubric-card.is-selected").count() == 1
    # Tab leaves the group (one stop for all ten radios) for the link to the definitions, then the question.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").startswith("What each level of the taxonomy")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "working_well"
    page.keyboard.type("Planned gathering with the science team.")
    page.keyboard.press("Tab")
    page.keyboard.type("The ecosystems field guide.")
    page.keyboard.press("Tab")
    page.keyboard.type("A common planning period.")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "shared_with_principal"
    page.keyboard.press("Tab")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the Save button
    assert page.get_by_role("heading", level=1).inner_text().startswith("Taxonomy self-assessment of")
    assert page.get_by_text("Level 6: Planned gathering").is_visible()
    assert_accessible(page)


def test_missing_level_error_is_beside_the_cards(page, login, librarian, school, assert_accessible):
    login(page, librarian)
    page.goto(NEW)
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    group = page.get_by_role("group", name="Where are you on the library media specialist's taxonomy?")
    assert group.get_attribute("aria-describedby") == "id_level_error"
    assert "This field is required." in page.locator("#id_level_error").inner_text()
    assert_accessible(page)


def test_reflection_pages_are_accessible(page, login, librarian, school, assert_accessible):
    UnitFactory(school=school, start_date=dt.date(2025, 10, 1), level=3)
    for day, level in [(dt.date(2024, 11, 1), 5), (dt.date(2025, 11, 10), 7)]:
        TaxonomyReflectionFactory(school=school, author=librarian, reflected_on=day, level=level)
    roadblocks = RoadblocksReflectionFactory(school=school, author=librarian)
    RoadblockFactory(reflection=roadblocks)
    login(page, librarian)
    for url in (
        "/taxonomy/reflections/",
        "/taxonomy/definitions/",
        f"/taxonomy/reflections/roadblocks/{roadblocks.pk}/",
        "/taxonomy/reflections/roadblocks/new/",
        "/taxonomy/reflections/benefits/new/",
    ):
        page.goto(url)
        assert_accessible(page)
    page.goto("/taxonomy/reflections/")
    assert page.get_by_role("img", name="Taxonomy level over time").count() == 1


def test_action_item_is_added_and_ticked_off(page, login, librarian, school):
    roadblocks = RoadblocksReflectionFactory(school=school, author=librarian)
    RoadblockFactory(reflection=roadblocks, category="scheduling")
    login(page, librarian)
    page.goto(f"/taxonomy/reflections/roadblocks/{roadblocks.pk}/")
    page.get_by_label("Strategy from the checklist").select_option(label="Set aside one planning day a week")
    page.get_by_label("To do by").fill("2025-12-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Add").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Mark “Set aside one planning day a week” as done").click()
    assert page.get_by_role("heading", name="Action items (1 of 1 done)").is_visible()
