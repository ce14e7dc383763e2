"""The core of CollabTrack: schools, who belongs to them in which role, and each school's staff."""

import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from collabtrack.district_models import (  # noqa: F401 - Django finds the models here
    DEFAULT_FIRST_MONTH,
    DEFAULT_LAST_MONTH,
    District,
    DistrictMembership,
)
from collabtrack.grades import GRADE_CHOICES, grade_span
from collabtrack.invitation_models import Invitation  # noqa: F401 - Django finds the model here
from collabtrack.schoolyear import SchoolYear, latest_school_year, parse_school_year, school_year_of

MONTH_CHOICES = [(n, dt.date(2000, n, 1).strftime("%B")) for n in range(1, 13)]


class School(models.Model):
    name = models.CharField(max_length=200)
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="schools"
    )
    # The school's own months override the district's; blank (None) means "as the district" (see `months`).
    first_month = models.PositiveSmallIntegerField(
        "first month of the school year",
        choices=MONTH_CHOICES,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    last_month = models.PositiveSmallIntegerField(
        "last month of the school year",
        choices=MONTH_CHOICES,
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    principal_name = models.CharField(
        "principal's name (printed on the board report)", max_length=200, blank=True
    )
    librarian_name = models.CharField(
        "librarian's name (printed on the board report)", max_length=200, blank=True
    )
    # PNG or JPEG, uploaded by the librarian on the board report page (checked by content, not by name).
    logo = models.FileField(
        "school logo (printed on the board report's cover)", upload_to="logos/", blank=True
    )
    # Moves whenever a unit, plan, statistic, highlight or staff entry of the school changes
    # (collabtrack.dataversion): generated files are kept and reused while it stays the same.
    data_version = models.PositiveBigIntegerField(default=0, editable=False)
    # The school's `sourcedId` in its OneRoster export (orgs.csv), set by the roster import.
    roster_source_id = models.CharField("OneRoster school id", max_length=200, blank=True, editable=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def months(self) -> tuple[int, int]:
        """The effective (first, last) month of the school year: the school's own when it sets both,
        else its district's, else September–June. Every school-year computation goes through it."""
        if self.first_month and self.last_month:
            return self.first_month, self.last_month
        if self.district_id:
            return self.district.first_month, self.district.last_month
        return DEFAULT_FIRST_MONTH, DEFAULT_LAST_MONTH

    def school_year(self, start_year: int) -> SchoolYear:
        return SchoolYear(start_year, *self.months)

    def school_year_of(self, day: dt.date) -> SchoolYear | None:
        return school_year_of(day, *self.months)

    def current_school_year(self, today: dt.date | None = None) -> SchoolYear:
        return latest_school_year(today or timezone.localdate(), *self.months)

    def parse_school_year(self, name: str) -> SchoolYear:
        return parse_school_year(name, *self.months)


class Role(models.TextChoices):
    LIBRARIAN = "librarian", "Librarian"
    TEACHER = "teacher", "Teacher"
    PRINCIPAL = "principal", "Principal"
    DISTRICT = "district", "District coordinator"


class Membership(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role.choices)
    # The school a user acted in last is where they land at their next login.
    last_chosen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "school"], name="one_membership_per_school")]
        ordering = ["school__name"]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} at {self.school}"

    @property
    def is_librarian(self) -> bool:
        return self.role == Role.LIBRARIAN


class Grade(models.Model):
    """One grade level (PreK, K, 1-12); a table so units and staff can be filtered and counted by grade."""

    order = models.SmallIntegerField(primary_key=True, choices=GRADE_CHOICES)

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.get_order_display()


