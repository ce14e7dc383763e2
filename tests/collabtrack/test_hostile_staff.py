"""Hostile input to the staff directory's forms (tests/fuzzing.py explains the rules)."""

import pytest
from django.urls import reverse
from hypothesis import given

from collabtrack.models import Grade, StaffMember
from tests.factories import StaffMemberFactory
from tests.fuzzing import (
    FUZZ,
    apply,
    counts,
    hostile_overrides,
    rolled_back,
    submit,
)

GRADE_LINKS = StaffMember.grades.through


@pytest.mark.django_db
@FUZZ
@given(overrides=hostile_overrides(["name", "title", "department", "grades", "email", "user", "active"]))
def test_staff_create_survives_hostile_input(librarian_client, school, overrides):
    valid = {"name": "Rosa Reader", "title": "Teacher", "department": "Science", "active": "on"}
    data = apply(valid, overrides)
    with rolled_back():
        before = counts(StaffMember, GRADE_LINKS)
        response = submit(librarian_client, reverse("staff_create"), data)
        after = counts(StaffMember, GRADE_LINKS)
        if response.status_code == 200:
            assert after == before, "a refused staff form saved something"
        else:
            assert after["StaffMember"] == before["StaffMember"] + 1
            saved = StaffMember.objects.latest("pk")
            assert saved.school == school
            assert "\x00" not in saved.name


@pytest.mark.django_db
@FUZZ
@given(overrides=hostile_overrides(["name", "title", "department", "grades", "email", "user", "active"]))
def test_staff_edit_survives_hostile_input(librarian_client, school, overrides):
    with rolled_back():
        member = StaffMemberFactory(school=school, name="Rosa Reader", email="rosa@example.org")
        member.grades.set(Grade.objects.all()[:2])
        original = (member.name, member.title, member.department, member.email, member.active)
        original_grades = set(member.grades.values_list("pk", flat=True))
        valid = {"name": member.name, "title": member.title, "department": member.department, "active": "on"}
        response = submit(librarian_client, reverse("staff_edit", args=[member.pk]), apply(valid, overrides))
        member.refresh_from_db()
        if response.status_code == 200:
            assert (member.name, member.title, member.department, member.email, member.active) == original
            assert set(member.grades.values_list("pk", flat=True)) == original_grades
