"""Everything the board report shows, read once (STYLE.md "One figure, one function").

The board PDF exporter (reports/exporters.py) renders this object, whether the PDF is laid out in a
request, by the worker (reports/jobs.py) or for an e-mail; nothing of the report is computed elsewhere.
"""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from collabtrack.models import School
from collabtrack.schoolyear import SchoolYear
from reports.models import BoardHighlights
from reports.selectors import Dashboard, UnitLine, dashboard, unit_lines
from units.activity import units_in_period


@dataclass(frozen=True)
class BoardReport:
    school: School
    school_year: SchoolYear
    dashboard: Dashboard  # the figures, exactly as the principal's dashboard shows them
    highlights: BoardHighlights | None  # the librarian's words for the board, when written
    units: list[UnitLine]  # the appendix: every unit of the year
    drawn_on: dt.date  # the day the figures were read


def board_report(school: School, school_year: SchoolYear) -> BoardReport:
    """The dashboard's queries, one for the highlights and three for the appendix, whatever the size."""
    return BoardReport(
        school=school,
        school_year=school_year,
        dashboard=dashboard(school, school_year),
        highlights=BoardHighlights.objects.filter(school=school, start_year=school_year.start_year).first(),
        units=unit_lines(units_in_period(school, school_year.start_date, school_year.end_date)),
        drawn_on=timezone.localdate(),
    )
