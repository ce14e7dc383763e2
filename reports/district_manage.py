"""The coordinator manages the district's schools without the Django admin: the list of schools, a
new school, a school's months and its people (who may invite them is the accounts issue)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collabtrack.district_access import choose_district, get_district_for_user, get_district_school_for_user
from collabtrack.district_services import district_school_create, school_months_set
from reports.district_forms import DistrictSchoolForm, SchoolMonthsForm


@require_POST
def district_choose(request):
    """A coordinator of several districts switches the district the roll-up shows."""
    district = choose_district(request, request.POST.get("district", "")[:20])
    messages.success(request, f"Showing {district.name}.")
    return redirect("district:rollup")


@require_GET
def school_list(request):
    district = get_district_for_user(request)
    schools = district.schools.order_by("name")
    return render(request, "reports/district/schools.html", {"district": district, "schools": schools})


@require_http_methods(["GET", "POST"])
def school_add(request):
    district = get_district_for_user(request)
    form = DistrictSchoolForm(request.POST if request.method == "POST" else None, district=district)
    if request.method == "POST" and form.is_valid():
        school = district_school_create(district=district, **form.cleaned_data)
        messages.success(request, f"Added {school.name} to {district.name}.")
        return redirect("district:school", pk=school.pk)
    return render(request, "reports/district/school_add.html", {"district": district, "form": form})


@require_http_methods(["GET", "POST"])
def school_detail(request, pk: int):
    """A school's months (its own, or the district's) and its people."""
    district = get_district_for_user(request)
    school = get_district_school_for_user(request, district, pk)
    initial = {"first_month": school.first_month, "last_month": school.last_month}
    form = SchoolMonthsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        school_months_set(school=school, **form.cleaned_data)
        first, last = school.months
        messages.success(request, f"Saved: {school.name}'s school year runs from month {first} to {last}.")
        return redirect("district:school", pk=school.pk)
    people = school.memberships.select_related("user").order_by("role", "user__last_name", "user__username")
    coordinators = district.memberships.select_related("user").order_by("user__last_name", "user__username")
    context = {"district": district, "school": school, "form": form, "people": people}
    context["coordinators"] = coordinators
    return render(request, "reports/district/school.html", context)
