"""Writes of the board report page beside the highlights: the school logo and the principal's note."""

import os
import uuid

from django.db import transaction

from collabtrack.models import School
from collabtrack.schoolyear import SchoolYear
from reports.models import BoardHighlights


@transaction.atomic
def school_logo_save(*, school: School, upload) -> School:
    """Store a checked PNG/JPEG (reports.board_forms.check_logo) under a random name, replacing the old."""
    old = school.logo.name
    extension = os.path.splitext(upload.name)[1].lower()
    school.logo.save(f"{school.pk}/{uuid.uuid4().hex}{extension}", upload, save=False)
    school.full_clean()
    school.save(update_fields=["logo"])  # moves the school's data version: kept PDFs are redrawn
    if old and old != school.logo.name:
        school.logo.storage.delete(old)
    return school


@transaction.atomic
def school_logo_remove(*, school: School) -> School:
    if school.logo:
        school.logo.delete(save=False)
        school.save(update_fields=["logo"])
    return school


@transaction.atomic
def board_principal_note_save(*, school: School, school_year: SchoolYear, text: str) -> BoardHighlights:
    highlights, _ = BoardHighlights.objects.get_or_create(school=school, start_year=school_year.start_year)
    highlights.principal_note = text.strip()
    highlights.full_clean()
    highlights.save()
    return highlights
