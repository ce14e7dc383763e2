"""The plain data the unit services take (units/services.py, units/plan_services.py).

Small frozen dataclasses, so a page (through its form), an import and a job describe a unit the same way,
and nothing the services receive is a form, a queryset or a model instance.
"""

import datetime as dt
from dataclasses import dataclass, fields

# The planning template's text sections, in the template's order (DOMAIN.md), by model field name.
PLAN_TEXT_FIELDS = (
    "overview",
    "time_frame",
    "content_standards",
    "learning_product",
    "assessment_what",
    "assessment_who",
    "assessment_how",
    "adaptations_challenged",
    "adaptations_gifted",
    "adaptations_ell",
    "adaptations_learning_styles",
    "extensions",
)


@dataclass(frozen=True)
class PlanTexts:
    overview: str = ""
    time_frame: str = ""
    content_standards: str = ""
    learning_product: str = ""
    assessment_what: str = ""
    assessment_who: str = ""
    assessment_how: str = ""
    adaptations_challenged: str = ""
    adaptations_gifted: str = ""
    adaptations_ell: str = ""
    adaptations_learning_styles: str = ""
    extensions: str = ""

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in PLAN_TEXT_FIELDS}


assert tuple(field.name for field in fields(PlanTexts)) == PLAN_TEXT_FIELDS


@dataclass(frozen=True)
class GapRow:
    """An area of deficit / gap in test data."""

    content_area: str
    performance_indicator: str


@dataclass(frozen=True)
class DutyRow:
    """One line of the cooperative teaching plan."""

    owner: str  # units.models.DutyOwner
    description: str
    addresses_gap: bool = False
    partner_id: int | None = None  # a named partner teacher: one of the unit's partners after the save


@dataclass(frozen=True)
class ResourceRow:
    kind: str  # units.models.ResourceKind
    citation: str
    url: str = ""


@dataclass(frozen=True)
class NamedTeacher:
    """A partner named rather than chosen: found in the staff directory by name, or added to it."""

    name: str
    title: str = ""  # kept only when the teacher is added


@dataclass(frozen=True)
class NewUnit:
    """A unit to create: its header, rubric level, partners, grades, test-data gaps and plan texts."""

    title: str
    start_date: dt.date
    end_date: dt.date | None = None
    level: int | None = None
    status: str | None = None  # None: from the date (units.services.unit_status_for)
    grades: tuple[int, ...] = ()  # Grade orders (PreK is -1, K is 0)
    teacher_ids: tuple[int, ...] = ()  # staff of the unit's school
    named_teachers: tuple[NamedTeacher, ...] = ()
    gaps: tuple[GapRow, ...] = ()
    texts: PlanTexts = PlanTexts()
