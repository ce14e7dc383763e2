"""The login page's sign-in choices: the identity providers configured (collabtrack.sso_settings) and
whether passwords are accepted."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def password_login_enabled() -> bool:
    return settings.PASSWORD_LOGIN
