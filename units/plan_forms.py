"""The full collaborative planning template: the unit's form and its gaps, duties and resources formsets.

The forms check what a person can fix on the page; units/plan_services.py is authoritative.
"""

from dataclasses import dataclass

from django import forms

from collabtrack.forms import GradeCheckboxes
from collabtrack.models import StaffMember
from units.models import OVERVIEW_MAX_WORDS, Duty, Resource, TestDataGap, Unit
from units.partner_fields import NewTeacherMixin, TeacherCheckboxes, teacher_queryset
from units.standards import STANDARD_2007_HEADINGS, STRAND_2007_HEADINGS, Indicator2007, Standard2018
from units.unit_data import PLAN_TEXT_FIELDS, DutyRow, GapRow, PlanTexts, ResourceRow
from units.widgets import RubricField

TEXTAREAS = (
    "learning_product", "assessment_what", "assessment_who", "assessment_how", "adaptations_challenged",
    "adaptations_gifted", "adaptations_ell", "adaptations_learning_styles", "extensions",
)  # fmt: skip


@dataclass(frozen=True)
class IndicatorChoice:
    value: str
    number: str
    checked: bool


@dataclass(frozen=True)
class StrandGroup:
    number: str  # "1.1"
    heading: str
    indicators: list[IndicatorChoice]


@dataclass(frozen=True)
class StandardGroup:
    number: int
    heading: str
    strands: list[StrandGroup]


class UnitPlanForm(NewTeacherMixin, forms.ModelForm):
    """The whole collaborative planning template (the gaps, duties and resources are formsets)."""

    grades = GradeCheckboxes(label="Grade levels")
    level = RubricField(legend="Level of partnership", required=False)
    standards_2007 = forms.ModelMultipleChoiceField(
        queryset=Indicator2007.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Standards for the 21st-Century Learner (2007), by number",
    )
    standards_2018 = forms.ModelMultipleChoiceField(
        queryset=Standard2018.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="National School Library Standards (2018), by code",
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Unit
        fields = [
            "title", "teachers", "grades", "overview", "start_date", "end_date", "time_frame", "status",
            "level", "content_standards", "standards_2007", "standards_2018", "learning_product",
            "assessment_what", "assessment_who", "assessment_how",
            "adaptations_challenged", "adaptations_gifted", "adaptations_ell", "adaptations_learning_styles",
            "extensions",
        ]  # fmt: skip
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "overview": forms.Textarea(attrs={"rows": 4, "data-max-words": OVERVIEW_MAX_WORDS}),
            "content_standards": forms.Textarea(attrs={"rows": 6, "class": "font-monospace"}),
            **{name: forms.Textarea(attrs={"rows": 2}) for name in TEXTAREAS},
        }
        labels = {
            "start_date": "Start (the unit's date in reports)",
            "end_date": "End (optional)",
            "time_frame": "Time frame in words (optional)",
            "extensions": "Extensions (speakers, further products)",
        }

    def __init__(self, *args, school, may_add_teachers: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teachers"] = TeacherCheckboxes(
            queryset=teacher_queryset(school, self.instance), required=False, label="Teacher partners"
        )
        self.fields["version"].initial = self.instance.version
        if not may_add_teachers:  # the staff directory is the librarian's (collabtrack.views.staff_create)
            del self.fields["new_teacher_name"], self.fields["new_teacher_title"]
        self.fields["overview"].help_text = f"At most {OVERVIEW_MAX_WORDS} words."

    def aasl_2007_groups(self) -> list[StandardGroup]:
        """The 2007 indicators grouped by standard and strand, with their headings, for the picker."""
        chosen = {str(value) for value in (self["standards_2007"].value() or [])}
        strands: dict[tuple[int, int], list[IndicatorChoice]] = {}
        for indicator in self.fields["standards_2007"].queryset:
            strands.setdefault((indicator.standard, indicator.strand), []).append(
                IndicatorChoice(str(indicator.pk), indicator.number, str(indicator.pk) in chosen)
            )
        return [
            StandardGroup(
                standard,
                heading,
                [
                    StrandGroup(
                        f"{standard}.{strand}", STRAND_2007_HEADINGS[strand], strands[(standard, strand)]
                    )
                    for strand in sorted(STRAND_2007_HEADINGS)
                    if (standard, strand) in strands
                ],
            )
            for standard, heading in sorted(STANDARD_2007_HEADINGS.items())
        ]

    def to_service_kwargs(self, formsets: dict) -> dict:
        """The cleaned form and its valid formsets as plain data for units.plan_services.unit_plan_save."""
        data = self.cleaned_data
        return {
            "expected_version": data["version"],
            "title": data["title"],
            "start_date": data["start_date"],
            "end_date": data["end_date"],
            "status": data["status"],
            "level": data["level"],
            "texts": PlanTexts(**{name: data[name] for name in PLAN_TEXT_FIELDS}),
            "grades": [grade.order for grade in data["grades"]],
            "teacher_ids": [teacher.pk for teacher in data["teachers"]],
            "standards_2007": [standard.pk for standard in data["standards_2007"]],
            "standards_2018": [standard.pk for standard in data["standards_2018"]],
            "gaps": [
                GapRow(row["content_area"], row["performance_indicator"]) for row in _kept(formsets["gaps"])
            ],
            "duties": [
                DutyRow(
                    row["owner"],
                    row["description"],
                    row["addresses_gap"],
                    row["partner"].pk if row.get("partner") else None,
                )
                for row in _kept(formsets["duties"])
            ],
            "resources": [
                ResourceRow(row["kind"], row["citation"], row["url"]) for row in _kept(formsets["resources"])
            ],
            "new_teacher": self.new_teacher() if "new_teacher_name" in self.fields else None,
        }


