"""Invitations: who may invite whom, sending, resending, revoking and accepting (issue 12).

A librarian invites teachers and the principal of their school; a district coordinator invites librarians,
principals and coordinators for any school of their district. Every rule is checked here, on the server,
whatever a form offered. An invitation is single-use and expires INVITATION_VALID_FOR after it was (re)sent.
"""

import logging
import smtplib
from dataclasses import dataclass

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from collabtrack.invitation_models import INVITATION_VALID_FOR, Invitation, new_invitation_key
from collabtrack.mail import absolute_url
from collabtrack.models import DistrictMembership, Membership, Role, School, StaffMember
from collabtrack.people import display_name

logger = logging.getLogger(__name__)

LIBRARIAN_GIVES = (Role.TEACHER, Role.PRINCIPAL)
COORDINATOR_GIVES = (Role.LIBRARIAN, Role.PRINCIPAL, Role.DISTRICT)


class InvitationLinkError(Exception):
    """The link cannot be used; the message says why, in words for the person who clicked it."""


def coordinates(user, school: School) -> bool:
    return (
        bool(school.district_id)
        and DistrictMembership.objects.filter(user=user, district_id=school.district_id).exists()
    )


def roles_user_may_give(user, school: School) -> tuple[str, ...]:
    """The roles `user` may give in `school`: none outside their reach."""
    if not user.is_authenticated:
        return ()
    if coordinates(user, school):
        return COORDINATOR_GIVES
    if Membership.objects.filter(user=user, school=school, role=Role.LIBRARIAN).exists():
        return LIBRARIAN_GIVES
    return ()


def check_may_give(user, school: School, role: str) -> None:
    if role not in roles_user_may_give(user, school):
        raise PermissionDenied("You may not give this role in this school.")


def _find_user(email: str):
    return get_user_model().objects.filter(email__iexact=email, is_active=True).order_by("pk").first()


def grant(*, user, school: School, role: str) -> None:
    """Give `user` `role` in `school` (a coordinator role goes to the school's district) and link them to
    the school's directory entry with their e-mail, creating it for teachers when there is none."""
    if role == Role.DISTRICT:
        DistrictMembership.objects.get_or_create(user=user, district_id=school.district_id)
        return
    Membership.objects.update_or_create(user=user, school=school, defaults={"role": role})
    entry = StaffMember.objects.filter(school=school, user=user).first() or (
        StaffMember.objects.filter(school=school, user=None, email__iexact=user.email).order_by("pk").first()
        if user.email
        else None
    )
    if entry is None and role == Role.TEACHER:
        entry = StaffMember(school=school, name=display_name(user), email=user.email)
    if entry is not None and entry.user_id is None:
        entry.user = user
        entry.save()


@dataclass(frozen=True)
class InviteResult:
    invitation: Invitation | None  # None when the address already had a login: the membership was added
    added_to: object = None  # the existing user given the membership
    sent: bool = False  # False when the mail server refused: the invitation waits, "Send again" retries


def invitation_create(*, sender, school: School, email: str, role: str) -> InviteResult:
    """Invite `email` to `school` as `role`, or add the membership at once when the address has a login.

    Raises PermissionDenied when `sender` may not give `role` in `school`, ValidationError on a bad
    address. A pending invitation of the same address to the same school is replaced (one link works)."""
    check_may_give(sender, school, role)
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as error:
        raise ValidationError({"email": error.messages}) from error
    with transaction.atomic():
        existing = _find_user(email)
        if existing is not None:
            grant(user=existing, school=school, role=role)
            return InviteResult(invitation=None, added_to=existing)
        now = timezone.now()
        pending = Invitation.objects.filter(
            school=school, email__iexact=email, accepted_at=None, revoked_at=None
        )
        pending.update(revoked_at=now)
        invitation = Invitation(school=school, email=email, role=role, invited_by=sender, sent_at=now)
        invitation.full_clean()
        invitation.save()
    # Sent once saved, outside the transaction: a slow or refusing mail server holds no lock.
    return InviteResult(invitation=invitation, sent=send_invitation(invitation))


def invitation_url(invitation: Invitation) -> str:
    return absolute_url(reverse("invitation_accept", kwargs={"key": invitation.key}))


def send_invitation(invitation: Invitation) -> bool:
    """Send the invitation; False (and a log line) when the mail server cannot be reached or refuses."""
    context = {
        "invitation": invitation,
        "school": invitation.school,
        "role_label": Role(invitation.role).label,
        "sender_name": display_name(invitation.invited_by),
        "accept_url": invitation_url(invitation),
        "expires_at": invitation.expires_at,
    }
    message = EmailMultiAlternatives(
        subject=f"You are invited to CollabTrack at {invitation.school.name}",
        body=render_to_string("email/invitation.txt", context),
        to=[invitation.email],
    )
    message.attach_alternative(render_to_string("email/invitation.html", context), "text/html")
    try:
        message.send()
    except (OSError, smtplib.SMTPException):
        logger.exception("The invitation to %s could not be sent", invitation.email)
        return False
    return True


