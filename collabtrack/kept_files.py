"""Generated files kept for reuse: a board PDF or a school ZIP is made once per version of the school's
data (collabtrack.dataversion) and served again from MEDIA_ROOT/generated/<school>/ while nothing it shows
has changed; the district board PDF likewise, per version of the district's data (every member school's
version), from MEDIA_ROOT/generated/district-<district>/. `kept_files_cleanup` (a periodic job) removes
files not used for KEPT_FILES_MAX_AGE_DAYS, files of an older data version, and files on disk that no
row names.
"""

import datetime as dt
import secrets
import shutil
import time
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import FileResponse
from django.utils import timezone
from django.utils.text import get_valid_filename

from collabtrack.dataversion import data_version_of
from collabtrack.exporters import ExportFile, export_response
from collabtrack.models import District, KeptFile, School, owner_fields

FOLDER = "generated"
# A file of an older data version may still be offered on a job's page that finished a moment ago.
STALE_GRACE = dt.timedelta(hours=1)
# Touching last_used_at on every download would turn a read into a write; once an hour is enough.
TOUCH_EVERY = dt.timedelta(hours=1)


def _absolute(relative: str) -> Path:
    return Path(settings.MEDIA_ROOT) / relative


def _folder_name(owner: School | District) -> str:
    return f"district-{owner.pk}" if isinstance(owner, District) else str(owner.pk)


def kept_file_find(
    *, owner: School | District, exporter: str, parameters: str = "", data_version: int | None = None
) -> KeptFile | None:
    """The file kept for the owner's current data version (or `data_version`, read before), or None."""
    version = data_version_of(owner) if data_version is None else data_version
    kept = KeptFile.objects.filter(
        **owner_fields(owner), exporter=exporter, parameters=parameters, data_version=version
    ).first()
    if kept is None:
        return None
    if not _absolute(kept.path).is_file():  # removed from disk behind our back: make it again
        kept.delete()
        return None
    if timezone.now() - kept.last_used_at > TOUCH_EVERY:
        KeptFile.objects.filter(pk=kept.pk).update(last_used_at=timezone.now())
    return kept


def kept_file_store(
    *,
    owner: School | District,
    exporter: str,
    parameters: str,
    data_version: int,
    filename: str,
    mimetype: str,
    content: bytes | BinaryIO,
) -> KeptFile:
    """Write the file and record it; when another worker kept the same one meanwhile, use theirs."""
    folder = _absolute(FOLDER) / _folder_name(owner)
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{secrets.token_urlsafe(12)}-{get_valid_filename(filename)}"
    with (folder / name).open("wb") as target:
        if isinstance(content, bytes):
            target.write(content)
        else:  # an open file (the school ZIP is spooled to disk while it is written)
            content.seek(0)
            shutil.copyfileobj(content, target)
            content.close()
    size = (folder / name).stat().st_size
    relative = f"{FOLDER}/{_folder_name(owner)}/{name}"
    try:
        with transaction.atomic():
            return KeptFile.objects.create(
                **owner_fields(owner),
                exporter=exporter,
                parameters=parameters,
                data_version=data_version,
                path=relative,
                filename=filename,
                mimetype=mimetype,
                size=size,
            )
    except IntegrityError:
        (folder / name).unlink(missing_ok=True)
        return KeptFile.objects.get(
            **owner_fields(owner), exporter=exporter, parameters=parameters, data_version=data_version
        )


def kept_file_response(kept: KeptFile) -> FileResponse:
    """The kept file as every download is sent (collabtrack.exporters.export_response), streamed from disk."""
    return export_response(ExportFile(kept.filename, kept.mimetype, _absolute(kept.path).open("rb")))


def kept_files_cleanup(*, max_age_days: int | None = None) -> int:
    """Remove kept files not used for `max_age_days`, those of an older data version, and files on disk
    that no row names (a worker killed between writing and recording). Returns how many files went."""
    days = settings.KEPT_FILES_MAX_AGE_DAYS if max_age_days is None else max_age_days
    now = timezone.now()
    removed = 0
    district_versions: dict[int, int] = {}  # one query per district, not per file
    for kept in KeptFile.objects.select_related("school", "district"):
        unused = now - kept.last_used_at > dt.timedelta(days=days)
        if kept.district_id and kept.district_id not in district_versions:
            district_versions[kept.district_id] = data_version_of(kept.district)
        current = district_versions[kept.district_id] if kept.district_id else kept.school.data_version
        superseded = kept.data_version != current and now - kept.created_at > STALE_GRACE
        if unused or superseded:
            _absolute(kept.path).unlink(missing_ok=True)
            kept.delete()
            removed += 1
    known = set(KeptFile.objects.values_list("path", flat=True))
    root = _absolute(FOLDER)
    limit = time.time() - STALE_GRACE.total_seconds()
    for path in root.glob("*/*") if root.is_dir() else []:
        relative = path.relative_to(settings.MEDIA_ROOT).as_posix()
        if relative not in known and path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
