"""Reads for the reflection pages, the home-page badge and the portfolio PDF (plain dataclasses; templates
never query).

Evidence period: a self-assessment is held against the unit log of its school year up to the day it was
written ("so far this year"). That is what the librarian could see when choosing a level, it lines up with
the principal's annual report, and two self-assessments of different years never share units. A
self-assessment written between two school years (in the summer) is held against the whole year just
ended, the year it looks back on. The same rule assigns reflections to a year for the portfolio.
"""

import datetime as dt
from dataclasses import dataclass, field

from collabtrack.models import School
from collabtrack.people import display_name
from collabtrack.schoolyear import SchoolYear
from taxonomy.access import reflections_visible_to
from taxonomy.checklists import BENEFIT_CHECKLISTS, STRATEGY_CHECKLISTS, STRATEGY_TEXTS, RoadblockCategory
from taxonomy.lms_levels import TAXONOMY_LEVELS_BY_NUMBER, TaxonomyLevel, next_level
from taxonomy.models import BenefitsReflection, RoadblocksReflection, TaxonomyReflection
from units.activity import UnitActivity, unit_activity


def reflection_year(school: School, day: dt.date) -> SchoolYear:
    """The school year a reflection belongs to: the one containing its date, or the one just ended."""
    return school.current_school_year(day)


def reflection_year_range(year: SchoolYear) -> tuple[dt.date, dt.date]:
    """All dates whose reflections belong to `year`: its first day up to the day before the next year."""
    return year.start_date, year.next().start_date - dt.timedelta(days=1)


def evidence_period(school: School, day: dt.date) -> tuple[dt.date, dt.date]:
    year = reflection_year(school, day)
    return year.start_date, min(day, year.end_date)


@dataclass(frozen=True)
class SelfAssessment:
    pk: int
    reflected_on: dt.date
    level: TaxonomyLevel
    next_level: TaxonomyLevel | None
    working_well: str
    greatest_success: str
    next_level_needs: str
    shared_with_principal: bool
    author_name: str
    school_year: SchoolYear
    evidence: UnitActivity


@dataclass(frozen=True)
class LevelChart:
    """Level over time as data (oldest first); collabtrack.charts draws it (taxonomy_tags.level_chart_svg)."""

    points: list[tuple[dt.date, int]]
    description: str


@dataclass(frozen=True)
class TaxonomyHistory:
    entries: list[SelfAssessment]  # newest first
    chart: LevelChart | None


def self_assessment(reflection: TaxonomyReflection) -> SelfAssessment:
    """One self-assessment with the unit log's evidence for its period (three queries, in unit_activity)."""
    school = reflection.school
    start, end = evidence_period(school, reflection.reflected_on)
    return SelfAssessment(
        pk=reflection.pk,
        reflected_on=reflection.reflected_on,
        level=TAXONOMY_LEVELS_BY_NUMBER[reflection.level],
        next_level=next_level(reflection.level),
        working_well=reflection.working_well,
        greatest_success=reflection.greatest_success,
        next_level_needs=reflection.next_level_needs,
        shared_with_principal=reflection.shared_with_principal,
        author_name=display_name(reflection.author),
        school_year=reflection_year(school, reflection.reflected_on),
        evidence=unit_activity(school, start, end),
    )


def level_chart(points: list[tuple[dt.date, int]]) -> LevelChart | None:
    """The self-assessments' levels (1-10) by date, for the chart of level over time; None without any."""
    if not points:
        return None
    points = sorted(points)
    description = "; ".join(f"{d:%B %-d, %Y}: level {n}" for d, n in points)
    return LevelChart(points=points, description=f"Taxonomy level over time. {description}.")


def taxonomy_history(membership, *, until: dt.date | None = None) -> TaxonomyHistory:
    """The acting user's visible self-assessments, newest first, each with its evidence, and the chart.

    1 query for the reflections, then 3 per self-assessment for its evidence (units.activity)."""
    reflections = reflections_visible_to(membership, TaxonomyReflection).select_related("author", "school")
    if until:
        reflections = reflections.filter(reflected_on__lte=until)
    entries = [self_assessment(reflection) for reflection in reflections]
    chart = level_chart([(entry.reflected_on, entry.level.number) for entry in entries])
    return TaxonomyHistory(entries=entries, chart=chart)


