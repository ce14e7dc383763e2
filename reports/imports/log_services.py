"""Importing a collaboration log: the preview (what each row will become, against the school's data)
and the all-or-nothing save.

The parsing is in `units/log_import.py`; this module adds what needs the database: rows that repeat a
unit the school already has (same start date, same title ignoring case and spacing) are skipped, so a
re-import creates nothing twice, and teachers not yet in the staff directory are listed, then created.
"""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from collabtrack.models import Grade, School, StaffMember
from collabtrack.spreadsheets import Table
from collabtrack.text import match_key
from reports.imports.log_parse import LogRow, parse_rows
from units.models import OVERVIEW_MAX_WORDS, TestDataGap, Unit, word_count
from units.services import unit_status_for

# Rows validated, then inserted, per step: also how often the save reports its progress.
BATCH = 500


class LogImportRefused(Exception):
    """The file still has rows with problems, so nothing is saved."""


@dataclass
class LogPreview:
    rows: list[LogRow]
    new_teachers: list[str] = field(default_factory=list)

    @property
    def rows_to_create(self) -> list[LogRow]:
        return [row for row in self.rows if not row.errors and not row.duplicate]

    @property
    def rows_with_problems(self) -> list[LogRow]:
        return [row for row in self.rows if row.errors]

    @property
    def duplicates(self) -> list[LogRow]:
        return [row for row in self.rows if row.duplicate and not row.errors]

    @property
    def can_import(self) -> bool:
        return not self.rows_with_problems and bool(self.rows_to_create)


@dataclass(frozen=True)
class LogImportResult:
    units_created: int
    duplicates_skipped: int
    teachers_created: list[str]


def table_to_dict(table: Table) -> dict:
    return {"header": table.header, "rows": table.rows, "line_numbers": table.line_numbers}


def table_from_dict(data: dict) -> Table:
    return Table(header=data["header"], rows=data["rows"], line_numbers=data["line_numbers"])


def log_import_preview(*, school: School, table: Table, mapping: dict[str, int | None]) -> LogPreview:
    """Every row parsed and checked against the school: duplicates of existing units marked, teachers
    missing from the directory listed. Two queries whatever the file's size."""
    rows = parse_rows(table, mapping)
    dates = {row.start_date for row in rows if row.start_date}
    existing = {
        (start_date, match_key(title))
        for start_date, title in Unit.objects.filter(school=school, start_date__in=dates).values_list(
            "start_date", "title"
        )
    }
    for row in rows:
        overview_words = word_count(row.plan.get("overview", ""))
        if overview_words > OVERVIEW_MAX_WORDS:
            row.errors.append(
                f"The overview has {overview_words} words; units keep it to {OVERVIEW_MAX_WORDS}."
            )
        if not row.duplicate and (row.start_date, row.title_key) in existing:
            row.duplicate = True
            row.notes.append("A unit with this date and title already exists: skipped.")
    known = {
        match_key(name) for name in StaffMember.objects.filter(school=school).values_list("name", flat=True)
    }
    new_teachers: dict[str, str] = {}
    for row in rows:
        if row.errors or row.duplicate:
            continue
        for name in row.teachers:
            if match_key(name) not in known:
                new_teachers.setdefault(match_key(name), name)
    return LogPreview(rows=rows, new_teachers=sorted(new_teachers.values(), key=str.casefold))


@transaction.atomic
def log_import_save(
    *, school: School, librarian, table: Table, mapping: dict[str, int | None], progress=None
) -> LogImportResult:
    """Create every new unit of the file, and the teachers it names, in one transaction: a single row
    with a problem (or a failing validation) saves nothing at all.

    `progress(done, total, step)`, when given, hears how far the save is (the job's status page)."""
    progress = progress or (lambda done, total, step: None)
    # Checked again inside the transaction: units may have been added since the preview was shown.
    preview = log_import_preview(school=school, table=table, mapping=mapping)
    if preview.rows_with_problems:
        raise LogImportRefused(
            f"{len(preview.rows_with_problems)} rows still have problems; nothing was saved."
        )
    staff = {match_key(member.name): member for member in StaffMember.objects.filter(school=school)}
    created_teachers = []
    for name in preview.new_teachers:
        member = StaffMember(school=school, name=name)
        member.full_clean()
        member.save()
        staff[match_key(name)] = member
        created_teachers.append(name)
    rows = preview.rows_to_create
    progress(0, len(rows), "rows checked")
    units = []
    for number, row in enumerate(rows, 1):
        if number % BATCH == 0:
            progress(number, len(rows), "rows checked")
        unit = Unit(
            school=school,
            title=row.title,
            librarian=librarian,
            start_date=row.start_date,
            end_date=row.end_date,
            level=row.level,
            status=unit_status_for(row.start_date),
            **row.plan,
        )
        try:
            # school and librarian are the request's own objects: validating them costs two queries a row.
            unit.full_clean(exclude=["school", "librarian"])
        except ValidationError as error:
            # A rule the preview does not know yet must refuse the file, not become a server error.
            problems = " ".join(message for messages in error.message_dict.values() for message in messages)
            raise LogImportRefused(f"Line {row.line}: {problems} Nothing was saved.") from error
        units.append(unit)
    progress(0, len(units), "rows saved")
    units = [
        unit
        for start in range(0, len(units), BATCH)
        for unit in _bulk_create_units(units[start : start + BATCH], progress, start, len(units))
    ]
    grades = {grade.order: grade for grade in Grade.objects.all()}
    Unit.teachers.through.objects.bulk_create(
        Unit.teachers.through(unit_id=unit.pk, staffmember_id=staff[match_key(name)].pk)
        for unit, row in zip(units, rows, strict=True)
        for name in row.teachers
    )
    Unit.grades.through.objects.bulk_create(
        Unit.grades.through(unit_id=unit.pk, grade_id=grades[order].pk)
        for unit, row in zip(units, rows, strict=True)
        for order in row.grades
    )
    gaps = [
        TestDataGap(unit=unit, content_area=area, performance_indicator=indicator)
        for unit, row in zip(units, rows, strict=True)
        for area, indicator in row.gaps
    ]
    for gap in gaps:
        gap.full_clean(exclude=["unit"])
    TestDataGap.objects.bulk_create(gaps, batch_size=500)
    return LogImportResult(
        units_created=len(units),
        duplicates_skipped=len(preview.duplicates),
        teachers_created=created_teachers,
    )


def _bulk_create_units(units: list[Unit], progress, before: int, total: int) -> list[Unit]:
    """One INSERT per batch; when units keep a history, the import is recorded in it too."""
    if hasattr(Unit, "history"):
        from simple_history.utils import bulk_create_with_history

        created = bulk_create_with_history(units, Unit, batch_size=BATCH)
    else:
        created = Unit.objects.bulk_create(units, batch_size=BATCH)
    progress(before + len(created), total, "rows saved")
    return created
