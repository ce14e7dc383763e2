"""Invitations (issue 12): who may invite whom (checked on the server), the e-mail, accepting with a
password, and every link that must not work (expired, reused, revoked, replaced, tampered)."""

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from collabtrack import invitations
from collabtrack.models import DistrictMembership, Invitation, Membership, Role
from tests.factories import SchoolFactory, StaffMemberFactory, UserFactory

NEW_PASSWORD = "a-long-library-passphrase-42"
User = get_user_model()


def _invite(sender, school, email="new.teacher@example.org", role=Role.TEACHER):
    return invitations.invitation_create(sender=sender, school=school, email=email, role=role).invitation


def _link(message) -> str:
    return re.search(r"https?://\S+/invitations/\S+/", message.body).group(0)


def _accept(client, invitation_or_key, **overrides):
    key = getattr(invitation_or_key, "key", invitation_or_key)
    data = {"first_name": "Nina", "last_name": "Novak", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    return client.post(reverse("invitation_accept", kwargs={"key": key}), {**data, **overrides})


def test_librarian_invites_a_teacher_who_accepts_and_is_linked_to_the_directory(
    librarian_client, school, client, django_capture_on_commit_callbacks
):
    entry = StaffMemberFactory(school=school, name="Nina Novak", email="Nina.Novak@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = librarian_client.post(
            reverse("people:invite"), {"email": "nina.novak@example.org", "role": Role.TEACHER}
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["nina.novak@example.org"]
    assert school.name in message.subject
    assert message.alternatives and message.alternatives[0][1] == "text/html"
    key = Invitation.objects.get().key
    assert _link(message).endswith(f"/invitations/{key}/")
    page = client.get(reverse("invitation_accept", kwargs={"key": key}))
    assert page.status_code == 200 and b"Join Riverside Middle School" in page.content
    response = _accept(client, Invitation.objects.get())
    assert response.status_code == 302
    user = User.objects.get(email__iexact="nina.novak@example.org")
    assert user.check_password(NEW_PASSWORD) and user.get_full_name() == "Nina Novak"
    assert Membership.objects.get(user=user).role == Role.TEACHER
    entry.refresh_from_db()
    assert entry.user == user, "the new login is linked to the directory entry with the same e-mail"
    assert client.get(reverse("home")).status_code == 302  # signed in: sent to the teacher's start page


def test_accepting_without_a_directory_entry_creates_one_for_a_teacher(librarian, school, client):
    invitation = _invite(librarian, school)
    _accept(client, invitation)
    user = User.objects.get(email="new.teacher@example.org")
    assert school.staff.get(user=user).name == "Nina Novak"


def test_a_weak_password_is_refused_next_to_the_field_and_nothing_is_created(librarian, school, client):
    invitation = _invite(librarian, school)
    response = _accept(client, invitation, password1="12345678", password2="12345678")
    assert response.status_code == 200
    assert "password1" in response.context["form"].errors
    response = _accept(client, invitation, password2="something-else-entirely")
    assert "password2" in response.context["form"].errors
    assert not User.objects.filter(email="new.teacher@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.pending


@pytest.mark.parametrize("role", [Role.LIBRARIAN, Role.DISTRICT])
def test_a_librarian_cannot_give_a_role_above_teacher_and_principal(
    librarian, librarian_client, school, role
):
    with pytest.raises(PermissionDenied):
        _invite(librarian, school, role=role)
    response = librarian_client.post(reverse("people:invite"), {"email": "boss@example.org", "role": role})
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_nobody_invites_into_a_school_out_of_reach(
    librarian, principal, teacher, school, other_school, district
):
    with pytest.raises(PermissionDenied):
        _invite(librarian, other_school)  # librarian of another school
    with pytest.raises(PermissionDenied):
        _invite(principal, school)  # principals and teachers invite nobody
    with pytest.raises(PermissionDenied):
        _invite(teacher, school)
    with pytest.raises(PermissionDenied):
        _invite(district, SchoolFactory(), role=Role.LIBRARIAN)  # a school outside the coordinator's district
    assert not Invitation.objects.exists()


def test_a_coordinator_invites_a_librarian_and_a_coordinator(district, other_school, client):
    librarian_invitation = _invite(district, other_school, email="lib@example.org", role=Role.LIBRARIAN)
    coordinator_invitation = _invite(district, other_school, email="coord@example.org", role=Role.DISTRICT)
    _accept(client, librarian_invitation)
    assert Membership.objects.get(user__email="lib@example.org", school=other_school).role == Role.LIBRARIAN
    client.logout()
    _accept(client, coordinator_invitation)
    coordinator = User.objects.get(email="coord@example.org")
    assert DistrictMembership.objects.filter(user=coordinator, district=other_school.district).exists()
    assert not Membership.objects.filter(user=coordinator).exists()


def test_an_address_with_a_login_gets_the_membership_instead(librarian, school, other_school):
    existing = UserFactory(username="already", email="already@example.org")
    Membership.objects.create(user=existing, school=other_school, role=Role.TEACHER)
    result = invitations.invitation_create(
        sender=librarian, school=school, email="ALREADY@example.org", role=Role.TEACHER
    )
    assert result.invitation is None and result.added_to == existing
    assert Membership.objects.get(user=existing, school=school).role == Role.TEACHER
    assert not Invitation.objects.exists()


def _assert_refused(client, key, words):
    users = User.objects.count()
    page = client.get(reverse("invitation_accept", kwargs={"key": key}))
    assert page.status_code == 410 and words in page.content.decode()
    response = _accept(client, key)
    assert response.status_code == 410 and words in response.content.decode()
    assert User.objects.count() == users, "a refused link creates nothing"


def test_expired_reused_revoked_replaced_and_tampered_links_say_so(librarian, school, client):
    expired = _invite(librarian, school, email="late@example.org")
    Invitation.objects.filter(pk=expired.pk).update(sent_at=timezone.now() - dt.timedelta(days=7, seconds=1))
    _assert_refused(client, expired.key, "has expired")

    used = _invite(librarian, school, email="used@example.org")
    assert _accept(client, used).status_code == 302
    client.logout()
    _assert_refused(client, used.key, "already been used")

    revoked = _invite(librarian, school, email="revoked@example.org")
    invitations.invitation_revoke(sender=librarian, school=school, pk=revoked.pk)
    _assert_refused(client, revoked.key, "was withdrawn")

    resent = _invite(librarian, school, email="resent@example.org")
    old_key = resent.key
    resent = invitations.invitation_resend(sender=librarian, school=school, pk=resent.pk)
    _assert_refused(client, old_key, "not valid")
    _assert_refused(client, resent.key[:-1] + ("A" if resent.key[-1] != "A" else "B"), "not valid")
    assert _accept(client, resent).status_code == 302, "the new link works"


def test_an_invitation_is_used_only_once_even_by_two_tabs(librarian, school, client):
    invitation = _invite(librarian, school)
    assert _accept(client, invitation).status_code == 302
    client.logout()
    assert _accept(client, invitation).status_code == 410
    assert User.objects.filter(email="new.teacher@example.org").count() == 1


def test_resend_and_revoke_are_for_the_invitations_sender_reach(librarian, school, other_school, outsider):
    invitation = _invite(librarian, school)
    with pytest.raises(Invitation.DoesNotExist):
        invitations.invitation_revoke(sender=outsider, school=other_school, pk=invitation.pk)
    with pytest.raises(PermissionDenied):
        invitations.invitation_revoke(sender=outsider, school=school, pk=invitation.pk)
    invitation.refresh_from_db()
    assert invitation.pending


def test_invite_everyone_in_the_directory_with_an_email_and_no_login(
    librarian_client, school, teacher_staff, django_capture_on_commit_callbacks
):
    StaffMemberFactory(school=school, name="Ann", email="ann@example.org")
    StaffMemberFactory(school=school, name="Bob", email="bob@example.org")
    StaffMemberFactory(school=school, name="No Mail", email="")
    StaffMemberFactory(school=school, name="Gone", email="gone@example.org", active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = librarian_client.post(reverse("people:invite_directory"))
    assert response.status_code == 302
    assert sorted(message.to[0] for message in mail.outbox) == ["ann@example.org", "bob@example.org"]
    with django_capture_on_commit_callbacks(execute=True):
        librarian_client.post(reverse("people:invite_directory"))
    assert len(mail.outbox) == 2, "pending invitations are not sent twice"
    assert Invitation.objects.filter(role=Role.TEACHER).count() == 2
