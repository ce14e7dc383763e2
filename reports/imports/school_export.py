"""The full school export: one ZIP with a CSV per kind of record, the unit attachments and a README that
describes every column, so a school can always take all of its data out (issue 6).

Every CSV is written by `reports.exports.safe_csv_bytes` (UTF-8 with BOM, formula-looking cells
neutralised). `units.csv` is written from the column list the collaboration-log import reads
(reports/imports/columns.py), so it can be imported back into an empty school. Private reflections stay
private: only those the librarian shared with the principal are exported.
"""

import datetime as dt
import re
import tempfile
import zipfile
from collections import defaultdict
from dataclasses import dataclass

from django.utils import timezone

from collabtrack.exporters import ExportFile
from collabtrack.models import School
from collabtrack.people import display_name
from reports.exports import safe_csv_bytes
from reports.imports.columns import UNIT_COLUMNS, grades_cell
from reports.imports.reflection_files import reflection_tables
from reports.imports.school_columns import (
    ATTACHMENTS,
    DUTIES,
    GAPS,
    RESOURCES,
    STAFF,
    STANDARDS,
    STATISTICS,
    CsvKind,
)
from reports.models import MonthlyStatistics
from taxonomy.models import BenefitsReflection, RoadblocksReflection, TaxonomyReflection
from units.models import Attachment, Duty, DutyOwner, Resource, ResourceKind, TestDataGap, Unit
from units.standards import Set2018

ZIP_MIMETYPE = "application/zip"


@dataclass(frozen=True)
class CsvFile:
    name: str
    description: str
    columns: list[tuple[str, str]]  # (header, meaning)
    rows: list[list]


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def _grouped(queryset, *fields) -> dict[int, list]:
    """Rows of a related table by unit id. One plain query per table: prefetch_related builds a queryset
    per unit, which made a 10 000-unit export take 20 seconds."""
    grouped: dict[int, list] = defaultdict(list)
    for unit_id, *values in queryset.values_list("unit_id", *fields):
        grouped[unit_id].append(values if len(values) > 1 else values[0])
    return grouped


@dataclass
class UnitRecords:
    units: list[Unit]
    teachers: dict[int, list]
    grades: dict[int, list]
    gaps: dict[int, list]
    duties: dict[int, list]
    resources: dict[int, list]
    standards: dict[int, list]
    attachments: dict[int, list[Attachment]]


def unit_records(school: School) -> UnitRecords:
    """Live units (not those waiting in the bin) and everything attached to them."""
    of_school = {"unit__school": school}
    standards = _grouped(Unit.standards_2007.through.objects.filter(**of_school), "indicator2007__number")
    for unit_id, values in _grouped(
        Unit.standards_2018.through.objects.filter(**of_school),
        "standard2018__set",
        "standard2018__code",
        "standard2018__heading",
    ).items():
        standards[unit_id] += [
            (f"AASL 2018 ({Set2018(kind).label})", code, heading) for kind, code, heading in values
        ]
    attachments: dict[int, list[Attachment]] = defaultdict(list)
    for attachment in Attachment.objects.filter(**of_school):
        attachments[attachment.unit_id].append(attachment)
    return UnitRecords(
        units=list(
            Unit.objects.filter(school=school)
            .select_related("librarian")
            .order_by("start_date", "title", "pk")
        ),
        teachers=_grouped(
            Unit.teachers.through.objects.filter(**of_school).order_by("staffmember__name"),
            "staffmember__name",
        ),
        grades=_grouped(Unit.grades.through.objects.filter(**of_school), "grade_id"),
        gaps=_grouped(TestDataGap.objects.filter(**of_school), "content_area", "performance_indicator"),
        # In the plan's order, which the restore keeps (the row order of duties.csv and resources.csv).
        duties=_grouped(
            Duty.objects.filter(**of_school).order_by("order", "pk"),
            "owner",
            "description",
            "addresses_gap",
            "partner__name",
        ),
        resources=_grouped(
            Resource.objects.filter(**of_school).order_by("order", "pk"), "kind", "citation", "url"
        ),
        standards=standards,
        attachments=attachments,
    )


