"""Restoring a school export into an empty school (issue 14): the full round trip through the pages, compared
field for field (every concrete field of every restored model) and byte for byte on attachments."""

import datetime as dt
import io
import time
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collabtrack.models import Grade, JobStatus, Role, StaffMember
from reports.imports.school_export import school_export
from reports.models import MonthlyStatistics
from taxonomy.models import (
    ActionItem,
    BenefitsReflection,
    Roadblock,
    RoadblocksReflection,
    TaxonomyReflection,
)
from tests.collabtrack import bombs
from tests.factories import (
    MembershipFactory,
    MonthlyStatisticsFactory,
    SchoolFactory,
    StaffMemberFactory,
    TestDataGapFactory,
    UnitFactory,
    UserFactory,
)
from tests.job_helpers import finish_job, job_of, run_queued_jobs
from units.models import Attachment, Duty, Resource, Unit
from units.standards import Indicator2007, Standard2018

pytestmark = pytest.mark.django_db


def docx_bytes() -> bytes:
    """A minimal Word file: itself a ZIP, which the export's archive checks must let through."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as document:
        document.writestr("[Content_Types].xml", "<Types/>")
        document.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def attach(unit, name: str, content: bytes, kind: str = "handout") -> None:
    attachment = Attachment(unit=unit, original_name=name, size=len(content), kind=kind)
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()


@pytest.fixture
def full_school(school, librarian, teacher):
    """A school with every kind of data the export holds."""
    priya = StaffMemberFactory(
        school=school, name="Priya Shah", title="Science", email="p@example.org", roster_source_id="t-0042"
    )
    priya.grades.set([6, 7])
    StaffMemberFactory(school=school, name="Okafor, Maya", title="", department="", active=False)
    unit = UnitFactory(
        school=school,
        librarian=librarian,
        title="Cells and microscopes",
        start_date=dt.date(2025, 9, 15),
        end_date=dt.date(2025, 10, 3),
        level=4,
        status="completed",
        overview="Students research cells.",
        content_standards="SC.7.L.14.1\n  - cell theory\n=formula-looking line",
        learning_product="A field guide",
        assessment_what="Accuracy",
        assessment_who="Both",
        assessment_how="Rubric, peer review",
        adaptations_challenged="Sentence frames",
        adaptations_gifted="+ a speaker",
        adaptations_ell="Bilingual glossary",
        adaptations_learning_styles="@ video",
        time_frame="six class periods over two weeks",
        extensions="A visiting microbiologist",
    )
    unit.teachers.add(priya, StaffMember.objects.get(name="Okafor, Maya"), teacher.staff_entries.get())
    unit.grades.add(Grade.objects.get(order=6), Grade.objects.get(order=7))
    TestDataGapFactory(unit=unit, content_area="Science: life", performance_indicator="Evaluates sources")
    Duty.objects.create(unit=unit, owner="librarian", description="Teach note-taking", addresses_gap=True)
    Duty.objects.create(unit=unit, owner="both", description="-Grade the guides", order=1, partner=priya)
    Resource.objects.create(unit=unit, kind="print", citation="Smith, J. Cells. 2020.")
    Resource.objects.create(
        unit=unit, kind="electronic", citation="Cells site", url="https://e.org/c", order=1
    )
    unit.standards_2007.add(Indicator2007.objects.get(number="1.1.1"))
    standard, _ = Standard2018.objects.get_or_create(
        set="learner", code="I.A.1", defaults={"heading": "Questions"}
    )
    unit.standards_2018.add(standard)
    attach(unit, "rubric.pdf", b"%PDF-1.4\n" + bytes(range(256)), kind="rubric")
    attach(unit, "organiser.docx", docx_bytes(), kind="organizer")
    attach(unit, "notes.txt", "Zoë's notes\r\n".encode())
    UnitFactory(
        school=school, librarian=None, title="Poetry café", start_date=dt.date(2026, 2, 2), level=None
    )
    binned = UnitFactory(
        school=school, librarian=librarian, title="In the bin", start_date=dt.date(2025, 9, 1)
    )
    Unit.all_objects.filter(pk=binned.pk).update(deleted_at=dt.datetime(2025, 9, 2, tzinfo=dt.UTC))
    MonthlyStatisticsFactory(
        school=school, year=2025, month=10, days_open=20, circulation=1500, classes_served=60
    )
    MonthlyStatisticsFactory(
        school=school, year=2025, month=11, days_open=None, circulation=None, classes_served=3
    )
    shared = {"school": school, "author": librarian, "shared_with_principal": True}
    TaxonomyReflection.objects.create(
        **shared, reflected_on=dt.date(2025, 10, 1), level=6, working_well="Planning",
        greatest_success="=Poetry", next_level_needs="Time",
    )  # fmt: skip
    BenefitsReflection.objects.create(
        **shared, reflected_on=dt.date(2025, 11, 1), teachers="More time", benefits_seen=benefit_keys()[:2]
    )
    roadblocks = RoadblocksReflection.objects.create(**shared, reflected_on=dt.date(2025, 12, 1))
    Roadblock.objects.create(
        reflection=roadblocks,
        position=1,
        category="scheduling",
        explanation="Fixed",
        potential_solution="Flex",
    )
    ActionItem.objects.create(
        reflection=roadblocks,
        category="other",
        text="Ask",
        due_on=dt.date(2026, 1, 5),
        done_on=dt.date(2026, 1, 4),
    )
    TaxonomyReflection.objects.create(  # private: neither exported nor restored
        school=school, author=librarian, level=2, working_well="x", greatest_success="y", next_level_needs="z"
    )
    return school


def benefit_keys() -> list[str]:
    from taxonomy.checklists import BENEFIT_TEXTS

    return list(BENEFIT_TEXTS)


@pytest.fixture
def empty_school(librarian, teacher):
    """A new school the same people belong to (a school moved to another server, or started afresh)."""
    new = SchoolFactory(name="Riverside Restored")
    MembershipFactory(user=librarian, school=new, role=Role.LIBRARIAN)
    MembershipFactory(user=teacher, school=new, role=Role.TEACHER)
    return new


def _values(obj, skip=()) -> dict:
    values = {}
    for field in obj._meta.concrete_fields:
        if field.primary_key or field.name in ("school", "unit", "order", "version", *skip):
            continue
        value = getattr(obj, field.attname if not field.is_relation else field.name)
        if field.is_relation and value is not None:
            value = value.get_username() if hasattr(value, "get_username") else str(value)
        if isinstance(value, dt.datetime):
            value = value.replace(microsecond=0)
        values[field.name] = value
    return values


def snapshot(school) -> dict:
    """Everything the restore brings back, with the school's own numbers left out."""
    units = []
    for unit in Unit.objects.filter(school=school).order_by("start_date", "title"):
        record = _values(unit)
        record["teachers"] = sorted(unit.teachers.values_list("name", flat=True))
        record["grades"] = sorted(unit.grades.values_list("order", flat=True))
        record["gaps"] = sorted(unit.gaps.values_list("content_area", "performance_indicator"))
        record["duties"] = [_values(duty) for duty in unit.duties.order_by("order", "pk")]
        record["resources"] = [_values(item) for item in unit.resources.order_by("order", "pk")]
        record["standards_2007"] = sorted(unit.standards_2007.values_list("number", flat=True))
        record["standards_2018"] = sorted(unit.standards_2018.values_list("set", "code"))
        record["attachments"] = sorted(
            (*_values(item, skip=("file", "uploaded_by", "uploaded_at")).values(), item.file.read())
            for item in unit.attachments.all()
        )
        units.append(record)
    staff = []
    for member in StaffMember.objects.filter(school=school).order_by("name"):
        staff.append(_values(member) | {"grades": sorted(member.grades.values_list("order", flat=True))})
    statistics = [_values(row) for row in MonthlyStatistics.objects.filter(school=school)]
    reflections = [
        [_values(item) for item in model.objects.filter(school=school, shared_with_principal=True)]
        for model in (TaxonomyReflection, BenefitsReflection)
    ]
    for item in RoadblocksReflection.objects.filter(school=school, shared_with_principal=True):
        reflections.append(
            [
                _values(item),
                [_values(block, skip=("reflection",)) for block in item.roadblocks.all()],
                [_values(action, skip=("reflection",)) for action in item.action_items.all()],
            ]
        )
    return {"units": units, "staff": staff, "statistics": statistics, "reflections": reflections}


