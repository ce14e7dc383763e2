import pytest
from django.core.management import call_command

from taxonomy.models import (
    ActionItem,
    BenefitsReflection,
    Roadblock,
    RoadblocksReflection,
    TaxonomyReflection,
)

pytestmark = pytest.mark.django_db


def counts():
    models = (TaxonomyReflection, BenefitsReflection, RoadblocksReflection, Roadblock, ActionItem)
    return [model.objects.count() for model in models]


def test_demo_reflections_span_two_years_and_are_idempotent(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("seed_demo", force=True)
    first = counts()
    assert first[0] == 3 and first[2] == 1  # three self-assessments, one roadblocks reflection
    call_command("seed_demo", force=True)
    assert counts() == first
    reflections = list(TaxonomyReflection.objects.select_related("school"))
    school = reflections[0].school
    years = {school.current_school_year(r.reflected_on).name for r in reflections}
    assert len(years) == 2
    assert {r.author.username for r in reflections} == {"librarian"}
