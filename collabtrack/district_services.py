"""Writes a district coordinator makes without the Django admin: add a school, set its months."""

from django.db import transaction

from collabtrack.models import District, School


@transaction.atomic
def district_school_create(
    *, district: District, name: str, first_month: int | None = None, last_month: int | None = None
) -> School:
    """A new school of `district`; without months it follows the district's (September–June by default)."""
    school = School(district=district, name=name, first_month=first_month, last_month=last_month)
    school.full_clean()
    school.save()
    return school


@transaction.atomic
def school_months_set(*, school: School, first_month: int | None, last_month: int | None) -> School:
    """Set the school's own months, or (both None) make it follow its district's again."""
    school.first_month, school.last_month = first_month, last_month
    school.full_clean()
    school.save(update_fields=["first_month", "last_month"])
    return school
