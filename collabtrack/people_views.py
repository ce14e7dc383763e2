"""The people page of a school (who has which role, pending invitations) and accepting an invitation."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from collabtrack import invitations, people_services
from collabtrack.access import school_required
from collabtrack.forms import add_service_errors
from collabtrack.invitation_models import Invitation
from collabtrack.models import Membership, Role
from collabtrack.people_forms import AcceptForm, InviteForm, RoleForm

MANAGERS = (Role.LIBRARIAN, Role.DISTRICT)
NOT_SENT = (
    "The invitation to {email} is saved but the mail server did not take it. Check the e-mail settings, "
    "then use Send again in the list of pending invitations."
)


def _page(request, invite_form=None):
    school = request.membership.school
    page = people_services.people_of(user=request.user, school=school)
    roles = invitations.roles_user_may_give(request.user, school)
    return render(
        request,
        "collabtrack/people/people.html",
        {
            "page": page,
            "invite_form": invite_form or InviteForm(roles=roles),
            "role_form": RoleForm(roles=page.manages),
            "may_invite_teachers": Role.TEACHER in roles,
        },
        status=400 if invite_form is not None else 200,
    )


@require_GET
@school_required(*MANAGERS)
def people(request):
    return _page(request)


@require_POST
@school_required(*MANAGERS)
def invite(request):
    school = request.membership.school
    form = InviteForm(request.POST, roles=invitations.roles_user_may_give(request.user, school))
    if not form.is_valid():
        return _page(request, form)
    try:
        result = invitations.invitation_create(sender=request.user, school=school, **form.cleaned_data)
    except ValidationError as error:
        add_service_errors(form, error)
        return _page(request, form)
    if result.invitation is not None and not result.sent:
        messages.warning(request, NOT_SENT.format(email=result.invitation.email))
    elif result.invitation is None:
        messages.success(
            request, f"{form.cleaned_data['email']} already has a login: they now belong to {school}."
        )
    else:
        messages.success(request, f"Invitation sent to {result.invitation.email}.")
    return redirect("people:index")


@require_POST
@school_required(*MANAGERS)
def invite_directory(request):
    results = invitations.invite_directory(sender=request.user, school=request.membership.school)
    sent = sum(1 for result in results if result.sent)
    unsent = sum(1 for result in results if result.invitation and not result.sent)
    added = sum(1 for result in results if result.invitation is None)
    messages.success(request, f"Invitations sent: {sent}. People who already had a login, added: {added}.")
    if unsent:
        messages.warning(request, NOT_SENT.format(email=f"{unsent} people"))
    return redirect("people:index")


def _invitation_action(request, pk, action, done):
    try:
        invitation = action(sender=request.user, school=request.membership.school, pk=pk)
    except Invitation.DoesNotExist:
        raise Http404("No such pending invitation.") from None
    if getattr(invitation, "sent", True):
        messages.success(request, done.format(email=invitation.email))
    else:
        messages.warning(request, NOT_SENT.format(email=invitation.email))
    return redirect("people:index")


@require_POST
@school_required(*MANAGERS)
def resend(request, pk: int):
    return _invitation_action(request, pk, invitations.invitation_resend, "Invitation sent again to {email}.")


@require_POST
@school_required(*MANAGERS)
def revoke(request, pk: int):
    return _invitation_action(request, pk, invitations.invitation_revoke, "Invitation to {email} withdrawn.")


@require_POST
@school_required(*MANAGERS)
def change_role(request, pk: int):
    role = request.POST.get("role", "")
    try:
        membership = people_services.membership_change_role(
            user=request.user, school=request.membership.school, pk=pk, role=role
        )
    except Membership.DoesNotExist:
        raise Http404("No such person in this school.") from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("people:index")
    messages.success(request, f"{membership.user} is now {membership.get_role_display()}.")
    return redirect("people:index")


@require_POST
@school_required(*MANAGERS)
def remove(request, pk: int):
    try:
        membership = people_services.membership_remove(
            user=request.user, school=request.membership.school, pk=pk
        )
    except Membership.DoesNotExist:
        raise Http404("No such person in this school.") from None
    messages.success(
        request, f"{membership.user} no longer belongs to {membership.school}; their units stay."
    )
    return redirect("people:index")


@login_not_required
@require_http_methods(["GET", "POST"])
def accept(request, key: str):
    try:
        invitation = invitations.invitation_for_key(key)
    except invitations.InvitationLinkError as error:
        return render(request, "collabtrack/invitation_invalid.html", {"reason": str(error)}, status=410)
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = invitations.invitation_accept(
                key=key,
                first_name=data["first_name"],
                last_name=data["last_name"],
                password=data["password1"],
            )
        except invitations.InvitationLinkError as error:
            return render(request, "collabtrack/invitation_invalid.html", {"reason": str(error)}, status=410)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, f"Welcome to CollabTrack, {user.first_name}.")
            return redirect("home")
    return render(
        request,
        "collabtrack/invitation_accept.html",
        {"form": form, "invitation": invitation, "role_label": Role(invitation.role).label},
    )
