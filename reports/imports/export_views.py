"""The full school export (librarians and principals)."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from collabtrack.access import school_required
from collabtrack.job_views import kept_file_or_job
from collabtrack.models import Role

EXPORTERS = (Role.LIBRARIAN, Role.PRINCIPAL)


@school_required(Role.LIBRARIAN, Role.PRINCIPAL)
@require_GET
def data_index(request):
    """What can be brought in (librarians) and taken out (librarians and principals)."""
    return render(request, "imports/index.html")


@school_required(*EXPORTERS)
@require_GET
def school_export_download(request):
    """Written by the worker (reports/jobs.py) and kept until the school's data changes."""
    return kept_file_or_job(request, "school_zip", {})
