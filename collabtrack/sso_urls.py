"""django-allauth's pages that CollabTrack uses: the providers' login and callback URLs and the pages a
failed sign-in lands on. Password login stays on django.contrib.auth's page (with django-axes), so
allauth's own login page sends there."""

from functools import wraps

from allauth.account import views as account_views
from allauth.socialaccount import views as social_views
from allauth.socialaccount.models import SocialApp
from allauth.urls import build_provider_urlpatterns
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.urls import URLPattern, path
from django.views.generic import RedirectView


def _configured_only(view):
    """A provider that is not configured (no client id in the environment) answers 404, not a 500."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except SocialApp.DoesNotExist:
            raise Http404("This sign-in provider is not set up here.") from None

    return wrapper


# Google One Tap's token endpoint is left out: CollabTrack signs in through the redirect flow only.
LEFT_OUT = {"google_login_by_token"}


def _kept(entries) -> list:
    kept = []
    for entry in entries:
        if isinstance(entry, URLPattern):
            if entry.name in LEFT_OUT:
                continue
            entry.callback = _configured_only(entry.callback)
        else:
            entry.url_patterns[:] = _kept(entry.url_patterns)
        kept.append(entry)
    return kept


urlpatterns = [
    path(
        "login/",
        login_not_required(RedirectView.as_view(pattern_name="login", query_string=True)),
        name="account_login",
    ),
    path("logout/", account_views.logout, name="account_logout"),
    path("inactive/", account_views.account_inactive, name="account_inactive"),
    # Where a failed or cancelled sign-in lands; no "connections" page: accounts are linked by e-mail.
    path("3rdparty/login/cancelled/", social_views.login_cancelled, name="socialaccount_login_cancelled"),
    path("3rdparty/login/error/", social_views.login_error, name="socialaccount_login_error"),
    path("3rdparty/signup/", social_views.signup, name="socialaccount_signup"),
    *_kept(build_provider_urlpatterns()),
]
