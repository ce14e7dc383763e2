"""The standards catalogues units cite (numbers and short headings only: the full texts are copyrighted).

The tables keep the names they had when the catalogues lived in the taxonomy app (see the units migration
0003), so moving the vocabulary down to the units app moved no data.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

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
        db_table = "taxonomy_indicator2007"
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
        db_table = "taxonomy_standard2018"
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
