"""Query budgets of the units' lists not covered in test_views.py: the same number of queries whatever
the size of the data, shown at two sizes."""

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 25])
def test_deleted_units_query_budget(librarian_client, school, count, django_assert_num_queries):
    deleted_at = dt.datetime(2025, 11, 1, tzinfo=dt.UTC)
    for _ in range(count):
        UnitFactory(school=school, deleted_at=deleted_at)
    # session, user, membership (3); the deleted units (1)
    with django_assert_num_queries(3 + 1):
        response = librarian_client.get(reverse("units:deleted"))
    assert response.status_code == 200
    assert len(response.context["units"]) == count
