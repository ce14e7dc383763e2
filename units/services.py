"""Writes to units: keyword-only, typed, atomic, validated with full_clean() (STYLE.md).

These functions are authoritative: the level-4 rule, the overview limit and the school's own staff hold
here whatever calls them. They take plain data (units/unit_data.py), never a form, so the quick log, the
log import and a job create a unit through the same code. The full planning template is saved by
units/plan_services.py.
"""

import functools
from collections.abc import Callable, Iterable, Sequence

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from collabtrack.dataversion import school_data_changed
from collabtrack.grades import GRADE_LABELS
from collabtrack.models import School, StaffMember
from collabtrack.services import staff_find_or_create
from units.attachments import check_upload
from units.bulk_history import history_of_created
from units.history import short_reason
from units.levels import LEVEL_4_NEEDS_GAP, needs_test_data_gap
from units.models import Attachment, TestDataGap, Unit, UnitStatus
from units.notifications import notify_partners_added
from units.unit_data import GapRow, NewUnit

# Units validated, then inserted, per step; also how often `units_create` reports its progress.
BATCH = 500

Progress = Callable[[int, int, str], None]


class UnitRefused(ValidationError):
    """`units_create` refused the unit at `index` of its list (0-based); the field errors are that unit's.

    A ValidationError, so a page that creates one unit shows the errors next to its fields."""

    def __init__(self, index: int, error: ValidationError):
        super().__init__(error.error_dict if hasattr(error, "error_dict") else error.error_list)
        self.index = index


def unit_status_for(start_date, today=None) -> str:
    # Most units are logged after the fact: a past date is done, today's is under way, a later one planned.
    today = today or timezone.localdate()
    if start_date < today:
        return UnitStatus.COMPLETED
    return UnitStatus.IN_PROGRESS if start_date == today else UnitStatus.PLANNED


def add_error(errors: dict[str, list[str]], field: str, error: ValidationError | str) -> None:
    messages = error.messages if isinstance(error, ValidationError) else [error]
    errors.setdefault(field, []).extend(messages)


def level_errors(errors: dict, *, level: int | None, gaps: Sequence[GapRow]) -> None:
    """DOMAIN.md: a data-driven (level 4) unit records at least one test-data gap."""
    if needs_test_data_gap(level) and not gaps:
        add_error(errors, "level", LEVEL_4_NEEDS_GAP)


def gap_objects(errors: dict, gaps: Sequence[GapRow], unit_id: int | None = None) -> list[TestDataGap]:
    built = []
    for number, row in enumerate(gaps, 1):
        gap = TestDataGap(
            unit_id=unit_id, content_area=row.content_area, performance_indicator=row.performance_indicator
        )
        try:
            gap.full_clean(exclude=["unit"])
        except ValidationError as error:
            add_error(errors, "gaps", f"Gap {number}: {' '.join(error.messages)}")
        built.append(gap)
    return built


def school_staff_ids(school: School, teacher_ids: Iterable[int]) -> set[int]:
    """Which of `teacher_ids` are the school's staff: one query."""
    wanted = set(teacher_ids)
    if not wanted:
        return set()
    return set(StaffMember.objects.filter(school=school, pk__in=wanted).values_list("pk", flat=True))


def partner_errors(
    errors: dict, *, teacher_ids: Iterable[int], known: set[int], grades: Iterable[int]
) -> None:
    if set(teacher_ids) - known:
        add_error(errors, "teachers", "Choose teacher partners from your school's staff directory.")
    unknown_grades = sorted(set(grades) - GRADE_LABELS.keys())
    if unknown_grades:
        add_error(errors, "grades", f"Unknown grade levels: {', '.join(map(str, unknown_grades))}.")


@functools.cache
def _unit_has_unique_rules() -> bool:
    """Whether a unit has anything for validate_unique/validate_constraints to check beyond its own key.
    Today nothing: asking once spares the import 10,000 empty checks, and a rule added later is checked."""
    unique, for_date = Unit()._get_unique_checks(include_meta_constraints=True)
    keys = {(Unit, (Unit._meta.pk.name,))}
    return bool(for_date or Unit._meta.constraints or set(unique) - keys)


def _built_unit(new: NewUnit, *, school: School, created_by, known_teachers: set[int], today):
    unit = Unit(
        # Ids rather than objects: setting a relation through its descriptor costs more than the rest of
        # the unit, and the import builds thousands.
        school_id=school.pk,
        librarian_id=created_by.pk if created_by else None,
        title=new.title,
        start_date=new.start_date,
        end_date=new.end_date,
        level=new.level,
        status=new.status
        or (unit_status_for(new.start_date, today) if new.start_date else UnitStatus.PLANNED),
        **new.texts.as_dict(),
    )
    errors: dict[str, list[str]] = {}
    rules = _unit_has_unique_rules()
    try:
        # school and created_by are the caller's own objects: validating them would cost two queries a unit.
        unit.full_clean(exclude=["school", "librarian"], validate_unique=rules, validate_constraints=rules)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    level_errors(errors, level=new.level, gaps=new.gaps)
    gaps = gap_objects(errors, new.gaps)
    partner_errors(errors, teacher_ids=new.teacher_ids, known=known_teachers, grades=new.grades)
    if errors:
        raise ValidationError(errors)
    return unit, gaps


