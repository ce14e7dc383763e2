"""The full school export (librarians and principals)."""

from django.http import FileResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from collabtrack.access import school_required
from collabtrack.models import Role
from reports.imports.school_export import school_export

EXPORTERS = (Role.LIBRARIAN, Role.PRINCIPAL)


@school_required(Role.LIBRARIAN, Role.PRINCIPAL)
@require_GET
def data_index(request):
    """What can be brought in (librarians) and taken out (librarians and principals)."""
    return render(request, "imports/index.html")


@school_required(*EXPORTERS)
@require_GET
def school_export_download(request):
    filename, mimetype, archive = school_export(request.membership.school)
    return FileResponse(archive, as_attachment=True, filename=filename, content_type=mimetype)
