"""Invitations (issue 12): a librarian or coordinator asks someone by e-mail to join a school in a role.

Imported by collabtrack.models (Django finds the model there); kept apart so that file stays small. The
rules (who may invite whom, accepting, expiry) live in collabtrack.invitations.
"""

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

INVITATION_VALID_FOR = dt.timedelta(days=7)


def new_invitation_key() -> str:
    # 256 random bits: the link is the only secret an invited person holds.
    return secrets.token_urlsafe(32)


class Invitation(models.Model):
    school = models.ForeignKey("collabtrack.School", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    role = models.CharField(max_length=20)  # a collabtrack.models.Role value
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="invitations_sent"
    )
    key = models.CharField(max_length=64, unique=True, default=new_invitation_key)
    sent_at = models.DateTimeField(default=timezone.now)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return f"{self.email} invited as {self.role} at {self.school}"

    @property
    def role_label(self) -> str:
        from collabtrack.models import Role  # models.py imports this module

        return Role(self.role).label

    @property
    def expires_at(self) -> dt.datetime:
        return self.sent_at + INVITATION_VALID_FOR

    @property
    def pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None

    def expired(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.expires_at
