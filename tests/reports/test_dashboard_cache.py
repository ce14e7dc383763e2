"""The dashboard is kept in the cache under the school's data version and today (reports/dashboard_cache.py):
every committed change shows on the next load, and a load from the cache costs only the request's own
queries, whatever the size of the school."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reports.dashboard_cache import dashboard_figures
from reports.selectors import dashboard
from reports.services import board_highlights_save, monthly_statistics_save
from tests.factories import MonthlyStatisticsFactory, StaffMemberFactory, UnitFactory
from units.services import unit_delete

YEAR = "2025-26"
DASHBOARD = reverse("reports:dashboard_year", args=[YEAR])
# The session, the user and the membership (with its school and district): the bare page's own three.
QUERIES_WHEN_CACHED = 3


def _headline(page: str, label: str) -> str:
    return re.search(rf"<dt>{re.escape(label)}</dt><dd>([^<\n]*)", page).group(1).strip()


def _load(client) -> tuple[str, int]:
    """The page's main part (outside it, the menu carries a fresh CSRF token each time) and its queries."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(DASHBOARD)
    assert response.status_code == 200
    page = response.content.decode()
    return page[page.index("<main") : page.index("</main>")], len(queries)


def test_every_committed_change_shows_on_the_next_load(
    transactional_db, django_db_serialized_rollback, principal_client, school, teacher_staff
):
    """Transactional: each change below really commits, and the data version moves on commit."""
    unit = UnitFactory(school=school, title="Food webs", start_date=dt.date(2025, 10, 1), level=2)
    page, _ = _load(principal_client)
    assert _headline(page, "Units supported") == "1"
    assert _headline(page, "Teachers reached") == "0 of 1"
    assert _headline(page, "Circulation so far") == "—"
    page_again, queries = _load(principal_client)
    assert page_again == page and queries == QUERIES_WHEN_CACHED  # from the cache

    UnitFactory(school=school, start_date=dt.date(2025, 11, 3), level=4)
    page, _ = _load(principal_client)
    assert _headline(page, "Units supported") == "2"
    assert _headline(page, "Average level of partnership") == "3.0"

    unit.level = 4
    unit.save()
    assert _headline(_load(principal_client)[0], "Average level of partnership") == "4.0"

    unit.teachers.add(teacher_staff)  # a link only: no save of the unit itself
    assert _headline(_load(principal_client)[0], "Teachers reached") == "1 of 1"

    StaffMemberFactory(school=school, name="Nina Notyet")
    page, _ = _load(principal_client)
    assert _headline(page, "Teachers reached") == "1 of 2"
    assert "Nina Notyet" in page and "Not yet partnered this year (1)" in page

    year = school.parse_school_year(YEAR)
    monthly_statistics_save(
        school=school,
        school_year=year,
        months={(2025, 10): {"days_open": 20, "circulation": 18406, "classes_served": 40}},
    )
    assert _headline(_load(principal_client)[0], "Circulation so far") == "18,406"
    statistics = school.monthly_statistics.get()
    statistics.circulation = 1200
    statistics.save()
    assert _headline(_load(principal_client)[0], "Circulation so far") == "1,200"
    chart = principal_client.get(reverse("reports:dashboard_chart_csv", args=[YEAR, "circulation"]))
    assert "Oct,1200," in chart.content.decode("utf-8-sig")  # the chart files read the same kept figures

    # The page does not print the highlights, but they are the school's data: the entry is not reused.
    board_highlights_save(school=school, school_year=year, text="A record year.")
    assert _load(principal_client)[1] > QUERIES_WHEN_CACHED

    unit_delete(unit=unit, user=None)
    assert _headline(_load(principal_client)[0], "Units supported") == "1"

    school.name = "Riverside Upper School"
    school.save()
    assert "Library partnerships at Riverside Upper School" in _load(principal_client)[0]


@pytest.mark.parametrize("units", [1, 30])
def test_a_cached_load_costs_the_same_few_queries_at_any_size(
    principal_client, school, teacher_staff, units, django_assert_num_queries
):
    for n in range(units):
        UnitFactory(school=school, start_date=dt.date(2025, 9 + n % 4, 1 + n % 28), level=1 + n % 4)
    MonthlyStatisticsFactory(school=school, year=2025, month=9)
    first, _ = _load(principal_client)
    with django_assert_num_queries(QUERIES_WHEN_CACHED):  # session, user, membership; no figure query
        again, _ = _load(principal_client)
    assert again == first and "Library partnerships at" in again


def test_the_figures_are_kept_per_day(school, django_assert_num_queries):
    """Planned units are those dated after today, and last year runs to the same day: the same data read
    on another day is computed afresh, and equals the selector's own result for that day."""
    year = school.parse_school_year(YEAR)
    UnitFactory(school=school, start_date=dt.date(2026, 3, 11), level=2)
    before, after = dt.date(2026, 3, 10), dt.date(2026, 3, 12)
    assert dashboard_figures(school, year, today=before).planned_units == 1
    with django_assert_num_queries(0):
        assert dashboard_figures(school, year, today=before).planned_units == 1
    kept = dashboard_figures(school, year, today=after)
    assert kept.planned_units == 0
    assert kept == dashboard(school, year, today=after)
