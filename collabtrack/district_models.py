"""Districts: a district owns its schools and sets their default school-year months; its coordinators
belong to the district itself, so they reach every school of it, including schools added later.

Imported by collabtrack.models (Django finds the models there); kept apart so that file stays small.
"""

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

DEFAULT_FIRST_MONTH = 9
DEFAULT_LAST_MONTH = 6
MONTH_CHOICES = [(n, dt.date(2000, n, 1).strftime("%B")) for n in range(1, 13)]


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(f"{value!r} is not a time zone name such as America/Chicago.")


class District(models.Model):
    name = models.CharField(max_length=200, unique=True)
    first_month = models.PositiveSmallIntegerField(
        "first month of the school year",
        choices=MONTH_CHOICES,
        default=DEFAULT_FIRST_MONTH,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    last_month = models.PositiveSmallIntegerField(
        "last month of the school year",
        choices=MONTH_CHOICES,
        default=DEFAULT_LAST_MONTH,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    time_zone = models.CharField(max_length=64, default=settings.TIME_ZONE, validators=[validate_time_zone])

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class DistrictMembership(models.Model):
    """A district library coordinator: read-only in every school of the district."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="district_memberships"
    )
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "district"], name="one_membership_per_district")
        ]
        ordering = ["district__name"]

    def __str__(self) -> str:
        return f"{self.user} — district coordinator of {self.district}"
