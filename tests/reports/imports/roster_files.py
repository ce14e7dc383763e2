"""The OneRoster sample of tests/data/oneroster/ as the files a librarian uploads, and variants of it."""

import io
import zipfile
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "oneroster"
STUDENT_WORDS = ("Zoe", "Quinlan", "Yusuf", "Okonkwo", "Xena", "Marlowe", "s-001", "zzstudent")


def sample_text(name: str) -> str:
    return (SAMPLE / name).read_text(encoding="utf-8")


def users_without(*source_ids: str) -> str:
    """users.csv without the rows of these sourcedIds (a later export where they have left)."""
    lines = sample_text("users.csv").splitlines(keepends=True)
    return "".join(line for line in lines if line.split(",", 1)[0] not in source_ids)


def oneroster_zip(
    users: str | None = None, *, delta: bool = False, orgs: bool = True, folder: str = ""
) -> bytes:
    """The sample export as a ZIP (what a SIS downloads): users.csv, orgs.csv and manifest.csv."""
    manifest = sample_text("manifest.csv")
    if delta:
        manifest = manifest.replace("file.users,bulk", "file.users,delta")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(folder + "users.csv", users if users is not None else sample_text("users.csv"))
        if orgs:
            archive.writestr(folder + "orgs.csv", sample_text("orgs.csv"))
        archive.writestr(folder + "manifest.csv", manifest)
    return buffer.getvalue()
