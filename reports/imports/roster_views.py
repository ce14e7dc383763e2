"""The staff roster import: upload -> preview (each row's problem, what changes) -> confirm, which a job
saves in one transaction (reports/imports/roster_services.py). Librarians only."""

from django import forms
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from collabtrack.access import school_required
from collabtrack.jobs import job_queue
from collabtrack.models import Role
from reports.imports import staging
from reports.imports.forms import ImportFileField
from reports.imports.roster_parse import Roster
from reports.imports.roster_read import read_roster
from reports.imports.roster_services import JOB_KIND, KIND, roster_history, roster_preview, school_orgs

ROWS_PER_PAGE = 100
ROSTER_ACCEPT = ".zip,.csv,.txt,.xlsx,application/zip,text/csv"


class RosterUploadForm(forms.Form):
    file = ImportFileField(
        label="Staff roster",
        help_text="A OneRoster 1.1 CSV export (the ZIP, or its users.csv), or a list with the columns "
        "Name, E-mail, Title and Grades (CSV or .xlsx); at most 5 MB and 10 000 rows.",
        widget=forms.ClearableFileInput(attrs={"accept": ROSTER_ACCEPT}),
    )


class RosterOrgForm(forms.Form):
    org = forms.ChoiceField(label="Your school in this roster")

    def __init__(self, *args, orgs, **kwargs):
        super().__init__(*args, **kwargs)
        labels = [
            (org.source_id, f"{org.name} ({org.source_id})" if org.name else org.source_id) for org in orgs
        ]
        self.fields["org"].choices = labels


@school_required(Role.LIBRARIAN)
@require_http_methods(["GET", "POST"])
def roster_upload(request):
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        roster = read_roster(upload.read(), upload.name)
        if roster.error:
            form.add_error("file", roster.error)
        else:
            data = {"filename": upload.name[:200], "roster": roster.to_dict(), "org": ""}
            return redirect("data:roster_preview", token=staging.stage(request, KIND, data))
    history = roster_history(request.membership.school)
    return render(request, "imports/roster_upload.html", {"form": form, "history": history})


def _render_preview(request, token: str, data: dict, org_form=None):
    roster = Roster.from_dict(data["roster"])
    preview = roster_preview(school=request.membership.school, roster=roster, chosen_org=data["org"])
    orgs = school_orgs(roster)
    if org_form is None and len(orgs) > 1:
        org_form = RosterOrgForm(orgs=orgs, initial={"org": preview.org.source_id if preview.org else None})
    only_problems = request.GET.get("show") == "problems"
    rows = preview.rows_with_problems if only_problems else preview.rows
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    context = {"token": token, "data": data, "preview": preview, "page": page, "org_form": org_form}
    return render(request, "imports/roster_preview.html", context | {"only_problems": only_problems})


@school_required(Role.LIBRARIAN)
@require_http_methods(["GET"])
def roster_preview_view(request, token: str):
    return _render_preview(request, token, staging.load(request, KIND, token))


@school_required(Role.LIBRARIAN)
@require_POST
def roster_org(request, token: str):
    """The librarian says which of the roster's schools is theirs (kept with the staged file)."""
    data = staging.load(request, KIND, token)
    form = RosterOrgForm(request.POST, orgs=school_orgs(Roster.from_dict(data["roster"])))
    if not form.is_valid():
        return _render_preview(request, token, data, form)
    data["org"] = form.cleaned_data["org"]
    staging.save(request, KIND, token, data)
    return redirect("data:roster_preview", token=token)


@school_required(Role.LIBRARIAN)
@require_POST
def roster_confirm(request, token: str):
    """The worker saves (in one transaction, checking every row again) and says how it went."""
    staging.load(request, KIND, token)  # 404 unless this session staged it
    parameters = {"token": token, "invite": request.POST.get("invite") == "on"}
    job = job_queue(owner=request.membership.school, user=request.user, kind=JOB_KIND, parameters=parameters)
    return redirect("jobs:status", job_id=job.pk)
