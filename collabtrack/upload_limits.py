"""How much work one uploaded file may cost, and the one exception every bounded reader raises.

The limits are named settings (collabtrack/settings.py, "Uploaded files"); `UploadLimits.from_settings()`
reads them, and a test or a caller with other needs (a school restore brings bigger archives) passes its
own `UploadLimits(...)` or `dataclasses.replace(UploadLimits.from_settings(), ...)`.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


class FileRefused(ValueError):
    """An uploaded file the app will not read, with what was wrong in the librarian's words.

    `str(error)` is the message to show next to the upload field; `reason` is a short code for tests and
    logs (e.g. "too_large", "nested_archive", "too_many_rows")."""

    def __init__(self, message: str, reason: str = "refused"):
        super().__init__(message)
        self.message = message
        self.reason = reason


@dataclass(frozen=True)
class UploadLimits:
    upload_bytes: int = 5 * MB
    uncompressed_bytes: int = 50 * MB
    member_bytes: int = 50 * MB
    archive_members: int = 200
    compression_ratio: int = 100
    rows: int = 10_000
    cells: int = 300_000
    cell_chars: int = 32_767
    line_chars: int = 200_000

    @classmethod
    def from_settings(cls) -> UploadLimits:
        from django.conf import settings

        return cls(
            upload_bytes=settings.IMPORT_MAX_UPLOAD_BYTES,
            uncompressed_bytes=settings.IMPORT_MAX_UNCOMPRESSED_BYTES,
            member_bytes=settings.IMPORT_MAX_MEMBER_BYTES,
            archive_members=settings.IMPORT_MAX_ARCHIVE_MEMBERS,
            compression_ratio=settings.IMPORT_MAX_COMPRESSION_RATIO,
            rows=settings.IMPORT_MAX_ROWS,
            cells=settings.IMPORT_MAX_CELLS,
            cell_chars=settings.IMPORT_MAX_CELL_CHARS,
            line_chars=settings.IMPORT_MAX_LINE_CHARS,
        )


def megabytes(count: int) -> str:
    """50 MB, 0.5 MB: sizes as a librarian reads them."""
    value = count / MB
    return f"{value:.0f} MB" if value >= 10 or value.is_integer() else f"{value:.1f} MB"


def number(count: int) -> str:
    """10 000: counts grouped with a space, as the import pages write them."""
    return f"{count:,}".replace(",", " ")
