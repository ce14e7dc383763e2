"""When a school's day starts: its time zone and its first school day of a month.

The periodic e-mails ask these questions of a school, never of the server's clock, so a district on
another coast gets its mail on its own morning.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from collabtrack.models import School


def school_time_zone(school: School | None = None) -> ZoneInfo:
    """The time zone a school lives in: its district's, else the TIME_ZONE setting. Every schedule asks
    here (select_related("district") when asking for many schools)."""
    district = school.district if school is not None and school.district_id else None
    return ZoneInfo(district.time_zone if district and district.time_zone else settings.TIME_ZONE)


def school_now(school: School | None = None, now: dt.datetime | None = None) -> dt.datetime:
    """The wall-clock time at the school (`now` is an aware datetime, the current time by default)."""
    return (now or timezone.now()).astimezone(school_time_zone(school))


def first_school_day(year: int, month: int) -> dt.date:
    """The first weekday (Monday to Friday) of a month.

    Holidays are not known to CollabTrack: a month starting on a holiday Monday gets its mail that day."""
    day = dt.date(year, month, 1)
    while day.weekday() >= 5:
        day += dt.timedelta(days=1)
    return day


def previous_month(day: dt.date) -> tuple[int, int]:
    """(year, month) of the month before `day`'s month."""
    last_of_previous = day.replace(day=1) - dt.timedelta(days=1)
    return last_of_previous.year, last_of_previous.month
