"""Circulation import: the preview against the figures already entered, and applying it.

The counts come from `reports/circulation_import.py`; they are written through the statistics
page's own service (`monthly_statistics_save`), so an import is validated and recorded in the history
exactly like a typed change. Days open and classes served are left as they are.
"""

from dataclasses import dataclass

from collabtrack.models import School
from collabtrack.schoolyear import SchoolYear, month_label
from reports.imports.circulation_parse import PlacedCount
from reports.models import MonthlyStatistics
from reports.services import FIGURES, monthly_statistics_save


@dataclass(frozen=True)
class CirculationChange:
    line: int
    label: str  # as written in the file
    year: int
    month: int
    current: int | None  # the circulation entered now; None when not entered
    new: int

    @property
    def changed(self) -> bool:
        return self.current != self.new

    @property
    def month_name(self) -> str:
        return f"{month_label(self.month)} {self.year}"


def circulation_import_preview(*, school: School, placed: list[PlacedCount]) -> list[CirculationChange]:
    """Each imported month beside the circulation already entered for it (one query)."""
    current = {
        (row.year, row.month): row.circulation
        for row in MonthlyStatistics.objects.filter(school=school, year__in={p.year for p in placed})
    }
    return [
        CirculationChange(p.line, p.label, p.year, p.month, current.get((p.year, p.month)), p.count)
        for p in placed
    ]


def circulation_import_apply(*, school: School, school_year: SchoolYear, placed: list[PlacedCount]) -> int:
    """Set the imported months' circulation, keeping their other figures; returns how many changed."""
    existing = {
        (row.year, row.month): row
        for row in MonthlyStatistics.objects.filter(school=school, year__in={p.year for p in placed})
    }
    months = {}
    for item in placed:
        row = existing.get((item.year, item.month))
        figures = {name: getattr(row, name) if row else None for name in FIGURES}
        months[(item.year, item.month)] = figures | {"circulation": item.count}
    return monthly_statistics_save(school=school, school_year=school_year, months=months)
