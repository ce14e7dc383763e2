"""Hostile files posted to the roster upload (issues 12 and 16): every generated bomb, as a workbook and
as a OneRoster ZIP, is refused next to the file field in under 5 s of this process's CPU and under 200 MB
of memory growth (tracemalloc peak of the whole request), and nothing is staged or saved."""

import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from collabtrack.models import StaffMember
from tests.collabtrack import bombs
from tests.reports.imports.roster_files import sample_text

pytestmark = pytest.mark.django_db
HEADER = sample_text("users.csv").splitlines()[0] + "\n"
ROW = "t-1,active,,true,org-rms,teacher,,,Ann,Lee,,,,,,,07,\n"


def users_zip(users: str, *extra: bombs.Member) -> bytes:
    """A OneRoster ZIP whose users.csv is stored, not compressed: it passes the archive checks, so the
    limits tested are the ones of the CSV reader."""
    return bombs.build_zip([bombs.plain("users.csv", users.encode(), zipfile.ZIP_STORED), *extra])


ROSTER_BOMBS = {
    "users.csv with a row of 20 000 cells": (
        lambda: users_zip(HEADER + "," * 20_000 + "\n"),
        "16 384 cells",
    ),
    "users.csv with 150 000 rows": (lambda: users_zip(HEADER + ROW * 150_000), "rows"),
    "users.csv with a 2 MB cell": (lambda: users_zip(HEADER + "x" * 2 * bombs.MiB + "\n"), "characters"),
    "users.csv with a quote left open": (lambda: users_zip(HEADER + '"' + "y," * 200_000), "characters"),
    "5 000 members": (bombs.many_members, "more than 200 files"),
    "zip slip": (lambda: users_zip(HEADER, bombs.plain("../../etc/cron.d/x", b"x")), "points outside"),
    "nested archive": (
        lambda: users_zip(HEADER, bombs.plain("orgs.csv", bombs.many_members(3))),
        "another packed",
    ),
    "giant users.csv": (
        lambda: bombs.build_zip(
            [bombs.repeated("users.csv", HEADER.encode(), ROW.encode() * 2000, 5000, b"")]
        ),
        "unpacks to more than",
    ),
}


def staged_files() -> set[Path]:
    return set((Path(settings.MEDIA_ROOT) / "imports").glob("*.json"))


def post_measured(client, data: bytes, filename: str):
    upload = SimpleUploadedFile(filename, data)
    tracemalloc.start()
    started = time.process_time()
    try:
        response = client.post(reverse("data:roster_upload"), {"file": upload})
        elapsed = time.process_time() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return response, elapsed, peak


def refused_quickly(client, data: bytes, filename: str, expected: str) -> None:
    before = staged_files()
    response, elapsed, peak = post_measured(client, data, filename)
    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1 and expected in errors[0], errors
    print(f"\n{filename}: {len(data) / 2**20:.2f} MB, {elapsed:.2f} s CPU, peak {peak / 2**20:.1f} MB")
    assert elapsed < 5, f"{elapsed:.2f} s"
    assert peak < 200 * 1024 * 1024, f"{peak / 2**20:.0f} MB"
    assert staged_files() == before and not StaffMember.objects.exists()


@pytest.mark.parametrize("bomb", list(bombs.BOMBS))
def test_every_workbook_bomb_is_refused_as_a_plain_list(librarian_client, bomb):
    make, expected = bombs.BOMBS[bomb]
    refused_quickly(librarian_client, make(), "staff.xlsx", expected)


@pytest.mark.parametrize("bomb", list(ROSTER_BOMBS))
def test_every_roster_bomb_is_refused(librarian_client, bomb):
    make, expected = ROSTER_BOMBS[bomb]
    refused_quickly(librarian_client, make(), "oneroster.zip", expected)
