"""Each person's e-mail settings, and the one-click unsubscribe link every message carries."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from collabtrack.mail import UnsubscribeLinkError, preference_set, preferences_of, read_unsubscribe_token
from collabtrack.models import MessageKind


class NotificationSettingsForm(forms.Form):
    """One checkbox per kind of message (unticked = off)."""

    def __init__(self, *args, initial_choices: dict[str, bool], **kwargs):
        super().__init__(*args, **kwargs)
        for kind in MessageKind:
            self.fields[kind.value] = forms.BooleanField(
                label=kind.label, required=False, initial=initial_choices[kind.value]
            )


@require_http_methods(["GET", "POST"])
def notification_settings(request):
    """Any logged-in person, in any role or school: the choices are the person's, not a school's."""
    data = request.POST if request.method == "POST" else None  # unticked boxes are simply absent
    form = NotificationSettingsForm(data, initial_choices=preferences_of(request.user))
    if request.method == "POST" and form.is_valid():
        for kind in MessageKind.values:
            preference_set(user=request.user, kind=kind, enabled=form.cleaned_data[kind])
        messages.success(request, "Saved your e-mail settings.")
        return redirect("notification_settings")
    return render(request, "collabtrack/notification_settings.html", {"form": form})


# No login (the link is opened from a mail program) and no CSRF token: RFC 8058's one-click POST comes
# from the mail provider's servers without cookies. The signed token is what authorizes the change, and
# the only change it can make is turning one kind of message off for the person it names.
@login_not_required
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    try:
        wish = read_unsubscribe_token(token)
    except UnsubscribeLinkError as error:
        return render(request, "collabtrack/unsubscribe_invalid.html", {"error": str(error)}, status=400)
    if request.method == "POST":
        # A mail program posts "List-Unsubscribe=One-Click"; the confirm page's button posts the same.
        preference_set(user=wish.user, kind=wish.kind, enabled=False)
        return render(request, "collabtrack/unsubscribe_done.html", {"wish": wish})
    return render(request, "collabtrack/unsubscribe.html", {"wish": wish})
