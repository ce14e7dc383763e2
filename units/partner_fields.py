"""The teacher-partner fields the quick log, the planning template and the copy form share."""

from django import forms
from django.db.models import Q

from collabtrack.forms import InRangeModelMultipleChoiceField
from collabtrack.models import StaffMember
from units.models import Unit
from units.unit_data import NamedTeacher


class TeacherCheckboxes(InRangeModelMultipleChoiceField):
    """The school's staff directory as checkboxes, each teacher shown with their title."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return str(obj)


def teacher_queryset(school, unit: Unit | None = None):
    # Inactive staff are not offered, but a unit keeps (and shows) the partners it already has.
    queryset = StaffMember.objects.filter(school=school, active=True)
    if unit is not None and unit.pk:
        queryset = StaffMember.objects.filter(school=school).filter(Q(active=True) | Q(units=unit))
    return queryset.distinct().order_by("name")


class NewTeacherMixin(forms.Form):
    """ "Add a teacher": a partner not yet in the directory is added to it as the unit is saved."""

    new_teacher_name = forms.CharField(label="Name", max_length=200, required=False)
    new_teacher_title = forms.CharField(
        label="Title", max_length=200, required=False, help_text="For example: Grade 7 science teacher."
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("new_teacher_title") and not cleaned.get("new_teacher_name"):
            self.add_error("new_teacher_name", "Give the new teacher's name too.")
        return cleaned

    def new_teacher(self) -> NamedTeacher | None:
        name = self.cleaned_data.get("new_teacher_name", "")
        return NamedTeacher(name=name, title=self.cleaned_data.get("new_teacher_title", "")) if name else None
