"""Forms for the librarian's reflections. Validation that belongs to the data lives in the models' clean();
these forms add what only the page knows (which checklist boxes exist, how many roadblocks are shown)."""

from django import forms

from taxonomy.checklists import BENEFIT_CHECKLISTS, STRATEGY_CHECKLISTS, RoadblockCategory
from taxonomy.lms_levels import TAXONOMY_CARD_LEVELS
from taxonomy.models import (
    ActionItem,
    BenefitsReflection,
    Roadblock,
    RoadblocksReflection,
    TaxonomyReflection,
)
from taxonomy.services import RoadblockRow
from units.widgets import RubricField, RubricSelect

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_ROADBLOCKS = 3
TAXONOMY_LEGEND = "Where are you on the library media specialist's taxonomy?"


class ServiceDataMixin:
    """The cleaned form as plain data for the reflection services: the model fields it edits."""

    def to_service_kwargs(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class TaxonomyReflectionForm(ServiceDataMixin, forms.ModelForm):
    level = RubricField(
        levels=TAXONOMY_CARD_LEVELS,
        legend=TAXONOMY_LEGEND,
        widget=RubricSelect(
            levels=TAXONOMY_CARD_LEVELS,
            legend=TAXONOMY_LEGEND,
            rubric_url_name="taxonomy:definitions",
            rubric_link_text="What each level of the taxonomy asks for",
        ),
    )

    class Meta:
        model = TaxonomyReflection
        fields = [
            "reflected_on",
            "level",
            "working_well",
            "greatest_success",
            "next_level_needs",
            "shared_with_principal",
        ]
        widgets = {
            "reflected_on": DATE_INPUT,
            "working_well": forms.Textarea(attrs={"rows": 3}),
            "greatest_success": forms.Textarea(attrs={"rows": 3}),
            "next_level_needs": forms.Textarea(attrs={"rows": 3}),
        }


class BenefitsReflectionForm(ServiceDataMixin, forms.ModelForm):
    """The four questions, plus one checkbox list per audience; the ticked keys land in benefits_seen."""

    class Meta:
        model = BenefitsReflection
        fields = ["reflected_on", "teachers", "librarians", "students", "test_data", "shared_with_principal"]
        widgets = {
            "reflected_on": DATE_INPUT,
            **{name: forms.Textarea(attrs={"rows": 3}) for name in ("teachers", "librarians", "students")},
            "test_data": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        seen = set(self.instance.benefits_seen or [])
        for checklist in BENEFIT_CHECKLISTS:
            self.fields[self.seen_field_name(checklist.key)] = forms.MultipleChoiceField(
                label=f"Benefits for {checklist.title.lower()} you have seen this year",
                choices=[(item.key, item.text) for item in checklist.items],
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=[item.key for item in checklist.items if item.key in seen],
            )

    @staticmethod
    def seen_field_name(audience: str) -> str:
        return f"seen_{audience}"

    @property
    def checklist_fields(self):
        return [self[self.seen_field_name(checklist.key)] for checklist in BENEFIT_CHECKLISTS]

    def clean(self):
        cleaned = super().clean()
        keys = []
        for checklist in BENEFIT_CHECKLISTS:
            keys.extend(cleaned.get(self.seen_field_name(checklist.key), []))
        self.instance.benefits_seen = keys
        return cleaned

    def to_service_kwargs(self) -> dict:
        return {**super().to_service_kwargs(), "benefits_seen": list(self.instance.benefits_seen)}


class RoadblocksReflectionForm(ServiceDataMixin, forms.ModelForm):
    class Meta:
        model = RoadblocksReflection
        fields = ["reflected_on", "shared_with_principal"]
        widgets = {"reflected_on": DATE_INPUT}


class RoadblockForm(forms.ModelForm):
    """One of the three roadblock slots. A slot left entirely blank means "no roadblock here"."""

    class Meta:
        model = Roadblock
        fields = ["explanation", "category", "potential_solution"]
        widgets = {
            "explanation": forms.Textarea(attrs={"rows": 3}),
            "potential_solution": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False

    def clean(self):
        cleaned = super().clean()
        if not self.is_blank():
            if not (cleaned.get("explanation") or "").strip():
                self.add_error("explanation", "Explain the roadblock, or clear this roadblock's fields.")
            if not cleaned.get("category"):
                self.add_error("category", "Choose the kind of roadblock.")
        return cleaned

    def is_blank(self) -> bool:
        data = self.cleaned_data
        return not any(
            (data.get(name) or "").strip() for name in ("explanation", "category", "potential_solution")
        )

    def _post_clean(self):
        # The slot is validated by clean(); the model's full_clean runs in the service, once numbered.
        pass


class BaseRoadblockFormSet(forms.BaseFormSet):
    def _construct_form(self, i, **kwargs):
        # Always clean every slot: an unchanged slot (equal to its initial roadblock) must still be kept,
        # and RoadblockForm.clean already lets a blank slot through.
        form = super()._construct_form(i, **kwargs)
        form.empty_permitted = False
        return form

    def clean(self):
        if any(self.errors):
            return
        if not self.roadblocks():
            raise forms.ValidationError("Describe at least one roadblock.")

    def roadblocks(self) -> list[dict]:
        """The filled-in slots, in order, as field values."""
        return [
            {name: form.cleaned_data[name] or "" for name in RoadblockForm.Meta.fields}
            for form in self.forms
            if form.is_valid() and not form.is_blank()
        ]

    def roadblock_rows(self) -> list[RoadblockRow]:
        """The filled-in slots as rows for taxonomy.services.roadblocks_reflection_save."""
        return [RoadblockRow(**values) for values in self.roadblocks()]


RoadblockFormSet = forms.formset_factory(
    RoadblockForm,
    formset=BaseRoadblockFormSet,
    extra=MAX_ROADBLOCKS,
    max_num=MAX_ROADBLOCKS,
    absolute_max=MAX_ROADBLOCKS,
    validate_max=True,
)


def roadblock_formset(data=None, *, reflection: RoadblocksReflection | None = None) -> BaseRoadblockFormSet:
    initial = []
    if reflection is not None:
        initial = [
            {name: getattr(roadblock, name) for name in RoadblockForm.Meta.fields}
            for roadblock in reflection.roadblocks.all()
        ]
    return RoadblockFormSet(data, initial=initial, prefix="roadblocks")


class ActionItemForm(forms.Form):
    """Turn a strategy of one category's checklist (or an action of your own) into a dated action item."""

    category = forms.ChoiceField(choices=RoadblockCategory.choices, widget=forms.HiddenInput)
    strategy = forms.ChoiceField(label="Strategy from the checklist", required=False)
    text = forms.CharField(
        label="Or describe the action in your own words",
        max_length=ActionItem._meta.get_field("text").max_length,
        required=False,
    )
    due_on = forms.DateField(label="To do by", widget=DATE_INPUT)

    def __init__(self, *args, category: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        category = self.data.get("category") or category or RoadblockCategory.OTHER
        checklist = STRATEGY_CHECKLISTS.get(category) or STRATEGY_CHECKLISTS[RoadblockCategory.OTHER]
        self.fields["category"].initial = category
        self.fields["strategy"].choices = [("", "—"), *[(item.key, item.text) for item in checklist.items]]
        self.fields["strategy"].widget.attrs["class"] = "form-select"
        for name in ("text", "due_on"):
            self.fields[name].widget.attrs["class"] = "form-control"
        for name in self.errors if self.is_bound else ():
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}_error"}
                )

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("strategy") and not (cleaned.get("text") or "").strip():
            raise forms.ValidationError("Choose a strategy or describe the action.")
        return cleaned


class ActionItemDoneForm(forms.Form):
    done = forms.BooleanField(required=False)


class PortfolioForm(forms.Form):
    year = forms.ChoiceField(label="School year")

    def __init__(self, *args, years: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(name, name) for name in years]
