"""The board report page: the librarian's logo (PNG/JPEG by name and content), the principal's note (only
the principal writes it), each refused with a message beside the field and nothing saved."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from reports.models import BoardHighlights

YEAR = "2025-26"


def _png(size=(40, 20), fmt="PNG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "#1d4e6b").save(buffer, format=fmt)
    return buffer.getvalue()


def test_librarian_uploads_replaces_and_removes_the_logo(librarian_client, school, media):
    url = reverse("reports:board_logo", args=[YEAR])
    response = librarian_client.post(url, {"logo": SimpleUploadedFile("crest.png", _png())})
    assert response.status_code == 302
    school.refresh_from_db()
    first = school.logo.name
    assert first.startswith(f"logos/{school.pk}/") and first.endswith(".png") and "crest" not in first
    librarian_client.post(url, {"logo": SimpleUploadedFile("crest.JPG", _png(fmt="JPEG"))})
    school.refresh_from_db()
    assert school.logo.name.endswith(".jpg") and not (media / first).exists()  # the old file is gone
    page = librarian_client.get(reverse("reports:board", args=[YEAR])).content.decode()
    assert "A logo is on file" in page
    librarian_client.post(url, {"remove": "1"})
    school.refresh_from_db()
    assert not school.logo


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("crest.gif", b"GIF89a" + b"\0" * 40, "Upload the logo as a PNG or JPEG image."),
        ("crest.png", b"<svg onload=alert(1)></svg>", "does not match its name (.png)"),
        ("crest.jpg", _png(), "does not match its name (.jpg)"),  # a PNG called .jpg
        ("crest.png", b"\x89PNG" + b"\0" * (2 * 2**20), "a logo can be at most 2 MB"),
    ],
)
def test_a_bad_logo_is_refused_beside_the_field(librarian_client, school, media, name, content, message):
    response = librarian_client.post(
        reverse("reports:board_logo", args=[YEAR]), {"logo": SimpleUploadedFile(name, content)}
    )
    assert response.status_code == 200 and message in response.content.decode()
    school.refresh_from_db()
    assert not school.logo and not list(media.rglob("*.*"))


def test_only_the_principal_writes_the_note(principal_client, librarian_client, school):
    url = reverse("reports:board_note", args=[YEAR])
    assert librarian_client.post(url, {"principal_note": "Not mine to write"}).status_code == 403
    librarian_client.post(reverse("reports:board", args=[YEAR]), {"text": "A record year."})
    assert principal_client.post(url, {"principal_note": "  Proud of this year.  "}).status_code == 302
    highlights = BoardHighlights.objects.get(school=school)
    assert (highlights.text, highlights.principal_note) == ("A record year.", "Proud of this year.")
    # The principal cannot change the highlights; the librarian's page shows the note read-only.
    assert (
        principal_client.post(reverse("reports:board", args=[YEAR]), {"text": "Changed"}).status_code == 403
    )
    page = librarian_client.get(reverse("reports:board", args=[YEAR])).content.decode()
    assert "Proud of this year." in page and 'name="principal_note"' not in page
    too_long = principal_client.post(url, {"principal_note": "x" * 2001})
    assert too_long.status_code == 200 and "at most 2000 characters" in too_long.content.decode()
    assert BoardHighlights.objects.get(school=school).principal_note == "Proud of this year."