def _pending_for(sender, school: School, pk: int) -> Invitation:
    invitation = Invitation.objects.filter(school=school, pk=pk, accepted_at=None, revoked_at=None).first()
    if invitation is None:
        raise Invitation.DoesNotExist
    check_may_give(sender, school, invitation.role)
    return invitation


def invitation_resend(*, sender, school: School, pk: int) -> Invitation:
    """A new link (the old one stops working) valid for another INVITATION_VALID_FOR; `.sent` says whether
    the mail server took it."""
    with transaction.atomic():
        invitation = _pending_for(sender, school, pk)
        invitation.key = new_invitation_key()
        invitation.sent_at = timezone.now()
        invitation.save(update_fields=["key", "sent_at"])
    invitation.sent = send_invitation(invitation)
    return invitation


@transaction.atomic
def invitation_revoke(*, sender, school: School, pk: int) -> Invitation:
    invitation = _pending_for(sender, school, pk)
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    return invitation


def invite_directory(*, sender, school: School) -> list[InviteResult]:
    """Invite, as teachers, everyone in the school's directory who has an e-mail and no login."""
    check_may_give(sender, school, Role.TEACHER)
    entries = school.staff.filter(user=None, active=True).exclude(email="").order_by("name")
    pending = {
        address.lower()
        for address in Invitation.objects.filter(school=school, accepted_at=None, revoked_at=None)
        .filter(sent_at__gt=timezone.now() - INVITATION_VALID_FOR)
        .values_list("email", flat=True)
    }
    return [
        invitation_create(sender=sender, school=school, email=entry.email, role=Role.TEACHER)
        for entry in entries
        if entry.email.lower() not in pending
    ]


def invitation_for_key(key: str) -> Invitation:
    """The usable invitation a link names, or InvitationLinkError saying why it cannot be used."""
    invitation = Invitation.objects.select_related("school").filter(key=key).first() if key else None
    if invitation is None:
        raise InvitationLinkError(
            "This invitation link is not valid: it may have been cut short or changed when it was copied, "
            "or a newer invitation replaced it. Open the most recent invitation e-mail, or ask for a new one."
        )
    if invitation.accepted_at:
        raise InvitationLinkError(
            "This invitation has already been used. Log in with the account it created."
        )
    if invitation.revoked_at:
        raise InvitationLinkError(
            "This invitation was withdrawn. Ask your librarian or district coordinator for a new one."
        )
    if invitation.expired():
        raise InvitationLinkError(
            "This invitation has expired (invitations last 7 days). Ask the person who invited you to send "
            "it again."
        )
    return invitation


@transaction.atomic
def invitation_accept(*, key: str, first_name: str, last_name: str, password: str):
    """Create the invited person's login with a password and give them the invitation's role.

    Raises InvitationLinkError (nothing created) or ValidationError on the name or password."""
    invitation = invitation_for_key(key)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation_for_key(invitation.key)  # re-checked under the row lock: two tabs cannot both use it
    if not first_name.strip():
        raise ValidationError({"first_name": "Enter your first name."})
    if _find_user(invitation.email) is not None:
        raise InvitationLinkError(
            "An account with this e-mail address already exists: log in with it instead."
        )
    user_model = get_user_model()
    user = user_model(
        username=invitation.email.lower(),
        email=invitation.email,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
    )
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password1": error.messages}) from error
    if user_model.objects.filter(username__iexact=user.username).exists():
        raise InvitationLinkError(
            "An account with this e-mail address already exists: log in with it instead."
        )
    user.set_password(password)
    user.full_clean()
    user.save()
    _use(invitation, user)
    return user


def _use(invitation: Invitation, user) -> None:
    grant(user=user, school=invitation.school, role=invitation.role)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])


@transaction.atomic
def accept_pending_for(user) -> int:
    """Use every pending, unexpired invitation to `user`'s (verified) e-mail: after a sign-in through an
    identity provider. Returns how many were used."""
    used = 0
    for invitation in Invitation.objects.select_for_update().filter(
        email__iexact=user.email, accepted_at=None, revoked_at=None
    ):
        if not invitation.expired():
            _use(invitation, user)
            used += 1
    return used


def has_pending_invitation(email: str) -> bool:
    return any(
        not invitation.expired()
        for invitation in Invitation.objects.filter(email__iexact=email, accepted_at=None, revoked_at=None)
    )
