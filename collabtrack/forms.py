from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator

from collabtrack.models import Grade, Membership, StaffMember

BIGGEST_PK = 2**63 - 1


def add_service_errors(form: forms.BaseForm, error: ValidationError, fields: dict[str, str] | None = None):
    """Show a service's refusal on the page: each message next to its field (a service field named
    differently on the form is mapped by `fields`), the rest at the top of the form."""
    fields = fields or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, messages in error.message_dict.items():
        field = fields.get(field, field)
        form.add_error(field if field in form.fields else None, messages)


class InRangeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that refuses a posted id beyond the database's integer range as an invalid
    choice: Django's `pk__in` lookup would otherwise crash on SQLite (OverflowError, a server error)."""

    def _check_values(self, value):
        for pk in value:
            try:
                out_of_range = abs(int(str(pk))) > BIGGEST_PK
            except ValueError:
                continue  # not a number: Django's own check refuses it
            if out_of_range:
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)


class GradeCheckboxes(InRangeModelMultipleChoiceField):
    """Grade levels as a row of checkboxes (PreK, K, 1-12)."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Grade.objects.all())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def label_from_instance(self, obj):
        return str(obj)


class StaffMemberForm(forms.ModelForm):
    grades = GradeCheckboxes(label="Grade levels taught")

    class Meta:
        model = StaffMember
        fields = ["name", "title", "department", "grades", "email", "user", "active"]

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.school = school
        self.fields["user"].queryset = (
            self.fields["user"].queryset.filter(memberships__school=school).order_by("username")
        )
        self.fields["user"].help_text = "Optional: link a teacher's login so they can co-plan their units."

    def to_service_kwargs(self) -> dict:
        """The cleaned form as plain data for staff_create / staff_update (collabtrack/services.py)."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "title": data["title"],
            "department": data["department"],
            "grades": [grade.order for grade in data["grades"]],
            "email": data["email"],
            "user_id": data["user"].pk if data["user"] else None,
            "active": data["active"],
        }


class ChooseSchoolForm(forms.Form):
    membership = forms.ModelChoiceField(
        queryset=Membership.objects.none(), widget=forms.RadioSelect, empty_label=None, label="School"
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["membership"]
        field.queryset = Membership.objects.filter(user=user).select_related("school")
        field.label_from_instance = lambda m: f"{m.school.name} ({m.get_role_display()})"


class LoginForm(AuthenticationForm):
    """Django's login form, with the username's length checked on the server too.

    Django sets the username field's max_length after the field is made, so only the browser's maxlength
    held it: a longer name posted directly went on to authenticate, and django-axes' log of failed
    attempts (a 255-character column) refused it with a server error on PostgreSQL. Now it is a message
    next to the field, and no attempt is logged."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))
