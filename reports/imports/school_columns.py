"""The columns of the school export's CSV files other than units.csv, described once: the export writes each
file's header (and README lines) from these lists, and the school restore reads the cells back with the
same lists, so export and restore agree by construction (units.csv has its own list in columns.py).

A column: its header in the CSV, what it means (the export's README), and `restore(text) -> (value, error)`
with the attribute the value goes to (`field`); a column without `restore` is for reading only (the unit's
title beside its number). The restore readers are strict: they read what the export writes (ISO dates,
"yes"/"no", the choices' labels), not what people type.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from reports.exports import FORMULA_PREFIXES
from reports.imports.cells import parse_grades
from units.models import AttachmentKind, DutyOwner, ResourceKind, UnitStatus
from units.standards import Set2018

Reader = Callable[[str], tuple[object, str]]


def unquoted(text: str) -> str:
    """A cell as it was before the export neutralised it against formula injection (reports/exports.py
    safe_cell puts an apostrophe before =, +, -, @, tab or CR)."""
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        return text[1:]
    return text


def text(value: str) -> tuple[str, str]:
    return value, ""


def required_text(value: str) -> tuple[str, str]:
    return value, "" if value.strip() else "This cell is empty."


def whole_number(value: str) -> tuple[int | None, str]:
    if value.isascii() and value.isdigit() and len(value) <= 12:
        return int(value), ""
    return None, f"“{value[:40]}” is not a whole number."


def optional_number(value: str) -> tuple[int | None, str]:
    return (None, "") if value == "" else whole_number(value)


def iso_date(value: str) -> tuple[dt.date | None, str]:
    try:
        return dt.date.fromisoformat(value), ""
    except ValueError:
        return None, f"“{value[:40]}” is not a date written YYYY-MM-DD."


def optional_iso_date(value: str) -> tuple[dt.date | None, str]:
    return (None, "") if value == "" else iso_date(value)


def utc_moment(value: str) -> tuple[dt.datetime | None, str]:
    try:
        return dt.datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=dt.UTC), ""
    except ValueError:
        return None, f"“{value[:40]}” is not a date and time written YYYY-MM-DD HH:MM:SS."


def yes_no(value: str) -> tuple[bool | None, str]:
    if value in ("yes", "no"):
        return value == "yes", ""
    return None, f"“{value[:40]}” is neither yes nor no."


def choice_by_label(choices) -> Reader:
    by_label = {label: value for value, label in choices.choices}

    def read(value: str) -> tuple[str | None, str]:
        if value in by_label:
            return by_label[value], ""
        return None, f"“{value[:40]}” is not one of: {', '.join(by_label)}."

    return read


def grades(value: str) -> tuple[tuple[int, ...], str]:
    return parse_grades(value)


def names(value: str) -> tuple[tuple[str, ...], str]:
    """Teacher partners as units.csv writes them: separated by "; " exactly (a name may hold a comma)."""
    return tuple(name for name in value.split("; ") if name), ""


CATALOGUE_2007 = "AASL 2007"
CATALOGUES = {CATALOGUE_2007: None} | {f"AASL 2018 ({kind.label})": kind.value for kind in Set2018}


def catalogue(value: str) -> tuple[str | None, str]:
    """(the 2018 set, or "" for the 2007 catalogue)."""
    if value in CATALOGUES:
        return CATALOGUES[value] or "", ""
    return None, f"“{value[:40]}” is not a standards catalogue of this app."


@dataclass(frozen=True)
class Column:
    header: str
    description: str = ""
    field: str = ""  # where restore puts the value; blank: not read back
    restore: Reader | None = None
    export: Callable | None = None  # (record) -> cell, for files written from this list alone


@dataclass(frozen=True)
class CsvKind:
    name: str
    description: str
    columns: list[Column]

    @property
    def headers(self) -> list[tuple[str, str]]:
        return [(column.header, column.description) for column in self.columns]


UNIT_REF = [
    Column("unit id", "The unit, as in units.csv.", "unit_id", whole_number),
    Column("unit title", "Its title, for reading."),
]

GAPS = CsvKind(
    "gaps.csv",
    "Areas of deficit / gaps in test data that units address.",
    UNIT_REF
    + [
        Column("content area", "", "content_area", required_text),
        Column("performance indicator", "", "performance_indicator", required_text),
    ],
)
DUTIES = CsvKind(
    "duties.csv",
    "The cooperative teaching plan: one row per duty.",
    UNIT_REF
    + [
        Column("who", "Librarian, Teacher(s) or Both (shared).", "owner", choice_by_label(DutyOwner)),
        Column("what", "What they will do.", "description", required_text),
        Column("addresses a gap", "yes when the duty addresses a test-data gap.", "addresses_gap", yes_no),
        Column(
            "named partner",
            "The teacher partner (as in staff.csv) whose duty it is, if one.",
            "partner",
            text,
        ),
    ],
)
RESOURCES = CsvKind(
    "resources.csv",
    "Resources of each unit.",
    UNIT_REF
    + [
        Column("kind", "Print, Electronic, Audiovisual or Equipment.", "kind", choice_by_label(ResourceKind)),
        Column("citation", "Full bibliographic reference.", "citation", required_text),
        Column("link", "Web address (electronic resources).", "url", text),
    ],
)
STANDARDS = CsvKind(
    "standards.csv",
    "Standards cited: 21st-Century Learner (2007) and National School Library Standards (2018).",
    UNIT_REF
    + [
        Column("catalogue", "AASL 2007, or AASL 2018 with its set.", "set_2018", catalogue),
        Column("number", "The standard's number or code.", "code", required_text),
        Column("heading", "Short heading (2018 entries)."),
    ],
)
ATTACHMENTS = CsvKind(
    "attachments.csv",
    "Attachments (handouts, graphic organisers, rubrics); the files are in the attachments folder.",
    UNIT_REF
    + [
        Column("kind", "", "kind", choice_by_label(AttachmentKind)),
        Column("original name", "The file name as uploaded.", "original_name", required_text),
        Column("file in this ZIP", "Path of the file inside this export.", "path", required_text),
        Column("size", "Bytes.", "size", whole_number),
    ],
)
STATISTICS = CsvKind(
    "monthly_statistics.csv",
    "Library statistics as entered or imported, one row per month. Blank means not entered.",
    [
        Column("year", "", "year", whole_number),
        Column("month", "1-12.", "month", whole_number),
        Column("days open", "", "days_open", optional_number),
        Column("circulation", "Monthly circulation.", "circulation", optional_number),
        Column("classes served", "", "classes_served", optional_number),
    ],
)
STAFF = CsvKind(
    "staff.csv",
    "The staff directory.",
    [
        Column("name", "", "name", required_text),
        Column("title", "", "title", text),
        Column("department", "Department or subject.", "department", text),
        Column("grades", "Grade levels taught.", "grades", grades),
        Column("email", "", "email", text),
        Column("login", "CollabTrack login, blank when the teacher has none.", "login", text),
        Column("active", "no for staff who have left (they stay on their old units).", "active", yes_no),
        Column(
            "roster id", "The person's id in the school's roster (OneRoster sourcedId).", "roster_id", text
        ),
    ],
)


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _login(user) -> str:
    return user.get_username() if user else ""


def _column(header: str, field: str, restore: Reader, description: str = "", export=None) -> Column:
    """A column whose export is the record's attribute of the same name (or `export`)."""
    return Column(header, description, field, restore, export or (lambda record: getattr(record, field)))


