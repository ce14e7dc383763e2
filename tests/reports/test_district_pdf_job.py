"""The district board PDF is a job of the district (issue 13): laid out by the worker (run here as the
worker would, tests/job_helpers.py), kept until a school of the district changes, joins or leaves or the
district's day ends, shared by every way in (the roll-up and the data page), and its job's page reached
only by the coordinator who asked, while they coordinate the district."""

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from collabtrack.dataversion import district_data_version
from collabtrack.kept_files import kept_files_cleanup
from collabtrack.models import DistrictMembership, Job, JobStatus, KeptFile, School
from reports.district import district_today
from tests.factories import DistrictFactory, MembershipFactory, SchoolFactory, UnitFactory, UserFactory
from tests.job_helpers import job_of, run_queued_jobs

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
YEAR = "2025-26"
PDF = reverse("district:rollup_pdf", args=[YEAR])
JOB_PAGES = ("jobs:status", "jobs:status_json", "jobs:download")


@pytest.fixture
def coordinator_client(client, district):
    """The coordinator on the roll-up, with no school chosen (the district pages need none)."""
    client.force_login(district)
    return client


@pytest.fixture
def made(coordinator_client, school, other_school, commit):
    """The district PDF asked for once and made by the worker: (the job, its kept file)."""
    UnitFactory(school=school, title="Food webs", start_date=dt.date(2025, 10, 1), level=3)
    UnitFactory(school=other_school, start_date=dt.date(2025, 10, 2), level=2)
    commit()  # the versions move now, as after the librarian's save: nothing is left pending
    job = job_of(coordinator_client.get(PDF))
    run_queued_jobs()
    job.refresh_from_db()
    return job, job.result_file


def pdf_text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_first_download_is_a_job_of_the_district_then_its_file(coordinator_client, district, school):
    UnitFactory(school=school, title="Food webs", start_date=dt.date(2025, 10, 1), level=3)
    response = coordinator_client.get(PDF)
    job = job_of(response)
    assert (job.district, job.school, job.user, job.kind) == (
        school.district,
        None,
        district,
        "district_board_pdf",
    )
    assert job.parameters == {"school_year": YEAR, "day": district_today(school.district).isoformat()}
    waiting = coordinator_client.get(response["Location"]).content.decode()
    assert "Making the district board report (PDF)" in waiting and "Waiting for the worker" in waiting

    run_queued_jobs()
    done = coordinator_client.get(response["Location"]).content.decode()
    assert "Download district-board-report-2025-26.pdf" in done
    assert f'<a href="{reverse("district:rollup_year", args=[YEAR])}">Back to the roll-up</a>' in done
    file = coordinator_client.get(reverse("jobs:download", args=[job.pk]))
    content = b"".join(file.streaming_content)
    assert 'filename="district-board-report-2025-26.pdf"' in file["Content-Disposition"]
    text = pdf_text(content)
    assert "Test District" in text and school.name in text and re.search(r"District\s+TOTAL", text)
    kept = KeptFile.objects.get()
    assert (kept.district, kept.school) == (school.district, None)
    assert kept.data_version == district_data_version(school.district)
    assert kept.path.startswith(f"generated/district-{school.district.pk}/")


def test_the_second_download_is_the_kept_file(coordinator_client, made, media):
    job, kept = made
    made_at = (Path(media) / kept.path).stat().st_mtime_ns
    second = coordinator_client.get(PDF)
    assert second.status_code == 200 and second["Content-Type"] == "application/pdf"
    assert b"".join(second.streaming_content) == (Path(media) / kept.path).read_bytes()
    assert Job.objects.count() == 1 and KeptFile.objects.count() == 1
    assert (Path(media) / kept.path).stat().st_mtime_ns == made_at


def test_the_roll_up_and_the_data_page_share_one_file(district_client, coordinator_client, made):
    """The drill-down's data page runs the same job of the district: the file is the district's."""
    job, kept = made
    export = reverse("data:export", args=["district_board_pdf"])
    response = district_client.get(export, {"school_year": YEAR})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert Job.objects.count() == 1 and KeptFile.objects.count() == 1


def test_the_data_page_queues_the_district_job(district_client, school):
    response = district_client.get(reverse("data:export", args=["district_board_pdf"]), {"school_year": YEAR})
    job = job_of(response)
    assert (job.district, job.school, job.kind) == (school.district, None, "district_board_pdf")
    run_queued_jobs()
    again = district_client.get(PDF)  # the roll-up's link now serves what the data page asked for
    assert again.status_code == 200 and b"".join(again.streaming_content)[:4] == b"%PDF"


def _unit_in_the_other_school(school, other_school):
    UnitFactory(school=other_school, start_date=dt.date(2025, 11, 3))


def _district_renamed(school, other_school):
    district = school.district
    district.name = "Renamed District"
    district.save()


def _a_school_joins(school, other_school):
    SchoolFactory(name="Pine Ridge Middle School", district=school.district)


def _a_school_leaves(school, other_school):
    other_school.district = None
    other_school.save()


def _a_new_day(school, other_school):
    yesterday = (district_today(school.district) - dt.timedelta(days=1)).isoformat()
    KeptFile.objects.update(parameters=f"day={yesterday}&school_year={YEAR}")


