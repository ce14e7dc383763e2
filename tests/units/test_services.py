"""The services are authoritative: level-4 rule, stale saves, history, copy, delete and restore."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests import factories
from tests.units.conftest import plan_post, rows
from units import models as unit_models
from units import plan_services, services
from units.forms import QuickLogForm, UnitPlanForm, plan_formsets
from units.models import Duty, Unit, UnitStatus
from units.selectors import unit_history
from units.standards import Indicator2007

pytestmark = pytest.mark.django_db


def save_plan(unit, user, data, expected_version=None):
    unit = Unit.objects.get(pk=unit.pk)  # what an editor's request would load
    form = UnitPlanForm(data, instance=unit, school=unit.school)
    formsets = plan_formsets(data, unit)
    assert form.is_valid(), form.errors
    assert all(f.is_valid() for f in formsets.values()), [f.errors for f in formsets.values()]
    kwargs = form.to_service_kwargs(formsets)
    if expected_version is not None:
        kwargs["expected_version"] = expected_version
    return plan_services.unit_plan_save(unit=unit, user=user, **kwargs)


def test_quick_log_creates_the_unit_with_its_gap_and_a_new_teacher(school, librarian, colleague):
    form = QuickLogForm(
        {
            "start_date": "2025-10-06",
            "title": "Renewable energy debate",
            "level": "4",
            "grades": ["7", "8"],
            "teachers": [str(colleague.pk)],
            "gap_content_area": "Science",
            "gap_performance_indicator": "Evaluates sources",
            "new_teacher_name": "Ana Lima",
            "new_teacher_title": "Grade 8 science",
        },
        school=school,
    )
    assert form.is_valid(), form.errors
    unit = services.unit_create(school=school, created_by=librarian, **form.to_service_kwargs())
    assert unit.school == school and unit.librarian == librarian and unit.level == 4
    assert unit.grades_display == "Gr. 7, 8"
    assert sorted(t.name for t in unit.teachers.all()) == ["Ana Lima", "Marcus Bell"]
    assert unit.teachers.get(name="Ana Lima").title == "Grade 8 science"
    assert unit.gaps.get().content_area == "Science"
    assert unit.status == UnitStatus.COMPLETED  # logged after the fact


def test_the_service_refuses_level_4_without_a_gap_whatever_the_form_says(unit, librarian):
    with pytest.raises(ValidationError) as caught:
        save_plan(unit, librarian, plan_post(unit, level="4"))
    assert "level" in caught.value.message_dict
    unit.refresh_from_db()
    assert unit.level == 2 and unit.version == 1  # rolled back, version included


def test_level_4_with_a_gap_row_saves(unit, librarian):
    data = plan_post(
        unit, level="4", **rows("gaps", {"content_area": "Reading", "performance_indicator": "Infers"})
    )
    saved = save_plan(unit, librarian, data)
    assert saved.level == 4 and saved.gaps.count() == 1 and saved.version == 2


def test_removing_the_last_gap_of_a_level_4_unit_is_refused(unit, librarian):
    unit.level = 4
    unit.save()
    gap = factories.TestDataGapFactory(unit=unit)
    data = plan_post(
        unit,
        level="4",
        **rows(
            "gaps",
            {"id": str(gap.pk), "content_area": "Reading", "performance_indicator": "x", "DELETE": "on"},
        ),
    )
    data["gaps-INITIAL_FORMS"] = "1"
    with pytest.raises(ValidationError):
        save_plan(unit, librarian, data)
    assert unit_models.TestDataGap.objects.filter(pk=gap.pk).exists()


def test_a_stale_save_is_refused_and_changes_nothing(unit, librarian, teacher):
    first = plan_post(unit, title="Ecosystems field guide (teacher's edit)")
    second = plan_post(unit, title="Ecosystems field guide (librarian's edit)")  # opened at the same version
    save_plan(unit, teacher, first)
    with pytest.raises(plan_services.StaleUnitError) as caught:
        save_plan(unit, librarian, second)
    assert caught.value.current.version == 2
    unit.refresh_from_db()
    assert unit.title == "Ecosystems field guide (teacher's edit)" and unit.version == 2


def test_every_save_is_kept_in_history_with_who_and_what(unit, librarian, teacher):
    save_plan(unit, teacher, plan_post(unit, overview="Students build a field guide."))
    record = unit.history.first()
    assert record.history_user is None  # no request here: the middleware records the user in views
    assert record.overview == "Students build a field guide."
    assert unit_history(unit=unit)[0].changes == ["Unit overview"]
    assert unit.history.count() == 2  # created + edited


def test_the_plan_save_writes_duties_resources_and_standards(unit, librarian):
    indicators = Indicator2007.objects.filter(number__in=["1.1.1", "2.1.3"])
    data = plan_post(
        unit,
        standards_2007=[str(i.pk) for i in indicators],
        content_standards="1. Cite evidence.\n2. Determine a theme.",
        **rows(
            "duties",
            {"owner": "librarian", "description": "Teach evaluating sources", "addresses_gap": "on"},
            {"owner": "teacher", "description": "Grade the guide"},
        ),
        **rows(
            "resources",
            {"kind": "electronic", "citation": "NASA Climate Kids.", "url": "https://climatekids.nasa.gov/"},
        ),
    )
    saved = save_plan(unit, librarian, data)
    assert sorted(saved.standards_2007.values_list("number", flat=True)) == ["1.1.1", "2.1.3"]
    assert saved.content_standards == "1. Cite evidence.\n2. Determine a theme."
    assert Duty.objects.get(unit=saved, owner="librarian").addresses_gap is True
    assert saved.resources.get().url == "https://climatekids.nasa.gov/"


def test_copy_keeps_the_plan_with_a_new_date_and_no_level(unit, librarian, colleague):
    unit.overview = "A field guide to the school pond."
    unit.end_date = dt.date(2025, 10, 20)
    unit.level = 4
    unit.save()
    unit.grades.set([7])
    unit.standards_2007.set(Indicator2007.objects.filter(number="1.1.1"))
    factories.TestDataGapFactory(unit=unit)
    factories.DutyFactory(unit=unit, addresses_gap=True)
    factories.ResourceFactory(unit=unit)
    copy = services.unit_copy(
        unit=unit,
        user=librarian,
        title="Ecosystems (Mr Bell)",
        start_date=dt.date(2026, 10, 5),
        teacher_ids=[colleague.pk],
    )
    assert copy.pk != unit.pk and copy.title == "Ecosystems (Mr Bell)"
    assert copy.start_date == dt.date(2026, 10, 5) and copy.end_date == dt.date(2026, 10, 19)
    assert copy.level is None and copy.status == UnitStatus.PLANNED and copy.version == 1
    assert copy.overview == unit.overview
    assert list(copy.teachers.all()) == [colleague]
    assert copy.grades_display == "Gr. 7"
    assert list(copy.standards_2007.values_list("number", flat=True)) == ["1.1.1"]
    assert copy.gaps.count() == copy.duties.count() == copy.resources.count() == 1
    assert copy.duties.get().addresses_gap
    # The original is untouched.
    assert unit.duties.count() == 1 and unit.level == 4


def test_copy_gives_the_copy_its_own_attachment_files(unit, librarian, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    original = services.attachment_add(
        unit=unit,
        upload=SimpleUploadedFile("Organizer.txt", b"Question / Source / Notes"),
        kind="organizer",
        user=librarian,
    )
    copy = services.unit_copy(
        unit=unit, user=librarian, title="Copy", start_date=dt.date(2026, 10, 5), teacher_ids=[]
    )
    copied = copy.attachments.get()
    assert copied.original_name == "Organizer.txt" and copied.kind == "organizer"
    assert copied.file.name != original.file.name
    services.attachment_delete(attachment=original)
    with copied.file.open("rb") as handle:
        assert handle.read() == b"Question / Source / Notes"


def test_delete_hides_the_unit_everywhere_and_restore_brings_it_back(unit, librarian):
    services.unit_delete(unit=unit, user=librarian)
    assert not Unit.objects.filter(pk=unit.pk).exists()
    assert not unit.school.units.exists()  # reports read through the default manager
    services.unit_restore(unit=Unit.all_objects.get(pk=unit.pk), user=librarian)
    assert Unit.objects.filter(pk=unit.pk).exists()
    assert [r.history_change_reason for r in unit.history.all()[:2]] == ["Restored from the bin", "Deleted"]


def test_attachments_are_stored_under_random_names(unit, librarian, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    upload = SimpleUploadedFile("../../Evil name.pdf", b"%PDF-1.4\n%%EOF\n")
    attachment = services.attachment_add(unit=unit, upload=upload, kind="rubric", user=librarian)
    assert attachment.original_name.endswith("Evil name.pdf")
    assert attachment.file.name.startswith(f"attachments/{unit.school_id}/")
    assert "Evil" not in attachment.file.name and attachment.file.name.endswith(".pdf")
    assert (tmp_path / attachment.file.name).exists()
    services.attachment_delete(attachment=attachment)
    assert not (tmp_path / attachment.file.name).exists()
