"""Who may see a district (STYLE.md "Access"): its coordinators, read-only, plus managing its schools.

A user with no district membership gets 403 on every district page (a school role is not a district
role); a school or district the user does not coordinate is a 404, never a 403, like another school's
object. Schools are always looked up through the user's district, never by bare primary key.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from collabtrack.models import District, School

SESSION_DISTRICT = "collabtrack_district_id"


def get_district_for_user(request) -> District:
    """The district the user coordinates: the one chosen in this session, else the first by name."""
    districts = list(District.objects.filter(memberships__user=request.user).order_by("name"))
    if not districts:
        raise PermissionDenied("District pages are for district library coordinators.")
    request.coordinated_districts = districts  # the page offers the others (choose_district)
    chosen = request.session.get(SESSION_DISTRICT)
    return next((district for district in districts if district.pk == chosen), districts[0])


def choose_district(request, pk) -> District:
    """Act in another district the user coordinates; any other district is a 404."""
    get_district_for_user(request)  # 403 for a user who coordinates none
    district = next((d for d in request.coordinated_districts if str(d.pk) == str(pk)), None)
    if district is None:
        raise Http404("No such district.")
    request.session[SESSION_DISTRICT] = district.pk
    return district


def get_district_school_for_user(request, district: District, pk: int) -> School:
    """A school of the user's district; any other school (another district's, or none) is a 404."""
    if not 0 < pk < 2**63:
        raise Http404("No such school.")
    return get_object_or_404(School.objects.select_related("district").filter(district=district), pk=pk)
