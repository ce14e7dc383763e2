"""Jobs through a real worker process (`manage.py run_huey`), on the SQLite queue and on Redis.

Few and quick: each starts a worker (about a second and a half) and imports a generated log."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collabtrack.jobs import live_progress, sweep_stale_jobs
from collabtrack.models import Job, JobStatus, StaffMember
from tests.jobs.conftest import wait_for
from units.models import Unit

# Generous: only a failing test waits this long, and a loaded 2-core machine can be slow to start a worker.
WORKER_TIMEOUT = 60


def log_csv(rows: int) -> bytes:
    lines = ["Date,Unit,Grades,Teachers,Level"]
    # Levels 1-3 only: a level-4 row would need a test-data gap.
    lines += [
        f"2025-{9 + n % 4:02d}-{n % 28 + 1:02d},Imported unit {n},7,Teacher {n % 25},{n % 3 + 1}"
        for n in range(rows)
    ]
    return ("\n".join(lines) + "\n").encode()


def queue_import(client, rows: int) -> Job:
    """Upload and confirm as the librarian does; the confirmation only queues the job."""
    upload = client.post(reverse("data:log_upload"), {"file": SimpleUploadedFile("log.csv", log_csv(rows))})
    assert upload.status_code == 302, upload.context and upload.context["form"].errors
    token = upload["Location"].rstrip("/").split("/")[-1]
    confirm = client.post(reverse("data:log_confirm", args=[token]))
    assert confirm.status_code == 302 and confirm["Location"].startswith("/jobs/")
    job = Job.objects.get(pk=confirm["Location"].split("/")[2])
    assert job.status == JobStatus.QUEUED and Unit.objects.count() == 0
    return job


def status_of(job: Job) -> str:
    return Job.objects.values_list("status", flat=True).get(pk=job.pk)


def test_a_log_import_runs_in_the_worker(queue, start_worker, librarian_client, school):
    job = queue_import(librarian_client, 300)
    worker = start_worker()
    wait_for(lambda: status_of(job) == JobStatus.DONE, timeout=WORKER_TIMEOUT, worker=worker, what="the job")
    assert Unit.objects.filter(school=school).count() == 300
    assert StaffMember.objects.filter(school=school).count() == 25
    page = librarian_client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "Imported 300 units from log.csv; added 25 teachers to the staff directory." in page
    job.refresh_from_db()
    assert (job.progress_done, job.progress_total, job.attempts) == (300, 300, 1)


@pytest.mark.parametrize("queue", ["redis"], indirect=True)
def test_a_worker_killed_mid_import_leaves_nothing_and_the_job_is_retried(
    queue, start_worker, librarian_client, school
):
    rows = 4000
    job = queue_import(librarian_client, rows)
    worker = start_worker()
    # Killed once it has reported rows inside the import's transaction (progress lives outside it).
    wait_for(
        lambda: (live_progress(job) or {}).get("done", 0) > 0,
        timeout=WORKER_TIMEOUT,
        worker=worker,
        what="the import to report progress",
    )
    worker.kill()
    assert Unit.objects.count() == 0 and StaffMember.objects.count() == 0  # one transaction: none of it
    assert status_of(job) == JobStatus.RUNNING  # nobody told the database; the heartbeat stopped

    assert sweep_stale_jobs(stale_after=0) == (1, 0)  # the periodic sweep, at once instead of a minute
    assert status_of(job) == JobStatus.QUEUED
    worker = start_worker()
    wait_for(lambda: status_of(job) == JobStatus.DONE, timeout=WORKER_TIMEOUT, worker=worker, what="a retry")
    assert Unit.objects.filter(school=school).count() == rows
    job.refresh_from_db()
    assert job.attempts == 2
