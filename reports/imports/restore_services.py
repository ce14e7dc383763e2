"""Restoring a school's export (the ZIP of reports/imports/school_export.py) into an EMPTY school: a preview
(counts per kind, problems), then everything in one transaction or nothing.

Units go through `units.services.units_create` (the same checks as every unit), staff through
`collabtrack.services.staff_create`; the plan's rows, standards, attachments and statistics are bulk-created
after `full_clean`. Attachment files are written to storage while the archive is read, and removed again
when the restore is refused or fails, so a refused or killed restore leaves the school as it was: empty.
"""

from __future__ import annotations

import os
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from simple_history.utils import bulk_create_with_history

from collabtrack.dataversion import school_data_changed
from collabtrack.models import School, StaffMember
from collabtrack.services import staff_create
from reports.imports import staging
from reports.imports.reflection_files import reflections_restore
from reports.imports.restore_read import RestorePlan, read_school_archive
from reports.imports.school_columns import REFLECTION_FILES
from reports.models import MonthlyStatistics
from units.models import Attachment, Duty, Resource, Unit
from units.services import UnitRefused, units_create
from units.standards import Indicator2007, Standard2018
from units.unit_data import GapRow, NamedTeacher, NewUnit, PlanTexts

RESTORED_REASON = "Restored from a school export"
NOT_EMPTY = (
    "This school already has {what}. A school export is restored only into an empty school, so that "
    "nothing is mixed or overwritten: restore into a new school, or ask whoever looks after CollabTrack."
)


