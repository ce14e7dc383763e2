"""An uploaded roster file as a `Roster`: the OneRoster ZIP checked by `collabtrack.archives` before any
member is read, every CSV read by `collabtrack.spreadsheets`' bounded reader, and a plain list (CSV or
.xlsx) read like the other imports. A file that cannot be used comes back as `Roster.error`, in the
librarian's words; nothing here raises on bad input.
"""

import posixpath

from collabtrack.archives import READ_ERRORS, ArchiveRefused, open_checked_archive
from collabtrack.spreadsheets import read_raw_rows
from reports.imports.roster_parse import Roster, is_delta, parse_orgs, parse_plain, parse_users

ADVICE = (
    "Export the roster again from your student information system (OneRoster 1.1 CSV), or upload a "
    "plain list."
)
PLAIN_ADVICE = "Save the staff list as CSV or as a workbook with that one sheet, and upload that."
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")


def read_roster(data: bytes, filename: str) -> Roster:
    """The roster in an uploaded file: a OneRoster ZIP, a OneRoster users.csv, or a plain list."""
    name = filename.lower()
    if data.startswith(b"PK") and not name.endswith(WORKBOOK_SUFFIXES):
        return _read_oneroster_zip(data)
    rows, numbers, error = read_raw_rows(data, filename, advice=PLAIN_ADVICE)
    if error:
        return Roster(format="plain", error=error)
    if rows and _is_oneroster_users(rows[0]):
        return parse_users(rows, numbers)
    return parse_plain(rows, numbers)


def _is_oneroster_users(header: list[str]) -> bool:
    words = {"".join(cell.split()).casefold() for cell in header}
    return {"sourcedid", "role", "givenname"} <= words


def _read_oneroster_zip(data: bytes) -> Roster:
    try:
        with open_checked_archive(data, what="roster file", advice=ADVICE) as archive:
            members = {posixpath.basename(info.filename).lower(): info for info in archive.infolist()}
            if "users.csv" not in members:
                return Roster(
                    format="oneroster",
                    error=f"This ZIP holds no users.csv, so it is not a OneRoster export. {ADVICE}",
                )
            texts = {}
            for wanted in ("users.csv", "orgs.csv", "manifest.csv"):
                if wanted in members:
                    texts[wanted] = archive.read(members[wanted])
    except ArchiveRefused as refusal:
        return Roster(format="oneroster", error=str(refusal))
    except READ_ERRORS:
        return Roster(format="oneroster", error=f"This roster file is damaged. {ADVICE}")
    tables = {}
    for wanted, content in texts.items():
        rows, numbers, error = read_raw_rows(content, wanted, advice=ADVICE)
        if error:
            return Roster(format="oneroster", error=f"{wanted}: {error}")
        tables[wanted] = (rows, numbers)
    roster = parse_users(*tables["users.csv"])
    if "orgs.csv" in tables:
        roster.orgs = parse_orgs(*tables["orgs.csv"])
    if "manifest.csv" in tables:
        roster.full = not is_delta(tables["manifest.csv"][0])
    return roster
