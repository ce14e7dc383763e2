"""Reads for every report figure (STYLE.md "One figure, one function").

Each selector computes its figures in SQL with a fixed number of queries, however many units exist, and
returns plain frozen dataclasses; the page, the PDF and the CSV/XLSX render the same object. Figures are
kept unrounded here: rounding happens at display time only (`reports.formatting.rounded`).
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from collabtrack.models import School, StaffMember
from taxonomy.levels import PartnershipLevel
from units.models import Unit

LEVEL_NUMBERS: tuple[int, ...] = tuple(PartnershipLevel.values)


def mean(total: int | None, count: int | None) -> Decimal | None:
    """An exact, unrounded mean; None (shown blank, not 0) when there is nothing to average."""
    if not count:
        return None
    return Decimal(total or 0) / Decimal(count)


def level_counts_aggregates(prefix: str = "") -> dict:
    """Aggregates counting units per partnership level, plus the sum and count of levels for the mean.

    Shared by every selector that groups units, so each level figure is counted the same way."""
    level = f"{prefix}level"
    aggregates = {f"level_{n}": Count("pk", filter=Q(**{level: n})) for n in LEVEL_NUMBERS}
    aggregates["level_sum"] = Sum(level)
    aggregates["level_count"] = Count(level)
    return aggregates


@dataclass(frozen=True)
class UnitActivity:
    """The librarian's partnership activity over a period: the evidence beside a self-assessment."""

    start: dt.date
    end: dt.date
    units_total: int
    units_by_level: dict[int, int] = field(default_factory=dict)
    # Mean over units that have a level; None when none has.
    average_level: Decimal | None = None
    teachers_reached: int = 0
    teachers_in_directory: int = 0


def units_in_period(school: School, start: dt.date, end: dt.date):
    """Units dated (by the start of their time frame) from `start` to `end`, both included."""
    return Unit.objects.filter(school=school, start_date__gte=start, start_date__lte=end)


def unit_activity(school: School, start: dt.date, end: dt.date) -> UnitActivity:
    """Units, levels and teacher reach of `school` for units dated `start`..`end` (inclusive).

    Three queries whatever the number of units. The directory counts active staff plus any inactive
    staff member who partnered in the period, so "reached" can never exceed "in the directory"."""
    units = units_in_period(school, start, end)
    figures = units.aggregate(units_total=Count("pk"), **level_counts_aggregates())
    teachers_reached = (
        StaffMember.objects.filter(school=school, units__in=units).values("pk").distinct().count()
    )
    teachers_in_directory = (
        StaffMember.objects.filter(school=school)
        .filter(Q(active=True) | Q(units__in=units))
        .values("pk")
        .distinct()
        .count()
    )
    return UnitActivity(
        start=start,
        end=end,
        units_total=figures["units_total"],
        units_by_level={n: figures[f"level_{n}"] for n in LEVEL_NUMBERS},
        average_level=mean(figures["level_sum"], figures["level_count"]),
        teachers_reached=teachers_reached,
        teachers_in_directory=teachers_in_directory,
    )
