"""The monthly report by e-mail, delivered to a real SMTP server on loopback and read back: the parts,
the PDF (parsed with pypdf), the librarian's copy, the unsubscribe link followed from the received
message, dry runs, repeated runs and two racing senders."""

import datetime as dt
import io
import re
import threading
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from pypdf import PdfReader

from collabtrack.deliveries import ALREADY_SENT, SENT, TO_SEND, TURNED_OFF
from collabtrack.formatting import display
from collabtrack.models import MessageKind, MessagePreference
from reports.models import MonthlyReportDelivery
from reports.monthly_mail import send_monthly_reports
from tests import mail_server
from tests.factories import MonthlyStatisticsFactory, UnitFactory

smtp_server = mail_server.smtp_server  # the fixture, for the tests of this module


@pytest.fixture
def october(school, teacher_staff):
    """Three live units in October 2025, one in the bin, one in November; October's statistics."""
    units = [
        UnitFactory(school=school, title="Volcano research", start_date=dt.date(2025, 10, 6), level=3),
        UnitFactory(school=school, title="Poetry slam", start_date=dt.date(2025, 10, 20), level=2),
        UnitFactory(school=school, title="Local history archive", start_date=dt.date(2025, 10, 28), level=2),
    ]
    units[0].teachers.add(teacher_staff)
    UnitFactory(
        school=school, title="Binned unit", start_date=dt.date(2025, 10, 9), deleted_at=timezone.now()
    )
    UnitFactory(school=school, title="November unit", start_date=dt.date(2025, 11, 3), level=1)
    statistics = MonthlyStatisticsFactory(
        school=school, year=2025, month=10, days_open=19, circulation=523, classes_served=41
    )
    return units, statistics


def _unsubscribe_link(received) -> str:
    return re.fullmatch(r"\s*<(https://[^>]+)>\s*", str(received.message["List-Unsubscribe"]))[1]


def _pdf_text(received) -> str:
    (attachment,) = received.attachments()
    assert attachment.get_content_type() == "application/pdf"
    data = attachment.get_content()
    assert data.startswith(b"%PDF")
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split())


def test_the_principal_gets_html_text_and_the_monthly_pdf(smtp_server, october, principal, librarian, school):
    units, statistics = october
    run = send_monthly_reports(year=2025, month=10)

    assert [(m.email, m.status) for m in run.messages] == [(principal.email, SENT), (librarian.email, SENT)]
    (mail,) = smtp_server.to(principal.email)
    assert mail.message["Subject"] == f"{school.name}: library report for October 2025"
    units_total = len(units)
    average_level = display(Decimal(sum(unit.level for unit in units)) / units_total)
    average_daily = display(Decimal(statistics.circulation) / statistics.days_open)
    for body in (mail.text, mail.html):
        assert school.name in body
        assert "October 2025" in body
        assert f"Units supported: {units_total}" in body or f">{units_total}</td>" in body
        assert average_level in body and average_daily in body
        assert str(statistics.circulation) in body and str(statistics.classes_served) in body
        assert "Binned unit" not in body and "November unit" not in body
        assert "https://library.example.org/reports/2025/10/" in body
    assert "<table " in mail.html and "<table" not in mail.text
    assert "Your copy" not in mail.text  # the principal's own report

    pdf = _pdf_text(mail)
    assert school.name in pdf and "October 2025" in pdf
    assert f"Units supported: {units_total}" in pdf
    assert f"Average level of partnership: {average_level}" in pdf
    for unit in units:
        assert unit.title in pdf
    assert "Binned unit" not in pdf and "November unit" not in pdf
    assert "Tom Teacher" in pdf


def test_the_librarian_gets_a_copy_and_the_log_shows_both(
    smtp_server, october, principal, librarian, librarian_client
):
    send_monthly_reports(year=2025, month=10)

    (copy,) = smtp_server.to(librarian.email)
    assert "Your copy as the school's librarian" in copy.text and "Your copy" in copy.html
    assert "Volcano research" in _pdf_text(copy)
    page = librarian_client.get("/reports/deliveries/").content.decode()
    assert principal.email in page and librarian.email in page and "October 2025" in page