def upload(client, content: bytes, name: str = "export.zip"):
    return client.post(reverse("data:restore_upload"), {"file": SimpleUploadedFile(name, content)})


def export_bytes(school) -> bytes:
    return school_export(school).content.read()


def test_a_school_export_restores_field_for_field_and_byte_for_byte(
    client_for, librarian, full_school, empty_school
):
    before = snapshot(full_school)
    assert len(before["units"]) == 2 and before["units"][0]["attachments"]
    client = client_for(librarian, empty_school)
    response = upload(client, export_bytes(full_school))
    assert response.status_code == 302
    preview = client.get(response["Location"])
    text = preview.content.decode()
    assert "2</td>" in text and "Restore everything" in text
    counts = dict(preview.context["data"]["counts"])
    assert counts["units"] == 2 and counts["attachments"] == 3 and counts["duties"] == 2
    assert counts["staff members"] == 3 and counts["months of library statistics"] == 2
    assert counts["reflections shared with the principal"] == 3
    confirm = reverse("data:restore_confirm", args=[response["Location"].split("/")[-2]])
    done = finish_job(client, client.post(confirm))
    assert "Restored" in done.content.decode()
    after = snapshot(empty_school)
    for restored, original in zip(after["units"], before["units"], strict=True):
        differing = {key for key in original if restored.get(key) != original[key]}
        assert not differing, f"{original['title']}: {[(restored[k], original[k]) for k in differing]}"
    assert after["reflections"] == before["reflections"] and len(before["reflections"]) == 3
    assert after == before


