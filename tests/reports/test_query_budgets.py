"""Query budgets of the statistics page and the board PDF: the same number of queries whatever the size
of the data, shown at two sizes."""

import datetime as dt

import pytest
from django.urls import reverse

from reports.jobs import board_pdf_render
from tests.factories import MonthlyStatisticsFactory, StaffMemberFactory, UnitFactory

pytestmark = pytest.mark.django_db

STATISTICS = reverse("reports:statistics", kwargs={"school_year": "2025-26"})


@pytest.mark.parametrize("months", [1, 10])
def test_statistics_page_query_budget(librarian_client, school, months, django_assert_num_queries):
    for index in range(months):
        year, month = (2025, 9 + index) if index < 4 else (2026, index - 3)
        row = MonthlyStatisticsFactory(school=school, year=year, month=month)
        row.circulation += 1
        row.save()  # a second history entry per month
    # session, user, membership (3); the year's saved months (1); the history with who changed it (1)
    with django_assert_num_queries(3 + 1 + 1):
        response = librarian_client.get(STATISTICS)
    assert response.status_code == 200
    assert len(response.context["history"]) == 2 * months


def _school_year_of_units(school, count):
    teachers = [StaffMemberFactory(school=school) for _ in range(3)]
    for index in range(count):
        unit = UnitFactory(school=school, start_date=dt.date(2025, 9, 8) + dt.timedelta(days=7 * index))
        unit.teachers.set(teachers[: 1 + index % 3])
        unit.grades.set([6 + index % 3])
    for year, month in {(2025, 9), (2025, 10), (2026, 3)}:
        MonthlyStatisticsFactory(school=school, year=year, month=month)


@pytest.mark.parametrize("units", [2, 30])
def test_board_pdf_query_budget(school, units, django_assert_num_queries):
    """The board PDF as the worker lays it out (reports.jobs.board_pdf_render)."""
    _school_year_of_units(school, units)
    # the dashboard's figures for this year and last year's comparison (14, as the dashboard page), the
    # board highlights (1), the appendix's units with their teachers and grades prefetched (3)
    with django_assert_num_queries(14 + 1 + 3):
        exported = board_pdf_render(school, {"school_year": "2025-26"})
    assert exported.content.startswith(b"%PDF")
