"""Report pages, their PDFs and exports. Each view parses the URL, calls one selector and renders it;
the page, the PDF and the CSV/XLSX render the same selector object."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from collabtrack import exporters
from collabtrack.access import STAFF_ROLES, school_required
from collabtrack.exporters import download
from collabtrack.job_views import kept_file_or_job
from collabtrack.models import Role
from collabtrack.schoolyear import FIRST_YEAR, LAST_YEAR, SchoolYear, is_kept, recent_school_years
from reports.board_views import board_page_context
from reports.dashboard_cache import dashboard_main
from reports.forms import BoardHighlightsForm, MonthStatisticsForm
from reports.models import BoardHighlights, MonthlyStatistics
from reports.selectors import (
    annual_summary,
    monthly_report,
    months_q,
    units_after_school_year,
)
from reports.services import board_highlights_save, monthly_statistics_save
from units.levels import PARTNERSHIP_LEVELS

READERS = (Role.LIBRARIAN, Role.PRINCIPAL, Role.TEACHER, Role.DISTRICT)


def _school_year(request, name: str | None) -> SchoolYear:
    school = request.membership.school
    if name is None:
        return school.current_school_year()
    try:
        return school.parse_school_year(name)
    except ValueError as error:
        raise Http404(str(error)) from error


def _month(year: int, month: int) -> None:
    if not (1 <= month <= 12 and FIRST_YEAR <= year <= LAST_YEAR):
        raise Http404("No such month.")


@require_GET
@school_required(*READERS)
def monthly_current(request):
    today = timezone.localdate()
    return redirect("reports:monthly", year=today.year, month=today.month)


@require_GET
@school_required(*READERS)
def monthly(request, year: int, month: int, fmt: str = "html"):
    _month(year, month)
    if fmt != "html":
        return download(request, "monthly_report", month=(year, month), fmt=fmt)
    report = monthly_report(request.membership.school, year, month)
    context = {"report": report, "levels": PARTNERSHIP_LEVELS}
    context["previous"], context["next"] = _neighbour_months(year, month)
    return render(request, "reports/monthly.html", context)


def _neighbour_months(year: int, month: int) -> tuple[dt.date, dt.date]:
    first = dt.date(year, month, 1)
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return previous, following


def raise_forbidden():
    raise PermissionDenied("Your role may read this but not export or change it.")


@require_GET
@school_required(*READERS)
def annual(request, school_year: str | None = None, fmt: str = "html"):
    year = _school_year(request, school_year)
    if fmt != "html":
        return download(request, "annual_summary", school_year=year, fmt=fmt)
    summary = annual_summary(request.membership.school, year)
    context = {"summary": summary, "years": _year_links(request, year)}
    context["after"] = units_after_school_year(request.membership.school, year)
    return render(request, "reports/annual.html", context)


def _year_links(request, year: SchoolYear) -> list[SchoolYear]:
    """This year and the four before it, so earlier years stay one click away."""
    current = request.membership.school.current_school_year()
    newest = max(current, year.next() if year < current else year)
    links = recent_school_years(newest, 6)
    return [link for link in links if is_kept(link)]


@require_GET
@school_required(*STAFF_ROLES)
def year_units(request, school_year: str, fmt: str):
    return download(request, "year_units", school_year=_school_year(request, school_year), fmt=fmt)


@require_GET
@school_required(*STAFF_ROLES)
def dashboard_view(request, school_year: str | None = None):
    year = _school_year(request, school_year)
    # Kept under the school's data version and today (reports/dashboard_cache.py): no query while unchanged.
    main = dashboard_main(request.membership.school, year)
    return render(request, "reports/dashboard.html", {"school_year": year, "main": main})


@require_http_methods(["GET", "POST"])
@school_required(*STAFF_ROLES)
def board(request, school_year: str):
    """The board PDF's page: the librarian writes the highlights; everyone who may, downloads."""
    year = _school_year(request, school_year)
    school = request.membership.school
    highlights = BoardHighlights.objects.filter(school=school, start_year=year.start_year).first()
    form = BoardHighlightsForm(request.POST or None, instance=highlights)
    if request.method == "POST":
        if not request.membership.is_librarian:
            raise_forbidden()
        if form.is_valid():
            board_highlights_save(school=school, school_year=year, text=form.cleaned_data["text"])
            messages.success(request, "Saved the highlights; they are printed in the board PDF.")
            return redirect("reports:board", school_year=year.name)
    return render(request, "reports/board.html", board_page_context(request, year, highlights, form=form))


@require_GET
@school_required(*STAFF_ROLES)
def board_pdf(request, school_year: str):
    """Laid out by the worker (reports/jobs.py) and kept until the school's data changes or the day ends:
    the cover names the day the figures were drawn, the current year is held against last year up to the
    same day, and units dated after today are shown apart, so tomorrow's PDF differs with the same data."""
    year = _school_year(request, school_year)
    school = request.membership.school
    parameters = exporters.get("board_pdf").kept_parameters(school, {"school_year": year.name})
    return kept_file_or_job(request, "board_pdf", parameters)


@require_http_methods(["GET", "POST"])
@school_required(Role.LIBRARIAN)
def statistics_edit(request, school_year: str | None = None):
    year = _school_year(request, school_year)
    school = request.membership.school
    in_year = months_q(year.months())
    saved = {(row.year, row.month): row for row in MonthlyStatistics.objects.filter(in_year, school=school)}
    forms = [
        MonthStatisticsForm(request.POST or None, year=y, month=m, initial=_initial(saved.get((y, m))))
        for y, m in year.months()
    ]
    # Validate every month (not stop at the first error) so each field shows its own error.
    valid = [form.is_valid() for form in forms]
    if request.method == "POST" and all(valid):
        months = {(form.year, form.month): form.cleaned_data for form in forms}
        changed = monthly_statistics_save(school=school, school_year=year, months=months)
        messages.success(request, f"Saved the statistics of {year}: {changed} month(s) changed.")
        return redirect("reports:statistics", school_year=year.name)
    history = MonthlyStatistics.history.filter(in_year, school=school)
    context = {"forms": forms, "school_year": year, "years": _year_links(request, year)}
    context["history"] = history.select_related("history_user")[:30]
    return render(request, "reports/statistics.html", context)


def _initial(row: MonthlyStatistics | None) -> dict:
    if row is None:
        return {}
    return {"days_open": row.days_open, "circulation": row.circulation, "classes_served": row.classes_served}
