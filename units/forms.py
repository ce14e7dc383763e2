"""Forms for the quick log, copying, attachments and the unit list (the planning template's are in
units/plan_forms.py, re-exported here).

The forms check what a person can fix on the page; the services (units/services.py) are authoritative and
repeat every rule that protects the data (the level-4 rule, the overview's word limit, stale saves).
"""

import datetime as dt

from django import forms
from django.utils import timezone

from collabtrack.forms import GradeCheckboxes
from collabtrack.grades import GRADE_CHOICES
from collabtrack.models import StaffMember
from collabtrack.schoolyear import recent_school_years
from units.attachments import MAX_ATTACHMENT_BYTES, check_upload
from units.levels import LEVEL_4_NEEDS_GAP, PartnershipLevel, needs_test_data_gap
from units.models import Attachment, Unit, UnitStatus
from units.partner_fields import NewTeacherMixin, TeacherCheckboxes, teacher_queryset
from units.plan_forms import UnitPlanForm, plan_formsets
from units.selectors import DEFAULT_SORT, UnitFilters
from units.unit_data import GapRow, NewUnit
from units.widgets import RubricField

__all__ = ["AttachmentForm", "CopyForm", "QuickLogForm", "UnitFilterForm", "UnitPlanForm", "plan_formsets"]


class QuickLogForm(NewTeacherMixin, forms.ModelForm):
    """One short page: a unit logged in under 30 seconds, completed with the full template later."""

    grades = GradeCheckboxes(label="Grade levels")
    level = RubricField(legend="Level of partnership")
    gap_content_area = forms.CharField(label="Content area", max_length=200, required=False)
    gap_performance_indicator = forms.CharField(label="Performance indicator", max_length=500, required=False)

    class Meta:
        model = Unit
        fields = ["start_date", "title", "grades", "teachers", "level"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"})}
        labels = {"start_date": "Date", "title": "Title or topic"}

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teachers"] = TeacherCheckboxes(
            queryset=teacher_queryset(school), required=False, label="Teacher partners"
        )
        self.fields["start_date"].initial = timezone.localdate
        if not self.is_bound:  # after a refused submit, focus goes to the first field in error instead
            self.fields["title"].widget.attrs["autofocus"] = True

    def clean(self):
        cleaned = super().clean()
        area, indicator = cleaned.get("gap_content_area"), cleaned.get("gap_performance_indicator")
        if bool(area) != bool(indicator):
            self.add_error(
                "gap_performance_indicator" if area else "gap_content_area", "Fill in both or neither."
            )
        if needs_test_data_gap(cleaned.get("level")) and not (area and indicator):
            self.add_error("level", LEVEL_4_NEEDS_GAP)
            # Every field that would satisfy the rule is marked too, not only the rubric.
            for name, label in (
                ("gap_content_area", "content area"),
                ("gap_performance_indicator", "indicator"),
            ):
                if not cleaned.get(name) and name not in self.errors:
                    self.add_error(name, f"Level 4 needs the gap's {label}.")
        return cleaned

    # Where the service's refusals go on this page (units.services.unit_create).
    service_fields = {"gaps": "gap_content_area"}

    def to_service_kwargs(self) -> dict:
        """The cleaned form as plain data for units.services.unit_create."""
        data = self.cleaned_data
        gap = (data.get("gap_content_area"), data.get("gap_performance_indicator"))
        new_teacher = self.new_teacher()
        unit = NewUnit(
            title=data["title"],
            start_date=data["start_date"],
            level=data["level"],
            grades=tuple(grade.order for grade in data["grades"]),
            teacher_ids=tuple(teacher.pk for teacher in data["teachers"]),
            named_teachers=(new_teacher,) if new_teacher else (),
            gaps=(GapRow(*gap),) if all(gap) else (),
        )
        return {"unit": unit}


class CopyForm(forms.Form):
    title = forms.CharField(max_length=200)
    start_date = forms.DateField(label="New date", widget=forms.DateInput(attrs={"type": "date"}))
    teachers = TeacherCheckboxes(
        queryset=StaffMember.objects.none(), required=False, label="Teacher partners"
    )

    def __init__(self, *args, unit: Unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teachers"].queryset = teacher_queryset(unit.school, unit)
        self.fields["title"].initial = unit.title
        self.fields["start_date"].initial = _same_day_next_year(unit.start_date)
        self.fields["teachers"].initial = [teacher.pk for teacher in unit.teachers.all()]
        self.unit = unit

    def clean_start_date(self):
        start = self.cleaned_data["start_date"]
        # The copy keeps the original's length, so its end date must still be a date (not past 9999-12-31).
        if self.unit.end_date and dt.date.max - start < self.unit.end_date - self.unit.start_date:
            raise forms.ValidationError("This date is too far in the future for a unit of this length.")
        return start

    def to_service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "title": data["title"],
            "start_date": data["start_date"],
            "teacher_ids": [teacher.pk for teacher in data["teachers"]],
        }


def _same_day_next_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["kind", "file"]
        help_texts = {
            "file": f"PDF, Office document, image or plain text; at most {MAX_ATTACHMENT_BYTES // 2**20} MB."
        }

    def clean_file(self):
        upload = self.cleaned_data["file"]
        check_upload(upload)
        return upload


class UnitFilterForm(forms.Form):
    """The unit list's filters (GET): an invalid value is ignored rather than failing the page."""

    year = forms.ChoiceField(label="School year", required=False)
    month = forms.TypedChoiceField(
        label="Month",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Any month")] + [(n, dt.date(2000, n, 1).strftime("%B")) for n in range(1, 13)],
    )
    grade = forms.TypedChoiceField(label="Grade", required=False, coerce=int, empty_value=None)
    level = forms.TypedChoiceField(label="Level", required=False, coerce=int, empty_value=None)
    teacher = forms.TypedChoiceField(label="Teacher", required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(label="Status", required=False)
    q = forms.CharField(label="Search", required=False, max_length=100)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            ("-date", "Newest first"),
            ("date", "Oldest first"),
            ("title", "Title"),
            ("-level", "Level, highest first"),
            ("level", "Level, lowest first"),
            ("status", "Status"),
        ],
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        current = school.current_school_year()
        years = recent_school_years(current.next(), 6)
        self.fields["year"].choices = [("", "All years")] + [(y.name, y.name) for y in years]
        self.fields["grade"].choices = [("", "Any grade")] + list(GRADE_CHOICES)
        self.fields["level"].choices = [("", "Any level")] + [
            (n, f"{n}. {label}") for n, label in PartnershipLevel.choices
        ]
        self.fields["teacher"].choices = [("", "Any teacher")] + [
            (teacher.pk, teacher.name)
            for teacher in StaffMember.objects.filter(school=school).order_by("name")
        ]
        self.fields["status"].choices = [("", "Any status")] + list(UnitStatus.choices)

    def filters(self) -> UnitFilters:
        data = self.cleaned_data if self.is_valid() else {}
        year_range = None
        if data.get("year"):
            year = self.school.parse_school_year(data["year"])
            year_range = (year.start_date, year.end_date)
        return UnitFilters(
            year_range=year_range,
            month=data.get("month"),
            grade=data.get("grade"),
            level=data.get("level"),
            teacher_id=data.get("teacher"),
            status=data.get("status") or "",
            text=(data.get("q") or "").strip(),
            sort=data.get("sort") or DEFAULT_SORT,
        )
