"""Generated files are kept and reused until the school's data changes (collabtrack.dataversion,
collabtrack.kept_files); the board PDF and the school ZIP are made by jobs (run here as the worker would)."""

import datetime as dt
import os
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from collabtrack.dataversion import school_data_changed
from collabtrack.kept_files import kept_files_cleanup
from collabtrack.models import Job, KeptFile, School
from tests.factories import MonthlyStatisticsFactory, StaffMemberFactory, UnitFactory
from tests.job_helpers import download, job_of, run_queued_jobs

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media")]
BOARD_PDF = reverse("reports:board_pdf", args=["2025-26"])


def version(school) -> int:
    return School.objects.values_list("data_version", flat=True).get(pk=school.pk)


def test_the_second_board_pdf_comes_from_the_kept_file(principal_client, librarian_client, school, media):
    UnitFactory(school=school, title="Food webs", start_date=dt.date(2025, 10, 6))
    first = principal_client.get(BOARD_PDF)
    job = job_of(first)  # the first download queues a job
    run_queued_jobs()
    kept = KeptFile.objects.get()
    path = Path(media) / kept.path
    made_at = path.stat().st_mtime_ns

    second = principal_client.get(BOARD_PDF)  # unchanged data: the file at once, no job
    assert second.status_code == 200 and second["Content-Type"] == "application/pdf"
    assert b"".join(second.streaming_content)[:4] == b"%PDF"
    again = librarian_client.get(BOARD_PDF)  # the file is the school's, whoever asked first
    assert again.status_code == 200
    assert Job.objects.count() == 1 and KeptFile.objects.count() == 1
    assert path.stat().st_mtime_ns == made_at
    job.refresh_from_db()
    assert job.result_file == kept


def test_a_unit_change_makes_a_new_board_pdf(principal_client, school, commit):
    unit = UnitFactory(school=school, title="Food webs", start_date=dt.date(2025, 10, 6))
    download(principal_client, BOARD_PDF)
    unit.title = "Food webs and energy"
    unit.save()
    commit()
    response = principal_client.get(BOARD_PDF)
    assert job_of(response).kind == "board_pdf"  # a new job: the kept file shows the old title
    run_queued_jobs()
    assert KeptFile.objects.count() == 2


def test_one_change_moves_the_version_once_per_transaction(school, other_school, commit):
    commit()
    before = version(school)
    unit = UnitFactory(school=school)
    unit.teachers.add(StaffMemberFactory(school=school))
    MonthlyStatisticsFactory(school=school, year=2025, month=10)
    assert commit() == 1  # one UPDATE after the commit, however many rows changed
    assert version(school) > before
    moved = version(school)
    other_before = version(other_school)
    UnitFactory(school=other_school)
    commit()
    assert version(school) == moved and version(other_school) > other_before


def test_a_rolled_back_change_does_not_move_the_version(school):
    before = version(school)
    UnitFactory(school=school)  # inside the test's transaction, never committed
    assert version(school) == before


@pytest.mark.parametrize("change", ["gap", "teacher link", "statistics", "highlights", "staff", "delete"])
def test_each_kind_of_change_moves_the_version(change, school, commit):
    from reports.models import BoardHighlights
    from units.models import TestDataGap

    unit = UnitFactory(school=school)
    staff = StaffMemberFactory(school=school)
    commit()
    before = version(school)
    if change == "gap":
        TestDataGap.objects.create(unit=unit, content_area="Reading", performance_indicator="fluency")
    elif change == "teacher link":
        staff.units.add(unit)  # from the other side of the many-to-many
    elif change == "statistics":
        MonthlyStatisticsFactory(school=school, year=2025, month=11)
    elif change == "highlights":
        BoardHighlights.objects.create(school=school, start_year=2025, text="A good year")
    elif change == "staff":
        staff.name = "Renamed"
        staff.save()
    else:
        unit.delete()
    commit()
    assert version(school) > before


def test_a_stale_school_save_cannot_bring_an_old_version_back(school, commit):
    stale = School.objects.get(pk=school.pk)
    UnitFactory(school=school)
    commit()
    changed = version(school)
    stale.save()  # writes its old data_version back; the bump that follows moves past both
    commit()
    assert version(school) not in (stale.data_version, changed)


def test_bulk_writes_say_so_themselves(school, commit):
    before = version(school)
    school_data_changed(school)
    commit()
    assert version(school) > before


def test_cleanup_removes_old_superseded_and_orphaned_files(principal_client, school, media):
    UnitFactory(school=school, start_date=dt.date(2025, 10, 6))
    download(principal_client, BOARD_PDF)
    kept = KeptFile.objects.get()
    path = Path(media) / kept.path
    orphan = path.parent / "left-by-a-killed-worker.pdf"
    orphan.write_bytes(b"%PDF")
    assert kept_files_cleanup() == 0  # in use, and the orphan is too new to be sure
    hour_ago = (timezone.now() - dt.timedelta(hours=2)).timestamp()
    os.utime(orphan, (hour_ago, hour_ago))
    assert kept_files_cleanup() == 1 and not orphan.exists() and path.exists()

    KeptFile.objects.filter(pk=kept.pk).update(last_used_at=timezone.now() - dt.timedelta(days=8))
    assert kept_files_cleanup(max_age_days=7) == 1
    assert not path.exists() and not KeptFile.objects.exists()


def test_a_superseded_file_goes_after_an_hour(principal_client, school, media):
    download(principal_client, BOARD_PDF)
    School.objects.filter(pk=school.pk).update(data_version=12345)
    KeptFile.objects.update(created_at=timezone.now() - dt.timedelta(hours=2))
    assert kept_files_cleanup() == 1 and not KeptFile.objects.exists()
