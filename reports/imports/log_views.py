"""The collaboration-log import: upload -> column mapping and preview -> confirm (librarians only)."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from collabtrack.access import school_required
from collabtrack.jobs import job_queue
from collabtrack.models import Role
from collabtrack.spreadsheets import read_table
from reports.imports import log_fixes, staging
from reports.imports.cells import DATE_ORDERS, parse_date
from reports.imports.forms import ColumnMappingForm, LogUploadForm
from reports.imports.log_parse import DATE_FIELDS, FIELDS, file_date_order, guess_mapping
from reports.imports.log_services import log_import_preview, table_from_dict, table_to_dict

KIND = "log"
ROWS_PER_PAGE = 100
# Said after what was wrong with a refused file.
LOG_ADVICE = "Export only the sheet with your log, as CSV or as a workbook with that one sheet."


@school_required(Role.LIBRARIAN)
@require_http_methods(["GET", "POST"])
def log_upload(request):
    form = LogUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        table = read_table(upload.read(), upload.name, advice=LOG_ADVICE)
        if table.error:
            form.add_error("file", table.error)
        else:
            mapping = guess_mapping(table.header)
            data = {
                "filename": upload.name,
                "table": table_to_dict(table),
                "mapping": mapping,
                "date_order": file_date_order(table, mapping),
            }
            token = staging.stage(request, KIND, data)
            return redirect("data:log_preview", token=token)
    return render(request, "imports/log_upload.html", {"form": form})


@school_required(Role.LIBRARIAN)
@require_http_methods(["GET"])
def log_preview(request, token: str):
    data = staging.load(request, KIND, token)
    initial = ColumnMappingForm.initial_from(data["mapping"], data.get("date_order", ""))
    form = ColumnMappingForm(initial=initial, header=data["table"]["header"])
    return _render_preview(request, token, data, form, data["mapping"])


@school_required(Role.LIBRARIAN)
@require_POST
def log_mapping(request, token: str):
    data = staging.load(request, KIND, token)
    form = ColumnMappingForm(request.POST, header=data["table"]["header"])
    if not form.is_valid():
        return _render_preview(request, token, data, form, None)
    data["mapping"] = form.mapping
    table = table_from_dict(data["table"])
    data["date_order"] = form.cleaned_data["date_order"] or file_date_order(table, form.mapping)
    staging.save(request, KIND, token, data)
    return redirect("data:log_preview", token=token)


def _date_reading(data) -> dict:
    """How the file's dates are read, shown beside the choice: the order and a few of its own dates."""
    order = data.get("date_order") or ""
    indexes = [data["mapping"][name] for name in DATE_FIELDS if data["mapping"].get(name) is not None]
    examples = []
    for cells in data["table"]["rows"]:
        for index in indexes:
            text = str(cells[index]).strip() if index < len(cells) else ""
            if text and text not in (shown for shown, _ in examples) and len(examples) < 3:
                day = parse_date(text, order or None)
                examples.append((text, f"{day:%-d %B %Y}" if day else "not a date in this reading"))
    return {"label": DATE_ORDERS.get(order, ""), "examples": examples}


def _render_preview(request, token, data, form, mapping):
    """The mapping form and, when the mapping is usable, the rows as they will be imported (paginated:
    a file of thousands of rows stays a quick page)."""
    preview = None
    if mapping is not None and mapping.get("start_date") is not None and mapping.get("title") is not None:
        preview = log_import_preview(
            school=request.membership.school,
            table=table_from_dict(data["table"]),
            mapping=mapping,
            date_order=data.get("date_order"),
        )
    only_problems = request.GET.get("show") == "problems"
    rows = (preview.rows_with_problems if only_problems else preview.rows) if preview else []
    page = Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    fields = log_fixes.correctable_fields(mapping) if mapping else []
    for row in page:
        if row.errors:  # the cells as in the file, for the row's correction form
            cells = log_fixes.row_cells(data, row.line) or []
            row.cells_to_fix = [
                (name, label, cells[index] if index < len(cells) else "") for name, label, index in fields
            ]
    context = {"token": token, "data": data, "form": form, "preview": preview, "page": page}
    context["date_reading"] = _date_reading(data)
    return render(request, "imports/log_preview.html", context | {"only_problems": only_problems})


@school_required(Role.LIBRARIAN)
@require_POST
def log_confirm(request, token: str):
    """Saving thousands of rows takes seconds: the worker does it (reports/jobs.py) in one transaction,
    checking every row again there; rows with problems fail the job with the reason, and nothing is saved."""
    staging.load(request, KIND, token)  # 404 unless this session staged it
    job = job_queue(
        owner=request.membership.school, user=request.user, kind="log_import", parameters={"token": token}
    )
    return redirect("jobs:status", job_id=job.pk)


@school_required(Role.LIBRARIAN)
@require_POST
def log_row(request, token: str, line: int):
    """Correct one row's cells, leave it out, or put a left-out row back; then the preview again."""
    data = staging.load(request, KIND, token)
    action = request.POST.get("action")
    if action == "leave_out":
        log_fixes.row_leave_out(data, line)
    elif action == "put_back":
        log_fixes.row_put_back(data, line)
    else:
        values = {name: request.POST.get(f"cell-{name}", "") for name in FIELDS}
        log_fixes.row_correct(data, line, values)
    staging.save(request, KIND, token, data)
    query = "?show=problems" if request.POST.get("show") == "problems" else ""
    return redirect(reverse("data:log_preview", kwargs={"token": token}) + query)
