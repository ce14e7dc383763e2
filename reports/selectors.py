"""Reads for every report figure (STYLE.md "One figure, one function").

Each selector computes its figures in SQL with a fixed number of queries, however many units exist, and
returns plain frozen dataclasses; the page, the PDF and the CSV/XLSX render the same object. Figures are
kept unrounded here: rounding happens at display time only (`collabtrack.formatting.rounded`).
"""

import calendar
import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from collabtrack.grades import GRADE_LABELS, grade_label, grade_span
from collabtrack.models import School
from collabtrack.schoolyear import SchoolYear
from reports.annual import (  # noqa: F401 - the summary's names stay importable from here
    AnnualSummary,
    SummaryRow,
    annual_summaries,
    months_q,
)
from reports.annual import sum_entered as _sum_entered
from reports.year_story import (
    HeadlineFigures,
    LastYear,
    StandardsCoverage,
    catalogue_2018_size,
    last_year,
    standards_coverage,
    unit_counts,
    years_with_data,
)
from units.activity import (
    UnitActivity,
    directory_staff,
    unit_activity,
    units_in_period,
)
from units.levels import level_name
from units.models import Unit
from units.standards import Indicator2007, Standard2018


def annual_summary(school: School, school_year: SchoolYear) -> AnnualSummary:
    """The seed's annual summary: one row per month of the school's range, then the annual TOTAL.

    Two queries whatever the number of units, computed by reports.annual.annual_summaries, the same
    function that computes every school's row of the district roll-up."""
    return annual_summaries([(school.pk, school_year)])[school.pk]


def units_after_school_year(school: School, school_year: SchoolYear) -> tuple[dt.date, dt.date, int] | None:
    """The months between this school year's end and the next one's start (July and August for
    September–June) and how many units are dated in them: they belong to no annual summary (DOMAIN.md),
    so the summary says so. None when the next year starts the very next month. One query."""
    first = school_year.end_date + dt.timedelta(days=1)
    last = school_year.next().start_date - dt.timedelta(days=1)
    if last < first:
        return None
    return first, last, units_in_period(school, first, last).count()


@dataclass(frozen=True)
class UnitLine:
    """A unit as the reports list it."""

    pk: int
    date: dt.date
    title: str
    grades: str
    teachers: str
    level: int | None
    level_name: str


@dataclass(frozen=True)
class MonthlyReport:
    """The seed's "monthly report of units supported" for one month."""

    year: int
    month: int
    school_year: SchoolYear | None  # None when the month is outside the school's range
    units: list[UnitLine]
    activity: UnitActivity

    @property
    def title(self) -> str:
        return dt.date(self.year, self.month, 1).strftime("%B %Y")

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)


def unit_lines(units) -> list[UnitLine]:
    """Units as report lines; three queries (units, their teachers, their grades) for any number."""
    lines = []
    for unit in units.prefetch_related("teachers", "grades").order_by("start_date", "title", "pk"):
        lines.append(
            UnitLine(
                pk=unit.pk,
                date=unit.start_date,
                title=unit.title,
                grades=grade_span(grade.order for grade in unit.grades.all()),
                teachers=", ".join(teacher.name for teacher in unit.teachers.all()),
                level=unit.level,
                level_name=level_name(unit.level),
            )
        )
    return lines


def monthly_report(school: School, year: int, month: int) -> MonthlyReport:
    """The units dated in one month with their count and mean level; six queries for any size."""
    first = dt.date(year, month, 1)
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return MonthlyReport(
        year=year,
        month=month,
        school_year=school.school_year_of(first),
        units=unit_lines(units_in_period(school, first, last)),
        activity=unit_activity(school, first, last),
    )


@dataclass(frozen=True)
class TeacherReach:
    name: str
    title: str
    units: int


@dataclass(frozen=True)
class GradeCoverage:
    grade: str
    units: int


@dataclass(frozen=True)
class Dashboard:
    """The principal's view of one school year; every figure from the selectors above."""

    school_year: SchoolYear
    activity: UnitActivity
    summary: AnnualSummary
    last_year: AnnualSummary
    teachers: list[TeacherReach]
    grades: list[GradeCoverage]
    standards: list["StandardCited"] = field(default_factory=list)
    # reports.year_story: last year at the same point, the years with data, coverage, planned units.
    last_year_figures: LastYear | None = None
    years: list[SchoolYear] = field(default_factory=list)
    coverage: StandardsCoverage | None = None
    planned_units: int = 0

    @property
    def figures(self) -> HeadlineFigures:
        return HeadlineFigures.of(self.activity)

    @property
    def circulation_months(self) -> list[tuple[SummaryRow, SummaryRow]]:
        """This year's months with circulation entered, each beside the same month last year."""
        return [
            (this, last)
            for this, last in zip(self.summary.months, self.last_year.months, strict=True)
            if this.circulation is not None
        ]

    @property
    def circulation_so_far(self) -> int | None:
        return _sum_entered(this.circulation for this, _ in self.circulation_months)

    @property
    def circulation_same_months_last_year(self) -> int | None:
        return _sum_entered(last.circulation for _, last in self.circulation_months)

    @property
    def teachers_not_reached(self) -> list[TeacherReach]:
        return [teacher for teacher in self.teachers if not teacher.units]


