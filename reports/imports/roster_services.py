"""Importing a staff roster: the preview (what each row will do to the staff directory) and the
all-or-nothing save, through the staff page's own services (collabtrack.services staff_create and
staff_update).

A roster row is matched to a directory entry by its OneRoster sourcedId, else by e-mail (ignoring case),
else by name (`match_key`); an entry already tied to another sourcedId is never matched by e-mail or name.
An import sets the name, e-mail, grades and whether the entry is active; the title only on a new entry
(or from a plain list's title column): what the librarian wrote stays. A disabled user becomes inactive;
in a full OneRoster export, an active entry whose sourcedId is no longer among the school's rows becomes
inactive too. Nobody is ever deleted. Entries added by hand (no sourcedId) are left alone by omission.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse

from collabtrack.grades import grade_span
from collabtrack.invitations import invitation_create
from collabtrack.jobs import JobOutcome, JobRefused, Progress
from collabtrack.models import Job, Role, School, StaffMember
from collabtrack.services import staff_create, staff_update
from collabtrack.text import match_key
from reports.imports import staging
from reports.imports.roster_parse import Org, Roster, RosterRow

KIND = "roster"
JOB_KIND = "roster_import"
NEW, UPDATE, UNCHANGED, SKIP = "new", "update", "unchanged", "skip"


class RosterImportRefused(Exception):
    """The roster cannot be saved as it is; the message says why, and nothing was saved."""


@dataclass
class PreviewRow:
    row: RosterRow
    action: str = NEW
    changes: list[str] = field(default_factory=list)
    member: StaffMember | None = None


@dataclass
class RosterPreview:
    rows: list[PreviewRow]
    inactivated: list[StaffMember]
    other_schools: int  # staff rows of the file that belong to other schools
    students: int
    not_staff: int
    full: bool
    org: Org | None
    needs_org: bool  # the file names several schools and none is known to be this one

    @property
    def rows_with_problems(self) -> list[PreviewRow]:
        return [item for item in self.rows if item.row.problems]

    def count(self, action: str) -> int:
        return sum(1 for item in self.rows if item.action == action and not item.row.problems)

    @property
    def new_count(self) -> int:
        return self.count(NEW)

    @property
    def update_count(self) -> int:
        return self.count(UPDATE)

    @property
    def unchanged_count(self) -> int:
        return self.count(UNCHANGED)

    @property
    def skip_count(self) -> int:
        return self.count(SKIP)

    @property
    def changes(self) -> int:
        return self.count(NEW) + self.count(UPDATE) + len(self.inactivated)

    @property
    def can_import(self) -> bool:
        return not self.needs_org and not self.rows_with_problems and self.changes > 0


@dataclass(frozen=True)
class RosterImportResult:
    created: int
    updated: int
    inactivated: int
    new_members: list[StaffMember] = field(default_factory=list)


def school_orgs(roster: Roster) -> list[Org]:
    """The organisations staff rows belong to, named from orgs.csv when it has them."""
    named = {org.source_id: org for org in roster.orgs}
    used = dict.fromkeys(org for row in roster.rows for org in row.orgs)
    orgs = [named.get(source_id, Org(source_id, "", "")) for source_id in used]
    return sorted(orgs, key=lambda org: (org.name.casefold() or "~", org.source_id))


def resolve_org(*, school: School, roster: Roster, chosen: str = "") -> tuple[Org | None, bool]:
    """(this school's org, whether the librarian must choose it): the one chosen on the preview, else
    the one stored on the school, else an org named as the school, else the only one."""
    if roster.format != "oneroster":
        return None, False
    orgs = school_orgs(roster)
    by_id = {org.source_id: org for org in orgs}
    for source_id in (chosen, school.roster_source_id):
        if source_id and source_id in by_id:
            return by_id[source_id], False
    same_name = [org for org in orgs if org.name and match_key(org.name) == match_key(school.name)]
    if len(same_name) == 1:
        return same_name[0], False
    if len(orgs) == 1:
        return orgs[0], False
    return None, bool(orgs)


class _Directory:
    """The school's directory entries, indexed the three ways a row is matched."""

    def __init__(self, school: School):
        self.members = list(
            StaffMember.objects.filter(school=school).prefetch_related("grades").order_by("pk")
        )
        self.claimed: set[int] = set()
        self.by_id, self.by_email, self.by_name = {}, {}, {}
        for member in self.members:
            if member.roster_source_id:
                self.by_id.setdefault(member.roster_source_id, member)
            if member.email:
                self.by_email.setdefault(member.email.casefold(), member)
            self.by_name.setdefault(match_key(member.name), member)

    def match(self, row: RosterRow) -> StaffMember | None:
        candidates = [self.by_id.get(row.source_id)] if row.source_id else []
        for index, key in ((self.by_email, row.email.casefold()), (self.by_name, match_key(row.name))):
            member = index.get(key) if key else None
            # A roster row never takes another roster person's entry; a plain list's row has no id to clash.
            tied_elsewhere = row.source_id and member and member.roster_source_id not in ("", row.source_id)
            if member and not tied_elsewhere:
                candidates.append(member)
        for member in candidates:
            if member and member.pk not in self.claimed:
                self.claimed.add(member.pk)
                return member
        return None


def _changes(row: RosterRow, member: StaffMember, plain: bool) -> list[str]:
    grades = sorted(grade.order for grade in member.grades.all())
    changes = []
    if row.name != member.name:
        changes.append(f"name {member.name} → {row.name}")
    if row.email and row.email != member.email:
        changes.append(f"e-mail {member.email or '(none)'} → {row.email}")
    if plain and row.title and row.title != member.title:
        changes.append(f"title {member.title or '(none)'} → {row.title}")
    if row.grades and row.grades != grades:
        changes.append(f"grades {grade_span(grades) or '(none)'} → {grade_span(row.grades)}")
    if row.active != member.active:
        changes.append("active again" if row.active else "inactive (disabled in the roster)")
    if row.source_id and row.source_id != member.roster_source_id:
        changes.append("linked to the roster")
    return changes


def roster_preview(*, school: School, roster: Roster, chosen_org: str = "") -> RosterPreview:
    """What importing `roster` would do to the school's directory. Two queries whatever its size."""
    org, needs_org = resolve_org(school=school, roster=roster, chosen=chosen_org)
    rows = roster.rows
    if roster.format == "oneroster" and not needs_org:
        rows = [row for row in roster.rows if org is None or org.source_id in row.orgs]
    elif needs_org:
        rows = []
    directory = _Directory(school)
    plain = roster.format == "plain"
    preview_rows = []
    for row in rows:
        member = directory.match(row)
        if member is None:
            action = NEW if row.active else SKIP
            preview_rows.append(PreviewRow(row, action))
        else:
            changes = _changes(row, member, plain)
            preview_rows.append(PreviewRow(row, UPDATE if changes else UNCHANGED, changes, member))
    inactivated = []
    if roster.format == "oneroster" and roster.full and not needs_org:
        present = {row.source_id for row in rows}
        inactivated = [
            member
            for member in directory.members
            if member.active and member.roster_source_id and member.roster_source_id not in present
        ]
    return RosterPreview(
        rows=preview_rows,
        inactivated=inactivated,
        other_schools=len(roster.rows) - len(rows) if not needs_org else 0,
        students=roster.students,
        not_staff=roster.not_staff,
        full=roster.full,
        org=org,
        needs_org=needs_org,
    )


def _apply(school: School, item: PreviewRow, plain: bool) -> StaffMember | None:
    """The row's change through the staff services; the new entry when one is created."""
    row, member = item.row, item.member
    if item.action == NEW:
        return staff_create(
            school=school,
            name=row.name,
            title=row.title,
            grades=row.grades,
            email=row.email,
            active=row.active,
            roster_source_id=row.source_id,
        )
    elif item.action == UPDATE:
        staff_update(
            staff_member=member,
            name=row.name,
            title=row.title if plain and row.title else member.title,
            department=member.department,
            grades=row.grades or [grade.order for grade in member.grades.all()],
            email=row.email or member.email,
            user_id=member.user_id,
            active=row.active,
            roster_source_id=row.source_id or member.roster_source_id,
        )
    return None


@transaction.atomic
def roster_import_save(
    *, school: School, roster: Roster, chosen_org: str = "", progress=None
) -> RosterImportResult:
    """Every change of the preview, in one transaction: a row the directory refuses saves nothing."""
    preview = roster_preview(school=school, roster=roster, chosen_org=chosen_org)  # again: things change
    if preview.needs_org:
        raise RosterImportRefused("Choose which school of the roster is yours; nothing was saved.")
    if preview.rows_with_problems:
        count = len(preview.rows_with_problems)
        rows = "1 row has" if count == 1 else f"{count} rows have"
        raise RosterImportRefused(f"{rows} problems; nothing was saved.")
    work = [item for item in preview.rows if item.action in (NEW, UPDATE)]
    total = len(work) + len(preview.inactivated)
    plain = roster.format == "plain"
    new_members = []
    for done, item in enumerate(work):
        try:
            created = _apply(school, item, plain)
        except ValidationError as refused:
            problems = " ".join(refused.messages)
            raise RosterImportRefused(f"Line {item.row.line}: {problems} Nothing was saved.") from refused
        if created is not None:
            new_members.append(created)
        if progress:
            progress(done + 1, total, "staff saved")
    for member in preview.inactivated:
        try:
            _apply(school, PreviewRow(_as_inactive(member), UPDATE, member=member), plain)
        except ValidationError as refused:
            problems = " ".join(refused.messages)
            raise RosterImportRefused(f"{member.name}: {problems} Nothing was saved.") from refused
    if preview.org and preview.org.source_id != school.roster_source_id:
        School.objects.filter(pk=school.pk).update(roster_source_id=preview.org.source_id)
    if progress:
        progress(total, total, "staff saved")
    return RosterImportResult(
        created=preview.count(NEW),
        updated=preview.count(UPDATE),
        inactivated=len(preview.inactivated),
        new_members=new_members,
    )


def roster_invite_new(*, sender, school: School, members: list[StaffMember]) -> int:
    """Invite, as teachers, the new entries that are active and have an e-mail (collabtrack.invitations:
    an address that already has a login gets the membership instead). Returns how many were invited."""
    invited = 0
    for member in members:
        if member.active and member.email:
            invitation_create(sender=sender, school=school, email=member.email, role=Role.TEACHER)
            invited += 1
    return invited


def _as_inactive(member: StaffMember) -> RosterRow:
    """An entry missing from a full export, as a row that changes nothing but `active`."""
    return RosterRow(line=0, name=member.name, email=member.email, active=False, source_id="")


def import_summary(result: RosterImportResult, filename: str, invited: int | None = None) -> str:
    parts = [f"{result.created} added", f"{result.updated} updated", f"{result.inactivated} made inactive"]
    summary = f"Staff directory updated from {filename}: {', '.join(parts)}."
    return summary if invited is None else f"{summary} {invited} invited to sign in."


def roster_import_job(job: Job, progress: Progress) -> JobOutcome:
    """The confirmed roster saved by the worker (registered in reports/jobs.py)."""
    token = job.parameters["token"]
    data = staging.load_for_job(kind=KIND, token=token, school_id=job.school_id, user_id=job.user_id)
    if data is None:
        raise JobRefused("The uploaded roster is no longer waiting (files wait a day and are saved once).")
    invite = bool(job.parameters.get("invite"))
    try:
        with transaction.atomic():  # the invitations too: all or nothing (their mail leaves on commit)
            result = roster_import_save(
                school=job.school,
                roster=Roster.from_dict(data["roster"]),
                chosen_org=data.get("org", ""),
                progress=progress,
            )
            invited = (
                roster_invite_new(sender=job.user, school=job.school, members=result.new_members)
                if invite
                else None
            )
    except RosterImportRefused as refusal:
        raise JobRefused(str(refusal)) from refusal
    except (PermissionDenied, ValidationError) as refusal:  # from the invitations
        raise JobRefused(f"The invitations could not be sent ({refusal}); nothing was saved.") from refusal
    staging.forget(token)
    return JobOutcome(message=import_summary(result, data["filename"], invited), url=reverse("staff_list"))


@dataclass(frozen=True)
class PastImport:
    when: object
    who: str
    status: str
    message: str


def roster_history(school: School, limit: int = 10) -> list[PastImport]:
    """The school's latest roster imports, newest first, with how each went (the jobs are the history)."""
    from collabtrack.people import display_name

    jobs = Job.objects.filter(school=school, kind=JOB_KIND).select_related("user")[:limit]
    return [
        PastImport(
            job.created_at,
            display_name(job.user),
            job.get_status_display(),
            job.result_message or job.failure,
        )
        for job in jobs
    ]
