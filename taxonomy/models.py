"""The librarian's own professional-growth record: taxonomy self-assessments, who benefits, roadblocks."""

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from collabtrack.models import School
from taxonomy.checklists import BENEFIT_TEXTS, STRATEGY_CHECKLISTS, RoadblockCategory
from taxonomy.lms_levels import TAXONOMY_LEVEL_CHOICES

# --- Reflections: the librarian's own professional-growth record (issue 5) -------------------------------
# A reflection belongs to the librarian who wrote it, in the school they wrote it for. Nobody else sees it,
# except the principals of that school once the librarian has shared it (taxonomy/access.py).


class Reflection(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reflected_on = models.DateField("date of the reflection", default=timezone.localdate)
    shared_with_principal = models.BooleanField(
        "share with the principal",
        default=False,
        help_text="Only shared reflections are visible to your principal; nobody else ever sees them.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True
        ordering = ["-reflected_on", "-pk"]

    def clean(self):
        if self.reflected_on and self.reflected_on > timezone.localdate():
            raise ValidationError({"reflected_on": "A reflection cannot be dated in the future."})
        if self.reflected_on and self.reflected_on < dt.date(2000, 1, 1):
            raise ValidationError({"reflected_on": "Enter a date from 2000 on."})


class TaxonomyReflection(Reflection):
    """Where the librarian places themselves on the ten-level taxonomy, and why."""

    level = models.PositiveSmallIntegerField(
        "level on the taxonomy",
        choices=TAXONOMY_LEVEL_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    working_well = models.TextField("What is working well for you at this level?")
    greatest_success = models.TextField("What has your greatest success been?")
    next_level_needs = models.TextField("What is needed to move ahead to the next level?")

    class Meta(Reflection.Meta):
        indexes = [models.Index(fields=["author", "school", "reflected_on"], name="taxrefl_author_date")]

    def __str__(self) -> str:
        return f"Taxonomy self-assessment of {self.reflected_on}: level {self.level}"


class BenefitsReflection(Reflection):
    """Who benefits from collaboration: four open questions and the benefits seen this year."""

    teachers = models.TextField("How do teachers benefit?", blank=True)
    librarians = models.TextField("How do librarians benefit?", blank=True)
    students = models.TextField("How do students benefit?", blank=True)
    test_data = models.TextField(
        "How can we work with standardized test data so that everyone benefits?", blank=True
    )
    # Keys of taxonomy.checklists.BENEFIT_CHECKLISTS items the librarian has seen this year.
    benefits_seen = models.JSONField(default=list, blank=True)

    class Meta(Reflection.Meta):
        pass

    def __str__(self) -> str:
        return f"Who-benefits reflection of {self.reflected_on}"

    def clean(self):
        super().clean()
        unknown = [key for key in self.benefits_seen or [] if key not in BENEFIT_TEXTS]
        if unknown:
            raise ValidationError({"benefits_seen": f"Unknown benefits: {', '.join(map(str, unknown))}."})
        answers = [self.teachers, self.librarians, self.students, self.test_data]
        if not any(answer.strip() for answer in answers) and not self.benefits_seen:
            raise ValidationError("Answer at least one question or mark at least one benefit as seen.")


class RoadblocksReflection(Reflection):
    """Up to three roadblocks to collaboration, with the action items chosen to get past them."""

    class Meta(Reflection.Meta):
        pass

    def __str__(self) -> str:
        return f"Roadblocks reflection of {self.reflected_on}"


class Roadblock(models.Model):
    reflection = models.ForeignKey(RoadblocksReflection, on_delete=models.CASCADE, related_name="roadblocks")
    position = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(3)])
    explanation = models.TextField("roadblock and its explanation")
    category = models.CharField(max_length=20, choices=RoadblockCategory.choices)
    potential_solution = models.TextField("potential solution", blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["reflection", "position"], name="one_roadblock_per_position"),
        ]

    def __str__(self) -> str:
        return f"Roadblock {self.position} ({self.get_category_display()})"


class ActionItem(models.Model):
    """A dated step taken from a category's strategy checklist (or written by the librarian)."""

    reflection = models.ForeignKey(
        RoadblocksReflection, on_delete=models.CASCADE, related_name="action_items"
    )
    category = models.CharField(max_length=20, choices=RoadblockCategory.choices)
    strategy = models.CharField("strategy from the checklist", max_length=40, blank=True)
    text = models.CharField("action", max_length=300)
    due_on = models.DateField("to do by")
    done_on = models.DateField("done on", null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.text

    def clean(self):
        checklist = STRATEGY_CHECKLISTS.get(self.category)
        if self.strategy and (not checklist or self.strategy not in {i.key for i in checklist.items}):
            raise ValidationError({"strategy": "Choose a strategy from this category's checklist."})
