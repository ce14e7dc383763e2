"""Django's cache from one environment variable, CACHE_URL (read by collabtrack/settings.py).

The dashboard and the district roll-up keep their figures and rendered parts in the cache under each
school's data version (reports/dashboard_cache.py, reports/district_cache.py, reports/district_page.py).
Without CACHE_URL every process keeps its own cache in memory (LocMem): right for `make run`, the tests
and a single process. Several gunicorn workers each keep their own copy that way (a page computed by one
is computed again by the next, never stale: the keys name the data version), so production sets
CACHE_URL=redis://host:6379/1 and every worker shares Django's built-in RedisCache.

Not HUEY_REDIS_URL by default: a cache wants Redis to evict its least-used entries when memory runs out,
while the job queue must never lose a key. Both can share one Redis server if its maxmemory-policy is
`volatile-lru` (or `noeviction`): every cache entry carries an expiry, the queue's keys none, so only
cache entries are ever evicted. Pointing CACHE_URL at the queue's URL (or at another database number of
the same server) is then fine.
"""

from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

LOCAL_MEMORY = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
REDIS_SCHEMES = ("redis", "rediss", "unix")


def cache_from_url(url: str) -> dict:
    """The CACHES["default"] entry for `url`: LocMem when empty or locmem://, RedisCache for redis://,
    rediss:// (TLS) and unix:// (a socket); anything else stops the server at start-up."""
    if not url or url == "locmem://":
        return dict(LOCAL_MEMORY)
    scheme = urlsplit(url).scheme
    if scheme not in REDIS_SCHEMES:
        raise ImproperlyConfigured(
            f"CACHE_URL must start with redis://, rediss://, unix:// or locmem://, not {url.split(':')[0]!r}."
        )
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        # Tells the cache's keys from the queue's (huey.*) on a shared server; one installation per
        # database number.
        "KEY_PREFIX": "collabtrack",
    }
