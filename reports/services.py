"""Writes of the reports app: monthly statistics and the board PDF's highlights."""

from django.db import transaction

from collabtrack.models import School
from collabtrack.schoolyear import SchoolYear
from reports.models import BoardHighlights, MonthlyStatistics

FIGURES = ("days_open", "circulation", "classes_served")


@transaction.atomic
def monthly_statistics_save(
    *, school: School, school_year: SchoolYear, months: dict[tuple[int, int], dict]
) -> int:
    """Save a school year's statistics, one dict of figures per (year, month); returns how many months
    changed. Unchanged months are not saved, so the history records only real changes; a month cleared
    to all blanks keeps its row (with blanks) so the history shows what was removed."""
    existing = {
        (row.year, row.month): row
        for row in MonthlyStatistics.objects.select_for_update().filter(
            school=school, year__in={year for year, _ in school_year.months()}
        )
    }
    changed = 0
    for (year, month), figures in months.items():
        if (year, month) not in school_year.months():
            raise ValueError(f"{year}-{month:02d} is not a month of {school_year}.")
        row = existing.get((year, month))
        if row is None:
            if all(figures.get(name) is None for name in FIGURES):
                continue
            row = MonthlyStatistics(school=school, year=year, month=month)
        elif all(getattr(row, name) == figures.get(name) for name in FIGURES):
            continue
        for name in FIGURES:
            setattr(row, name, figures.get(name))
        row.full_clean()
        row.save()
        changed += 1
    return changed


@transaction.atomic
def board_highlights_save(*, school: School, school_year: SchoolYear, text: str) -> BoardHighlights:
    highlights, _ = BoardHighlights.objects.get_or_create(school=school, start_year=school_year.start_year)
    highlights.text = text.strip()
    highlights.full_clean()
    highlights.save()
    return highlights
