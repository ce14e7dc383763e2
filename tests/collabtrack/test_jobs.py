"""Jobs without a worker: the handler runs as a plain function (collabtrack.jobs.execute_job), as the
worker would run it. The worker process itself is tested in tests/jobs/."""

import time

import pytest
from django.urls import reverse

from collabtrack import jobs
from collabtrack.jobs import JobOutcome, JobRefused, execute_job, job_queue, sweep_stale_jobs
from collabtrack.models import Job, JobStatus
from tests.factories import MembershipFactory, UserFactory
from tests.job_helpers import run_queued_jobs

pytestmark = pytest.mark.django_db


@pytest.fixture
def kinds():
    """Handlers registered for one test only."""
    saved = dict(jobs._KINDS)
    yield jobs.register
    jobs._KINDS.clear()
    jobs._KINDS.update(saved)


def steps(job, progress):
    for done in range(0, 3):
        progress(done, 2, "steps done")
    return JobOutcome(message="All two steps done.", url="/units/")


def refuses(job, progress):
    raise JobRefused("3 rows still have problems; nothing was saved.")


def crashes(job, progress):
    raise ZeroDivisionError("secret internals /srv/collabtrack/settings.py")


def test_a_job_runs_from_queued_to_done(kinds, school, librarian):
    kinds("test_steps", title="Counting steps", handler=steps)
    job = job_queue(owner=school, user=librarian, kind="test_steps", parameters={"n": 2})
    assert job.status == JobStatus.QUEUED and job.attempts == 0
    execute_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 1
    assert (job.progress_done, job.progress_total, job.step) == (2, 2, "steps done")
    assert job.result_message == "All two steps done." and job.result_url == "/units/"
    assert job.started_at <= job.finished_at
    assert execute_job(job.pk) is None  # a second message for a finished job runs nothing


def test_the_same_unfinished_job_is_not_queued_twice(kinds, school, librarian):
    kinds("test_steps", title="Counting steps", handler=steps)
    first = job_queue(owner=school, user=librarian, kind="test_steps", parameters={"n": 2})
    assert job_queue(owner=school, user=librarian, kind="test_steps", parameters={"n": 2}) == first
    assert job_queue(owner=school, user=librarian, kind="test_steps", parameters={"n": 3}) != first


