"""Read one CSV as text cells, reporting what breaks its structure."""
from __future__ import annotations

import csv
import hashlib
import io
import re
from typing import Callable, NamedTuple

import numpy as np
import polars as pl
import pyarrow as pa
import pyarrow.csv as pacsv

from zhanaozen.package import safe_files
from zhanaozen.package.descriptor import Table

from ..findings import Finding

# The stage as the catalogue (validators/catalogue.py) lists it: its name, what it asks, its fix.
RULE = "structure"
QUESTION = ("each CSV is UTF-8 without BOM, within the size limits, has the schema's header, well-formed "
            "quotes and one cell per field in every row")
FIX = ("Save the file as UTF-8 (no BOM), comma-separated, with the schema's header and one cell per field "
       "on every row; `zhanaozen template TABLE` prints the header.")

# Limits on contributed files, documented in CONTRIBUTING.md. GitHub refuses files over 100 MiB, and
# spreadsheets hold at most 32,767 characters in a cell; anything larger is a mistake, not a record.
MAX_FILE_BYTES = safe_files.MAX_DATA_BYTES
MAX_CELL_CHARS = 32_767
csv.field_size_limit(MAX_FILE_BYTES)  # record_lines must read past an oversized cell to locate it

UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _finding(table: Table, message: str, line: int | None = None, value: str | None = None,
             column: str | None = None) -> Finding:
    return Finding("structure", table.relpath, message, line=line, column=column, value=value, table=table.name)


def _located(table: Table, raw: bytes, offset: int, message: str) -> Finding:
    """A finding at the line and field of a byte offset (the field is counted from the unquoted commas)."""
    start = raw.rfind(b"\n", 0, offset) + 1
    cells = csv.reader([raw[start:offset].decode("utf-8", errors="replace") + "x"])
    index = len(next(cells, [""])) - 1
    names = table.field_names
    column = names[index] if index < len(names) else names[-1]
    return _finding(table, message, raw.count(b"\n", 0, offset) + 1, column=column)


def _encoding(table: Table, raw: bytes) -> list[Finding]:
    """UTF-16, a byte-order mark or a NUL byte: files that are not UTF-8 text at all."""
    first = table.field_names[0]
    if raw.startswith(UTF16_BOMS):
        return [_finding(table, "the file is UTF-16; save it as UTF-8", 1, column=first)]
    if raw.startswith(b"\xef\xbb\xbf"):
        return [_finding(table, "the file starts with a byte-order mark; save it as UTF-8 without BOM", 1,
                         column=first)]
    nul = raw.find(b"\x00")
    if nul >= 0:
        return [_located(table, raw, nul, "contains a NUL byte (a binary or UTF-16 file?); save it as UTF-8 text")]
    return []


def _invalid_utf8(table: Table, raw: bytes) -> list[Finding]:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return [_located(table, raw, exc.start, "the file is not valid UTF-8 (Latin-1 or Windows-1251?); "
                                                "save it as UTF-8")]
    return []


def _header(table: Table, raw: bytes) -> list[Finding]:
    end = raw.find(b"\n")
    first_line = (raw if end < 0 else raw[:end]).decode("utf-8", errors="replace")
    header = next(csv.reader(io.StringIO(first_line)), [])
    expected = table.field_names
    if header == expected:
        return []
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    repeated = sorted({name for name in header if header.count(name) > 1})
    parts = []
    if ";" in first_line and len(header) == 1:
        parts.append("cells are separated by semicolons; use commas")
    if missing:
        parts.append("missing column(s) " + ", ".join(missing))
    if extra:
        parts.append("unexpected column(s) " + ", ".join(extra))
    if repeated:
        parts.append("repeated column(s) " + ", ".join(repeated))
    misplaced = [name for name, want in zip(header, expected) if name != want]
    if not parts:
        parts.append("columns are out of the schema's order")
    column = (repeated + missing + extra + misplaced + [expected[0]])[0]
    return [_finding(table, "header does not match the schema: " + "; ".join(parts)
                     + f". Expected: {','.join(expected)}", 1, column=column)]


def _blank_lines(table: Table, raw: bytes) -> list[Finding]:
    return [_finding(table, "blank line; delete it", raw[: match.start()].count(b"\n") + 2,
                     column=table.field_names[0])
            for match in re.finditer(rb"\n(?=\r?\n)", raw)]


_QUOTE = ord('"')


def _edge(chars: np.ndarray) -> np.ndarray:
    """Where a byte may stand next to a quote: a comma, a line break or another quote."""
    return (chars == ord(",")) | (chars == ord("\n")) | (chars == ord("\r")) | (chars == _QUOTE)


_QUOTE_BLOCK = 1 << 22


