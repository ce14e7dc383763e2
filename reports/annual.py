"""The annual summary and its TOTAL for any number of schools at once (DOMAIN.md "Report arithmetic").

`annual_summaries` is the one computation behind `reports.selectors.annual_summary` (one school) and the
district roll-up (every school of a district): the same rows and the same TOTAL, so a school's figure on
the roll-up is the figure of its own annual summary by construction. Its queries do not grow with the
number of schools: one for the statistics and one for the units, whatever the schools and their month
ranges (each school is asked for its own school year's months; schools sharing a range share a
condition). Figures stay exact; rounding happens at display time only.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.db.models.functions import ExtractMonth, ExtractYear

from collabtrack.models import StaffMember
from collabtrack.schoolyear import SchoolYear, month_label
from reports.models import MonthlyStatistics
from units.activity import LEVEL_NUMBERS, level_counts_aggregates, mean
from units.models import Unit


@dataclass(frozen=True)
class SummaryRow:
    """One row of the annual summary (a month, or the annual TOTAL). None is shown blank."""

    label: str
    year: int | None
    month: int | None
    days_open: int | None
    circulation: int | None
    average_daily_circulation: Decimal | None
    classes_served: int | None
    units_supported: int
    average_level: Decimal | None
    units_by_level: dict[int, int]
    # A statistics row exists for the month (even with every figure blank): "entered" (DOMAIN.md).
    statistics_entered: bool = False


@dataclass(frozen=True)
class AnnualSummary:
    school_year: SchoolYear
    months: list[SummaryRow]
    total: SummaryRow


def sum_entered(values) -> int | None:
    """Sum of the entered figures; None when none is entered (blank, not 0)."""
    entered = [value for value in values if value is not None]
    return sum(entered) if entered else None


def average_daily(circulation: int | None, days_open: int | None) -> Decimal | None:
    """Circulation ÷ days open; undefined (blank) when days open is 0 or not entered."""
    if not days_open or circulation is None:
        return None
    return Decimal(circulation) / Decimal(days_open)


def months_q(months: list[tuple[int, int]]) -> Q:
    """Rows (with year and month fields) of the given months.

    One condition per calendar year (a school year spans at most two), not one per month: the same
    rows, and a dozen fewer conditions for the ORM to build on every report page."""
    by_year: dict[int, list[int]] = {}
    for year, month in months:
        by_year.setdefault(year, []).append(month)
    query = Q(pk__in=[])
    for year, in_year in by_year.items():
        query |= Q(year=year, month__in=in_year)
    return query


def _period(school_year: SchoolYear, until: dt.date | None) -> tuple[dt.date, dt.date, list[tuple[int, int]]]:
    """(first day, last day, months) of the school year, cut at `until` (that day and its month included)."""
    end = school_year.end_date if until is None else min(school_year.end_date, until)
    months = [(y, m) for y, m in school_year.months() if (y, m) <= (end.year, end.month)]
    return school_year.start_date, end, months


def _by_school_year(requests: Iterable[tuple[int, SchoolYear]]) -> dict[SchoolYear, list[int]]:
    groups: dict[SchoolYear, list[int]] = {}
    for school_id, school_year in requests:
        groups.setdefault(school_year, []).append(school_id)
    return groups


def annual_summaries(
    requests: Sequence[tuple[int, SchoolYear]], until: dt.date | None = None
) -> dict[int, AnnualSummary]:
    """{school id: its AnnualSummary} for (school id, school year) pairs; two queries for any number.

    `until` cuts every year at that day (units dated after it and months after its month are left out):
    "last year up to the same day" for the district's comparison. The TOTAL sums the months' figures;
    its averages divide the year's totals (DOMAIN.md), never average the monthly averages."""
    groups = _by_school_year(requests)
    if not groups:
        return {}
    stats_q, units_q = Q(pk__in=[]), Q(pk__in=[])
    for school_year, school_ids in groups.items():
        start, end, months = _period(school_year, until)
        stats_q |= Q(school_id__in=school_ids) & months_q(months)
        units_q |= Q(school_id__in=school_ids, start_date__gte=start, start_date__lte=end)
    statistics = {
        (row.school_id, row.year, row.month): row for row in MonthlyStatistics.objects.filter(stats_q)
    }
    # Unit.objects is the live units' manager: units in the bin are in no figure (units_in_period).
    unit_groups = {
        (group["school_id"], group["year"], group["month"]): group
        for group in Unit.objects.filter(units_q)
        .annotate(year=ExtractYear("start_date"), month=ExtractMonth("start_date"))
        .values("school_id", "year", "month")
        .annotate(units=Count("pk"), **level_counts_aggregates())
        .order_by()
    }
    return {
        school_id: _summary(school_id, school_year, _period(school_year, until)[2], statistics, unit_groups)
        for school_year, school_ids in groups.items()
        for school_id in school_ids
    }


