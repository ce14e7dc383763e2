"""The rubric widget: levels shown as large selectable cards, built on real radio inputs.

Generic over any ordered list of `Level`-like objects (number, name, summary), so the four-level
partnership rubric and the librarian's ten-level taxonomy share it. Because the cards are native radios in
a fieldset with a legend, it works without JavaScript, arrow keys move between levels, and screen readers
announce the group, each level and its one-line definition.
"""

from collections.abc import Sequence

from django import forms
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe

from collabtrack.navigation import link_url
from units.levels import PARTNERSHIP_LEVELS, Level

# The page that explains the four levels (taxonomy's rubric page registers itself under this key).
PARTNERSHIP_RUBRIC = "partnership_rubric"


class RubricSelect(forms.RadioSelect):
    template_name = "widgets/rubric_select.html"

    def __init__(
        self,
        *,
        levels: Sequence[Level] = PARTNERSHIP_LEVELS,
        legend: str = "Level of partnership",
        rubric_url_name: str | None = None,  # None: the partnership rubric, wherever an app registered it
        rubric_link_text: str = "What the levels mean",
        attrs=None,
    ):
        super().__init__(attrs)
        self.levels = list(levels)
        self.legend = legend
        self.rubric_url_name = rubric_url_name
        self.rubric_link_text = rubric_link_text

    def __deepcopy__(self, memo):
        copy = super().__deepcopy__(memo)
        copy.levels = list(self.levels)
        return copy

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        by_number = {str(level.number): level for level in self.levels}
        cards = []
        for _group, options, _index in context["widget"]["optgroups"]:
            for option in options:
                option["level"] = by_number.get(str(option["value"]))
                cards.append(option)
        widget_attrs = context["widget"]["attrs"]
        field_id = widget_attrs.get("id", name)
        context["widget"].update(
            cards=cards,
            field_id=field_id,
            legend=self.legend,
            # RadioSelect uses a fieldset, so Django leaves aria-describedby to the widget: point the
            # group at the error message rendered next to it.
            describedby=f"{field_id}_error" if widget_attrs.get("aria-invalid") else "",
            rubric_url=reverse(self.rubric_url_name)
            if self.rubric_url_name
            else link_url(PARTNERSHIP_RUBRIC),
            rubric_link_text=self.rubric_link_text,
        )
        return context

    def _render(self, template_name, context, renderer=None):
        # The project template engine (not the form renderer's) finds templates/widgets/.
        return mark_safe(render_to_string(template_name, context))  # noqa: S308 - autoescaped template


class RubricField(forms.TypedChoiceField):
    """A level chosen on the rubric. Render it with `{% include "widgets/rubric_field.html" with
    field=form.level %}` so its errors sit next to the cards (crispy would redraw it as plain radios)."""

    def __init__(
        self,
        *,
        levels: Sequence[Level] = PARTNERSHIP_LEVELS,
        legend: str = "Level of partnership",
        required: bool = True,
        blank_label: str = "Not rated yet",
        **kwargs,
    ):
        choices = [(level.number, level.name) for level in levels]
        if not required:
            choices = [("", blank_label), *choices]
        kwargs.setdefault("widget", RubricSelect(levels=levels, legend=legend))
        super().__init__(choices=choices, coerce=int, empty_value=None, required=required, **kwargs)
