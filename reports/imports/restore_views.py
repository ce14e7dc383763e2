"""Restoring a school export into an empty school: upload -> preview (counts, problems) -> confirm, which a
job does in one transaction (reports/jobs.py school_restore_job). Librarians only."""

from django import forms
from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from collabtrack.access import school_required
from collabtrack.archives import ArchiveRefused
from collabtrack.jobs import job_queue
from collabtrack.models import Role
from collabtrack.upload_limits import megabytes
from reports.imports import staging
from reports.imports.restore_services import (
    archive_path,
    forget_stale_archives,
    not_empty_message,
    school_contents,
    school_restore_preview,
)

KIND = "restore"


class RestoreUploadForm(forms.Form):
    file = forms.FileField(
        label="School export (ZIP)",
        help_text="The ZIP made by Import and export › Full school export, as it was downloaded.",
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.RESTORE_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                f"This file is {megabytes(upload.size)}; a school export can be at most "
                f"{megabytes(settings.RESTORE_MAX_UPLOAD_BYTES)}."
            )
        return upload


@school_required(Role.LIBRARIAN)
@require_http_methods(["GET", "POST"])
def restore_upload(request):
    school = request.membership.school
    held = school_contents(school)
    posted = request.method == "POST"
    form = RestoreUploadForm(request.POST, request.FILES) if posted else RestoreUploadForm()
    if posted and held:
        form.is_valid()
        form.add_error("file", not_empty_message(held))
    elif posted and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            preview = school_restore_preview(school=school, librarian=request.user, source=upload)
        except ArchiveRefused as refusal:
            form.add_error("file", str(refusal))
        else:
            forget_stale_archives()
            data = {
                "filename": upload.name[:200],
                "counts": preview.counts,
                "problems": preview.problems[:200],
                "problem_count": len(preview.problems),
                "notes": preview.notes[:50],
            }
            token = staging.stage(request, KIND, data)
            upload.seek(0)
            with archive_path(token).open("wb") as kept:
                for chunk in upload.chunks():
                    kept.write(chunk)
            return redirect("data:restore_preview", token=token)
    return render(request, "imports/restore_upload.html", {"form": form, "held": held})


@school_required(Role.LIBRARIAN)
@require_http_methods(["GET"])
def restore_preview(request, token: str):
    data = staging.load(request, KIND, token)
    held = school_contents(request.membership.school)
    context = {"token": token, "data": data, "not_empty": not_empty_message(held) if held else ""}
    return render(request, "imports/restore_preview.html", context)


@school_required(Role.LIBRARIAN)
@require_POST
def restore_confirm(request, token: str):
    """The worker restores (in one transaction, checking everything again) and says how it went."""
    data = staging.load(request, KIND, token)  # 404 unless this session staged it
    if data["problem_count"] or not archive_path(token).exists():
        return redirect("data:restore_preview", token=token)
    job = job_queue(
        owner=request.membership.school,
        user=request.user,
        kind="school_restore",
        parameters={"token": token},
    )
    return redirect("jobs:status", job_id=job.pk)
