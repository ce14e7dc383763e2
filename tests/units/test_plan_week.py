"""Issue 14's planning-template fields: extensions, the time frame in words, a duty of a named partner,
and a unit history whose summary lists, whole, the fields it changed."""

import csv
import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from tests.job_helpers import download
from tests.units.conftest import plan_post, rows
from units import plan_services
from units.models import Duty, Unit
from units.selectors import unit_history
from units.unit_data import DutyRow, PlanTexts

pytestmark = pytest.mark.django_db

EXTENSIONS = "A visit from the county ecologist; a pond guide for the grade below"
TIME_FRAME = "six class periods over two weeks"


def _pdf_text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def _save_week_plan(client, unit, partner):
    data = plan_post(
        unit,
        extensions=EXTENSIONS,
        time_frame=TIME_FRAME,
        **rows(
            "duties",
            {"owner": "teacher", "partner": str(partner.pk), "description": "Lead the pond visit"},
            {"owner": "librarian", "partner": "", "description": "Teach note-taking"},
        ),
    )
    return client.post(reverse("units:edit", args=[unit.pk]), data)


def test_extensions_time_frame_and_named_partner_on_page_pdf_and_export(
    librarian_client, unit, teacher_staff
):
    response = _save_week_plan(librarian_client, unit, teacher_staff)
    assert response.status_code == 302, response.context and response.context["form"].errors
    unit.refresh_from_db()
    assert (unit.extensions, unit.time_frame) == (EXTENSIONS, TIME_FRAME)
    assert Duty.objects.get(unit=unit, description="Lead the pond visit").partner == teacher_staff

    page = librarian_client.get(reverse("units:detail", args=[unit.pk])).content.decode()
    assert EXTENSIONS in page and TIME_FRAME in page
    assert f'{teacher_staff.name}:</strong> <span class="keep-lines">Lead the pond visit' in page

    pdf = " ".join(_pdf_text(librarian_client.get(reverse("units:pdf", args=[unit.pk]))).split())
    assert "Extensions" in pdf and "county ecologist" in pdf
    assert TIME_FRAME in pdf
    assert f"{teacher_staff.name}: Lead the pond visit" in pdf

    bundle = download(librarian_client, reverse("data:school_export"))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(bundle.streaming_content)))
    (row,) = csv.DictReader(io.StringIO(archive.read("units.csv").decode("utf-8-sig")))
    assert (row["extensions"], row["time frame"]) == (EXTENSIONS, TIME_FRAME)


def test_the_planning_form_offers_only_the_units_partners_for_a_duty(librarian_client, unit, colleague):
    response = librarian_client.get(reverse("units:edit", args=[unit.pk]))
    partner_field = response.context["formsets"]["duties"].forms[0].fields["partner"]
    assert [staff.name for staff in partner_field.queryset] == [t.name for t in unit.teachers.all()]
    refused = _save_week_plan(librarian_client, unit, colleague)
    assert refused.status_code == 200
    assert not Duty.objects.filter(unit=unit).exists()


def _plan_kwargs(unit, **changes):
    kwargs = {
        "expected_version": unit.version,
        "title": unit.title,
        "start_date": unit.start_date,
        "end_date": unit.end_date,
        "status": unit.status,
        "level": unit.level,
        "texts": PlanTexts(),
        "teacher_ids": list(unit.teachers.values_list("pk", flat=True)),
    }
    return {**kwargs, **changes}


def test_a_duty_of_a_teacher_who_is_not_a_partner_is_refused(unit, librarian, colleague, teacher_staff):
    with pytest.raises(ValidationError) as refused:
        plan_services.unit_plan_save(
            unit=unit,
            user=librarian,
            **_plan_kwargs(unit, duties=[DutyRow("teacher", "Lead the visit", partner_id=colleague.pk)]),
        )
    assert refused.value.message_dict["duties"] == [
        f"Duty 1: {colleague.name} is not a partner on this unit."
    ]
    assert Unit.objects.get(pk=unit.pk).version == unit.version  # nothing saved

    # Nor may the partner be dropped from the unit while a duty still names them.
    with pytest.raises(ValidationError):
        plan_services.unit_plan_save(
            unit=unit,
            user=librarian,
            **_plan_kwargs(
                unit, teacher_ids=[], duties=[DutyRow("teacher", "Lead", partner_id=teacher_staff.pk)]
            ),
        )


