"""CollabTrack settings, driven by environment variables (see README "Configuration").

With no configuration at all the project runs for development: SQLite in the project root, DEBUG on.
With DEBUG=false it refuses to start unless SECRET_KEY and ALLOWED_HOSTS are given.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

from collabtrack.cache_config import cache_from_url
from collabtrack.env import env_bool, env_int, env_list, env_required, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=True)

if DEBUG:
    # A development-only key: production (DEBUG=false) must bring its own.
    SECRET_KEY = env_str("SECRET_KEY") or "django-insecure-development-only-key-never-use-in-production"
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
else:
    SECRET_KEY = env_required("SECRET_KEY", "when DEBUG is false")
    ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
    if not ALLOWED_HOSTS:
        env_required("ALLOWED_HOSTS", "(a comma-separated list of host names) when DEBUG is false")

CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "csp",
    "axes",
    "huey.contrib.djhuey",
    # Sign-in with the school's Google, Microsoft or OpenID Connect account (collabtrack/sso_settings.py).
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.microsoft",
    "allauth.socialaccount.providers.openid_connect",
    "collabtrack",
    "taxonomy",
    "units",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "collabtrack.middleware.CurrentSchoolMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Last, as django-axes requires: it turns a lockout raised during authentication into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "collabtrack.urls"
WSGI_APPLICATION = "collabtrack.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "collabtrack.context_processors.school",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Login throttling (django-axes): a username from one IP address is locked out for 15 minutes after 5
# failures; other users on the same IP (a school's shared NAT) and the same user elsewhere are not.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # PASSWORD_LOGIN=false: no password is accepted anywhere; people sign in through their school's account.
    "django.contrib.auth.backends.ModelBackend"
    if env_bool("PASSWORD_LOGIN", default=True)
    else "collabtrack.auth_adapters.NoPasswordBackend",
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429

LOGIN_URL = "login"
# The first-run link printed by `manage.py bootstrap` and password-reset links work for 24 hours, once.
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env_str("MEDIA_ROOT") or BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: console in development; SMTP when EMAIL_HOST is set (password reset mails).
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CollabTrack <collabtrack@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where CollabTrack is reached from outside: e-mails carry absolute links (report pages, unsubscribe) and
# have no request to take the host from. Production defaults to https:// and the first ALLOWED_HOSTS name.
SITE_URL = env_str("SITE_URL") or (
    "http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0] if ALLOWED_HOSTS else 'localhost'}"
)

# django-allauth and the schools' identity providers, from the environment.
from collabtrack.sso_settings import *  # noqa: E402, F403

SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 60 * 60 * 8)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # Preload by default so `check --deploy` is clean; a district not ready for preload sets it to false.
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=True)

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Content-Security-Policy (django-csp 4): only our own files run or style the page; no inline script or
# style anywhere (templates load static/js and static/css). data: images are Bootstrap's SVG icons in CSS.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF, *SSO_FORM_ACTIONS],  # noqa: F405 - from sso_settings: the identity providers
        "frame-ancestors": [NONE],
    }
}

# Uploaded files (imports, issue 16): how much work one file may cost. Archives (an .xlsx is one) are
# checked before anything unpacks them; sheets and CSV stop at the first limit passed while they stream.
# Largest upload accepted, in bytes.
IMPORT_MAX_UPLOAD_BYTES = env_int("IMPORT_MAX_UPLOAD_BYTES", 5 * 1024 * 1024)
# Largest total an archive may unpack to, in bytes.
IMPORT_MAX_UNCOMPRESSED_BYTES = env_int("IMPORT_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024)
# Largest single file inside an archive, unpacked, in bytes.
IMPORT_MAX_MEMBER_BYTES = env_int("IMPORT_MAX_MEMBER_BYTES", 50 * 1024 * 1024)
# Most files one archive may hold.
IMPORT_MAX_ARCHIVE_MEMBERS = env_int("IMPORT_MAX_ARCHIVE_MEMBERS", 200)
# Highest unpacked-to-packed ratio for archives and members over 1 MB unpacked (ordinary files stay near 10).
IMPORT_MAX_COMPRESSION_RATIO = env_int("IMPORT_MAX_COMPRESSION_RATIO", 100)
# Most non-empty rows below the header row.
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 10_000)
# Most cells a sheet or CSV may hold, empty or formatted ones included (bounds the parsing time near 1 s).
IMPORT_MAX_CELLS = env_int("IMPORT_MAX_CELLS", 300_000)
# Longest text in one cell, in characters (Excel's own limit).
IMPORT_MAX_CELL_CHARS = env_int("IMPORT_MAX_CELL_CHARS", 32_767)
# Longest CSV record (a line, or several when a quoted cell holds line breaks), in characters.
IMPORT_MAX_LINE_CHARS = env_int("IMPORT_MAX_LINE_CHARS", 200_000)
# A school restore (/data/restore/) brings a whole school's export: every attachment and every CSV, so its
# ZIP gets bigger bounds than a spreadsheet (the compression ratio and the checks stay the same).
RESTORE_MAX_UPLOAD_BYTES = env_int("RESTORE_MAX_UPLOAD_BYTES", 500 * 1024 * 1024)
RESTORE_MAX_UNCOMPRESSED_BYTES = env_int("RESTORE_MAX_UNCOMPRESSED_BYTES", 2 * 1024 * 1024 * 1024)
RESTORE_MAX_ARCHIVE_MEMBERS = env_int("RESTORE_MAX_ARCHIVE_MEMBERS", 20_000)

# The cache: the dashboard and the district roll-up keep their figures there under each school's data
# version. LocMem (per process) unless CACHE_URL names a Redis (collabtrack/cache_config.py says why not
# HUEY_REDIS_URL by default); production with several workers sets CACHE_URL=redis://host:6379/1.
CACHES = {"default": cache_from_url(env_str("CACHE_URL"))}

# Background jobs (Huey, issue 13). With no configuration the queue is a SQLite file beside the project
# (HUEY_SQLITE_PATH), so `make run` needs no server; HUEY_REDIS_URL switches to Redis, where any number of
# `manage.py run_huey` workers on any number of machines share the queue. Immediate mode (tasks run inside
# the request) stays off unless HUEY_IMMEDIATE=true: the pages are built around a worker, and the tests run
# a real one. Other modules add periodic tasks with huey.contrib.djhuey's @db_periodic_task.
HUEY_REDIS_URL = env_str("HUEY_REDIS_URL")
HUEY = {
    "name": env_str("HUEY_NAME", "collabtrack"),
    "huey_class": "huey.PriorityRedisHuey" if HUEY_REDIS_URL else "huey.SqliteHuey",
    "immediate": env_bool("HUEY_IMMEDIATE", default=False),
    # A job's state, progress and result live in collabtrack.models.Job, not in Huey's result store.
    "results": False,
    "utc": True,
    "connection": (
        {"url": HUEY_REDIS_URL}
        if HUEY_REDIS_URL
        else {"filename": env_str("HUEY_SQLITE_PATH") or str(BASE_DIR / "huey.sqlite3")}
    ),
    "consumer": {
        "workers": env_int("HUEY_WORKERS", 2),
        "worker_type": "thread",
        # The SQLite queue is polled: an idle worker looks again at least every second.
        "max_delay": 1.0,
        "periodic": True,
    },
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # With SQLite the worker writes while the web server reads: in WAL mode a page reads (a job's progress,
    # say) during an import's transaction instead of waiting for it, and a second writer waits up to 20 s.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
    )
# Generated files (board PDF, school ZIP) are kept under MEDIA_ROOT/generated/ and reused until the school's
# data changes; a periodic job removes those not used for this many days.
KEPT_FILES_MAX_AGE_DAYS = env_int("KEPT_FILES_MAX_AGE_DAYS", 7)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    # The worker says what it runs (one line per task), once: `run_huey` adds no handler of its own then.
    "loggers": {"huey": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
