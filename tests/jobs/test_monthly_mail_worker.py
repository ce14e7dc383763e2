"""The monthly report e-mail sent by a real worker process (`manage.py run_huey`) to a real SMTP server
on loopback, and two workers on Redis racing for the same month sending each person one message."""

import datetime as dt

import pytest

from reports.models import MonthlyReportDelivery
from reports.tasks import send_monthly_reports_for
from tests import mail_server
from tests.factories import MonthlyStatisticsFactory, UnitFactory
from tests.jobs.conftest import wait_for

smtp_server = mail_server.smtp_server  # the fixture, for the tests of this module

WORKER_TIMEOUT = 30


@pytest.fixture
def worker_mail_env(smtp_server, monkeypatch):
    """The worker's mail settings: this test's SMTP server. Requested before `start_worker`, which copies
    the environment when it is set up."""
    for name, value in {**smtp_server.env, "SITE_URL": "https://library.example.org"}.items():
        monkeypatch.setenv(name, value)
    return smtp_server


@pytest.fixture
def october(school, principal, librarian):
    UnitFactory(school=school, title="Volcano research", start_date=dt.date(2025, 10, 6), level=3)
    MonthlyStatisticsFactory(school=school, year=2025, month=10, days_open=19, circulation=523)
    return principal, librarian


@pytest.mark.parametrize("queue", ["sqlite"], indirect=True)  # Redis: the race below
def test_the_queued_monthly_send_runs_in_a_worker(queue, worker_mail_env, start_worker, october, school):
    principal, librarian = october
    send_monthly_reports_for(2025, 10, [school.pk])  # queued, not run: no immediate mode here
    assert worker_mail_env.received == []

    worker = start_worker()
    wait_for(
        lambda: len(worker_mail_env.received) == 2, timeout=WORKER_TIMEOUT, worker=worker, what="2 e-mails"
    )

    (mail,) = worker_mail_env.to(principal.email)
    assert mail.message["Subject"] == f"{school.name}: library report for October 2025"
    (attachment,) = mail.attachments()
    assert attachment.get_content().startswith(b"%PDF")
    assert "https://library.example.org/reports/2025/10/" in mail.text
    assert worker_mail_env.to(librarian.email)
    wait_for(
        lambda: MonthlyReportDelivery.objects.filter(sent_at__isnull=False).count() == 2,
        timeout=WORKER_TIMEOUT,
        worker=worker,
        what="the log",
    )


@pytest.mark.parametrize("queue", ["redis"], indirect=True)
def test_two_workers_on_redis_racing_send_each_person_once(
    queue, worker_mail_env, start_worker, october, school
):
    principal, librarian = october
    for _ in range(4):  # four runs of the same month, shared by two workers
        send_monthly_reports_for(2025, 10, [school.pk])

    workers = [start_worker(), start_worker()]
    wait_for(
        lambda: MonthlyReportDelivery.objects.filter(sent_at__isnull=False).count() == 2,
        timeout=WORKER_TIMEOUT,
        worker=workers[0],
        what="both deliveries",
    )
    from huey.contrib.djhuey import HUEY

    wait_for(lambda: HUEY.pending_count() == 0, timeout=WORKER_TIMEOUT, worker=workers[1], what="the queue")
    for worker in workers:
        worker.stop()  # graceful: a task in hand finishes before the count below

    assert sorted(m.recipients for m in worker_mail_env.received) == [(librarian.email,), (principal.email,)]
