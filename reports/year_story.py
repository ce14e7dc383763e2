"""The dashboard's figures beyond the annual summary (issue 15): last year beside this year, the school
years that have data, how much of the AASL catalogues the year's units cite, and the planned units.

Each figure is computed here once and read by the dashboard and the board PDF alike (through
`reports.selectors.dashboard`); kept unrounded, rounded at display time only.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import ExtractMonth, ExtractYear

from collabtrack.models import School
from collabtrack.schoolyear import SchoolYear
from reports.models import MonthlyStatistics
from units.activity import UnitActivity, unit_activity, units_in_period
from units.models import Unit
from units.standards import INDICATOR_2007_COUNTS, STANDARD_2007_HEADINGS, Standard2018


def share_at_levels_3_4(units_by_level: dict[int, int]) -> Decimal | None:
    """Units at level 3 or 4 ÷ units with a level, as a percentage (DOMAIN.md); None without any level."""
    with_level = sum(units_by_level.values())
    if not with_level:
        return None
    return Decimal(units_by_level.get(3, 0) + units_by_level.get(4, 0)) * 100 / Decimal(with_level)


@dataclass(frozen=True)
class HeadlineFigures:
    """The four figures the dashboard compares with last year."""

    units_supported: int
    average_level: Decimal | None
    share_levels_3_4: Decimal | None  # percent
    teachers_reached: int
    teachers_in_directory: int

    @classmethod
    def of(cls, activity: UnitActivity) -> "HeadlineFigures":
        return cls(
            units_supported=activity.units_total,
            average_level=activity.average_level,
            share_levels_3_4=share_at_levels_3_4(activity.units_by_level),
            teachers_reached=activity.teachers_reached,
            teachers_in_directory=activity.teachers_in_directory,
        )


@dataclass(frozen=True)
class LastYear:
    """Last year's figures for the period that matches this year's (DOMAIN.md "Last year (Δ)")."""

    school_year: SchoolYear
    start: dt.date
    end: dt.date
    to_date: bool  # True: the current year, so last year only up to the same day of its calendar
    figures: HeadlineFigures


def same_day_a_year_before(day: dt.date) -> dt.date:
    """The same day of the previous calendar year; 29 February becomes the 28th."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def last_year(school: School, school_year: SchoolYear, today: dt.date) -> LastYear:
    """The previous school year as a whole for a finished (or not yet started) year; for the current
    year, from its first day up to the same day of last year's calendar. Three queries (unit_activity)."""
    previous = school_year.previous()
    to_date = school_year.start_date <= today <= school_year.end_date
    end = min(same_day_a_year_before(today), previous.end_date) if to_date else previous.end_date
    activity = unit_activity(school, previous.start_date, end)
    return LastYear(previous, previous.start_date, end, to_date, HeadlineFigures.of(activity))


def years_with_data(school: School) -> set[SchoolYear]:
    """The school years in which the school has a live unit or a month of statistics; one query.

    Months outside every school year (July, say) belong to none (DOMAIN.md)."""
    unit_months = (
        Unit.objects.filter(school=school)
        .annotate(y=ExtractYear("start_date"), m=ExtractMonth("start_date"))
        .values_list("y", "m")
        .distinct()
        .order_by()
    )
    stat_months = (
        MonthlyStatistics.objects.filter(school=school).values_list("year", "month").distinct().order_by()
    )
    years = set()
    for year, month in unit_months.union(stat_months):
        school_year = school.school_year_of(dt.date(year, month, 1))
        if school_year is not None:
            years.add(school_year)
    return years


@dataclass(frozen=True)
class StandardCoverage:
    standard: int
    heading: str
    cited: int
    indicators: int


@dataclass(frozen=True)
class StandardsCoverage:
    """How much of the AASL catalogues the year's units cite."""

    cited_2007: int
    indicators_2007: int  # 83
    by_standard: list[StandardCoverage]  # 2007 standards 1-4
    cited_2018: int
    entries_2018: int  # the 2018 entries in the catalogue (an administrator adds those the school uses)
    units_citing_none: int
    units: int


def standards_coverage(
    *, cited: list, entries_2018: int, units: int, units_citing_none: int
) -> StandardsCoverage:
    """Coverage from the standards the year's units cite (reports.selectors.standards_cited)."""
    codes_2007 = {item.code for item in cited if item.catalogue == "AASL 2007"}
    by_standard = [
        StandardCoverage(
            standard=standard,
            heading=heading,
            cited=sum(1 for code in codes_2007 if code.startswith(f"{standard}.")),
            indicators=sum(n for (s, _), n in INDICATOR_2007_COUNTS.items() if s == standard),
        )
        for standard, heading in sorted(STANDARD_2007_HEADINGS.items())
    ]
    return StandardsCoverage(
        cited_2007=len(codes_2007),
        indicators_2007=sum(INDICATOR_2007_COUNTS.values()),
        by_standard=by_standard,
        cited_2018=sum(1 for item in cited if item.catalogue != "AASL 2007"),
        entries_2018=entries_2018,
        units_citing_none=units_citing_none,
        units=units,
    )


@dataclass(frozen=True)
class UnitCounts:
    planned: int  # dated after today: they count in "units supported" (DOMAIN.md) and are shown apart
    citing_none: int


def unit_counts(school: School, school_year: SchoolYear, today: dt.date) -> UnitCounts:
    """The year's units dated after today, and those citing no AASL standard; one query."""
    cites_2007 = Unit.standards_2007.through.objects.filter(unit_id=OuterRef("pk"))
    cites_2018 = Unit.standards_2018.through.objects.filter(unit_id=OuterRef("pk"))
    figures = (
        units_in_period(school, school_year.start_date, school_year.end_date)
        .alias(cites_2007=Exists(cites_2007), cites_2018=Exists(cites_2018))
        .aggregate(
            planned=Count("pk", filter=Q(start_date__gt=today)),
            citing_none=Count("pk", filter=Q(cites_2007=False, cites_2018=False)),
        )
    )
    return UnitCounts(planned=figures["planned"], citing_none=figures["citing_none"])


def catalogue_2018_size() -> int:
    return Standard2018.objects.count()
