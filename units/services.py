"""Writes to units: keyword-only, typed, atomic, validated with full_clean() (STYLE.md).

These functions are authoritative: the level-4 rule, the overview limit and the stale-save check hold
here whatever form (or script) calls them.
"""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from collabtrack.models import School, StaffMember
from units.attachments import check_upload
from units.forms import LEVEL_4_MISSING_GAP
from units.levels import needs_test_data_gap
from units.models import Attachment, TestDataGap, Unit, UnitStatus
from units.notifications import notify_partners_added


class StaleUnitError(Exception):
    """Someone saved the unit after this editor opened it; saving now would overwrite their work."""

    def __init__(self, current: Unit):
        self.current = current
        super().__init__(f"Unit {current.pk} is at version {current.version}.")


def _check_level_4(unit: Unit) -> None:
    if needs_test_data_gap(unit.level) and not unit.gaps.exists():
        raise ValidationError({"level": LEVEL_4_MISSING_GAP})


def _add_new_teacher(*, school: School, name: str, title: str) -> StaffMember | None:
    if not name:
        return None
    teacher, _ = StaffMember.objects.get_or_create(
        school=school, name=name.strip(), defaults={"title": title}
    )
    return teacher


def unit_status_for(start_date) -> str:
    # Most units are logged after the fact: a past date is done, today's is under way, a later one planned.
    today = timezone.localdate()
    if start_date < today:
        return UnitStatus.COMPLETED
    return UnitStatus.IN_PROGRESS if start_date == today else UnitStatus.PLANNED


@transaction.atomic
def unit_quick_log(*, school: School, user, form) -> Unit:
    """Log a unit from the quick-log form: the header, the rubric and, for level 4, its test-data gap."""
    unit = form.save(commit=False)
    unit.school = school
    unit.librarian = user
    unit.status = unit_status_for(unit.start_date)
    unit.full_clean()
    unit.save()
    form.save_m2m()
    data = form.cleaned_data
    if data.get("gap_content_area") and data.get("gap_performance_indicator"):
        gap = TestDataGap(
            unit=unit,
            content_area=data["gap_content_area"],
            performance_indicator=data["gap_performance_indicator"],
        )
        gap.full_clean()
        gap.save()
    new_teacher = _add_new_teacher(
        school=school, name=data.get("new_teacher_name", ""), title=data.get("new_teacher_title", "")
    )
    if new_teacher:
        unit.teachers.add(new_teacher)
    _check_level_4(unit)
    notify_partners_added(unit=unit, staff_ids=unit.teachers.values_list("pk", flat=True))
    return unit


@transaction.atomic
def unit_plan_save(*, unit: Unit, form, formsets: dict, expected_version: int, user) -> Unit:
    """Save the full planning template, refusing a save based on a version someone else has replaced."""
    # The version check and the increment are one UPDATE, so two concurrent saves cannot both pass it.
    claimed = Unit.objects.filter(pk=unit.pk, version=expected_version).update(version=F("version") + 1)
    if not claimed:
        raise StaleUnitError(Unit.all_objects.get(pk=unit.pk))
    unit = form.save(commit=False)
    unit.version = expected_version + 1
    unit.full_clean()
    changed = [form.fields[name].label or name for name in form.changed_data if name != "version"]
    changed += [name for name, formset in formsets.items() if formset.has_changed()]
    unit._change_reason = (
        ("Changed: " + ", ".join(str(part) for part in changed))[:100] if changed else "Saved"
    )
    unit.save()
    form.save_m2m()
    for formset in formsets.values():
        formset.instance = unit
        formset.save()
    new_teacher = _add_new_teacher(
        school=unit.school,
        name=form.cleaned_data.get("new_teacher_name", ""),
        title=form.cleaned_data.get("new_teacher_title", ""),
    )
    if new_teacher:
        unit.teachers.add(new_teacher)
    _check_level_4(unit)
    notify_partners_added(unit=unit, staff_ids=unit.teachers.values_list("pk", flat=True))
    return unit


@transaction.atomic
def unit_copy(*, unit: Unit, user, title: str, start_date, teachers) -> Unit:
    """Adopt/adapt: a new unit with the same plan, resources, standards and attachments, a new date and no
    level yet."""
    copy = Unit.objects.get(pk=unit.pk)
    copy.pk = copy.id = None
    copy._state.adding = True
    copy.title = title
    copy.start_date = start_date
    copy.end_date = start_date + (unit.end_date - unit.start_date) if unit.end_date else None
    copy.level = None  # the partnership is rated afresh for the new teacher or year
    copy.status = UnitStatus.PLANNED
    copy.librarian = user
    copy.version = 1
    copy._change_reason = f"Copied from “{unit.title}” ({unit.start_date:%Y-%m-%d})"[:100]
    copy.full_clean()
    copy.save()
    copy.teachers.set(teachers)
    notify_partners_added(unit=copy, staff_ids=copy.teachers.values_list("pk", flat=True))
    copy.grades.set(unit.grades.all())
    copy.standards_2007.set(unit.standards_2007.all())
    copy.standards_2018.set(unit.standards_2018.all())
    for related in ("gaps", "duties", "resources"):
        for row in getattr(unit, related).all():
            row.pk = row.id = None
            row._state.adding = True
            row.unit = copy
            row.save()
    for attachment in unit.attachments.all():
        # A file of its own (new random name), so deleting one unit's handout never breaks the other's.
        with attachment.file.open("rb") as original:
            Attachment.objects.create(
                unit=copy,
                kind=attachment.kind,
                file=ContentFile(original.read(), name=attachment.original_name),
                original_name=attachment.original_name,
                size=attachment.size,
                uploaded_by=user,
            )
    return copy


@transaction.atomic
def unit_delete(*, unit: Unit, user) -> Unit:
    """Move the unit to the bin: reports stop counting it, and the librarian can restore it."""
    unit.deleted_at = timezone.now()
    unit._change_reason = "Deleted"
    unit.save()
    return unit


@transaction.atomic
def unit_restore(*, unit: Unit, user) -> Unit:
    unit.deleted_at = None
    unit._change_reason = "Restored from the bin"
    unit.save()
    return unit


@transaction.atomic
def attachment_add(*, unit: Unit, upload, kind: str, user) -> Attachment:
    check_upload(upload)
    attachment = Attachment(
        unit=unit, kind=kind, file=upload, original_name=upload.name[:200], size=upload.size, uploaded_by=user
    )
    attachment.full_clean()
    attachment.save()
    return attachment


def attachment_delete(*, attachment: Attachment) -> None:
    stored = attachment.file
    with transaction.atomic():
        attachment.delete()
    # The file goes only once the row is gone for good (a rolled-back delete must still find its file).
    stored.storage.delete(stored.name)
