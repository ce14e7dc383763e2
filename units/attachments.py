"""What may be attached to a unit: checked by extension AND by content, at most 10 MB.

The extension alone is a claim made by the uploader; the first bytes of the file must agree with it, so a
renamed executable or HTML page is refused even when it is called handout.pdf.
"""

import os
import zipfile

import filetype
from django.core.exceptions import ValidationError

MAX_ATTACHMENT_BYTES = 10 * 2**20
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc/.xls/.ppt (Compound File Binary)

# extension -> the content families that may carry it
ALLOWED = {
    ".pdf": {"pdf"},
    ".png": {"png"},
    ".jpg": {"jpg"},
    ".jpeg": {"jpg"},
    ".gif": {"gif"},
    ".webp": {"webp"},
    ".doc": {"ole"},
    ".xls": {"ole"},
    ".ppt": {"ole"},
    ".docx": {"ooxml:word/"},
    ".xlsx": {"ooxml:xl/"},
    ".pptx": {"ooxml:ppt/"},
    ".odt": {"odf:application/vnd.oasis.opendocument.text"},
    ".ods": {"odf:application/vnd.oasis.opendocument.spreadsheet"},
    ".odp": {"odf:application/vnd.oasis.opendocument.presentation"},
    ".txt": {"text"},
}
ALLOWED_LIST = "PDF, Word, Excel, PowerPoint, OpenDocument, PNG, JPEG, GIF, WebP or plain text"


def check_upload(upload) -> None:
    """Raise ValidationError unless `upload` is an allowed type (by name and content) within the limit."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise ValidationError(
            f"This file is {upload.size / 2**20:.1f} MB; attachments can be at most "
            f"{MAX_ATTACHMENT_BYTES // 2**20} MB."
        )
    extension = os.path.splitext(upload.name)[1].lower()
    if extension not in ALLOWED:
        raise ValidationError(f"Attach {ALLOWED_LIST} files only.")
    if not any(_content_is(upload, family) for family in ALLOWED[extension]):
        raise ValidationError(
            f"The file's content does not match its name ({extension}). "
            "Save it again in that format and retry."
        )


def _head(upload, size: int = 8192) -> bytes:
    upload.seek(0)
    head = upload.read(size)
    upload.seek(0)
    return head


def _content_is(upload, family: str) -> bool:
    head = _head(upload)
    if family == "ole":
        return head.startswith(OLE_MAGIC)
    if family.startswith("ooxml:"):
        return _zip_has(
            upload,
            lambda names: (
                "[Content_Types].xml" in names
                and any(name.startswith(family.removeprefix("ooxml:")) for name in names)
            ),
        )
    if family.startswith("odf:"):
        mimetype = family.removeprefix("odf:").encode()
        # ODF puts an uncompressed "mimetype" entry first; the type name sits at a fixed offset.
        return (
            head.startswith(b"PK")
            and head[30:38] == b"mimetype"
            and head[38 : 38 + len(mimetype)] == mimetype
        )
    if family == "text":
        return _is_plain_text(upload)
    kind = filetype.guess(head)
    return kind is not None and kind.extension == family


def _zip_has(upload, predicate) -> bool:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return predicate(set(archive.namelist()))
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)


def _is_plain_text(upload) -> bool:
    # Plain text has no magic number: accept it when it decodes as UTF-8 (or Windows-1252, what old
    # Windows editors write), has no NUL bytes, and is not something a browser would run (HTML, SVG).
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if b"\x00" in data or filetype.guess(data[:8192]) is not None:
        return False
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            return False
    start = text.lstrip("\ufeff \t\r\n").lower()
    return not start.startswith(("<!doctype", "<html", "<svg", "<?xml", "<script"))