def test_every_message_carries_one_click_unsubscribe_headers(smtp_server, october, principal):
    send_monthly_reports(year=2025, month=10)

    (mail,) = smtp_server.to(principal.email)
    link = _unsubscribe_link(mail)
    assert link.startswith("https://library.example.org/unsubscribe/")
    assert mail.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert link in mail.text and link in mail.html


def test_the_unsubscribe_link_followed_stops_the_next_month(
    smtp_server, client, october, principal, librarian, school
):
    send_monthly_reports(year=2025, month=10)
    (mail,) = smtp_server.to(principal.email)
    path = urlsplit(_unsubscribe_link(mail)).path

    confirm = client.get(path)  # anonymous: the link works without a login
    assert confirm.status_code == 200
    assert "Monthly report of units supported" in confirm.content.decode()
    assert not MessagePreference.objects.filter(user=principal).exists()  # a GET changes nothing
    done = client.post(path, {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "You are unsubscribed" in done.content.decode()

    before = len(smtp_server.received)
    run = send_monthly_reports(year=2025, month=11)
    statuses = {m.email: m.status for m in run.messages}
    assert statuses == {principal.email: TURNED_OFF, librarian.email: SENT}
    assert [m.recipients for m in smtp_server.received[before:]] == [(librarian.email,)]


def test_dry_run_lists_and_sends_nothing(smtp_server, october, principal, librarian, school):
    out = io.StringIO()
    call_command("send_monthly_reports", "--month", "2025-10", "--dry-run", stdout=out)

    listing = out.getvalue()
    assert "Dry run, nothing sent" in listing and "October 2025" in listing
    units, _ = october
    assert f"{school.name} (id {school.pk}): {len(units)} unit(s) supported, statistics entered" in listing
    assert f"<{principal.email}>, principal: would send" in listing
    assert f"<{librarian.email}>, librarian (copy): would send" in listing
    assert smtp_server.received == []
    assert not MonthlyReportDelivery.objects.exists()


def test_running_twice_sends_once(smtp_server, october, principal, librarian):
    out = io.StringIO()
    call_command("send_monthly_reports", "--month", "2025-10", stdout=out)
    call_command("send_monthly_reports", "--month", "2025-10", stdout=out)

    assert sorted(m.recipients for m in smtp_server.received) == [(librarian.email,), (principal.email,)]
    assert out.getvalue().count("Sent 2 message(s)") == 1 and "Sent 0 message(s)" in out.getvalue()
    assert f"<{principal.email}>, principal: {ALREADY_SENT}" in out.getvalue()


def test_a_month_outside_the_school_year_is_not_mailed(smtp_server, school, principal):
    out = io.StringIO()
    call_command("send_monthly_reports", "--month", "2025-07", "--school", str(school.pk), stdout=out)

    assert "not mailed, July 2025 is outside the school year" in out.getvalue()
    assert smtp_server.received == []


def test_people_without_an_address_are_listed_not_mailed(smtp_server, school, principal, librarian):
    principal.email = ""
    principal.save()

    run = send_monthly_reports(year=2025, month=10, dry_run=True)

    assert {m.email: m.status for m in run.messages} == {"": "no e-mail address", librarian.email: TO_SEND}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_racing_senders_send_each_person_once(smtp_server, october, principal, librarian):
    """Two threads, each with its own database connection, start the same month at the same moment."""
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("threads share no real database with an in-memory SQLite test database")
    barrier = threading.Barrier(2)
    runs, errors = [], []

    def sender():
        try:
            barrier.wait(timeout=10)
            runs.append(send_monthly_reports(year=2025, month=10))
        except Exception as error:  # reported below: a racer must not crash
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(m.recipients for m in smtp_server.received) == [(librarian.email,), (principal.email,)]
    assert sum(len(run.sent) for run in runs) == 2
    assert MonthlyReportDelivery.objects.filter(sent_at__isnull=False).count() == 2


def test_turned_off_in_the_settings_page_is_not_sent(smtp_server, october, principal, principal_client):
    response = principal_client.post("/account/notifications/", {MessageKind.PARTNER_NOTICES: "on"})
    assert response.status_code == 302

    run = send_monthly_reports(year=2025, month=10)

    assert {m.email: m.status for m in run.messages}[principal.email] == TURNED_OFF
    assert smtp_server.to(principal.email) == []
