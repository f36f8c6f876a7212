"""The one typing engine: text cells (Arrow) to typed Arrow columns, decided by each field's kind.

The loader hands the result to pandas (``frames.py``) and the validator to polars
(``validators/stages/field_types.py``); both take Arrow columns without copying the values, so a cell
is typed once, by one set of rules, whoever reads it. Each field also gets the mask of cells whose
text could not be converted (null in the typed column; the validator reports them).

Needs pyarrow only (no pandas, no polars).
"""
from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from ..package.descriptor import EARLIEST, LATEST, Field, Table
from .arrow_values import EMPTY_CODES, FALSE, NULL_BOOL, NULL_DATE, NULL_TEXT, TRUE, int32, strings, text as scalar

_WHOLE = r"^[+-]?[0-9]+$"
_DECIMAL = r"^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$"
_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
# \p{Nd} is every decimal digit, as in Python's \d: a date in other digits is not a real date (the
# parse below fails), rather than not a date at all.
_PARTIAL = r"^\p{Nd}{4}(?:-\p{Nd}{2}(?:-\p{Nd}{2})?)?$"


def read_text(table: Table, data: bytes) -> pa.Table:
    """Every cell of a CSV as text, the schema's missing values as null, columns named by the file's header."""
    return pacsv.read_csv(
        pa.BufferReader(data),
        parse_options=pacsv.ParseOptions(newlines_in_values=True),
        convert_options=pacsv.ConvertOptions(
            column_types={name: pa.string() for name in table.field_names},
            null_values=list(table.missing_values), strings_can_be_null=True, quoted_strings_can_be_null=True),
    )


def _only(text: pa.ChunkedArray, keep: pa.ChunkedArray) -> pa.ChunkedArray:
    """The text where ``keep`` holds, null elsewhere (so that a cast sees only convertible cells)."""
    return pc.if_else(keep, text, NULL_TEXT)


def _integer(text: pa.ChunkedArray) -> pa.ChunkedArray:
    whole = _only(text, pc.match_substring_regex(text, _WHOLE))
    whole = pc.replace_substring_regex(whole, pattern=r"^\+", replacement="")  # Arrow's parser refuses a plus sign
    try:
        return pc.cast(whole, pa.int64())
    except pa.ArrowInvalid:  # a whole number beyond 64 bits: null, cell by cell
        return pa.chunked_array([[_int64(v) for v in whole.to_pylist()]], pa.int64())


def _int64(value: str | None) -> int | None:
    if value is None or len(value.lstrip("+-0")) > 19:  # beyond 64 bits (and int() refuses 4,300+ digits)
        return None
    number = int(value)
    return number if -2 ** 63 <= number < 2 ** 63 else None


def _number(text: pa.ChunkedArray) -> pa.ChunkedArray:
    trimmed = pc.utf8_trim_whitespace(text)
    decimal = pc.replace_substring_regex(_only(trimmed, pc.match_substring_regex(trimmed, _DECIMAL)), pattern=r"^\+",
                                       replacement="")
    return pc.cast(decimal, pa.float64())


def _boolean(field: Field, text: pa.ChunkedArray) -> pa.ChunkedArray:
    true = pc.is_in(text, value_set=strings(field.true_values))
    false = pc.is_in(text, value_set=strings(field.false_values))
    return pc.if_else(true, TRUE, pc.if_else(false, FALSE, NULL_BOOL))


def _day(text: pa.ChunkedArray) -> pa.ChunkedArray:
    """YYYY-MM-DD text (only ASCII digits reach here) as a date; null where it names no real day.

    Arrow's strptime rolls 2012-02-30 over to March: a day is real only if it reads back the same."""
    parsed = pc.cast(pc.strptime(text, format="%Y-%m-%d", unit="s", error_is_null=True), pa.date32())
    parts = _only(text, pc.is_valid(parsed))
    same = pc.and_(pc.equal(pc.month(parsed), pc.cast(pc.utf8_slice_codeunits(parts, 5, 7), pa.int64())),
                   pc.equal(pc.day(parsed), pc.cast(pc.utf8_slice_codeunits(parts, 8, 10), pa.int64())))
    year_zero = pc.starts_with(text, "0000")  # not a year of the calendar pandas and polars use
    return pc.if_else(pc.and_(same, pc.invert(year_zero)), parsed, NULL_DATE)


def _date(text: pa.ChunkedArray) -> pa.ChunkedArray:
    return _day(_only(text, pc.match_substring_regex(text, _DAY)))


def bounds(text: pa.ChunkedArray) -> tuple[pa.ChunkedArray, pa.ChunkedArray]:
    """Earliest and latest day a partial date (YYYY, YYYY-MM, YYYY-MM-DD) can mean; null where empty or
    not a real date."""
    # A final line break is ignored (as Python's $ does, which partial dates were first read with).
    text = pc.if_else(pc.ends_with(text, "\n"), pc.utf8_slice_codeunits(text, 0, -1), text)
    text = _only(text, pc.match_substring_regex(text, _PARTIAL))
    size = pc.binary_length(text)
    year, month, day = int32(4), int32(7), int32(10)
    padded = pc.if_else(pc.equal(size, year), pc.binary_join_element_wise(text, scalar("-01-01"), scalar("")),
                        pc.if_else(pc.equal(size, month), pc.binary_join_element_wise(text, scalar("-01"), scalar("")),
                                   text))
    earliest = _day(padded)
    latest = pc.if_else(pc.equal(size, day), earliest,
                        pc.if_else(pc.equal(size, month), _day_before_next(earliest, "month"), _day_before_next(earliest, "year")))
    return earliest, latest


def _day_before_next(day: pa.ChunkedArray, unit: str) -> pa.ChunkedArray:
    """The last day of the month or year of each day (in days since 1970: a timedelta scalar would
    make pyarrow import pandas)."""
    following = pc.cast(pc.ceil_temporal(day, unit=unit, ceil_is_strictly_greater=True), pa.date32())
    return pc.cast(pc.subtract(pc.cast(following, pa.int32()), int32(1)), pa.date32())


def _vocabulary(field: Field, text: pa.ChunkedArray) -> pa.ChunkedArray:
    """Codes into the vocabulary in the schema's order (pandas category, polars Enum)."""
    values = strings(field.enum)
    codes = pc.index_in(text, value_set=values).chunks or [EMPTY_CODES]  # an empty table too
    return pa.chunked_array([pa.DictionaryArray.from_arrays(chunk, values) for chunk in codes])


def typed_columns(table: Table, text: pa.Table) -> tuple[pa.Table, dict[str, pa.ChunkedArray]]:
    """Typed columns in schema order, each partial date followed by its day bounds; and per field, the
    mask of cells whose text could not be converted."""
    names, columns, failed = [], [], {}
    for field in table.fields:
        cells = text.column(field.name)
        kind = field.kind.name
        if kind == "partial date":
            earliest, latest = bounds(cells)
            names += [field.name, field.name + EARLIEST, field.name + LATEST]
            columns += [cells, earliest, latest]
            failed[field.name] = pc.and_(pc.is_valid(cells), pc.is_null(earliest))
            continue
        typed = {"text": lambda: cells, "vocabulary": lambda: _vocabulary(field, cells),
                 "integer": lambda: _integer(cells), "number": lambda: _number(cells),
                 "boolean": lambda: _boolean(field, cells), "date": lambda: _date(cells)}[kind]()
        names.append(field.name)
        columns.append(typed)
        failed[field.name] = pc.and_(pc.is_valid(cells), pc.is_null(typed))
    return pa.table(columns, names=names), failed
