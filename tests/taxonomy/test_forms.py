"""Validation of every reflection form (and the model rules behind them)."""

import datetime as dt

import pytest
from django.utils import timezone

from taxonomy.forms import (
    ActionItemForm,
    BenefitsReflectionForm,
    PortfolioForm,
    RoadblocksReflectionForm,
    TaxonomyReflectionForm,
    roadblock_formset,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def taxonomy_data(**overrides):
    data = {
        "reflected_on": "2025-11-10",
        "level": "6",
        "working_well": "Planned gathering with two teams.",
        "greatest_success": "The civil rights unit.",
        "next_level_needs": "Time at grade-level meetings.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_taxonomy_form_accepts_a_complete_self_assessment():
    form = TaxonomyReflectionForm(taxonomy_data())
    assert form.is_valid(), form.errors
    assert form.cleaned_data["level"] == 6
    assert form.cleaned_data["shared_with_principal"] is False  # private unless the librarian says so


@pytest.mark.parametrize(
    "missing", ["reflected_on", "level", "working_well", "greatest_success", "next_level_needs"]
)
def test_taxonomy_form_requires_every_answer(missing):
    form = TaxonomyReflectionForm(taxonomy_data(**{missing: None}))
    assert not form.is_valid()
    assert list(form.errors) == [missing]


@pytest.mark.parametrize("level", ["0", "11", "seven"])
def test_taxonomy_form_rejects_levels_outside_the_taxonomy(level):
    form = TaxonomyReflectionForm(taxonomy_data(level=level))
    assert not form.is_valid()
    assert "level" in form.errors


def test_a_reflection_cannot_be_dated_in_the_future():
    form = TaxonomyReflectionForm(taxonomy_data(reflected_on=str(TODAY + dt.timedelta(days=1))))
    assert not form.is_valid()
    assert form.errors["reflected_on"] == ["A reflection cannot be dated in the future."]


def test_taxonomy_level_widget_renders_ten_cards_linked_to_the_definitions():
    html = str(TaxonomyReflectionForm()["level"])
    assert html.count('type="radio"') == 10
    assert "Curriculum development" in html
    assert "/taxonomy/definitions/" in html


def test_benefits_form_collects_ticked_items_from_every_checklist():
    form = BenefitsReflectionForm(
        {
            "reflected_on": "2025-11-10",
            "seen_teachers": ["teachers-1", "teachers-7"],
            "seen_students": ["students-2"],
        }
    )
    assert form.is_valid(), form.errors
    assert form.instance.benefits_seen == ["teachers-1", "teachers-7", "students-2"]


def test_benefits_form_needs_an_answer_or_a_ticked_benefit():
    form = BenefitsReflectionForm({"reflected_on": "2025-11-10", "teachers": "   "})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Answer at least one question or mark at least one benefit as seen."]


def test_benefits_form_rejects_an_item_that_is_not_on_the_list():
    form = BenefitsReflectionForm({"reflected_on": "2025-11-10", "seen_teachers": ["students-1"]})
    assert not form.is_valid()
    assert "seen_teachers" in form.errors


def roadblock_data(*slots, total=3):
    data = {
        "roadblocks-TOTAL_FORMS": str(total),
        "roadblocks-INITIAL_FORMS": "0",
        "roadblocks-MIN_NUM_FORMS": "0",
        "roadblocks-MAX_NUM_FORMS": "3",
    }
    for index, slot in enumerate(slots):
        for name, value in slot.items():
            data[f"roadblocks-{index}-{name}"] = value
    return data


def test_roadblocks_keep_filled_slots_in_order_and_skip_blank_ones():
    formset = roadblock_formset(
        roadblock_data(
            {"explanation": "No common planning time", "category": "scheduling"},
            {},
            {
                "explanation": "Staff see the library as a place to send classes",
                "category": "culture",
                "potential_solution": "Start with willing teachers",
            },
        )
    )
    assert formset.is_valid(), formset.errors
    assert [r["category"] for r in formset.roadblocks()] == ["scheduling", "culture"]
    assert formset.roadblocks()[1]["potential_solution"] == "Start with willing teachers"


def test_roadblocks_need_at_least_one():
    formset = roadblock_formset(roadblock_data())
    assert not formset.is_valid()
    assert formset.non_form_errors() == ["Describe at least one roadblock."]


def test_a_started_roadblock_needs_an_explanation_and_a_category():
    formset = roadblock_formset(roadblock_data({"potential_solution": "Ask the principal"}))
    assert not formset.is_valid()
    assert set(formset.errors[0]) == {"explanation", "category"}


def test_a_roadblock_category_must_be_one_of_the_four():
    formset = roadblock_formset(roadblock_data({"explanation": "x", "category": "weather"}))
    assert not formset.is_valid()
    assert "category" in formset.errors[0]


def test_no_more_than_three_roadblocks():
    slots = [{"explanation": f"Roadblock {n}", "category": "other"} for n in range(4)]
    formset = roadblock_formset(roadblock_data(*slots, total=4))
    assert not formset.is_valid()


def test_roadblocks_reflection_form_needs_a_date():
    assert not RoadblocksReflectionForm({}).is_valid()
    assert RoadblocksReflectionForm({"reflected_on": "2025-11-10"}).is_valid()


def test_action_item_needs_a_strategy_or_own_words_and_a_date():
    form = ActionItemForm({"category": "scheduling", "due_on": "2025-12-01"})
    assert not form.is_valid()
    assert form.non_field_errors() == ["Choose a strategy or describe the action."]
    form = ActionItemForm({"category": "scheduling", "strategy": "scheduling-4"})
    assert not form.is_valid()
    assert list(form.errors) == ["due_on"]
    assert ActionItemForm(
        {"category": "scheduling", "strategy": "scheduling-4", "due_on": "2025-12-01"}
    ).is_valid()
    assert ActionItemForm({"category": "other", "text": "Talk to the PTA", "due_on": "2025-12-01"}).is_valid()


def test_action_item_strategy_must_belong_to_its_category():
    form = ActionItemForm({"category": "scheduling", "strategy": "culture-1", "due_on": "2025-12-01"})
    assert not form.is_valid()
    assert "strategy" in form.errors


def test_portfolio_form_only_offers_the_given_years():
    assert PortfolioForm({"year": "2025-26"}, years=["2025-26"]).is_valid()
    assert not PortfolioForm({"year": "1999-00"}, years=["2025-26"]).is_valid()
