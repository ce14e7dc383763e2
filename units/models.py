"""A unit of study the librarian supports, and the parts of its collaborative plan.

Every section of the unit planning template (DOMAIN.md) has a home here: the header and grades on `Unit`,
the test-data gaps, the cooperative teaching plan's duties, the resources and the attachments as rows
of their own, the standards as links to the catalogues in `units/standards.py`.
"""

import os
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Manager
from simple_history.models import HistoricalRecords

from collabtrack.grades import grade_span
from collabtrack.models import Grade, School, StaffMember
from units.levels import PartnershipLevel
from units.standards import Indicator2007, Standard2018

OVERVIEW_MAX_WORDS = 100


def word_count(text: str) -> int:
    return len(text.split())


class UnitStatus(models.TextChoices):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class LiveUnitManager(models.Manager):
    """Deleted units wait in the bin for the librarian's undo; nothing else (reports included) sees them."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


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
    time_frame = models.CharField(
        "time frame in words",
        max_length=200,
        blank=True,
        help_text="For example: six class periods over two weeks.",
    )
    level = models.PositiveSmallIntegerField(
        "level of partnership", choices=PartnershipLevel.choices, null=True, blank=True
    )
    status = models.CharField(max_length=20, choices=UnitStatus.choices, default=UnitStatus.PLANNED)

    overview = models.TextField("unit overview", blank=True, help_text="At most 100 words.")
    content_standards = models.TextField(
        "content area standards",
        blank=True,
        help_text="Paste them as they are: line breaks and numbering are kept.",
    )
    standards_2007 = models.ManyToManyField(
        Indicator2007,
        blank=True,
        related_name="units",
        verbose_name="Standards for the 21st-Century Learner (2007)",
    )
    standards_2018 = models.ManyToManyField(
        Standard2018,
        blank=True,
        related_name="units",
        verbose_name="National School Library Standards (2018)",
    )
    learning_product = models.TextField(blank=True)
    assessment_what = models.TextField("what is assessed", blank=True)
    assessment_who = models.TextField("who assesses", blank=True)
    assessment_how = models.TextField("how it is assessed (tools)", blank=True)
    adaptations_challenged = models.TextField("for challenged learners", blank=True)
    adaptations_gifted = models.TextField("for gifted learners", blank=True)
    adaptations_ell = models.TextField("for English-language learners", blank=True)
    adaptations_learning_styles = models.TextField("for different learning styles", blank=True)
    extensions = models.TextField(
        "extensions", blank=True, help_text="Speakers, further products, ways to take the unit further."
    )

    # Optimistic concurrency: every save must name the version it started from (units/services.py).
    version = models.PositiveIntegerField(default=1)
    deleted_at = models.DateTimeField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    all_objects = Manager()  # the bin included: restore, admin, history
    history = HistoricalRecords(excluded_fields=["updated_at", "created_at"])
    objects = LiveUnitManager()  # the default (Meta.default_manager_name), whatever the order here

    class Meta:
        ordering = ["-start_date", "title"]
        indexes = [models.Index(fields=["school", "start_date"], name="unit_school_date")]
        default_manager_name = "objects"
        base_manager_name = "all_objects"

    def __str__(self) -> str:
        return self.title

    def clean(self):
        errors = {}
        if self.end_date and self.start_date and self.end_date < self.start_date:
            errors["end_date"] = "The end of the time frame cannot be before its start."
        if word_count(self.overview) > OVERVIEW_MAX_WORDS:
            errors["overview"] = (
                f"The overview has {word_count(self.overview)} words; "
                f"keep it to {OVERVIEW_MAX_WORDS} or fewer."
            )
        if errors:
            raise ValidationError(errors)

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


class DutyOwner(models.TextChoices):
    LIBRARIAN = "librarian", "Librarian"
    TEACHER = "teacher", "Teacher(s)"
    BOTH = "both", "Both (shared)"


class Duty(models.Model):
    """One line of the cooperative teaching plan: who does what."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="duties")
    owner = models.CharField("who", max_length=20, choices=DutyOwner.choices)
    description = models.TextField("what they will do")
    addresses_gap = models.BooleanField(
        "addresses a test-data gap", default=False, help_text="Highlighted wherever the plan is shown."
    )
    # A duty can be one named partner teacher's (one of the unit's partners: units/plan_services.py).
    partner = models.ForeignKey(
        StaffMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="named partner",
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name_plural = "duties"

    def __str__(self) -> str:
        return f"{self.get_owner_display()}: {self.description}"


class ResourceKind(models.TextChoices):
    PRINT = "print", "Print"
    ELECTRONIC = "electronic", "Electronic"
    AUDIOVISUAL = "audiovisual", "Audiovisual"
    EQUIPMENT = "equipment", "Equipment"


# Only web links: a javascript: or file: URL in a plan would be a trap for whoever clicks it.
http_url_validator = URLValidator(
    schemes=["http", "https"], message="Enter a web address starting with http:// or https://."
)


class Resource(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="resources")
    kind = models.CharField(max_length=20, choices=ResourceKind.choices)
    citation = models.TextField("full citation")
    url = models.URLField("link", max_length=500, blank=True, validators=[http_url_validator])
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["kind", "order", "pk"]

    def __str__(self) -> str:
        return self.citation

    def clean(self):
        if self.kind == ResourceKind.ELECTRONIC and not self.url:
            raise ValidationError({"url": "An electronic resource needs its link."})
        if self.url and self.kind != ResourceKind.ELECTRONIC:
            raise ValidationError(
                {"url": "Only electronic resources have a link; put other details in the citation."}
            )


def attachment_path(instance, filename: str) -> str:
    # A random stored name: the uploader's file name never reaches the file system or a URL.
    extension = os.path.splitext(filename)[1].lower()
    return f"attachments/{instance.unit.school_id}/{uuid.uuid4().hex}{extension}"


class AttachmentKind(models.TextChoices):
    HANDOUT = "handout", "Handout"
    ORGANIZER = "organizer", "Graphic organizer"
    RUBRIC = "rubric", "Rubric or assessment tool"
    OTHER = "other", "Other"


class Attachment(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="attachments")
    kind = models.CharField(max_length=20, choices=AttachmentKind.choices, default=AttachmentKind.HANDOUT)
    file = models.FileField(upload_to=attachment_path, max_length=200)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "original_name", "pk"]

    def __str__(self) -> str:
        return self.original_name


# Issue 13: notices to teachers added as partners live in a module of their own.
from units.notice_models import PartnerNotice, PartnerNoticeDigest  # noqa: E402, F401
