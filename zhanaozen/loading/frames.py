"""Typed pandas columns derived from the Table Schema: the only place dtypes are decided."""
from __future__ import annotations

import io

import pandas as pd

from . import partial_dates
from ..package.descriptor import EARLIEST, LATEST, Field, Table



def pandas_dtype(field: Field):
    """The nullable pandas dtype a field loads as."""
    if field.enum is not None:
        return pd.CategoricalDtype(list(field.enum))
    return {
        "integer": "Int64",
        "number": "Float64",
        "boolean": "boolean",
        "date": partial_dates.DATE_UNIT,
    }.get(field.type, "string")


def read_text(table: Table, path=None) -> pd.DataFrame:
    """Every cell as text (pandas ``string``), with the schema's missing values as <NA>."""
    return pd.read_csv(
        path or io.BytesIO(table.read_bytes()),  # the guarded reader (package/safe_files.py)
        dtype="string",
        keep_default_na=False,
        na_values=list(table.missing_values),
        encoding="utf-8",
    )


def _categorical(text: pd.Series, dtype: pd.CategoricalDtype) -> pd.Series:
    """``text.where(text.isin(categories)).astype(dtype)``: with pyarrow, the codes come from one
    ``index_in`` call instead of pandas factorising every cell."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # loading needs pandas only
        return text.where(text.isin(dtype.categories)).astype(dtype)
    categories = pa.array(list(dtype.categories), type=pa.string())
    codes = pc.fill_null(pc.index_in(pa.array(text.astype("string").array), value_set=categories), -1)
    return pd.Series(pd.Categorical.from_codes(codes.to_numpy(zero_copy_only=False), dtype=dtype),
                     index=text.index, name=text.name)


def convert(field: Field, text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """The typed column and a mask of cells whose text could not be converted."""
    dtype = pandas_dtype(field)
    if isinstance(dtype, pd.CategoricalDtype):
        typed = _categorical(text, dtype)
    elif dtype == "Int64":
        numbers = pd.to_numeric(text, errors="coerce")
        whole = numbers.notna() & (numbers % 1 == 0) & text.str.fullmatch(r"[+-]?\d+").fillna(False)
        typed = numbers.where(whole).astype("Int64")
    elif dtype == "Float64":
        typed = pd.to_numeric(text, errors="coerce").astype("Float64")
    elif dtype == "boolean":
        truth = pd.Series(pd.NA, index=text.index, dtype="boolean")
        truth[text.isin(field.true_values).fillna(False)] = True
        truth[text.isin(field.false_values).fillna(False)] = False
        typed = truth
    elif dtype == partial_dates.DATE_UNIT:
        typed = pd.to_datetime(text, format="%Y-%m-%d", errors="coerce").astype(dtype)
    else:
        # Text never fails here; a partial date's failures come with its day bounds in typed_frame.
        return text.astype("string"), pd.Series(False, index=text.index)
    failed = text.notna() & typed.isna()
    return typed, failed.astype(bool)


def typed_frame(table: Table, text: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, pd.Series]]:
    """Typed columns in schema order, each partial date followed by its day bounds.

    Returns the frame and, per field, the mask of cells that could not be converted
    (they are <NA> in the frame; the validator reports them).
    """
    columns: dict[str, pd.Series] = {}
    failures: dict[str, pd.Series] = {}
    for field in table.fields:
        typed, failed = convert(field, text[field.name])
        columns[field.name] = typed
        failures[field.name] = failed
        if field.partial_date:
            earliest, latest = partial_dates.bounds(typed)
            failures[field.name] = partial_dates.invalid(text[field.name], earliest)
            columns[field.name + EARLIEST] = earliest
            columns[field.name + LATEST] = latest
    return pd.DataFrame(columns, index=text.index), failures
