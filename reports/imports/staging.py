"""Holding an uploaded file's parsed content between the upload and the librarian's confirmation.

Nothing is written to the school's data before the confirmation, so the parsed rows wait in a file
under MEDIA_ROOT/imports/ named by a random token. The file is signed (a file edited on disk is
refused), names the school and user it belongs to, expires after a day, and its token must be one this
session created: another user, school or session gets a 404.
"""

import re
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.core import signing
from django.http import Http404

SALT = "collabtrack.imports.staging"
MAX_AGE_SECONDS = 24 * 60 * 60
SESSION_KEY = "collabtrack_imports"
_TOKEN = re.compile(r"^[A-Za-z0-9_-]{22}$")


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _path(token: str) -> Path:
    if not _TOKEN.match(token):
        raise Http404("No such import.")
    return _folder() / f"{token}.json"


def _forget_stale_files() -> None:
    """Uploads abandoned before confirmation would otherwise pile up."""
    limit = time.time() - MAX_AGE_SECONDS
    for path in _folder().glob("*.json"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except FileNotFoundError:
            continue


def stage(request, kind: str, data: dict) -> str:
    """Store `data` for this user, school and session; returns the token naming it."""
    _forget_stale_files()
    token = secrets.token_urlsafe(16)
    save(request, kind, token, data)
    tokens = request.session.get(SESSION_KEY, [])[-9:]
    request.session[SESSION_KEY] = [*tokens, token]
    return token


def save(request, kind: str, token: str, data: dict) -> None:
    payload = {
        "kind": kind,
        "school": request.membership.school_id,
        "user": request.user.pk,
        "data": data,
    }
    _path(token).write_text(signing.dumps(payload, salt=SALT, compress=True), encoding="utf-8")


def load(request, kind: str, token: str) -> dict:
    """The staged data, or 404 when it is not this session's, user's and school's, or has expired."""
    path = _path(token)
    if token not in request.session.get(SESSION_KEY, []) or not path.exists():
        raise Http404("This import has expired or belongs to someone else; upload the file again.")
    try:
        payload = signing.loads(path.read_text(encoding="utf-8"), salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature as exc:
        raise Http404("This import has expired; upload the file again.") from exc
    if (payload["kind"], payload["school"], payload["user"]) != (
        kind,
        request.membership.school_id,
        request.user.pk,
    ):
        raise Http404("No such import.")
    return payload["data"]


def discard(request, token: str) -> None:
    _path(token).unlink(missing_ok=True)
    request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t != token]


def load_for_job(*, kind: str, token: str, school_id: int, user_id: int) -> dict | None:
    """The staged data for a job (reports/jobs.py), which runs without a session: the view that queued
    the job checked the session; here the signed payload must still name the job's school and user.
    None when the file has expired or was used already."""
    try:
        text = _path(token).read_text(encoding="utf-8")
        payload = signing.loads(text, salt=SALT, max_age=MAX_AGE_SECONDS)
    except (FileNotFoundError, Http404, signing.BadSignature):
        return None
    if (payload["kind"], payload["school"], payload["user"]) != (kind, school_id, user_id):
        return None
    return payload["data"]


def forget(token: str) -> None:
    """Remove a staged file once its job has saved it (the session's token list is left as it is)."""
    _path(token).unlink(missing_ok=True)
