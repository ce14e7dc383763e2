"""Saving the full planning template of a unit (STYLE.md: keyword-only, typed, atomic, full_clean).

Plain data in (units/unit_data.py), the saved unit out. Everything is checked before anything is
written, and the whole save is one transaction: a refused save changes nothing, not even the version.
"""

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F

from collabtrack.models import StaffMember
from collabtrack.services import staff_find_or_create
from units.history import change_reason
from units.models import Duty, Resource, TestDataGap, Unit
from units.notifications import notify_partners_added
from units.services import add_error, gap_objects, level_errors, partner_errors, school_staff_ids
from units.standards import Indicator2007, Standard2018
from units.unit_data import PLAN_TEXT_FIELDS, DutyRow, GapRow, NamedTeacher, PlanTexts, ResourceRow

ROW_MODELS = {"gaps": TestDataGap, "duties": Duty, "resources": Resource}
HEADER_FIELDS = ("title", "start_date", "end_date", "status", "level", *PLAN_TEXT_FIELDS)


class StaleUnitError(Exception):
    """Someone saved the unit after this editor opened it; saving now would overwrite their work."""

    def __init__(self, current: Unit):
        self.current = current
        super().__init__(f"Unit {current.pk} is at version {current.version}.")


def _rows(errors: dict, field: str, label: str, objects: list) -> list:
    for number, row in enumerate(objects, 1):
        try:
            row.full_clean(exclude=["unit"])
        except ValidationError as error:
            add_error(errors, field, f"{label} {number}: {' '.join(error.messages)}")
    return objects


def _known(model, pks: Sequence[int]) -> set[int]:
    return set(model.objects.filter(pk__in=set(pks)).values_list("pk", flat=True)) if pks else set()


@transaction.atomic
def unit_plan_save(
    *,
    unit: Unit,
    user,
    expected_version: int,
    title: str,
    start_date: dt.date,
    end_date: dt.date | None,
    status: str,
    level: int | None,
    texts: PlanTexts,
    grades: Sequence[int] = (),
    teacher_ids: Sequence[int] = (),
    standards_2007: Sequence[int] = (),
    standards_2018: Sequence[int] = (),
    gaps: Sequence[GapRow] = (),
    duties: Sequence[DutyRow] = (),
    resources: Sequence[ResourceRow] = (),
    new_teacher: NamedTeacher | None = None,
) -> Unit:
    """Save the whole template of `unit`, refusing (StaleUnitError) a save based on a version someone
    else has replaced since `expected_version`, and (ValidationError, field -> messages) data the rules
    refuse. Gaps, duties and resources are the unit's rows after the save, in order."""
    current = Unit.objects.get(pk=unit.pk)
    before = {name: getattr(current, name) for name in HEADER_FIELDS}
    header = {
        "title": title,
        "start_date": start_date,
        "end_date": end_date,
        "status": status,
        "level": level,
    }
    for name, value in {**header, **texts.as_dict()}.items():
        setattr(current, name, value)
    errors: dict[str, list[str]] = {}
    try:
        current.full_clean(exclude=["version"])
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    level_errors(errors, level=level, gaps=gaps)
    duty_objects = [
        Duty(
            unit=current,
            owner=row.owner,
            description=row.description,
            addresses_gap=row.addresses_gap,
            partner_id=row.partner_id,
            order=n,
        )
        for n, row in enumerate(duties)
    ]
    _duty_partner_errors(errors, duties, teacher_ids)
    resource_objects = [
        Resource(unit=current, kind=row.kind, citation=row.citation, url=row.url, order=n)
        for n, row in enumerate(resources)
    ]
    new_rows = {
        "gaps": gap_objects(errors, gaps, unit_id=current.pk),
        "duties": _rows(errors, "duties", "Duty", duty_objects),
        "resources": _rows(errors, "resources", "Resource", resource_objects),
    }
    partner_errors(
        errors, teacher_ids=teacher_ids, known=school_staff_ids(current.school, teacher_ids), grades=grades
    )
    if set(standards_2007) - _known(Indicator2007, standards_2007):
        add_error(errors, "standards_2007", "Choose standards from the 2007 catalogue.")
    if set(standards_2018) - _known(Standard2018, standards_2018):
        add_error(errors, "standards_2018", "Choose standards from the 2018 catalogue.")
    if errors:
        raise ValidationError(errors)

    # The version check and the increment are one UPDATE, so two concurrent saves cannot both pass it.
    claimed = Unit.objects.filter(pk=unit.pk, version=expected_version).update(version=F("version") + 1)
    if not claimed:
        raise StaleUnitError(Unit.all_objects.get(pk=unit.pk))
    current.version = expected_version + 1
    if new_teacher is not None and new_teacher.name.strip():
        added = staff_find_or_create(
            school=current.school, names=[new_teacher.name], titles={new_teacher.name: new_teacher.title}
        )
        teacher_ids = [*teacher_ids, added[new_teacher.name].pk]
    links = {
        "teachers": (current.teachers, set(teacher_ids)),
        "grades": (current.grades, set(grades)),
        "standards_2007": (current.standards_2007, set(standards_2007)),
        "standards_2018": (current.standards_2018, set(standards_2018)),
    }
    # The unit's columns are compared by the history itself; the reason names what it cannot see.
    columns_changed = any(before[name] != getattr(current, name) for name in HEADER_FIELDS)
    related = [
        name
        for name, (manager, wanted) in links.items()
        if set(manager.values_list("pk", flat=True)) != wanted
    ]
    for name, objects in new_rows.items():
        if _row_values(getattr(current, name).all()) != _row_values(objects):
            # Replaced wholesale: nothing refers to a single row, and the order given is the plan's order.
            getattr(current, name).all().delete()
            ROW_MODELS[name].objects.bulk_create(objects)
            related.append(name)
    current._change_reason = change_reason(related) if related or columns_changed else "Saved"
    current.save()
    for manager, wanted in links.values():
        manager.set(wanted)
    notify_partners_added(unit=current, staff_ids=current.teachers.values_list("pk", flat=True))
    return current


def _duty_partner_errors(errors: dict, duties: Sequence[DutyRow], teacher_ids: Sequence[int]) -> None:
    """A duty named for a teacher is that of one of the unit's partners (as saved now)."""
    partners = set(teacher_ids)
    strangers = {row.partner_id for row in duties if row.partner_id and row.partner_id not in partners}
    names = dict(StaffMember.objects.filter(pk__in=strangers).values_list("pk", "name")) if strangers else {}
    for number, row in enumerate(duties, 1):
        if row.partner_id in strangers:
            name = names.get(row.partner_id, "This teacher")
            add_error(errors, "duties", f"Duty {number}: {name} is not a partner on this unit.")


def _row_values(rows) -> list[tuple]:
    """What a plan row says (not its id or position), to tell whether a section changed."""
    values = []
    for row in rows:
        if isinstance(row, TestDataGap):
            values.append((row.content_area, row.performance_indicator))
        elif isinstance(row, Duty):
            values.append((row.owner, row.description, row.addresses_gap, row.partner_id))
        else:
            values.append((row.kind, row.citation, row.url))
    return values
