"""Checks on an uploaded ZIP archive before anything unpacks or parses it.

Every import that receives a ZIP (an .xlsx workbook is one; so are a OneRoster roster and a school
export) calls this module first:

    from collabtrack.archives import ArchiveRefused, open_checked_archive
    from collabtrack.upload_limits import UploadLimits

    try:
        with open_checked_archive(upload, what="roster file", advice="Export the roster again.") as archive:
            ...  # archive is a zipfile.ZipFile whose members passed every check below
    except ArchiveRefused as refusal:
        form.add_error("file", str(refusal))

`check_archive(source, ...)` does the same checks and returns the members' `ZipInfo`s without keeping
the archive open. `source` is bytes or a seekable binary file object (an `UploadedFile` is one).
`limits` defaults to the settings (`UploadLimits.from_settings()`); pass your own for bigger archives.

What is checked, all from the archive's directory and the first bytes of each member, so a refused
archive costs milliseconds whatever it would unpack to:
- it is a readable ZIP, not encrypted, compressed with "stored" or "deflate" only, with no two members
  of the same name and no symbolic links;
- the number of members (`limits.archive_members`), each member's unpacked size
  (`limits.member_bytes`), the total unpacked size (`limits.uncompressed_bytes`) and the compression
  ratio (`limits.compression_ratio`, for members and archives over 1 MB unpacked);
- no member path escapes: none absolute, none with `..`, a drive letter, a backslash or a NUL;
- no member is itself an archive (ZIP, Office file, gzip, bzip2, xz, 7-Zip, RAR, zstd, tar), by its
  name or by its first bytes.

Every refusal raises `ArchiveRefused` (a `FileRefused`) whose message says, in the librarian's words,
what was wrong: "This spreadsheet unpacks to more than 50 MB. Export only the sheet with your log."
Nothing else escapes: a damaged or foreign file is an `ArchiveRefused` too.

`zipfile` itself never unpacks more than a member's declared size (and checks its CRC), so the declared
sizes checked here bound the work of whoever reads the members afterwards.
"""

from __future__ import annotations

import contextlib
import io
import stat
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from typing import BinaryIO

from collabtrack.upload_limits import FileRefused, UploadLimits, megabytes

# A small member may compress very well (a sheet of blanks) and costs nothing; the ratio is only held
# against members and archives that unpack to more than this.
RATIO_FLOOR_BYTES = 1024 * 1024

# Extensions of files that are themselves archives, and the first bytes that give one away.
NESTED_EXTENSIONS = (
    ".zip", ".xlsx", ".xlsm", ".xltx", ".xlsb", ".docx", ".docm", ".pptx", ".ods", ".odt", ".odp",
    ".jar", ".epub", ".gz", ".tgz", ".bz2", ".xz", ".txz", ".7z", ".rar", ".tar", ".zst", ".cab", ".lz",
    ".lzma", ".z",
)  # fmt: skip
NESTED_MAGIC = (
    b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08", b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07", b"\x28\xb5\x2f\xfd", b"MSCF", b"LZIP",
)  # fmt: skip
TAR_MAGIC_OFFSET = 257
SNIFF_BYTES = 512

_EOCD = b"PK\x05\x06"
_EOCD_SIZE = 22
# The directory entry of a member takes 46 bytes plus its name, extra field and comment; an ordinary
# archive spends well under this on each, so a bigger directory means more members than it claims.
_DIRECTORY_BYTES_PER_MEMBER = 1024


# What reading a member of a damaged archive can raise (bad CRC, truncated data, odd headers).
READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    RuntimeError,
)


class ArchiveRefused(FileRefused):
    """An archive that is not unpacked; `str(error)` is the message for the librarian."""


def check_archive(
    source: bytes | BinaryIO,
    *,
    limits: UploadLimits | None = None,
    what: str = "file",
    advice: str = "",
    may_hold_archive: Callable[[str], bool] | None = None,
) -> list[zipfile.ZipInfo]:
    """The members of a ZIP that passed every check (see the module docstring); `ArchiveRefused`
    otherwise. `what` names the file in messages ("spreadsheet", "roster file"); `advice` is the
    sentence added after what was wrong ("Export only the sheet with your log.")."""
    with open_checked_archive(
        source, limits=limits, what=what, advice=advice, may_hold_archive=may_hold_archive
    ) as archive:
        return archive.infolist()


@contextlib.contextmanager
def open_checked_archive(
    source: bytes | BinaryIO,
    *,
    limits: UploadLimits | None = None,
    what: str = "file",
    advice: str = "",
    may_hold_archive: Callable[[str], bool] | None = None,
) -> Iterator[zipfile.ZipFile]:
    """The archive as an open `zipfile.ZipFile` once every check passed; `ArchiveRefused` otherwise.
    Reading its members can still fail on a damaged member (bad CRC): callers treat `zipfile.BadZipFile`
    and `OSError` while reading as a damaged file. `may_hold_archive(name)` names the members allowed to
    be archives themselves (a school export's attachments may be Word or Excel files); the caller checks
    those again when it reads them."""
    limits = limits or UploadLimits.from_settings()
    checker = _Checker(limits, what, advice)
    checker.may_hold_archive = may_hold_archive or (lambda name: False)
    stream = io.BytesIO(source) if isinstance(source, bytes | bytearray | memoryview) else source
    checker.check_directory_size(stream)
    try:
        archive = zipfile.ZipFile(stream)
    except (*READ_ERRORS, zipfile.LargeZipFile, struct.error) as exc:
        raise checker.refuse(
            "unreadable", f"This {what} is damaged or is not the kind of file expected."
        ) from exc
    try:
        checker.check_members(archive)
        yield archive
    finally:
        archive.close()


