"""The rubric widget: real radios in a fieldset, one card per level, errors tied to the group."""

import re

import pytest
from django import forms

from units.levels import PARTNERSHIP_LEVELS, Level
from units.widgets import RubricField, RubricSelect


class LevelForm(forms.Form):
    level = RubricField()


class OptionalLevelForm(forms.Form):
    level = RubricField(required=False)


def test_renders_a_fieldset_with_legend_and_one_radio_card_per_level():
    html = str(LevelForm()["level"])
    assert html.count("<fieldset") == 1 and "<legend" in html and "Level of partnership" in html
    radios = re.findall(r'<input type="radio"[^>]*>', html)
    assert len(radios) == 4
    assert all('name="level"' in radio and "required" in radio for radio in radios)
    for level in PARTNERSHIP_LEVELS:
        assert level.name in html and level.summary in html
        # Each radio's one-line definition is read out with it.
        assert f'aria-describedby="id_level_{level.number - 1}_summary"' in html
        assert f'id="id_level_{level.number - 1}_summary"' in html
    assert 'href="/taxonomy/rubric/"' in html


def test_the_chosen_level_is_checked_and_marked_selected():
    html = str(LevelForm(initial={"level": 3})["level"])
    checked = re.findall(r'<input type="radio"[^>]*checked[^>]*>', html)
    assert len(checked) == 1 and 'value="3"' in checked[0]
    assert html.count("is-selected") == 1


def test_bound_value_survives_a_failed_submission_and_errors_are_linked():
    form = LevelForm(data={"level": "9"})
    assert not form.is_valid()
    html = str(form["level"])
    assert 'aria-describedby="id_level_error"' in html


def test_the_field_coerces_to_an_int_and_is_required():
    assert LevelForm(data={"level": "4"}).is_valid()
    form = LevelForm(data={"level": "4"})
    form.is_valid()
    assert form.cleaned_data["level"] == 4
    assert not LevelForm(data={}).is_valid()


def test_an_optional_rubric_offers_a_not_rated_card():
    form = OptionalLevelForm(data={"level": ""})
    assert form.is_valid() and form.cleaned_data["level"] is None
    html = str(OptionalLevelForm()["level"])
    assert "Not rated yet" in html
    assert len(re.findall(r'<input type="radio"', html)) == 5


def test_is_generic_over_any_list_of_levels():
    taxonomy = [Level(n, f"Stage {n}", f"Summary {n}", "") for n in range(1, 11)]

    class TaxonomyForm(forms.Form):
        stage = RubricField(levels=taxonomy, legend="Where you are on the taxonomy")

    html = str(TaxonomyForm()["stage"])
    assert len(re.findall(r'<input type="radio"', html)) == 10
    assert "Where you are on the taxonomy" in html and "Summary 10" in html
    assert isinstance(TaxonomyForm().fields["stage"].widget, RubricSelect)


def test_the_error_partial_renders_the_message_next_to_the_rubric():
    from django.template.loader import render_to_string

    form = LevelForm(data={})
    form.is_valid()
    html = render_to_string("widgets/rubric_field.html", {"field": form["level"]})
    assert 'id="id_level_error"' in html and "This field is required." in html
    assert html.index("id_level_error") < html.index("<fieldset")


@pytest.mark.django_db
def test_the_rubric_page_explains_every_level(teacher_client):
    response = teacher_client.get("/taxonomy/rubric/")
    assert response.status_code == 200
    for level in PARTNERSHIP_LEVELS:
        assert level.description in response.content.decode()
