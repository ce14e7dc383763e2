"""Who may sign in through an identity provider (django-allauth adapters, issue 12).

Nobody signs up by themselves. A sign-in through Google, Microsoft or an OpenID Connect provider gets in only
with a verified e-mail address that already has a login, has a pending invitation, or is in a school's
staff directory; a district may restrict Google to its domains (`hd` claim) and Microsoft to its tenant
(`tid` claim). Every check runs here, on the server, after the provider answered.
"""

import jwt
from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.shortcuts import render

from collabtrack.invitations import accept_pending_for, grant, has_pending_invitation
from collabtrack.models import Role, StaffMember


class NoPasswordBackend(ModelBackend):
    """PASSWORD_LOGIN=false: signed-in sessions still load their user, but no password is ever accepted."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        return None


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False  # logins come from invitations (collabtrack.invitations) and `manage.py bootstrap`


def google_domain_allowed(claims: dict, allowed_domains: list[str]) -> bool:
    """Google Workspace puts the account's domain in `hd`; a personal Gmail account has none."""
    if not allowed_domains:
        return True
    return str(claims.get("hd") or "").lower() in allowed_domains


def microsoft_tenant_allowed(access_token: str, tenant: str) -> bool:
    """The access token our server received from Microsoft's token endpoint (over TLS, directly) names
    the account's directory in `tid`; it must be the district's. Without a configured tenant nobody gets
    in: Microsoft does not say whether an address was verified, so only the district's directory is
    trusted."""
    if not tenant:
        return False
    try:
        claims = jwt.decode(access_token, options={"verify_signature": False})
    except jwt.PyJWTError:
        return False
    return str(claims.get("tid", "")).lower() == tenant.lower()


def verified_email(sociallogin) -> str | None:
    provider = sociallogin.account.provider
    addresses = sociallogin.email_addresses
    if provider == "microsoft":
        # Checked by microsoft_tenant_allowed first: the directory's own addresses.
        return addresses[0].email if addresses else sociallogin.user.email or None
    for address in addresses:
        if address.verified:
            return address.email
    return None


def _refuse(request, reason: str):
    raise ImmediateHttpResponse(render(request, "socialaccount/refused.html", {"reason": reason}, status=403))


def may_get_in(email: str) -> bool:
    return (
        has_pending_invitation(email)
        or get_user_model().objects.filter(email__iexact=email, is_active=True).exists()
        or StaffMember.objects.filter(email__iexact=email, active=True).exists()
    )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def list_apps(self, request, provider=None, client_id=None):
        """Providers come from the environment only (collabtrack.sso_settings), never from the database:
        the login page costs no query. `_build_apps_from_settings` is allauth's own reader of
        SOCIALACCOUNT_PROVIDERS (pyproject pins allauth below 66)."""
        from allauth.socialaccount.adapter import _build_apps_from_settings

        apps = _build_apps_from_settings(provider=provider, client_id=client_id)
        return [app for provider_apps in apps.values() for app in provider_apps]

    def pre_social_login(self, request, sociallogin):
        provider = sociallogin.account.provider
        if provider == "google" and not google_domain_allowed(
            sociallogin.account.extra_data, settings.GOOGLE_ALLOWED_DOMAINS
        ):
            _refuse(request, "This Google account is not one of your school district's accounts.")
        if provider == "microsoft" and not microsoft_tenant_allowed(
            getattr(sociallogin.token, "token", "") or "", settings.MICROSOFT_TENANT
        ):
            _refuse(request, "This Microsoft account does not belong to your school district's directory.")
        email = verified_email(sociallogin)
        if not email or not may_get_in(email):
            _refuse(
                request,
                "CollabTrack does not know this account. Ask your school librarian or district coordinator "
                "for an invitation; it is sent to the address your school gave you.",
            )
        if sociallogin.is_existing:
            return
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).order_by("pk").first()
        if user is not None:
            sociallogin.connect(request, user)
            accept_pending_for(user)

    def is_open_for_signup(self, request, sociallogin) -> bool:
        email = verified_email(sociallogin)
        return bool(email) and may_get_in(email)

    def save_user(self, request, sociallogin, form=None):
        user = super().save_user(request, sociallogin, form)
        accept_pending_for(user)
        # Staff in a directory who were never invited join that school as teachers, linked to their entry.
        for entry in StaffMember.objects.filter(email__iexact=user.email, user=None, active=True):
            if not user.memberships.filter(school_id=entry.school_id).exists():
                grant(user=user, school=entry.school, role=Role.TEACHER)
        return user