def teacher_reach(school: School, start: dt.date, end: dt.date) -> list[TeacherReach]:
    """Every directory teacher (active, or inactive but a partner in the period) and their number of
    units in the period, most units first; one query."""
    staff = directory_staff(school, start, end).order_by("-unit_count", "name")
    return [TeacherReach(name=s.name, title=s.title, units=s.unit_count) for s in staff]


def grade_coverage(school: School, start: dt.date, end: dt.date) -> list[GradeCoverage]:
    """Units per grade level, from the lowest to the highest grade any unit names (gaps show as 0);
    one query, over the school's units of the period only (filtering before counting keeps it from
    scanning every school's grades)."""
    counts = dict(
        Unit.grades.through.objects.filter(unit__in=units_in_period(school, start, end))
        .values_list("grade_id")
        .annotate(units=Count("unit_id"))
        .order_by()
    )
    if not counts:
        return []
    return [
        GradeCoverage(grade=grade_label(order), units=counts.get(order, 0))
        for order in range(min(counts), max(counts) + 1)
        if order in GRADE_LABELS
    ]


@dataclass(frozen=True)
class StandardCited:
    catalogue: str  # "AASL 2007" or "AASL 2018 (learner)", ...
    code: str
    heading: str
    units: int


def standards_cited(school: School, start: dt.date, end: dt.date) -> list[StandardCited]:
    """AASL standards cited by units of the period, most cited first; two queries (one per catalogue),
    each filtered to the period's units before counting."""
    units = units_in_period(school, start, end)
    cited = [
        StandardCited(
            "AASL 2007", item.number, f"{item.standard_heading} · {item.strand_heading}", item.unit_count
        )
        for item in Indicator2007.objects.filter(units__in=units).annotate(unit_count=Count("units"))
    ]
    cited += [
        StandardCited(
            f"AASL 2018 ({item.get_set_display().lower()})", item.code, item.heading, item.unit_count
        )
        for item in Standard2018.objects.filter(units__in=units).annotate(unit_count=Count("units"))
    ]
    return sorted(cited, key=lambda item: -item.units)  # stable: catalogue order within a count


def school_year_activity(
    school_year: SchoolYear, summary: AnnualSummary, teachers: list[TeacherReach]
) -> UnitActivity:
    """unit_activity of a whole school year, read from figures the dashboard already holds instead of
    three more queries: the annual TOTAL counts the same units (the year's, by month) with the same
    aggregates, and the teacher reach lists exactly the directory, each with their units of the year.
    tests/reports/test_dashboard_activity.py checks it equals unit_activity."""
    total = summary.total
    return UnitActivity(
        start=school_year.start_date,
        end=school_year.end_date,
        units_total=total.units_supported,
        units_by_level=total.units_by_level,
        average_level=total.average_level,
        teachers_reached=sum(1 for teacher in teachers if teacher.units),
        teachers_in_directory=len(teachers),
    )


def dashboard(school: School, school_year: SchoolYear, today: dt.date | None = None) -> Dashboard:
    """Fourteen queries whatever the number of units: eight for the year (its activity is read from the
    summary and the teacher reach), three for last year to date, one each for the years with data, the
    planned units and units citing no standard, and the size of the 2018 catalogue."""
    today = today or timezone.localdate()
    start, end = school_year.start_date, school_year.end_date
    summary = annual_summary(school, school_year)
    teachers = teacher_reach(school, start, end)
    standards = standards_cited(school, start, end)
    counts = unit_counts(school, school_year, today)
    years = years_with_data(school) | {school_year, school.current_school_year(today)}
    return Dashboard(
        school_year=school_year,
        activity=school_year_activity(school_year, summary, teachers),
        summary=summary,
        last_year=annual_summary(school, school_year.previous()),
        teachers=teachers,
        grades=grade_coverage(school, start, end),
        standards=standards,
        last_year_figures=last_year(school, school_year, today),
        years=sorted(years, reverse=True),
        coverage=standards_coverage(
            cited=standards,
            entries_2018=catalogue_2018_size(),
            units=summary.total.units_supported,
            units_citing_none=counts.citing_none,
        ),
        planned_units=counts.planned,
    )
