"""The canonical form of a table's CSV, which ``zhanaozen fmt`` writes and ``fmt --check`` expects.

Canonical: the schema's column order; rows sorted by primary key (numbers inside IDs compared as
numbers, so PER-10000 follows PER-9999); UTF-8 without BOM; ``\\n`` line endings, also after the last
row; text in Unicode NFC; a cell quoted only when it holds a comma, a quote or a line break.

Formatting is lossless: every cell keeps its text (up to NFC, which changes no character a reader
sees), only its position and its quoting change. A file that cannot be read with certainty — wrong
encoding, NUL bytes, a header that is not the schema's columns, a row with too few or too many cells,
broken quoting — is refused, never guessed at. Standard library only: formatting needs no extra.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata

from ..package.descriptor import Package, Table
from ..package.safe_files import UnsafeFile, read_bytes
from ..package.writing import UnsafeWrite, target, write_bytes

BOM = b"\xef\xbb\xbf"
_DIGITS = re.compile(r"(\d+)")


class Unformattable(ValueError):
    """The file cannot be formatted without guessing; it is left as it is."""

    def __init__(self, table: Table, message: str, line: int | None = None):
        where = f"{table.relpath}:{line}" if line else table.relpath
        super().__init__(f"{where}: {message}; fix it by hand (zhanaozen validate explains), then run fmt again")


def natural_key(value: str) -> tuple:
    """Sort key comparing digit runs as numbers; the raw text breaks ties so the order is total."""
    parts = _DIGITS.split(value)
    # Text and numbers alternate at fixed positions, so two keys never compare a number with text;
    # the raw value stays apart for the same reason.
    return tuple(_number(p) if i % 2 else p for i, p in enumerate(parts)), value


def _number(digits: str) -> tuple[int, str]:
    """A digit run as a key that orders like its number without converting it: int() refuses runs of
    more than 4,300 digits, which a hostile ID can hold. Shorter (after leading zeros) is smaller."""
    if not digits.isascii():  # \d also matches other scripts' digits
        digits = "".join(str(unicodedata.digit(c)) for c in digits)
    digits = digits.lstrip("0")
    return len(digits), digits


def _records(table: Table, raw: bytes) -> tuple[list[str], list[list[str]]]:
    if raw.startswith(BOM):  # the only encoding fix that is certain: drop the mark, keep the text
        raw = raw[len(BOM):]
    if b"\x00" in raw:
        raise Unformattable(table, "contains NUL bytes (UTF-16 or binary?)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Unformattable(table, "is not UTF-8", raw.count(b"\n", 0, exc.start) + 1) from None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise Unformattable(table, f"broken quoting ({exc})", reader.line_num) from None
    if not rows:
        raise Unformattable(table, "is empty; it needs at least the header")
    header, body = rows[0], [row for row in rows[1:] if row]  # a blank line holds no cell
    if sorted(header) != sorted(table.field_names):
        raise Unformattable(table, "header is not the schema's columns (in any order)", 1)
    for row in body:
        if len(row) != len(header):
            raise Unformattable(table, f"a row has {len(row)} cells, the header {len(header)}")
    return header, body


def canonical(table: Table, raw: bytes) -> bytes:
    """The canonical bytes of ``raw``, a CSV of ``table``; raises Unformattable instead of guessing."""
    header, body = _records(table, raw)
    names = table.field_names
    positions = [header.index(name) for name in names]
    rows = [[unicodedata.normalize("NFC", row[i]) for i in positions] for row in body]
    key = [names.index(name) for name in table.primary_key]
    rows.sort(key=lambda row: tuple(natural_key(row[i]) for i in key))
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(names)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def format_package(package: Package, write: bool) -> tuple[list[str], list[str]]:
    """(files not in canonical form, refusals). With ``write`` the former are rewritten in place."""
    changed, refused = [], []
    for table in package.tables.values():
        try:
            path = target(package.root, table.relpath)  # a symbolic link is never read through or replaced
            raw = read_bytes(package.root, path, table.relpath)  # guarded: a regular file, within the size limit
            wanted = canonical(table, raw)
        except (OSError, Unformattable, UnsafeWrite, UnsafeFile) as exc:
            refused.append(str(exc))
            continue
        if wanted != raw:
            changed.append(table.relpath)
            if write:  # through a temporary file: an interruption never leaves half a table
                write_bytes(package.root, table.relpath, wanted)
    return changed, refused
