"""Hostile input to the reflections: the three kinds created and edited, roadblocks, action items,
sharing and deleting, the portfolio's year (tests/fuzzing.py explains the rules)."""

import datetime as dt

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzzing import (
    FUZZ,
    apply,
    counts,
    hostile_overrides,
    rolled_back,
    submit,
)


@pytest.mark.django_db
@FUZZ
@given(
    kind=st.sampled_from(["taxonomy", "benefits"]),
    overrides=hostile_overrides(
        ["reflected_on", "level", "working_well", "greatest_success", "next_level_needs", "teachers",
         "librarians", "students", "test_data", "shared_with_principal"]
    ),
)  # fmt: skip
def test_reflections_survive_hostile_input(librarian_client, kind, overrides):
    from taxonomy.models import BenefitsReflection, TaxonomyReflection

    valid = {"reflected_on": "2025-10-15", "level": "3", "working_well": "Shared planning time."}
    with rolled_back():
        before = counts(TaxonomyReflection, BenefitsReflection)
        url = reverse("taxonomy:reflection_create", kwargs={"kind": kind})
        response = submit(librarian_client, url, apply(valid, overrides))
        if response.status_code == 200:
            assert counts(TaxonomyReflection, BenefitsReflection) == before, "a refused reflection was saved"


ROADBLOCK_MANAGEMENT = {
    "roadblocks-TOTAL_FORMS": "3",
    "roadblocks-INITIAL_FORMS": "0",
    "roadblocks-MIN_NUM_FORMS": "0",
    "roadblocks-MAX_NUM_FORMS": "3",
}


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(
    overrides=hostile_overrides(
        ["reflected_on", "shared_with_principal", "roadblocks-TOTAL_FORMS", "roadblocks-INITIAL_FORMS",
         "roadblocks-0-explanation", "roadblocks-0-category", "roadblocks-0-potential_solution",
         "roadblocks-1-explanation", "roadblocks-1-category", "roadblocks-2-category"]
    )
)  # fmt: skip
def test_roadblocks_reflection_survives_hostile_input(librarian_client, overrides):
    from taxonomy.models import Roadblock, RoadblocksReflection

    valid = {**ROADBLOCK_MANAGEMENT, "reflected_on": "2025-11-14", "roadblocks-0-category": "scheduling",
             "roadblocks-0-explanation": "No common planning time."}  # fmt: skip
    with rolled_back():
        before = counts(RoadblocksReflection, Roadblock)
        url = reverse("taxonomy:reflection_create", kwargs={"kind": "roadblocks"})
        response = submit(librarian_client, url, apply(valid, overrides))
        after = counts(RoadblocksReflection, Roadblock)
        if response.status_code == 200:
            assert after == before, "a refused roadblocks reflection saved something"
        else:
            assert after["RoadblocksReflection"] == before["RoadblocksReflection"] + 1
            assert 1 <= after["Roadblock"] - before["Roadblock"] <= 3


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(
    kind=st.sampled_from(["taxonomy", "benefits", "roadblocks"]),
    overrides=hostile_overrides(
        ["reflected_on", "level", "working_well", "teachers", "seen_students", "shared_with_principal",
         "roadblocks-TOTAL_FORMS", "roadblocks-0-explanation", "roadblocks-0-category"]
    ),
)  # fmt: skip
def test_reflection_edit_survives_hostile_input(librarian_client, librarian, school, kind, overrides):
    from taxonomy.models import Roadblock
    from tests import factories

    with rolled_back():
        if kind == "roadblocks":
            reflection = factories.RoadblockFactory(
                reflection=factories.RoadblocksReflectionFactory(school=school, author=librarian)
            ).reflection
        else:
            factory = getattr(factories, f"{kind.capitalize()}ReflectionFactory")
            reflection = factory(school=school, author=librarian)
        model = type(reflection)
        before = model.objects.filter(pk=reflection.pk).values().get()
        roadblocks_before = list(Roadblock.objects.values())
        valid = {**ROADBLOCK_MANAGEMENT, "reflected_on": "2025-11-20", "level": "3", "working_well": "Plans.",
                 "roadblocks-0-category": "scheduling", "roadblocks-0-explanation": "No time."}  # fmt: skip
        url = reverse("taxonomy:reflection_edit", kwargs={"kind": kind, "pk": reflection.pk})
        response = submit(librarian_client, url, apply(valid, overrides))
        if response.status_code == 200:
            assert model.objects.filter(pk=reflection.pk).values().get() == before, "a refused edit saved"
            assert list(Roadblock.objects.values()) == roadblocks_before


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(overrides=hostile_overrides(["category", "strategy", "text", "due_on"]))
def test_action_item_create_survives_hostile_input(librarian_client, librarian, school, overrides):
    from taxonomy.models import ActionItem
    from tests.factories import RoadblocksReflectionFactory

    with rolled_back():
        reflection = RoadblocksReflectionFactory(school=school, author=librarian)
        valid = {"category": "scheduling", "strategy": "scheduling-4", "due_on": "2025-12-01"}
        before = counts(ActionItem)
        url = reverse("taxonomy:action_item_create", args=[reflection.pk])
        response = submit(librarian_client, url, apply(valid, overrides), ok=(302, 400))
        if response.status_code == 400:
            assert counts(ActionItem) == before, "a refused action item was saved"
        else:
            item = ActionItem.objects.get(reflection=reflection)
            assert item.text.strip() and item.due_on


