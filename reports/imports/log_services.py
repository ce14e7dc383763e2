"""Importing a collaboration log: the preview (what each row will become, against the school's data)
and the all-or-nothing save.

The parsing is in `reports/imports/log_parse.py`; this module adds what needs the database: rows that
repeat a unit the school already has (same start date, same title ignoring case and spacing) are skipped,
so a re-import creates nothing twice, and teachers not yet in the staff directory are listed. Saving goes
through the units' own services (`units_create`, `staff_find_or_create`), as the quick log does.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.template.defaultfilters import pluralize

from collabtrack.models import School, StaffMember
from collabtrack.spreadsheets import Table
from collabtrack.text import match_key
from reports.imports.log_parse import LogRow, parse_rows
from units.models import OVERVIEW_MAX_WORDS, Unit, word_count
from units.services import UnitRefused, units_create
from units.unit_data import GapRow, NamedTeacher, NewUnit, PlanTexts


class LogImportRefused(Exception):
    """The file still has rows with problems, so nothing is saved."""


@dataclass
class LogPreview:
    rows: list[LogRow]
    new_teachers: list[str] = field(default_factory=list)
    school_year: str = ""  # the school year most of the file's units fall in
    other_years: int = 0  # rows whose unit lands in another school year (each says so)

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


def log_import_preview(
    *, school: School, table: Table, mapping: dict[str, int | None], date_order: str | None = None
) -> LogPreview:
    """Every row parsed (dates in `date_order`) and checked against the school: duplicates of existing
    units marked, teachers missing from the directory listed, units landing in another school year than
    most of the file said so. Two queries whatever the file's size."""
    rows = parse_rows(table, mapping, date_order)
    main_year, other_years = _mark_school_years(school, rows)
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
    return LogPreview(
        rows=rows,
        new_teachers=sorted(new_teachers.values(), key=str.casefold),
        school_year=main_year,
        other_years=other_years,
    )


def _mark_school_years(school: School, rows: list[LogRow]) -> tuple[str, int]:
    """Each dated row's school year; a row outside the year most of the file covers gets a note, so a
    misread date never moves a unit into another year without a word. Returns (main year, rows outside)."""
    for row in rows:
        if row.start_date:
            year = school.school_year_of(row.start_date)
            row.school_year = year.name if year else "outside every school year"
    counts = Counter(row.school_year for row in rows if row.school_year)
    if not counts:
        return "", 0
    main_year = counts.most_common(1)[0][0]
    outside = 0
    for row in rows:
        if row.school_year and row.school_year != main_year:
            outside += 1
            row.notes.append(
                f"This date falls in {row.school_year}, not in {main_year} like most of the file: "
                "check that it is read the right way round."
            )
    return main_year, outside


@transaction.atomic
def log_import_save(
    *,
    school: School,
    librarian,
    table: Table,
    mapping: dict[str, int | None],
    progress=None,
    date_order: str | None = None,
) -> LogImportResult:
    """Create every new unit of the file, and the teachers it names, in one transaction: a single row
    with a problem (or a failing validation) saves nothing at all.

    The units are created by `units.services.units_create`, the quick log's own service, so an imported
    unit is checked and saved exactly as one logged on the page (and nobody is notified: it is history).
    `progress(done, total, step)`, when given, hears how far the save is (the job's status page)."""
    # Checked again inside the transaction: units may have been added since the preview was shown.
    preview = log_import_preview(school=school, table=table, mapping=mapping, date_order=date_order)
    if preview.rows_with_problems:
        problems = len(preview.rows_with_problems)
        raise LogImportRefused(
            f"{problems} row{pluralize(problems)} still {pluralize(problems, 'has,have')} problems; "
            "nothing was saved."
        )
    rows = preview.rows_to_create
    try:
        units = units_create(
            school=school, created_by=librarian, units=[new_unit(row) for row in rows], progress=progress
        )
    except UnitRefused as refused:
        # A rule the preview does not know yet must refuse the file, not become a server error.
        problems = " ".join(message for messages in refused.message_dict.values() for message in messages)
        raise LogImportRefused(f"Line {rows[refused.index].line}: {problems} Nothing was saved.") from refused
    return LogImportResult(
        units_created=len(units),
        duplicates_skipped=len(preview.duplicates),
        teachers_created=preview.new_teachers,
    )


def new_unit(row: LogRow) -> NewUnit:
    """A row of the log as the unit services take it."""
    return NewUnit(
        title=row.title,
        start_date=row.start_date,
        end_date=row.end_date,
        level=row.level,
        grades=row.grades,
        named_teachers=tuple(NamedTeacher(name) for name in row.teachers),
        gaps=tuple(GapRow(area, indicator) for area, indicator in row.gaps),
        texts=PlanTexts(**row.plan),
    )
