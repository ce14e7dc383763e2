"""The staff roster import through a real worker process (`manage.py run_huey`) on the SQLite queue: the
confirmation only queues the job; the worker updates the directory in one transaction."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collabtrack.models import Job, JobStatus, StaffMember
from tests.jobs.conftest import wait_for
from tests.reports.imports.roster_files import oneroster_zip

WORKER_TIMEOUT = 60  # generous: only a failing test waits this long


@pytest.mark.parametrize("queue", ["sqlite"], indirect=True)
def test_a_roster_import_runs_in_the_worker(queue, start_worker, librarian_client, school):
    upload = librarian_client.post(
        reverse("data:roster_upload"), {"file": SimpleUploadedFile("oneroster.zip", oneroster_zip())}
    )
    assert upload.status_code == 302, upload.context and upload.context["form"].errors
    token = upload["Location"].rstrip("/").split("/")[-1]
    confirm = librarian_client.post(reverse("data:roster_confirm", args=[token]))
    job = Job.objects.get(pk=confirm["Location"].split("/")[2])
    assert job.status == JobStatus.QUEUED and not StaffMember.objects.exists()

    worker = start_worker()
    done = lambda: Job.objects.values_list("status", flat=True).get(pk=job.pk) == JobStatus.DONE  # noqa: E731
    wait_for(done, timeout=WORKER_TIMEOUT, worker=worker, what="the roster job")
    names = set(StaffMember.objects.filter(school=school, active=True).values_list("name", flat=True))
    assert names == {"Priya Shah", "Marcus Bell", "Dana Ortiz", "Sam Rivera"}
    page = librarian_client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    assert "Staff directory updated from oneroster.zip: 4 added, 0 updated, 0 made inactive." in page
