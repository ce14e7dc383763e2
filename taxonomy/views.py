from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collabtrack.access import require_edit, school_required
from collabtrack.exporters import download
from collabtrack.forms import add_service_errors
from collabtrack.models import Role
from taxonomy import selectors, services
from taxonomy.access import get_reflection_for_user, reflections_visible_to
from taxonomy.checklists import DEFINITIONS, RoadblockCategory
from taxonomy.forms import (
    ActionItemDoneForm,
    ActionItemForm,
    BenefitsReflectionForm,
    PortfolioForm,
    RoadblocksReflectionForm,
    TaxonomyReflectionForm,
    roadblock_formset,
)
from taxonomy.lms_levels import TAXONOMY_LEVELS
from taxonomy.models import ActionItem, BenefitsReflection, RoadblocksReflection, TaxonomyReflection
from units.levels import PARTNERSHIP_LEVELS

KINDS = {
    "taxonomy": (TaxonomyReflection, TaxonomyReflectionForm),
    "benefits": (BenefitsReflection, BenefitsReflectionForm),
    "roadblocks": (RoadblocksReflection, RoadblocksReflectionForm),
}
SAVE = {
    "taxonomy": services.taxonomy_reflection_save,
    "benefits": services.benefits_reflection_save,
    "roadblocks": services.roadblocks_reflection_save,
}


@require_GET
def rubric(request):
    """The levels of instructional partnership, explained in full (linked from every rubric widget)."""
    return render(request, "taxonomy/rubric.html", {"levels": PARTNERSHIP_LEVELS})


@require_GET
def definitions(request):
    """The packet's definitions and the ten taxonomy levels, each with an anchor the pages link to."""
    return render(
        request, "taxonomy/definitions.html", {"definitions": DEFINITIONS, "taxonomy_levels": TAXONOMY_LEVELS}
    )


@school_required(Role.LIBRARIAN)
@require_GET
def reflection_index(request):
    """The librarian's own reflections: the self-assessment timeline with its evidence, and the rest."""
    membership = request.membership
    years = [year.name for year in selectors.portfolio_years(membership)]
    context = {
        "history": selectors.taxonomy_history(membership),
        "reflections": selectors.reflection_list(membership),
        "portfolio_form": PortfolioForm(years=years, initial={"year": years[0]}),
    }
    return render(request, "taxonomy/reflection_index.html", context)


@school_required(Role.PRINCIPAL)
@require_GET
def shared_reflections(request):
    return render(
        request,
        "taxonomy/shared_reflections.html",
        {"reflections": selectors.reflection_list(request.membership)},
    )


def _roadblocks_context(reflection, bound_form=None) -> dict:
    view = selectors.roadblocks_view(reflection)
    forms = {
        group.category: ActionItemForm(category=group.category, auto_id=f"id_{group.category}_%s")
        for group in view.strategy_groups
    }
    if bound_form is not None:
        forms[bound_form.data.get("category")] = bound_form
    return {"view": view, "action_forms": forms}


def _kind(kind: str):
    if kind not in KINDS:
        raise Http404("No such kind of reflection.")
    return KINDS[kind]


@school_required()
@require_GET
def reflection_detail(request, kind: str, pk: int):
    model, _form = _kind(kind)
    reflection, may_edit = get_reflection_for_user(request, model, pk)
    context = {"kind": kind, "may_edit": may_edit}
    if kind == "taxonomy":
        context["entry"] = selectors.self_assessment(reflection)
    elif kind == "benefits":
        context["view"] = selectors.benefits_view(reflection)
    else:
        context.update(_roadblocks_context(reflection))
    return render(request, f"taxonomy/{kind}_detail.html", context)


@school_required(Role.LIBRARIAN)
@require_http_methods(["GET", "POST"])
def reflection_create(request, kind: str):
    return _reflection_form(request, kind, None)


@school_required()
@require_http_methods(["GET", "POST"])
def reflection_edit(request, kind: str, pk: int):
    model, _form = _kind(kind)
    reflection, may_edit = get_reflection_for_user(request, model, pk)
    require_edit(may_edit)
    return _reflection_form(request, kind, reflection)