def test_the_history_summary_lists_every_changed_field_whole(unit, librarian, colleague):
    long_title = "An unusually long unit title about ponds, microscopes and field guides for grade seven"
    plan_services.unit_plan_save(
        unit=unit,
        user=librarian,
        **_plan_kwargs(
            unit,
            title=long_title,
            texts=PlanTexts(
                overview="Ponds.",
                time_frame=TIME_FRAME,
                adaptations_challenged="Read-aloud",
                adaptations_gifted="Own question",
                adaptations_learning_styles="Models",
                extensions=EXTENSIONS,
            ),
            teacher_ids=[colleague.pk],
            grades=[7],
            duties=[DutyRow("librarian", "Teach note-taking")],
        ),
    )
    latest = unit_history(unit=unit)[0]
    expected = [
        "Unit title or topic",
        "Time frame in words",
        "Unit overview",
        "Adaptations for challenged learners",
        "Adaptations for gifted learners",
        "Adaptations for learning styles",
        "Extensions",
        "Teacher partners",
        "Grade levels",
        "Cooperative teaching plan",
    ]
    assert sorted(latest.changes) == sorted(expected)
    assert latest.summary == "Changed: " + ", ".join(latest.changes)  # the same fields, none cut
    assert len(latest.summary) > 100


def test_a_long_copy_reason_is_cut_at_a_word(unit, librarian):
    from units.services import unit_copy

    unit.title = "Ecosystems " * 12
    unit.save()
    copy = unit_copy(unit=unit, user=librarian, title="Copy", start_date=unit.start_date, teacher_ids=[])
    what = unit_history(unit=copy)[0].what
    assert what.endswith("…") and len(what) <= 100
    assert what[:-1].rstrip().split()[-1] == "Ecosystems"  # a whole word before the ellipsis


def test_a_level_4_refusal_marks_the_gap_fields_and_not_only_the_rubric(librarian_client):
    response = librarian_client.post(
        reverse("units:quick_log"), {"title": "Data unit", "start_date": "2025-10-01", "level": "4"}
    )
    html = response.content.decode()
    for field in ("gap_content_area", "gap_performance_indicator"):
        assert f'aria-invalid="true" aria-describedby="id_{field}_error"' in html
        assert f'id="id_{field}_error"' in html
    assert 'id="id_level_3" value="4" checked' in html and 'aria-invalid="true"' in html
    assert "autofocus" not in html  # the first field in error takes the focus, not the title


def test_the_logged_message_links_to_the_unit(librarian_client):
    response = librarian_client.post(
        reverse("units:quick_log"),
        {"title": "Poetry <café>", "start_date": "2025-10-01", "level": "2"},
        follow=True,
    )
    unit = Unit.objects.get(title="Poetry <café>")
    url = reverse("units:detail", args=[unit.pk])
    assert f'Logged “<a href="{url}">Poetry &lt;café&gt;</a>”.' in response.content.decode()


def test_a_copy_keeps_a_named_duty_only_with_the_partner(unit, librarian, teacher_staff, colleague):
    from units.services import unit_copy

    Duty.objects.create(unit=unit, owner="teacher", description="Lead the visit", partner=teacher_staff)
    kept = unit_copy(
        unit=unit, user=librarian, title="Again", start_date=unit.start_date, teacher_ids=[teacher_staff.pk]
    )
    dropped = unit_copy(
        unit=unit, user=librarian, title="Other", start_date=unit.start_date, teacher_ids=[colleague.pk]
    )
    assert kept.duties.get().partner == teacher_staff
    assert (dropped.duties.get().partner, dropped.duties.get().owner) == (None, "teacher")
