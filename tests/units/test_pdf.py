"""The unit plan PDF: the whole template, checked through its extracted text (never its bytes)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from tests import factories
from units.standards import Indicator2007

pytestmark = pytest.mark.django_db

SECTION_HEADINGS = [
    "Planning team",
    "Grade levels",
    "Unit overview",
    "Time frame",
    "Areas of deficit / gaps in test data",
    "Content area standards",
    "Standards for the 21st-Century Learner",
    "Cooperative teaching plan",
    "Resources",
    "Learning product",
    "Assessment overview",
    "Adaptations and extensions",
    "Attachments",
]


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_the_unit_pdf_shows_the_whole_template(principal_client, unit, school):
    unit.overview = "Students build a field guide to the school pond."
    unit.end_date = dt.date(2025, 10, 24)
    unit.level = 4
    unit.save()
    unit.standards_2007.set(Indicator2007.objects.filter(number__in=["1.1.4", "3.1.2"]))
    factories.TestDataGapFactory(unit=unit, content_area="Science", performance_indicator="Evaluates sources")
    factories.DutyFactory(unit=unit, description="Teach how to judge a website", addresses_gap=True)
    factories.DutyFactory(unit=unit, owner="teacher", description="Assess the field guides")
    factories.ResourceFactory(
        unit=unit, kind="electronic", citation="NASA Climate Kids.", url="https://climatekids.nasa.gov/"
    )

    response = principal_client.get(reverse("units:pdf", args=[unit.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="unit-{unit.pk}-2025-10-06.pdf"'
    assert response.content.startswith(b"%PDF")
    text = _text(response.content)
    assert "Ecosystems field guide" in text and school.name in text
    for heading in SECTION_HEADINGS:
        assert heading in text, heading
    assert "Teach how to judge a website" in text and "(addresses a test-data gap)" in text
    assert "Assess the field guides" in text
    assert "1.1.4, 3.1.2" in text and "Evaluates sources" in text
    assert "Page 1 of" in text
    reader = PdfReader(io.BytesIO(response.content))
    assert reader.metadata.title.startswith("Ecosystems field guide")
    assert "/StructTreeRoot" in reader.trailer["/Root"]  # tagged for screen readers (PDF/UA-1)


def test_the_gap_duty_is_the_only_one_marked(librarian_client, unit):
    factories.DutyFactory(unit=unit, description="Ordinary duty", addresses_gap=False)
    text = _text(librarian_client.get(reverse("units:pdf", args=[unit.pk])).content)
    assert "Ordinary duty" in text and "(addresses a test-data gap)" not in text
