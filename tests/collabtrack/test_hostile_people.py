"""Hostile input to the invitation, people and accept forms (tests/fuzzing.py explains the rules)."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from hypothesis import given

from collabtrack.models import DistrictMembership, Invitation, Membership
from tests.fuzzing import FUZZ, apply, counts, hostile_overrides, rolled_back, submit

User = get_user_model()


@pytest.mark.django_db
@FUZZ
@given(overrides=hostile_overrides(["email", "role"]))
def test_invite_survives_hostile_input(librarian_client, school, overrides):
    with rolled_back():
        before = counts(Invitation, Membership, DistrictMembership)
        response = submit(
            librarian_client,
            reverse("people:invite"),
            apply({"email": "a@example.org", "role": "teacher"}, overrides),
            ok=(302, 400),
        )
        after = counts(Invitation, Membership, DistrictMembership)
        if response.status_code == 400:
            assert after == before, "a refused invitation saved something"
        else:
            invitation = Invitation.objects.latest("pk")
            assert invitation.role in ("teacher", "principal") and invitation.school == school


@pytest.mark.django_db
@FUZZ
@given(overrides=hostile_overrides(["role"]))
def test_change_role_survives_hostile_input(librarian_client, teacher, school, overrides):
    membership = teacher.memberships.get(school=school)
    with rolled_back():
        submit(
            librarian_client,
            reverse("people:change_role", args=[membership.pk]),
            apply({}, overrides),
            ok=(302,),
        )
        membership.refresh_from_db()
        assert membership.role in ("teacher", "principal")


@pytest.mark.django_db
@FUZZ
@given(overrides=hostile_overrides(["first_name", "last_name", "password1", "password2"]))
def test_accept_survives_hostile_input(client, librarian, school, overrides):
    valid = {
        "first_name": "Nina",
        "last_name": "Novak",
        "password1": "a-long-passphrase-42",
        "password2": "a-long-passphrase-42",
    }
    with rolled_back():
        invitation = Invitation.objects.create(
            school=school, email="nina@example.org", role="teacher", invited_by=librarian
        )
        before = counts(User, Membership)
        response = submit(
            client, reverse("invitation_accept", args=[invitation.key]), apply(valid, overrides)
        )
        after = counts(User, Membership)
        if response.status_code == 200:
            assert after == before, "a refused acceptance created something"
        else:
            assert after["User"] == before["User"] + 1
            assert "\x00" not in User.objects.latest("pk").first_name
        client.logout()
