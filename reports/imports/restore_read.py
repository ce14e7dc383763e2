"""Reading a school export's ZIP (reports/imports/school_export.py) back: every CSV cell through the column
lists the export was written with (columns.py for units.csv, school_columns.py for the others), every
attachment located and re-checked like an upload (units/attachments.py).

Nothing here writes: `read_school_archive(path)` returns a `RestorePlan` of plain records and the problems
found, by file and line. The archive is opened only through `collabtrack.archives` (bounded checks on its
directory before any member is read), with the restore's own limits (settings RESTORE_MAX_*).
"""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile

from collabtrack.archives import READ_ERRORS, ArchiveRefused, open_checked_archive
from collabtrack.upload_limits import UploadLimits
from reports.imports.columns import UNIT_COLUMNS
from reports.imports.school_columns import ATTACHMENTS, RESTORED_FILES, CsvKind, unquoted
from units.attachments import MAX_ATTACHMENT_BYTES, check_upload

WHAT = "school export"
ADVICE = "Upload the ZIP exactly as CollabTrack made it (Import and export › Full school export)."
# units.csv's test-data gaps column repeats gaps.csv, which keeps each gap's two parts apart exactly.
NOT_READ_FROM_UNITS = {"gaps"}
MAX_PROBLEMS_SHOWN = 200
# Columns that exports made before they existed lack: read as blank there, not refused.
ADDED_LATER = {"time frame", "extensions", "named partner", "roster id"}


def restore_limits() -> UploadLimits:
    return dataclasses.replace(
        UploadLimits.from_settings(),
        upload_bytes=settings.RESTORE_MAX_UPLOAD_BYTES,
        uncompressed_bytes=settings.RESTORE_MAX_UNCOMPRESSED_BYTES,
        member_bytes=max(settings.IMPORT_MAX_MEMBER_BYTES, MAX_ATTACHMENT_BYTES),
        archive_members=settings.RESTORE_MAX_ARCHIVE_MEMBERS,
    )


def _is_attachment(name: str) -> bool:
    return name.startswith("attachments/")


@dataclass
class RestorePlan:
    units: list[dict] = field(default_factory=list)
    # by file name (gaps.csv, ...): records with their unit id, in the file's order
    rows: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    # path in the ZIP -> what the sink made of its content (the stored file's name when restoring)
    attachment_files: dict[str, object] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def problem(self, message: str) -> None:
        self.problems.append(message)

    @property
    def staff(self) -> list[dict]:
        return self.rows["staff.csv"]

    @property
    def statistics(self) -> list[dict]:
        return self.rows["monthly_statistics.csv"]


def read_school_archive(source, *, attachment_sink=None) -> RestorePlan:
    """The plan of a restore from a ZIP (a path, bytes or a binary file). `ArchiveRefused` when the archive
    itself fails a check; problems in its content are in `plan.problems`.

    Attachments are read one at a time and not kept: `attachment_sink(record, content)`, when given, is
    called with each checked file and its return value kept in `plan.attachment_files` (the restore
    stores the file there), so a ZIP of a gigabyte of handouts never sits in memory."""
    plan = RestorePlan()
    opened = open(source, "rb") if isinstance(source, str) else source  # noqa: SIM115 - closed below
    try:
        with open_checked_archive(
            opened, limits=restore_limits(), what=WHAT, advice=ADVICE, may_hold_archive=_is_attachment
        ) as archive:
            names = set(archive.namelist())
            if "units.csv" not in names:
                raise ArchiveRefused(f"This ZIP has no units.csv, so it is not a school export. {ADVICE}")
            plan.units = _read_csv(archive, "units.csv", _unit_readers(), plan)
            for kind in RESTORED_FILES:
                if kind.name in names:
                    plan.rows[kind.name] = _read_csv(archive, kind.name, _readers(kind), plan)
                else:
                    plan.notes.append(f"The ZIP has no {kind.name}: nothing of that kind is restored.")
            _read_attachments(archive, plan, attachment_sink or (lambda record, content: len(content)))
    finally:
        if opened is not source:
            opened.close()
    _check_unit_references(plan)
    return plan