def attachment_zip_path(attachment: Attachment) -> str:
    """Where an attachment sits in the ZIP: by unit, its number first so equal names cannot collide."""
    safe_name = re.sub(r"[^A-Za-z0-9._ -]+", "_", attachment.original_name).strip(" .") or "file"
    return f"attachments/unit-{attachment.unit_id}/{attachment.pk}-{safe_name}"


def _unit_files(records: UnitRecords) -> list[CsvFile]:
    gaps, duties, resources, standards, attachments = [], [], [], [], []
    for unit in records.units:
        ref = [unit.pk, unit.title]
        gaps += [ref + list(gap) for gap in records.gaps[unit.pk]]
        duties += [
            ref + [DutyOwner(owner).label, description, _yes_no(addresses_gap), partner or ""]
            for owner, description, addresses_gap, partner in records.duties[unit.pk]
        ]
        resources += [
            ref + [ResourceKind(kind).label, citation, url]
            for kind, citation, url in records.resources[unit.pk]
        ]
        standards += [
            ref + (["AASL 2007", item, ""] if isinstance(item, str) else list(item))
            for item in records.standards[unit.pk]
        ]
        attachments += [
            ref + [item.get_kind_display(), item.original_name, attachment_zip_path(item), item.size]
            for item in records.attachments[unit.pk]
        ]
    return [
        CsvFile(
            "units.csv",
            "One row per unit with every field of the planning template. It can be imported back "
            "(Import and export > Restore a school, or Import a collaboration log).",
            [(column.header, column.description) for column in UNIT_COLUMNS],
            [[column.export(unit, records) for column in UNIT_COLUMNS] for unit in records.units],
        ),
        # The other files' headers come from the lists the school restore reads them with.
        _csv_file(GAPS, gaps),
        _csv_file(DUTIES, duties),
        _csv_file(RESOURCES, resources),
        _csv_file(STANDARDS, standards),
        _csv_file(ATTACHMENTS, attachments),
    ]


def _csv_file(kind: CsvKind, rows: list[list]) -> CsvFile:
    return CsvFile(kind.name, kind.description, kind.headers, rows)


def _statistics_file(school: School) -> CsvFile:
    rows = [
        [row.year, row.month, row.days_open, row.circulation, row.classes_served]
        for row in MonthlyStatistics.objects.filter(school=school).order_by("year", "month")
    ]
    return _csv_file(STATISTICS, rows)


def _staff_file(school: School) -> CsvFile:
    rows = [
        [
            m.name,
            m.title,
            m.department,
            grades_cell(grade.order for grade in m.grades.all()),
            m.email,
            m.user.get_username() if m.user else "",
            _yes_no(m.active),
            m.roster_source_id,
        ]
        for m in school.staff.select_related("user").prefetch_related("grades").order_by("name", "pk")
    ]
    return _csv_file(STAFF, rows)


