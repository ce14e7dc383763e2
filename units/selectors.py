"""Reads for the unit pages and the unit PDF, returned as plain dataclasses so templates never query."""

import datetime as dt
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch, Q

from collabtrack.grades import grade_span
from collabtrack.models import School, StaffMember
from collabtrack.people import display_name
from units.history import NOT_SHOWN, read_reason
from units.levels import level_name
from units.models import Attachment, Duty, DutyOwner, ResourceKind, Unit

UNITS_PER_PAGE = 25
SORTS = {
    "date": ("start_date", "title"),
    "-date": ("-start_date", "title"),
    "title": ("title", "-start_date"),
    "level": ("level", "-start_date"),
    "-level": ("-level", "-start_date"),
    "status": ("status", "-start_date"),
}
DEFAULT_SORT = "-date"
LIBRARIAN_TITLE = "Library media specialist"


@dataclass(frozen=True)
class UnitFilters:
    year_range: tuple[dt.date, dt.date] | None = None
    month: int | None = None
    grade: int | None = None
    level: int | None = None
    teacher_id: int | None = None
    status: str = ""
    text: str = ""
    sort: str = DEFAULT_SORT


@dataclass(frozen=True)
class UnitRow:
    pk: int
    title: str
    start_date: dt.date
    end_date: dt.date | None
    grades: str
    teachers: list[str]
    level: int | None
    level_name: str
    status: str


@dataclass
class UnitListPage:
    rows: list[UnitRow]
    page: Page
    total: int


def _unit_queryset(school: School, filters: UnitFilters):
    units = Unit.objects.filter(school=school)
    if filters.year_range:
        units = units.filter(start_date__range=filters.year_range)
    if filters.month:
        units = units.filter(start_date__month=filters.month)
    if filters.grade is not None:
        units = units.filter(grades__order=filters.grade)
    if filters.level:
        units = units.filter(level=filters.level)
    if filters.teacher_id:
        units = units.filter(teachers__pk=filters.teacher_id)
    if filters.status:
        units = units.filter(status=filters.status)
    if filters.text:
        text = filters.text
        units = units.filter(
            Q(title__icontains=text)
            | Q(overview__icontains=text)
            | Q(learning_product__icontains=text)
            | Q(teachers__name__icontains=text)
        )
    # The joins above can repeat a unit; ids in a subquery keep one row per unit and a plain ORDER BY.
    return Unit.objects.filter(pk__in=units.values("pk")).order_by(
        *SORTS.get(filters.sort, SORTS[DEFAULT_SORT])
    )


def unit_list(*, school: School, filters: UnitFilters, page_number) -> UnitListPage:
    """One page of the school's units: a count, the page, and one prefetch each for grades and teachers,
    however many units there are."""
    units = _unit_queryset(school, filters).prefetch_related(
        "grades", Prefetch("teachers", queryset=StaffMember.objects.order_by("name"))
    )
    page = Paginator(units, UNITS_PER_PAGE).get_page(page_number)
    rows = [
        UnitRow(
            pk=unit.pk,
            title=unit.title,
            start_date=unit.start_date,
            end_date=unit.end_date,
            grades=grade_span(grade.order for grade in unit.grades.all()),
            teachers=[teacher.name for teacher in unit.teachers.all()],
            level=unit.level,
            level_name=level_name(unit.level),
            status=unit.get_status_display(),
        )
        for unit in page.object_list
    ]
    return UnitListPage(rows=rows, page=page, total=page.paginator.count)


def deleted_units(*, school: School) -> list[Unit]:
    return list(Unit.all_objects.filter(school=school, deleted_at__isnull=False).order_by("-deleted_at"))


@dataclass(frozen=True)
class Section:
    name: str
    anchor: str
    filled: bool


@dataclass(frozen=True)
class Completeness:
    sections: list[Section]

    @property
    def filled(self) -> int:
        return sum(section.filled for section in self.sections)

    @property
    def total(self) -> int:
        return len(self.sections)

    @property
    def percent(self) -> int:
        return round(100 * self.filled / self.total)

    @property
    def missing(self) -> list[Section]:
        return [section for section in self.sections if not section.filled]


@dataclass(frozen=True)
class Partner:
    name: str
    title: str


@dataclass(frozen=True)
class DutyLine:
    owner: str
    description: str
    addresses_gap: bool
    partner: str = ""  # the named partner teacher whose duty it is, if any


@dataclass(frozen=True)
class ResourceLine:
    citation: str
    url: str


@dataclass(frozen=True)
class ResourceGroup:
    label: str
    items: list[ResourceLine]


@dataclass(frozen=True)
class AttachmentLine:
    pk: int
    name: str
    kind: str
    size: int


