import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from taxonomy import services
from taxonomy.forms import RoadblocksReflectionForm, TaxonomyReflectionForm
from taxonomy.models import ActionItem, Roadblock, RoadblocksReflection
from tests.factories import ActionItemFactory, RoadblockFactory, RoadblocksReflectionFactory

pytestmark = pytest.mark.django_db


def test_a_new_reflection_belongs_to_its_author_and_school(librarian, school):
    form = TaxonomyReflectionForm(
        {
            "reflected_on": "2025-11-10",
            "level": "6",
            "working_well": "a",
            "greatest_success": "b",
            "next_level_needs": "c",
        }
    )
    assert form.is_valid()
    reflection = services.taxonomy_reflection_save(
        author=librarian, school=school, **form.to_service_kwargs()
    )
    assert (reflection.author, reflection.school, reflection.shared_with_principal) == (
        librarian,
        school,
        False,
    )


def test_editing_never_changes_the_owner(librarian, principal, school, other_school):
    reflection = RoadblocksReflectionFactory(school=school, author=librarian)
    form = RoadblocksReflectionForm({"reflected_on": "2025-11-11"}, instance=reflection)
    assert form.is_valid()
    roadblocks = [services.RoadblockRow(explanation="x", category="other", potential_solution="")]
    services.roadblocks_reflection_save(
        reflection=reflection,
        roadblocks=roadblocks,
        author=principal,
        school=other_school,
        **form.to_service_kwargs(),
    )
    reflection.refresh_from_db()
    assert (reflection.author, reflection.school) == (librarian, school)


def test_roadblocks_are_replaced_and_renumbered(librarian, school):
    reflection = RoadblocksReflectionFactory(school=school, author=librarian)
    RoadblockFactory(reflection=reflection, position=1, explanation="old one")
    RoadblockFactory(reflection=reflection, position=2, explanation="old two")
    ActionItemFactory(reflection=reflection)
    form = RoadblocksReflectionForm({"reflected_on": "2025-11-14"}, instance=reflection)
    assert form.is_valid()
    services.roadblocks_reflection_save(
        reflection=reflection,
        roadblocks=[services.RoadblockRow(explanation="old two", category="culture", potential_solution="")],
        author=librarian,
        school=school,
        **form.to_service_kwargs(),
    )
    assert list(Roadblock.objects.values_list("position", "explanation")) == [(1, "old two")]
    assert ActionItem.objects.count() == 1  # action items belong to the reflection, not to a roadblock


def test_sharing_can_be_turned_on_and_off(librarian, school):
    reflection = RoadblocksReflectionFactory(school=school, author=librarian)
    services.reflection_share_set(reflection=reflection, shared=True)
    reflection.refresh_from_db()
    assert reflection.shared_with_principal
    services.reflection_share_set(reflection=reflection, shared=False)
    reflection.refresh_from_db()
    assert not reflection.shared_with_principal


def test_action_item_takes_the_strategy_text_when_none_is_written(librarian, school):
    reflection = RoadblocksReflectionFactory(school=school, author=librarian)
    item = services.action_item_create(
        reflection=reflection,
        category="scheduling",
        strategy="scheduling-4",
        text="",
        due_on=dt.date(2025, 12, 1),
    )
    assert item.text == "Set aside one planning day a week"


def test_action_item_refuses_a_strategy_of_another_category(librarian, school):
    reflection = RoadblocksReflectionFactory(school=school, author=librarian)
    with pytest.raises(ValidationError):
        services.action_item_create(
            reflection=reflection,
            category="scheduling",
            strategy="admin-1",
            text="",
            due_on=dt.date(2025, 12, 1),
        )


def test_action_item_is_ticked_off_and_back(librarian, school):
    item = ActionItemFactory(reflection=RoadblocksReflectionFactory(school=school, author=librarian))
    services.action_item_set_done(item=item, done_on=dt.date(2025, 12, 3))
    item.refresh_from_db()
    assert item.done_on == dt.date(2025, 12, 3)
    services.action_item_set_done(item=item, done_on=None)
    item.refresh_from_db()
    assert item.done_on is None


def test_delete_takes_the_roadblocks_and_action_items_with_it(librarian, school):
    reflection = RoadblocksReflectionFactory(school=school, author=librarian)
    RoadblockFactory(reflection=reflection)
    ActionItemFactory(reflection=reflection)
    services.reflection_delete(reflection=reflection)
    assert not RoadblocksReflection.objects.exists()
    assert not Roadblock.objects.exists() and not ActionItem.objects.exists()


def test_the_reflection_services_refuse_bad_data_with_field_errors_and_save_nothing(librarian, school):
    with pytest.raises(ValidationError) as caught:
        services.taxonomy_reflection_save(
            author=librarian,
            school=school,
            reflected_on=dt.date(2099, 1, 1),
            level=11,
            working_well="a",
            greatest_success="b",
            next_level_needs="c",
        )
    assert sorted(caught.value.message_dict) == ["level", "reflected_on"]
    reflection = RoadblocksReflectionFactory(school=school, author=librarian)
    with pytest.raises(ValidationError) as caught:
        services.roadblocks_reflection_save(
            reflection=reflection,
            author=librarian,
            school=school,
            reflected_on=dt.date(2025, 11, 14),
            roadblocks=[services.RoadblockRow(explanation="", category="nonsense")],
        )
    assert sorted(caught.value.message_dict) == ["category", "explanation"]
    assert not Roadblock.objects.exists() and not services.TaxonomyReflection.objects.exists()
