"""Forms of the coordinator's district pages: a new school, and a school's months."""

from django import forms

from collabtrack.district_models import MONTH_CHOICES

INHERIT = [("", "As the district")]


class SchoolMonthsForm(forms.Form):
    """Both months, or neither (the school then follows the district's months)."""

    first_month = forms.TypedChoiceField(
        choices=INHERIT + MONTH_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        label="First month of the school year",
    )
    last_month = forms.TypedChoiceField(
        choices=INHERIT + MONTH_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        label="Last month of the school year",
    )

    def clean(self):
        data = super().clean()
        first, last = data.get("first_month"), data.get("last_month")
        if (first is None) != (last is None):
            missing = "last_month" if last is None else "first_month"
            self.add_error(missing, "Choose both months, or neither to follow the district's months.")
        return data


class DistrictSchoolForm(SchoolMonthsForm):
    name = forms.CharField(label="School name", max_length=200)
    field_order = ["name", "first_month", "last_month"]

    def __init__(self, *args, district, **kwargs):
        super().__init__(*args, **kwargs)
        self.district = district

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError("Enter the school's name.")
        if self.district.schools.filter(name__iexact=name).exists():
            raise forms.ValidationError("The district already has a school of this name.")
        return name