REFLECTION_ID = _column("reflection id", "pk", whole_number, "The reflection; the other files refer to it.")
_REFLECTION = [
    REFLECTION_ID,
    _column("date", "reflected_on", iso_date, "Date of the reflection."),
    _column("author", "author_login", text, "Login of the librarian.", lambda r: _login(r.author)),
]
_STAMPS = [
    _column("created", "created_at", utc_moment, "Date and time, UTC.", lambda r: _utc(r.created_at)),
    _column("updated", "updated_at", utc_moment, "Date and time, UTC.", lambda r: _utc(r.updated_at)),
]
# Reflections the librarian shared with the principal, field by field so they can be restored
# (reflections.csv says the same, one question per row, for reading).
TAXONOMY_REFLECTIONS = CsvKind(
    "reflections_taxonomy.csv",
    "Taxonomy self-assessments shared with the principal.",
    _REFLECTION
    + [
        _column("level", "level", whole_number, "1-10 on the taxonomy."),
        _column("working well", "working_well", text),
        _column("greatest success", "greatest_success", text),
        _column("next level needs", "next_level_needs", text),
    ]
    + _STAMPS,
)
BENEFITS_REFLECTIONS = CsvKind(
    "reflections_benefits.csv",
    "Who-benefits reflections shared with the principal.",
    _REFLECTION
    + [
        _column("teachers", "teachers", text),
        _column("librarians", "librarians", text),
        _column("students", "students", text),
        _column("test data", "test_data", text),
        _column(
            "benefits seen",
            "benefits_seen",
            names,
            "Keys, separated by “; ”.",
            lambda r: "; ".join(r.benefits_seen),
        ),
    ]
    + _STAMPS,
)
ROADBLOCKS_REFLECTIONS = CsvKind(
    "reflections_roadblocks.csv",
    "Roadblocks reflections shared with the principal (their roadblocks and actions: roadblocks.csv, "
    "action_items.csv).",
    _REFLECTION + _STAMPS,
)
_OF_REFLECTION = _column(
    "reflection id",
    "reflection_ref",
    whole_number,
    "As in reflections_roadblocks.csv.",
    lambda r: r.reflection_id,
)
ROADBLOCKS = CsvKind(
    "roadblocks.csv",
    "Roadblocks of the roadblocks reflections.",
    [
        _OF_REFLECTION,
        _column("position", "position", whole_number, "1-3."),
        _column("category", "category", text, "culture, scheduling, admin or other."),
        _column("explanation", "explanation", text),
        _column("potential solution", "potential_solution", text),
    ],
)
ACTION_ITEMS = CsvKind(
    "action_items.csv",
    "Action items of the roadblocks reflections.",
    [
        _OF_REFLECTION,
        _column("category", "category", text, "culture, scheduling, admin or other."),
        _column("strategy", "strategy", text, "Key of the checklist strategy, blank when written freely."),
        _column("action", "text", text),
        _column("due on", "due_on", iso_date),
        _column("done on", "done_on", optional_iso_date, "Blank while not done."),
    ],
)
REFLECTION_FILES = [
    TAXONOMY_REFLECTIONS,
    BENEFITS_REFLECTIONS,
    ROADBLOCKS_REFLECTIONS,
    ROADBLOCKS,
    ACTION_ITEMS,
]

# The files the restore reads besides units.csv, in the order it reads them.
RESTORED_FILES = [STAFF, GAPS, DUTIES, RESOURCES, STANDARDS, ATTACHMENTS, STATISTICS, *REFLECTION_FILES]
unit_status = choice_by_label(UnitStatus)