def test_restore_into_a_school_with_data_is_refused(librarian_client, full_school, school):
    content = export_bytes(full_school)
    page = librarian_client.get(reverse("data:restore_upload"))
    assert "cannot be restored into it" in page.content.decode()
    response = upload(librarian_client, content)
    assert response.status_code == 200
    assert "already has units" in response.content.decode()
    assert Unit.objects.filter(school=school).count() == 2


def test_data_added_after_the_preview_refuses_the_job_and_saves_nothing(
    client_for, librarian, full_school, empty_school
):
    client = client_for(librarian, empty_school)
    response = upload(client, export_bytes(full_school))
    token = response["Location"].split("/")[-2]
    StaffMemberFactory(school=empty_school, name="Added meanwhile")
    job = job_of(client.post(reverse("data:restore_confirm", args=[token])))
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "already has a staff directory" in job.failure
    assert not Unit.all_objects.filter(school=empty_school).exists()


def test_a_row_refused_while_saving_leaves_the_school_empty_and_no_file_behind(
    client_for, librarian, full_school, empty_school, settings
):
    # October has 31 days: 40 days open is refused by the statistics' own check, after units and
    # attachments were written inside the transaction.
    MonthlyStatistics.objects.filter(school=full_school, month=10).update(days_open=40)
    client = client_for(librarian, empty_school)
    response = upload(client, export_bytes(full_school))
    token = response["Location"].split("/")[-2]
    attachments_folder = settings.MEDIA_ROOT / "attachments" / str(empty_school.pk)
    job = job_of(client.post(reverse("data:restore_confirm", args=[token])))
    run_queued_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "monthly_statistics.csv, line 2" in job.failure
    assert not Unit.all_objects.filter(school=empty_school).exists()
    assert not StaffMember.objects.filter(school=empty_school).exists()
    assert not any(attachments_folder.glob("*")) if attachments_folder.exists() else True


