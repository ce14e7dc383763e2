"""Hostile archives and spreadsheets, generated at test time: small on disk, huge when unpacked.

The big ones are built without compressing their unpacked size: a block of XML is deflated once and
ended with a full flush (which leaves the compressor byte-aligned and forgets its history), so that
segment can be repeated any number of times in the member's deflate stream; the CRC of the repeated
block is combined arithmetically. A 520 MiB cell costs a few hundred KB and a few milliseconds to make,
and every bomb is a valid ZIP that `zipfile` would unpack in full.

The "stored" variants keep their members uncompressed, so they pass the archive checks (ratio 1, a few
MB) and test the limits that apply while the sheet streams.
"""

from __future__ import annotations

import io
import os
import struct
import zipfile
import zlib
from dataclasses import dataclass

MiB = 1024 * 1024
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"


# -- CRC-32 of repeated data (zlib's crc32_combine) -----------------------------------------------------


def _gf2_times(matrix: list[int], vector: int) -> int:
    result, index = 0, 0
    while vector:
        if vector & 1:
            result ^= matrix[index]
        vector >>= 1
        index += 1
    return result


def _gf2_square(matrix: list[int]) -> list[int]:
    return [_gf2_times(matrix, row) for row in matrix]


def crc32_combine(crc1: int, crc2: int, length2: int) -> int:
    """The CRC-32 of A+B from crc(A), crc(B) and len(B)."""
    if length2 <= 0:
        return crc1
    odd = [0xEDB88320] + [1 << n for n in range(31)]
    even = _gf2_square(odd)
    odd = _gf2_square(even)
    while True:
        even = _gf2_square(odd)
        if length2 & 1:
            crc1 = _gf2_times(even, crc1)
        length2 >>= 1
        if not length2:
            break
        odd = _gf2_square(even)
        if length2 & 1:
            crc1 = _gf2_times(odd, crc1)
        length2 >>= 1
        if not length2:
            break
    return crc1 ^ crc2


def crc32_repeated(block: bytes, times: int) -> int:
    crc, block_crc, length = 0, zlib.crc32(block), len(block)
    power_crc, power_length = block_crc, length  # the CRC of block * 2**k
    while times:
        if times & 1:
            crc = crc32_combine(crc, power_crc, power_length)
        power_crc = crc32_combine(power_crc, power_crc, power_length)
        power_length *= 2
        times >>= 1
    return crc


# -- members and a hand-written ZIP -------------------------------------------------------------------


@dataclass
class Member:
    name: str
    packed: bytes
    crc: int
    size: int
    method: int = zipfile.ZIP_DEFLATED