def _unit_readers() -> dict[str, tuple[str, object]]:
    return {
        column.header: (column.identifier, column.restored_by)
        for column in UNIT_COLUMNS
        if column.restored_by and column.identifier not in NOT_READ_FROM_UNITS
    }


def _readers(kind: CsvKind) -> dict[str, tuple[str, object]]:
    return {column.header: (column.field, column.restore) for column in kind.columns if column.restore}


def _read_csv(archive: zipfile.ZipFile, name: str, readers: dict, plan: RestorePlan) -> list[dict]:
    try:
        text = archive.read(name).decode("utf-8-sig")
    except READ_ERRORS as exc:
        raise ArchiveRefused(f"This {WHAT} is damaged ({name}). {ADVICE}") from exc
    except UnicodeDecodeError:
        plan.problem(f"{name} is not UTF-8 text.")
        return []
    try:
        lines = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        plan.problem(f"{name} cannot be read as CSV ({exc}).")
        return []
    if not lines:
        plan.problem(f"{name} is empty: it has no header row.")
        return []
    header = lines[0]
    missing = [title for title in readers if title not in header and title not in ADDED_LATER]
    if missing:
        plan.problem(f"{name} has no column {', '.join(f'“{title}”' for title in missing)}.")
        return []
    positions = {title: header.index(title) if title in header else len(header) for title in readers}
    records = []
    for line, cells in enumerate(lines[1:], start=2):
        if not any(cells):
            continue
        record = {"line": line}
        for title, (target, read) in readers.items():
            index = positions[title]
            value, error = read(unquoted(cells[index]) if index < len(cells) else "")
            if error:
                plan.problem(f"{name}, line {line}, {title}: {error}")
            record[target] = value
        records.append(record)
    return records


def _read_attachments(archive: zipfile.ZipFile, plan: RestorePlan, sink) -> None:
    """Each listed file read once and checked as an upload would be (type by name and content, size)."""
    members = {info.filename: info for info in archive.infolist()}
    for record in plan.rows[ATTACHMENTS.name]:
        path, name, line = record.get("path") or "", record.get("original_name") or "", record["line"]
        where = f"{ATTACHMENTS.name}, line {line}"
        if PurePosixPath(path).parts[:1] != ("attachments",):
            plan.problem(f"{where}: the file “{path[:80]}” is not in the attachments folder.")
            continue
        if path not in members:
            plan.notes.append(f"{where}: “{name}” was listed but its file is not in the ZIP; it is left out.")
            record["missing"] = True
            continue
        try:
            content = archive.read(path)
        except READ_ERRORS as exc:
            raise ArchiveRefused(f"This {WHAT} is damaged ({path[:80]}). {ADVICE}") from exc
        if record.get("size") is not None and record["size"] != len(content):
            plan.problem(f"{where}: “{name}” has {len(content)} bytes, not the {record['size']} listed.")
        try:
            check_upload(ContentFile(content, name=name))
        except ValidationError as refusal:
            plan.problem(f"{where}: “{name}”: {' '.join(refusal.messages)}")
            continue
        if not plan.problems:  # once the restore is refused, files are only checked, not stored
            plan.attachment_files[path] = sink(record, content)


def _check_unit_references(plan: RestorePlan) -> None:
    unit_ids = [unit.get("pk") for unit in plan.units]
    known = set(unit_ids)
    if len(known) != len(unit_ids):
        plan.problem("units.csv lists the same unit id more than once.")
    for name, records in plan.rows.items():
        for record in records:
            if "unit_id" in record and record["unit_id"] is not None and record["unit_id"] not in known:
                plan.problem(f"{name}, line {record['line']}: unit {record['unit_id']} is not in units.csv.")
    months = [(row.get("year"), row.get("month")) for row in plan.statistics]
    for line, month in enumerate(months, start=2):
        if month in months[: line - 2]:
            plan.problem(f"monthly_statistics.csv, line {line}: this month is already on an earlier line.")
