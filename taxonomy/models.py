"""The standards catalogues units cite (numbers and short headings only: the full texts are copyrighted).

Other taxonomy models (reflections) are appended below the catalogue models.
"""

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone

from collabtrack.models import School
from taxonomy.checklists import BENEFIT_TEXTS, STRATEGY_CHECKLISTS, RoadblockCategory
from taxonomy.lms_levels import TAXONOMY_LEVEL_CHOICES

# AASL 2007 "Standards for the 21st-Century Learner": headings from DOMAIN.md, in the project's words.
STANDARD_2007_HEADINGS = {
    1: "Inquire, think critically, and gain knowledge",
    2: (
        "Draw conclusions, make informed decisions, apply knowledge to new situations, "
        "and create new knowledge"
    ),
    3: "Share knowledge and participate ethically and productively as members of our democratic society",
    4: "Pursue personal and aesthetic growth",
}
STRAND_2007_HEADINGS = {
    1: "Skills",
    2: "Dispositions in action",
    3: "Responsibilities",
    4: "Self-assessment strategies",
}
# How many indicators each standard.strand has (83 in all, DOMAIN.md); the data migration loads them.
INDICATOR_2007_COUNTS = {
    (1, 1): 9, (1, 2): 7, (1, 3): 5, (1, 4): 4,
    (2, 1): 6, (2, 2): 4, (2, 3): 3, (2, 4): 4,
    (3, 1): 6, (3, 2): 3, (3, 3): 7, (3, 4): 3,
    (4, 1): 8, (4, 2): 4, (4, 3): 4, (4, 4): 6,
}  # fmt: skip


class Indicator2007(models.Model):
    """One indicator of the 2007 standards, e.g. 1.1.1 (standard 1, strand 1 Skills, indicator 1)."""

    number = models.CharField(
        max_length=10,
        unique=True,
        validators=[RegexValidator(r"^[1-4]\.[1-4]\.[1-9]$", "Use standard.strand.indicator, e.g. 1.1.1.")],
    )
    standard = models.PositiveSmallIntegerField(choices=sorted(STANDARD_2007_HEADINGS.items()))
    strand = models.PositiveSmallIntegerField(choices=sorted(STRAND_2007_HEADINGS.items()))
    indicator = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["standard", "strand", "indicator"]
        verbose_name = "AASL 2007 indicator"
        verbose_name_plural = "AASL 2007 indicators"

    def __str__(self) -> str:
        return self.number

    @property
    def standard_heading(self) -> str:
        return STANDARD_2007_HEADINGS[self.standard]

    @property
    def strand_heading(self) -> str:
        return STRAND_2007_HEADINGS[self.strand]

    def clean(self):
        expected = f"{self.standard}.{self.strand}.{self.indicator}"
        if self.number and self.number != expected:
            raise ValidationError({"number": f"The number must be {expected} for this standard and strand."})


class Foundation2018(models.TextChoices):
    INQUIRE = "I", "I. Inquire"
    INCLUDE = "II", "II. Include"
    COLLABORATE = "III", "III. Collaborate"
    CURATE = "IV", "IV. Curate"
    EXPLORE = "V", "V. Explore"
    ENGAGE = "VI", "VI. Engage"


class Domain2018(models.TextChoices):
    THINK = "A", "A. Think"
    CREATE = "B", "B. Create"
    SHARE = "C", "C. Share"
    GROW = "D", "D. Grow"


class Set2018(models.TextChoices):
    LEARNER = "learner", "Learner"
    SCHOOL_LIBRARIAN = "librarian", "School librarian"
    SCHOOL_LIBRARY = "library", "School library"


CODE_2018_PATTERN = re.compile(
    r"^(?P<foundation>I|II|III|IV|V|VI)\.(?P<domain>[A-D])\.(?P<number>[1-9][0-9]?)$"
)


class Standard2018(models.Model):
    """An entry of the 2018 National School Library Standards, e.g. I.A.1 in the learner set.

    Item counts are not verified (DOMAIN.md), so the catalogue is data an administrator extends; the
    foundation and domain are read from the validated code so they can never disagree with it.
    """

    set = models.CharField(max_length=20, choices=Set2018.choices)
    code = models.CharField(
        max_length=12,
        validators=[
            RegexValidator(
                CODE_2018_PATTERN, "Use foundation.domain.number, e.g. I.A.1 (foundations I–VI, domains A–D)."
            )
        ],
        help_text="Foundation (I–VI), domain (A–D) and number, e.g. I.A.1.",
    )
    foundation = models.CharField(max_length=3, choices=Foundation2018.choices, editable=False)
    domain = models.CharField(max_length=1, choices=Domain2018.choices, editable=False)
    number = models.PositiveSmallIntegerField(editable=False)
    heading = models.CharField(
        "short heading (optional)",
        max_length=200,
        blank=True,
        help_text="A short phrase, not the copyrighted text.",
    )

    class Meta:
        ordering = ["set", "foundation", "domain", "number"]
        constraints = [
            models.UniqueConstraint(fields=["set", "code"], name="standard2018_unique_code_per_set")
        ]
        verbose_name = "AASL 2018 standard"
        verbose_name_plural = "AASL 2018 standards"

    def __str__(self) -> str:
        return f"{self.code} ({self.get_set_display()})"

    def save(self, *args, **kwargs):
        match = CODE_2018_PATTERN.match(self.code or "")
        if not match:
            raise ValidationError({"code": "Use foundation.domain.number, e.g. I.A.1."})
        self.foundation = match["foundation"]
        self.domain = match["domain"]
        self.number = int(match["number"])
        super().save(*args, **kwargs)


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
