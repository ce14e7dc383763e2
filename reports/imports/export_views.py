"""/data/: what can be brought in (librarians) and every download the person's role may run, listed from
the registered exporters (collabtrack.exporters), and the one view that runs any of them."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from collabtrack import exporters
from collabtrack.access import school_required
from collabtrack.exporters import Exporter, ExportRefused, Parameter
from collabtrack.job_views import kept_file_or_job
from collabtrack.models import Role


@dataclass(frozen=True)
class Field:
    parameter: Parameter
    choices: list[tuple[str, str]]
    initial: str | None


@dataclass(frozen=True)
class Offer:
    """An exporter as the data page offers it: a small form of its parameters, or a pointer to the page
    where its parameter is chosen (a unit's PDF is downloaded from the unit)."""

    exporter: Exporter
    fields: list[Field]
    button_text: str

    @property
    def chosen_elsewhere(self) -> bool:
        return any(not field.choices for field in self.fields)


def _offers(membership) -> list[Offer]:
    school = membership.school
    return [
        Offer(
            exporter,
            [Field(p, p.choices(school), p.default(school)) for p in exporter.parameters],
            exporter.button_text(school),
        )
        for exporter in exporters.available_to(membership.role)
    ]


@school_required(Role.LIBRARIAN, Role.PRINCIPAL)
@require_GET
def data_index(request):
    """What can be brought in (librarians) and taken out (the exporters the role may run)."""
    return render(request, "imports/index.html", {"offers": _offers(request.membership)})


@school_required()
@require_GET
def export_download(request, identifier: str):
    """Any registered exporter, its parameters in the query (a missing one takes its default)."""
    return _run(request, identifier)


@school_required(Role.LIBRARIAN, Role.PRINCIPAL)
@require_GET
def school_export_download(request):
    """The school ZIP's old address, kept for bookmarks and the README."""
    return _run(request, "school_zip")


def _run(request, identifier: str):
    """Look the exporter up, check the role, clean the parameters, render and respond. Files made by a
    job (the board PDF, the school ZIP) are served when kept, else the job is queued and its page shown."""
    try:
        exporter = exporters.get(identifier)
    except KeyError as error:
        raise Http404("No such export.") from error
    if not exporter.may_run(request.membership.role):
        raise PermissionDenied("Your role in this school does not allow this export.")
    school = request.membership.school
    raw = exporter.raw_parameters(school, request.GET)
    try:
        cleaned = exporter.clean(school, raw)
        owner = exporter.job_owner(school)
    except ExportRefused as error:
        raise Http404(str(error)) from error
    if exporter.runs_as_job:
        return kept_file_or_job(request, identifier, exporter.kept_parameters(school, raw), owner=owner)
    return exporters.download(request, identifier, **cleaned)
