"""The columns of a unit, described once (pretix's ImportColumn): the school export writes `units.csv`
from this list and the collaboration-log import reads it back with the same list, so a round trip holds
by construction (tests/reports/imports/test_school_export.py checks every imported column).

A column has an identifier (the import's field name), the header it has in units.csv, what it means (the
export's README), and either side of the trip:
- `export(unit, related)`: the cell written for a unit (`related` holds the unit's teachers, grades and
  test-data gaps, read in one query per table by the school export);
- `label`, `header_words` and `clean(text) -> (value, error)`: how the import offers, guesses and reads
  it. A column without a label (the unit's number, its timestamps) is written but not imported;
- `restore(text) -> (value, error)`: how the school restore (reports/imports/restore_read.py) reads the
  cell back, strictly as the export wrote it; by default the import's `clean`.
Where the import puts a cleaned value: `plan` columns go to the unit's planning-template texts
(LogRow.plan), the others to the LogRow attribute of the same name.
"""

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from collabtrack.grades import grade_label
from reports.imports import school_columns as restore
from reports.imports.cells import parse_date, parse_gaps, parse_grades, parse_level, parse_teachers
from units.levels import level_name


def _text(text: str) -> tuple[str, str]:
    return text, ""


def _title(text: str) -> tuple[str, str]:
    title = " ".join(text.split())[:200]
    return title, "" if title else "The unit title is empty."


def _start_date(text: str, order: str | None = None) -> tuple[dt.date | None, str]:
    day = parse_date(text, order)
    if day is None:
        return None, f"“{text[:40]}” is not a date." if text else "The date is empty."
    return day, ""


def _end_date(text: str, order: str | None = None) -> tuple[dt.date | None, str]:
    if not text:
        return None, ""
    day = parse_date(text, order)
    return day, "" if day else f"End date “{text[:40]}” is not a date."


def _teachers(text: str) -> tuple[tuple[str, ...], str]:
    return parse_teachers(text), ""


def grades_cell(orders) -> str:
    # Grade labels one by one ("6, 7, 8"): the import reads them back, unlike the compact "Gr. 6–8".
    return ", ".join(grade_label(order) for order in sorted(orders))


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S")


@dataclass(frozen=True)
class UnitColumn:
    identifier: str
    header: str  # in units.csv
    description: str  # in the export's README
    export: Callable  # (unit, related) -> cell
    label: str = ""  # the import's name for it; blank: exported only
    header_words: tuple[str, ...] = ()  # headers the import recognises, strongest first
    clean: Callable[[str], tuple[object, str]] = _text
    required: bool = False
    plan: bool = False  # a planning-template text section
    restore: Callable[[str], tuple[object, str]] | None = None

    @property
    def imported(self) -> bool:
        return bool(self.label)

    @property
    def restored_by(self) -> Callable[[str], tuple[object, str]] | None:
        """What reads this column back in a school restore; None: derived, not read (the level's name)."""
        return self.restore or (self.clean if self.imported else None)


def _plan(identifier: str, header: str, label: str, description: str) -> UnitColumn:
    """A planning-template text section: exported as it is (line breaks kept), guessed only from its
    units.csv header (a hand-kept log rarely has these)."""
    return UnitColumn(
        identifier,
        header,
        description,
        export=lambda unit, related: getattr(unit, identifier),
        label=label,
        header_words=(header,),
        plan=True,
    )


