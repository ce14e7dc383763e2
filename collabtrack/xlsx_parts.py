"""The small parts of an .xlsx workbook (relationships, workbook, styles, shared strings), each parsed
by a handler that `collabtrack.xlsx` feeds through expat. Every handler counts its elements against the
reader's budget (`reader.count_element()`), and text is collected with a length limit, so no part costs
more than the limits allow. See `collabtrack.xlsx` for the whole story."""

from __future__ import annotations

import posixpath

from collabtrack.upload_limits import number


def local_name(name: str) -> str:
    return name.rpartition(":")[2]


class Handler:
    def __init__(self, reader):
        self.reader = reader
        self.ready: list = []

    def start(self, name: str, attrs: dict[str, str]) -> None:
        self.reader.count_element()

    def end(self, name: str) -> None:
        pass

    def text(self, data: str) -> None:
        pass


class WorkbookHandler(Handler):
    def __init__(self, reader):
        super().__init__(reader)
        self.first_sheet_id: str | None = None
        self.date1904 = False

    def start(self, name, attrs):
        self.reader.count_element()
        local = local_name(name)
        if local == "sheet" and self.first_sheet_id is None:
            self.first_sheet_id = next((v for k, v in attrs.items() if local_name(k) == "id"), None)
        elif local == "workbookPr":
            self.date1904 = attrs.get("date1904", "").lower() in ("1", "true")


class RelationshipsHandler(Handler):
    def __init__(self, reader, folder: str):
        super().__init__(reader)
        self.folder = folder
        self.relations: dict[str, tuple[str, str]] = {}

    def start(self, name, attrs):
        self.reader.count_element()
        if local_name(name) == "Relationship" and attrs.get("TargetMode") != "External":
            target = attrs.get("Target", "")
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = posixpath.normpath(posixpath.join(self.folder, target))
            kind = attrs.get("Type", "").rpartition("/")[2]
            self.relations[attrs.get("Id", "")] = (kind, path)


class StylesHandler(Handler):
    def __init__(self, reader):
        super().__init__(reader)
        self.custom_formats: dict[int, str] = {}
        self.cell_formats: list[int] = []
        self.in_cell_xfs = False

    def start(self, name, attrs):
        self.reader.count_element()
        local = local_name(name)
        if local == "numFmt":
            self.custom_formats[to_int(attrs.get("numFmtId"))] = attrs.get("formatCode", "")[:255]
        elif local == "cellXfs":
            self.in_cell_xfs = True
        elif local == "xf" and self.in_cell_xfs:
            self.cell_formats.append(to_int(attrs.get("numFmtId")))

    def end(self, name):
        if local_name(name) == "cellXfs":
            self.in_cell_xfs = False

    def date_styles(self) -> dict[int, bool]:
        """Style index -> whether it shows a duration, for every style that shows a date or time."""
        from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format

        styles = {}
        for index, format_id in enumerate(self.cell_formats):
            code = self.custom_formats.get(format_id) or BUILTIN_FORMATS.get(format_id)
            if is_date_format(code):
                styles[index] = is_timedelta_format(code)
        return styles


class TextCollector:
    """Text gathered piece by piece, refused as soon as it passes the limit."""

    def __init__(self, reader, where):
        self.reader, self.where = reader, where
        self.pieces: list[str] = []
        self.length = 0

    def add(self, data: str) -> None:
        self.length += len(data)
        if self.length > self.reader.limits.cell_chars:
            raise self.reader.refuse(
                "cell_too_long",
                f"{self.where()} holds more than {number(self.reader.limits.cell_chars)} characters, "
                "more than Excel itself allows in a cell.",
            )
        self.pieces.append(data)

    def take(self) -> str:
        text = "".join(self.pieces)
        self.pieces, self.length = [], 0
        return text


class SharedStringsHandler(Handler):
    """The shared strings: each <si> is its <t>, or its runs' <t>s joined; phonetic runs are skipped."""

    def __init__(self, reader):
        super().__init__(reader)
        self.strings: list[str] = []
        self.collector = TextCollector(reader, lambda: "A text in this spreadsheet")
        self.in_text = False
        self.phonetic = 0

    def start(self, name, attrs):
        self.reader.count_element()
        local = local_name(name)
        if local == "t" and not self.phonetic:
            self.in_text = True
        elif local == "rPh":
            self.phonetic += 1
        elif local == "si" and len(self.strings) >= self.reader.limits.cells:
            raise self.reader.refuse(
                "too_many_cells",
                f"This spreadsheet holds more than {number(self.reader.limits.cells)} texts.",
            )

    def end(self, name):
        local = local_name(name)
        if local == "t":
            self.in_text = False
        elif local == "rPh":
            self.phonetic -= 1
        elif local == "si":
            self.strings.append(self.collector.take())

    def text(self, data):
        if self.in_text:
            self.collector.add(data)


def to_int(text: str | None, default: int = 0) -> int:
    if text is None or len(text) > 12:
        return default
    try:
        return int(text)
    except ValueError:
        return default
