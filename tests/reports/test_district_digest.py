"""The district digest: each coordinator's monthly roll-up e-mail with the district board PDF, delivered to
a real SMTP server on loopback and read back (issue 13 "District digest")."""

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from collabtrack.deliveries import TO_SEND, TURNED_OFF
from collabtrack.models import MessageKind, MessagePreference
from reports.district_digest import due_digest_month, send_district_digests
from reports.models import DistrictDigestDelivery
from tests import mail_server
from tests.factories import MonthlyStatisticsFactory, UnitFactory

smtp_server = mail_server.smtp_server  # the fixture, for the tests of this module


@pytest.fixture
def october(school, other_school, district):
    """`school` logs two units and enters October 2025; `other_school` (same district) does neither."""
    UnitFactory(school=school, title="Volcano research", start_date=dt.date(2025, 10, 6), level=3)
    UnitFactory(school=school, title="Poetry slam", start_date=dt.date(2025, 10, 20), level=2)
    MonthlyStatisticsFactory(school=school, year=2025, month=10, days_open=19, circulation=523)
    return school.district


def _pdf_text(received) -> str:
    (attachment,) = received.attachments()
    assert attachment.get_content_type() == "application/pdf"
    reader = PdfReader(io.BytesIO(attachment.get_content()))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_coordinator_gets_the_rollup_whom_to_ask_and_the_district_pdf(
    smtp_server, october, district, school, other_school
):
    run = send_district_digests(year=2025, month=10)
    assert [m.user for m in run.sent] == [district]
    (received,) = smtp_server.received
    assert received.recipients == (district.email,)
    assert "Test District: district library roll-up, October 2025" in str(received.message["Subject"])
    text = " ".join(received.text.split())
    assert "Units supported: 2" in text  # the two units of `school`; `other_school` logged none
    assert f"No statistics entered: {other_school.name}" in text
    assert f"No units logged: {other_school.name}" in text
    assert school.name not in text.split("WHOM TO ASK")[1].split("The roll-up")[0]
    assert "<h1>Test District: district library roll-up, October 2025</h1>" in received.html
    assert received.message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    pdf = _pdf_text(received)
    assert "Test District" in pdf and school.name in pdf and other_school.name in pdf
    assert DistrictDigestDelivery.objects.get(recipient=district).sent_at is not None


def test_a_month_is_sent_once_however_often_it_runs(smtp_server, october, district):
    send_district_digests(year=2025, month=10)
    again = send_district_digests(year=2025, month=10)
    assert again.sent == [] and len(smtp_server.received) == 1


def test_a_coordinator_who_turned_it_off_gets_nothing(smtp_server, october, district):
    MessagePreference.objects.create(user=district, kind=MessageKind.DISTRICT_DIGEST, enabled=False)
    run = send_district_digests(year=2025, month=10)
    assert [m.status for m in run.messages] == [TURNED_OFF]
    assert smtp_server.received == []


def test_dry_run_lists_and_sends_nothing(smtp_server, october, district):
    out = io.StringIO()
    call_command("send_district_digests", "--month", "2025-10", "--dry-run", stdout=out)
    assert "Dry run, nothing sent. District roll-up for October 2025" in out.getvalue()
    assert f"<{district.email}>: would send" in out.getvalue()
    assert smtp_server.received == [] and not DistrictDigestDelivery.objects.exists()
    assert [m.status for m in send_district_digests(year=2025, month=10, dry_run=True).messages] == [TO_SEND]


def test_a_month_outside_the_districts_year_is_not_mailed(smtp_server, october, district):
    run = send_district_digests(year=2025, month=7)
    assert run.messages == [] and run.skipped[0][2] == "outside the school year"


def test_due_from_the_first_school_day_in_the_districts_time_zone(october):
    october.time_zone = "Pacific/Auckland"
    october.save()
    auckland = ZoneInfo("Pacific/Auckland")
    # Monday 1 December 2025: November is due from 06:00 Auckland time, not before.
    assert due_digest_month(october, dt.datetime(2025, 12, 1, 5, 59, tzinfo=auckland)) is None
    assert due_digest_month(october, dt.datetime(2025, 12, 1, 6, 0, tzinfo=auckland)) == (2025, 11)
    # August's first school day reports July: outside a September-June year, nothing is due.
    assert due_digest_month(october, dt.datetime(2026, 8, 3, 9, 0, tzinfo=auckland)) is None
