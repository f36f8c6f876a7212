"""Read one CSV as text cells, reporting what breaks its structure."""
from __future__ import annotations

import csv
import io
import re

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

from zhanaozen.descriptor import Table

from .findings import Finding


def _finding(table: Table, message: str, line: int | None = None, value: str | None = None) -> Finding:
    return Finding("structure", table.relpath, message, line=line, value=value, table=table.name)


def _decode(table: Table, raw: bytes) -> tuple[str | None, list[Finding]]:
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [_finding(table, "the file starts with a byte-order mark; save it as UTF-8 without BOM", 1)]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return None, [_finding(table, "the file is not valid UTF-8; save it as UTF-8", line)]


def _header(table: Table, text: str) -> list[Finding]:
    header = next(csv.reader(io.StringIO(text.split("\n", 1)[0])), [])
    expected = table.field_names
    if header == expected:
        return []
    missing = [name for name in expected if name not in header]
    extra = [name for name in header if name not in expected]
    parts = []
    if missing:
        parts.append("missing column(s) " + ", ".join(missing))
    if extra:
        parts.append("unexpected column(s) " + ", ".join(extra))
    if not parts:
        parts.append("columns are out of the schema's order")
    return [_finding(table, "header does not match the schema: " + "; ".join(parts)
                     + f". Expected: {','.join(expected)}", 1)]


def _blank_lines(table: Table, raw: bytes) -> list[Finding]:
    return [_finding(table, "blank line; delete it", raw[: match.start()].count(b"\n") + 2)
            for match in re.finditer(rb"\n(?=\r?\n)", raw)]


def _rows(table: Table, raw: bytes) -> tuple[pd.DataFrame | None, list[Finding]]:
    bad: list[Finding] = _blank_lines(table, raw)

    def on_invalid(row) -> str:
        bad.append(_finding(table, f"row has {row.actual_columns} cell(s), the schema has "
                                   f"{row.expected_columns} field(s)", row.number, row.text[:80]))
        return "skip"

    names = table.field_names
    try:
        arrow = pacsv.read_csv(
            io.BytesIO(raw),
            read_options=pacsv.ReadOptions(use_threads=False, skip_rows=1, column_names=names),
            parse_options=pacsv.ParseOptions(invalid_row_handler=on_invalid, ignore_empty_lines=False,
                                             newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={name: pa.string() for name in names},
                null_values=list(table.missing_values), strings_can_be_null=True, quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowException) as exc:
        return None, [_finding(table, f"the file cannot be parsed as CSV ({exc})")]
    if bad:
        return None, bad
    frame = arrow.to_pandas(types_mapper={pa.string(): pd.StringDtype()}.get)
    return frame, []


def read_table(table: Table) -> tuple[pd.DataFrame | None, list[Finding]]:
    """The table's cells as ``string`` columns, or None with the findings that prevent reading it."""
    try:
        raw = table.path.read_bytes()
    except OSError as exc:
        return None, [_finding(table, f"cannot read the file ({exc.strerror or exc})")]
    text, findings = _decode(table, raw)
    if text is None:
        return None, findings
    findings = _header(table, text)
    if findings:
        return None, findings
    return _rows(table, raw)


def record_lines(table: Table) -> list[int]:
    """Physical line on which each data record starts (differs from index + 2 when cells hold newlines)."""
    with table.path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        next(reader, None)
        starts, line = [], 2
        for _ in reader:
            starts.append(line)
            line = reader.line_num + 1
        return starts
