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


# A school year's figures as the database gives them, in plain tuples (cheap to keep in a cache):
# {(year, month): (days open, circulation, classes served)} for each statistics row, and
# {(year, month): (units, sum of levels, units with a level, units at level 1, 2, 3, 4)}.
RawYear = tuple[dict[tuple[int, int], tuple], dict[tuple[int, int], tuple]]
MONTH_LABELS = {month: month_label(month) for month in range(1, 13)}  # strftime once, not per row


def annual_summaries(
    requests: Sequence[tuple[int, SchoolYear]], until: dt.date | None = None
) -> dict[int, AnnualSummary]:
    """{school id: its AnnualSummary} for (school id, school year) pairs; two queries for any number.

    `until` cuts every year at that day (units dated after it and months after its month are left out):
    "last year up to the same day" for the district's comparison."""
    raw = raw_figures(requests, until)
    return {school_id: summary_of(school_year, raw[school_id]) for school_id, school_year in requests}


def raw_figures(
    requests: Sequence[tuple[int, SchoolYear]], until: dt.date | None = None
) -> dict[int, RawYear]:
    """{school id: RawYear} of each school's year (cut at `until`); two queries for any number."""
    groups = _by_school_year(requests)
    raw: dict[int, RawYear] = {school_id: ({}, {}) for school_id, _ in requests}
    if not groups:
        return raw
    stats_q, units_q = Q(pk__in=[]), Q(pk__in=[])
    for school_year, school_ids in groups.items():
        start, end, months = _period(school_year, until)
        stats_q |= Q(school_id__in=school_ids) & months_q(months)
        units_q |= Q(school_id__in=school_ids, start_date__gte=start, start_date__lte=end)
    statistics = MonthlyStatistics.objects.filter(stats_q).values_list(
        "school_id", "year", "month", "days_open", "circulation", "classes_served"
    )
    for school_id, year, month, *figures in statistics:
        raw[school_id][0][(year, month)] = tuple(figures)
    # Unit.objects is the live units' manager: units in the bin are in no figure (units_in_period).
    aggregates = level_counts_aggregates()
    level_names = ["level_sum", "level_count", *[f"level_{n}" for n in LEVEL_NUMBERS]]
    groups_ = (
        Unit.objects.filter(units_q)
        .annotate(year=ExtractYear("start_date"), month=ExtractMonth("start_date"))
        .values("school_id", "year", "month")
        .annotate(units=Count("pk"), **aggregates)
        .values_list("school_id", "year", "month", "units", *level_names)
        .order_by()
    )
    for school_id, year, month, units, level_sum, *counts in groups_:
        raw[school_id][1][(year, month)] = (units, level_sum or 0, *counts)
    return raw


def summary_of(school_year: SchoolYear, raw: RawYear, *, with_months: bool = True) -> AnnualSummary:
    """The annual summary from a school year's raw figures: a row per month (left out when not
    `with_months`: the roll-up's last-year column needs the TOTAL only), then the TOTAL. The TOTAL sums
    the months' figures; its averages divide the year's totals (DOMAIN.md), never average the monthly
    averages."""
    statistics, unit_groups = raw
    months = school_year.months()
    rows = [_month_row(year, month, statistics, unit_groups) for year, month in months] if with_months else []
    counted = [statistics[month] for month in months if month in statistics]
    groups = [unit_groups[month] for month in months if month in unit_groups]
    total_days = sum_entered(days for days, _, _ in counted)
    total_circulation = sum_entered(circulation for _, circulation, _ in counted)
    total = SummaryRow(
        label="Annual TOTAL",
        year=None,
        month=None,
        days_open=total_days,
        circulation=total_circulation,
        average_daily_circulation=average_daily(total_circulation, total_days),
        classes_served=sum_entered(classes for _, _, classes in counted),
        units_supported=sum(group[0] for group in groups),
        average_level=mean(sum(group[1] for group in groups), sum(group[2] for group in groups)),
        units_by_level={n: sum(group[2 + n] for group in groups) for n in LEVEL_NUMBERS},
    )
    return AnnualSummary(school_year=school_year, months=rows, total=total)


NO_UNITS = (0, 0, 0, *[0 for _ in LEVEL_NUMBERS])


def _month_row(year: int, month: int, statistics: dict, unit_groups: dict) -> SummaryRow:
    stats = statistics.get((year, month))
    units, level_sum, level_count, *by_level = unit_groups.get((year, month), NO_UNITS)
    days_open, circulation, classes_served = stats or (None, None, None)
    return SummaryRow(
        label=MONTH_LABELS[month],
        year=year,
        month=month,
        days_open=days_open,
        circulation=circulation,
        average_daily_circulation=average_daily(circulation, days_open),
        classes_served=classes_served,
        units_supported=units,
        average_level=mean(level_sum, level_count),
        units_by_level=dict(zip(LEVEL_NUMBERS, by_level, strict=True)),
        statistics_entered=stats is not None,
    )


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
    # The staff who partnered on a live unit of the period: one hashed subquery over the period's links
    # (a count of every staff member's links of all years, filtered, took three times as long at 200
    # schools of 5,000 units each).
    partnered = Q(
        pk__in=Unit.teachers.through.objects.filter(unit__in=Unit.objects.filter(in_period)).values(
            "staffmember_id"
        )
    )
    counts = (
        StaffMember.objects.filter(school_id__in=school_ids)
        .values("school_id")
        .annotate(
            reached=Count("pk", filter=partnered), in_directory=Count("pk", filter=Q(active=True) | partnered)
        )
        .values_list("school_id", "reached", "in_directory")
        .order_by()
    )
    found = {school_id: TeacherCounts(reached, in_directory) for school_id, reached, in_directory in counts}
    return {school_id: found.get(school_id, TeacherCounts(0, 0)) for school_id in school_ids}
