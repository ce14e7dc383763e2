"""Start the loopback OpenID Connect provider (tests/oidc_idp/settings.py) in its own process.

provider = start(tmp_dir, redirect_uri)   # migrates its own SQLite file, adds a client, serves
provider.add_user("nina", "nina@example.org", "Nina", "Novak")
... provider.url, provider.client_id, provider.client_secret ...
provider.stop()
"""

import json
import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
CLIENT_ID = "collabtrack-tests"
CLIENT_SECRET = "loopback-client-secret"  # noqa: S105 - the throw-away test provider's client
USER_PASSWORD = "idp-password-for-tests"  # noqa: S105

SETUP = """
import sys
import django
django.setup()
from django.core.management import call_command
from oidc_provider.models import Client, ResponseType, RSAKey
call_command("migrate", verbosity=0)
call_command("creatersakey")
client = Client.objects.create(
    name="CollabTrack tests", client_id=sys.argv[1], client_secret=sys.argv[2], client_type="confidential",
    jwt_alg="RS256", require_consent=False, reuse_consent=True, _scope="openid email profile",
)
client.redirect_uris = [sys.argv[3]]
client.save()
client.response_types.add(ResponseType.objects.get(value="code"))
"""

ADD_USERS = """
import json
import sys
import django
django.setup()
from django.contrib.auth.models import User
for username, email, first_name, last_name in json.loads(sys.argv[1]):
    User.objects.create_user(username, email, sys.argv[2], first_name=first_name, last_name=last_name)
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class LoopbackProvider:
    url: str
    env: dict
    process: subprocess.Popen
    client_id: str = CLIENT_ID
    client_secret: str = CLIENT_SECRET

    @property
    def issuer(self) -> str:
        return f"{self.url}/openid"

    def add_users(self, users: list[tuple[str, str, str, str]]) -> None:
        """(username, e-mail, first name, last name) each, all with USER_PASSWORD."""
        _python(ADD_USERS, self.env, json.dumps(users), USER_PASSWORD)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _python(code: str, env: dict, *args: str) -> None:
    subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, env=env, check=True, timeout=120)


def start(directory: Path, redirect_uri: str) -> LoopbackProvider:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.oidc_idp.settings",
        "OIDC_IDP_DB": str(directory / "idp.sqlite3"),
        "OIDC_IDP_URL": url,
    }
    _python(SETUP, env, CLIENT_ID, CLIENT_SECRET, redirect_uri)
    process = subprocess.Popen(
        [sys.executable, "-m", "django", "runserver", f"127.0.0.1:{port}", "--noreload", "--nothreading"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            if requests.get(f"{url}/openid/.well-known/openid-configuration", timeout=2).ok:
                break
        except requests.ConnectionError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("the loopback OpenID Connect provider did not start")
        time.sleep(0.2)
    return LoopbackProvider(url=url, env=env, process=process)