@dataclass(frozen=True)
class LatestLevel:
    level: TaxonomyLevel
    next_level: TaxonomyLevel | None
    reflected_on: dt.date


def latest_level(membership) -> LatestLevel | None:
    """The librarian's most recent self-assessment level (one query), for the home page."""
    reflection = reflections_visible_to(membership, TaxonomyReflection).only("level", "reflected_on").first()
    if reflection is None:
        return None
    return LatestLevel(
        level=TAXONOMY_LEVELS_BY_NUMBER[reflection.level],
        next_level=next_level(reflection.level),
        reflected_on=reflection.reflected_on,
    )


@dataclass(frozen=True)
class CheckedItem:
    text: str
    checked: bool
    key: str = ""


@dataclass(frozen=True)
class CheckedList:
    title: str
    items: list[CheckedItem]

    @property
    def checked_count(self) -> int:
        return sum(item.checked for item in self.items)


@dataclass(frozen=True)
class BenefitsView:
    pk: int
    reflected_on: dt.date
    shared_with_principal: bool
    author_name: str
    answers: list[tuple[str, str]]  # (question, answer)
    checklists: list[CheckedList]


def benefits_view(reflection: BenefitsReflection) -> BenefitsView:
    seen = set(reflection.benefits_seen or [])
    answers = [
        (BenefitsReflection._meta.get_field(name).verbose_name, getattr(reflection, name))
        for name in ("teachers", "librarians", "students", "test_data")
    ]
    return BenefitsView(
        pk=reflection.pk,
        reflected_on=reflection.reflected_on,
        shared_with_principal=reflection.shared_with_principal,
        author_name=display_name(reflection.author),
        answers=answers,
        checklists=[
            CheckedList(
                title=checklist.title,
                items=[CheckedItem(item.text, item.key in seen, item.key) for item in checklist.items],
            )
            for checklist in BENEFIT_CHECKLISTS
        ],
    )


@dataclass(frozen=True)
class RoadblockRow:
    position: int
    explanation: str
    category: str
    category_label: str
    potential_solution: str


@dataclass(frozen=True)
class ActionRow:
    pk: int
    text: str
    category_label: str
    due_on: dt.date
    done_on: dt.date | None
    from_checklist: bool


@dataclass(frozen=True)
class StrategyGroup:
    """A category's strategy checklist, each strategy marked when it has become an action item."""

    category: str
    title: str
    strategies: list[CheckedItem]


@dataclass(frozen=True)
class RoadblocksView:
    pk: int
    reflected_on: dt.date
    shared_with_principal: bool
    author_name: str
    roadblocks: list[RoadblockRow]
    strategy_groups: list[StrategyGroup]
    action_items: list[ActionRow]
    actions_done: int = field(default=0)


def roadblocks_view(reflection: RoadblocksReflection) -> RoadblocksView:
    """Two queries: the roadblocks and the action items."""
    roadblocks = list(reflection.roadblocks.all())
    items = list(reflection.action_items.all())
    planned = {item.strategy for item in items if item.strategy}
    categories = list(dict.fromkeys(roadblock.category for roadblock in roadblocks))
    groups = [
        StrategyGroup(
            category=category,
            title=STRATEGY_CHECKLISTS[category].title,
            strategies=[
                CheckedItem(item.text, item.key in planned, item.key)
                for item in STRATEGY_CHECKLISTS[category].items
            ],
        )
        for category in categories
    ]
    return RoadblocksView(
        pk=reflection.pk,
        reflected_on=reflection.reflected_on,
        shared_with_principal=reflection.shared_with_principal,
        author_name=display_name(reflection.author),
        roadblocks=[
            RoadblockRow(
                r.position,
                r.explanation,
                r.category,
                RoadblockCategory(r.category).label,
                r.potential_solution,
            )
            for r in roadblocks
        ],
        strategy_groups=groups,
        action_items=[
            ActionRow(
                pk=item.pk,
                text=item.text,
                category_label=RoadblockCategory(item.category).label,
                due_on=item.due_on,
                done_on=item.done_on,
                from_checklist=item.strategy in STRATEGY_TEXTS,
            )
            for item in items
        ],
        actions_done=sum(1 for item in items if item.done_on),
    )


