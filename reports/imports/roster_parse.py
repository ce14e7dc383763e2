"""Reading a staff roster into rows with their problems: pure functions, no database.

Two kinds of file are read:
- a OneRoster 1.1 CSV export: `users.csv` (and, when the export is a ZIP, `orgs.csv` naming the schools
  and `manifest.csv` saying whether the export is full ("bulk") or only the changes ("delta"));
- a plain list: one person per row with columns for the name, the e-mail, the title and the grades.

Only staff rows are kept (OneRoster roles teacher, administrator and aide). Student rows are counted and
nothing else of them is kept: CollabTrack keeps no student data. Guardians, parents and other roles are
counted as "not staff". A staff row's problems (no name, an e-mail that is not one, an unknown grade, the
same person twice) are listed with the row; nothing here raises on bad input.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from collabtrack.text import match_key
from reports.imports.cells import normalise, parse_grades

STAFF_ROLES = {"teacher": "Teacher", "administrator": "Administrator", "aide": "Aide"}
STUDENT_ROLE = "student"
OTHER_ROLES = {"guardian", "parent", "relative", "proctor"}
NO_STUDENT_DATA = "CollabTrack keeps no student data"
# OneRoster grades are CEDS codes; CollabTrack keeps PreK (-1), K (0) and 1-12.
CEDS_GRADES = {"PK": -1, "PR": -1, "TK": -1, "KG": 0} | {f"{n:02d}": n for n in range(1, 13)}
CEDS_NOT_KEPT = {"IT", "13", "PS", "UG", "OTHER"}
NAME_MAX = 200
EMAIL_MAX = 254
TITLE_MAX = 200

# Headings of the plain list, compared after `cells.normalise`.
PLAIN_COLUMNS = {
    "name": ("name", "full name", "staff member", "teacher", "person"),
    "email": ("email", "e mail", "email address", "e mail address", "mail"),
    "title": ("title", "job title", "position", "role"),
    "grades": ("grades", "grade", "grade levels", "grades taught"),
}


@dataclass
class RosterRow:
    """A staff member as the file describes them, with what is wrong with the row."""

    line: int
    name: str = ""
    email: str = ""
    title: str = ""
    grades: list[int] = field(default_factory=list)
    active: bool = True
    source_id: str = ""  # OneRoster sourcedId; "" in a plain list
    orgs: list[str] = field(default_factory=list)  # OneRoster orgSourcedIds
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> RosterRow:
        return cls(**data)


@dataclass(frozen=True)
class Org:
    source_id: str
    name: str
    type: str


@dataclass
class Roster:
    """What a roster file holds once read: its staff rows, its schools, and what was left out."""

    format: str  # "oneroster" or "plain"
    rows: list[RosterRow] = field(default_factory=list)
    orgs: list[Org] = field(default_factory=list)
    students: int = 0
    not_staff: int = 0
    # A full export lists everyone: who is missing from it has left. A delta lists only changes.
    full: bool = True
    error: str = ""  # the file as a whole cannot be used

    def to_dict(self) -> dict:
        return {
            "format": self.format,
            "rows": [row.to_dict() for row in self.rows],
            "orgs": [asdict(org) for org in self.orgs],
            "students": self.students,
            "not_staff": self.not_staff,
            "full": self.full,
            "error": self.error,
        }

    @classmethod
    def from_dict(cls, data: dict) -> Roster:
        return cls(
            format=data["format"],
            rows=[RosterRow.from_dict(row) for row in data["rows"]],
            orgs=[Org(**org) for org in data["orgs"]],
            students=data["students"],
            not_staff=data["not_staff"],
            full=data["full"],
            error=data["error"],
        )


# ---------------------------------------------------------------------------------------------------
# Cells


def _records(rows: list[list[str]], numbers: list[int]) -> tuple[dict[str, int], list[tuple[int, list]]]:
    """(column index by OneRoster heading, [(line, cells)]) of a CSV read as rows; headings compared
    without case or spacing (`sourcedId`, `SourcedID` and ` sourcedid ` are the same)."""
    if not rows:
        return {}, []
    header = {re.sub(r"\s+", "", cell).casefold(): index for index, cell in enumerate(rows[0])}
    return header, list(zip(numbers[1:], rows[1:], strict=False))


def _cell(cells: list[str], header: dict[str, int], name: str) -> str:
    index = header.get(name.casefold())
    if index is None or index >= len(cells):
        return ""
    return " ".join(cells[index].split())


def _check_email(row: RosterRow) -> None:
    if not row.email:
        return
    try:
        if len(row.email) > EMAIL_MAX:
            raise ValidationError("too long")
        validate_email(row.email)
    except ValidationError:
        row.problems.append(f"“{row.email[:80]}” is not an e-mail address.")


def _check_name(row: RosterRow) -> None:
    if not row.name:
        row.problems.append("The row has no name.")
    elif len(row.name) > NAME_MAX:
        row.problems.append(f"The name is longer than {NAME_MAX} characters.")


def ceds_grades(text: str) -> tuple[list[int], list[str], str]:
    """(grades kept, codes not kept, problem) from a OneRoster grades cell ("06,07,08", "KG")."""
    grades, not_kept = set(), []
    for code in filter(None, (part.strip().upper() for part in re.split(r"[,;]", text))):
        if code in CEDS_GRADES:
            grades.add(CEDS_GRADES[code])
        elif code in CEDS_NOT_KEPT:
            not_kept.append(code)
        else:
            return [], [], f"“{code[:20]}” is not a OneRoster grade (PK, KG, 01 to 12)."
    return sorted(grades), not_kept, ""


def _mark_repeats(rows: list[RosterRow]) -> None:
    """The same person twice in one file (same sourcedId, same e-mail, or in a plain list without
    e-mail the same name) is a problem on the later row: which of the two is right is not known."""
    seen: dict[tuple[str, str], int] = {}
    for row in rows:
        keys = []
        if row.source_id:
            keys.append(("id", row.source_id))
        if row.email:
            keys.append(("email", row.email.casefold()))
        if not row.source_id and not row.email and row.name:
            keys.append(("name", match_key(row.name)))
        for key in keys:
            if key in seen:
                row.problems.append(f"The same person as on line {seen[key]}.")
                break
        for key in keys:
            seen.setdefault(key, row.line)


# ---------------------------------------------------------------------------------------------------
# OneRoster


def parse_orgs(rows: list[list[str]], numbers: list[int]) -> list[Org]:
    header, records = _records(rows, numbers)
    orgs = []
    for _line, cells in records:
        source_id = _cell(cells, header, "sourcedId")[:200]
        if source_id:
            orgs.append(Org(source_id, _cell(cells, header, "name")[:200], _cell(cells, header, "type")[:40]))
    return orgs


def is_delta(manifest_rows: list[list[str]]) -> bool:
    """Whether manifest.csv says users.csv holds only the changes since the last export."""
    for cells in manifest_rows:
        if len(cells) >= 2 and cells[0].strip().casefold() == "file.users":
            return cells[1].strip().casefold() == "delta"
    return False


def parse_users(rows: list[list[str]], numbers: list[int]) -> Roster:
    """The staff rows of a OneRoster users.csv (its header row first), students and others counted."""
    header, records = _records(rows, numbers)
    missing = [name for name in ("sourcedId", "role") if name.casefold() not in header]
    if missing:
        return Roster(
            format="oneroster",
            error=f"users.csv has no {' or '.join(missing)} column: this is not a OneRoster users file.",
        )
    roster = Roster(format="oneroster")
    for line, cells in records:
        role = _cell(cells, header, "role").casefold()
        if role == STUDENT_ROLE:
            roster.students += 1  # and nothing else of the row is kept
            continue
        if role in OTHER_ROLES:
            roster.not_staff += 1
            continue
        roster.rows.append(_oneroster_row(line, cells, header, role))
    _mark_repeats(roster.rows)
    return roster


def _oneroster_row(line: int, cells: list[str], header: dict[str, int], role: str) -> RosterRow:
    given, family = _cell(cells, header, "givenName"), _cell(cells, header, "familyName")
    row = RosterRow(
        line=line,
        name=" ".join(part for part in (given, family) if part),
        email=_cell(cells, header, "email"),
        title=STAFF_ROLES.get(role, ""),
        source_id=_cell(cells, header, "sourcedId")[:200],
        orgs=[org.strip()[:200] for org in _cell(cells, header, "orgSourcedIds").split(",") if org.strip()],
    )
    if role not in STAFF_ROLES:
        row.problems.append(
            f"“{role[:40]}” is not a OneRoster role (teacher, administrator, aide, student, ...)."
        )
    if not row.source_id:
        row.problems.append("The row has no sourcedId.")
    _check_name(row)
    _check_email(row)
    enabled = _cell(cells, header, "enabledUser").casefold()
    status = _cell(cells, header, "status").casefold()
    if enabled not in ("", "true", "false"):
        row.problems.append(f"enabledUser is “{enabled[:20]}”; it must be true or false.")
    row.active = enabled != "false" and status != "tobedeleted"
    grades, not_kept, problem = ceds_grades(_cell(cells, header, "grades"))
    if problem:
        row.problems.append(problem)
    row.grades = grades
    if not_kept:
        row.notes.append(f"Grades CollabTrack does not keep were left out: {', '.join(not_kept)}.")
    return row


# ---------------------------------------------------------------------------------------------------
# A plain list


def plain_columns(header: list[str]) -> dict[str, int | None]:
    """Which column holds the name, e-mail, title and grades, from the headings."""
    words = [normalise(cell) for cell in header]
    found: dict[str, int | None] = {}
    for name, accepted in PLAIN_COLUMNS.items():
        found[name] = next((index for index, word in enumerate(words) if word in accepted), None)
    return found


def parse_plain(rows: list[list[str]], numbers: list[int]) -> Roster:
    """A plain staff list (its header row first): name, e-mail, title, grades."""
    if not rows:
        return Roster(format="plain", error="The file is empty.")
    columns = plain_columns(rows[0])
    if columns["name"] is None:
        return Roster(
            format="plain",
            error="No column is headed “Name”: the first row must name the columns "
            "(Name, E-mail, Title, Grades).",
        )
    roster = Roster(format="plain", full=False)
    for line, cells in zip(numbers[1:], rows[1:], strict=False):

        def cell(name: str, cells=cells) -> str:
            index = columns[name]
            return " ".join(cells[index].split()) if index is not None and index < len(cells) else ""

        row = RosterRow(line=line, name=cell("name"), email=cell("email"), title=cell("title"))
        _check_name(row)
        _check_email(row)
        if len(row.title) > TITLE_MAX:
            row.problems.append(f"The title is longer than {TITLE_MAX} characters.")
        grades, problem = parse_grades(cell("grades"))
        row.grades = sorted(set(grades))
        if problem:
            row.problems.append(problem)
        roster.rows.append(row)
    _mark_repeats(roster.rows)
    return roster