def test_a_problem_in_the_export_is_shown_and_nothing_can_be_confirmed(
    client_for, librarian, full_school, empty_school
):
    source = zipfile.ZipFile(io.BytesIO(export_bytes(full_school)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as changed:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "duties.csv":
                data = data.replace(b"Librarian", b"The caretaker", 1)
            changed.writestr(info.filename, data)
    client = client_for(librarian, empty_school)
    response = upload(client, buffer.getvalue())
    preview = client.get(response["Location"])
    text = preview.content.decode()
    assert "1 problem:" in text and "duties.csv, line 2, who" in text
    assert "Restore everything" not in text
    token = response["Location"].split("/")[-2]
    assert client.post(reverse("data:restore_confirm", args=[token])).status_code == 302
    assert not run_queued_jobs()


def test_a_teacher_cannot_restore(client_for, teacher, empty_school):
    client = client_for(teacher, empty_school)
    assert client.get(reverse("data:restore_upload")).status_code == 403


def test_restored_login_not_a_member_is_credited_to_the_restorer(client_for, full_school):
    newcomer = UserFactory(username="nina-new")
    fresh = SchoolFactory(name="Elsewhere")
    MembershipFactory(user=newcomer, school=fresh, role=Role.LIBRARIAN)
    client = client_for(newcomer, fresh)
    response = upload(client, export_bytes(full_school))
    preview = client.get(response["Location"]).content.decode()
    assert "credited to nina-new" in preview and "restored without a login" in preview
    finish_job(client, client.post(response["Location"] + "confirm/"))
    unit = Unit.objects.get(school=fresh, title="Cells and microscopes")
    assert unit.librarian == newcomer
    assert StaffMember.objects.get(school=fresh, name="Tom Teacher").user is None


def corrupted_member(content: bytes, name: str = "units.csv") -> bytes:
    """The export with one byte of a member's packed data changed: its CRC no longer matches."""
    info = zipfile.ZipFile(io.BytesIO(content)).getinfo(name)
    header_end = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    damaged = bytearray(content)
    damaged[header_end + info.compress_size // 2] ^= 0xFF
    return bytes(damaged)


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda export: corrupted_member(export), "damaged"),
        (lambda export: bombs.giant_cell(520), "unpacks to more than"),
        (lambda export: bombs.zip_slip(), "points outside the archive"),
        (lambda export: bombs.many_members(20_001), "more than 20000 files"),
        (lambda export: bombs.nested_archive("units/inner.zip"), "another packed file"),
        (lambda export: b"not a zip at all", "damaged or is not the kind of file expected"),
    ],
    ids=["corrupted-member", "giant-member", "zip-slip", "many-members", "nested", "not-a-zip"],
)
def test_a_damaged_or_hostile_zip_is_refused_on_the_page_quickly(
    client_for, librarian, full_school, empty_school, make, message
):
    content = make(export_bytes(full_school))
    client = client_for(librarian, empty_school)
    started = time.process_time()
    response = upload(client, content)
    elapsed = time.process_time() - started
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["file"])
    assert elapsed < 5, f"refused after {elapsed:.1f} s of CPU"
    assert not Unit.all_objects.filter(school=empty_school).exists()


def test_the_same_month_twice_is_a_problem_of_the_preview(client_for, librarian, full_school, empty_school):
    MonthlyStatistics.objects.filter(school=full_school, month=11).update(month=10, year=2026)
    content = with_month_repeated(export_bytes(full_school))
    client = client_for(librarian, empty_school)
    response = upload(client, content)
    page = client.get(response["Location"]).content.decode()
    assert "monthly_statistics.csv, line 3: this month is already on an earlier line." in page


def with_month_repeated(content: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(content))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as changed:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "monthly_statistics.csv":
                data = data.replace(b"2026,10,", b"2025,10,")
            changed.writestr(info.filename, data)
    return buffer.getvalue()
