"""The school restore through a real worker process: a worker killed in the middle of a restore leaves the
school empty (one transaction), and the retried job restores everything."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collabtrack.jobs import live_progress, sweep_stale_jobs
from collabtrack.models import Job, JobStatus, Role, StaffMember
from reports.imports.school_export import school_export
from tests.factories import MembershipFactory, SchoolFactory
from tests.jobs.conftest import wait_for
from units.models import Unit
from units.services import units_create
from units.unit_data import NamedTeacher, NewUnit

WORKER_TIMEOUT = 60  # generous: only a failing test waits this long
UNITS = 3000


def status_of(job: Job) -> str:
    return Job.objects.values_list("status", flat=True).get(pk=job.pk)


@pytest.mark.parametrize("queue", ["redis"], indirect=True)
def test_a_worker_killed_mid_restore_leaves_the_school_empty(
    queue, start_worker, client_for, librarian, school
):
    units_create(
        school=school,
        created_by=librarian,
        units=[
            NewUnit(
                title=f"Unit {n}",
                start_date=dt.date(2025, 9, 1) + dt.timedelta(days=n % 200),
                named_teachers=(NamedTeacher(f"Teacher {n % 30}"),),
            )
            for n in range(UNITS)
        ],
    )
    empty = SchoolFactory(name="Restored")
    MembershipFactory(user=librarian, school=empty, role=Role.LIBRARIAN)
    client = client_for(librarian, empty)
    content = school_export(school).content.read()
    upload = client.post(reverse("data:restore_upload"), {"file": SimpleUploadedFile("export.zip", content)})
    assert upload.status_code == 302
    confirm = client.post(upload["Location"] + "confirm/")
    job = Job.objects.get(pk=confirm["Location"].split("/")[2])

    worker = start_worker()
    wait_for(
        lambda: (live_progress(job) or {}).get("done", 0) > 0,
        timeout=WORKER_TIMEOUT,
        worker=worker,
        what="the restore to report progress",
    )
    worker.kill()
    assert not Unit.all_objects.filter(school=empty).exists()
    assert not StaffMember.objects.filter(school=empty).exists()

    assert sweep_stale_jobs(stale_after=0) == (1, 0)
    worker = start_worker()
    wait_for(lambda: status_of(job) == JobStatus.DONE, timeout=WORKER_TIMEOUT, worker=worker, what="a retry")
    assert Unit.objects.filter(school=empty).count() == UNITS
    assert StaffMember.objects.filter(school=empty).count() == 30
