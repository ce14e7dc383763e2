"""The people page (issue 12): who has which role, changing a role, removing a membership."""

import pytest
from django.urls import reverse

from collabtrack.models import Invitation, Membership, Role
from tests.factories import MembershipFactory, UnitFactory, UserFactory


def test_the_page_lists_roles_and_pending_invitations(
    librarian_client, librarian, principal, teacher, school
):
    Invitation.objects.create(
        school=school, email="soon@example.org", role=Role.TEACHER, invited_by=librarian
    )
    Invitation.objects.create(
        school=school, email="gone@example.org", role=Role.TEACHER, revoked_at="2025-01-01T00:00Z"
    )
    page = librarian_client.get(reverse("people:index"))
    text = page.content.decode()
    assert page.status_code == 200
    for user in (librarian, principal, teacher):
        assert user.get_full_name() in text
    assert "soon@example.org" in text and "gone@example.org" not in text
    memberships = {membership.user: membership for membership in page.context["page"].memberships}
    assert memberships[teacher].manageable and memberships[principal].manageable
    assert not memberships[librarian].manageable, "nobody changes their own role"


def test_a_librarian_makes_a_teacher_principal_but_not_librarian(librarian_client, teacher, school):
    membership = teacher.memberships.get(school=school)
    librarian_client.post(reverse("people:change_role", args=[membership.pk]), {"role": Role.PRINCIPAL})
    membership.refresh_from_db()
    assert membership.role == Role.PRINCIPAL
    response = librarian_client.post(
        reverse("people:change_role", args=[membership.pk]), {"role": Role.LIBRARIAN}, follow=True
    )
    assert "Choose one of the roles you may give" in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == Role.PRINCIPAL


def test_a_librarian_cannot_touch_another_librarian(librarian_client, school):
    colleague = MembershipFactory(school=school, role=Role.LIBRARIAN, user=UserFactory(username="second-lib"))
    assert librarian_client.post(reverse("people:remove", args=[colleague.pk])).status_code == 403
    assert Membership.objects.filter(pk=colleague.pk).exists()


def test_a_coordinator_makes_a_teacher_librarian(district_client, teacher, school):
    membership = teacher.memberships.get(school=school)
    district_client.post(reverse("people:change_role", args=[membership.pk]), {"role": Role.LIBRARIAN})
    membership.refresh_from_db()
    assert membership.role == Role.LIBRARIAN


def test_removing_a_membership_keeps_units_and_leaves_no_school(librarian_client, client, teacher, school):
    entry = teacher.staff_entries.get()
    unit = UnitFactory(school=school, title="Rivers")
    unit.teachers.add(entry)
    membership = teacher.memberships.get(school=school)
    response = librarian_client.post(reverse("people:remove", args=[membership.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(user=teacher).exists()
    entry.refresh_from_db()
    assert entry.user is None and entry.name == "Tom Teacher"
    assert list(unit.teachers.all()) == [entry], "their units keep them as partner"
    client.force_login(teacher)
    assert b"not a member of any school" in client.get(reverse("home")).content
    assert client.get(reverse("units:detail", args=[unit.pk]))["Location"].startswith(
        reverse("choose_school")
    )


@pytest.mark.parametrize("persona", ["teacher_client", "principal_client"])
def test_teachers_and_principals_do_not_manage_people(persona, request):
    assert request.getfixturevalue(persona).get(reverse("people:index")).status_code == 403


def test_the_people_page_queries_do_not_grow_with_the_people(
    librarian_client, school, django_assert_num_queries
):
    for number in range(10):
        MembershipFactory(school=school, role=Role.TEACHER, user=UserFactory(username=f"t{number}"))
        Invitation.objects.create(school=school, email=f"i{number}@example.org", role=Role.TEACHER)
    # session, user, membership; the librarian's rights (what they may give, whom they manage: one query
    # each, the school has no district); then memberships with their users, and pending invitations.
    with django_assert_num_queries(7):
        page = librarian_client.get(reverse("people:index"))
    assert len(page.context["page"].memberships) == 11 and len(page.context["page"].invitations) == 10
