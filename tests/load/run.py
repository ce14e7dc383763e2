"""`make loadtest`: a bounded load test of the production stack on loopback.

It builds a throw-away PostgreSQL database with the demo data, starts gunicorn (2 workers, DEBUG=false,
production settings except the HTTPS redirect), logs the demo librarian in, then runs Debian's `wrk`
(50 connections, 60 s each) against the dashboard, the unit list, the district roll-up (as the demo
coordinator) and a bare page (/about/, no database
work). It prints requests per second, latency percentiles, the ratio to the bare page and the error count,
and exits non-zero on any 5xx (or any answer other than 200, or a socket error). It stops by itself.

Environment: LOADTEST_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/collabtrack_loadtest, which
is dropped and rebuilt: never point it at real data), LOADTEST_DURATION (seconds per page, default 60),
LOADTEST_CONNECTIONS (default 50).
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
DATABASE_URL = os.environ.get(
    "LOADTEST_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/collabtrack_loadtest"
)
DURATION = int(os.environ.get("LOADTEST_DURATION", "60"))
CONNECTIONS = int(os.environ.get("LOADTEST_CONNECTIONS", "50"))
HOST = "127.0.0.1"  # loopback only, by design
PAGES = [
    ("bare page", "about", None),
    ("dashboard", "reports:dashboard", None),
    ("unit list", "units:list", None),
    ("district roll-up", "district:rollup", "district"),  # logged in as the demo coordinator
]

# Counts every status per wrk thread and reports one JSON line with the totals and latency percentiles.
WRK_SCRIPT = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[tostring(status)] = (totals[tostring(status)] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(totals) do table.insert(parts, string.format('"%s": %d', status, count)) end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests": %d, "duration_us": %d, "p50": %d, "p90": %d, "p99": %d, "max": %d, '
    .. '"socket_errors": %d, "timeouts": %d, "statuses": {%s}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
    latency:percentile(99), latency.max, e.connect + e.read + e.write, e.timeout, table.concat(parts, ", ")))
end
"""

SESSION_SCRIPT = """
import json, django
django.setup()
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
name = settings.SESSION_COOKIE_NAME
cookies = {}
for username in ("librarian", "district"):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    cookies[username] = f"{name}={client.cookies[name].value}"
print(json.dumps({"cookie": cookies["librarian"], "cookies": cookies,
                  "urls": {url_name: reverse(url_name) for url_name in %r}}))
"""


def production_env() -> dict:
    env = dict(os.environ)
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=DATABASE_URL,
        DJANGO_SETTINGS_MODULE="collabtrack.settings",
        LOG_LEVEL="ERROR",
    )
    return env


def run(cmd, env, **kwargs):
    print("$", " ".join(map(str, cmd)), flush=True)
    return subprocess.run(cmd, cwd=ROOT, env=env, check=True, **kwargs)


def prepare_database(env):
    url = urllib.parse.urlparse(DATABASE_URL)
    name = url.path.lstrip("/")
    psql = ["-h", url.hostname or HOST, "-p", str(url.port or 5432), "-U", url.username or "postgres"]
    if shutil.which("pg_isready") and subprocess.run(["pg_isready", "-q", *psql[:4]]).returncode != 0:
        sys.exit(f"PostgreSQL is not answering at {url.hostname}:{url.port}: start it (see .ci/run).")
    subprocess.run(["dropdb", *psql, "--if-exists", name], check=True)
    subprocess.run(["createdb", *psql, name], check=True)
    run([sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"], env)
    run([sys.executable, "manage.py", "seed_demo", "--force"], env, stdout=subprocess.DEVNULL)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if server.poll() is not None:
            sys.exit("gunicorn exited before answering")
        try:
            urllib.request.urlopen(f"{base}/about/", timeout=2)  # noqa: S310 - loopback http only
            return
        except OSError:  # refused while booting, or a slow first answer
            time.sleep(0.3)
    sys.exit("gunicorn did not answer within 30 s")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def check_page(url: str, cookie: str) -> None:
    """Load-testing a redirect to the login page would measure nothing: insist on a real 200 first."""
    opener = urllib.request.build_opener(NoRedirect)
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310 - loopback http only
    try:
        status = opener.open(request, timeout=30).status
    except urllib.error.HTTPError as error:
        status = error.code
    if status != 200:
        sys.exit(f"{url} answers {status} before the load test; expected 200")


def wrk(url: str, cookie: str, script: str) -> dict:
    command = [
        "wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{DURATION}s", "--timeout", "30s",
        "-H", f"Cookie: {cookie}", "-s", script, url,
    ]  # fmt: skip
    print("$", " ".join(command).replace(cookie, "<session>"), flush=True)
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=DURATION + 60).stdout
    line = next(line for line in output.splitlines() if line.startswith("WRKJSON "))
    result = json.loads(line.removeprefix("WRKJSON "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def report(results: dict) -> int:
    bare = results["bare page"]
    print(f"\n{'page':<16} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'vs bare':>8} {'errors':>7}  statuses")  # fmt: skip
    failed = 0
    for label, result in results.items():
        statuses = {int(status): count for status, count in result["statuses"].items()}
        errors = sum(count for status, count in statuses.items() if status != 200)
        errors += result["socket_errors"] + result["timeouts"]
        failed += errors
        five_xx = sum(count for status, count in statuses.items() if status >= 500)
        print(
            f"{label:<16} {result['rps']:>8.1f} {result['p50'] / 1000:>8.1f} {result['p90'] / 1000:>8.1f} "
            f"{result['p99'] / 1000:>8.1f} {result['max'] / 1000:>8.1f} {result['rps'] / bare['rps']:>8.2f} "
            f"{errors:>7}  {statuses} 5xx={five_xx} "
            f"socket={result['socket_errors']} timeouts={result['timeouts']}"
        )
    print(f"\n{CONNECTIONS} connections, {DURATION} s per page, gunicorn 2 workers, PostgreSQL, DEBUG=false")
    print("errors: 0" if not failed else f"errors: {failed} -> FAIL")
    return 1 if failed else 0


def main() -> int:
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: sudo apt-get install wrk")
    env = production_env()
    prepare_database(env)
    # whitenoise serves the collected, hashed files from STATIC_ROOT (staticfiles/, git-ignored).
    run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], env)
    names = [name for _, name, _ in PAGES]
    session = json.loads(
        run([sys.executable, "-c", SESSION_SCRIPT % (names,)], env, capture_output=True, text=True).stdout
    )
    port = free_port()
    base = f"http://{HOST}:{port}"
    server = subprocess.Popen(
        [VENV_BIN / "gunicorn", "collabtrack.wsgi", "--bind", f"{HOST}:{port}", "--workers", "2",
         "--log-level", "warning"],
        cwd=ROOT, env=env, start_new_session=True,
    )  # fmt: skip
    try:
        wait_until_up(base, server)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            script.write(WRK_SCRIPT)
        results = {}
        try:
            for label, name, username in PAGES:
                url = base + session["urls"][name]
                cookie = session["cookies"][username or "librarian"]
                check_page(url, cookie)
                results[label] = wrk(url, cookie, script.name)
        finally:
            os.unlink(script.name)
        return report(results)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)


if __name__ == "__main__":
    sys.exit(main())
