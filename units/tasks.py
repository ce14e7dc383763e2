"""Huey tasks of units (found by `manage.py run_huey`, which imports every app's tasks.py)."""

from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from collabtrack.schedule import school_now
from units.notifications import PARTNER_DIGEST_HOUR, send_partner_notices


@db_periodic_task(crontab(minute="35"))
def send_partner_notices_when_due() -> None:
    """Hourly, acting from PARTNER_DIGEST_HOUR local time: each teacher with waiting notices gets that
    day's one e-mail (a day with the worker down at that hour catches up the next hour). Notices that
    arrive after a person's e-mail of the day wait for the next day: nobody gets two in a day."""
    local = school_now()
    if local.hour >= PARTNER_DIGEST_HOUR:
        send_partner_notices(local.date())
