"""Forms of the collaboration-log import: the upload, and the column mapping the librarian corrects."""

from django import forms

from collabtrack.schoolyear import recent_school_years
from collabtrack.spreadsheets import MAX_BYTES
from reports.imports.cells import DATE_ORDERS
from reports.imports.log_parse import FIELDS, PLAN_FIELDS, REQUIRED_FIELDS, mapping_errors

ACCEPT = ".csv,.tsv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportFileField(forms.FileField):
    """A file field that refuses anything over 5 MB before it is read."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": ACCEPT}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload and upload.size > MAX_BYTES:
            raise forms.ValidationError(
                f"This file is {upload.size / 1024 / 1024:.1f} MB; files can be at most 5 MB and 10 000 rows."
            )
        return upload


class LogUploadForm(forms.Form):
    file = ImportFileField(
        label="Collaboration log",
        help_text="A CSV file (comma, semicolon or tab separated) or an Excel workbook (.xlsx), "
        "at most 5 MB and 10 000 rows. The first row must name the columns.",
    )


def _column_label(index: int, header: str) -> str:
    letters, number = "", index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return f"Column {letters}: {header}"


class ColumnMappingForm(forms.Form):
    """One choice per field: which of the file's columns holds it (or none), and how its dates are read."""

    date_order = forms.ChoiceField(
        label="How the dates are written",
        choices=list(DATE_ORDERS.items()),
        widget=forms.RadioSelect,
        required=False,  # not sent: the order guessed from the file
        help_text="One reading for the whole file. CollabTrack chose it from the dates themselves: "
        "day first as soon as one date starts with a number over 12.",
    )

    def __init__(self, *args, header: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.width = len(header)
        choices = [("", "— not in the file —")] + [
            (str(index), _column_label(index, name)) for index, name in enumerate(header)
        ]
        for name, label in FIELDS.items():
            required = name in REQUIRED_FIELDS
            self.fields[name] = forms.TypedChoiceField(
                label=f"{label}{'' if required else ' (optional)'}",
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
            )

    def log_fields(self):
        return [self[name] for name in FIELDS if name not in PLAN_FIELDS]

    def plan_fields(self):
        return [self[name] for name in PLAN_FIELDS]

    @classmethod
    def initial_from(cls, mapping: dict[str, int | None], date_order: str = "") -> dict[str, str]:
        initial = {name: "" if mapping.get(name) is None else str(mapping[name]) for name in FIELDS}
        return initial | {"date_order": date_order}

    def clean(self):
        cleaned = super().clean()
        mapping = {name: cleaned.get(name) for name in FIELDS}
        for name, message in mapping_errors(mapping, self.width).items():
            self.add_error(name, message)
        return cleaned

    @property
    def mapping(self) -> dict[str, int | None]:
        return {name: self.cleaned_data.get(name) for name in FIELDS}


class CirculationUploadForm(forms.Form):
    file = ImportFileField(
        label="Circulation export",
        help_text="Koha's circulation statistics “Export.csv”, a Destiny circulation report saved as .xlsx, "
        "or any sheet with a month column and a count column. At most 5 MB.",
    )
    school_year = forms.ChoiceField(
        label="School year",
        help_text="Koha names months without a year: they are placed in this school year.",
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        current = school.current_school_year()
        years = recent_school_years(current.next(), 7)
        self.fields["school_year"].choices = [(year.name, year.name) for year in years]
        self.fields["school_year"].initial = current.name
        self.school = school

    def clean_school_year(self):
        return self.school.parse_school_year(self.cleaned_data["school_year"])
