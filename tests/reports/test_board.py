"""The board report selector: everything the board PDF shows, in a fixed number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reports.board import board_report
from reports.models import BoardHighlights
from reports.selectors import dashboard
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def test_board_report_holds_the_dashboard_highlights_and_appendix(school, other_school, teacher_staff):
    year = school.parse_school_year("2025-26")
    unit = UnitFactory(school=school, title="Food webs", start_date=dt.date(2025, 10, 6), level=3)
    unit.teachers.set([teacher_staff])
    UnitFactory(school=school, title="Last year", start_date=dt.date(2025, 6, 2))
    UnitFactory(school=other_school, title="Not ours", start_date=dt.date(2025, 10, 6))
    BoardHighlights.objects.create(school=school, start_year=2025, text="A record year.")
    BoardHighlights.objects.create(school=school, start_year=2024, text="The year before.")
    report = board_report(school, year)
    assert [line.title for line in report.units] == ["Food webs"]
    assert report.units[0].teachers == "Tom Teacher"
    assert report.highlights.text == "A record year."
    assert report.dashboard.summary == dashboard(school, year).summary
    assert report.school == school and report.school_year == year


@pytest.mark.parametrize("units", [1, 30])
def test_board_report_queries_do_not_grow(school, teacher_staff, units):
    year = school.parse_school_year("2025-26")
    for number in range(units):
        unit = UnitFactory(school=school, start_date=dt.date(2025, 9 + number % 4, 1 + number % 28))
        unit.teachers.set([teacher_staff])
    with CaptureQueriesContext(connection) as dashboard_queries:
        dashboard(school, year)
    # The dashboard's own queries, one for the highlights, three for the appendix (units, teachers, grades).
    with CaptureQueriesContext(connection) as board_queries:
        board_report(school, year)
    assert len(board_queries) == len(dashboard_queries) + 4
    assert len(dashboard_queries) <= 16  # the dashboard's budget (tests/reports/test_views.py) plus slack
