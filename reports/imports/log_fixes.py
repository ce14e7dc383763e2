"""Fixing a staged collaboration log row by row in the preview (issue 14): the librarian corrects a row's
cells or leaves the row out, then confirms; the whole file is still saved all or nothing.

Pure functions on the staged data (reports/imports/staging.py): `data["table"]` holds the rows as uploaded,
`data["left_out"]` the rows set aside ([line, cells], put back on request). Every change is checked again
by the preview and by the save, exactly as a row of the uploaded file.
"""

from reports.imports.log_parse import FIELDS, PLAN_FIELDS

MAX_CELL_CHARS = 32_767  # as a spreadsheet cell (collabtrack.upload_limits)


def correctable_fields(mapping: dict) -> list[tuple[str, str, int]]:
    """(field, label, column index) of the log's mapped columns, which a correction may change."""
    return [
        (name, label, mapping[name])
        for name, label in FIELDS.items()
        if name not in PLAN_FIELDS and mapping.get(name) is not None
    ]


def _position(data: dict, line: int) -> int | None:
    numbers = data["table"]["line_numbers"] or list(range(2, len(data["table"]["rows"]) + 2))
    data["table"]["line_numbers"] = numbers
    return numbers.index(line) if line in numbers else None


def row_cells(data: dict, line: int) -> list[str] | None:
    position = _position(data, line)
    return None if position is None else data["table"]["rows"][position]


def row_correct(data: dict, line: int, values: dict[str, str]) -> bool:
    """Put the librarian's text into the row's mapped cells; False when the file has no such row."""
    position = _position(data, line)
    if position is None:
        return False
    cells = list(data["table"]["rows"][position])
    for name, _label, index in correctable_fields(data["mapping"]):
        if name in values:
            cells += [""] * (index + 1 - len(cells))
            cells[index] = values[name][:MAX_CELL_CHARS]
    data["table"]["rows"][position] = cells
    return True


def row_leave_out(data: dict, line: int) -> bool:
    position = _position(data, line)
    if position is None:
        return False
    cells = data["table"]["rows"].pop(position)
    data["table"]["line_numbers"].pop(position)
    data.setdefault("left_out", []).append([line, cells])
    return True


def row_put_back(data: dict, line: int) -> bool:
    left_out = data.get("left_out", [])
    for item in left_out:
        if item[0] == line:
            left_out.remove(item)
            numbers, rows = data["table"]["line_numbers"], data["table"]["rows"]
            at = next((i for i, number in enumerate(numbers) if number > line), len(numbers))
            numbers.insert(at, line)
            rows.insert(at, item[1])
            return True
    return False
