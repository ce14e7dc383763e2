"""Writes to the staff directory (STYLE.md: keyword-only, typed, atomic, full_clean before save).

The staff page, the units' "add a teacher" and the imports all go through these functions, so a teacher
is matched and added the same way wherever they are named.
"""

from collections.abc import Iterable, Mapping, Sequence

from django.db import transaction

from collabtrack.models import School, StaffMember
from collabtrack.text import match_key


def _staff_fill(
    member: StaffMember,
    *,
    name: str,
    title: str,
    department: str,
    email: str,
    user_id: int | None,
    active: bool,
) -> None:
    member.name = name.strip()
    member.title = title.strip()
    member.department = department.strip()
    member.email = email.strip()
    member.user_id = user_id
    member.active = active


@transaction.atomic
def staff_create(
    *,
    school: School,
    name: str,
    title: str = "",
    department: str = "",
    grades: Sequence[int] = (),
    email: str = "",
    user_id: int | None = None,
    active: bool = True,
    roster_source_id: str = "",
) -> StaffMember:
    member = StaffMember(school=school, roster_source_id=roster_source_id)
    _staff_fill(
        member, name=name, title=title, department=department, email=email, user_id=user_id, active=active
    )
    member.full_clean()
    member.save()
    member.grades.set(grades)
    return member


@transaction.atomic
def staff_update(
    *,
    staff_member: StaffMember,
    name: str,
    title: str,
    department: str,
    grades: Sequence[int],
    email: str,
    user_id: int | None,
    active: bool,
    roster_source_id: str | None = None,
) -> StaffMember:
    member = StaffMember.objects.get(
        pk=staff_member.pk
    )  # the stored row, whatever the caller changed on its copy
    _staff_fill(
        member, name=name, title=title, department=department, email=email, user_id=user_id, active=active
    )
    if roster_source_id is not None:  # None: as it was (the staff page does not show it)
        member.roster_source_id = roster_source_id
    member.full_clean()
    member.save()
    member.grades.set(grades)
    return member


@transaction.atomic
def staff_find_or_create(
    *, school: School, names: Iterable[str], titles: Mapping[str, str] | None = None
) -> dict[str, StaffMember]:
    """The school's staff member for each name (matched with `match_key`), added to the directory
    when missing, with `titles[name]` if given. Keys are the names as given; blank names are ignored.
    One query reads the directory whatever the number of names; each teacher added costs two more (its
    validation and its INSERT)."""
    names, titles = list(names), titles or {}
    wanted = {}
    for name in names:
        if name.strip():
            wanted.setdefault(match_key(name), name)
    if not wanted:
        return {}
    existing: dict[str, StaffMember] = {}
    for member in StaffMember.objects.filter(school=school).order_by("pk"):
        if match_key(member.name) in wanted:
            existing.setdefault(match_key(member.name), member)  # the oldest entry of a repeated name
    for key, name in wanted.items():
        if key not in existing:
            member = StaffMember(
                school=school, name=" ".join(name.split()), title=titles.get(name, "").strip()
            )
            member.full_clean()
            member.save()
            existing[key] = member
    return {name: existing[match_key(name)] for name in names if name.strip()}
