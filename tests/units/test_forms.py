"""Every validation rule of the quick log, the planning template and attachments, as a user meets it."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.units.conftest import plan_post, rows
from units.attachments import MAX_ATTACHMENT_BYTES
from units.forms import AttachmentForm, QuickLogForm, UnitPlanForm, plan_formsets
from units.levels import LEVEL_4_NEEDS_GAP as LEVEL_4_MISSING_GAP

pytestmark = pytest.mark.django_db


def quick(school, **data):
    base = {"start_date": "2025-10-06", "title": "Poetry café", "level": "2"}
    base.update(data)
    return QuickLogForm(base, school=school)


def test_quick_log_needs_only_date_title_and_level(school):
    assert quick(school).is_valid()
    form = quick(school, title="", level="")
    assert not form.is_valid()
    assert set(form.errors) == {"title", "level"}


def test_quick_log_date_defaults_to_today(school):
    from django.utils import timezone

    assert QuickLogForm(school=school)["start_date"].value() == timezone.localdate()


def test_level_4_without_a_gap_is_refused_next_to_the_rubric(school):
    form = quick(school, level="4")
    assert not form.is_valid()
    assert form.errors["level"] == [LEVEL_4_MISSING_GAP]
    assert "content area and a performance indicator" in LEVEL_4_MISSING_GAP


def test_level_4_with_a_gap_is_accepted(school):
    form = quick(school, level="4", gap_content_area="Reading", gap_performance_indicator="Cites evidence")
    assert form.is_valid(), form.errors


def test_a_half_filled_gap_is_refused(school):
    form = quick(school, gap_content_area="Reading")
    assert not form.is_valid()
    assert "gap_performance_indicator" in form.errors


def test_quick_log_offers_only_active_staff_of_the_school(school, other_school, colleague):
    from tests.factories import StaffMemberFactory

    StaffMemberFactory(school=school, name="Gone Away", active=False)
    StaffMemberFactory(school=other_school, name="Elsewhere Teacher")
    names = [str(choice[1]) for choice in QuickLogForm(school=school).fields["teachers"].choices]
    assert "Marcus Bell, Grade 6 ELA teacher" in names
    assert not any("Gone Away" in name or "Elsewhere" in name for name in names)


def test_new_teacher_title_without_name_is_refused(school):
    form = quick(school, new_teacher_title="Grade 8 math")
    assert not form.is_valid() and "new_teacher_name" in form.errors


def _plan_form(unit, **overrides):
    return UnitPlanForm(plan_post(unit, **overrides), instance=unit, school=unit.school)


def test_overview_of_100_words_passes_and_101_is_refused(unit):
    assert _plan_form(unit, overview=" ".join(["word"] * 100)).is_valid()
    form = _plan_form(unit, overview=" ".join(["word"] * 101))
    assert not form.is_valid()
    assert "101 words" in form.errors["overview"][0]


def test_end_before_start_is_refused(unit):
    form = _plan_form(unit, start_date="2025-10-06", end_date="2025-10-05")
    assert not form.is_valid()
    assert form.errors["end_date"] == ["The end of the time frame cannot be before its start."]
    assert _plan_form(unit, start_date="2025-10-06", end_date="2025-10-06").is_valid()


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "ftp://example.org/file", "file:///etc/passwd", "not a link", "data:text/html,x"],
)
def test_resources_accept_only_http_and_https_links(unit, url):
    data = plan_post(unit, **rows("resources", {"kind": "electronic", "citation": "A site", "url": url}))
    formset = plan_formsets(data, unit)["resources"]
    assert not formset.is_valid()
    assert "url" in formset.errors[0]


def test_an_electronic_resource_needs_a_link_and_others_have_none(unit):
    data = plan_post(
        unit,
        **rows(
            "resources",
            {"kind": "electronic", "citation": "Britannica School", "url": ""},
            {"kind": "print", "citation": "A book", "url": "https://example.org/"},
            {"kind": "electronic", "citation": "NASA Climate Kids", "url": "https://climatekids.nasa.gov/"},
        ),
    )
    formset = plan_formsets(data, unit)["resources"]
    assert not formset.is_valid()
    assert "url" in formset.errors[0] and "url" in formset.errors[1] and not formset.errors[2]


def test_a_duty_needs_who_and_what(unit):
    data = plan_post(unit, **rows("duties", {"owner": "", "description": "Teach search strategies"}))
    assert not plan_formsets(data, unit)["duties"].is_valid()


# --- attachments -----------------------------------------------------------------------------------------
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64


def _zip(entries: dict[str, bytes], *, stored_first: str | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if stored_first:
            archive.writestr(
                zipfile.ZipInfo(stored_first), entries.pop(stored_first), compress_type=zipfile.ZIP_STORED
            )
        for name, data in entries.items():
            archive.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


DOCX_BYTES = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})
XLSX_BYTES = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT_BYTES = _zip(
    {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<office/>"},
    stored_first="mimetype",
)


def attach(name, content, kind="handout"):
    return AttachmentForm({"kind": kind}, {"file": SimpleUploadedFile(name, content)})


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("organizer.pdf", PDF_BYTES),
        ("map.PNG", PNG_BYTES),
        ("rubric.docx", DOCX_BYTES),
        ("scores.xlsx", XLSX_BYTES),
        ("notes.odt", ODT_BYTES),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600),
        ("readme.txt", "Ask three questions. Café, naïve — fine.\n".encode()),
        ("windows.txt", "Résumé notes\r\n".encode("cp1252")),
    ],
)
def test_allowed_attachments_pass_by_extension_and_content(name, content):
    form = attach(name, content)
    assert form.is_valid(), form.errors


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.exe", b"MZ\x90\x00", "files only"),
        ("page.html", b"<html></html>", "files only"),
        ("noext", b"hello", "files only"),
        ("handout.pdf", b"MZ\x90\x00\x03" + b"\x00" * 100, "does not match"),
        ("handout.pdf", b"<html><script>alert(1)</script></html>", "does not match"),
        ("photo.jpg", PDF_BYTES, "does not match"),
        ("rubric.docx", XLSX_BYTES, "does not match"),
        ("rubric.docx", b"PK\x03\x04 not really a zip", "does not match"),
        ("notes.txt", b"<!DOCTYPE html><html><script>alert(1)</script>", "does not match"),
        ("notes.txt", PNG_BYTES, "does not match"),
        ("notes.txt", b"binary\x00data", "does not match"),
    ],
)
def test_wrong_types_are_refused(name, content, message):
    form = attach(name, content)
    assert not form.is_valid()
    assert message in form.errors["file"][0]


def test_files_over_10_mb_are_refused_and_10_mb_is_fine():
    big = b"a" * (MAX_ATTACHMENT_BYTES + 1)
    form = attach("notes.txt", big)
    assert not form.is_valid() and "at most 10 MB" in form.errors["file"][0]
    assert attach("notes.txt", b"a" * MAX_ATTACHMENT_BYTES).is_valid()


def test_the_copy_form_proposes_the_same_day_next_year(unit):
    from units.forms import CopyForm

    form = CopyForm(unit=unit)
    assert form["start_date"].value() == dt.date(2026, 10, 6)
    assert form["title"].value() == unit.title