def _reflection_rows(school: School) -> list[list]:
    rows = []

    def add(reflection, kind, question, answer):
        if answer not in ("", None):
            author = display_name(reflection.author)
            rows.append([kind, reflection.reflected_on, author, question, answer])

    shared = {"school": school, "shared_with_principal": True}
    for item in TaxonomyReflection.objects.filter(**shared).select_related("author"):
        kind = "Taxonomy self-assessment"
        add(item, kind, "Level (1-10)", item.level)
        add(item, kind, TaxonomyReflection._meta.get_field("working_well").verbose_name, item.working_well)
        add(
            item,
            kind,
            TaxonomyReflection._meta.get_field("greatest_success").verbose_name,
            item.greatest_success,
        )
        add(
            item,
            kind,
            TaxonomyReflection._meta.get_field("next_level_needs").verbose_name,
            item.next_level_needs,
        )
    for item in BenefitsReflection.objects.filter(**shared).select_related("author"):
        kind = "Who benefits"
        for name in ("teachers", "librarians", "students", "test_data"):
            add(item, kind, BenefitsReflection._meta.get_field(name).verbose_name, getattr(item, name))
        add(item, kind, "Benefits seen", "; ".join(str(value) for value in item.benefits_seen))
    for item in (
        RoadblocksReflection.objects.filter(**shared)
        .select_related("author")
        .prefetch_related("roadblocks", "action_items")
    ):
        kind = "Roadblocks and actions"
        for block in item.roadblocks.all():
            add(item, kind, f"Roadblock {block.position} ({block.get_category_display()})", block.explanation)
            add(item, kind, f"Roadblock {block.position}: potential solution", block.potential_solution)
        for action in item.action_items.all():
            done = f", done {action.done_on}" if action.done_on else ""
            add(
                item, kind, f"Action ({action.get_category_display()}, by {action.due_on}{done})", action.text
            )
    rows.sort(key=lambda row: (row[1], row[0]))
    return rows


def _reflections_file(school: School) -> CsvFile:
    return CsvFile(
        "reflections.csv",
        "Reflections the librarian shared with the principal, one row per question answered. "
        "Reflections that were not shared are private and are not exported.",
        [
            ("kind", "Taxonomy self-assessment, Who benefits, or Roadblocks and actions."),
            ("date", "Date of the reflection."),
            ("author", ""),
            ("question", ""),
            ("answer", ""),
        ],
        _reflection_rows(school),
    )


def _readme(school: School, files: list[CsvFile], missing: list[str]) -> str:
    lines = [
        f"CollabTrack export of {school.name}",
        f"Made on {timezone.now().astimezone(dt.UTC):%Y-%m-%d %H:%M} UTC.",
        "",
        "Every .csv file is UTF-8 text (with a byte-order mark so Excel reads accents) separated by",
        "commas, with one header row. A cell that a spreadsheet would run as a formula (starting with",
        "=, +, -, @, tab or carriage return) starts with an apostrophe ' so it is shown as text.",
        "",
    ]
    for item in files:
        lines += [f"{item.name} ({len(item.rows)} rows)", f"  {item.description}"]
        lines += [
            f"  - {header}: {meaning}" if meaning else f"  - {header}" for header, meaning in item.columns
        ]
        lines.append("")
    if missing:
        lines.append("Attachments listed in attachments.csv whose file could not be found on the server:")
        lines += [f"  - {name}" for name in missing]
    return "\n".join(lines) + "\n"


def school_export(school: School) -> ExportFile:
    """The school's ZIP; its content is an open file. The ZIP is built in a temporary file, not in
    memory, because attachments can be large; the caller streams and closes it."""
    records = unit_records(school)
    files = [
        *_unit_files(records),
        _statistics_file(school),
        _staff_file(school),
        _reflections_file(school),
        # The same reflections field by field, which the school restore reads back.
        *(_csv_file(kind, rows) for kind, rows in reflection_tables(school)),
    ]
    # Large exports spill to disk instead of holding every attachment in memory.
    archive = tempfile.SpooledTemporaryFile(max_size=20 * 1024 * 1024)  # noqa: SIM115 - returned open
    missing = []
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        for item in files:
            bundle.writestr(item.name, safe_csv_bytes([header for header, _ in item.columns], item.rows))
        for unit in records.units:
            for attachment in records.attachments[unit.pk]:
                try:
                    with attachment.file.open("rb") as source:
                        bundle.writestr(attachment_zip_path(attachment), source.read())
                except (FileNotFoundError, ValueError):
                    missing.append(attachment.original_name)
        bundle.writestr("README.txt", _readme(school, files, missing))
    archive.seek(0)
    slug = re.sub(r"[^a-z0-9]+", "-", school.name.lower()).strip("-") or "school"
    return ExportFile(f"collabtrack-{slug}-{timezone.localdate():%Y-%m-%d}.zip", ZIP_MIMETYPE, archive)
