"""CACHE_URL (collabtrack/cache_config.py): LocMem by default, Django's RedisCache shared by every process
when it names a Redis (proved against the real Redis on 127.0.0.1:6379), refused when misspelt."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from collabtrack.cache_config import cache_from_url

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def test_without_cache_url_each_process_keeps_its_own_in_memory():
    assert cache_from_url("")["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert cache_from_url("locmem://")["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.parametrize(
    "url", ["redis://cache:6379/1", "rediss://user:secret@cache:6380/0", "unix:///run/r.sock"]
)
def test_a_redis_url_gives_djangos_redis_cache(url):
    config = cache_from_url(url)
    assert config["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert config["LOCATION"] == url


@pytest.mark.parametrize("url", ["memcached://cache:11211", "redis", "127.0.0.1:6379"])
def test_anything_else_stops_the_server(url):
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL must start with"):
        cache_from_url(url)


CODE = """
import sys, django
django.setup()
from django.core.cache import caches
cache = caches["default"]
key = sys.argv[2]
if sys.argv[1] == "set":
    cache.set(key, "kept by the first process", 60)
else:
    print(type(cache).__name__, cache.get(key))
    cache.delete(key)
"""


def _process(*args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(CACHE_URL=REDIS_URL, DJANGO_SETTINGS_MODULE="collabtrack.settings")
    result = subprocess.run(
        [sys.executable, "-c", CODE, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    if "ConnectionError" in result.stderr or "Connection refused" in result.stderr:
        pytest.fail(f"Redis is not answering at {REDIS_URL}: run `make redis-deps`.", pytrace=False)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_with_cache_url_two_processes_share_one_cache():
    """What several gunicorn workers need: what one process keeps, another reads."""
    key = f"test-cache-settings-{uuid.uuid4().hex}"
    _process("set", key)
    assert _process("get", key) == "RedisCache kept by the first process"
