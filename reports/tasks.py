"""Huey tasks of the reports (found by `manage.py run_huey`, which imports every app's tasks.py).

Thin wrappers: the work is reports.monthly_mail's, which the tests also call directly.
"""

import logging

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from collabtrack.models import School
from reports.district_digest import send_due_district_digests
from reports.monthly_mail import send_due_monthly_reports, send_monthly_reports

log = logging.getLogger(__name__)


@db_periodic_task(crontab(minute="5"))
def send_monthly_reports_when_due() -> None:
    """Every hour: schools whose first school day of the month has come (in their own time zone) send
    last month's report to whoever has not had it. Running twice, or on two workers, sends nothing twice."""
    run = send_due_monthly_reports()
    if run.sent:
        log.info("Monthly reports e-mailed: %d", len(run.sent))


@db_task()
def send_monthly_reports_for(year: int, month: int, school_ids: list[int] | None = None) -> int:
    """One month on demand, off the request (the same code path as the command); returns messages sent."""
    schools = list(School.objects.filter(pk__in=school_ids)) if school_ids is not None else None
    return len(send_monthly_reports(year=year, month=month, schools=schools).sent)


@db_periodic_task(crontab(minute="10"))
def send_district_digests_when_due() -> None:
    """Every hour: districts whose first school day of the month has come (in the district's time zone)
    send last month's roll-up to each coordinator who has not had it; never twice."""
    run = send_due_district_digests()
    if run.sent:
        log.info("District digests e-mailed: %d", len(run.sent))
