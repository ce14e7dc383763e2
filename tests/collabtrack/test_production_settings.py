"""The hardened production configuration, proved: `check --deploy`, security headers, the
Content-Security-Policy, login throttling, password validators and session expiry."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.factories import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "pr0duction-" + "k3y-w1th-enough-entropy-" * 3,
    "ALLOWED_HOSTS": "library.example.org,testserver",
    "CSRF_TRUSTED_ORIGINS": "https://library.example.org",
}


def _production(code: str, tmp_path, **extra) -> subprocess.CompletedProcess:
    # DJANGO_ALLOW_ASYNC_UNSAFE comes from the browser tests' conftest; a server never has it.
    dropped = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    # A throw-away database: nothing here may touch the developer's db.sqlite3.
    env.update(PRODUCTION, DATABASE_URL=f"sqlite:///{tmp_path / 'prod.sqlite3'}", **extra)
    env["DJANGO_SETTINGS_MODULE"] = "collabtrack.settings"
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_check_deploy_reports_nothing(tmp_path):
    result = _production(
        "import sys; from django.core.management import execute_from_command_line;"
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'DEBUG'])",
        tmp_path,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


HEADERS_SCRIPT = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
# collectstatic has not run here; the manifest storage would refuse to name the stylesheets.
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
response = Client().get("/accounts/login/", secure=True, headers={"host": "library.example.org"})
print(json.dumps({
    "status": response.status_code,
    "headers": dict(response.headers),
    "cookies": {name: dict(morsel) for name, morsel in response.cookies.items()},
    "settings": {name: getattr(settings, name) for name in (
        "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS", "SESSION_EXPIRE_AT_BROWSER_CLOSE", "SESSION_COOKIE_AGE")},
}))
"""


@pytest.fixture(scope="module")
def production_login_page(tmp_path_factory):
    result = _production(HEADERS_SCRIPT, tmp_path_factory.mktemp("prod"))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_sends_the_security_headers(production_login_page):
    assert production_login_page["status"] == 200
    headers = production_login_page["headers"]
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"


def test_production_csp_allows_no_inline_code(production_login_page):
    policy = production_login_page["headers"]["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_production_cookies_are_https_only(production_login_page):
    values = production_login_page["settings"]
    assert (
        values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    )
    assert values["SECURE_SSL_REDIRECT"]
    assert production_login_page["cookies"]["csrftoken"]["secure"] is True


def test_production_sessions_expire(production_login_page):
    values = production_login_page["settings"]
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"]
    assert 0 < values["SESSION_COOKIE_AGE"] <= 8 * 60 * 60


def test_no_template_has_inline_script_or_style():
    # The CSP forbids them; a browser would silently drop them, so catch them at the source.
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        if template.parts[-2] == "pdf" or "/pdf/" in str(template):
            continue  # PDFs are rendered by WeasyPrint, never by a browser under the CSP
        text = template.read_text()
        for needle in ("<style", 'style="', "style='", "<script>", "onclick=", "onload=", "onchange="):
            if needle in text:
                offenders.append(f"{template.relative_to(ROOT)}: {needle}")
    assert not offenders, offenders


@pytest.mark.django_db
def test_pages_carry_the_csp_header(librarian_client):
    policy = librarian_client.get(reverse("staff_list"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy


WRONG = "wrong-password"


def _attempt(client, username, password=WRONG):
    return client.post(reverse("login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_five_failures_lock_the_username_on_that_address(client, librarian):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _attempt(client, librarian.username).status_code == 200
    locked = _attempt(client, librarian.username)
    assert locked.status_code == 429
    assert "Too many failed log-ins" in locked.text
    assert "15 minutes" in locked.text
    # Even the right password is refused while locked.
    assert _attempt(client, librarian.username, PASSWORD).status_code == 429


@pytest.mark.django_db
def test_a_lockout_is_per_username_and_address(client, librarian, principal):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _attempt(client, librarian.username)
    assert _attempt(client, librarian.username, PASSWORD).status_code == 429
    # Another user behind the same school NAT can still log in ...
    assert _attempt(client, principal.username, PASSWORD).status_code == 302
    # ... and the locked user from another address too.
    other = client.__class__(REMOTE_ADDR="10.9.8.7")
    assert _attempt(other, librarian.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_the_lock_lasts_fifteen_minutes():
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


@pytest.mark.django_db
def test_a_successful_login_still_works(client, librarian):
    assert _attempt(client, librarian.username, PASSWORD).status_code == 302


@pytest.mark.parametrize("weak", ["password", "12345678901", "short", "alice-librarian"])
@pytest.mark.django_db
def test_password_validators_refuse_weak_passwords(weak, librarian):
    with pytest.raises(ValidationError):
        validate_password(weak, user=librarian)


@pytest.mark.django_db
def test_password_change_form_applies_the_validators(librarian_client):
    response = librarian_client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
    )
    assert response.status_code == 200
    assert "This password is too common." in response.text
