"""A unit of study the librarian supports, and the parts of its collaborative plan."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from collabtrack.grades import grade_span
from collabtrack.models import Grade, School, StaffMember
from taxonomy.levels import PartnershipLevel


class UnitStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class Unit(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="units")
    title = models.CharField("unit title or topic", max_length=200)
    librarian = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    teachers = models.ManyToManyField(
        StaffMember, blank=True, related_name="units", verbose_name="teacher partners"
    )
    grades = models.ManyToManyField(Grade, blank=True, related_name="units", verbose_name="grade levels")
    # The start of the time frame is the unit's date in every report (DOMAIN.md "Report arithmetic").
    start_date = models.DateField("date (start of the time frame)", db_index=True)
    end_date = models.DateField("end of the time frame", null=True, blank=True)
    level = models.PositiveSmallIntegerField(
        "level of partnership", choices=PartnershipLevel.choices, null=True, blank=True
    )
    status = models.CharField(max_length=20, choices=UnitStatus.choices, default=UnitStatus.PLANNED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date", "title"]
        indexes = [models.Index(fields=["school", "start_date"], name="unit_school_date")]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.end_date and self.start_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The end of the time frame cannot be before its start."})

    @property
    def grades_display(self) -> str:
        return grade_span(grade.order for grade in self.grades.all())


class TestDataGap(models.Model):
    """An area of deficit / gap in test data that the unit addresses (required for level 4)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="gaps")
    content_area = models.CharField(max_length=200)
    performance_indicator = models.CharField(max_length=500)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.content_area}: {self.performance_indicator}"
