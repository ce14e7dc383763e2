"""Notices to teachers added as partners on a unit, sent in at most one e-mail a day per person
(the logic is in units/notifications.py). Imported by units/models.py so Django finds the models."""

from django.conf import settings
from django.db import models


class PartnerNoticeDigest(models.Model):
    """One day's e-mail to one person. The unique (user, day) row is claimed before the message is sent,
    so a person never gets two in a day, even when two workers run the daily task at once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="one_partner_digest_per_day")]

    def __str__(self) -> str:
        return f"{self.user} {self.day}"


class PartnerNotice(models.Model):
    """A teacher (with a login) was added as a partner on a unit. One row per unit and teacher, ever: being
    removed and added again, or the unit being saved again, tells nobody twice."""

    unit = models.ForeignKey("units.Unit", on_delete=models.CASCADE, related_name="partner_notices")
    staff_member = models.ForeignKey(
        "collabtrack.StaffMember", on_delete=models.CASCADE, related_name="partner_notices"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Set when the day's e-mail claims the notice; back to empty if that e-mail could not be sent.
    digest = models.ForeignKey(
        PartnerNoticeDigest, on_delete=models.SET_NULL, null=True, blank=True, related_name="notices"
    )
    # Not to be sent: the person turned these e-mails off, has no address, left the unit again, or the link
    # existed before notices did (set by the migration that added them).
    skipped = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "staff_member"], name="one_partner_notice_per_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.staff_member} on unit {self.unit_id}"
