"""Typed polars columns for validation, decided from the Table Schema field by field.

The loader builds the same columns with pandas (zhanaozen/frames.py); both follow the field's type,
vocabulary, true/false values and partialDate, and tests/test_typed_columns.py holds them to the same
values and the same conversion failures on the shipped data and on every bad example.
"""
from __future__ import annotations

import polars as pl

from zhanaozen.descriptor import EARLIEST, LATEST, Field, Table

# Python's \d is Unicode; so is Rust's. Python's $ also matches before a final line break.
_PARTIAL = r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\n?$"
_WHOLE = r"^[+-]?[0-9]+$"  # what pandas.to_numeric accepts and `[+-]?\d+` fully matches
_ISO_DAY = "%Y-%m-%d"


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


def _bounds(name: str) -> list[pl.Expr]:
    """Earliest and latest day a partial date can mean; null where empty or not a real date."""
    parts = pl.col(name).str.extract_groups(_PARTIAL)
    year, month, day = (parts.struct.field(str(i)) for i in (1, 2, 3))
    earliest = (year + "-" + month.fill_null("01") + "-" + day.fill_null("01")).str.to_date(_ISO_DAY, strict=False)
    latest = (pl.when(day.is_not_null()).then(earliest)
              .when(month.is_not_null()).then(earliest.dt.month_end())
              .otherwise((year + "-12-31").str.to_date(_ISO_DAY, strict=False)))
    latest = pl.when(earliest.is_not_null()).then(latest)
    return [earliest.alias(name + EARLIEST), latest.alias(name + LATEST)]


def typed_frame(table: Table, text: pl.DataFrame) -> tuple[pl.DataFrame, dict[str, pl.Series]]:
    """Typed columns in schema order, each partial date followed by its day bounds, and per field the
    mask of cells whose text could not be converted (null in the frame; the validator reports them)."""
    columns: list[pl.Expr] = []
    for field in table.fields:
        columns.append(_convert(field, pl.col(field.name)).alias(field.name))
        if field.partial_date:
            columns += _bounds(field.name)
    typed = text.select(columns)
    failed = {f.name: text[f.name].is_not_null() & typed[f.name + EARLIEST if f.partial_date else f.name].is_null()
              for f in table.fields}
    return typed, failed