@transaction.atomic
def units_create(
    *, school: School, created_by, units: Sequence[NewUnit], progress: Progress | None = None
) -> list[Unit]:
    """Create units all at once, or none: the log import's path (thousands of rows) and, with one unit,
    the quick log's (through `unit_create`).

    Every unit is checked before anything is written; the first one refused raises `UnitRefused` naming
    its index. Teachers named rather than chosen are found in the directory or added to it
    (`staff_find_or_create`). Nobody is notified here: importing a year of history tells no one.
    `progress(done, total, step)` hears how far it is, every BATCH units."""
    progress = progress or (lambda done, total, step: None)
    total = len(units)
    known = school_staff_ids(school, (pk for new in units for pk in new.teacher_ids))
    built = []
    today = timezone.localdate()
    progress(0, total, "units checked")
    for index, new in enumerate(units):
        try:
            built.append(
                _built_unit(new, school=school, created_by=created_by, known_teachers=known, today=today)
            )
        except ValidationError as error:
            raise UnitRefused(index, error) from error
        if (index + 1) % BATCH == 0:
            progress(index + 1, total, "units checked")
    named = staff_find_or_create(
        school=school,
        names=[teacher.name for new in units for teacher in new.named_teachers],
        titles={
            teacher.name: teacher.title for new in units for teacher in new.named_teachers if teacher.title
        },
    )
    created: list[Unit] = []
    progress(0, total, "units saved")
    for start in range(0, total, BATCH):
        created += _bulk_create_units([unit for unit, _ in built[start : start + BATCH]], created_by)
        progress(len(created), total, "units saved")
    Unit.teachers.through.objects.bulk_create(
        Unit.teachers.through(unit_id=unit.pk, staffmember_id=staff_id)
        for unit, new in zip(created, units, strict=True)
        for staff_id in dict.fromkeys([*new.teacher_ids, *(named[t.name].pk for t in new.named_teachers)])
    )
    Unit.grades.through.objects.bulk_create(
        Unit.grades.through(unit_id=unit.pk, grade_id=order)
        for unit, new in zip(created, units, strict=True)
        for order in dict.fromkeys(new.grades)
    )
    gaps = []
    for unit, (_, unit_gaps) in zip(created, built, strict=True):
        for gap in unit_gaps:
            gap.unit_id = unit.pk
            gaps.append(gap)
    TestDataGap.objects.bulk_create(gaps, batch_size=BATCH)
    school_data_changed(school)  # bulk_create sends no signals (collabtrack/dataversion.py)
    return created


def _bulk_create_units(units: list[Unit], created_by) -> list[Unit]:
    """One INSERT per batch, and the units' history records (created, by whom) copied from the new rows
    by the database (units/bulk_history.py): building them in Python was a third of a 10,000-row import."""
    created = Unit.objects.bulk_create(units, batch_size=BATCH)
    history_of_created(Unit, [unit.pk for unit in created], user=created_by)
    return created


@transaction.atomic
def unit_create(*, school: School, created_by, unit: NewUnit) -> Unit:
    """One unit (the quick log): `units_create` with one, then its teacher partners are told.

    Raises ValidationError (field -> messages) when the unit is refused; nothing is saved then."""
    [created] = units_create(school=school, created_by=created_by, units=[unit])
    notify_partners_added(unit=created, staff_ids=created.teachers.values_list("pk", flat=True))
    return created


@transaction.atomic
def unit_copy(*, unit: Unit, user, title: str, start_date, teacher_ids: Sequence[int]) -> Unit:
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
    copy._change_reason = short_reason(f"Copied from “{unit.title}” ({unit.start_date:%Y-%m-%d})")
    errors: dict[str, list[str]] = {}
    try:
        copy.full_clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    partner_errors(
        errors, teacher_ids=teacher_ids, known=school_staff_ids(unit.school, teacher_ids), grades=()
    )
    if errors:
        raise ValidationError(errors)
    copy.save()
    copy.teachers.set(teacher_ids)
    notify_partners_added(unit=copy, staff_ids=copy.teachers.values_list("pk", flat=True))
    copy.grades.set(unit.grades.all())
    copy.standards_2007.set(unit.standards_2007.all())
    copy.standards_2018.set(unit.standards_2018.all())
    for related in ("gaps", "duties", "resources"):
        for row in getattr(unit, related).all():
            row.pk = row.id = None
            row._state.adding = True
            row.unit = copy
            if related == "duties" and row.partner_id not in teacher_ids:
                row.partner_id = None  # a named partner the copy does not have: the duty stays the teachers'
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