class _Checker:
    def __init__(self, limits: UploadLimits, what: str, advice: str):
        self.limits, self.what, self.advice = limits, what, advice

    def refuse(self, reason: str, message: str) -> ArchiveRefused:
        return ArchiveRefused(f"{message} {self.advice}".strip(), reason)

    def too_many(self) -> ArchiveRefused:
        return self.refuse(
            "too_many_members",
            f"This {self.what} holds more than {self.limits.archive_members} files packed inside it.",
        )

    def check_directory_size(self, stream: BinaryIO) -> None:
        """Refuse an archive whose directory lists too many members before zipfile reads that
        directory into memory (a ZIP of millions of empty members is small on disk)."""
        try:
            stream.seek(0, io.SEEK_END)
            size = stream.tell()
            tail_start = max(0, size - (_EOCD_SIZE + 65535))
            stream.seek(tail_start)
            tail = stream.read()
            stream.seek(0)
        except (OSError, ValueError) as exc:
            raise self.refuse("unreadable", f"This {self.what} could not be read.") from exc
        at = tail.rfind(_EOCD)
        if at < 0 or len(tail) - at < _EOCD_SIZE:
            return  # not a ZIP at all: zipfile says so below
        entries, directory_bytes = struct.unpack("<xxxxxxxxxxHI", tail[at : at + 16])
        if entries > self.limits.archive_members:
            raise self.too_many()
        if directory_bytes > self.limits.archive_members * _DIRECTORY_BYTES_PER_MEMBER:
            raise self.too_many()

    def check_members(self, archive: zipfile.ZipFile) -> None:
        members = archive.infolist()
        limits, what = self.limits, self.what
        if len(members) > limits.archive_members:
            raise self.too_many()
        names = set()
        for member in members:
            self.check_path(member.filename, names)
            self.check_kind(member)
        total = sum(member.file_size for member in members)
        if total > limits.uncompressed_bytes:
            raise self.refuse(
                "too_large", f"This {what} unpacks to more than {megabytes(limits.uncompressed_bytes)}."
            )
        packed = sum(member.compress_size for member in members)
        for member in members:
            if member.file_size > limits.member_bytes:
                raise self.refuse(
                    "member_too_large",
                    f"A part of this {what} ({_shown(member.filename)}) unpacks to more than "
                    f"{megabytes(limits.member_bytes)}.",
                )
            if _ratio_exceeded(member.file_size, member.compress_size, limits.compression_ratio):
                raise self.refuse(
                    "ratio",
                    f"A part of this {what} ({_shown(member.filename)}) unpacks to more than "
                    f"{limits.compression_ratio} times its packed size, which ordinary files never do.",
                )
        if _ratio_exceeded(total, packed, limits.compression_ratio):
            raise self.refuse(
                "ratio",
                f"This {what} unpacks to more than {limits.compression_ratio} times its packed size, "
                "which ordinary files never do.",
            )
        for member in members:
            self.check_not_nested(archive, member)

    def check_path(self, name: str, seen: set[str]) -> None:
        parts = name.replace("\\", "/").split("/")
        escapes = (
            not name
            or "\\" in name
            or "\x00" in name
            or name.startswith("/")
            or ".." in parts
            or (len(name) > 1 and name[1] == ":")
        )
        if escapes:
            raise self.refuse(
                "unsafe_path",
                f"This {self.what} holds a file whose name points outside the archive "
                f"({_shown(name)}); it may have been tampered with.",
            )
        if name in seen:
            raise self.refuse("duplicate", f"This {self.what} holds two files named {_shown(name)}.")
        seen.add(name)

    def check_kind(self, member: zipfile.ZipInfo) -> None:
        if member.flag_bits & 0x1:
            raise self.refuse(
                "encrypted", f"This {self.what} is protected by a password; save it without one."
            )
        if member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise self.refuse("unsupported", f"This {self.what} is packed in a way the app does not read.")
        if stat.S_ISLNK(member.external_attr >> 16):
            raise self.refuse(
                "link", f"This {self.what} holds a link to another file ({_shown(member.filename)})."
            )

    def check_not_nested(self, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
        if self.may_hold_archive(member.filename):
            return
        nested = member.filename.lower().endswith(NESTED_EXTENSIONS)
        if not nested and member.file_size and not member.is_dir():
            try:
                with archive.open(member) as stream:
                    head = stream.read(SNIFF_BYTES)
            except READ_ERRORS as exc:
                raise self.refuse(
                    "unreadable", f"This {self.what} is damaged ({_shown(member.filename)})."
                ) from exc
            nested = (
                head.startswith(NESTED_MAGIC) or head[TAR_MAGIC_OFFSET : TAR_MAGIC_OFFSET + 5] == b"ustar"
            )
        if nested:
            raise self.refuse(
                "nested_archive",
                f"This {self.what} holds another packed file inside it ({_shown(member.filename)}).",
            )


def _ratio_exceeded(unpacked: int, packed: int, ratio: int) -> bool:
    return unpacked > RATIO_FLOOR_BYTES and unpacked > ratio * max(packed, 1)


def _shown(name: str) -> str:
    """A member name as it may appear in a message: printable and short."""
    printable = "".join(char if char.isprintable() else "?" for char in name)
    return printable if len(printable) <= 80 else printable[:77] + "..."
