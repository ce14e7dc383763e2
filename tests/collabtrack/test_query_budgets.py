"""Query budgets of collabtrack's lists (STYLE.md "Tests"): the same number of queries whatever the size of
the data, shown at two sizes."""

import pytest
from django.urls import reverse

from collabtrack.models import Grade
from tests.factories import StaffMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 25])
def test_staff_list_query_budget(librarian_client, school, count, django_assert_num_queries):
    grades = list(Grade.objects.all()[:3])
    for index in range(count):
        member = StaffMemberFactory(school=school, user=UserFactory() if index % 2 else None)
        member.grades.set(grades)
    # session, user, membership (3); the staff with their logins (1); their grades, prefetched (1)
    with django_assert_num_queries(3 + 1 + 1):
        response = librarian_client.get(reverse("staff_list"))
    assert response.status_code == 200
    assert len(response.context["staff"]) == count
