"""The district roll-up (DOMAIN.md "District roll-up"): one row per school, the district TOTAL, each figure
beside last year's, and which schools have not entered a past month.

Every school's figures are its annual TOTAL from reports.annual.annual_summaries (the function behind
the school's own annual summary) and its teacher counts; the district TOTAL adds those up and divides
the sums (never averages the schools' averages). Seven queries for any number of schools on a cold
cache (the schools; statistics, units and teacher counts of this year and of last year), one when every
school's figures are cached under its data version (reports.district_cache).
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from collabtrack.models import District, School
from collabtrack.schoolyear import SchoolYear, latest_school_year
from reports.annual import AnnualSummary, SummaryRow, TeacherCounts, average_daily, sum_entered
from reports.district_cache import school_year_figures
from reports.year_story import same_day_a_year_before, share_at_levels_3_4
from units.activity import LEVEL_NUMBERS, mean


@dataclass(frozen=True)
class Figures:
    """The roll-up's figures of one school (or the district) for one school year; None is blank."""

    units_supported: int
    units_by_level: dict[int, int]
    average_level: Decimal | None
    share_high_levels: Decimal | None
    teachers_reached: int
    teachers_in_directory: int
    days_open: int | None
    circulation: int | None
    average_daily_circulation: Decimal | None
    classes_served: int | None


def school_figures(total: SummaryRow, teachers: TeacherCounts) -> Figures:
    """A school's figures: its annual TOTAL as the annual summary computes it, and its teacher counts."""
    return Figures(
        units_supported=total.units_supported,
        units_by_level=total.units_by_level,
        average_level=total.average_level,
        share_high_levels=share_at_levels_3_4(total.units_by_level),
        teachers_reached=teachers.reached,
        teachers_in_directory=teachers.in_directory,
        days_open=total.days_open,
        circulation=total.circulation,
        average_daily_circulation=total.average_daily_circulation,
        classes_served=total.classes_served,
    )


def district_total(schools: list[Figures]) -> Figures:
    """Sums over the schools; the averages divide the district's sums (mean level over all its units,
    circulation over all its days open), never average the schools' averages."""
    by_level = {n: sum(f.units_by_level[n] for f in schools) for n in LEVEL_NUMBERS}
    days_open = sum_entered(f.days_open for f in schools)
    circulation = sum_entered(f.circulation for f in schools)
    return Figures(
        units_supported=sum(f.units_supported for f in schools),
        units_by_level=by_level,
        # Levels are the whole numbers 1-4, so the sum of levels is sum(n × units at n).
        average_level=mean(sum(n * count for n, count in by_level.items()), sum(by_level.values())),
        share_high_levels=share_at_levels_3_4(by_level),
        teachers_reached=sum(f.teachers_reached for f in schools),
        teachers_in_directory=sum(f.teachers_in_directory for f in schools),
        days_open=days_open,
        circulation=circulation,
        average_daily_circulation=average_daily(circulation, days_open),
        classes_served=sum_entered(f.classes_served for f in schools),
    )


@dataclass(frozen=True)
class RollupRow:
    school: School | None  # None for the district TOTAL
    school_year: SchoolYear  # the school's own school year of the district's name
    this: Figures
    last: Figures
    summary: AnnualSummary | None = None

    def delta(self, name: str):
        """This year's figure minus last year's; None (blank) when either side is blank."""
        this, last = getattr(self.this, name), getattr(self.last, name)
        if this is None or last is None:
            return None
        return this - last

    def level_delta(self, level: int) -> int:
        return self.this.units_by_level[level] - self.last.units_by_level[level]


@dataclass(frozen=True)
class MonthGap:
    """A past month and the schools that have not entered its statistics / logged no unit in it."""

    year: int
    month: int
    without_statistics: list[str]
    without_units: list[str]

    @property
    def label(self) -> str:
        return dt.date(self.year, self.month, 1).strftime("%B %Y")


@dataclass(frozen=True)
class Rollup:
    district: District
    school_year: SchoolYear
    last_until: dt.date | None  # last year is counted up to this day (the current year), else whole
    rows: list[RollupRow]
    total: RollupRow
    gaps: list[MonthGap]
    schools_without_units: list[str]


def district_today(district: District) -> dt.date:
    return timezone.now().astimezone(zoneinfo.ZoneInfo(district.time_zone)).date()


def district_school_year(district: District, today: dt.date | None = None) -> SchoolYear:
    return latest_school_year(today or district_today(district), district.first_month, district.last_month)


def parse_district_school_year(district: District, name: str) -> SchoolYear:
    from collabtrack.schoolyear import parse_school_year

    return parse_school_year(name, district.first_month, district.last_month)


def district_rollup(
    district: District,
    school_year: SchoolYear,
    today: dt.date | None = None,
    schools: list[School] | None = None,
) -> Rollup:
    """The roll-up of `district` for its school year `school_year` (each school contributes its own
    school year starting in the same calendar year, over its own months)."""
    today = today or district_today(district)
    if schools is None:
        schools = list(School.objects.filter(district=district).select_related("district").order_by("name"))
    current = any(school.school_year(school_year.start_year).contains(today) for school in schools)
    last_until = same_day_a_year_before(today) if current else None
    this_year = school_year_figures(schools, school_year.start_year)
    last_year = school_year_figures(schools, school_year.start_year - 1, until=last_until, with_months=False)
    rows = [
        RollupRow(
            school=school,
            school_year=this_year[school.pk][0].school_year,
            this=school_figures(this_year[school.pk][0].total, this_year[school.pk][1]),
            last=school_figures(last_year[school.pk][0].total, last_year[school.pk][1]),
            summary=this_year[school.pk][0],
        )
        for school in schools
    ]
    total = RollupRow(
        school=None,
        school_year=school_year,
        this=district_total([row.this for row in rows]),
        last=district_total([row.last for row in rows]),
    )
    return Rollup(
        district=district,
        school_year=school_year,
        last_until=last_until,
        rows=rows,
        total=total,
        gaps=completeness(rows, today),
        schools_without_units=[row.school.name for row in rows if not row.this.units_supported],
    )


def completeness(rows: list[RollupRow], today: dt.date) -> list[MonthGap]:
    """For each month of the year that has ended before `today`, the schools with no statistics row
    for it and the schools with no live unit dated in it (each school over its own months)."""
    this_month = (today.year, today.month)
    gaps: dict[tuple[int, int], MonthGap] = {}
    for row in rows:
        for month in row.summary.months:
            if (month.year, month.month) >= this_month:
                continue
            gap = gaps.setdefault((month.year, month.month), MonthGap(month.year, month.month, [], []))
            if not month.statistics_entered:
                gap.without_statistics.append(row.school.name)
            if not month.units_supported:
                gap.without_units.append(row.school.name)
    return [gaps[key] for key in sorted(gaps)]
