"""Unit pages: the list, the quick log, the unit page, the full template, copy, delete/undo, PDF, files.

Every view finds its unit through `get_unit_for_user` (units/access.py): another school's unit is a 404,
a read-only role writing is a 403.
"""

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collabtrack.access import require_edit, school_required
from collabtrack.exporters import download
from collabtrack.forms import add_service_errors
from collabtrack.models import Role
from collabtrack.people import display_name
from units import plan_services, services
from units.access import get_unit_for_user
from units.forms import AttachmentForm, CopyForm, QuickLogForm, UnitFilterForm, UnitPlanForm, plan_formsets
from units.selectors import deleted_units, partner_entry, unit_history, unit_list, unit_plan
from units.standards import Standard2018


@school_required()
@require_GET
def unit_list_view(request):
    school = request.membership.school
    # A teacher starts on the units they partner on; any filter (or "all") shows the whole school.
    is_teacher = request.membership.role == Role.TEACHER
    partner = partner_entry(school=school, user=request.user) if is_teacher else None
    mine = partner if partner and not request.GET else None
    initial = {"teacher": mine.pk} if mine else None
    filter_form = UnitFilterForm(request.GET or None, school=school, initial=initial)
    filters = replace(filter_form.filters(), teacher_id=mine.pk) if mine else filter_form.filters()
    listing = unit_list(school=school, filters=filters, page_number=request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "units/unit_list.html",
        {"filter_form": filter_form, "listing": listing, "query": query.urlencode(),
         "may_create": _is_librarian(request), "partner": partner, "showing_mine": bool(mine)},
    )  # fmt: skip


@school_required(Role.LIBRARIAN)
@require_http_methods(["GET", "POST"])
def quick_log(request):
    school = request.membership.school
    form = QuickLogForm(request.POST or None, school=school)
    if request.method == "POST" and form.is_valid():
        try:
            unit = services.unit_create(school=school, created_by=request.user, **form.to_service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error, form.service_fields)
        else:
            url = reverse("units:detail", args=[unit.pk])
            messages.success(request, format_html('Logged “<a href="{}">{}</a>”.', url, unit.title))
            if "open_template" in request.POST:
                return redirect("units:edit", pk=unit.pk)
            return redirect("units:quick_log")
    return render(request, "units/quick_log.html", {"form": form})


@school_required()
@require_GET
def unit_detail(request, pk: int):
    unit, may_edit = get_unit_for_user(request, pk)
    return render(request, "units/unit_detail.html", _detail_context(request, unit, may_edit))


def _detail_context(request, unit, may_edit, attachment_form=None) -> dict:
    return {
        "plan": unit_plan(unit=unit),
        "history": unit_history(unit=unit),
        "may_edit": may_edit,
        "is_librarian": _is_librarian(request),
        "attachment_form": (attachment_form or AttachmentForm()) if may_edit else None,
    }


@school_required()
@require_http_methods(["GET", "POST"])
def unit_edit(request, pk: int):
    unit, may_edit = get_unit_for_user(request, pk)
    require_edit(may_edit)
    data = request.POST if request.method == "POST" else None
    form = UnitPlanForm(data, instance=unit, school=unit.school, may_add_teachers=_is_librarian(request))
    formsets = plan_formsets(data, unit)
    if data is not None and form.is_valid() and all(f.is_valid() for f in formsets.values()):
        try:
            plan_services.unit_plan_save(unit=unit, user=request.user, **form.to_service_kwargs(formsets))
        except plan_services.StaleUnitError as stale:
            form, formsets = _stale_forms(request, stale.current)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Saved the plan.")
            return redirect("units:detail", pk=unit.pk)
    context = {"unit": unit, "form": form, "formsets": formsets, "show_2018": Standard2018.objects.exists()}
    return render(request, "units/unit_form.html", context)


def _stale_forms(request, current):
    """Keep the editor's input, tell them who saved meanwhile, and let a deliberate second save win."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = UnitPlanForm(
        data, instance=current, school=current.school, may_add_teachers=_is_librarian(request)
    )
    formsets = plan_formsets(data, current)
    form.is_valid()
    who = current.history.select_related("history_user").first()
    name = display_name(who.history_user) if who and who.history_user else "Someone"
    when = timezone.localtime(current.updated_at).strftime("%H:%M")
    form.add_error(
        None,
        f"{name} saved this unit at {when}, after you opened it. Nothing of yours was saved yet, and your "
        "changes are still below. Open the unit page in another tab to compare; saving again will replace "
        "their version with yours.",
    )
    return form, formsets


def _is_librarian(request) -> bool:
    return request.membership.role == Role.LIBRARIAN


@school_required(Role.LIBRARIAN)
@require_http_methods(["GET", "POST"])
def unit_copy(request, pk: int):
    unit, _ = get_unit_for_user(request, pk)
    form = CopyForm(request.POST or None, unit=unit)
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.unit_copy(unit=unit, user=request.user, **form.to_service_kwargs())
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, "Copied. This is the new unit; rate its level of partnership when you can."
            )
            return redirect("units:detail", pk=copy.pk)
    return render(request, "units/unit_copy.html", {"unit": unit, "form": form})


@school_required(Role.LIBRARIAN)
@require_http_methods(["GET", "POST"])
def unit_delete(request, pk: int):
    unit, _ = get_unit_for_user(request, pk)
    if request.method == "POST":
        services.unit_delete(unit=unit, user=request.user)
        messages.success(request, f"Deleted “{unit.title}”. You can restore it from the deleted units.")
        return redirect("units:deleted")
    return render(request, "units/unit_confirm_delete.html", {"unit": unit})


@school_required(Role.LIBRARIAN)
@require_GET
def unit_bin(request):
    return render(request, "units/unit_bin.html", {"units": deleted_units(school=request.membership.school)})


@school_required(Role.LIBRARIAN)
@require_POST
def unit_restore(request, pk: int):
    unit, _ = get_unit_for_user(request, pk, include_deleted=True)
    if unit.deleted_at is None:
        raise Http404("This unit is not deleted.")
    services.unit_restore(unit=unit, user=request.user)
    messages.success(request, f"Restored “{unit.title}”.")
    return redirect("units:detail", pk=unit.pk)


@school_required()
@require_GET
def unit_pdf(request, pk: int):
    unit, _ = get_unit_for_user(request, pk)
    return download(request, "unit_pdf", unit=unit)


@school_required()
@require_POST
def attachment_upload(request, pk: int):
    unit, may_edit = get_unit_for_user(request, pk)
    require_edit(may_edit)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attachment_add(
            unit=unit, upload=form.cleaned_data["file"], kind=form.cleaned_data["kind"], user=request.user
        )
        messages.success(request, "Attached the file.")
        return redirect("units:detail", pk=unit.pk)
    context = _detail_context(request, unit, may_edit, attachment_form=form)
    return render(request, "units/unit_detail.html", context, status=400)


@school_required()
@require_GET
def attachment_download(request, pk: int, attachment_pk: int):
    unit, _ = get_unit_for_user(request, pk)
    attachment = get_object_or_404(unit.attachments, pk=attachment_pk)
    # Always a download, never shown inline: an uploaded file must not run as a page of this site.
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


@school_required()
@require_POST
def attachment_delete(request, pk: int, attachment_pk: int):
    unit, may_edit = get_unit_for_user(request, pk)
    require_edit(may_edit)
    services.attachment_delete(attachment=get_object_or_404(unit.attachments, pk=attachment_pk))
    messages.success(request, "Removed the attachment.")
    return redirect("units:detail", pk=unit.pk)
