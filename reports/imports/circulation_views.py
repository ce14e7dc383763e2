"""Circulation import into the monthly statistics: upload -> preview against what is entered -> confirm
(librarians only)."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from collabtrack.access import school_required
from collabtrack.jobs import job_queue
from collabtrack.models import Role
from reports.imports import staging
from reports.imports.circulation_parse import PlacedCount, RowProblem, parse_circulation, place_in_school_year
from reports.imports.circulation_services import circulation_import_preview
from reports.imports.forms import CirculationUploadForm

KIND = "circulation"


@school_required(Role.LIBRARIAN)
@require_http_methods(["GET", "POST"])
def circulation_upload(request):
    school = request.membership.school
    form = CirculationUploadForm(request.POST or None, request.FILES or None, school=school)
    if request.method == "POST" and form.is_valid():
        upload, school_year = form.cleaned_data["file"], form.cleaned_data["school_year"]
        parsed = parse_circulation(upload.read(), upload.name)
        if parsed.error:
            form.add_error("file", parsed.error)
        else:
            placed, problems = place_in_school_year(parsed.counts, school_year)
            data = {
                "filename": upload.name,
                "kind": parsed.kind,
                "school_year": school_year.name,
                "placed": [list(vars(item).values()) for item in placed],
                "problems": [list(vars(item).values()) for item in parsed.problems + problems],
            }
            return redirect("data:circulation_preview", token=staging.stage(request, KIND, data))
    return render(request, "imports/circulation_upload.html", {"form": form})


def _staged(request, token):
    data = staging.load(request, KIND, token)
    placed = [PlacedCount(*values) for values in data["placed"]]
    problems = sorted((RowProblem(*values) for values in data["problems"]), key=lambda p: p.line)
    return data, placed, problems


@school_required(Role.LIBRARIAN)
@require_http_methods(["GET"])
def circulation_preview(request, token: str):
    data, placed, problems = _staged(request, token)
    changes = circulation_import_preview(school=request.membership.school, placed=placed)
    context = {"token": token, "data": data, "changes": changes, "problems": problems}
    context["changed_count"] = sum(1 for change in changes if change.changed)
    return render(request, "imports/circulation_preview.html", context)


@school_required(Role.LIBRARIAN)
@require_POST
def circulation_confirm(request, token: str):
    """The worker sets the circulation (reports/jobs.py); the job's page links to the statistics page,
    where the librarian checks the year just changed and adds the rest."""
    _staged(request, token)  # 404 unless this session staged it
    job = job_queue(
        owner=request.membership.school,
        user=request.user,
        kind="circulation_import",
        parameters={"token": token},
    )
    return redirect("jobs:status", job_id=job.pk)