def archive_path(token: str) -> Path:
    """Where an uploaded export waits for its confirmation, beside the staged preview (a valid token:
    `staging.load` checked it)."""
    return _folder() / f"{token}.zip"


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def forget_stale_archives() -> None:
    limit = time.time() - staging.MAX_AGE_SECONDS
    for path in _folder().glob("*.zip"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:
            continue


class RestoreRefused(Exception):
    """Nothing was restored; the message says why, in the librarian's words."""


def school_contents(school: School) -> list[str]:
    """What the school already holds that a restore would mix with (empty list: the school is empty)."""
    held = []
    if Unit.all_objects.filter(school=school).exists():
        held.append("units")
    if StaffMember.objects.filter(school=school).exists():
        held.append("a staff directory")
    if MonthlyStatistics.objects.filter(school=school).exists():
        held.append("library statistics")
    return held


def not_empty_message(held: list[str]) -> str:
    return NOT_EMPTY.format(what=" and ".join(held))


@dataclass
class RestorePreview:
    counts: list[tuple[str, int]]
    problems: list[str]
    notes: list[str] = field(default_factory=list)

    @property
    def can_restore(self) -> bool:
        return not self.problems


def _counts(plan: RestorePlan) -> list[tuple[str, int]]:
    rows = plan.rows
    return [
        ("units", len(plan.units)),
        ("staff members", len(plan.staff)),
        ("test-data gaps", len(rows["gaps.csv"])),
        ("duties", len(rows["duties.csv"])),
        ("resources", len(rows["resources.csv"])),
        ("standards cited", len(rows["standards.csv"])),
        ("attachments", sum(1 for record in rows["attachments.csv"] if not record.get("missing"))),
        ("months of library statistics", len(plan.statistics)),
        ("reflections shared with the principal", sum(len(rows[kind.name]) for kind in REFLECTION_FILES[:3])),
    ]


def _members(school: School) -> dict[str, int]:
    return {
        username: pk
        for pk, username in get_user_model()
        .objects.filter(memberships__school=school)
        .values_list("pk", get_user_model().USERNAME_FIELD)
    }


def _check_against_database(plan: RestorePlan, school: School, librarian) -> tuple[dict, dict]:
    """Problems only the database knows (standards missing from the catalogues) and notes on logins that
    are not members of this school. Returns the standards found by their (set, code)."""
    indicators = dict(Indicator2007.objects.values_list("number", "pk"))
    standards = {(s, c): pk for pk, s, c in Standard2018.objects.values_list("pk", "set", "code")}
    for record in plan.rows["standards.csv"]:
        kind, code = record.get("set_2018"), record.get("code")
        if kind is None or code is None:
            continue
        if (indicators.get(code) if kind == "" else standards.get((kind, code))) is None:
            plan.problem(
                f"standards.csv, line {record['line']}: standard {code[:20]} is not in the catalogue."
            )
    members = _members(school)
    logins = [u.get("librarian") for u in plan.units]
    logins += [r.get("author_login") for kind in REFLECTION_FILES[:3] for r in plan.rows[kind.name]]
    credited = sorted({login for login in logins if login and login not in members})
    if credited:
        plan.notes.append(
            f"{len(credited)} librarian login(s) in the export are not members of this school "
            f"({', '.join(credited[:5])}): their units and reflections are credited to "
            f"{librarian.get_username()}."
        )
    unlinked = sorted({s["login"] for s in plan.staff if s.get("login") and s["login"] not in members})
    if unlinked:
        plan.notes.append(
            f"{len(unlinked)} staff login(s) are not members of this school; those teachers are restored "
            "without a login (link them on the staff page once they have one)."
        )
    return indicators, standards


def school_restore_preview(*, school: School, librarian, source) -> RestorePreview:
    """What a restore would bring (counts per kind) and the problems that would refuse it. Raises
    `collabtrack.archives.ArchiveRefused` when the ZIP itself fails the archive checks."""
    plan = read_school_archive(source)
    _check_against_database(plan, school, librarian)
    held = school_contents(school)
    if held:
        plan.problems.insert(0, not_empty_message(held))
    return RestorePreview(_counts(plan), plan.problems, plan.notes)


@dataclass(frozen=True)
class RestoreResult:
    counts: list[tuple[str, int]]


def school_restore(*, school: School, librarian, source, progress=None) -> RestoreResult:
    """Restore the export into the (empty) school, all or nothing. Raises `RestoreRefused` (or
    `ArchiveRefused`) with the reason; then nothing is saved and no file is left in storage."""
    stored: list[str] = []

    def store(record: dict, content: bytes) -> str:
        extension = os.path.splitext(record["original_name"])[1].lower()
        name = default_storage.save(
            f"attachments/{school.pk}/{uuid.uuid4().hex}{extension}", ContentFile(content)
        )
        stored.append(name)
        return name

    try:
        with transaction.atomic():
            School.objects.select_for_update().filter(pk=school.pk).first()
            held = school_contents(school)
            if held:
                raise RestoreRefused(not_empty_message(held))
            plan = read_school_archive(source, attachment_sink=store)
            indicators, standards = _check_against_database(plan, school, librarian)
            if plan.problems:
                raise RestoreRefused(
                    f"{len(plan.problems)} problem(s) in the export, so nothing was restored. "
                    f"The first: {plan.problems[0]}"
                )
            try:
                with transaction.atomic():
                    _save(plan, school, librarian, indicators, standards, progress)
            except IntegrityError as clash:
                raise RestoreRefused(
                    "The export holds two records that cannot both exist (the same person's login twice, "
                    "or the same month twice), so nothing was restored."
                ) from clash
            school_data_changed(school)
    except BaseException:
        for name in stored:  # the rows pointing at them were rolled back
            default_storage.delete(name)
        raise
    return RestoreResult(_counts(plan))


def _save(plan: RestorePlan, school: School, librarian, indicators, standards, progress) -> None:
    members = _members(school)
    staff_ids: dict[str, int] = {}
    for record in plan.staff:
        member = _refused_as_restore(
            f"staff.csv, line {record['line']}",
            staff_create,
            school=school,
            name=record["name"],
            title=record["title"],
            department=record["department"],
            grades=record["grades"],
            email=record["email"],
            user_id=members.get(record["login"]) if record["login"] else None,
            active=record["active"],
            roster_source_id=record.get("roster_id") or "",
        )
        staff_ids.setdefault(member.name, member.pk)
    unit_ids = _save_units(plan, school, librarian, members, staff_ids, progress)
    _save_plan_rows(plan, unit_ids, indicators, standards, librarian, staff_ids)
    statistics = [MonthlyStatistics(school=school, **_fields(record)) for record in plan.statistics]
    for row, record in zip(statistics, plan.statistics, strict=True):
        _refused_as_restore(f"monthly_statistics.csv, line {record['line']}", row.full_clean)
    bulk_create_with_history(
        statistics, MonthlyStatistics, default_user=librarian, default_change_reason=RESTORED_REASON
    )
    users = get_user_model().objects.in_bulk(list(set(members.values())))

    def refuse(where, error):
        raise RestoreRefused(f"{where}: {' '.join(error.messages)} Nothing was restored.") from error

    reflections_restore(
        school=school,
        rows=plan.rows,
        author_of=lambda login: users.get(members.get(login), librarian),
        refuse=refuse,
    )


def _fields(record: dict) -> dict:
    return {key: value for key, value in record.items() if key not in ("line", "unit_id")}


def _refused_as_restore(where: str, function, *args, **kwargs):
    try:
        return function(*args, **kwargs)
    except ValidationError as error:
        raise RestoreRefused(f"{where}: {' '.join(error.messages)} Nothing was restored.") from error


def _save_units(plan, school, librarian, members, staff_ids, progress) -> dict[int, int]:
    """Units by librarian (each is credited to its own librarian when that login is a member here);
    returns the new unit id by the export's unit id."""
    gaps = defaultdict(list)
    for record in plan.rows["gaps.csv"]:
        gaps[record["unit_id"]].append(GapRow(record["content_area"], record["performance_indicator"]))
    by_librarian = defaultdict(list)
    for unit in plan.units:
        # A unit whose librarian's login was removed stays without one; a login not here is the restorer.
        login = unit["librarian"]
        by_librarian[members.get(login, librarian.pk) if login else None].append(unit)
    users = get_user_model().objects.in_bulk([pk for pk in by_librarian if pk])
    unit_ids: dict[int, int] = {}
    for user_id, units in by_librarian.items():
        new_units = [
            NewUnit(
                title=unit["title"],
                start_date=unit["start_date"],
                end_date=unit["end_date"],
                level=unit["level"],
                status=unit["status"],
                grades=unit["grades"],
                teacher_ids=tuple(staff_ids[name] for name in unit["teachers"] if name in staff_ids),
                # A partner missing from staff.csv (an older export) is added to the directory by name.
                named_teachers=tuple(
                    NamedTeacher(name) for name in unit["teachers"] if name not in staff_ids
                ),
                gaps=tuple(gaps[unit["pk"]]),
                texts=PlanTexts(**{key: unit.get(key, "") for key in PlanTexts().as_dict()}),
            )
            for unit in units
        ]
        try:
            created = units_create(
                school=school, created_by=users.get(user_id), units=new_units, progress=progress
            )
        except UnitRefused as refused:
            record = units[refused.index]
            raise RestoreRefused(
                f"units.csv, line {record['line']}: {' '.join(refused.messages)} Nothing was restored."
            ) from refused
        for unit, record in zip(created, units, strict=True):
            unit_ids[record["pk"]] = unit.pk
            unit.created_at, unit.updated_at = record["created_at"], record["updated_at"]
        # bulk_update does not run auto_now: the export's times are kept.
        Unit.all_objects.bulk_update(created, ["created_at", "updated_at"], batch_size=500)
    return unit_ids


def _save_plan_rows(plan, unit_ids, indicators, standards, librarian, staff_ids) -> None:
    rows = plan.rows
    order: dict[tuple[str, int], int] = defaultdict(int)

    def built(model, name):
        objects = []
        for record in rows[name]:
            unit_id = unit_ids[record["unit_id"]]
            position = order[(name, unit_id)]
            order[(name, unit_id)] += 1
            fields = _fields(record)
            if "partner" in fields:  # a duty's named partner, by name as in staff.csv
                name = fields.pop("partner")
                fields["partner_id"] = staff_ids.get(name) if name else None
            item = model(unit_id=unit_id, order=position, **fields)
            _refused_as_restore(f"{name}, line {record['line']}", item.full_clean, exclude=["unit"])
            objects.append(item)
        return objects

    Duty.objects.bulk_create(built(Duty, "duties.csv"), batch_size=500)
    Resource.objects.bulk_create(built(Resource, "resources.csv"), batch_size=500)
    links_2007, links_2018 = [], []
    for record in rows["standards.csv"]:
        unit_id = unit_ids[record["unit_id"]]
        if record["set_2018"] == "":
            links_2007.append(
                Unit.standards_2007.through(unit_id=unit_id, indicator2007_id=indicators[record["code"]])
            )
        else:
            standard_id = standards[(record["set_2018"], record["code"])]
            links_2018.append(Unit.standards_2018.through(unit_id=unit_id, standard2018_id=standard_id))
    Unit.standards_2007.through.objects.bulk_create(links_2007, ignore_conflicts=True)
    Unit.standards_2018.through.objects.bulk_create(links_2018, ignore_conflicts=True)
    Attachment.objects.bulk_create(
        [
            Attachment(
                unit_id=unit_ids[record["unit_id"]],
                kind=record["kind"],
                file=plan.attachment_files[record["path"]],
                original_name=record["original_name"],
                size=record["size"],
                uploaded_by=librarian,
            )
            for record in rows["attachments.csv"]
            if record["path"] in plan.attachment_files
        ],
        batch_size=500,
    )