def _segment(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush(zlib.Z_FULL_FLUSH)


_FINAL_BLOCK = b"\x03\x00"  # an empty final block with fixed codes


def repeated(name: str, head: bytes, block: bytes, times: int, tail: bytes) -> Member:
    """A deflated member holding head + block * times + tail."""
    packed = _segment(head) + _segment(block) * times + _segment(tail) + _FINAL_BLOCK
    crc = crc32_combine(zlib.crc32(head), crc32_repeated(block, times), len(block) * times)
    crc = crc32_combine(crc, zlib.crc32(tail), len(tail))
    return Member(name, packed, crc, len(head) + len(block) * times + len(tail))


def plain(name: str, data: bytes, method: int = zipfile.ZIP_DEFLATED) -> Member:
    packed = data if method == zipfile.ZIP_STORED else _segment(data) + _FINAL_BLOCK
    return Member(name, packed, zlib.crc32(data), len(data), method)


def build_zip(members: list[Member]) -> bytes:
    out, directory = io.BytesIO(), io.BytesIO()
    for member in members:
        name = member.name.encode("utf-8")
        offset = out.tell()
        fields = (0x0800, member.method, 0, 0x21, member.crc, len(member.packed), member.size, len(name), 0)
        out.write(struct.pack("<4s5HIIIHH", b"PK\x03\x04", 20, *fields) + name + member.packed)
        directory.write(
            struct.pack("<4s6HIIIHHHHHII", b"PK\x01\x02", 20, 20, *fields, 0, 0, 0, 0, offset) + name
        )
    start, body = out.tell(), directory.getvalue()
    out.write(body)
    out.write(struct.pack("<4s4HIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(body), start, 0))
    return out.getvalue()


# -- workbooks ----------------------------------------------------------------------------------------


def _package(sheet: Member, shared: Member | None = None, extra: list[Member] | None = None) -> list[Member]:
    overrides = '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-' + (
        'officedocument.spreadsheetml.sheet.main+xml"/>'
    )
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        f'content-types"><Default Extension="xml" ContentType="application/xml"/>{overrides}</Types>'
    )
    root_rels = (
        f'<Relationships xmlns="{PKG_REL_NS}"><Relationship Id="rId1" Type="{REL_NS}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    )
    workbook = (
        f'<workbook xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheets><sheet name="Log" sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    )
    relations = f'<Relationship Id="rId1" Type="{REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
    if shared is not None:
        relations += f'<Relationship Id="rId2" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
    members = [
        plain("[Content_Types].xml", content_types.encode()),
        plain("_rels/.rels", root_rels.encode()),
        plain("xl/workbook.xml", workbook.encode()),
        plain(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{PKG_REL_NS}">{relations}</Relationships>'.encode(),
        ),
        sheet,
    ]
    return members + ([shared] if shared else []) + (extra or [])


def _sheet(
    head_rows: str = "", block: bytes = b"", times: int = 0, tail_rows: str = "", stored=False
) -> Member:
    head = f'<worksheet xmlns="{MAIN_NS}"><sheetData>{head_rows}'.encode()
    tail = f"{tail_rows}</sheetData></worksheet>".encode()
    if stored:
        return plain("xl/worksheets/sheet1.xml", head + block * times + tail, zipfile.ZIP_STORED)
    return repeated("xl/worksheets/sheet1.xml", head, block, times, tail)


HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Date</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Topic</t></is></c></row>'
)


def giant_cell(mib: int = 520) -> bytes:
    """The issue's file: one cell whose text unpacks to `mib` MiB."""
    block = b"A" * MiB
    head = HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>'
    return build_zip(_package(_sheet(head, block, mib, "</t></is></c></row>")))


def giant_shared_string(mib: int = 520) -> bytes:
    """One shared string of `mib` MiB, used by one cell."""
    head = f'<sst xmlns="{MAIN_NS}" count="1" uniqueCount="1"><si><t>'.encode()
    shared = repeated("xl/sharedStrings.xml", head, b"B" * MiB, mib, b"</t></si></sst>")
    return build_zip(_package(_sheet(HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'), shared))


def wide_row(cells: int = 13_000_000) -> bytes:
    """One row of `cells` cells (the issue's 1.6 MB file with 13 million)."""
    block = b'<c t="n"><v>1</v></c>' * 1000
    return build_zip(_package(_sheet(HEADER_ROW + '<row r="2">', block, cells // 1000, "</row>")))


def many_rows(rows: int = 5_000_000) -> bytes:
    """`rows` rows of one cell, without a <dimension> (the issue's 1.9 MB file with 5 million)."""
    block = b'<row><c t="n"><v>1</v></c></row>' * 1000
    return build_zip(_package(_sheet(HEADER_ROW, block, rows // 1000)))


def random_text(chars: int) -> bytes:
    """Letters that do not compress much, so the file passes the compression-ratio check."""
    return bytes(97 + byte % 26 for byte in os.urandom(chars))


def giant_cell_stored(chars: int = 2 * MiB) -> bytes:
    """A cell of `chars` letters in a workbook that passes every archive check: refused as it streams."""
    head = HEADER_ROW + '<row r="2"><c r="A2" t="inlineStr"><is><t>'
    return build_zip(_package(_sheet(head, random_text(chars), 1, "</t></is></c></row>", stored=True)))


def giant_shared_string_stored(chars: int = 2 * MiB) -> bytes:
    head = f'<sst xmlns="{MAIN_NS}"><si><t>'.encode()
    shared = plain("xl/sharedStrings.xml", head + random_text(chars) + b"</t></si></sst>", zipfile.ZIP_STORED)
    return build_zip(
        _package(_sheet(HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>0</v></c></row>', stored=True), shared)
    )


def wide_row_stored(cells: int = 1_000_000) -> bytes:
    """A row of a million empty cells, uncompressed (4 MB): passes the archive checks."""
    return build_zip(_package(_sheet(HEADER_ROW + '<row r="2">', b"<c/>", cells, "</row>", stored=True)))


def many_wide_rows_stored(rows: int = 25, cells: int = 16_000) -> bytes:
    """Rows nearly as wide as Excel allows, 400 000 empty cells in all (as formatting leaves them),
    uncompressed (1.5 MB): more cells than a sheet may hold."""
    block = b"<row>" + b"<c/>" * cells + b"</row>"
    return build_zip(_package(_sheet(HEADER_ROW, block, rows, stored=True)))


def many_rows_stored(rows: int = 150_000) -> bytes:
    """150 000 one-cell rows without <dimension>, uncompressed: passes the archive checks."""
    block = b"<row><c><v>1</v></c></row>"
    return build_zip(_package(_sheet(HEADER_ROW, block, rows, stored=True)))


def many_members(count: int = 5000) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(count):
            archive.writestr(f"xl/media/image{index}.xml", b"")
    return buffer.getvalue()


SLIP_NAMES = [
    "../../etc/cron.d/evil",
    "/etc/passwd",
    "C:/Windows/evil.xml",
    "xl\\..\\..\\evil.xml",
    "xl/../../x",
]


def zip_slip(name: str = SLIP_NAMES[0]) -> bytes:
    extra = [plain(name, b"<x/>")]
    return build_zip(_package(_sheet(HEADER_ROW, stored=True), extra=extra))


def nested_archive(name: str = "xl/embeddings/inner.zip") -> bytes:
    """A workbook holding another ZIP; `name` may hide it under an innocent extension."""
    inner = build_zip(_package(_sheet(HEADER_ROW, stored=True)))
    return build_zip(_package(_sheet(HEADER_ROW, stored=True), extra=[plain(name, inner)]))


def small_workbook(rows: list[list[str]]) -> bytes:
    """A well-formed workbook of inline strings (for tests of what is accepted)."""
    body = "".join(
        f'<row r="{number}">'
        + "".join(f'<c t="inlineStr"><is><t>{value}</t></is></c>' for value in values)
        + "</row>"
        for number, values in enumerate(rows, 1)
    )
    return build_zip(_package(_sheet(body, stored=True)))


# The bombs of the issue, each with the refusal its message must name.
BOMBS = {
    "giant cell (520 MiB)": (giant_cell, "unpacks to more than"),
    "giant shared string (520 MiB)": (giant_shared_string, "unpacks to more than"),
    "row of 13 million cells": (wide_row, "unpacks to more than"),
    "5 million rows": (many_rows, "unpacks to more than"),
    "giant cell below the archive limits": (giant_cell_stored, "characters"),
    "giant shared string below the archive limits": (giant_shared_string_stored, "characters"),
    "row of a million cells below the archive limits": (wide_row_stored, "more than 16 384 cells"),
    "400 000 cells in wide rows below the archive limits": (many_wide_rows_stored, "more than 300 000 cells"),
    "150 000 rows below the archive limits": (many_rows_stored, "rows"),
    "5 000 members": (many_members, "more than 200 files"),
    "zip slip": (zip_slip, "points outside"),
    "nested archive": (nested_archive, "another packed file"),
    "nested archive under another name": (
        lambda: nested_archive("xl/media/image1.png"),
        "another packed file",
    ),
}
