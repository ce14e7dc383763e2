"""The reports' work done off the request (collabtrack.jobs), registered by ReportsConfig.ready().

- log and circulation imports: the confirmed, staged file is saved by the worker in one transaction;
- the school ZIP and the board PDF: made once per version of the school's data and kept
  (collabtrack.kept_files), so the next download of an unchanged file is served from disk;
- the district board PDF: a job of the district (not of a school), kept per version of the district's
  data (every member school's version) and the district's day.

A new kind of work is one more `register` / `register_export` line in `register_jobs`. Every handler is
a plain function: the tests call them directly, and through a real worker in tests/jobs/.
"""

from django.db import transaction
from django.template.defaultfilters import pluralize
from django.urls import reverse

from collabtrack import dataversion, exporters, jobs
from collabtrack.archives import ArchiveRefused
from collabtrack.exporters import ExportFile
from collabtrack.jobs import JobOutcome, JobRefused, Progress
from collabtrack.models import Job, School
from reports.district_exports import district_board_pdf_render
from reports.imports import staging
from reports.imports.circulation_parse import PlacedCount
from reports.imports.circulation_services import circulation_import_apply
from reports.imports.log_services import LogImportRefused, LogImportResult, log_import_save, table_from_dict
from reports.imports.restore_services import RestoreRefused, archive_path, school_restore
from reports.imports.roster_services import roster_import_job

EXPIRED = "The uploaded file is no longer waiting (files wait a day and are saved once). Upload it again."


def import_summary(result: LogImportResult, filename: str) -> str:
    units, skipped, teachers = result.units_created, result.duplicates_skipped, len(result.teachers_created)
    summary = f"Imported {units:,} unit{pluralize(units)} from {filename}"
    if skipped:
        were = pluralize(skipped, "was,were")
        summary += f"; {skipped:,} row{pluralize(skipped)} already existed and {were} skipped"
    if teachers:
        summary += f"; added {teachers} teacher{pluralize(teachers)} to the staff directory"
    return summary + "."


def log_import_job(job: Job, progress: Progress) -> JobOutcome:
    token = job.parameters["token"]
    data = staging.load_for_job(kind="log", token=token, school_id=job.school_id, user_id=job.user_id)
    if data is None:
        raise JobRefused(EXPIRED)
    try:
        with transaction.atomic():
            result = log_import_save(
                school=job.school,
                librarian=job.user,
                table=table_from_dict(data["table"]),
                mapping=data["mapping"],
                progress=progress,
                date_order=data.get("date_order"),
            )
            # Units, links and gaps are bulk-created, which sends no signals.
            dataversion.school_data_changed(job.school)
    except LogImportRefused as refusal:
        raise JobRefused(str(refusal)) from refusal
    staging.forget(token)
    return JobOutcome(message=import_summary(result, data["filename"]), url=reverse("units:list"))


def circulation_import_job(job: Job, progress: Progress) -> JobOutcome:
    token = job.parameters["token"]
    data = staging.load_for_job(kind="circulation", token=token, school_id=job.school_id, user_id=job.user_id)
    if data is None:
        raise JobRefused(EXPIRED)
    placed = [PlacedCount(*values) for values in data["placed"]]
    progress(0, len(placed), "months saved")
    school = job.school
    with transaction.atomic():
        changed = circulation_import_apply(
            school=school, school_year=school.parse_school_year(data["school_year"]), placed=placed
        )
    progress(len(placed), len(placed), "months saved")
    staging.forget(token)
    return JobOutcome(
        message=f"Circulation updated for {changed} months of {data['school_year']}.",
        url=reverse("reports:statistics", kwargs={"school_year": data["school_year"]}),
    )


def school_restore_job(job: Job, progress: Progress) -> JobOutcome:
    """The confirmed school export restored in one transaction (reports/imports/restore_services.py)."""
    token = job.parameters["token"]
    data = staging.load_for_job(kind="restore", token=token, school_id=job.school_id, user_id=job.user_id)
    if data is None or not archive_path(token).exists():
        raise JobRefused(EXPIRED)
    try:
        result = school_restore(
            school=job.school, librarian=job.user, source=str(archive_path(token)), progress=progress
        )
    except (RestoreRefused, ArchiveRefused) as refusal:
        raise JobRefused(str(refusal)) from refusal
    staging.forget(token)
    archive_path(token).unlink(missing_ok=True)
    restored = ", ".join(f"{count:,} {what}" for what, count in result.counts if count)
    return JobOutcome(message=f"Restored {data['filename']}: {restored}.", url=reverse("units:list"))


def school_zip_render(school: School, parameters: dict) -> ExportFile:
    return exporters.get("school_zip").run(school, parameters)


def board_pdf_render(school: School, parameters: dict) -> ExportFile:
    """The board report of one school year: the same exporter a page, a job or an e-mail runs."""
    return exporters.get("board_pdf").run(school, parameters)


def _track_school_data() -> None:
    """Everything the board PDF and the school ZIP show moves the school's data version when it changes."""
    from reports.models import BoardHighlights, MonthlyStatistics
    from taxonomy.models import BenefitsReflection, RoadblocksReflection, TaxonomyReflection
    from units.models import Attachment, Duty, Resource, TestDataGap, Unit

    for model in (Unit, MonthlyStatistics, BoardHighlights):
        dataversion.track(model)
    for model in (TestDataGap, Duty, Resource, Attachment):
        dataversion.track(model, "unit__school")
    for model in (TaxonomyReflection, BenefitsReflection, RoadblocksReflection):  # shared ones are exported
        dataversion.track(model)
    for field in ("teachers", "grades", "standards_2007", "standards_2018"):
        dataversion.track_m2m(Unit, field)


def register_jobs() -> None:
    _track_school_data()
    jobs.register("log_import", title="Importing the collaboration log", handler=log_import_job)
    jobs.register("circulation_import", title="Importing the circulation", handler=circulation_import_job)
    jobs.register("roster_import", title="Importing the staff roster", handler=roster_import_job)
    jobs.register(
        "school_restore",
        title="Restoring the school export",
        handler=school_restore_job,
        back_url=lambda job: reverse("data:restore_upload"),
        back_label="Back to restoring a school export",
    )
    jobs.register_export(
        "school_zip",
        title="Making the school export (ZIP)",
        render=school_zip_render,
        back_url=lambda job: reverse("data:index"),
        back_label="Back to import and export",
    )
    jobs.register_export(
        "board_pdf",
        title="Making the board report (PDF)",
        render=board_pdf_render,
        back_url=lambda job: reverse("reports:board", kwargs={"school_year": job.parameters["school_year"]}),
        back_label="Back to the board report",
    )
    jobs.register_export(
        "district_board_pdf",
        title="Making the district board report (PDF)",
        render=district_board_pdf_render,
        back_url=lambda job: reverse(
            "district:rollup_year", kwargs={"school_year": job.parameters["school_year"]}
        ),
        back_label="Back to the roll-up",
    )