class StaffMember(models.Model):
    """A teacher in the school's staff directory, with or without a login."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="staff")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True, help_text="For example: Grade 7 science teacher.")
    department = models.CharField("department or subject", max_length=200, blank=True)
    grades = models.ManyToManyField(
        Grade, blank=True, related_name="staff", verbose_name="grade levels taught"
    )
    email = models.EmailField(blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff_entries",
        verbose_name="login",
    )
    active = models.BooleanField(
        default=True, help_text="Inactive staff stay on old units but are not offered."
    )
    # The person's `sourcedId` in the school's OneRoster export: the roster import matches on it.
    roster_source_id = models.CharField(max_length=200, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "user"], name="one_directory_entry_per_login"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.title}" if self.title else self.name

    def clean(self):
        if (
            self.user_id
            and self.school_id
            and not self.user.memberships.filter(school_id=self.school_id).exists()
        ):
            raise ValidationError({"user": "This login is not a member of the school."})

    @property
    def grades_display(self) -> str:
        return grade_span(grade.order for grade in self.grades.all())


class MessageKind(models.TextChoices):
    """Each kind of e-mail CollabTrack sends; every person turns each one on or off (all on by default)."""

    MONTHLY_REPORT = "monthly_report", "Monthly report of units supported and library statistics"
    PARTNER_NOTICES = (
        "partner_notices",
        "Units I was added to as a teacher partner (at most one e-mail a day)",
    )
    DISTRICT_DIGEST = "district_digest", "District monthly roll-up (for district coordinators)"


class MessagePreference(models.Model):
    """A person's choice for one kind of message. No row means the default: on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="message_preferences"
    )
    kind = models.CharField(max_length=30, choices=MessageKind.choices)
    enabled = models.BooleanField(default=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.user}: {self.kind} {'on' if self.enabled else 'off'}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


def owner_fields(owner: "School | District") -> dict:
    """The field a job or kept file of `owner` is filed under: {"school": …} or {"district": …}."""
    return {"district": owner} if isinstance(owner, District) else {"school": owner}


class _OwnedBySchoolOrDistrict:
    @property
    def owner(self) -> "School | District":
        return self.school if self.school_id else self.district


def _one_owner(name: str) -> models.CheckConstraint:
    """A job or a kept file belongs to a school or (the district board PDF) to a district, never both."""
    in_school = models.Q(school__isnull=False, district__isnull=True)
    in_district = models.Q(school__isnull=True, district__isnull=False)
    return models.CheckConstraint(condition=in_school | in_district, name=name)


class KeptFile(_OwnedBySchoolOrDistrict, models.Model):
    """A generated file (board PDF, school ZIP, district PDF) kept under MEDIA_ROOT/generated/ and reused
    while its owner's data version (collabtrack.dataversion.data_version_of), the exporter and its
    parameters are the same."""

    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, related_name="kept_files"
    )
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, null=True, blank=True, related_name="kept_files"
    )
    exporter = models.CharField(max_length=60)
    parameters = models.CharField(max_length=200, blank=True)
    data_version = models.PositiveBigIntegerField()
    path = models.CharField(max_length=300)  # relative to MEDIA_ROOT
    filename = models.CharField(max_length=200)
    mimetype = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["school", "exporter", "parameters", "data_version"], name="one_kept_file_per_version"
            ),
            models.UniqueConstraint(
                fields=["district", "exporter", "parameters", "data_version"],
                name="one_district_kept_file_per_version",
            ),
            _one_owner("kept_file_has_one_owner"),
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.owner}, data version {self.data_version})"


class Job(_OwnedBySchoolOrDistrict, models.Model):
    """Work done off the request by the worker (collabtrack.jobs): an import, a PDF, an export.

    It belongs to its school (or, for the district board PDF, its district) AND the user who asked for it;
    nobody else sees it."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    school = models.ForeignKey(School, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs")
    district = models.ForeignKey(
        District, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jobs")
    kind = models.CharField(max_length=60)
    parameters = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress_done = models.PositiveIntegerField(default=0)
    progress_total = models.PositiveIntegerField(null=True, blank=True)
    step = models.CharField(max_length=120, blank=True)
    # In words a librarian understands; the traceback goes to the worker's log, never to the page.
    failure = models.TextField(blank=True)
    result_file = models.ForeignKey(
        KeptFile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    result_url = models.CharField(max_length=300, blank=True)
    result_message = models.CharField(max_length=500, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "started_at"], name="job_status_started")]
        constraints = [_one_owner("job_has_one_owner")]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user} at {self.owner} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)
