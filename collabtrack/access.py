"""Who may do what, in one place (STYLE.md "Access").

Every view acts inside the school the user has chosen (request.membership). Objects are always looked up
through that school, so another school's object is a 404, never a 403; a role that may read but not write
gets a 403 on writes.
"""

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from collabtrack.models import Membership, Role, School, StaffMember
from collabtrack.navigation import district_home_for

SESSION_KEY = "collabtrack_school_id"
ALL_ROLES = tuple(Role.values)
READERS = ALL_ROLES
STAFF_ROLES = (Role.LIBRARIAN, Role.PRINCIPAL, Role.DISTRICT)


def resolve_membership(request) -> Membership | None:
    """The membership the user acts in: the one chosen in this session, else the one chosen most
    recently, else the only one. None for anonymous users and users with no (or several unchosen) schools."""
    if not request.user.is_authenticated:
        return None
    memberships = list(
        Membership.objects.filter(user=request.user)
        .select_related("school__district")
        .order_by(F("last_chosen_at").desc(nulls_last=True), "pk")
    )
    chosen = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.school_id == chosen:
            return membership
    if chosen is not None:
        # A school membership wins; otherwise a school of a district the user coordinates (drill-down).
        district_school = district_school_for(request.user, chosen)
        if district_school is not None:
            return Membership(user=request.user, school=district_school, role=Role.DISTRICT)
    if len(memberships) == 1 or (memberships and memberships[0].last_chosen_at):
        return memberships[0]
    return None


def district_school_for(user, school_id) -> School | None:
    """The school `school_id` if it belongs to a district `user` coordinates, else None; one query."""
    if not isinstance(school_id, int):
        return None
    schools = School.objects.select_related("district").filter(pk=school_id, district__memberships__user=user)
    return schools.first()


def choose_school(request, membership: Membership) -> None:
    request.session[SESSION_KEY] = membership.school_id
    if membership.pk:  # a coordinator's drill-down membership is not a saved row
        Membership.objects.filter(pk=membership.pk).update(last_chosen_at=timezone.now())


def school_required(*roles: str):
    """View decorator: the user must act in a school, in one of `roles` (any role when none are named).

    Without a chosen school the user is sent to the school chooser; with a role not named, 403.
    """
    allowed = roles or ALL_ROLES

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.membership:
                district_home = district_home_for(request.user)  # coordinators pick a school there
                if district_home:
                    return redirect(district_home)
                query = urlencode({"next": request.get_full_path()})
                return redirect(f"{reverse('choose_school')}?{query}")
            if request.membership.role not in allowed:
                raise PermissionDenied("Your role in this school does not allow this.")
            return view(request, *args, **kwargs)

        return wrapper

    return decorator


def get_staff_member_for_user(request, pk: int) -> tuple[StaffMember, bool]:
    """A staff directory entry of the user's school, and whether the user may edit it (librarians only)."""
    membership = request.membership
    staff_member = get_object_or_404(StaffMember.objects.filter(school=membership.school), pk=pk)
    return staff_member, membership.role == Role.LIBRARIAN


def require_edit(may_edit: bool) -> None:
    if not may_edit:
        raise PermissionDenied("You can read this but not change it.")