def _quote_offsets(raw: bytes) -> np.ndarray:
    """Where every double quote stands: found once, in native code, for the two quote checks. Block by
    block, so that the comparison's mask stays in the CPU's cache (a third faster on a 100 MB file)."""
    data = np.frombuffer(raw, dtype=np.uint8)
    blocks = [np.flatnonzero(data[start:start + _QUOTE_BLOCK] == _QUOTE) + start
              for start in range(0, len(data), _QUOTE_BLOCK)]
    return np.concatenate(blocks) if blocks else np.empty(0, dtype=np.intp)


def _stray_quotes(table: Table, raw: bytes, quotes: np.ndarray) -> list[Finding]:
    """Quotes with ordinary characters on both sides, like `a"b` or `"a"b`: pyarrow would silently drop or
    keep them, so they are refused. Found with whole-array operations, as a regex scan would cost more than
    parsing. (An unclosed quote surfaces as a row with too few cells.)"""
    at = quotes[(quotes > 0) & (quotes < len(raw) - 1)]
    if not len(at):
        return []
    data = np.frombuffer(raw, dtype=np.uint8)
    lone = at[~_edge(data[at - 1]) & ~_edge(data[at + 1])]
    return [_located(table, raw, int(offset), "a quote inside a cell that is not doubled; put the whole cell in "
                                              'double quotes and write each quote inside it as ""')
            for offset in lone[:20]]


def _oversized(table: Table, frame: pl.DataFrame) -> list[Finding]:
    """Cells over MAX_CELL_CHARS. A cell has at least as many bytes as characters, and polars knows each
    cell's byte length without reading it, so a normal file costs next to nothing."""
    longest = frame.select(pl.all().str.len_bytes().max()).row(0) if frame.height else ()
    findings = []
    for name, size in zip(frame.columns, longest):
        if (size or 0) <= MAX_CELL_CHARS:
            continue
        lines = record_lines(table)
        for index in (frame[name].str.len_chars() > MAX_CELL_CHARS).arg_true().to_list():
            findings.append(_finding(table, f"cell is longer than {MAX_CELL_CHARS} characters; shorten it",
                                     lines[index] if index < len(lines) else index + 2, column=name))
    return findings


def _parse(table: Table, raw: bytes, on_invalid, block_size: int | None = None) -> pa.Table:
    names = table.field_names
    read = pacsv.ReadOptions(use_threads=False, skip_rows=1, column_names=names)
    if block_size:
        read.block_size = block_size
    return pacsv.read_csv(
        pa.BufferReader(raw),  # not io.BytesIO: pyarrow would take the GIL to read each block
        read_options=read,
        parse_options=pacsv.ParseOptions(invalid_row_handler=on_invalid, ignore_empty_lines=False,
                                         newlines_in_values=True),
        # check_utf8=False: read_table parses only a file found to be UTF-8 as a whole (_is_utf8), and a cell
        # cut from UTF-8 at commas, quotes and line breaks (ASCII, never inside a character) is UTF-8 too;
        # Arrow's second check of every cell took a tenth of the parse.
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in names}, check_utf8=False,
            null_values=list(table.missing_values), strings_can_be_null=True, quoted_strings_can_be_null=True,
        ),
    )


def _rows(table: Table, raw: bytes, quotes: np.ndarray) -> tuple[Cells | None, list[Finding]]:
    stray = _stray_quotes(table, raw, quotes)
    if stray:  # parsing would misplace every cell after the quote
        return None, _blank_lines(table, raw) + stray
    bad: list[Finding] = []

    names = table.field_names

    def on_invalid(row) -> str:
        start = max(raw.find(row.text.encode()), 0)
        if row.text.count('"') % 2:  # an unclosed quote swallowed the rest of the file into one cell
            bad.append(_located(table, raw, start + row.text.index('"'),
                                "a quote opens a cell here and never closes it; close it or double it"))
            return "skip"
        short = row.actual_columns < row.expected_columns
        # A short row lacks the field after its last cell; a long one has cells after the last field.
        column = names[row.actual_columns] if short else names[-1]
        where = f"no cell for {column} onwards" if short else f"cells after the last field, {column}"
        bad.append(_finding(table, f"row has {row.actual_columns} cell(s), the schema has "
                                   f"{row.expected_columns} field(s) ({where}; a comma or quote out of place?)",
                            row.number or raw.count(b"\n", 0, start) + 1, row.text[:80], column=column))
        return "skip"

    try:
        # In order on one core: pyarrow's threaded reader is slower here (with values that may hold line
        # breaks it cannot split the file ahead), and the handler then gets rows out of order.
        arrow = _parse(table, raw, on_invalid)
    except (pa.ArrowException, UnicodeError):
        try:  # a row longer than pyarrow's block (a huge cell): read the file as one block to locate it
            bad.clear()
            arrow = _parse(table, raw, on_invalid, block_size=len(raw) + 1)
        except (pa.ArrowException, UnicodeError) as exc:
            return None, [_finding(table, f"the file cannot be parsed as CSV ({exc})", column=names[0])]
    frame = pl.from_arrow(arrow)
    # pyarrow reads a blank line as a row of empty cells; only then is the file searched for blank lines
    # (a scan of every byte, which costs more than parsing).
    if frame.height and frame.select(pl.all_horizontal(pl.all().is_null()).any()).item():
        bad = _blank_lines(table, raw) + bad
    bad += _oversized(table, frame)
    if bad:
        return None, bad
    return Cells(arrow, frame), []


