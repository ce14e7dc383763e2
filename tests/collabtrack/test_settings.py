"""Settings behaviour, checked in a fresh interpreter the way a server would start."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _start(**env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    clean.update(env, DJANGO_SETTINGS_MODULE="collabtrack.settings")
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)",
        ],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_runs_with_no_configuration_in_debug():
    result = _start()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


def test_production_refuses_to_start_without_a_secret_key():
    result = _start(DEBUG="false", ALLOWED_HOSTS="library.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    result = _start(DEBUG="false", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS must be set" in result.stderr


def test_production_starts_with_both():
    result = _start(DEBUG="false", SECRET_KEY="x" * 60, ALLOWED_HOSTS="library.example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_a_misspelt_boolean_is_refused_not_guessed():
    result = _start(DEBUG="ture")
    assert result.returncode != 0
    assert "DEBUG must be true or false" in result.stderr


def test_database_url_switches_to_postgresql():
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(DATABASE_URL="postgres://someone@db.example.org:5432/collabtrack")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "collabtrack.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["django.db.backends.postgresql", "collabtrack"]


def test_gunicorn_can_load_the_wsgi_application():
    result = subprocess.run(
        [sys.executable, "-c", "from collabtrack.wsgi import application; print(callable(application))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "True", result.stderr
