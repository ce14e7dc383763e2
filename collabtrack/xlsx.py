"""The first worksheet of an .xlsx workbook, read with bounded work.

    for row_number, values in iter_first_sheet(data, advice="Export only the sheet with your log."):
        ...

yields every non-empty row of the first worksheet as (its row number in the sheet, its cell values up
to `max_columns`), the values as openpyxl's `values_only` gives them (None, str, int, float, bool,
datetime/date/time/timedelta for date-formatted numbers, "#DIV/0!" for errors, the cached result for
formulas).

Why not openpyxl: in read-only mode it reads every shared string into memory and, when the sheet has no
`<dimension>`, parses the whole sheet before the first row comes back, so a small file can cost
gigabytes. Here the archive is checked first (`collabtrack.archives`), then each XML part streams through
expat in 64 KB chunks with every count bounded as it goes:
- text: a cell or shared string longer than `limits.cell_chars` (32,767, Excel's own limit) is refused
  as soon as it passes the limit, never held in full;
- cells: more than `limits.cells` cells or row entries on the sheet, or shared strings, and rows wider
  than Excel's 16 384 columns are refused as they stream, whatever the sheet's `<dimension>` says;
- rows: more than `limits.rows` non-empty rows below the first are refused;
- XML: a DOCTYPE (entity expansion) is refused; all parts together may hold at most
  `ELEMENTS_PER_CELL * limits.cells` elements.
A refusal raises `SheetRefused` (a `FileRefused`) with a message for the librarian; a file that is not a
readable workbook raises it too. The generator may be closed early: it reads no further than asked.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import pyexpat
import zipfile
from collections.abc import Iterator
from typing import BinaryIO

from collabtrack.archives import READ_ERRORS, ArchiveRefused, open_checked_archive
from collabtrack.upload_limits import FileRefused, UploadLimits, number
from collabtrack.xlsx_parts import (
    Handler,
    RelationshipsHandler,
    SharedStringsHandler,
    StylesHandler,
    TextCollector,
    WorkbookHandler,
    local_name,
    to_int,
)

CHUNK_BYTES = 64 * 1024
# Excel's own sheet width: a row with more cells was not written by a spreadsheet program.
EXCEL_MAX_COLUMNS = 16_384
# Each cell is a <c> and a <v>; rich text and styles add a few more. All parts of a workbook together
# may hold this many XML elements per cell allowed, which keeps the worst case near a second.
ELEMENTS_PER_CELL = 3
NOT_A_WORKBOOK = "This file could not be read as an Excel workbook (.xlsx)"
DEFAULT_ADVICE = "Save the sheet you need as a new workbook (.xlsx) or as CSV, and upload that."

Value = object


class SheetRefused(FileRefused):
    """A workbook the app will not read; `str(error)` is the message for the librarian."""


def iter_first_sheet(
    source: bytes | BinaryIO,
    *,
    limits: UploadLimits | None = None,
    max_columns: int = 60,
    advice: str = DEFAULT_ADVICE,
) -> Iterator[tuple[int, list[Value]]]:
    """(row number, values) for every non-empty row of the first worksheet; `SheetRefused` (or the
    archive check's `ArchiveRefused`, also a `FileRefused`) when the file is refused."""
    limits = limits or UploadLimits.from_settings()
    try:
        with open_checked_archive(source, limits=limits, what="spreadsheet", advice=advice) as archive:
            reader = _WorkbookReader(archive, limits, max_columns, advice)
            try:
                yield from reader.rows()
            except FileRefused:
                raise
            except READ_ERRORS as exc:
                raise reader.damaged("a part of it is damaged") from exc
    except ArchiveRefused as refusal:
        if refusal.reason != "unreadable":
            raise
        raise SheetRefused(f"{NOT_A_WORKBOOK}. {advice}".strip(), "damaged") from refusal


class _WorkbookReader:
    def __init__(self, archive: zipfile.ZipFile, limits: UploadLimits, max_columns: int, advice: str):
        self.archive, self.limits, self.max_columns, self.advice = archive, limits, max_columns, advice
        self.elements_left = ELEMENTS_PER_CELL * limits.cells
        self.names = set(archive.namelist())

    def refuse(self, reason: str, message: str) -> SheetRefused:
        return SheetRefused(f"{message} {self.advice}".strip(), reason)

    def damaged(self, what: str) -> SheetRefused:
        return self.refuse("damaged", f"{NOT_A_WORKBOOK}: {what}.")

    # -- the parts and how they point at each other ---------------------------------------------------

    def rows(self) -> Iterator[tuple[int, list[Value]]]:
        workbook_part = self._office_document()
        workbook = WorkbookHandler(self)
        self._parse(workbook_part, workbook)
        relations = self._relations(workbook_part)
        if workbook.first_sheet_id is None or workbook.first_sheet_id not in relations:
            raise self.damaged("it has no worksheet")
        targets = {kind: target for _id, (kind, target) in relations.items()}
        strings: list[str] = []
        date_styles: dict[int, bool] = {}
        if "styles" in targets:
            styles = StylesHandler(self)
            self._parse(targets["styles"], styles)
            date_styles = styles.date_styles()
        if "sharedStrings" in targets:
            shared = SharedStringsHandler(self)
            self._parse(targets["sharedStrings"], shared)
            strings = shared.strings
        kind, sheet_part = relations[workbook.first_sheet_id]
        if kind != "worksheet":
            raise self.refuse("not_a_worksheet", "The first sheet of this workbook is a chart, not a table.")
        epoch = dt.datetime(1904, 1, 1) if workbook.date1904 else None
        sheet = _SheetHandler(self, strings, date_styles, epoch)
        yield from self._stream(sheet_part, sheet)

    def _office_document(self) -> str:
        if "_rels/.rels" in self.names:
            for kind, target in self._relations("").values():
                if kind == "officeDocument":
                    return target
        if "xl/workbook.xml" in self.names:
            return "xl/workbook.xml"
        raise self.damaged("it has no workbook part")

    def _relations(self, part: str) -> dict[str, tuple[str, str]]:
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
        if rels_name not in self.names:
            return {}
        handler = RelationshipsHandler(self, folder)
        self._parse(rels_name, handler)
        return handler.relations

    # -- streaming one part through expat -------------------------------------------------------------

    def _parse(self, part: str, handler: Handler) -> None:
        for _ in self._stream(part, handler):
            pass

    def _stream(self, part: str, handler: Handler) -> Iterator[tuple[int, list[Value]]]:
        if part not in self.names:
            raise self.damaged(f"the part {part} is missing")
        parser = pyexpat.ParserCreate()
        parser.buffer_text = True
        parser.StartElementHandler = handler.start
        parser.EndElementHandler = handler.end
        parser.CharacterDataHandler = handler.text
        parser.StartDoctypeDeclHandler = self._no_doctype
        parser.EntityDeclHandler = self._no_doctype
        with self.archive.open(part) as stream:
            while chunk := stream.read(CHUNK_BYTES):
                try:
                    parser.Parse(chunk, False)
                except pyexpat.ExpatError as exc:
                    raise self.damaged(f"its part {part} is not well-formed") from exc
                if handler.ready:
                    yield from handler.ready
                    handler.ready.clear()
            try:
                parser.Parse(b"", True)
            except pyexpat.ExpatError as exc:
                raise self.damaged(f"its part {part} is not well-formed") from exc
        yield from handler.ready
        handler.ready.clear()

    def _no_doctype(self, *args) -> None:
        raise self.damaged("it declares its own XML entities")

    def count_element(self) -> None:
        self.elements_left -= 1
        if self.elements_left < 0:
            raise self.refuse(
                "too_many_elements",
                f"This spreadsheet holds far more than its {number(self.limits.cells)} cells allow "
                "(formatting, styles or text runs).",
            )


class _SheetHandler(Handler):
    def __init__(self, reader, strings: list[str], date_styles: dict[int, bool], epoch):
        # Imported here: openpyxl is heavy and only workbooks need its date arithmetic.
        from openpyxl.utils.datetime import WINDOWS_EPOCH, from_excel, from_ISO8601

        super().__init__(reader)
        self.strings, self.date_styles, self.epoch = strings, date_styles, epoch or WINDOWS_EPOCH
        self.from_excel, self.from_iso = from_excel, from_ISO8601
        self.max_columns = reader.max_columns
        self.cells_left = reader.limits.cells
        self.rows_left = reader.limits.rows + 1  # the header row and `rows` rows below it
        self.in_sheet_data = False
        self.row_number = 0
        self.column = self.row_cells = 0
        self.values: dict[int, Value] = {}
        self.cell_type = "n"
        self.cell_style = 0
        self.capture = False
        self.inline = False
        self.phonetic = 0
        self.collector = TextCollector(reader, lambda: f"A cell in row {self.row_number} of this spreadsheet")

    def _count_cell(self) -> None:
        self.cells_left -= 1
        if self.cells_left < 0:
            raise self.reader.refuse(
                "too_many_cells",
                f"This spreadsheet holds more than {number(self.reader.limits.cells)} cells on its first "
                "sheet (counting empty cells that carry formatting).",
            )

    def start(self, name, attrs):
        # The hot path: one call per element of a sheet that may hold IMPORT_MAX_CELLS cells.
        reader = self.reader
        reader.elements_left -= 1
        if reader.elements_left < 0:
            reader.count_element()
        local = local_name(name) if ":" in name else name
        if local == "c" and self.in_sheet_data:
            self._count_cell()
            reference = attrs.get("r")
            self.column = _column(reference) if reference else self.column + 1
            self.row_cells += 1
            if self.column < 1:
                raise self.reader.damaged(f"a cell has the reference {reference[:20]!r}")
            if self.column > EXCEL_MAX_COLUMNS or self.row_cells > EXCEL_MAX_COLUMNS:
                raise self.reader.refuse(
                    "row_too_wide",
                    f"Row {self.row_number} of this spreadsheet holds more than {number(EXCEL_MAX_COLUMNS)} "
                    "cells, more than Excel itself allows.",
                )
            self.cell_type = attrs.get("t", "n")
            self.cell_style = to_int(attrs.get("s"))
            self.inline = False
        elif local == "v" and self.in_sheet_data:
            # Cells right of the columns read are counted, never collected.
            self.capture = self.column <= self.max_columns
        elif local == "is":
            self.inline = True
        elif local == "t" and self.inline and not self.phonetic:
            self.capture = self.column <= self.max_columns
        elif local == "rPh":
            self.phonetic += 1
        elif local == "row" and self.in_sheet_data:
            self._count_cell()
            reference = attrs.get("r")
            self.row_number = to_int(reference) if reference else self.row_number + 1
            self.column = self.row_cells = 0
            self.values = {}
        elif local == "sheetData":
            self.in_sheet_data = True

    def end(self, name):
        local = local_name(name) if ":" in name else name
        if local in ("v", "t"):
            self.capture = False
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "c" and self.in_sheet_data:
            if not self.collector.pieces:
                return  # an empty cell
            text = self.collector.take()
            if self.column <= self.max_columns:
                value = self._value(text)
                if value is not None and value != "":
                    self.values[self.column] = value
        elif local == "row" and self.in_sheet_data:
            if self.values:
                self.rows_left -= 1
                if self.rows_left < 0:
                    raise self.reader.refuse(
                        "too_many_rows",
                        f"This spreadsheet has more than {number(self.reader.limits.rows)} rows below its "
                        "first row; split it and import the parts one by one.",
                    )
                width = max(self.values)
                self.ready.append((self.row_number, [self.values.get(i) for i in range(1, width + 1)]))
        elif local == "sheetData":
            self.in_sheet_data = False

    def text(self, data):
        if self.capture:
            self.collector.add(data)

    def _value(self, text: str) -> Value:
        kind = self.cell_type
        if kind == "inlineStr" or kind == "str" or kind == "e":
            return text
        if not text:
            return None
        if kind == "s":
            index = to_int(text, -1)
            if not 0 <= index < len(self.strings):
                raise self.reader.damaged(f"a cell in row {self.row_number} points at a missing text")
            return self.strings[index]
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "d":
            try:
                return self.from_iso(text)
            except (ValueError, OverflowError, TypeError):
                return text
        return self._number(text)

    def _number(self, text: str) -> Value:
        try:
            number = float(text) if any(mark in text for mark in ".eE") else int(text)
        except ValueError:
            return text
        if self.cell_style in self.date_styles:
            try:
                return self.from_excel(number, self.epoch, timedelta=self.date_styles[self.cell_style])
            except (OverflowError, ValueError):
                return "#VALUE!"
        return number


def _column(reference: str) -> int:
    """The 1-based column of a cell reference such as "AB12"; 0 when it is not one."""
    column = 0
    for position, char in enumerate(reference):
        if "A" <= char <= "Z":
            if position >= 3:
                return 0
            column = column * 26 + ord(char) - 64
        elif "a" <= char <= "z":
            if position >= 3:
                return 0
            column = column * 26 + ord(char) - 96
        else:
            break
    return column