@dataclass(frozen=True)
class ReflectionSummary:
    kind: str  # "taxonomy", "benefits" or "roadblocks"
    kind_label: str
    pk: int
    reflected_on: dt.date
    title: str
    shared_with_principal: bool
    author_name: str


KIND_LABELS = {
    "taxonomy": "Taxonomy self-assessment",
    "benefits": "Who benefits",
    "roadblocks": "Roadblocks to collaboration",
}


def reflection_list(membership) -> list[ReflectionSummary]:
    """Every reflection the acting user may read, newest first (three queries, one per kind)."""
    rows = []
    for kind, model in (
        ("taxonomy", TaxonomyReflection),
        ("benefits", BenefitsReflection),
        ("roadblocks", RoadblocksReflection),
    ):
        for reflection in reflections_visible_to(membership, model).select_related("author"):
            title = KIND_LABELS[kind]
            if kind == "taxonomy":
                title = f"Level {reflection.level}: {TAXONOMY_LEVELS_BY_NUMBER[reflection.level].name}"
            rows.append(
                ReflectionSummary(
                    kind=kind,
                    kind_label=KIND_LABELS[kind],
                    pk=reflection.pk,
                    reflected_on=reflection.reflected_on,
                    title=title,
                    shared_with_principal=reflection.shared_with_principal,
                    author_name=display_name(reflection.author),
                )
            )
    return sorted(rows, key=lambda row: (row.reflected_on, row.kind, row.pk), reverse=True)


def portfolio_years(membership) -> list[SchoolYear]:
    """School years with at least one of the user's reflections, plus the current one, newest first."""
    school = membership.school
    years = {school.current_school_year()}
    for model in (TaxonomyReflection, BenefitsReflection, RoadblocksReflection):
        for day in reflections_visible_to(membership, model).values_list("reflected_on", flat=True):
            years.add(reflection_year(school, day))
    return sorted(years, reverse=True)


@dataclass(frozen=True)
class Portfolio:
    school_name: str
    author_name: str
    year: SchoolYear
    self_assessments: list[SelfAssessment]
    chart: LevelChart | None  # the whole history up to the end of the year, for context
    benefits: list[BenefitsView]
    roadblocks: list[RoadblocksView]

    @property
    def is_empty(self) -> bool:
        return not (self.self_assessments or self.benefits or self.roadblocks)


def portfolio(membership, year: SchoolYear, *, user) -> Portfolio:
    """The librarian's reflections of one school year, for the evaluation-meeting PDF.

    `user` is the request's user (membership.user, already loaded), so naming the author costs no query."""
    start, end = reflection_year_range(year)
    reflections = list(
        reflections_visible_to(membership, TaxonomyReflection)
        .filter(reflected_on__lte=end)
        .select_related("author", "school")
    )
    in_year = [self_assessment(r) for r in reversed(reflections) if r.reflected_on >= start]

    def of_year(model):
        return reflections_visible_to(membership, model).filter(reflected_on__range=(start, end))

    return Portfolio(
        school_name=membership.school.name,
        author_name=display_name(user),
        year=year,
        self_assessments=in_year,
        chart=level_chart([(r.reflected_on, r.level) for r in reflections]),
        benefits=[benefits_view(r) for r in of_year(BenefitsReflection).select_related("author").reverse()],
        roadblocks=[
            roadblocks_view(r) for r in of_year(RoadblocksReflection).select_related("author").reverse()
        ],
    )
