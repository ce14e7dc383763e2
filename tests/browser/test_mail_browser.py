"""The e-mail journeys a person makes in the browser: the one-click unsubscribe link opened from a message
(no login: confirm, done; a damaged link explained), and the e-mail settings page by keyboard."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from collabtrack.mail import unsubscribe_token, wants
from collabtrack.models import MessageKind
from reports.models import MonthlyReportDelivery

pytestmark = pytest.mark.browser


def test_unsubscribing_from_a_message_without_logging_in(page, principal, assert_accessible):
    url = reverse("unsubscribe", kwargs={"token": unsubscribe_token(principal, MessageKind.MONTHLY_REPORT)})

    page.goto(url)
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()

    page.get_by_role("heading", name="You are unsubscribed").wait_for()
    assert_accessible(page)
    assert not wants(principal, MessageKind.MONTHLY_REPORT)

    response = page.goto(url[:-6] + "XXXXX/")
    assert response.status == 400
    assert page.get_by_role("alert").inner_text().startswith("This unsubscribe link is not valid")
    assert_accessible(page)


def test_turning_a_kind_off_in_the_settings_by_keyboard(page, login, teacher, school, assert_accessible):
    login(page, teacher, school)
    page.goto(reverse("notification_settings"))
    assert_accessible(page)

    page.get_by_label(MessageKind.PARTNER_NOTICES.label).focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Save e-mail settings").press("Enter")

    page.get_by_text("Saved your e-mail settings.").wait_for()
    assert not wants(teacher, MessageKind.PARTNER_NOTICES)
    assert wants(teacher, MessageKind.MONTHLY_REPORT)
    assert not page.get_by_label(MessageKind.PARTNER_NOTICES.label).is_checked()


def test_the_log_of_reports_emailed(page, login, librarian, principal, school, assert_accessible):
    MonthlyReportDelivery.objects.create(
        school=school,
        month=dt.date(2025, 10, 1),
        recipient=principal,
        email=principal.email,
        role="principal",
        sent_at=timezone.now(),
    )
    MonthlyReportDelivery.objects.create(
        school=school,
        month=dt.date(2025, 10, 1),
        recipient=librarian,
        email=librarian.email,
        role="librarian",
    )
    login(page, librarian, school)
    page.goto(reverse("reports:deliveries"))

    assert page.get_by_role("row").filter(has_text=principal.email).is_visible()
    assert "Not confirmed" in page.get_by_role("row").filter(has_text=librarian.email).inner_text()
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    widths = page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"scrolls sideways at 320 px: {widths}"
