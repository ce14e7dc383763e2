"""A real OpenID Connect provider (django-oidc-provider) for the sign-in tests: a separate Django site run
in its own process on loopback with its own SQLite file (tests/oidc_idp/server.py starts it).

Its environment gives OIDC_IDP_DB (the SQLite file) and OIDC_IDP_URL (http://127.0.0.1:<port>).
"""

import os

SECRET_KEY = "loopback-identity-provider-for-tests-only"  # noqa: S105 - a throw-away test site
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "oidc_provider",
]
MIDDLEWARE = [
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
ROOT_URLCONF = "tests.oidc_idp.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [os.path.join(os.path.dirname(__file__), "templates")],
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": ["django.template.context_processors.request"]},
    }
]
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ.get("OIDC_IDP_DB", ":memory:")}
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
USE_TZ = True
LOGIN_URL = "/login/"
SITE_URL = os.environ.get("OIDC_IDP_URL", "http://127.0.0.1")
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303 - test users only
OIDC_USERINFO = "tests.oidc_idp.claims.userinfo"
OIDC_IDTOKEN_INCLUDE_CLAIMS = True
LOGGING = {"version": 1, "disable_existing_loggers": True}