def test_a_refusal_is_shown_in_its_own_words_and_can_be_retried(kinds, school, librarian, librarian_client):
    kinds("test_refuses", title="Importing the collaboration log", handler=refuses)
    job = job_queue(owner=school, user=librarian, kind="test_refuses")
    execute_job(job.pk)
    page = librarian_client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "3 rows still have problems; nothing was saved." in page
    assert "Try again" in page

    kinds("test_refuses", title="Importing the collaboration log", handler=steps)  # the cause is fixed
    response = librarian_client.post(reverse("jobs:retry", args=[job.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("jobs:status", args=[job.pk])
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.failure == ""
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE


def test_an_unexpected_error_is_worded_and_the_traceback_stays_in_the_log(
    kinds, school, librarian, librarian_client, caplog
):
    kinds("test_crashes", title="Making the board report (PDF)", handler=crashes)
    job = job_queue(owner=school, user=librarian, kind="test_crashes")
    execute_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED
    assert job.failure.startswith("Something went wrong while making the board report (pdf)")
    page = librarian_client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "secret internals" not in page and "ZeroDivisionError" not in page and "Traceback" not in page
    assert "ZeroDivisionError" in caplog.text


def test_only_a_failed_job_can_be_retried(kinds, school, librarian, librarian_client):
    kinds("test_steps", title="Counting steps", handler=steps)
    job = job_queue(owner=school, user=librarian, kind="test_steps")
    execute_job(job.pk)
    librarian_client.post(reverse("jobs:retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.attempts == 1
    assert librarian_client.get(reverse("jobs:retry", args=[job.pk])).status_code == 405


def test_progress_is_shown_while_running(kinds, school, librarian, librarian_client):
    """The worker writes progress to the queue's store (outside the job's transaction); the page and its
    JSON read it."""
    kinds("test_steps", title="Importing the collaboration log", handler=steps)
    job = job_queue(owner=school, user=librarian, kind="test_steps")
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING)
    progress = jobs.Progress(job)
    progress(1200, 10000, "rows saved")
    progress.beat()
    state = librarian_client.get(reverse("jobs:status_json", args=[job.pk])).json()
    assert (state["status"], state["done"], state["total"]) == ("running", 1200, 10000)
    assert state["summary"] == "1,200 of 10,000 rows saved."
    page = librarian_client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "1,200 of 10,000 rows saved." in page
    assert 'aria-live="polite"' in page and "job-status.js" in page
    assert f'href="{reverse("jobs:status", args=[job.pk])}"' in page  # "Refresh" without JavaScript
    progress.clear()


def test_a_job_belongs_to_its_school_and_its_user(
    kinds, school, librarian, librarian_client, principal_client, outsider_client, client_for
):
    kinds("test_steps", title="Counting steps", handler=steps)
    job = job_queue(owner=school, user=librarian, kind="test_steps")
    colleague = UserFactory(username="second-librarian")
    MembershipFactory(user=colleague, school=school, role="librarian")
    for client in (principal_client, outsider_client, client_for(colleague, school)):
        for name in ("jobs:status", "jobs:status_json", "jobs:download"):
            assert client.get(reverse(name, args=[job.pk])).status_code == 404
        assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 404
    assert librarian_client.get(reverse("jobs:status", args=[job.pk])).status_code == 200


def test_a_killed_worker_s_job_is_queued_again_then_failed(kinds, school, librarian):
    """A running job whose heartbeat stopped (the worker was killed) goes back on the queue; after
    MAX_ATTEMPTS tries it fails with a worded reason. It never stays "running"."""
    kinds("test_steps", title="Counting steps", handler=steps)
    job = job_queue(owner=school, user=librarian, kind="test_steps")
    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=1)
    jobs.Progress(job).beat()
    assert sweep_stale_jobs() == (0, 0)  # beating a moment ago: left alone
    time.sleep(0.05)
    assert sweep_stale_jobs(stale_after=0.01) == (1, 0)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED

    Job.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=jobs.MAX_ATTEMPTS)
    time.sleep(0.05)
    assert sweep_stale_jobs(stale_after=0.01) == (0, 1)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "stopped in the middle" in job.failure
    jobs.Progress(job).clear()


def test_the_status_page_is_accessible_markup_without_inline_script(
    kinds, school, librarian, librarian_client
):
    kinds("test_steps", title="Counting steps", handler=steps)
    job = job_queue(owner=school, user=librarian, kind="test_steps")
    page = librarian_client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "<script>" not in page and " style=" not in page
    assert "<h1>Counting steps</h1>" in page and "Waiting for the worker to start." in page


def test_a_busy_database_runs_the_job_again_later_then_gives_up(kinds, school, librarian):
    """SQLite's write lock held too long, a dropped connection: the job goes back on the queue (with a
    delay) instead of failing, and fails with a worded reason after MAX_ATTEMPTS tries."""
    from django.db import OperationalError
    from huey.contrib.djhuey import HUEY

    calls = []

    def busy_then_fine(job, progress):
        calls.append(job.attempts)
        if len(calls) == 1:
            raise OperationalError("database is locked")
        return JobOutcome(message="Done at last.")

    kinds("test_busy", title="Importing the collaboration log", handler=busy_then_fine)
    job = job_queue(owner=school, user=librarian, kind="test_busy")
    execute_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.step == "Waiting to try again"
    retry = [task for task in HUEY.pending() if task.args == (str(job.pk),)][-1]
    assert retry.eta is not None  # on the queue again, to run in RETRY_DELAY_SECONDS
    execute_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and calls == [1, 2]

    def always_busy(job, progress):
        raise OperationalError("database is locked")

    kinds("test_busy", title="Importing the collaboration log", handler=always_busy)
    job = job_queue(owner=school, user=librarian, kind="test_busy")
    for _ in range(jobs.MAX_ATTEMPTS):
        execute_job(job.pk)
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.attempts == jobs.MAX_ATTEMPTS
    assert job.failure.startswith("Something went wrong while importing the collaboration log")
