"""Forms of the board report page beside the highlights: the school logo and the principal's note."""

import os

import filetype
from django import forms
from django.core.exceptions import ValidationError

from reports.models import BoardHighlights

MAX_LOGO_BYTES = 2 * 2**20
# extension -> the content it must have (read from the file's first bytes, as attachments are checked)
LOGO_TYPES = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg"}


def check_logo(upload) -> None:
    """Raise ValidationError unless `upload` is a PNG or JPEG by name AND by content, within 2 MB."""
    if upload.size > MAX_LOGO_BYTES:
        raise ValidationError(f"This file is {upload.size / 2**20:.1f} MB; a logo can be at most 2 MB.")
    extension = os.path.splitext(upload.name)[1].lower()
    if extension not in LOGO_TYPES:
        raise ValidationError("Upload the logo as a PNG or JPEG image.")
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    upload.seek(0)
    if kind is None or kind.extension != LOGO_TYPES[extension]:
        raise ValidationError(
            f"The file's content does not match its name ({extension}). "
            "Save it again as PNG or JPEG and retry."
        )


class SchoolLogoForm(forms.Form):
    logo = forms.FileField(
        label="School logo (PNG or JPEG, at most 2 MB)",
        help_text="Printed on the cover of the board report.",
        widget=forms.ClearableFileInput(attrs={"accept": ".png,.jpg,.jpeg,image/png,image/jpeg"}),
    )

    def clean_logo(self):
        upload = self.cleaned_data["logo"]
        check_logo(upload)
        return upload


class PrincipalNoteForm(forms.ModelForm):
    class Meta:
        model = BoardHighlights
        fields = ["principal_note"]
        labels = {"principal_note": "Your note for the board (optional)"}
        help_texts = {"principal_note": "Printed beside the librarian's highlights in the board report."}
        widgets = {"principal_note": forms.Textarea(attrs={"rows": 4})}