def _kept(formset) -> list[dict]:
    """The rows a valid formset keeps, in the page's order: neither deleted nor left blank."""
    # An extra row left untouched has no cleaned data; a row of the unit always has.
    return [
        form.cleaned_data
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class GapForm(forms.ModelForm):
    class Meta:
        model = TestDataGap
        fields = ["content_area", "performance_indicator"]


class DutyForm(forms.ModelForm):
    class Meta:
        model = Duty
        fields = ["owner", "partner", "description", "addresses_gap"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        labels = {"partner": "Named partner (optional)"}

    def __init__(self, *args, partners=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the unit's partners may be named (units.plan_services checks it against the saved partners).
        self.fields["partner"].queryset = partners if partners is not None else StaffMember.objects.none()
        self.fields["partner"].empty_label = "No one in particular"


class ResourceForm(forms.ModelForm):
    url = forms.URLField(
        label="Link", max_length=500, required=False, assume_scheme="https",
        help_text="Electronic resources only; http:// or https://.",
    )  # fmt: skip

    class Meta:
        model = Resource
        fields = ["kind", "citation", "url"]
        widgets = {"citation": forms.Textarea(attrs={"rows": 2})}


GapFormSet = forms.inlineformset_factory(Unit, TestDataGap, form=GapForm, extra=1, can_delete=True)
DutyFormSet = forms.inlineformset_factory(Unit, Duty, form=DutyForm, extra=2, can_delete=True)
ResourceFormSet = forms.inlineformset_factory(Unit, Resource, form=ResourceForm, extra=2, can_delete=True)


def plan_formsets(data, unit: Unit) -> dict:
    partners = StaffMember.objects.filter(units=unit).order_by("name") if unit.pk else None
    return {
        "gaps": GapFormSet(data, instance=unit, prefix="gaps"),
        "duties": DutyFormSet(data, instance=unit, prefix="duties", form_kwargs={"partners": partners}),
        "resources": ResourceFormSet(data, instance=unit, prefix="resources"),
    }