@dataclass
class UnitPlan:
    """The unit laid out like the planning template, for the unit page and the unit PDF alike."""

    unit: Unit
    school_name: str
    librarian_name: str
    librarian_title: str
    teachers: list[Partner]
    grades: str
    level_name: str
    gaps: list[tuple[str, str]]
    standards_2007: list[str]
    standards_2018: list[str]
    duties: dict[str, list[DutyLine]]  # "librarian", "teacher", "both"
    resources: list[ResourceGroup]
    attachments: list[AttachmentLine]
    completeness: Completeness = field(init=False)

    def __post_init__(self):
        unit = self.unit
        aasl = bool(self.standards_2007 or self.standards_2018)
        assessment = bool(unit.assessment_what or unit.assessment_who or unit.assessment_how)
        self.completeness = Completeness(
            [
                Section("Teacher partners", "partners", bool(self.teachers)),
                Section("Grade levels", "grades", bool(self.grades)),
                Section("Unit overview", "overview", bool(unit.overview.strip())),
                Section("Time frame", "time-frame", bool(unit.end_date)),
                Section("Areas of deficit / gaps in test data", "gaps", bool(self.gaps)),
                Section("Content area standards", "content-standards", bool(unit.content_standards.strip())),
                Section("Standards for the 21st-Century Learner", "aasl", aasl),
                Section("Cooperative teaching plan", "plan", any(self.duties.values())),
                Section("Resources", "resources", bool(self.resources)),
                Section("Learning product", "product", bool(unit.learning_product.strip())),
                Section("Assessment overview", "assessment", assessment),
                Section("Adaptations and extensions", "adaptations", bool(
                    unit.adaptations_challenged or unit.adaptations_gifted or unit.adaptations_ell
                    or unit.adaptations_learning_styles or unit.extensions
                )),
                Section("Attachments", "attachments", bool(self.attachments)),
                Section("Level of partnership", "level", bool(unit.level)),
            ]
        )  # fmt: skip

    @property
    def has_gap_duties(self) -> bool:
        return any(duty.addresses_gap for duties in self.duties.values() for duty in duties)


def unit_plan(*, unit: Unit) -> UnitPlan:
    unit = (
        Unit.all_objects.select_related("school", "librarian")
        .prefetch_related(
            "grades",
            Prefetch("teachers", queryset=StaffMember.objects.order_by("name")),
            "gaps",
            Prefetch("duties", queryset=Duty.objects.select_related("partner")),
            "resources",
            "standards_2007",
            "standards_2018",
            Prefetch("attachments", queryset=Attachment.objects.order_by("kind", "original_name")),
        )
        .get(pk=unit.pk)
    )
    librarian = unit.librarian
    librarian_entry = (
        StaffMember.objects.filter(school=unit.school, user=librarian).first() if librarian else None
    )
    # A named partner is one of the unit's partners; one who has left them keeps their name on the duty.
    partners = {teacher.pk: teacher.name for teacher in unit.teachers.all()}
    partners.update({duty.partner_id: duty.partner.name for duty in unit.duties.all() if duty.partner})
    duties: dict[str, list[DutyLine]] = {owner: [] for owner in DutyOwner.values}
    for duty in unit.duties.all():
        partner = partners.get(duty.partner_id, "")
        duties[duty.owner].append(
            DutyLine(duty.get_owner_display(), duty.description, duty.addresses_gap, partner)
        )
    resources = []
    for kind, label in ResourceKind.choices:
        items = [ResourceLine(r.citation, r.url) for r in unit.resources.all() if r.kind == kind]
        if items:
            resources.append(ResourceGroup(label, items))
    return UnitPlan(
        unit=unit,
        school_name=unit.school.name,
        librarian_name=display_name(librarian),
        librarian_title=(
            librarian_entry.title if librarian_entry and librarian_entry.title else LIBRARIAN_TITLE
        ),
        teachers=[Partner(t.name, t.title) for t in unit.teachers.all()],
        grades=grade_span(grade.order for grade in unit.grades.all()),
        level_name=f"{unit.level}. {level_name(unit.level)}" if unit.level else "Not rated yet",
        gaps=[(gap.content_area, gap.performance_indicator) for gap in unit.gaps.all()],
        standards_2007=[indicator.number for indicator in unit.standards_2007.all()],
        standards_2018=[str(entry) for entry in unit.standards_2018.all()],
        duties=duties,
        resources=resources,
        attachments=[
            AttachmentLine(a.pk, a.original_name, a.get_kind_display(), a.size)
            for a in unit.attachments.all()
        ],
    )


@dataclass(frozen=True)
class HistoryEntry:
    when: dt.datetime
    who: str
    what: str
    changes: list[str]

    @property
    def summary(self) -> str:
        """What happened and, whole, every field it changed (the same list as `changes`)."""
        return f"{self.what}: {', '.join(self.changes)}" if self.changes else self.what


def unit_history(*, unit: Unit, limit: int = 20) -> list[HistoryEntry]:
    """Who changed the unit, when, and which fields (newest first)."""
    records = list(
        unit.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        columns = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=list(NOT_SHOWN))
            columns = [change.field for change in delta.changes]
        reason = (
            record.history_change_reason
            or {"+": "Created", "~": "Changed", "-": "Deleted"}[record.history_type]
        )
        what, changes = read_reason(reason, columns)
        entries.append(
            HistoryEntry(
                when=record.history_date,
                who=display_name(record.history_user) or "—",
                what=what,
                changes=changes,
            )
        )
    return entries


def partner_entry(*, school: School, user) -> StaffMember | None:
    """The user's own entry in the school's staff directory: the teacher the unit list starts from."""
    return StaffMember.objects.filter(school=school, user=user).first()