@pytest.mark.django_db
@settings(FUZZ, max_examples=15)
@given(overrides=hostile_overrides(["done"]))
def test_action_item_done_survives_hostile_input(librarian_client, librarian, school, overrides):
    from tests.factories import ActionItemFactory, RoadblocksReflectionFactory

    with rolled_back():
        item = ActionItemFactory(reflection=RoadblocksReflectionFactory(school=school, author=librarian))
        url = reverse("taxonomy:action_item_done", args=[item.pk])
        submit(librarian_client, url, apply({"done": "on"}, overrides), ok=(302,))
        item.refresh_from_db()
        assert item.done_on is None or item.done_on <= dt.date.today() + dt.timedelta(days=1)


@pytest.mark.django_db
@pytest.mark.parametrize("category", ["%s%s%n", "%d", "50%_off"])
def test_action_item_with_a_format_string_category_is_refused(librarian_client, librarian, school, category):
    """Regression: the posted category went into the form's auto_id format string (TypeError, a 500)."""
    from taxonomy.models import ActionItem
    from tests.factories import RoadblocksReflectionFactory

    reflection = RoadblocksReflectionFactory(school=school, author=librarian)
    url = reverse("taxonomy:action_item_create", args=[reflection.pk])
    response = librarian_client.post(url, {"category": category, "text": "Plan", "due_on": "2025-12-01"})
    assert response.status_code == 400
    assert not ActionItem.objects.exists()


@pytest.mark.django_db
@settings(FUZZ, max_examples=20)
@given(
    kind=st.sampled_from(["taxonomy", "benefits", "roadblocks"]),
    action=st.sampled_from(["share", "delete"]),
    body=hostile_overrides(["shared", "confirm", "pk", "author"]),
)
def test_reflection_share_and_delete_survive_hostile_bodies(librarian_client, librarian, school, kind, action,
                                                            body):  # fmt: skip
    from taxonomy.models import BenefitsReflection, RoadblocksReflection, TaxonomyReflection
    from tests import factories

    factory = {
        "taxonomy": factories.TaxonomyReflectionFactory,
        "benefits": factories.BenefitsReflectionFactory,
        "roadblocks": factories.RoadblocksReflectionFactory,
    }[kind]
    models = (TaxonomyReflection, BenefitsReflection, RoadblocksReflection)
    with rolled_back():
        reflection = factory(school=school, author=librarian)
        before = counts(*models)
        url = reverse(f"taxonomy:reflection_{action}", kwargs={"kind": kind, "pk": reflection.pk})
        submit(librarian_client, url, apply({}, body), ok=(302,))
        model = type(reflection)
        if action == "delete":
            assert not model.objects.filter(pk=reflection.pk).exists()
            assert counts(*models)[model.__name__] == before[model.__name__] - 1
        else:
            reflection.refresh_from_db()
            shared = body.get("shared")
            sent = shared[-1] if isinstance(shared, list) else shared  # the last of repeated values counts
            assert reflection.shared_with_principal == (sent == "1")
            assert counts(*models) == before


@pytest.mark.django_db
@settings(FUZZ, max_examples=15)
@given(params=hostile_overrides(["year"]))
def test_portfolio_year_survives_hostile_query_strings(librarian_client, params):
    response = librarian_client.get(reverse("taxonomy:portfolio_pdf"), apply({}, params))
    assert response.status_code in (200, 404)
