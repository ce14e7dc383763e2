"""The district coordinator's pages: the roll-up, its downloads, and the drill-down into one school.

Each view finds the user's district (403 for anyone who coordinates none), calls one selector
(reports.district.district_rollup) and renders it; the page (through reports.district_page, which keeps
its rendered main part), the CSV/XLSX and the PDF render the same object. Everything is read-only, so
every view is GET only."""

from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from collabtrack.access import SESSION_KEY, choose_school
from collabtrack.district_access import get_district_for_user, get_district_school_for_user
from collabtrack.exporters import export_response
from collabtrack.job_views import kept_file_or_job
from collabtrack.models import Membership, Role
from collabtrack.schoolyear import SchoolYear
from reports.district import district_rollup, district_school_year, parse_district_school_year
from reports.district_exports import district_pdf_parameters, rollup_spreadsheet
from reports.district_page import rollup_main
from reports.district_tables import parse_sort

DRILL_PAGES = {"dashboard": "reports:dashboard_year", "annual": "reports:annual"}


def _year(district, name: str | None) -> SchoolYear:
    if name is None:
        return district_school_year(district)
    try:
        return parse_district_school_year(district, name)
    except ValueError as error:
        raise Http404(str(error)) from error


@require_GET
def rollup(request, school_year: str | None = None):
    district = get_district_for_user(request)
    year = _year(district, school_year)
    key, descending = parse_sort(request.GET.get("sort"))
    main = rollup_main(district, year, key, descending)
    context = {"district": district, "school_year": year, "main": main}
    context["other_districts"] = [d for d in request.coordinated_districts if d.pk != district.pk]
    return render(request, "reports/district/rollup.html", context)


@require_GET
def rollup_export(request, school_year: str, fmt: str):
    district = get_district_for_user(request)
    rolled = district_rollup(district, _year(district, school_year))
    return export_response(rollup_spreadsheet(rolled, fmt))


@require_GET
def rollup_pdf(request, school_year: str):
    """Laid out by the worker and kept (reports/jobs.py): the kept file while no school of the district
    has changed and the district's day is the same, else the job's page."""
    district = get_district_for_user(request)
    parameters = district_pdf_parameters(district, _year(district, school_year).name)
    return kept_file_or_job(request, "district_board_pdf", parameters, owner=district)


@require_GET
def open_school(request, pk: int, page: str, school_year: str):
    """Drill-down: act in one school of the district (read-only, or in the user's own role there when
    they are a member of it: the school membership wins) and open its dashboard or annual summary."""
    district = get_district_for_user(request)
    school = get_district_school_for_user(request, district, pk)
    if page not in DRILL_PAGES:
        raise Http404("No such page.")
    year = _year(district, school_year)
    own = Membership.objects.filter(user=request.user, school=school).first()
    if own is not None:
        choose_school(request, own)
    else:
        request.session[SESSION_KEY] = school.pk
        choose_school(request, Membership(user=request.user, school=school, role=Role.DISTRICT))
    return redirect(DRILL_PAGES[page], school_year=school.school_year(year.start_year).name)
