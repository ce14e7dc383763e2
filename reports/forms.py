import calendar

from django import forms

from collabtrack.schoolyear import month_label
from reports.models import COUNT_CEILING, BoardHighlights


class MonthStatisticsForm(forms.Form):
    """One month's row on the statistics page; blank fields mean "not entered" (shown blank, not 0)."""

    days_open = forms.IntegerField(label="Days open", required=False, min_value=0)
    circulation = forms.IntegerField(
        label="Monthly circulation", required=False, min_value=0, validators=[COUNT_CEILING]
    )
    classes_served = forms.IntegerField(
        label="Classes served", required=False, min_value=0, validators=[COUNT_CEILING]
    )

    def __init__(self, *args, year: int, month: int, **kwargs):
        self.year, self.month = year, month
        super().__init__(*args, prefix=f"m{year}-{month:02d}", **kwargs)
        self.days_in_month = calendar.monthrange(year, month)[1]
        self.fields["days_open"].max_value = self.days_in_month
        self.fields["days_open"].widget.attrs.update(max=self.days_in_month)
        for field in self.fields.values():
            field.widget.attrs.update(inputmode="numeric")

    @property
    def label(self) -> str:
        return f"{month_label(self.month)} {self.year}"

    def clean_days_open(self):
        days_open = self.cleaned_data["days_open"]
        if days_open is not None and days_open > self.days_in_month:
            raise forms.ValidationError(f"At most the {self.days_in_month} days in {self.label}.")
        return days_open


class BoardHighlightsForm(forms.ModelForm):
    class Meta:
        model = BoardHighlights
        fields = ["text"]
        labels = {"text": "Highlights for the board (optional)"}
        help_texts = {"text": "A short paragraph printed after the cover of the board PDF."}
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}