UNIT_COLUMNS: list[UnitColumn] = [
    UnitColumn(
        "pk",
        "unit id",
        "CollabTrack's number for the unit; the other files refer to it.",
        export=lambda unit, related: unit.pk,
        restore=restore.whole_number,
    ),
    UnitColumn(
        "start_date",
        "date",
        "Start of the time frame (YYYY-MM-DD); the unit's date in every report.",
        export=lambda unit, related: unit.start_date,
        label="Date (start)",
        header_words=("date", "start date", "start", "begin", "began", "from", "when", "day"),
        clean=_start_date,
        required=True,
        restore=restore.iso_date,
    ),
    UnitColumn(
        "end_date",
        "end date",
        "End of the time frame, blank when not set.",
        export=lambda unit, related: unit.end_date,
        label="End date",
        header_words=("end date", "end", "until", "to", "finished", "finish"),
        clean=_end_date,
        restore=restore.optional_iso_date,
    ),
    _plan(
        "time_frame",
        "time frame",
        "Time frame in words",
        "The time frame in words, e.g. “six class periods over two weeks”.",
    ),
    UnitColumn(
        "title",
        "unit title",
        "Unit title or topic.",
        export=lambda unit, related: unit.title,
        label="Unit or topic",
        header_words=("unit", "topic", "title", "unit topic", "project", "lesson", "subject", "unit title"),
        clean=_title,
        required=True,
        restore=restore.required_text,
    ),
    UnitColumn(
        "grades",
        "grades",
        "Grade levels, comma-separated (PreK, K, 1-12).",
        export=lambda unit, related: grades_cell(related.grades[unit.pk]),
        label="Grade level(s)",
        header_words=("grade", "grades", "gr", "grade level", "grade levels", "year group", "class"),
        clean=parse_grades,
    ),
    UnitColumn(
        "teachers",
        "teachers",
        "Teacher partners, separated by semicolons, as named in staff.csv.",
        export=lambda unit, related: "; ".join(related.teachers[unit.pk]),
        label="Teacher(s)",
        header_words=("teacher", "teachers", "partner", "partners", "co teacher", "collaborator", "staff"),
        clean=_teachers,
        restore=restore.names,
    ),
    UnitColumn(
        "level",
        "level",
        "Level of partnership, 1-4, blank when not recorded.",
        export=lambda unit, related: unit.level,
        label="Level of partnership",
        header_words=("level", "partnership", "rubric", "lvl", "level of partnership", "tier"),
        clean=parse_level,
    ),
    UnitColumn(
        "level_name",
        "level name",
        "Cooperation, Coordination, Collaboration or Data-driven collaboration.",
        export=lambda unit, related: level_name(unit.level),
    ),
    UnitColumn(
        "gaps",
        "test-data gaps",
        "Areas of deficit, one per line as “content area: performance indicator” (also in gaps.csv).",
        export=lambda unit, related: "\n".join(f"{area}: {ind}" for area, ind in related.gaps[unit.pk]),
        label="Test-data gaps (needed for level 4)",
        header_words=(
            "test data gaps",
            "test data gap",
            "gaps",
            "gap",
            "deficit",
            "deficits",
            "areas of deficit",
        ),
        clean=parse_gaps,
    ),
    UnitColumn(
        "status",
        "status",
        "Planned, In progress or Completed.",
        export=lambda unit, related: unit.get_status_display(),
        restore=restore.unit_status,
    ),
    UnitColumn(
        "librarian",
        "librarian",
        "Login of the librarian who logged the unit.",
        export=lambda unit, related: unit.librarian.get_username() if unit.librarian else "",
        restore=restore.text,
    ),
    _plan("overview", "overview", "Unit overview", "Unit overview (at most 100 words)."),
    _plan(
        "content_standards",
        "content area standards",
        "Content area standards",
        "Content area standards as pasted, line breaks kept.",
    ),
    _plan("learning_product", "learning product", "Learning product", "What students produce."),
    _plan("assessment_what", "assessment what", "What is assessed", "What is assessed."),
    _plan("assessment_who", "assessment who", "Who assesses", "Who assesses."),
    _plan("assessment_how", "assessment how", "How it is assessed", "How it is assessed (tools)."),
    _plan(
        "adaptations_challenged",
        "adaptations challenged",
        "Adaptations for challenged learners",
        "Adaptations for challenged learners.",
    ),
    _plan(
        "adaptations_gifted",
        "adaptations gifted",
        "Extensions for gifted learners",
        "Extensions for gifted learners.",
    ),
    _plan(
        "adaptations_ell",
        "adaptations english learners",
        "Adaptations for English-language learners",
        "Adaptations for English-language learners.",
    ),
    _plan(
        "adaptations_learning_styles",
        "adaptations learning styles",
        "Adaptations for learning styles",
        "Adaptations for different learning styles.",
    ),
    _plan("extensions", "extensions", "Extensions", "Extensions: speakers, further products."),
    UnitColumn(
        "created_at",
        "created",
        "When the unit was created (date and time, UTC).",
        export=lambda unit, related: _utc(unit.created_at),
        restore=restore.utc_moment,
    ),
    UnitColumn(
        "updated_at",
        "updated",
        "When the unit was last changed (date and time, UTC).",
        export=lambda unit, related: _utc(unit.updated_at),
        restore=restore.utc_moment,
    ),
]

IMPORT_COLUMNS: list[UnitColumn] = [column for column in UNIT_COLUMNS if column.imported]
COLUMNS: dict[str, UnitColumn] = {column.identifier: column for column in IMPORT_COLUMNS}