@pytest.mark.parametrize(
    "change", [_unit_in_the_other_school, _district_renamed, _a_school_joins, _a_school_leaves, _a_new_day]
)
def test_a_change_anywhere_in_the_district_makes_a_new_file(
    change, coordinator_client, made, school, other_school, commit
):
    change(school, other_school)
    commit()
    job = job_of(coordinator_client.get(PDF))
    assert job.kind == "district_board_pdf" and job.pk != made[0].pk
    run_queued_jobs()
    assert KeptFile.objects.count() == 2


def test_another_districts_change_keeps_the_file(coordinator_client, made, commit):
    elsewhere = SchoolFactory(name="Elsewhere High", district=DistrictFactory(name="Other District"))
    UnitFactory(school=elsewhere, start_date=dt.date(2025, 11, 3))
    commit()
    assert coordinator_client.get(PDF).status_code == 200
    assert Job.objects.count() == 1


def test_the_district_version_follows_its_schools(school, other_school, district, commit):
    commit()  # the schools' own creation
    the_district = school.district
    before = district_data_version(the_district)
    assert 0 <= before < 2**63  # a PostgreSQL bigint
    assert district_data_version(the_district) == before  # the same schools, the same versions
    UnitFactory(school=SchoolFactory(district=DistrictFactory(name="Other District")))
    commit()
    assert district_data_version(the_district) == before
    UnitFactory(school=school)
    commit()
    assert district_data_version(the_district) != before


def _status(client, name, job) -> int:
    return client.get(reverse(name, args=[job.pk])).status_code


def test_only_the_coordinator_who_asked_reaches_the_job(client, coordinator_client, made, school, librarian):
    job, _kept = made
    assert [_status(coordinator_client, name, job) for name in JOB_PAGES] == [200, 200, 200]

    colleague = UserFactory(username="colin-coordinator")  # the same district, not the one who asked
    DistrictMembership.objects.create(user=colleague, district=school.district)
    other = UserFactory(username="olga-other")  # another district's coordinator
    DistrictMembership.objects.create(user=other, district=DistrictFactory(name="Other District"))
    for user in (colleague, other, librarian):
        client.force_login(user)
        assert [_status(client, name, job) for name in JOB_PAGES] == [404, 404, 404], user
        assert client.post(reverse("jobs:retry", args=[job.pk])).status_code == 404

    DistrictMembership.objects.filter(user=job.user).delete()  # no longer the district's coordinator
    client.force_login(job.user)
    assert [_status(client, name, job) for name in JOB_PAGES] == [404, 404, 404]


def test_the_coordinator_also_reaches_it_acting_in_a_school(district_client, made):
    job, _kept = made
    assert [_status(district_client, name, job) for name in JOB_PAGES] == [200, 200, 200]


def test_a_coordinator_who_is_also_a_librarian_keeps_both_kinds_of_job(client, made, school, district):
    """A school role of the coordinator's: their district job stays theirs in the school they act in."""
    job, _kept = made
    MembershipFactory(user=district, school=school)
    client.force_login(district)
    assert _status(client, "jobs:status", job) == 200


def test_a_failed_district_job_says_why_and_can_be_tried_again(coordinator_client, school, monkeypatch):
    from reports import district_exports

    def broken(*args, **kwargs):
        raise RuntimeError("WeasyPrint fell over")

    monkeypatch.setattr(district_exports, "render_pdf", broken)
    job = job_of(coordinator_client.get(PDF))
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "making the district board report" in job.failure
    assert "WeasyPrint" not in coordinator_client.get(reverse("jobs:status", args=[job.pk])).content.decode()
    monkeypatch.undo()
    assert coordinator_client.post(reverse("jobs:retry", args=[job.pk])).status_code == 302
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and job.result_file.district == school.district


def test_cleanup_removes_a_superseded_district_file_after_an_hour(made, school, media):
    _job, kept = made
    assert kept_files_cleanup() == 0  # current
    School.objects.filter(pk=school.pk).update(data_version=12345)
    assert kept_files_cleanup() == 0  # superseded, but may still be offered on the job's page
    KeptFile.objects.update(created_at=timezone.now() - dt.timedelta(hours=2))
    assert kept_files_cleanup() == 1
    assert not KeptFile.objects.exists() and not (Path(media) / kept.path).exists()


def test_a_job_or_kept_file_has_exactly_one_owner(school, librarian):
    for owners in ({}, {"school": school, "district": DistrictFactory(name="Both")}):
        with pytest.raises(IntegrityError), transaction.atomic():
            Job.objects.create(user=librarian, kind="board_pdf", **owners)
        with pytest.raises(IntegrityError), transaction.atomic():
            KeptFile.objects.create(exporter="board_pdf", data_version=1, path="x", **owners)


def test_the_job_says_how_far_the_layout_is(coordinator_client, school, monkeypatch, media):
    """A 200-school report takes about half a minute: the job's page tells its steps (collabtrack.pdf)."""
    from collabtrack.jobs import Progress

    steps, original = [], Progress.__call__

    def spy(self, done, total=None, step=""):
        steps.append(step)
        original(self, done, total, step)

    monkeypatch.setattr(Progress, "__call__", spy)
    job_of(coordinator_client.get(PDF))
    run_queued_jobs()
    assert steps[:2] == ["Gathering what goes in the file", "Laying out the pages"]
    pages = len(PdfReader(Path(media) / KeptFile.objects.get().path).pages)
    assert steps[2] == f"{pages} pages laid out; writing the PDF"
