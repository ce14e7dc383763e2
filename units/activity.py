"""The unit log's activity over a period: units by level, their mean, teachers reached.

The evidence beside a librarian's self-assessment (taxonomy) and the activity figures of every report
(reports) read the unit log through these functions, so they count units and teachers the same way.
Figures stay unrounded; rounding happens at display time only.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from collabtrack.models import School, StaffMember
from units.levels import PartnershipLevel
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
    """Units dated (by the start of their time frame) from `start` to `end`, both included; units in
    the bin are left out (Unit.objects is the live units' manager)."""
    return Unit.objects.filter(school=school, start_date__gte=start, start_date__lte=end)


def directory_staff(school: School, start: dt.date, end: dt.date):
    """The staff directory for a period, each annotated with `unit_count`, their units in the period:
    active staff plus any inactive staff member who partnered in it, so "reached" never exceeds "in
    the directory". The one definition behind unit_activity's and teacher_reach's teacher figures."""
    # Counting links whose unit is among the period's live units (a hashed subquery) rather than
    # filtering on joined unit columns: PostgreSQL then skips looking up every unit of every year
    # (2,000+ index probes for a large school).
    in_period = Q(units__in=units_in_period(school, start, end))
    return (
        StaffMember.objects.filter(school=school)
        .annotate(unit_count=Count("units", filter=in_period))
        .filter(Q(active=True) | Q(unit_count__gt=0))
    )


def unit_activity(school: School, start: dt.date, end: dt.date) -> UnitActivity:
    """Units, levels and teacher reach of `school` for units dated `start`..`end` (inclusive).

    Three queries whatever the number of units (taxonomy's query budgets count on it). The directory
    counts active staff plus any inactive staff member who partnered in the period, so "reached" can
    never exceed "in the directory"."""
    figures = units_in_period(school, start, end).aggregate(
        units_total=Count("pk"), **level_counts_aggregates()
    )
    directory = directory_staff(school, start, end)
    teachers_in_directory = directory.count()
    teachers_reached = directory.filter(unit_count__gt=0).count()
    return UnitActivity(
        start=start,
        end=end,
        units_total=figures["units_total"],
        units_by_level={n: figures[f"level_{n}"] for n in LEVEL_NUMBERS},
        average_level=mean(figures["level_sum"], figures["level_count"]),
        teachers_reached=teachers_reached,
        teachers_in_directory=teachers_in_directory,
    )
