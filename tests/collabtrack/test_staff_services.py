"""The staff directory's services take plain data; the page, the units' "add a teacher" and the imports
match and add teachers through them."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from collabtrack import services
from collabtrack.models import StaffMember
from tests.factories import StaffMemberFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_staff_create_and_update_take_plain_data(school, teacher):
    member = services.staff_create(school=school, name=" Ana Lima ", title="Grade 8 science", grades=[7, 8])
    assert (member.school, member.name, member.active) == (school, "Ana Lima", True)
    assert list(member.grades.values_list("order", flat=True)) == [7, 8]
    member.name = "changed on the caller's copy only"
    updated = services.staff_update(
        staff_member=member,
        name="Ana Lima-Reyes",
        title="",
        department="Science",
        grades=[8],
        email="ana@example.org",
        user_id=None,
        active=False,
    )
    stored = StaffMember.objects.get(pk=member.pk)
    assert (stored.name, stored.department, stored.active) == ("Ana Lima-Reyes", "Science", False)
    assert list(updated.grades.values_list("order", flat=True)) == [8]


def test_the_staff_service_refuses_a_login_from_another_school_with_a_field_error(school, other_school):
    stranger = UserFactory()
    with pytest.raises(ValidationError) as caught:
        services.staff_create(school=school, name="Ana Lima", user_id=stranger.pk)
    assert list(caught.value.message_dict) == ["user"]
    assert not StaffMember.objects.exists()


def test_staff_find_or_create_matches_case_and_spacing_and_adds_the_rest(school, other_school):
    priya = StaffMemberFactory(school=school, name="Priya  Shah")
    StaffMemberFactory(school=other_school, name="Marcus Bell")
    found = services.staff_find_or_create(
        school=school,
        names=["priya shah", "Marcus Bell", "PRIYA SHAH", " "],
        titles={"Marcus Bell": "Grade 6"},
    )
    assert list(found) == ["priya shah", "Marcus Bell", "PRIYA SHAH"]
    assert found["priya shah"] == found["PRIYA SHAH"] == priya
    assert (found["Marcus Bell"].school, found["Marcus Bell"].title) == (school, "Grade 6")
    assert StaffMember.objects.filter(school=school).count() == 2
    again = services.staff_find_or_create(school=school, names=["marcus bell"])
    assert again["marcus bell"] == found["Marcus Bell"]


def test_the_staff_page_saves_through_the_service(librarian_client, school):
    response = librarian_client.post(
        reverse("staff_create"),
        {"name": "Ana Lima", "title": "Grade 8 science", "department": "", "grades": ["8"], "active": "on"},
    )
    assert response.status_code == 302
    member = StaffMember.objects.get(school=school, name="Ana Lima")
    assert list(member.grades.values_list("order", flat=True)) == [8]


def test_staff_find_or_create_reads_nothing_for_no_names_and_takes_any_iterable(school):
    with CaptureQueriesContext(connection) as queries:  # the quick log without "add a teacher"
        assert services.staff_find_or_create(school=school, names=[" "]) == {}
    assert not [query for query in queries if "staffmember" in query["sql"]]
    found = services.staff_find_or_create(school=school, names=(name for name in ["Ana Lima"]))
    assert list(found) == ["Ana Lima"]
