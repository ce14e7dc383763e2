"""The people of a school (issue 12): who has which role, changing a role, removing a membership.

A librarian manages their school's teachers and principal; a district coordinator manages the librarians,
teachers and principals of the district's schools. Removing a membership leaves the person's units, history
and reflections in place; someone with no membership left reaches no school.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from collabtrack.invitation_models import Invitation
from collabtrack.invitations import coordinates
from collabtrack.models import DistrictMembership, Membership, Role, School

LIBRARIAN_MANAGES = (Role.TEACHER, Role.PRINCIPAL)
COORDINATOR_MANAGES = (Role.LIBRARIAN, Role.TEACHER, Role.PRINCIPAL)


def roles_user_manages(user, school: School) -> tuple[str, ...]:
    if coordinates(user, school):
        return COORDINATOR_MANAGES
    if Membership.objects.filter(user=user, school=school, role=Role.LIBRARIAN).exists():
        return LIBRARIAN_MANAGES
    return ()


@dataclass
class PeoplePage:
    memberships: list  # Membership rows of the school, each with .manageable set
    coordinators: list  # DistrictMembership rows of the school's district
    invitations: list  # pending Invitation rows (expired ones included, marked by .is_expired)
    manages: tuple[str, ...]


def people_of(*, user, school: School) -> PeoplePage:
    manages = roles_user_manages(user, school)
    memberships = list(
        Membership.objects.filter(school=school).select_related("user").order_by("role", "user__last_name")
    )
    for membership in memberships:
        membership.manageable = membership.role in manages and membership.user_id != user.pk
    coordinators = list(
        DistrictMembership.objects.filter(district_id=school.district_id).select_related("user")
        if school.district_id
        else []
    )
    invitations = list(
        Invitation.objects.filter(school=school, accepted_at=None, revoked_at=None).order_by("email")
    )
    for invitation in invitations:
        invitation.is_expired = invitation.expired()
    return PeoplePage(memberships, coordinators, invitations, manages)


def _manageable(user, school: School, pk: int) -> Membership:
    membership = Membership.objects.filter(school=school, pk=pk).select_related("user").first()
    if membership is None:
        raise Membership.DoesNotExist
    if membership.role not in roles_user_manages(user, school) or membership.user_id == user.pk:
        raise PermissionDenied("You may not change this person's role.")
    return membership


@transaction.atomic
def membership_change_role(*, user, school: School, pk: int, role: str) -> Membership:
    membership = _manageable(user, school, pk)
    if role not in roles_user_manages(user, school):
        raise ValidationError({"role": "Choose one of the roles you may give."})
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_remove(*, user, school: School, pk: int) -> Membership:
    """Delete the membership only: the person's directory entry stays (its login link goes), and their
    units, history and reflections are untouched."""
    membership = _manageable(user, school, pk)
    school.staff.filter(user=membership.user).update(user=None)
    membership.delete()
    return membership
