from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods

from collabtrack import services
from collabtrack.access import choose_school, get_staff_member_for_user, require_edit, school_required
from collabtrack.forms import ChooseSchoolForm, StaffMemberForm, add_service_errors
from collabtrack.models import Role
from collabtrack.navigation import district_home_for, start_page_for


@require_GET
def home(request):
    """Send each role to its natural start page; without a chosen school, to the chooser."""
    if not request.membership:
        district_home = district_home_for(request.user)
        if district_home:
            return redirect(district_home)
        if request.user.memberships.exists():
            return redirect("choose_school")
        return render(request, "collabtrack/no_school.html")
    start = start_page_for(request.membership)
    if start:
        return redirect(start)
    return render(request, "collabtrack/home.html")


@login_not_required
@require_http_methods(["GET", "HEAD"])
def about(request):
    """A page with no database work: the baseline the load test compares the real pages with."""
    return render(request, "bare.html")


@require_http_methods(["GET", "POST"])
def school_choose(request):
    form = ChooseSchoolForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        choose_school(request, form.cleaned_data["membership"])
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = "home"
        return redirect(target)
    context = {"form": form, "district_home": district_home_for(request.user)}
    return render(request, "collabtrack/choose_school.html", context)


@require_GET
@school_required()
def staff_list(request):
    staff = request.membership.school.staff.prefetch_related("grades").select_related("user")
    return render(request, "collabtrack/staff_list.html", {"staff": staff})


@school_required(Role.LIBRARIAN)
@require_http_methods(["GET", "POST"])
def staff_create(request):
    return _staff_form(request, None)


@school_required()
@require_http_methods(["GET", "POST"])
def staff_edit(request, pk: int):
    staff_member, may_edit = get_staff_member_for_user(request, pk)
    require_edit(may_edit)
    return _staff_form(request, staff_member)


def _staff_form(request, staff_member):
    school = request.membership.school
    form = StaffMemberForm(request.POST or None, instance=staff_member, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            if staff_member is None:
                saved = services.staff_create(school=school, **form.to_service_kwargs())
            else:
                saved = services.staff_update(staff_member=staff_member, **form.to_service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Saved {saved.name} in the staff directory.")
            return redirect("staff_list")
    return render(request, "collabtrack/staff_form.html", {"form": form, "staff_member": staff_member})


@login_not_required
@require_GET
def favicon(request):
    """Browsers and bots ask for /favicon.ico whatever the page links; send them to the static icon."""
    return redirect(static("favicon.ico"), permanent=True)
