"""The board report page's other forms: the librarian's school logo, the principal's note (POST only;
the page itself is reports.views.board)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from collabtrack.access import school_required
from collabtrack.models import Role
from reports.board_forms import PrincipalNoteForm, SchoolLogoForm
from reports.board_services import board_principal_note_save, school_logo_remove, school_logo_save
from reports.forms import BoardHighlightsForm
from reports.models import BoardHighlights


def board_page_context(request, year, highlights, **forms) -> dict:
    """What reports/board.html shows; `forms` replaces a form by a bound one with its errors."""
    context = {
        "school_year": year,
        "highlights": highlights,
        "form": BoardHighlightsForm(instance=highlights),
        "logo_form": SchoolLogoForm(),
        "note_form": PrincipalNoteForm(instance=highlights),
    }
    context.update(forms)
    return context


def _year_and_highlights(request, school_year: str):
    school = request.membership.school
    try:
        year = school.parse_school_year(school_year)
    except ValueError as error:
        raise Http404(str(error)) from error
    return year, BoardHighlights.objects.filter(school=school, start_year=year.start_year).first()


@require_POST
@school_required(Role.LIBRARIAN)
def board_logo(request, school_year: str):
    year, highlights = _year_and_highlights(request, school_year)
    school = request.membership.school
    if "remove" in request.POST:
        school_logo_remove(school=school)
        messages.success(request, "Removed the school logo from the board report.")
        return redirect("reports:board", school_year=year.name)
    form = SchoolLogoForm(request.POST, request.FILES)
    if not form.is_valid():
        context = board_page_context(request, year, highlights, logo_form=form)
        return render(request, "reports/board.html", context)
    school_logo_save(school=school, upload=form.cleaned_data["logo"])
    messages.success(request, "Saved the school logo; it is printed on the board report's cover.")
    return redirect("reports:board", school_year=year.name)


@require_POST
@school_required(Role.PRINCIPAL)
def board_note(request, school_year: str):
    year, highlights = _year_and_highlights(request, school_year)
    form = PrincipalNoteForm(request.POST, instance=highlights)
    if not form.is_valid():
        context = board_page_context(request, year, highlights, note_form=form)
        return render(request, "reports/board.html", context)
    board_principal_note_save(
        school=request.membership.school, school_year=year, text=form.cleaned_data["principal_note"]
    )
    messages.success(request, "Saved your note; it is printed beside the highlights in the board report.")
    return redirect("reports:board", school_year=year.name)
