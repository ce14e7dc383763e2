"""Hostile input to the reports: the statistics page, the board highlights, school years and months in
the URLs (tests/fuzzing.py explains the rules)."""

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzzing import (
    FUZZ,
    HOSTILE_VALUE,
    apply,
    counts,
    hostile_overrides,
    rolled_back,
    submit,
)

# The statistics page posts one row per month of the school year; fuzz September and October of 2025-26.
STATISTICS_FIELDS = [
    f"m2025-{month:02d}-{name}" for month in (9, 10) for name in ("days_open", "circulation")
]


@pytest.mark.django_db
@FUZZ
@given(overrides=hostile_overrides(STATISTICS_FIELDS))
def test_statistics_survive_hostile_input(librarian_client, school, overrides):
    from reports.models import MonthlyStatistics

    valid = {"m2025-09-days_open": "20", "m2025-09-circulation": "400"}
    with rolled_back():
        before = counts(MonthlyStatistics)
        url = reverse("reports:statistics", kwargs={"school_year": "2025-26"})
        response = submit(librarian_client, url, apply(valid, overrides))
        if response.status_code == 200:
            assert counts(MonthlyStatistics) == before, "a refused statistics page saved a month"
        for row in MonthlyStatistics.objects.filter(school=school):
            assert row.days_open is None or 0 <= row.days_open <= 31


# Regression (fixed in reports/ by 466c1a3): a count beyond PostgreSQL's integer column passed the form and
# failed the model's full_clean in the service, a 500 that SQLite's wider integers hid.
@pytest.mark.django_db
def test_statistics_with_a_count_beyond_the_integer_column_is_not_a_server_error(librarian_client):
    from reports.models import MonthlyStatistics

    url = reverse("reports:statistics", kwargs={"school_year": "2025-26"})
    response = librarian_client.post(url, {"m2025-09-circulation": str(2**31)})
    assert response.status_code == 200, "a count beyond the column was accepted"
    assert not MonthlyStatistics.objects.exists()


@pytest.mark.django_db
@FUZZ
@given(overrides=hostile_overrides(["text"]))
def test_board_highlights_survive_hostile_input(librarian_client, overrides):
    with rolled_back():
        url = reverse("reports:board", kwargs={"school_year": "2025-26"})
        submit(librarian_client, url, apply({"text": "A good year."}, overrides))


PATH_SEGMENT = HOSTILE_VALUE.filter(lambda value: value.strip() and len(value) < 200)


@pytest.mark.django_db
@settings(FUZZ, max_examples=25)
@given(
    name=st.sampled_from(["reports:annual", "reports:dashboard_year", "reports:board", "reports:statistics"]),
    school_year=PATH_SEGMENT,
)
def test_report_pages_survive_hostile_school_years(librarian_client, name, school_year):
    from urllib.parse import quote

    # A placeholder the <school_year:...> converter accepts, replaced by the hostile segment.
    url = reverse(name, kwargs={"school_year": "2025-26"}).replace("2025-26", quote(school_year, safe=""))
    assert librarian_client.get(url).status_code in (200, 302, 404)


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(year=st.integers(min_value=0, max_value=10**30), month=st.integers(min_value=0, max_value=10**20))
def test_monthly_report_survives_hostile_year_and_month(librarian_client, year, month):
    response = librarian_client.get(reverse("reports:monthly", kwargs={"year": year, "month": month}))
    assert response.status_code in (200, 302, 404)
