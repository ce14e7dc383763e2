"""When the monthly report is due: the first weekday of the month, from 06:00 in the school's time zone,
for last month only when last month is inside the school's year; the periodic path sends it."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from collabtrack.schedule import first_school_day
from reports.monthly_mail import MONTHLY_REPORT_HOUR, due_month, send_due_monthly_reports
from tests import mail_server
from tests.factories import DistrictFactory

smtp_server = mail_server.smtp_server  # the fixture, for the tests of this module

NEW_YORK = ZoneInfo("America/New_York")


def at(year, month, day, hour, zone=NEW_YORK) -> dt.datetime:
    return dt.datetime(year, month, day, hour, tzinfo=zone)


@pytest.mark.parametrize(
    ("year", "month", "first"),
    [(2025, 11, dt.date(2025, 11, 3)), (2025, 2, dt.date(2025, 2, 3)), (2025, 10, dt.date(2025, 10, 1))],
)
def test_the_first_school_day_is_the_first_weekday(year, month, first):
    assert first_school_day(year, month) == first
    assert first.weekday() < 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("now", "due"),
    [
        (at(2025, 11, 1, 12), None),  # Saturday: not a school day
        (at(2025, 11, 3, MONTHLY_REPORT_HOUR - 1), None),  # Monday, too early
        (at(2025, 11, 3, MONTHLY_REPORT_HOUR), (2025, 10)),
        (at(2025, 11, 20, 9), (2025, 10)),  # later in the month: catches up (sent once, see the log)
        (at(2025, 7, 1, 9), (2025, 6)),  # June is the year's last month: its report goes out in July
        (at(2025, 8, 1, 9), None),  # July is outside the school year
        (at(2025, 9, 1, 9), None),  # so is August
        (at(2025, 10, 1, 9), (2025, 9)),
    ],
)
def test_due_month_for_a_september_to_june_school(school, settings, now, due):
    settings.TIME_ZONE = "America/New_York"
    assert due_month(school, now) == due


@pytest.mark.django_db
def test_the_school_time_zone_decides_the_day(school, settings):
    # 2025-11-03 02:00 in New York is already 20:00 on Monday in Auckland.
    instant = at(2025, 11, 3, 2)
    settings.TIME_ZONE = "America/New_York"
    assert due_month(school, instant) is None
    settings.TIME_ZONE = "Pacific/Auckland"
    assert due_month(school, instant) == (2025, 10)


@pytest.mark.django_db
def test_a_district_time_zone_wins_over_the_setting(school, other_school, settings):
    settings.TIME_ZONE = "America/New_York"
    school.district = DistrictFactory(time_zone="Pacific/Auckland")
    school.save()
    instant = at(2025, 11, 3, 2)  # 20:00 on Monday in Auckland, still Monday 02:00 in New York

    assert due_month(school, instant) == (2025, 10)
    assert due_month(other_school, instant) is None  # no district: the setting's time zone


@pytest.mark.django_db
def test_a_february_to_december_school_mails_december_in_january(school, settings):
    settings.TIME_ZONE = "America/New_York"
    school.first_month, school.last_month = 2, 12
    school.save()
    assert due_month(school, at(2026, 1, 1, 9)) == (2025, 12)
    assert due_month(school, at(2026, 2, 2, 9)) is None  # January is outside that year


@pytest.mark.django_db
def test_the_periodic_path_sends_due_schools_once(smtp_server, settings, school, other_school, principal):
    settings.TIME_ZONE = "America/New_York"
    other_school.first_month, other_school.last_month = 2, 12  # October is in its year too
    other_school.save()

    assert send_due_monthly_reports(at(2025, 11, 1, 9)).messages == []  # Saturday
    first = send_due_monthly_reports(at(2025, 11, 3, 9))
    again = send_due_monthly_reports(at(2025, 11, 3, 10))

    assert [(m.school, m.email) for m in first.sent] == [(school, principal.email)]
    assert again.sent == []
    (mail,) = smtp_server.received
    assert "October 2025" in mail.message["Subject"]
