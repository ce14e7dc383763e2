"""Sign-in through the school's identity provider (django-allauth), configured from the environment.

Imported by collabtrack.settings. A provider appears on the login page only when its client id is set:

- Google Workspace: GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET; GOOGLE_ALLOWED_DOMAINS (comma-separated)
  admits only accounts whose `hd` claim is one of them (checked on the server, not only hinted to Google).
- Microsoft Entra ID: MICROSOFT_CLIENT_ID, MICROSOFT_CLIENT_SECRET, MICROSOFT_TENANT (the directory's tenant
  id): sign-in goes to that tenant and the token's `tid` claim must name it.
- Any OpenID Connect provider (ClassLink, Clever, Keycloak...): OIDC_PROVIDER_NAME (shown on the button),
  OIDC_PROVIDER_URL (the issuer, serving /.well-known/openid-configuration), OIDC_CLIENT_ID,
  OIDC_CLIENT_SECRET; OIDC_PROVIDER_ID names its URLs (/sso/oidc/<id>/login/, default "school").

Nobody signs up: only verified e-mails of invited people or of staff in a school's directory get in
(collabtrack.auth_adapters).
"""

from urllib.parse import urlsplit

from collabtrack.env import env_bool, env_list, env_str

# PASSWORD_LOGIN=false hides the password form and accepts no password (settings.AUTHENTICATION_BACKENDS).
PASSWORD_LOGIN = env_bool("PASSWORD_LOGIN", default=True)
SOCIALACCOUNT_ONLY = True  # allauth handles no passwords: django.contrib.auth's login page (with axes) does
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "collabtrack.auth_adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "collabtrack.auth_adapters.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False  # a provider's button is a POST form: no login started by a stray link

GOOGLE_ALLOWED_DOMAINS = [domain.lower() for domain in env_list("GOOGLE_ALLOWED_DOMAINS")]
MICROSOFT_TENANT = env_str("MICROSOFT_TENANT")
OIDC_PROVIDER_ID = env_str("OIDC_PROVIDER_ID", "school")

SOCIALACCOUNT_PROVIDERS: dict = {}
if env_str("GOOGLE_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["google"] = {
        "APPS": [{"client_id": env_str("GOOGLE_CLIENT_ID"), "secret": env_str("GOOGLE_CLIENT_SECRET")}],
        "SCOPE": ["openid", "email", "profile"],
        # A hint to Google's account chooser only; the `hd` claim is checked on the server.
        "AUTH_PARAMS": {"hd": GOOGLE_ALLOWED_DOMAINS[0]} if len(GOOGLE_ALLOWED_DOMAINS) == 1 else {},
    }
if env_str("MICROSOFT_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["microsoft"] = {
        "APPS": [
            {
                "client_id": env_str("MICROSOFT_CLIENT_ID"),
                "secret": env_str("MICROSOFT_CLIENT_SECRET"),
                "settings": {"tenant": MICROSOFT_TENANT or "organizations"},
            }
        ],
    }
if env_str("OIDC_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": OIDC_PROVIDER_ID,
                "name": env_str("OIDC_PROVIDER_NAME", "your school account"),
                "client_id": env_str("OIDC_CLIENT_ID"),
                "secret": env_str("OIDC_CLIENT_SECRET"),
                "settings": {"server_url": env_str("OIDC_PROVIDER_URL")},
            }
        ],
    }


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# The login page's provider buttons are forms posting to /sso/...; the answer redirects to the provider,
# and browsers check that redirect against the page's CSP form-action, so each provider's origin is listed.
SSO_FORM_ACTIONS = [
    origin
    for provider, origin in (
        ("google", "https://accounts.google.com"),
        ("microsoft", "https://login.microsoftonline.com"),
        ("openid_connect", _origin(env_str("OIDC_PROVIDER_URL")) if env_str("OIDC_PROVIDER_URL") else ""),
    )
    if provider in SOCIALACCOUNT_PROVIDERS and origin
]