class Cells(NamedTuple):
    """A table's cells as text columns: as Arrow for the typing engine, and the same columns in polars
    for the rules (converted once: on text-heavy data a second conversion copies every cell again);
    and, for a file of at most DIGESTED_BYTES, a digest of its bytes."""
    arrow: pa.Table
    text: pl.DataFrame
    digest: bytes | None = None


# By this digest the field checks of a small table already checked in this process are reused
# (validators/stages/fields.py); hashing costs about a millisecond a MiB.
DIGESTED_BYTES = 1 << 20


def _digest(raw: bytes) -> bytes | None:
    return hashlib.blake2b(raw, digest_size=16).digest() if len(raw) <= DIGESTED_BYTES else None


def read_table(table: Table, read: Callable[[Table], bytes] = Table.read_bytes) -> tuple[Cells | None, list[Finding]]:
    """The table's cells as text columns, or None with the findings that prevent reading it. ``read`` gives
    the file's bytes through the guarded reader (a regular file inside the package, refused over the
    limit before reading), or bytes it already read so (validators/run.py)."""
    try:
        raw = read(table)
    except safe_files.UnsafeFile as exc:
        return None, [_finding(table, exc.message, 1, column=table.field_names[0])]
    refused = _encoding(table, raw) or _line_endings(table, raw) or ([] if _is_utf8(raw) else _invalid_utf8(table, raw))
    if refused:
        return None, refused
    findings = _header(table, raw)
    if not findings:
        # pyarrow checks that every cell is UTF-8 while it parses, so the whole file is decoded in
        # Python only when it cannot be read; invalid UTF-8 is then the finding that counts.
        quotes = _quote_offsets(raw)
        frame, findings = _rows(table, raw, quotes)
        findings = findings or _unclosed_at_end(table, raw, quotes)
        if not findings:
            return frame._replace(digest=_digest(raw)), []
    return None, _invalid_utf8(table, raw) or findings


def _is_utf8(raw: bytes) -> bool:
    """Whether the bytes are UTF-8, checked by Arrow in native code without copying them. Checked before
    parsing: pyarrow decodes a malformed row for the handler and, on invalid UTF-8, prints a traceback
    and never calls it, so the row would vanish without a finding."""
    offsets = pa.py_buffer(np.array([0, len(raw)], dtype=np.int32).tobytes() if len(raw) < 2**31 else
                           np.array([0, len(raw)], dtype=np.int64).tobytes())
    kind = pa.binary() if len(raw) < 2**31 else pa.large_binary()
    target = pa.string() if len(raw) < 2**31 else pa.large_string()
    try:
        pa.Array.from_buffers(kind, 1, [None, offsets, pa.py_buffer(raw)]).cast(target)
    except pa.ArrowInvalid:
        return False
    return True


def _line_endings(table: Table, raw: bytes) -> list[Finding]:
    """A carriage return not followed by a line feed: old Mac line endings (or a stray CR), which some
    readers take as a line break and others as part of a cell; the file is refused, not guessed at."""
    if b"\r" not in raw:  # the usual case, found at memchr speed
        return []
    match = re.search(rb"\r(?!\n)", raw)
    if match is None:
        return []
    return [_located(table, raw, match.start(), "a line ends with a carriage return only (CR, old Mac line "
                                                "endings) or a cell holds one; save the file with \\n line endings")]


def _unclosed_at_end(table: Table, raw: bytes, quotes: np.ndarray) -> list[Finding]:
    """A quote opened in the last row and never closed: pyarrow reads the rest of the file into the cell
    without a word. In a well-formed file quotes pair up (a doubled quote closes and reopens), so an odd
    count means the last quote opens a cell that never ends."""
    if len(quotes) % 2 == 0:
        return []
    return [_located(table, raw, int(quotes[-1]), "a quote opens a cell here and the file ends before it "
                                                 "closes; close the quote or double it")]


def record_lines(table: Table, records: int | None = None) -> list[int]:
    """Physical line on which each data record starts (differs from index + 2 when cells hold newlines).

    ``records``, the number of records read, lets a file whose every record fits on one line (as many
    lines as records and header) skip the record-by-record walk in Python."""
    raw = table.read_bytes()
    physical = raw.count(b"\n") + (0 if raw.endswith(b"\n") else 1)
    if records is not None and physical == records + 1:
        return list(range(2, records + 2))
    reader = csv.reader(io.StringIO(raw.decode("utf-8", errors="replace"), newline=""))
    next(reader, None)
    starts, line = [], 2
    for _ in reader:
        starts.append(line)
        line = reader.line_num + 1
    return starts
