"""Typed polars columns for validation, decided from the Table Schema field by field.

The loader builds the same columns with pandas (zhanaozen/loading/frames.py); both follow the field's type,
vocabulary, true/false values and partialDate, and tests/test_typed_columns.py holds them to the same
values and the same conversion failures on the shipped data and on every bad example.
"""
from __future__ import annotations

import polars as pl

from zhanaozen.package.descriptor import EARLIEST, LATEST, Field, Table

# Python's \d is Unicode; so is Rust's.
_PARTIAL = r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$"
_WHOLE = r"^[+-]?[0-9]+$"  # what pandas.to_numeric accepts and `[+-]?\d+` fully matches
_ISO_DAY = "%Y-%m-%d"
_FAILED = "\0failed:"  # prefix of the mask columns, which no field name can start with


def polars_dtype(field: Field) -> pl.DataType:
    if field.enum is not None:
        return pl.Enum(list(field.enum))
    return {"integer": pl.Int64, "number": pl.Float64, "boolean": pl.Boolean, "date": pl.Date}.get(
        field.type, pl.String)


def _convert(field: Field, text: pl.Expr) -> pl.Expr:
    dtype = polars_dtype(field)
    if isinstance(dtype, pl.Enum):
        return text.cast(dtype, strict=False)
    if dtype == pl.Int64:
        return pl.when(text.str.contains(_WHOLE)).then(text.str.to_integer(strict=False))
    if dtype == pl.Float64:
        return text.str.strip_chars().cast(pl.Float64, strict=False).fill_nan(None)
    if dtype == pl.Boolean:
        return (pl.when(text.is_in(list(field.true_values))).then(True)
                .when(text.is_in(list(field.false_values))).then(False))
    if dtype == pl.Date:
        return text.str.to_date(_ISO_DAY, strict=False)
    return text


def _earliest(name: str) -> pl.Expr:
    """The first day a partial date can mean; null where empty or not a real date."""
    text = pl.col(name).str.strip_suffix("\n")  # Python's $, which the loader uses, matches before a final \n
    real = text.str.contains(_PARTIAL) & ~text.str.starts_with("0000")  # pandas has no year 0
    size = text.str.len_bytes()
    first = pl.when(size == 4).then(text + "-01-01").when(size == 7).then(text + "-01").otherwise(text)
    return pl.when(real).then(first.str.to_date(_ISO_DAY, strict=False)).alias(name + EARLIEST)


def _latest(name: str) -> pl.Expr:
    """The last day, from the first (computed in an earlier step: repeating it inside one expression
    would parse the text again for each use)."""
    earliest = pl.col(name + EARLIEST)
    size = pl.col(name).str.strip_suffix("\n").str.len_bytes()
    return (pl.when(size == 10).then(earliest).when(size == 7).then(earliest.dt.month_end())
            .otherwise(pl.date(earliest.dt.year(), 12, 31)).alias(name + LATEST))


def typed_frame(table: Table, text: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, pl.Series]]:
    """Typed columns in schema order, each partial date followed by its day bounds, and per field the
    mask of cells whose text could not be converted (null in the frame; the validator reports them)."""
    dates = [field.name for field in table.fields if field.partial_date]
    columns: list[pl.Expr] = []
    for field in table.fields:
        columns.append(_convert(field, pl.col(field.name)).alias(field.name))
        if field.partial_date:
            columns += [pl.col(field.name + EARLIEST), pl.col(field.name + LATEST)]
    # One query for all columns and masks (polars computes each conversion once): each call into
    # polars can wait for the GIL while the validator's other thread runs Pandera.
    failed = [_failed(field).alias(_FAILED + field.name) for field in table.fields]
    both = (text.lazy().with_columns([_earliest(name) for name in dates])
            .with_columns([_latest(name) for name in dates]).select(columns + failed).collect())
    return (both.drop([_FAILED + field.name for field in table.fields]),
            {field.name: both[_FAILED + field.name].alias(field.name) for field in table.fields})


def _failed(field: Field) -> pl.Expr:
    """True where the cell holds text that could not be converted."""
    if field.partial_date:
        converted = pl.col(field.name + EARLIEST)
    elif polars_dtype(field) == pl.String:
        return pl.lit(False)
    else:
        converted = _convert(field, pl.col(field.name))
    return pl.col(field.name).is_not_null() & converted.is_null()
