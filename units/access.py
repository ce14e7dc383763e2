"""Who may see and change a unit (STYLE.md "Access"), used by every unit view.

Librarians edit every unit of their school; a teacher edits the units they partner on (their staff
directory entry is among the unit's teachers); principals and district coordinators read.
Another school's unit, or a unit in the bin, is a 404.
"""

from django.shortcuts import get_object_or_404

from collabtrack.models import Role
from units.models import Unit


def may_edit_unit(membership, unit: Unit) -> bool:
    if membership.role == Role.LIBRARIAN:
        return True
    if membership.role == Role.TEACHER:
        return unit.teachers.filter(user=membership.user).exists()
    return False


def get_unit_for_user(request, pk: int, *, include_deleted: bool = False) -> tuple[Unit, bool]:
    """The unit `pk` of the school the user acts in, and whether the user may edit it."""
    manager = Unit.all_objects if include_deleted else Unit.objects
    unit = get_object_or_404(manager.filter(school=request.membership.school), pk=pk)
    return unit, may_edit_unit(request.membership, unit)