def _summary(school_id, school_year, counted_months, statistics, unit_groups) -> AnnualSummary:
    rows, level_sum, level_count = [], 0, 0
    for year, month in school_year.months():
        counted = (year, month) in counted_months
        stats = statistics.get((school_id, year, month)) if counted else None
        group = unit_groups.get((school_id, year, month), {}) if counted else {}
        level_sum += group.get("level_sum") or 0
        level_count += group.get("level_count", 0)
        days_open = stats.days_open if stats else None
        circulation = stats.circulation if stats else None
        rows.append(
            SummaryRow(
                label=month_label(month),
                year=year,
                month=month,
                days_open=days_open,
                circulation=circulation,
                average_daily_circulation=average_daily(circulation, days_open),
                classes_served=stats.classes_served if stats else None,
                units_supported=group.get("units", 0),
                average_level=mean(group.get("level_sum"), group.get("level_count")),
                units_by_level={n: group.get(f"level_{n}", 0) for n in LEVEL_NUMBERS},
                statistics_entered=stats is not None,
            )
        )
    total_days = sum_entered(row.days_open for row in rows)
    total_circulation = sum_entered(row.circulation for row in rows)
    total = SummaryRow(
        label="Annual TOTAL",
        year=None,
        month=None,
        days_open=total_days,
        circulation=total_circulation,
        average_daily_circulation=average_daily(total_circulation, total_days),
        classes_served=sum_entered(row.classes_served for row in rows),
        units_supported=sum(row.units_supported for row in rows),
        average_level=mean(level_sum, level_count),
        units_by_level={n: sum(row.units_by_level[n] for row in rows) for n in LEVEL_NUMBERS},
    )
    return AnnualSummary(school_year=school_year, months=rows, total=total)


@dataclass(frozen=True)
class TeacherCounts:
    reached: int
    in_directory: int


def teacher_counts(
    requests: Sequence[tuple[int, SchoolYear]], until: dt.date | None = None
) -> dict[int, TeacherCounts]:
    """{school id: teachers reached, teachers in the directory} over each school's year; one query.

    The directory is units.activity.directory_staff's (active staff, plus inactive staff who partnered
    in the period) and "reached" means at least one of the period's live units; a test holds these
    counts equal to unit_activity's for every school."""
    groups = _by_school_year(requests)
    in_period = Q(pk__in=[])
    for school_year, school_ids in groups.items():
        start, end, _months = _period(school_year, until)
        in_period |= Q(school_id__in=school_ids, start_date__gte=start, start_date__lte=end)
    school_ids = [school_id for ids in groups.values() for school_id in ids]
    staff = (
        StaffMember.objects.filter(school_id__in=school_ids)
        .annotate(unit_count=Count("units", filter=Q(units__in=Unit.objects.filter(in_period))))
        .filter(Q(active=True) | Q(unit_count__gt=0))
        .values_list("school_id", "unit_count")
        .order_by()
    )
    reached = dict.fromkeys(school_ids, 0)
    directory = dict.fromkeys(school_ids, 0)
    for school_id, unit_count in staff:
        directory[school_id] += 1
        reached[school_id] += 1 if unit_count else 0
    return {school_id: TeacherCounts(reached[school_id], directory[school_id]) for school_id in school_ids}