def _reflection_form(request, kind, reflection):
    _model, form_class = _kind(kind)
    data = request.POST if request.method == "POST" else None
    form = form_class(data, instance=reflection)
    formset = roadblock_formset(data, reflection=reflection) if kind == "roadblocks" else None
    if data is not None and form.is_valid() and (formset is None or formset.is_valid()):
        values = {"reflection": reflection, "author": request.user, "school": request.membership.school}
        values.update(form.to_service_kwargs())
        if formset is not None:
            values["roadblocks"] = formset.roadblock_rows()
        try:
            saved = SAVE[kind](**values)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Your reflection is saved.")
            return redirect("taxonomy:reflection_detail", kind=kind, pk=saved.pk)
    context = {"form": form, "formset": formset, "kind": kind, "reflection": reflection}
    return render(request, f"taxonomy/{kind}_form.html", context)


@school_required()
@require_POST
def reflection_share(request, kind: str, pk: int):
    model, _form = _kind(kind)
    reflection, may_edit = get_reflection_for_user(request, model, pk)
    require_edit(may_edit)
    shared = request.POST.get("shared") == "1"
    services.reflection_share_set(reflection=reflection, shared=shared)
    messages.success(
        request, "Shared with your principal." if shared else "No longer shared: only you see it."
    )
    return redirect("taxonomy:reflection_detail", kind=kind, pk=pk)


@school_required()
@require_POST
def reflection_delete(request, kind: str, pk: int):
    model, _form = _kind(kind)
    reflection, may_edit = get_reflection_for_user(request, model, pk)
    require_edit(may_edit)
    services.reflection_delete(reflection=reflection)
    messages.success(request, "The reflection is deleted.")
    return redirect("taxonomy:reflections")


@school_required()
@require_POST
def action_item_create(request, pk: int):
    reflection, may_edit = get_reflection_for_user(request, RoadblocksReflection, pk)
    require_edit(may_edit)
    category = request.POST.get("category", "")
    # The category names the form's field ids; a posted one that is not a category ("%s", say) would break
    # the id's format string, so it falls back to "other" (and the form refuses it).
    category = category if category in RoadblockCategory.values else RoadblockCategory.OTHER
    form = ActionItemForm(request.POST, auto_id=f"id_{category}_%s")
    if not form.is_valid():
        context = {"kind": "roadblocks", "may_edit": True, **_roadblocks_context(reflection, form)}
        return render(request, "taxonomy/roadblocks_detail.html", context, status=400)
    services.action_item_create(reflection=reflection, **form.cleaned_data)
    messages.success(request, "Action item added.")
    return redirect(reverse("taxonomy:reflection_detail", args=["roadblocks", pk]) + "#action-items")


@school_required()
@require_POST
def action_item_done(request, pk: int):
    readable = reflections_visible_to(request.membership, RoadblocksReflection)
    item = ActionItem.objects.filter(reflection__in=readable, pk=pk).select_related("reflection").first()
    if item is None:
        raise Http404("No such action item.")
    require_edit(item.reflection.author_id == request.user.pk)
    form = ActionItemDoneForm(request.POST)
    done = form.is_valid() and form.cleaned_data["done"]
    services.action_item_set_done(item=item, done_on=timezone.localdate() if done else None)
    target = reverse("taxonomy:reflection_detail", args=["roadblocks", item.reflection_id])
    return redirect(f"{target}#action-items")


@school_required(Role.LIBRARIAN)
@require_GET
def portfolio_pdf(request):
    """The year's reflections as one tagged PDF, for the librarian's evaluation meeting."""
    membership = request.membership
    years = [year.name for year in selectors.portfolio_years(membership)]
    # Without a year (a bookmarked link), the current school year.
    form = PortfolioForm({"year": request.GET.get("year", years[0])}, years=years)
    if not form.is_valid():
        raise Http404("Choose one of the school years offered.")
    year = membership.school.parse_school_year(form.cleaned_data["year"])
    return download(request, "reflection_portfolio", year=year)
