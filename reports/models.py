"""Monthly library statistics, entered (or imported) per school per month."""

import calendar

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords

from collabtrack.models import District, School

# A month's circulation or classes served beyond this is a typing slip, not a school library (and the
# PostgreSQL integer column would refuse it with a server error rather than a message).
MAX_MONTHLY_COUNT = 1_000_000
COUNT_CEILING = MaxValueValidator(MAX_MONTHLY_COUNT, f"At most {MAX_MONTHLY_COUNT:,} in one month.")


class MonthlyStatistics(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="monthly_statistics")
    year = models.PositiveSmallIntegerField(validators=[MinValueValidator(1900), MaxValueValidator(2200)])
    month = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(12)])
    # Blank means "not entered", which reports show as blank rather than 0.
    days_open = models.PositiveSmallIntegerField(null=True, blank=True)
    circulation = models.PositiveIntegerField(
        "monthly circulation", null=True, blank=True, validators=[COUNT_CEILING]
    )
    classes_served = models.PositiveIntegerField(null=True, blank=True, validators=[COUNT_CEILING])
    # Who changed which figure when: the statistics page lists these changes.
    history = HistoricalRecords()

    class Meta:
        ordering = ["school", "year", "month"]
        verbose_name_plural = "monthly statistics"
        constraints = [
            models.UniqueConstraint(fields=["school", "year", "month"], name="one_statistics_row_per_month"),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.year}-{self.month:02d}"

    def clean(self):
        if self.days_open is not None and self.year and self.month:
            days_in_month = calendar.monthrange(self.year, self.month)[1]
            if self.days_open > days_in_month:
                raise ValidationError(
                    {"days_open": f"Days open cannot be more than the {days_in_month} days in this month."}
                )


class BoardHighlights(models.Model):
    """The paragraph the librarian writes for the front of a school year's board PDF."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="board_highlights")
    start_year = models.PositiveSmallIntegerField(
        "school year (calendar year it starts in)",
        validators=[MinValueValidator(1900), MaxValueValidator(2200)],
    )
    text = models.TextField("highlights", max_length=2000, blank=True)
    # The principal's own words beside the librarian's highlights; only the principal edits them.
    principal_note = models.TextField("principal's note", max_length=2000, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "start_year"], name="one_highlights_per_school_year"),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.start_year}"


class MonthlyReportDelivery(models.Model):
    """One month's report e-mailed to one person of a school: the log the librarian reads, and the claim
    that stops a second copy.

    The row is written (and committed) BEFORE the message is handed to the mail server; the unique
    constraint makes a second run, a second worker or the periodic task firing twice find it and skip.
    `sent_at` is set once the mail server has accepted the message; a row without it means the sender
    stopped between claiming and sending (the message may or may not have left), so it is not retried."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="monthly_report_deliveries")
    month = models.DateField("month reported (its first day)")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    email = models.EmailField("sent to")
    role = models.CharField(max_length=20)
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-month", "role", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["school", "month", "recipient"], name="one_monthly_report_per_person_and_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.month:%Y-%m} → {self.email}"


class DistrictDigestDelivery(models.Model):
    """One month's district roll-up e-mailed to one coordinator: claimed before it is sent, like
    MonthlyReportDelivery, so no coordinator gets a month twice."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="digest_deliveries")
    month = models.DateField("month reported (its first day)")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    email = models.EmailField("sent to")
    claimed_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-month", "email"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "month", "recipient"], name="one_district_digest_per_person_and_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.month:%Y-%m} → {self.email}"
